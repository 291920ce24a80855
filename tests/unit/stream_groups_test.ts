/**
 * Consumer groups: XGROUP, XREADGROUP (BLOCK included), XACK, XPENDING,
 * XCLAIM, XAUTOCLAIM, XINFO GROUPS / CONSUMERS / STREAM FULL. The tables
 * hold the exact replies of redis-server 7.0.15, RESP2 and RESP3; the
 * tests after them use a manual clock for idle times and cover blocking,
 * propagation and the wake-ups of readers whose stream or group vanished.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import { peer, raw } from "../helpers/peers.ts";

const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const entry = (id: string, ...fv: string[]) =>
  "*2\r\n" + bulk(id) + "*" + fv.length + "\r\n" + fv.map(bulk).join("");

function runTable(protocol: number, rows: [string[], string][]): void {
  const r = createInProcess();
  if (protocol === 3) r.callRaw("HELLO", "3");
  for (const [argv, want] of rows) assert.equal(raw(r, ...argv), want, argv.join(" "));
}

type Table = [string, number, [string[], string][]];

// Exact replies of redis-server 7.0.15 (stream-node-max-entries 100, -bytes 4096).
const TABLES: Table[] = [
  ["XGROUP CREATE and its errors", 2, [
    [
      ["XGROUP", "CREATE", "s", "g", "$"],
      "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.\r\n",
    ],
    [["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"], "+OK\r\n"],
    [
      ["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"],
      "-BUSYGROUP Consumer Group name already exists\r\n",
    ],
    [["XGROUP", "CREATE", "s", "g2", "0", "ENTRIESREAD", "5"], "+OK\r\n"],
    [["XGROUP", "CREATE", "s", "g3", "0", "ENTRIESREAD", "-1"], "+OK\r\n"],
    [
      ["XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "-2"],
      "-ERR value for ENTRIESREAD must be positive or -1\r\n",
    ],
    [
      ["XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD", "x"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [
      ["XGROUP", "CREATE", "s", "g4", "0", "FOO"],
      "-ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.\r\n",
    ],
    [
      ["XGROUP", "CREATE", "s", "g4", "0", "MKSTREAM", "MKSTREAM", "MKSTREAM", "MKSTREAM"],
      "-ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.\r\n",
    ],
    [
      ["XGROUP", "CREATE", "s", "g4", "0", "ENTRIESREAD"],
      "-ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.\r\n",
    ],
    [
      ["XGROUP", "CREATE", "s", "g4", "+"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XGROUP", "CREATE", "s", "g4", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XGROUP", "CREATE", "s", "g4", "18446744073709551615-18446744073709551615"], "+OK\r\n"],
    [
      ["XGROUP", "CREATE", "nokey", "g", "0"],
      "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.\r\n",
    ],
    [["SET", "str", "v"], "+OK\r\n"],
    [
      ["XGROUP", "CREATE", "str", "g", "0"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XGROUP", "CREATE", "str", "g", "0", "MKSTREAM"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [["XGROUP", "CREATE"], "-ERR wrong number of arguments for 'xgroup|create' command\r\n"],
    [["XGROUP", "FOO"], "-ERR unknown subcommand 'FOO'. Try XGROUP HELP.\r\n"],
    [
      ["XINFO", "GROUPS", "s"],
      "*4\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:0\r\n*12\r\n$4\r\nname\r\n$2\r\ng3\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n*12\r\n$4\r\nname\r\n$2\r\ng4\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$41\r\n18446744073709551615-18446744073709551615\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [
      ["XINFO", "STREAM", "s"],
      "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n$17\r\nlast-generated-id\r\n$3\r\n0-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:0\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:4\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n",
    ],
  ]],
  ["XGROUP SETID, DESTROY, CREATECONSUMER, DELCONSUMER", 2, [
    [["XADD", "s", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "s", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XGROUP", "CREATE", "s", "g", "0"], "+OK\r\n"],
    [
      ["XGROUP", "SETID", "s", "g", "0", "MKSTREAM"],
      "-ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.\r\n",
    ],
    [
      ["XGROUP", "SETID", "s", "nog", "0"],
      "-NOGROUP No such consumer group 'nog' for key name 's'\r\n",
    ],
    [
      ["XGROUP", "SETID", "nokey", "g", "0"],
      "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.\r\n",
    ],
    [["XGROUP", "SETID", "s", "g", "1", "ENTRIESREAD", "3"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n1-0\r\n$12\r\nentries-read\r\n:3\r\n$3\r\nlag\r\n:-1\r\n",
    ],
    [
      ["XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD"],
      "-ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.\r\n",
    ],
    [["XGROUP", "SETID", "s", "g", "+"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$41\r\n18446744073709551615-18446744073709551615\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [["XGROUP", "SETID", "s", "g", "-"], "+OK\r\n"],
    [["XGROUP", "SETID", "s", "g", "$"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n2-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [
      ["XGROUP", "SETID", "s", "g", "5", "ENTRIESREAD", "3", "ENTRIESREAD", "4"],
      "-ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.\r\n",
    ],
    [
      ["XGROUP", "SETID", "s", "g", "(5"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XGROUP", "CREATECONSUMER", "s", "g", "c1"], ":1\r\n"],
    [["XGROUP", "CREATECONSUMER", "s", "g", "c1"], ":0\r\n"],
    [
      ["XGROUP", "CREATECONSUMER", "s", "nog", "c1"],
      "-NOGROUP No such consumer group 'nog' for key name 's'\r\n",
    ],
    [
      ["XGROUP", "CREATECONSUMER", "nokey", "g", "c1"],
      "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.\r\n",
    ],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n2-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [["XGROUP", "DELCONSUMER", "s", "g", "c1"], ":0\r\n"],
    [["XGROUP", "DELCONSUMER", "s", "g", "c1"], ":0\r\n"],
    [
      ["XGROUP", "DELCONSUMER", "s", "nog", "c1"],
      "-NOGROUP No such consumer group 'nog' for key name 's'\r\n",
    ],
    [["XGROUP", "DESTROY", "s", "nog"], ":0\r\n"],
    [
      ["XGROUP", "DESTROY", "nokey", "g"],
      "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.\r\n",
    ],
    [["XGROUP", "DESTROY", "s", "g"], ":1\r\n"],
    [
      ["XGROUP", "DESTROY", "s", "g", "x"],
      "-ERR wrong number of arguments for 'xgroup|destroy' command\r\n",
    ],
    [
      ["XGROUP", "HELP"],
      "*17\r\n+XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CREATE <key> <groupname> <id|$> [option]\r\n+    Create a new consumer group. Options are:\r\n+    * MKSTREAM\r\n+      Create the empty stream if it does not exist.\r\n+    * ENTRIESREAD entries_read\r\n+      Set the group's entries_read counter (internal use).\r\n+CREATECONSUMER <key> <groupname> <consumer>\r\n+    Create a new consumer in the specified group.\r\n+DELCONSUMER <key> <groupname> <consumer>\r\n+    Remove the specified consumer.\r\n+DESTROY <key> <groupname>\r\n+    Remove the specified group.\r\n+SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]\r\n+    Set the current group ID and entries_read counter.\r\n+HELP\r\n+    Prints this help.\r\n",
    ],
    [["XGROUP", "HELP", "x"], "-ERR wrong number of arguments for 'xgroup|help' command\r\n"],
    [["XINFO", "GROUPS", "s"], "*0\r\n"],
  ]],
  ["XREADGROUP delivery and history", 2, [
    [["XADD", "s", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "s", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XADD", "s", "3-0", "c", "3"], "$3\r\n3-0\r\n"],
    [["XGROUP", "CREATE", "s", "g", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "COUNT", "1", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", "(2-0"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">"], "*-1\r\n"],
    [["XREADGROUP", "GROUP", "g", "c3", "STREAMS", "s", "0"], "*1\r\n*2\r\n$1\r\ns\r\n*0\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c3", "BLOCK", "10", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*0\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "s", "0", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "$"],
      "-ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "nog", "c1", "STREAMS", "s", ">"],
      "-NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "nokey", ">"],
      "-NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s"],
      "-ERR wrong number of arguments for 'xreadgroup' command\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "STREAMS", "s", ">"],
      "-ERR wrong number of arguments for 'xreadgroup' command\r\n",
    ],
    [
      ["XREADGROUP", "COUNT", "1", "STREAMS", "s", ">", "x", "y", "z"],
      "-ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "COUNT", "x", "STREAMS", "s", ">"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["SET", "str", "v"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "str", ">"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XPENDING", "s", "g"],
      "*4\r\n:3\r\n$3\r\n1-0\r\n$3\r\n3-0\r\n*2\r\n*2\r\n$2\r\nc1\r\n$1\r\n1\r\n*2\r\n$2\r\nc2\r\n$1\r\n2\r\n",
    ],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:3\r\n$7\r\npending\r\n:3\r\n$17\r\nlast-delivered-id\r\n$3\r\n3-0\r\n$12\r\nentries-read\r\n:3\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [["XDEL", "s", "2-0"], ":1\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n2-0\r\n*-1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [["XGROUP", "SETID", "s", "g", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c3", "COUNT", "2", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [
      ["XPENDING", "s", "g"],
      "*4\r\n:3\r\n$3\r\n1-0\r\n$3\r\n3-0\r\n*2\r\n*2\r\n$2\r\nc2\r\n$1\r\n1\r\n*2\r\n$2\r\nc3\r\n$1\r\n2\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*-1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c3", "STREAMS", "s", "0"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
  ]],
  ["XREADGROUP NOACK and deleting consumers", 2, [
    [["XADD", "s", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "s", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XADD", "s", "3-0", "c", "3"], "$3\r\n3-0\r\n"],
    [["XGROUP", "CREATE", "s", "g", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "NOACK", "COUNT", "1", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
    ],
    [["XPENDING", "s", "g"], "*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n"],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n1-0\r\n$12\r\nentries-read\r\n:1\r\n$3\r\nlag\r\n:2\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [
      ["XPENDING", "s", "g"],
      "*4\r\n:2\r\n$3\r\n2-0\r\n$3\r\n3-0\r\n*1\r\n*2\r\n$2\r\nc2\r\n$1\r\n2\r\n",
    ],
    [["XGROUP", "DELCONSUMER", "s", "g", "c2"], ":2\r\n"],
    [["XPENDING", "s", "g"], "*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n"],
    [
      ["XINFO", "GROUPS", "s"],
      "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n3-0\r\n$12\r\nentries-read\r\n:3\r\n$3\r\nlag\r\n:0\r\n",
    ],
  ]],
  ["XACK", 2, [
    [["XADD", "s", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "s", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XADD", "s", "3-0", "c", "3"], "$3\r\n3-0\r\n"],
    [["XGROUP", "CREATE", "s", "g", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"],
      "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [["XACK", "s", "g", "1-0", "1-0", "9-0"], ":1\r\n"],
    [["XACK", "s", "g", "1-0"], ":0\r\n"],
    [["XACK", "s", "g", "x"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [
      ["XACK", "s", "g", "2-0", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XACK", "s", "nog", "x"], ":0\r\n"],
    [["XACK", "nokey", "g", "x"], ":0\r\n"],
    [["SET", "str", "v"], "+OK\r\n"],
    [
      ["XACK", "str", "g", "x"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XPENDING", "s", "g"],
      "*4\r\n:2\r\n$3\r\n2-0\r\n$3\r\n3-0\r\n*2\r\n*2\r\n$2\r\nc1\r\n$1\r\n1\r\n*2\r\n$2\r\nc2\r\n$1\r\n1\r\n",
    ],
    [["XACK", "s", "g", "2-0", "3"], ":2\r\n"],
    [["XPENDING", "s", "g"], "*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n"],
    [["XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"], "*1\r\n*2\r\n$1\r\ns\r\n*0\r\n"],
  ]],
  ["XPENDING summary and argument errors", 2, [
    [["XADD", "s", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XGROUP", "CREATE", "s", "g", "0"], "+OK\r\n"],
    [["XPENDING", "s", "g"], "*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n"],
    [["XPENDING", "s", "g", "IDLE", "100000", "-", "+", "10"], "*0\r\n"],
    [
      ["XPENDING", "s", "g", "IDLE", "x", "-", "+", "10"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [["XPENDING", "s", "g", "IDLE", "10", "-", "+"], "-ERR syntax error\r\n"],
    [["XPENDING", "s", "g", "-", "+"], "-ERR syntax error\r\n"],
    [["XPENDING", "s", "g", "-", "+", "10", "c1"], "*0\r\n"],
    [["XPENDING", "s", "g", "-", "+", "0"], "*0\r\n"],
    [
      ["XPENDING", "s", "g", "x", "+", "10"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XPENDING", "s", "g", "-", "+", "x"], "-ERR value is not an integer or out of range\r\n"],
    [
      ["XPENDING", "s", "g", "(-", "+", "10"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XPENDING", "s", "g", "-", "(+", "10"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XPENDING", "s", "g", "(18446744073709551615-18446744073709551615", "+", "10"],
      "-ERR invalid start ID for the interval\r\n",
    ],
    [["XPENDING", "s", "g", "-", "(0-0", "10"], "-ERR invalid end ID for the interval\r\n"],
    [["XPENDING", "s", "nog"], "-NOGROUP No such key 's' or consumer group 'nog'\r\n"],
    [["XPENDING", "nokey", "g"], "-NOGROUP No such key 'nokey' or consumer group 'g'\r\n"],
    [["SET", "str", "v"], "+OK\r\n"],
    [
      ["XPENDING", "str", "g"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [["XPENDING", "s"], "-ERR wrong number of arguments for 'xpending' command\r\n"],
    [["XPENDING", "s", "g", "-"], "-ERR syntax error\r\n"],
    [["XPENDING", "s", "g", "-", "+", "10", "a", "b", "c", "d"], "-ERR syntax error\r\n"],
  ]],
  ["XCLAIM and XAUTOCLAIM with deleted entries", 2, [
    [["XADD", "x", "1-0", "f", "v"], "$3\r\n1-0\r\n"],
    [["XADD", "x", "2-0", "f", "v"], "$3\r\n2-0\r\n"],
    [["XADD", "x", "3-0", "f", "v"], "$3\r\n3-0\r\n"],
    [["XADD", "x", "4-0", "f", "v"], "$3\r\n4-0\r\n"],
    [["XADD", "x", "5-0", "f", "v"], "$3\r\n5-0\r\n"],
    [["XGROUP", "CREATE", "x", "grp", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "grp", "Alice", "STREAMS", "x", ">"],
      "*1\r\n*2\r\n$1\r\nx\r\n*5\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XDEL", "x", "2-0", "4-0"], ":2\r\n"],
    [
      ["XCLAIM", "x", "grp", "Bob", "0", "1-0", "2-0", "3-0", "4-0"],
      "*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [
      ["XPENDING", "x", "grp"],
      "*4\r\n:3\r\n$3\r\n1-0\r\n$3\r\n5-0\r\n*2\r\n*2\r\n$5\r\nAlice\r\n$1\r\n1\r\n*2\r\n$3\r\nBob\r\n$1\r\n2\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Bob", "0", "0-0"],
      "*3\r\n$3\r\n0-0\r\n*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "0-0", "COUNT", "1"],
      "*3\r\n$3\r\n3-0\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "0-0", "COUNT", "1", "JUSTID"],
      "*3\r\n$3\r\n3-0\r\n*1\r\n$3\r\n1-0\r\n*0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "(1-0", "COUNT", "1", "JUSTID"],
      "*3\r\n$3\r\n5-0\r\n*1\r\n$3\r\n3-0\r\n*0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "(18446744073709551615-18446744073709551615"],
      "-ERR invalid start ID for the interval\r\n",
    ],
    [["XAUTOCLAIM", "x", "grp", "Carol", "0", "-", "COUNT", "0"], "-ERR COUNT must be > 0\r\n"],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "-", "COUNT", "576460752303423488"],
      "-ERR COUNT must be > 0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "-", "COUNT", "576460752303423487"],
      "-ERR Insufficient memory, failed allocating transient memory, COUNT too high.\r\n",
    ],
    [["XAUTOCLAIM", "x", "grp", "Carol", "0", "-", "COUNT", "100", "FOO"], "-ERR syntax error\r\n"],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "x", "-"],
      "-ERR Invalid min-idle-time argument for XAUTOCLAIM\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Carol", "0", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "nog", "Carol", "0", "-"],
      "-NOGROUP No such key 'x' or consumer group 'nog'\r\n",
    ],
    [
      ["XAUTOCLAIM", "nokey", "grp", "Carol", "0", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XPENDING", "x", "grp"],
      "*4\r\n:3\r\n$3\r\n1-0\r\n$3\r\n5-0\r\n*2\r\n*2\r\n$3\r\nBob\r\n$1\r\n1\r\n*2\r\n$5\r\nCarol\r\n$1\r\n2\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "3-0", "FORCE", "JUSTID"],
      "*2\r\n$3\r\n1-0\r\n$3\r\n3-0\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "FOO"],
      "-ERR Unrecognized XCLAIM option 'FOO'\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "IDLE", "x"],
      "-ERR Invalid IDLE option argument for XCLAIM\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "TIME", "x"],
      "-ERR Invalid TIME option argument for XCLAIM\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "RETRYCOUNT", "x"],
      "-ERR Invalid RETRYCOUNT option argument for XCLAIM\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "LASTID", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "x", "1-0"],
      "-ERR Invalid min-idle-time argument for XCLAIM\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "1-0", "2-0", "FORCE", "3-0"],
      "-ERR Unrecognized XCLAIM option '3-0'\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Dave", "0", "5-0", "FORCE"],
      "*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [
      ["XPENDING", "x", "grp"],
      "*4\r\n:3\r\n$3\r\n1-0\r\n$3\r\n5-0\r\n*1\r\n*2\r\n$4\r\nDave\r\n$1\r\n3\r\n",
    ],
    [
      ["XCLAIM", "x", "grp", "Eve", "0", "5-0", "LASTID", "9-0"],
      "*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [
      ["XINFO", "GROUPS", "x"],
      "*1\r\n*12\r\n$4\r\nname\r\n$3\r\ngrp\r\n$9\r\nconsumers\r\n:5\r\n$7\r\npending\r\n:3\r\n$17\r\nlast-delivered-id\r\n$3\r\n9-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [["XCLAIM", "x", "grp", "Eve", "0", "9-0", "LASTID", "10-0"], "*0\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*1\r\n*12\r\n$4\r\nname\r\n$3\r\ngrp\r\n$9\r\nconsumers\r\n:5\r\n$7\r\npending\r\n:3\r\n$17\r\nlast-delivered-id\r\n$4\r\n10-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [
      ["XCLAIM", "x", "nog", "Eve", "0", "1-0"],
      "-NOGROUP No such key 'x' or consumer group 'nog'\r\n",
    ],
    [
      ["XCLAIM", "nokey", "grp", "Eve", "0", "1-0"],
      "-NOGROUP No such key 'nokey' or consumer group 'grp'\r\n",
    ],
    [["XCLAIM", "x", "grp", "Eve", "10000000", "1-0"], "*0\r\n"],
    [["XCLAIM", "x", "grp", "Eve", "0", "1-0", "IDLE", "1000000", "JUSTID"], "*1\r\n$3\r\n1-0\r\n"],
    [["XPENDING", "x", "grp", "IDLE", "999000", "-", "+", "10", "Dave"], "*0\r\n"],
    [["XGROUP", "DELCONSUMER", "x", "grp", "Eve"], ":2\r\n"],
    [
      ["XPENDING", "x", "grp"],
      "*4\r\n:1\r\n$3\r\n3-0\r\n$3\r\n3-0\r\n*1\r\n*2\r\n$4\r\nDave\r\n$1\r\n1\r\n",
    ],
  ]],
  ["XAUTOCLAIM cursor and deleted IDs (Redis's scenarios)", 2, [
    [["XADD", "x", "1-0", "f", "v"], "$3\r\n1-0\r\n"],
    [["XADD", "x", "2-0", "f", "v"], "$3\r\n2-0\r\n"],
    [["XADD", "x", "3-0", "f", "v"], "$3\r\n3-0\r\n"],
    [["XGROUP", "CREATE", "x", "grp", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "grp", "Alice", "STREAMS", "x", ">"],
      "*1\r\n*2\r\n$1\r\nx\r\n*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XDEL", "x", "1-0"], ":1\r\n"],
    [["XDEL", "x", "2-0"], ":1\r\n"],
    [
      ["XAUTOCLAIM", "x", "grp", "Bob", "0", "0-0", "COUNT", "1"],
      "*3\r\n$3\r\n2-0\r\n*0\r\n*1\r\n$3\r\n1-0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Bob", "0", "2-0", "COUNT", "1"],
      "*3\r\n$3\r\n3-0\r\n*0\r\n*1\r\n$3\r\n2-0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "grp", "Bob", "0", "3-0", "COUNT", "1"],
      "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*0\r\n",
    ],
    [["XPENDING", "x", "grp", "-", "+", "10", "Alice"], "*0\r\n"],
    [["CONFIG", "SET", "stream-node-max-entries", "2"], "+OK\r\n"],
    [["XADD", "y", "1-0", "f", "v"], "$3\r\n1-0\r\n"],
    [["XADD", "y", "2-0", "f", "v"], "$3\r\n2-0\r\n"],
    [["XADD", "y", "3-0", "f", "v"], "$3\r\n3-0\r\n"],
    [["XGROUP", "CREATE", "y", "grp", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "grp", "Alice", "STREAMS", "y", ">"],
      "*1\r\n*2\r\n$1\r\ny\r\n*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XTRIM", "y", "MAXLEN", "1"], ":2\r\n"],
    [
      ["XAUTOCLAIM", "y", "grp", "Bob", "0", "0-0"],
      "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n1-0\r\n$3\r\n2-0\r\n",
    ],
  ]],
  ["Lag and entries-read", 2, [
    [["XGROUP", "CREATE", "x", "g1", "0", "MKSTREAM"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*1\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [["XADD", "x", "1-0", "data", "a"], "$3\r\n1-0\r\n"],
    [["XDEL", "x", "1-0"], ":1\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*1\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [["DEL", "x"], ":1\r\n"],
    [["XADD", "x", "1-0", "data", "a"], "$3\r\n1-0\r\n"],
    [["XADD", "x", "2-0", "data", "b"], "$3\r\n2-0\r\n"],
    [["XADD", "x", "3-0", "data", "c"], "$3\r\n3-0\r\n"],
    [["XADD", "x", "4-0", "data", "d"], "$3\r\n4-0\r\n"],
    [["XADD", "x", "5-0", "data", "e"], "$3\r\n5-0\r\n"],
    [["XDEL", "x", "3-0"], ":1\r\n"],
    [["XGROUP", "CREATE", "x", "g1", "0"], "+OK\r\n"],
    [["XGROUP", "CREATE", "x", "g2", "0"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g1", "c11", "COUNT", "1", "STREAMS", "x", ">"],
      "*1\r\n*2\r\n$1\r\nx\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$4\r\ndata\r\n$1\r\na\r\n",
    ],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:1\r\n$17\r\nlast-delivered-id\r\n$3\r\n1-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g1", "c11", "COUNT", "1", "STREAMS", "x", ">"],
      "*1\r\n*2\r\n$1\r\nx\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nb\r\n",
    ],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:2\r\n$17\r\nlast-delivered-id\r\n$3\r\n2-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g1", "c11", "COUNT", "1", "STREAMS", "x", ">"],
      "*1\r\n*2\r\n$1\r\nx\r\n*1\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nd\r\n",
    ],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:3\r\n$17\r\nlast-delivered-id\r\n$3\r\n4-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g1", "c11", "COUNT", "1", "STREAMS", "x", ">"],
      "*1\r\n*2\r\n$1\r\nx\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$4\r\ndata\r\n$1\r\ne\r\n",
    ],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:0\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [["XADD", "x", "6-0", "data", "f"], "$3\r\n6-0\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
    [["XTRIM", "x", "MINID", "=", "3-0"], ":2\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:3\r\n",
    ],
    [["XTRIM", "x", "MINID", "=", "5-0"], ":1\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n:2\r\n",
    ],
    [["XGROUP", "SETID", "x", "g2", "5-0", "ENTRIESREAD", "100"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:1\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:100\r\n$3\r\nlag\r\n:-94\r\n",
    ],
    [["XSETID", "x", "6-0", "ENTRIESADDED", "3"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:-2\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:100\r\n$3\r\nlag\r\n:-97\r\n",
    ],
    [["XGROUP", "CREATE", "x", "g3", "9-0"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*3\r\n*12\r\n$4\r\nname\r\n$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:5\r\n$3\r\nlag\r\n:-2\r\n*12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n5-0\r\n$12\r\nentries-read\r\n:100\r\n$3\r\nlag\r\n:-97\r\n*12\r\n$4\r\nname\r\n$2\r\ng3\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n9-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n",
    ],
  ]],
  ["RESP3 group replies", 3, [
    [["XADD", "x", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "x", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XGROUP", "CREATE", "x", "g", "0"], "+OK\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "x", ">"],
      "%1\r\n$1\r\nx\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
    ],
    [
      ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", "x", ">", "0"],
      "%2\r\n$1\r\nx\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nx\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [["XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", ">"], "_\r\n"],
    [
      ["XPENDING", "x", "g"],
      "*4\r\n:2\r\n$3\r\n1-0\r\n$3\r\n2-0\r\n*1\r\n*2\r\n$1\r\nc\r\n$1\r\n2\r\n",
    ],
    [["XDEL", "x", "1-0"], ":1\r\n"],
    [
      ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "x", "0"],
      "%1\r\n$1\r\nx\r\n*2\r\n*2\r\n$3\r\n1-0\r\n_\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XINFO", "GROUPS", "x"],
      "*1\r\n%6\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:2\r\n$17\r\nlast-delivered-id\r\n$3\r\n2-0\r\n$12\r\nentries-read\r\n:2\r\n$3\r\nlag\r\n:0\r\n",
    ],
    [
      ["XAUTOCLAIM", "x", "g", "d", "0", "0"],
      "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*1\r\n$3\r\n1-0\r\n",
    ],
    [["XACK", "x", "g", "2-0"], ":1\r\n"],
    [["XPENDING", "x", "g"], "*4\r\n:0\r\n_\r\n_\r\n_\r\n"],
    [["XCLAIM", "x", "g", "d", "0", "2-0"], "*0\r\n"],
    [["XGROUP", "CREATE", "x", "g2", "$"], "+OK\r\n"],
    [
      ["XINFO", "GROUPS", "x"],
      "*2\r\n%6\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:2\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n2-0\r\n$12\r\nentries-read\r\n:2\r\n$3\r\nlag\r\n:0\r\n%6\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$17\r\nlast-delivered-id\r\n$3\r\n2-0\r\n$12\r\nentries-read\r\n_\r\n$3\r\nlag\r\n:0\r\n",
    ],
  ]],
];

describe("replies as redis-server 7.0.15", () => {
  for (const [name, protocol, rows] of TABLES) {
    test(`${name} (RESP${protocol})`, () => runTable(protocol, rows));
  }
});

const T0 = 1_700_000_000_000;

function clocked(options: Record<string, string | number> = {}) {
  const clock = new ManualClock(T0);
  return { r: createInProcess({ clock, ...options }), clock };
}

function feed(r: InProcess): string[][] {
  const out: string[][] = [];
  r.engine.hooks.propagate.push((_db, argv) => out.push([...argv]));
  return out;
}

describe("times and delivery counts", () => {
  test("XPENDING extended form: idle, deliveries, IDLE filter, consumer, exclusive ranges", () => {
    const { r, clock } = clocked();
    for (let i = 1; i <= 4; i++) raw(r, "XADD", "s", i + "-0", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">");
    clock.advance(100);
    raw(r, "XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">");
    clock.advance(50);
    const row = (id: string, who: string, idle: number, n: number) =>
      "*4\r\n" + bulk(id) + bulk(who) + ":" + idle + "\r\n:" + n + "\r\n";
    assert.equal(
      raw(r, "XPENDING", "s", "g", "-", "+", "10"),
      "*4\r\n" + row("1-0", "alice", 150, 1) + row("2-0", "alice", 150, 1) +
        row("3-0", "bob", 50, 1) + row("4-0", "bob", 50, 1),
    );
    assert.equal(
      raw(r, "XPENDING", "s", "g", "IDLE", "100", "-", "+", "10"),
      "*2\r\n" + row("1-0", "alice", 150, 1) + row("2-0", "alice", 150, 1),
    );
    assert.equal(raw(r, "XPENDING", "s", "g", "IDLE", "100", "-", "+", "1", "bob"), "*0\r\n");
    assert.equal(
      raw(r, "XPENDING", "s", "g", "(1-0", "(4-0", "10"),
      "*2\r\n" + row("2-0", "alice", 150, 1) + row("3-0", "bob", 50, 1),
    );
    // Reading the history counts as a delivery.
    raw(r, "XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0");
    assert.equal(raw(r, "XPENDING", "s", "g", "-", "+", "1"), "*1\r\n" + row("1-0", "alice", 0, 2));
    // Delivery times in the future (XCLAIM TIME) read as idle 0.
    clock.advance(-1000);
    assert.equal(raw(r, "XPENDING", "s", "g", "-", "+", "1"), "*1\r\n" + row("1-0", "alice", 0, 2));
  });

  test("XINFO CONSUMERS idle and XINFO STREAM FULL times", () => {
    const { r, clock } = clocked();
    raw(r, "XADD", "s", "1-0", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XGROUP", "CREATECONSUMER", "s", "g", "zed");
    clock.advance(30);
    raw(r, "XREADGROUP", "GROUP", "g", "amy", "STREAMS", "s", ">");
    clock.advance(12);
    assert.equal(
      raw(r, "XINFO", "CONSUMERS", "s", "g"),
      "*2\r\n*6\r\n" + bulk("name") + bulk("amy") + bulk("pending") + ":1\r\n" + bulk("idle") +
        ":12\r\n" + "*6\r\n" + bulk("name") + bulk("zed") + bulk("pending") + ":0\r\n" +
        bulk("idle") + ":42\r\n",
    );
    const full = r.call("XINFO", "STREAM", "s", "FULL") as unknown[];
    const groups = full[full.indexOf("groups") + 1] as unknown[][];
    const g = groups[0];
    assert.deepEqual(g[g.indexOf("pending") + 1], [["1-0", "amy", T0 + 30, 1]]);
    const consumers = g[g.indexOf("consumers") + 1] as unknown[][];
    assert.deepEqual(consumers[0], [
      "name",
      "amy",
      "seen-time",
      T0 + 30,
      "pel-count",
      1,
      "pending",
      [["1-0", T0 + 30, 1]],
    ]);
    assert.deepEqual(consumers[1], ["name", "zed", "seen-time", T0, "pel-count", 0, "pending", []]);
  });

  test("XCLAIM: min idle time, IDLE, TIME, RETRYCOUNT, JUSTID keeps the count", () => {
    const { r, clock } = clocked();
    raw(r, "XADD", "s", "1-0", "a", "1");
    raw(r, "XADD", "s", "2-0", "b", "2");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">");
    clock.advance(100);
    assert.equal(raw(r, "XCLAIM", "s", "g", "c2", "101", "1-0"), "*0\r\n");
    assert.equal(raw(r, "XCLAIM", "s", "g", "c2", "100", "1-0"), "*1\r\n" + entry("1-0", "a", "1"));
    const pend = () => r.call("XPENDING", "s", "g", "-", "+", "10");
    assert.deepEqual(pend(), [["1-0", "c2", 0, 2], ["2-0", "c1", 100, 1]]);
    raw(r, "XCLAIM", "s", "g", "c3", "0", "1-0", "IDLE", "500", "JUSTID");
    assert.deepEqual(pend(), [["1-0", "c3", 500, 2], ["2-0", "c1", 100, 1]]);
    raw(r, "XCLAIM", "s", "g", "c3", "0", "2-0", "TIME", String(T0 + 40), "RETRYCOUNT", "7");
    assert.deepEqual(pend(), [["1-0", "c3", 500, 2], ["2-0", "c3", 60, 7]]);
    // A TIME in the future or before 0 means now.
    raw(r, "XCLAIM", "s", "g", "c3", "0", "2-0", "TIME", String(T0 + 1e6), "JUSTID");
    raw(r, "XCLAIM", "s", "g", "c3", "0", "1-0", "IDLE", "-5", "JUSTID");
    assert.deepEqual(pend(), [["1-0", "c3", 0, 2], ["2-0", "c3", 0, 7]]);
    assert.deepEqual(r.call("XPENDING", "s", "g"), [2, "1-0", "2-0", [["c3", "2"]]]);
  });

  test("XAUTOCLAIM: skips entries not idle enough, keeps the cursor, COUNT", () => {
    const { r, clock } = clocked();
    for (let i = 1; i <= 5; i++) raw(r, "XADD", "s", i + "-0", "f", String(i));
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "c1", "COUNT", "2", "STREAMS", "s", ">");
    clock.advance(100);
    raw(r, "XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">");
    clock.advance(10);
    assert.deepEqual(r.call("XAUTOCLAIM", "s", "g", "c2", "50", "-", "COUNT", "1"), [
      "2-0",
      [["1-0", ["f", "1"]]],
      [],
    ]);
    // 3-0, 4-0 and 5-0 are too recent: scanned, not claimed.
    assert.deepEqual(r.call("XAUTOCLAIM", "s", "g", "c2", "50", "2-0", "JUSTID"), [
      "0-0",
      ["2-0"],
      [],
    ]);
    assert.deepEqual(r.call("XPENDING", "s", "g", "-", "+", "10"), [
      ["1-0", "c2", 0, 2],
      ["2-0", "c2", 0, 1],
      ["3-0", "c1", 10, 1],
      ["4-0", "c1", 10, 1],
      ["5-0", "c1", 10, 1],
    ]);
    // At most COUNT * 10 PEL entries are looked at.
    for (let i = 6; i <= 40; i++) raw(r, "XADD", "s", i + "-0", "f", String(i));
    raw(r, "XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", ">");
    assert.deepEqual(r.call("XAUTOCLAIM", "s", "g", "c2", "1000", "-", "COUNT", "2"), [
      "21-0",
      [],
      [],
    ]);
  });
});

describe("XREADGROUP BLOCK", () => {
  test("served by XADD: the entry is delivered to the consumer, created then", () => {
    const r = createInProcess();
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    const a = peer(r);
    const b = peer(r);
    b.call("HELLO", "3");
    assert.equal(
      a.call("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">"),
      "",
    );
    assert.equal(b.call("XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "s", ">"), "");
    assert.equal(raw(r, "XINFO", "GROUPS", "s").includes("consumers\r\n:0"), true);
    raw(r, "XADD", "s", "1-0", "f", "v");
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("1-0", "f", "v"));
    assert.equal(b.blocked(), true);
    raw(r, "XADD", "s", "2-0", "f", "w");
    assert.equal(b.take(), "%1\r\n" + bulk("s") + "*1\r\n" + entry("2-0", "f", "w"));
    assert.deepEqual(r.call("XPENDING", "s", "g"), [2, "1-0", "2-0", [["alice", "1"], [
      "bob",
      "1",
    ]]]);
  });

  test("several XADDs in MULTI serve the first reader all of them, up to COUNT", () => {
    const r = createInProcess();
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    const a = peer(r);
    const b = peer(r);
    a.call("XREADGROUP", "GROUP", "g", "a", "COUNT", "2", "BLOCK", "0", "STREAMS", "s", ">");
    b.call("XREADGROUP", "GROUP", "g", "b", "BLOCK", "0", "STREAMS", "s", ">");
    raw(r, "MULTI");
    for (let i = 1; i <= 3; i++) raw(r, "XADD", "s", i + "-0", "f", "v");
    raw(r, "EXEC");
    assert.equal(
      a.take(),
      "*1\r\n*2\r\n" + bulk("s") + "*2\r\n" + entry("1-0", "f", "v") + entry("2-0", "f", "v"),
    );
    assert.equal(b.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("3-0", "f", "v"));
  });

  test("with an ID other than > never blocks; NOACK adds nothing to the PEL", () => {
    const r = createInProcess();
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    const a = peer(r);
    assert.equal(
      a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", "0"),
      "*1\r\n*2\r\n" + bulk("s") + "*0\r\n",
    );
    a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "NOACK", "STREAMS", "s", ">");
    raw(r, "XADD", "s", "1-0", "f", "v");
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("1-0", "f", "v"));
    assert.deepEqual(r.call("XPENDING", "s", "g"), [0, null, null, null]);
  });

  test("XGROUP DESTROY wakes readers with NOGROUP, counted as a failed call", () => {
    const r = createInProcess();
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    raw(r, "CONFIG", "RESETSTAT");
    const a = peer(r);
    a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">");
    assert.equal(raw(r, "XGROUP", "DESTROY", "s", "g"), ":1\r\n");
    assert.equal(
      a.take(),
      "-NOGROUP the consumer group this client was blocked on no longer exists\r\n",
    );
    const stats = r.engine.commands.get("xreadgroup")!.stats;
    assert.equal(stats.calls, 1);
    assert.equal(stats.failedCalls, 1);
    assert.equal(stats.rejectedCalls, 0);
    assert.equal(r.engine.stats.errors.get("NOGROUP"), 1);
  });

  const gone = "-UNBLOCKED the stream key no longer exists\r\n";
  const deletions: [string, string[][]][] = [
    ["DEL", [["DEL", "s"]]],
    ["SET over it", [["SET", "s", "v"]]],
    ["DEL + SADD in MULTI", [["MULTI"], ["DEL", "s"], ["SADD", "s", "e"], ["EXEC"]]],
    ["FLUSHALL", [["FLUSHALL"]]],
    ["FLUSHDB", [["FLUSHDB"]]],
    ["UNLINK", [["UNLINK", "s"]]],
    ["GETDEL-like overwrite by RENAME of a string", [["SET", "o", "x"], ["RENAME", "o", "s"]]],
  ];
  for (const [name, cmds] of deletions) {
    test(`the stream gone (${name}) wakes XREADGROUP with UNBLOCKED, not XREAD`, () => {
      const r = createInProcess();
      raw(r, "XADD", "s", "666", "f", "v");
      raw(r, "XGROUP", "CREATE", "s", "g", "$");
      const a = peer(r);
      const b = peer(r);
      a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">");
      b.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
      for (const argv of cmds) raw(r, ...argv);
      assert.equal(a.take(), gone);
      assert.equal(a.blocked(), false);
      assert.equal(b.blocked(), true);
    });
  }

  test("an expired stream wakes XREADGROUP with UNBLOCKED", () => {
    const { r, clock } = clocked();
    raw(r, "XADD", "s", "666", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "$");
    raw(r, "PEXPIRE", "s", "10");
    const a = peer(r);
    a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">");
    clock.advance(20);
    raw(r, "EXISTS", "s");
    assert.equal(a.take(), gone);
  });

  test("RENAME of a stream onto the key serves it (group there) or NOGROUP", () => {
    const r = createInProcess();
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    const a = peer(r);
    a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">");
    raw(r, "XGROUP", "CREATE", "s2", "g", "$", "MKSTREAM");
    raw(r, "XADD", "s2", "100", "f1", "v1");
    raw(r, "RENAME", "s2", "s");
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("100-0", "f1", "v1"));
    a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">");
    raw(r, "XADD", "s3", "100", "f1", "v1");
    raw(r, "RENAME", "s3", "s");
    assert.equal(
      a.take(),
      "-NOGROUP the consumer group this client was blocked on no longer exists\r\n",
    );
  });

  test("SWAPDB: the stream replaced by nothing or by a list wakes with UNBLOCKED", () => {
    for (const other of [[], ["LPUSH", "s", "e1"]]) {
      const r = createInProcess();
      if (other.length !== 0) {
        raw(r, "SELECT", "4");
        raw(r, ...other);
        raw(r, "SELECT", "0");
      }
      raw(r, "XADD", "s", "666", "f", "v");
      raw(r, "XGROUP", "CREATE", "s", "g", "$");
      const a = peer(r);
      a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">");
      raw(r, "SWAPDB", "4", "0");
      assert.equal(a.take(), gone);
    }
  });

  test("times out with a null array; the consumer is not created", async () => {
    const r = createInProcess();
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    const a = peer(r);
    a.call("HELLO", "3");
    a.call("XREADGROUP", "GROUP", "g", "a", "BLOCK", "20", "STREAMS", "s", ">");
    await new Promise((ok) => setTimeout(ok, 80));
    assert.equal(a.take(), "_\r\n");
    assert.equal(raw(r, "XINFO", "CONSUMERS", "s", "g"), "*0\r\n");
  });
});

describe("propagation", () => {
  test("XREADGROUP replicates as XCLAIMs; NOACK as XGROUP SETID and CREATECONSUMER", () => {
    const { r } = clocked();
    const log = feed(r);
    raw(r, "XADD", "s", "1-0", "f", "v");
    raw(r, "XADD", "s", "2-0", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    log.length = 0;
    raw(r, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
    const claim = (
      id: string,
      n: string,
      last: string,
    ) => [
      "XCLAIM",
      "s",
      "g",
      "c",
      "0",
      id,
      "TIME",
      String(T0),
      "RETRYCOUNT",
      n,
      "FORCE",
      "JUSTID",
      "LASTID",
      last,
    ];
    assert.deepEqual(log, [claim("1-0", "1", "1-0"), claim("2-0", "1", "2-0")]);
    log.length = 0;
    raw(r, "XADD", "s", "3-0", "f", "v");
    raw(r, "XREADGROUP", "GROUP", "g", "n", "NOACK", "STREAMS", "s", ">");
    assert.deepEqual(log, [
      ["XADD", "s", "3-0", "f", "v"],
      ["XGROUP", "CREATECONSUMER", "s", "g", "n"],
      ["XGROUP", "SETID", "s", "g", "3-0", "ENTRIESREAD", "3"],
    ]);
    log.length = 0;
    // History reads and empty reads replicate nothing.
    raw(r, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
    assert.deepEqual(log, []);
  });

  test("XCLAIM, XAUTOCLAIM and XACK", () => {
    const { r } = clocked();
    const log = feed(r);
    for (let i = 1; i <= 3; i++) raw(r, "XADD", "s", i + "-0", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">");
    raw(r, "XDEL", "s", "2-0");
    log.length = 0;
    raw(r, "XCLAIM", "s", "g", "b", "0", "1-0", "2-0");
    assert.deepEqual(log, [
      [
        "XCLAIM",
        "s",
        "g",
        "b",
        "0",
        "1-0",
        "TIME",
        String(T0),
        "RETRYCOUNT",
        "2",
        "FORCE",
        "JUSTID",
        "LASTID",
        "3-0",
      ],
      [
        "XCLAIM",
        "s",
        "g",
        "a",
        "0",
        "2-0",
        "TIME",
        String(T0),
        "RETRYCOUNT",
        "1",
        "FORCE",
        "JUSTID",
        "LASTID",
        "3-0",
      ],
    ]);
    log.length = 0;
    raw(r, "XCLAIM", "s", "g", "b", "0", "9-0", "LASTID", "5-0");
    assert.deepEqual(log, [["XGROUP", "SETID", "s", "g", "5-0", "ENTRIESREAD", "3"]]);
    log.length = 0;
    raw(r, "XAUTOCLAIM", "s", "g", "c", "0", "0", "JUSTID");
    assert.equal(log.length, 2);
    assert.equal(log[0][3], "c");
    log.length = 0;
    raw(r, "XACK", "s", "g", "1-0");
    raw(r, "XACK", "s", "g", "1-0");
    assert.deepEqual(log, [["XACK", "s", "g", "1-0"]]);
  });
});

describe("PEL consistency", () => {
  test("deleting a consumer drops its pending entries; deleted entries read as null", () => {
    const r = createInProcess();
    for (let i = 1; i <= 3; i++) raw(r, "XADD", "s", i + "-0", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "a", "COUNT", "2", "STREAMS", "s", ">");
    raw(r, "XREADGROUP", "GROUP", "g", "b", "STREAMS", "s", ">");
    raw(r, "XDEL", "s", "1-0");
    assert.equal(
      raw(r, "XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", "0"),
      "*1\r\n*2\r\n" + bulk("s") + "*2\r\n*2\r\n" + bulk("1-0") + "*-1\r\n" +
        entry("2-0", "f", "v"),
    );
    raw(r, "HELLO", "3");
    assert.equal(
      raw(r, "XREADGROUP", "GROUP", "g", "a", "COUNT", "1", "STREAMS", "s", "0"),
      "%1\r\n" + bulk("s") + "*1\r\n*2\r\n" + bulk("1-0") + "_\r\n",
    );
    raw(r, "HELLO", "2");
    assert.equal(raw(r, "XGROUP", "DELCONSUMER", "s", "g", "a"), ":2\r\n");
    assert.deepEqual(r.call("XPENDING", "s", "g"), [1, "3-0", "3-0", [["b", "1"]]]);
    assert.equal(raw(r, "XACK", "s", "g", "1-0", "2-0"), ":0\r\n");
  });

  test("a large PEL: acks in any order keep XPENDING ordered and counted", () => {
    const r = createInProcess({ "stream-node-max-entries": 10 });
    const n = 2000;
    for (let i = 1; i <= n; i++) raw(r, "XADD", "s", i + "-0", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "a", "COUNT", "1000", "STREAMS", "s", ">");
    raw(r, "XREADGROUP", "GROUP", "g", "b", "STREAMS", "s", ">");
    const live = new Set<number>();
    for (let i = 1; i <= n; i++) live.add(i);
    let seed = 7;
    for (let k = 0; k < 1500; k++) {
      seed = (seed * 48271) % 2147483647;
      const id = (seed % n) + 1;
      assert.equal(raw(r, "XACK", "s", "g", id + "-0"), live.delete(id) ? ":1\r\n" : ":0\r\n");
    }
    const ids = [...live].sort((x, y) => x - y);
    const sum = r.call("XPENDING", "s", "g") as unknown[];
    assert.equal(sum[0], ids.length);
    assert.equal(sum[1], ids[0] + "-0");
    assert.equal(sum[2], ids[ids.length - 1] + "-0");
    const rows = r.call("XPENDING", "s", "g", "-", "+", String(n)) as string[][];
    assert.deepEqual(rows.map((x) => x[0]), ids.map((i) => i + "-0"));
    const mine = r.call("XPENDING", "s", "g", "-", "+", String(n), "b") as string[][];
    assert.deepEqual(mine.map((x) => x[0]), ids.filter((i) => i > 1000).map((i) => i + "-0"));
  });
});

describe("keyspace events", () => {
  test("group events as Redis 7.0 sends them (none for XACK, XCLAIM, XAUTOCLAIM)", () => {
    const r = createInProcess();
    const seen: string[] = [];
    r.engine.hooks.publish = (channel, message) => {
      if (channel.startsWith("__keyevent")) seen.push(channel.slice(15) + " " + message);
      return 0;
    };
    raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEA");
    raw(r, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
    raw(r, "XADD", "s", "1", "f", "v");
    raw(r, "XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">");
    raw(r, "XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", "0");
    raw(r, "XGROUP", "CREATECONSUMER", "s", "g", "b");
    raw(r, "XGROUP", "CREATECONSUMER", "s", "g", "b");
    raw(r, "XCLAIM", "s", "g", "c", "0", "1");
    raw(r, "XAUTOCLAIM", "s", "g", "d", "0", "0");
    raw(r, "XACK", "s", "g", "1");
    raw(r, "XGROUP", "SETID", "s", "g", "0");
    raw(r, "XGROUP", "DELCONSUMER", "s", "g", "a");
    raw(r, "XGROUP", "DELCONSUMER", "s", "g", "a");
    raw(r, "XGROUP", "DESTROY", "s", "g");
    raw(r, "XGROUP", "DESTROY", "s", "g");
    assert.deepEqual(seen, [
      "xgroup-create s",
      "xadd s",
      "xgroup-createconsumer s",
      "xgroup-createconsumer s",
      "xgroup-createconsumer s",
      "xgroup-createconsumer s",
      "xgroup-setid s",
      "xgroup-delconsumer s",
      "xgroup-destroy s",
    ]);
  });

  test("dirty: one per change (deliveries are not counted, XACK counts each ack)", () => {
    const r = createInProcess();
    raw(r, "XADD", "s", "1", "f", "v");
    raw(r, "XADD", "s", "2", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    const d0 = r.engine.dirty;
    raw(r, "XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">");
    // The consumer's creation and the read.
    assert.equal(r.engine.dirty - d0, 2);
    raw(r, "XACK", "s", "g", "1", "2", "3");
    assert.equal(r.engine.dirty - d0, 4);
    raw(r, "XREADGROUP", "GROUP", "g", "a", "STREAMS", "s", ">");
    assert.equal(r.engine.dirty - d0, 4);
  });
});
