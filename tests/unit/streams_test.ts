/**
 * Streams without consumer groups: XADD, XRANGE, XREVRANGE, XLEN, XDEL,
 * XTRIM, XSETID, XINFO STREAM and XREAD (BLOCK included). The tables hold
 * the exact replies of redis-server 7.0.15 for the same commands, RESP2
 * and RESP3; the tests after them cover what a table cannot (blocking,
 * events, WATCH, propagation, COPY, big streams).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import { peer, raw } from "../helpers/peers.ts";

const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const entry = (id: string, ...fv: string[]) =>
  "*2\r\n" + bulk(id) + "*" + fv.length + "\r\n" + fv.map(bulk).join("");

/** Runs a table of [argv, exact reply] on a fresh server (RESP3 after HELLO 3 when asked). */
function runTable(protocol: number, rows: [string[], string][]): void {
  const r = createInProcess();
  if (protocol === 3) r.callRaw("HELLO", "3");
  for (const [argv, want] of rows) assert.equal(raw(r, ...argv), want, argv.join(" "));
}

type Table = [string, number, [string[], string][]];

// Exact replies of redis-server 7.0.15 (stream-node-max-entries 100, -bytes 4096).
const TABLES: Table[] = [
  ["XADD explicit IDs, incomplete IDs and errors", 2, [
    [["XADD", "s"], "-ERR wrong number of arguments for 'xadd' command\r\n"],
    [["XADD", "s", "*", "f"], "-ERR wrong number of arguments for 'xadd' command\r\n"],
    [["XADD", "s", "1-1", "f"], "-ERR wrong number of arguments for 'xadd' command\r\n"],
    [["XADD", "s", "0-0", "f", "v"], "-ERR The ID specified in XADD must be greater than 0-0\r\n"],
    [["XADD", "s", "0", "f", "v"], "-ERR The ID specified in XADD must be greater than 0-0\r\n"],
    [["EXISTS", "s"], ":0\r\n"],
    [["XADD", "s", "0-*", "f", "v"], "$3\r\n0-1\r\n"],
    [["XADD", "s", "0-*", "f", "v"], "$3\r\n0-2\r\n"],
    [["XADD", "s", "1-*", "f", "v"], "$3\r\n1-0\r\n"],
    [["XADD", "s", "1-5", "f", "v"], "$3\r\n1-5\r\n"],
    [
      ["XADD", "s", "1-5", "f", "v"],
      "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n",
    ],
    [
      ["XADD", "s", "1-4", "f", "v"],
      "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n",
    ],
    [
      ["XADD", "s", "1", "f", "v"],
      "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n",
    ],
    [["XADD", "s", "2", "f", "v", "g", "w"], "$3\r\n2-0\r\n"],
    [
      ["XADD", "s", "18446744073709551615-18446744073709551614", "a", "b"],
      "$41\r\n18446744073709551615-18446744073709551614\r\n",
    ],
    [
      ["XADD", "s", "18446744073709551615-*", "c", "d"],
      "$41\r\n18446744073709551615-18446744073709551615\r\n",
    ],
    [
      ["XADD", "s", "18446744073709551615-*", "c", "d"],
      "-ERR The stream has exhausted the last possible ID, unable to add more items\r\n",
    ],
    [
      ["XADD", "s", "*", "c", "d"],
      "-ERR The stream has exhausted the last possible ID, unable to add more items\r\n",
    ],
    [
      ["XADD", "s", "18446744073709551616", "c", "d"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "-1", "c", "d"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "3-x", "c", "d"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "+", "c", "d"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "-", "c", "d"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "9-**", "c", "d"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XLEN", "s"], ":7\r\n"],
    [
      ["XRANGE", "s", "-", "+"],
      "*7\r\n*2\r\n$3\r\n0-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n0-2\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n1-5\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551614\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551615\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n",
    ],
  ]],
  ["XADD sequence overflow and lenient number parsing", 2, [
    [["XADD", "s", "1-18446744073709551615", "a", "b"], "$22\r\n1-18446744073709551615\r\n"],
    [["XADD", "s", "1-*", "c", "d"], "-ERR Elements are too large to be stored\r\n"],
    [["XADD", "s", "2-*", "c", "d"], "$3\r\n2-0\r\n"],
    [["XADD", "s", " 3", "c", "d"], "$3\r\n3-0\r\n"],
    [["XADD", "s", "4--01", "c", "d"], "$22\r\n4-18446744073709551615\r\n"],
    [["XADD", "s", "5-+7", "c", "d"], "$3\r\n5-7\r\n"],
    [["XADD", "s", "007-0", "c", "d"], "$3\r\n7-0\r\n"],
    [["XADD", "s", "8-008", "c", "d"], "$3\r\n8-8\r\n"],
    [
      ["XRANGE", "s", "-", "+"],
      "*7\r\n*2\r\n$22\r\n1-18446744073709551615\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n*2\r\n$22\r\n4-18446744073709551615\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n*2\r\n$3\r\n5-7\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n*2\r\n$3\r\n7-0\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n*2\r\n$3\r\n8-8\r\n*2\r\n$1\r\nc\r\n$1\r\nd\r\n",
    ],
  ]],
  ["XADD NOMKSTREAM, MAXLEN, MINID, LIMIT", 2, [
    [["XADD", "nokey", "NOMKSTREAM", "*", "a", "b"], "$-1\r\n"],
    [["EXISTS", "nokey"], ":0\r\n"],
    [["XADD", "s", "1", "a", "b"], "$3\r\n1-0\r\n"],
    [["XADD", "s", "NOMKSTREAM", "2", "a", "b"], "$3\r\n2-0\r\n"],
    [["XADD", "s", "MAXLEN"], "-ERR wrong number of arguments for 'xadd' command\r\n"],
    [["XADD", "s", "MAXLEN", "5"], "-ERR wrong number of arguments for 'xadd' command\r\n"],
    [["XADD", "s", "MAXLEN", "-1", "3", "a", "b"], "-ERR The MAXLEN argument must be >= 0.\r\n"],
    [
      ["XADD", "s", "MAXLEN", "x", "3", "a", "b"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [
      ["XADD", "s", "MAXLEN", "~", "3", "a", "b"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "MAXLEN", "~", "5", "MINID", "1", "3", "a", "b"],
      "-ERR syntax error, MAXLEN and MINID options at the same time are not compatible\r\n",
    ],
    [
      ["XADD", "s", "MINID", "+", "3", "a", "b"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "MINID", "x", "3", "a", "b"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XADD", "s", "LIMIT", "5", "3", "a", "b"],
      "-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy\r\n",
    ],
    [["XADD", "s", "LIMIT", "-1", "3", "a", "b"], "-ERR The LIMIT argument must be >= 0.\r\n"],
    [
      ["XADD", "s", "MAXLEN", "3", "LIMIT", "5", "3", "a", "b"],
      "-ERR syntax error, LIMIT cannot be used without the special ~ option\r\n",
    ],
    [
      ["XADD", "s", "MAXLEN", "~", "3", "LIMIT", "x", "3", "a", "b"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [["XADD", "s", "MAXLEN", "~", "3", "LIMIT", "5", "3", "a", "b"], "$3\r\n3-0\r\n"],
    [["XADD", "s", "4", "a", "b"], "$3\r\n4-0\r\n"],
    [["XADD", "s", "MAXLEN", "=", "3", "5", "a", "b"], "$3\r\n5-0\r\n"],
    [
      ["XRANGE", "s", "-", "+"],
      "*3\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n",
    ],
    [["XADD", "s", "MINID", "=", "4", "6", "a", "b"], "$3\r\n6-0\r\n"],
    [
      ["XRANGE", "s", "-", "+"],
      "*3\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n*2\r\n$3\r\n6-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n",
    ],
    [["XADD", "s", "maxlen", "0", "7", "a", "b"], "$3\r\n7-0\r\n"],
    [
      ["XINFO", "STREAM", "s"],
      "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n$17\r\nlast-generated-id\r\n$3\r\n7-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:7\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n",
    ],
    [["XADD", "s", "8", "a"], "-ERR wrong number of arguments for 'xadd' command\r\n"],
  ]],
  ["XRANGE and XREVRANGE bounds", 2, [
    [["XADD", "v", "0-1", "foo", "bar"], "$3\r\n0-1\r\n"],
    [["XADD", "v", "0-18446744073709551615", "foo", "bar"], "$22\r\n0-18446744073709551615\r\n"],
    [["XADD", "v", "1-0", "foo", "bar"], "$3\r\n1-0\r\n"],
    [["XADD", "v", "42-0", "foo", "bar"], "$4\r\n42-0\r\n"],
    [["XADD", "v", "42-42", "foo", "bar"], "$5\r\n42-42\r\n"],
    [
      ["XADD", "v", "18446744073709551615-18446744073709551614", "foo", "bar"],
      "$41\r\n18446744073709551615-18446744073709551614\r\n",
    ],
    [
      ["XADD", "v", "18446744073709551615-18446744073709551615", "foo", "bar"],
      "$41\r\n18446744073709551615-18446744073709551615\r\n",
    ],
    [
      ["XRANGE", "v", "(0-1", "(1-0"],
      "*1\r\n*2\r\n$22\r\n0-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XRANGE", "v", "(1-0", "(42-42"],
      "*1\r\n*2\r\n$4\r\n42-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [["XRANGE", "v", "(-", "+"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [["XRANGE", "v", "-", "(+"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [
      ["XRANGE", "v", "(18446744073709551615-18446744073709551615", "+"],
      "-ERR invalid start ID for the interval\r\n",
    ],
    [["XRANGE", "v", "-", "(0-0"], "-ERR invalid end ID for the interval\r\n"],
    [
      ["XRANGE", "v", "42", "42"],
      "*2\r\n*2\r\n$4\r\n42-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$5\r\n42-42\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XRANGE", "v", "(42", "+"],
      "*3\r\n*2\r\n$5\r\n42-42\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551614\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [["XRANGE", "v", "+", "-"], "*0\r\n"],
    [["XRANGE", "v", "-", "+", "COUNT", "0"], "*-1\r\n"],
    [["XRANGE", "v", "-", "+", "COUNT", "-1"], "*-1\r\n"],
    [
      ["XRANGE", "v", "-", "+", "COUNT", "2"],
      "*2\r\n*2\r\n$3\r\n0-1\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$22\r\n0-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [["XRANGE", "v", "-", "+", "COUNT"], "-ERR syntax error\r\n"],
    [["XRANGE", "v", "-", "+", "count", "x"], "-ERR value is not an integer or out of range\r\n"],
    [["XRANGE", "v", "x", "+"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [["XRANGE", "nokey", "-", "+", "COUNT", "0"], "*0\r\n"],
    [
      ["XREVRANGE", "v", "+", "-", "COUNT", "2"],
      "*2\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551614\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XREVRANGE", "v", "(42-42", "(1-0"],
      "*1\r\n*2\r\n$4\r\n42-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XREVRANGE", "v", "42", "-"],
      "*5\r\n*2\r\n$5\r\n42-42\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$4\r\n42-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$22\r\n0-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$3\r\n0-1\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XREVRANGE", "v", "0", "-"],
      "*2\r\n*2\r\n$22\r\n0-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$3\r\n0-1\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XREVRANGE", "v", "(18446744073709551615-18446744073709551615", "-"],
      "*6\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551614\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$5\r\n42-42\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$4\r\n42-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$22\r\n0-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n*2\r\n$3\r\n0-1\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
    [
      ["XREVRANGE", "v", "+", "(0-1", "COUNT", "1"],
      "*1\r\n*2\r\n$41\r\n18446744073709551615-18446744073709551615\r\n*2\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
    ],
  ]],
  ["XDEL, tombstones and recorded first entry", 2, [
    [["XADD", "x", "1-0", "data", "a"], "$3\r\n1-0\r\n"],
    [["XADD", "x", "2-0", "data", "b"], "$3\r\n2-0\r\n"],
    [["XADD", "x", "3-0", "data", "c"], "$3\r\n3-0\r\n"],
    [["XADD", "x", "4-0", "data", "d"], "$3\r\n4-0\r\n"],
    [["XDEL", "x", "2-0", "2-0", "9-0"], ":1\r\n"],
    [["XDEL", "x", "x"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [["XDEL", "x", "1-1", "x"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [["XDEL", "nokey", "x"], ":0\r\n"],
    [
      ["XINFO", "STREAM", "x"],
      "*20\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n4-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n2-0\r\n$13\r\nentries-added\r\n:4\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$4\r\ndata\r\n$1\r\na\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nd\r\n",
    ],
    [["XDEL", "x", "1-0"], ":1\r\n"],
    [
      ["XINFO", "STREAM", "x"],
      "*20\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n4-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n2-0\r\n$13\r\nentries-added\r\n:4\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n3-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nc\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nd\r\n",
    ],
    [
      ["XRANGE", "x", "-", "+"],
      "*2\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nc\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nd\r\n",
    ],
    [["XDEL", "x", "3-0", "4-0"], ":2\r\n"],
    [
      ["XINFO", "STREAM", "x"],
      "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n$17\r\nlast-generated-id\r\n$3\r\n4-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n4-0\r\n$13\r\nentries-added\r\n:4\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n",
    ],
    [
      ["XADD", "x", "3-0", "data", "c"],
      "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n",
    ],
    [["XADD", "x", "5-0", "data", "e"], "$3\r\n5-0\r\n"],
    [
      ["XINFO", "STREAM", "x"],
      "*20\r\n$6\r\nlength\r\n:1\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n5-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n4-0\r\n$13\r\nentries-added\r\n:5\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n5-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$4\r\ndata\r\n$1\r\ne\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$4\r\ndata\r\n$1\r\ne\r\n",
    ],
  ]],
  ["XTRIM", 2, [
    [["XTRIM", "nokey", "MAXLEN", "0"], ":0\r\n"],
    [["XADD", "t", "1", "f", "v"], "$3\r\n1-0\r\n"],
    [["XADD", "t", "2", "f", "v"], "$3\r\n2-0\r\n"],
    [["XADD", "t", "3", "f", "v"], "$3\r\n3-0\r\n"],
    [["XADD", "t", "4", "f", "v"], "$3\r\n4-0\r\n"],
    [["XADD", "t", "5", "f", "v"], "$3\r\n5-0\r\n"],
    [["XTRIM", "t"], "-ERR wrong number of arguments for 'xtrim' command\r\n"],
    [["XTRIM", "t", "MAXLEN"], "-ERR wrong number of arguments for 'xtrim' command\r\n"],
    [
      ["XTRIM", "t", "MAXLEN", "1", "LIMIT", "1"],
      "-ERR syntax error, LIMIT cannot be used without the special ~ option\r\n",
    ],
    [
      ["XTRIM", "t", "LIMIT", "1"],
      "-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy\r\n",
    ],
    [["XTRIM", "t", "FOO", "1"], "-ERR syntax error\r\n"],
    [["XTRIM", "t", "NOMKSTREAM", "MAXLEN", "1"], "-ERR syntax error\r\n"],
    [
      ["XTRIM", "t", "MAXLEN", "1", "MINID", "1"],
      "-ERR syntax error, MAXLEN and MINID options at the same time are not compatible\r\n",
    ],
    [["XTRIM", "t", "MAXLEN", "~", "1"], ":0\r\n"],
    [["XTRIM", "t", "MINID", "3"], ":2\r\n"],
    [
      ["XRANGE", "t", "-", "+"],
      "*3\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XTRIM", "t", "MAXLEN", "=", "1"], ":2\r\n"],
    [["XRANGE", "t", "-", "+"], "*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"],
    [["XTRIM", "t", "MAXLEN", "~", "0", "LIMIT", "0"], ":1\r\n"],
    [
      ["XINFO", "STREAM", "t"],
      "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n$17\r\nlast-generated-id\r\n$3\r\n5-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:5\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n",
    ],
  ]],
  ["XSETID", 2, [
    [["XADD", "m", "MAXLEN", "0", "50", "a", "b"], "$4\r\n50-0\r\n"],
    [["XSETID", "m", "200-0"], "+OK\r\n"],
    [
      ["XINFO", "STREAM", "m"],
      "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n$17\r\nlast-generated-id\r\n$5\r\n200-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:1\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n",
    ],
    [
      ["XADD", "m", "100", "a", "b"],
      "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n",
    ],
    [["XADD", "m", "300", "a", "b"], "$5\r\n300-0\r\n"],
    [
      ["XSETID", "m", "1-1"],
      "-ERR The ID specified in XSETID is smaller than the target stream top item\r\n",
    ],
    [["XSETID", "nokey", "1-1"], "-ERR no such key\r\n"],
    [["XSETID", "m", "1-1", "0"], "-ERR syntax error\r\n"],
    [["XSETID", "m", "1-1", "0-0"], "-ERR syntax error\r\n"],
    [
      ["XSETID", "m", "1-1", "ENTRIESADDED", "-1", "MAXDELETEDID", "0-0"],
      "-ERR entries_added must be positive\r\n",
    ],
    [
      ["XSETID", "m", "300", "ENTRIESADDED", "0"],
      "-ERR The entries_added specified in XSETID is smaller than the target stream length\r\n",
    ],
    [
      ["XSETID", "m", "300", "MAXDELETEDID", "301"],
      "-ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id\r\n",
    ],
    [
      ["XSETID", "m", "300", "MAXDELETEDID", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [["XSETID", "m", "x"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [["XSETID", "m", "+"], "-ERR Invalid stream ID specified as stream command argument\r\n"],
    [
      ["XSETID", "m", "400", "ENTRIESADDED", "9223372036854775807", "MAXDELETEDID", "350"],
      "+OK\r\n",
    ],
    [
      ["XINFO", "STREAM", "m"],
      "*20\r\n$6\r\nlength\r\n:1\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$5\r\n400-0\r\n$20\r\nmax-deleted-entry-id\r\n$5\r\n350-0\r\n$13\r\nentries-added\r\n:9223372036854775807\r\n$23\r\nrecorded-first-entry-id\r\n$5\r\n300-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$5\r\n300-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n$10\r\nlast-entry\r\n*2\r\n$5\r\n300-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n",
    ],
    [["XADD", "m", "500", "a", "b"], "$5\r\n500-0\r\n"],
    [["XDEL", "m", "300"], ":1\r\n"],
    [
      ["XSETID", "m", "0-5"],
      "-ERR The ID specified in XSETID is smaller than the target stream top item\r\n",
    ],
    [
      ["XINFO", "STREAM", "m"],
      "*20\r\n$6\r\nlength\r\n:1\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$5\r\n500-0\r\n$20\r\nmax-deleted-entry-id\r\n$5\r\n350-0\r\n$13\r\nentries-added\r\n:-9223372036854775808\r\n$23\r\nrecorded-first-entry-id\r\n$5\r\n500-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$5\r\n500-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n$10\r\nlast-entry\r\n*2\r\n$5\r\n500-0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n",
    ],
  ]],
  ["Wrong type and missing keys", 2, [
    [["SET", "str", "v"], "+OK\r\n"],
    [
      ["XADD", "str", "*", "a", "b"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [["XLEN", "str"], "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"],
    [
      ["XRANGE", "str", "-", "+"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XREVRANGE", "str", "+", "-"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XDEL", "str", "1"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XTRIM", "str", "MAXLEN", "0"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XSETID", "str", "1"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XINFO", "STREAM", "str"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [
      ["XREAD", "STREAMS", "str", "0"],
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ],
    [["XLEN", "nokey"], ":0\r\n"],
    [["XRANGE", "nokey", "-", "+"], "*0\r\n"],
    [["XINFO", "STREAM", "nokey"], "-ERR no such key\r\n"],
  ]],
  ["XINFO STREAM", 2, [
    [["XADD", "i", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "i", "2-0", "b", "2", "c", "3"], "$3\r\n2-0\r\n"],
    [["XADD", "i", "3-0", "a", "3"], "$3\r\n3-0\r\n"],
    [
      ["XINFO", "STREAM", "i"],
      "*20\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n3-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:3\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\na\r\n$1\r\n3\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL"],
      "*18\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n3-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:3\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$7\r\nentries\r\n*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\na\r\n$1\r\n3\r\n$6\r\ngroups\r\n*0\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL", "COUNT", "1"],
      "*18\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n3-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:3\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$7\r\nentries\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n$6\r\ngroups\r\n*0\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL", "COUNT", "0"],
      "*18\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n3-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:3\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$7\r\nentries\r\n*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\na\r\n$1\r\n3\r\n$6\r\ngroups\r\n*0\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL", "COUNT", "-1"],
      "*18\r\n$6\r\nlength\r\n:3\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n3-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:3\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$7\r\nentries\r\n*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\na\r\n$1\r\n3\r\n$6\r\ngroups\r\n*0\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FOO"],
      "-ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL", "COUNT"],
      "-ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL", "FOO", "1"],
      "-ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.\r\n",
    ],
    [
      ["XINFO", "STREAM", "i", "FULL", "COUNT", "x"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [
      ["XINFO", "HELP"],
      "*9\r\n+XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CONSUMERS <key> <groupname>\r\n+    Show consumers of <groupname>.\r\n+GROUPS <key>\r\n+    Show the stream consumer groups.\r\n+STREAM <key> [FULL [COUNT <count>]\r\n+    Show information about the stream.\r\n+HELP\r\n+    Prints this help.\r\n",
    ],
    [["XINFO", "HELP", "x"], "-ERR wrong number of arguments for 'xinfo|help' command\r\n"],
    [["XINFO", "FOO", "i"], "-ERR unknown subcommand 'FOO'. Try XINFO HELP.\r\n"],
  ]],
  ["XREAD without BLOCK", 2, [
    [["XADD", "r", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "r", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XADD", "q", "5-0", "c", "3"], "$3\r\n5-0\r\n"],
    [
      ["XREAD", "STREAMS", "r", "0"],
      "*1\r\n*2\r\n$1\r\nr\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XREAD", "COUNT", "1", "STREAMS", "r", "q", "0", "0"],
      "*2\r\n*2\r\n$1\r\nr\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nq\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [
      ["XREAD", "STREAMS", "r", "q", "1", "0-0"],
      "*2\r\n*2\r\n$1\r\nr\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nq\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [["XREAD", "STREAMS", "r", "q", "$", "$"], "*-1\r\n"],
    [["XREAD", "STREAMS", "nokey", "r", "0", "2"], "*-1\r\n"],
    [
      ["XREAD", "COUNT", "-5", "STREAMS", "r", "1-0"],
      "*1\r\n*2\r\n$1\r\nr\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XREAD", "STREAMS", "r", "r", "0", "1"],
      "*2\r\n*2\r\n$1\r\nr\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nr\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [["XREAD", "STREAMS", "r", "18446744073709551615-18446744073709551615"], "*-1\r\n"],
    [
      ["XREAD", "BLOCK", "100", "STREAMS", "r", "0"],
      "*1\r\n*2\r\n$1\r\nr\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XREAD", "STREAMS", "r", ">"],
      "-ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.\r\n",
    ],
    [["XREAD", "STREAMS", "r"], "-ERR wrong number of arguments for 'xread' command\r\n"],
    [
      ["XREAD", "STREAMS", "r", "0", "1"],
      "-ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.\r\n",
    ],
    [["XREAD", "FOO", "STREAMS", "r", "0"], "-ERR syntax error\r\n"],
    [["XREAD", "COUNT", "1"], "-ERR wrong number of arguments for 'xread' command\r\n"],
    [
      ["XREAD", "COUNT", "x", "STREAMS", "r", "0"],
      "-ERR value is not an integer or out of range\r\n",
    ],
    [
      ["XREAD", "BLOCK", "x", "STREAMS", "r", "0"],
      "-ERR timeout is not an integer or out of range\r\n",
    ],
    [["XREAD", "BLOCK", "-1", "STREAMS", "r", "0"], "-ERR timeout is negative\r\n"],
    [
      ["XREAD", "GROUP", "g", "c", "STREAMS", "r", "0"],
      "-ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.\r\n",
    ],
    [
      ["XREAD", "NOACK", "STREAMS", "r", "0"],
      "-ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.\r\n",
    ],
    [
      ["XREAD", "STREAMS", "r", "x"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
    [
      ["XREAD", "STREAMS", "r", "-"],
      "-ERR Invalid stream ID specified as stream command argument\r\n",
    ],
  ]],
  ["RESP3 replies", 3, [
    [["XADD", "r", "1-0", "a", "1"], "$3\r\n1-0\r\n"],
    [["XADD", "r", "2-0", "b", "2"], "$3\r\n2-0\r\n"],
    [["XADD", "q", "5-0", "c", "3"], "$3\r\n5-0\r\n"],
    [
      ["XREAD", "STREAMS", "r", "q", "0", "0"],
      "%2\r\n$1\r\nr\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nq\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n",
    ],
    [["XREAD", "STREAMS", "r", "2"], "_\r\n"],
    [["XRANGE", "r", "-", "+", "COUNT", "0"], "_\r\n"],
    [
      ["XRANGE", "r", "-", "+"],
      "*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [["XADD", "nokey", "NOMKSTREAM", "*", "a", "b"], "_\r\n"],
    [
      ["XINFO", "STREAM", "r"],
      "%10\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n2-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n$10\r\nlast-entry\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    ],
    [
      ["XINFO", "STREAM", "r", "FULL"],
      "%9\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n2-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$7\r\nentries\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n$6\r\ngroups\r\n*0\r\n",
    ],
    [["XDEL", "r", "1-0", "2-0"], ":2\r\n"],
    [
      ["XINFO", "STREAM", "r"],
      "%10\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n$17\r\nlast-generated-id\r\n$3\r\n2-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n2-0\r\n$13\r\nentries-added\r\n:2\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n_\r\n$10\r\nlast-entry\r\n_\r\n",
    ],
    [
      ["XINFO", "STREAM", "q", "FULL"],
      "%9\r\n$6\r\nlength\r\n:1\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$3\r\n5-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:1\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n5-0\r\n$7\r\nentries\r\n*1\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n$6\r\ngroups\r\n*0\r\n",
    ],
  ]],
  ["Node boundaries with stream-node-max-entries 10", 2, [
    [["CONFIG", "SET", "stream-node-max-entries", "10"], "+OK\r\n"],
    [["XADD", "n", "1", "f", "v"], "$3\r\n1-0\r\n"],
    [["XADD", "n", "2", "f", "v"], "$3\r\n2-0\r\n"],
    [["XADD", "n", "3", "f", "v"], "$3\r\n3-0\r\n"],
    [["XADD", "n", "4", "f", "v"], "$3\r\n4-0\r\n"],
    [["XADD", "n", "5", "f", "v"], "$3\r\n5-0\r\n"],
    [["XADD", "n", "6", "f", "v"], "$3\r\n6-0\r\n"],
    [["XADD", "n", "7", "f", "v"], "$3\r\n7-0\r\n"],
    [["XADD", "n", "8", "f", "v"], "$3\r\n8-0\r\n"],
    [["XADD", "n", "9", "f", "v"], "$3\r\n9-0\r\n"],
    [["XADD", "n", "10", "f", "v"], "$4\r\n10-0\r\n"],
    [["XADD", "n", "11", "f", "v"], "$4\r\n11-0\r\n"],
    [["XADD", "n", "12", "f", "v"], "$4\r\n12-0\r\n"],
    [["XADD", "n", "13", "f", "v"], "$4\r\n13-0\r\n"],
    [["XADD", "n", "14", "f", "v"], "$4\r\n14-0\r\n"],
    [["XADD", "n", "15", "f", "v"], "$4\r\n15-0\r\n"],
    [["XADD", "n", "16", "f", "v"], "$4\r\n16-0\r\n"],
    [["XADD", "n", "17", "f", "v"], "$4\r\n17-0\r\n"],
    [["XADD", "n", "18", "f", "v"], "$4\r\n18-0\r\n"],
    [["XADD", "n", "19", "f", "v"], "$4\r\n19-0\r\n"],
    [["XADD", "n", "20", "f", "v"], "$4\r\n20-0\r\n"],
    [["XADD", "n", "21", "f", "v"], "$4\r\n21-0\r\n"],
    [["XADD", "n", "22", "f", "v"], "$4\r\n22-0\r\n"],
    [["XADD", "n", "23", "f", "v"], "$4\r\n23-0\r\n"],
    [["XADD", "n", "24", "f", "v"], "$4\r\n24-0\r\n"],
    [["XADD", "n", "25", "f", "v"], "$4\r\n25-0\r\n"],
    [
      ["XINFO", "STREAM", "n"],
      "*20\r\n$6\r\nlength\r\n:25\r\n$15\r\nradix-tree-keys\r\n:3\r\n$16\r\nradix-tree-nodes\r\n:8\r\n$17\r\nlast-generated-id\r\n$4\r\n25-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:25\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n1-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n$10\r\nlast-entry\r\n*2\r\n$4\r\n25-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XTRIM", "n", "MAXLEN", "~", "12"], ":10\r\n"],
    [
      ["XINFO", "STREAM", "n"],
      "*20\r\n$6\r\nlength\r\n:15\r\n$15\r\nradix-tree-keys\r\n:2\r\n$16\r\nradix-tree-nodes\r\n:6\r\n$17\r\nlast-generated-id\r\n$4\r\n25-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:25\r\n$23\r\nrecorded-first-entry-id\r\n$4\r\n11-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n$10\r\nlast-entry\r\n*2\r\n$4\r\n25-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XADD", "n", "MAXLEN", "~", "1", "LIMIT", "5", "26", "f", "v"], "$4\r\n26-0\r\n"],
    [["XLEN", "n"], ":16\r\n"],
    [["XADD", "n", "MINID", "~", "25", "LIMIT", "10", "27", "f", "v"], "$4\r\n27-0\r\n"],
    [
      ["XINFO", "STREAM", "n"],
      "*20\r\n$6\r\nlength\r\n:7\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$4\r\n27-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:27\r\n$23\r\nrecorded-first-entry-id\r\n$4\r\n21-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$4\r\n21-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n$10\r\nlast-entry\r\n*2\r\n$4\r\n27-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
    [["XTRIM", "n", "MINID", "26"], ":5\r\n"],
    [
      ["XINFO", "STREAM", "n"],
      "*20\r\n$6\r\nlength\r\n:2\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n$17\r\nlast-generated-id\r\n$4\r\n27-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:27\r\n$23\r\nrecorded-first-entry-id\r\n$4\r\n26-0\r\n$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n*2\r\n$4\r\n26-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n$10\r\nlast-entry\r\n*2\r\n$4\r\n27-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
    ],
  ]],
];

describe("replies as redis-server 7.0.15", () => {
  for (const [name, protocol, rows] of TABLES) {
    test(`${name} (RESP${protocol})`, () => runTable(protocol, rows));
  }
});

const OK = "+OK\r\n";
const T0 = 1_700_000_000_000;

describe("XADD IDs from the clock", () => {
  test("* uses the time, then the sequence within the same ms; never goes back", () => {
    const clock = new ManualClock(T0);
    const r = createInProcess({ clock });
    assert.equal(raw(r, "XADD", "s", "*", "f", "v"), bulk(T0 + "-0"));
    assert.equal(raw(r, "XADD", "s", "*", "f", "v"), bulk(T0 + "-1"));
    clock.advance(5);
    assert.equal(raw(r, "XADD", "s", "*", "f", "v"), bulk(T0 + 5 + "-0"));
    clock.set(T0);
    assert.equal(raw(r, "XADD", "s", "*", "f", "v"), bulk(T0 + 5 + "-1"));
    assert.equal(raw(r, "XADD", "s", T0 + 5 + "-*", "f", "v"), bulk(T0 + 5 + "-2"));
    assert.equal(raw(r, "XADD", "s", T0 + 9 + "-*", "f", "v"), bulk(T0 + 9 + "-0"));
    // Past the clock, * continues from the last ID.
    assert.equal(raw(r, "XADD", "s", "*", "f", "v"), bulk(T0 + 9 + "-1"));
    assert.equal(
      raw(r, "XADD", "t", "2577343934890-18446744073709551615", "f", "v"),
      bulk("2577343934890-18446744073709551615"),
    );
    assert.equal(raw(r, "XADD", "t", "*", "f", "v"), bulk("2577343934891-0"));
  });

  test("propagates the generated ID, and approximate trims as exact ones", () => {
    const clock = new ManualClock(T0);
    const r = createInProcess({ clock, "stream-node-max-entries": 2 });
    const log: string[][] = [];
    r.engine.hooks.propagate.push((_db, argv) => log.push([...argv]));
    raw(r, "XADD", "s", "*", "f", "v");
    raw(r, "XADD", "s", T0 + "-*", "f", "v");
    // A new node starts; the first (2 entries) goes as a whole.
    raw(r, "XADD", "s", "MAXLEN", "~", "1", "*", "f", "v");
    // Nothing to trim: still rewritten, with the first ID as it is.
    raw(r, "XADD", "s", "MINID", "~", "0", T0 + 7 + "-3", "f", "v");
    // Exact trims replicate as sent (with the ID filled in).
    raw(r, "XADD", "s", "MAXLEN", "1", "*", "f", "v");
    assert.equal(raw(r, "XLEN", "s"), ":1\r\n");
    assert.equal(raw(r, "XTRIM", "s", "MAXLEN", "~", "0"), ":1\r\n");
    assert.equal(raw(r, "XTRIM", "s", "MAXLEN", "0"), ":0\r\n");
    assert.deepEqual(log, [
      ["XADD", "s", T0 + "-0", "f", "v"],
      ["XADD", "s", T0 + "-1", "f", "v"],
      ["XADD", "s", "MAXLEN", "=", "1", T0 + "-2", "f", "v"],
      ["XADD", "s", "MINID", "=", T0 + "-2", T0 + 7 + "-3", "f", "v"],
      ["XADD", "s", "MAXLEN", "1", T0 + 7 + "-4", "f", "v"],
      ["XTRIM", "s", "MAXLEN", "=", "0"],
    ]);
  });
});

describe("XREAD BLOCK", () => {
  test("$ waits for entries added after the call; XADD serves every waiting reader", () => {
    const r = createInProcess();
    raw(r, "XADD", "s2", "1-0", "old", "x");
    const a = peer(r);
    const b = peer(r);
    b.call("HELLO", "3");
    assert.equal(a.call("XREAD", "BLOCK", "0", "STREAMS", "s1", "s2", "s3", "$", "$", "$"), "");
    assert.equal(b.call("XREAD", "BLOCK", "0", "STREAMS", "s2", "$"), "");
    assert.equal(a.blocked(), true);
    assert.equal(raw(r, "XADD", "s2", "2-0", "new", "y"), bulk("2-0"));
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s2") + "*1\r\n" + entry("2-0", "new", "y"));
    assert.equal(b.take(), "%1\r\n" + bulk("s2") + "*1\r\n" + entry("2-0", "new", "y"));
    assert.equal(r.engine.stats.blockedClients, 0);
  });

  test("an older ID is served from the stream at once; a newer waits", () => {
    const r = createInProcess();
    raw(r, "XADD", "s", "1-0", "a", "1");
    const a = peer(r);
    assert.equal(
      a.call("XREAD", "BLOCK", "0", "STREAMS", "s", "0"),
      "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("1-0", "a", "1"),
    );
    assert.equal(a.call("XREAD", "BLOCK", "0", "STREAMS", "s", "1-18446744073709551615"), "");
    raw(r, "XADD", "s", "1-18446744073709551615", "b", "2");
    assert.equal(a.blocked(), true);
    raw(r, "XADD", "s", "2-1", "c", "3");
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("2-1", "c", "3"));
  });

  test("COUNT limits a served read; without COUNT at most 1000 entries", () => {
    const r = createInProcess();
    const a = peer(r);
    const b = peer(r);
    a.call("XREAD", "COUNT", "2", "BLOCK", "0", "STREAMS", "s", "0");
    b.call("XREAD", "BLOCK", "0", "STREAMS", "s", "0");
    raw(r, "MULTI");
    for (let i = 1; i <= 1005; i++) raw(r, "XADD", "s", i + "-0", "f", "v");
    raw(r, "EXEC");
    assert.equal(
      a.take(),
      "*1\r\n*2\r\n" + bulk("s") + "*2\r\n" + entry("1-0", "f", "v") + entry("2-0", "f", "v"),
    );
    assert.match(b.take(), /^\*1\r\n\*2\r\n\$1\r\ns\r\n\*1000\r\n/);
  });

  test("times out with a null array; BLOCK 0 in MULTI answers at once", async () => {
    const r = createInProcess();
    const a = peer(r);
    assert.equal(a.call("XREAD", "BLOCK", "20", "STREAMS", "s", "$"), "");
    await new Promise((ok) => setTimeout(ok, 80));
    assert.equal(a.take(), "*-1\r\n");
    raw(r, "MULTI");
    raw(r, "XREAD", "BLOCK", "0", "STREAMS", "s", "$");
    assert.equal(raw(r, "EXEC"), "*1\r\n*-1\r\n");
  });

  test("a deleted or retyped key does not wake XREAD; a new stream does", () => {
    const r = createInProcess();
    raw(r, "XADD", "s", "666", "f", "v");
    const a = peer(r);
    a.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
    raw(r, "DEL", "s");
    raw(r, "SET", "s", "x");
    raw(r, "DEL", "s");
    raw(r, "MULTI");
    raw(r, "XADD", "s", "1", "old", "v");
    raw(r, "DEL", "s");
    raw(r, "LPUSH", "s", "e");
    raw(r, "EXEC");
    assert.equal(a.blocked(), true);
    raw(r, "DEL", "s");
    raw(r, "XADD", "s", "667", "f", "v");
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("667-0", "f", "v"));
  });

  test("a stream whose newer entries were deleted serves an empty list when signalled", () => {
    const r = createInProcess();
    raw(r, "XADD", "s", "1", "f", "v");
    raw(r, "XADD", "s", "2", "f", "v");
    raw(r, "XDEL", "s", "2");
    const a = peer(r);
    // Nothing after 1-0 is live: blocks (Redis serves only when entries exist).
    assert.equal(a.call("XREAD", "BLOCK", "0", "STREAMS", "s", "1"), "");
    // XDEL does not signal the key, so the reader goes on waiting.
    raw(r, "XDEL", "s", "1");
    assert.equal(a.blocked(), true);
    raw(r, "MULTI");
    raw(r, "XADD", "s", "3", "f", "v");
    raw(r, "XDEL", "s", "3");
    raw(r, "EXEC");
    assert.equal(a.take(), "*1\r\n*2\r\n" + bulk("s") + "*0\r\n");
  });

  test("errors: BLOCK argument, BLOCK from scripts", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "XREAD", "BLOCK", "1.5", "STREAMS", "s", "$"),
      "-ERR timeout is not an integer or out of range\r\n",
    );
    assert.equal(
      raw(r, "XREAD", "BLOCK", "-1", "STREAMS", "s", "$"),
      "-ERR timeout is negative\r\n",
    );
  });

  test("CLIENT UNBLOCK-style removal: a disconnected reader is forgotten", () => {
    const r = createInProcess();
    const a = peer(r);
    const b = peer(r);
    a.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
    b.call("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
    r.engine.removeClient(a.client);
    raw(r, "XADD", "s", "1", "f", "v");
    assert.equal(b.take(), "*1\r\n*2\r\n" + bulk("s") + "*1\r\n" + entry("1-0", "f", "v"));
    assert.equal(r.engine.stats.blockedClients, 0);
  });
});

describe("side effects", () => {
  function events(r: InProcess): string[] {
    const seen: string[] = [];
    r.engine.hooks.publish = (channel, message) => {
      if (channel.startsWith("__keyevent")) seen.push(message + " " + channel.slice(15));
      return 0;
    };
    assert.equal(raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEA"), OK);
    return seen;
  }

  test("keyspace events and dirty counts", () => {
    const r = createInProcess({ "stream-node-max-entries": 2 });
    const seen = events(r);
    const dirty = () => r.engine.dirty;
    const d0 = dirty();
    raw(r, "XADD", "s", "1", "f", "v");
    raw(r, "XADD", "s", "2", "f", "v");
    raw(r, "XADD", "s", "MAXLEN", "1", "3", "f", "v");
    raw(r, "XADD", "s", "MAXLEN", "5", "4", "f", "v");
    assert.equal(dirty() - d0, 4);
    raw(r, "XDEL", "s", "3", "4", "9");
    assert.equal(dirty() - d0, 6);
    raw(r, "XDEL", "s", "9");
    raw(r, "XADD", "s", "5", "f", "v");
    raw(r, "XADD", "s", "6", "f", "v");
    raw(r, "XTRIM", "s", "MAXLEN", "0");
    raw(r, "XTRIM", "s", "MAXLEN", "0");
    raw(r, "XSETID", "s", "10");
    raw(r, "XADD", "n", "NOMKSTREAM", "1", "f", "v");
    // "new" is class n, not part of A.
    assert.deepEqual(seen, [
      "s xadd",
      "s xadd",
      "s xadd",
      "s xtrim",
      "s xadd",
      "s xdel",
      "s xadd",
      "s xadd",
      "s xtrim",
      "s xsetid",
    ]);
    raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEn");
    raw(r, "XADD", "n", "1", "f", "v");
    assert.equal(seen[seen.length - 1], "n new");
  });

  test("WATCH: XADD, XDEL, XTRIM touch the key; XSETID and failed writes do not", () => {
    const r = createInProcess();
    const other = peer(r);
    raw(r, "XADD", "s", "1", "f", "v");
    const watchedExec = (...argv: string[]) => {
      raw(r, "WATCH", "s");
      raw(r, "MULTI");
      raw(r, "PING");
      other.call(...argv);
      return raw(r, "EXEC");
    };
    assert.equal(watchedExec("XADD", "s", "2", "f", "v"), "*-1\r\n");
    assert.equal(watchedExec("XDEL", "s", "2"), "*-1\r\n");
    assert.equal(watchedExec("XDEL", "s", "2"), "*1\r\n+PONG\r\n");
    assert.equal(watchedExec("XTRIM", "s", "MAXLEN", "0"), "*-1\r\n");
    assert.equal(watchedExec("XSETID", "s", "5"), "*1\r\n+PONG\r\n");
    assert.equal(watchedExec("XADD", "s", "1", "f", "v"), "*1\r\n+PONG\r\n");
  });

  test("TYPE, OBJECT ENCODING, COPY makes an independent stream", () => {
    const r = createInProcess();
    raw(r, "XADD", "s", "1", "f", "v");
    raw(r, "XGROUP", "CREATE", "s", "g", "0");
    raw(r, "XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
    assert.equal(raw(r, "TYPE", "s"), "+stream\r\n");
    assert.equal(raw(r, "OBJECT", "ENCODING", "s"), bulk("stream"));
    assert.equal(raw(r, "COPY", "s", "t"), ":1\r\n");
    raw(r, "XADD", "s", "2", "f", "v");
    raw(r, "XACK", "s", "g", "1");
    assert.equal(raw(r, "XLEN", "t"), ":1\r\n");
    assert.equal(
      raw(r, "XPENDING", "t", "g"),
      "*4\r\n:1\r\n" + bulk("1-0") + bulk("1-0") + "*1\r\n*2\r\n" + bulk("c") + bulk("1") + "",
    );
    assert.equal(raw(r, "XACK", "t", "g", "1"), ":1\r\n");
    assert.equal(raw(r, "XINFO", "CONSUMERS", "s", "g").includes("pending\r\n:0"), true);
  });
});

describe("structure", () => {
  test("random XADD / XDEL / XTRIM agree with a simple model, through node splits", () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const reply = (ids: string[]) =>
      "*" + ids.length + "\r\n" + ids.map((id) => entry(id, "f", "v")).join("");
    for (const [maxEntries, maxBytes] of [[1, 4096], [3, 4096], [100, 4096], [100, 60], [0, 0]]) {
      const r = createInProcess({
        "stream-node-max-entries": maxEntries,
        "stream-node-max-bytes": maxBytes,
      });
      const model: string[] = [];
      let ms = 1;
      for (let step = 0; step < 1500; step++) {
        const op = rnd(20);
        if (op < 11) {
          ms += rnd(3);
          const id = raw(r, "XADD", "s", ms + "-*", "f", "v");
          model.push(id.split("\r\n")[1]);
        } else if (op < 17 && model.length > 0) {
          const [id] = model.splice(rnd(model.length), 1);
          assert.equal(raw(r, "XDEL", "s", id), ":1\r\n");
        } else if (op < 18) {
          const keep = rnd(model.length + 1);
          assert.equal(
            raw(r, "XTRIM", "s", "MAXLEN", String(keep)),
            ":" + Math.max(0, model.length - keep) + "\r\n",
          );
          model.splice(0, model.length - keep);
        } else if (model.length > 0) {
          // A range from a random live entry, both ways.
          const i = rnd(model.length);
          assert.equal(
            raw(r, "XRANGE", "s", model[i], "+", "COUNT", "5"),
            reply(model.slice(i, i + 5)),
          );
          assert.equal(
            raw(r, "XREVRANGE", "s", model[i], "-", "COUNT", "5"),
            reply(model.slice(Math.max(0, i - 4), i + 1).reverse()),
          );
          assert.equal(
            raw(r, "XRANGE", "s", "(" + model[i], "+", "COUNT", "1"),
            reply(model.slice(i + 1, i + 2)),
          );
        }
      }
      assert.equal(raw(r, "XLEN", "s"), ":" + model.length + "\r\n");
      assert.equal(raw(r, "XRANGE", "s", "-", "+"), reply(model));
      assert.equal(raw(r, "XREVRANGE", "s", "+", "-"), reply(model.slice().reverse()));
    }
  });

  test("node sizes follow Redis's listpack encoding (what stream-node-max-bytes limits)", () => {
    const entries: string[][] = [
      ["f", "0"],
      ["f", "127"],
      ["f", "128"],
      ["g", "-4097", "h", "x"],
      ["f", "32768"],
      ["f", "8388608"],
      ["f", "2147483648"],
      ["f", "9223372036854775808"],
      ["f", "-9223372036854775808"],
      ["f", "007"],
      ["f", "-0"],
      ["f", "a".repeat(63)],
      ["f", "b".repeat(64)],
      ["12345", "c".repeat(127)],
      ["f", "d".repeat(128)],
      ["f", ""],
      ["f", "e".repeat(4095)],
      ["f", "g".repeat(4096)],
      ["f", "-2147483649"],
      ["f", "h".repeat(126)],
      ["f", "i".repeat(16380)],
      ["f", "j".repeat(16381)],
      ["f", "v"],
    ];
    const ids = [
      "5-7",
      "5-9",
      "6-0",
      "130-0",
      "130-70000",
      "5000-1",
      "70000-0",
      "9000000-0",
      "9000000-1",
      "2147483647000-0",
      "2147483648000-9",
      "2147483648000-10",
      "2147483648001-0",
      "2147483648002-0",
      "4294967296000-2",
      "4294967296001-18446744073709551615",
      "4294967296002-3",
      "18446744073709551615-0",
      "18446744073709551615-1",
      "18446744073709551615-2",
      "18446744073709551615-3",
      "18446744073709551615-4",
      "18446744073709551615-9",
    ];
    // Bytes of the node's listpack after each entry, measured on redis-server
    // 7.0.15 (the largest stream-node-max-bytes at which the next entry
    // starts a new node, minus that entry's field and value lengths).
    const redis = [
      28,
      38,
      50,
      74,
      90,
      107,
      129,
      163,
      186,
      208,
      228,
      309,
      393,
      547,
      696,
      715,
      4831,
      8944,
      8964,
      9104,
      25502,
      41901,
    ];
    const sizes: number[] = [];
    const r = createInProcess({ "stream-node-max-entries": 0, "stream-node-max-bytes": 0 });
    for (let k = 0; k < entries.length - 1; k++) {
      raw(r, "XADD", "s", ids[k], ...entries[k]);
      const tot = entries[k + 1].reduce((a, x) => a + x.length, 0);
      // The same measurement as on Redis: bisect the limit at which entry k+1 splits.
      let lo = 1;
      let hi = 80000;
      while (lo < hi) {
        const b = (lo + hi + 1) >> 1;
        const t = createInProcess({ "stream-node-max-entries": 0, "stream-node-max-bytes": 0 });
        for (let i = 0; i <= k; i++) raw(t, "XADD", "s", ids[i], ...entries[i]);
        raw(t, "CONFIG", "SET", "stream-node-max-bytes", String(b));
        raw(t, "XADD", "s", ids[k + 1], ...entries[k + 1]);
        const nodes = (t.call("XINFO", "STREAM", "s") as unknown[])[3];
        if (nodes === 2) lo = b;
        else hi = b - 1;
      }
      sizes.push(lo - tot);
    }
    assert.deepEqual(sizes, redis);
  });

  test("10k entries with small nodes: ranges cross nodes, XINFO counts nodes", () => {
    const r = createInProcess({ "stream-node-max-entries": 7 });
    for (let i = 1; i <= 10000; i++) raw(r, "XADD", "s", String(i), "f", String(i));
    const info = r.call("XINFO", "STREAM", "s") as unknown[];
    assert.equal(info[3], Math.ceil(10000 / 7));
    assert.equal(
      raw(r, "XRANGE", "s", "6998", "+", "COUNT", "3"),
      "*3\r\n" + entry("6998-0", "f", "6998") + entry("6999-0", "f", "6999") +
        entry("7000-0", "f", "7000"),
    );
    assert.equal(
      raw(r, "XREVRANGE", "s", "(7002", "-", "COUNT", "2"),
      // "(7002" is 7002-18446744073709551615 made exclusive: 7002-0 is still in.
      "*2\r\n" + entry("7002-0", "f", "7002") + entry("7001-0", "f", "7001"),
    );
    // 100 nodes of 7 at most, the default LIMIT of an approximate trim.
    assert.equal(raw(r, "XTRIM", "s", "MAXLEN", "~", "5000"), ":700\r\n");
    assert.equal(raw(r, "XTRIM", "s", "MINID", "~", "9000"), ":700\r\n");
    assert.equal(raw(r, "XTRIM", "s", "MINID", "~", "9000", "LIMIT", "0"), ":7595\r\n");
    assert.equal(raw(r, "XLEN", "s"), ":1005\r\n");
  });
});
