/**
 * COMMAND and its subcommands: COMMAND INFO replies byte for byte as Redis
 * 7.0.15 prints them (legacy key range, movablekeys, implicit ACL
 * categories, key specs; RESP2 and RESP3), COUNT, LIST filters, DOCS with
 * arguments parsed from the docs syntax, GETKEYS and GETKEYSANDFLAGS.
 *
 * The key spec tests run on definitions written here after Redis's command
 * table (DEL, RENAME, EVAL, SORT, MIGRATE, ZUNIONSTORE, XREAD, GEORADIUS),
 * so they do not depend on which commands the server has so far.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, InProcess } from "../../mod.ts";
import { Engine } from "../../lib/core/engine.ts";
import {
  type CommandDefinition,
  keyNum,
  keyRange,
  legacyRange,
  singleKey,
} from "../../lib/core/command.ts";
import { command } from "../../lib/commands/server/command.ts";
import { config } from "../../lib/commands/server/config.ts";
import { parseDocsSyntax } from "../../lib/core/command-docs.ts";

const dec = new TextDecoder("latin1");
const noop = () => {};
const docs = (group: string) => ({ summary: "s", since: "1.0.0", group });

const DEFS: CommandDefinition[] = [
  {
    name: "del",
    arity: -2,
    flags: ["write"],
    acl: ["keyspace"],
    tips: ["request_policy:multi_shard", "response_policy:agg_sum"],
    keys: [keyRange(["RM", "DELETE"], 1)],
    docs: { ...docs("generic"), syntax: "key [key ...]" },
    handler: noop,
  },
  {
    name: "rename",
    arity: 3,
    flags: ["write"],
    acl: ["keyspace"],
    keys: [singleKey(["RW", "ACCESS", "DELETE"], 1), singleKey(["OW", "UPDATE"], 2)],
    docs: { ...docs("generic"), syntax: "key newkey" },
    handler: noop,
  },
  {
    name: "eval",
    arity: -3,
    flags: ["noscript", "stale", "skip_monitor", "no_mandatory_keys"],
    acl: ["scripting"],
    keys: [{
      notes: "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE",
      flags: ["RW", "ACCESS", "UPDATE"],
      begin: { index: 2 },
      find: { keynum: { keynumidx: 0, firstkey: 1, step: 1 } },
    }],
    docs: { ...docs("scripting"), syntax: "script numkeys [key [key ...]] [arg [arg ...]]" },
    handler: noop,
  },
  {
    name: "sort",
    arity: -2,
    flags: ["write", "denyoom"],
    acl: ["set", "sortedset", "list", "dangerous"],
    keys: [
      singleKey(["RO", "ACCESS"], 1),
      {
        notes:
          "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort",
        flags: ["RO", "ACCESS"],
        begin: { unknown: true },
        find: { unknown: true },
      },
      {
        notes:
          "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array",
        flags: ["OW", "UPDATE"],
        begin: { unknown: true },
        find: { unknown: true },
      },
    ],
    getKeys(argv) {
      const out = [1];
      for (let i = 2; i < argv.length - 1; i++) {
        if (argv[i].toLowerCase() === "store") out.push(++i);
      }
      return out;
    },
    docs: { ...docs("generic"), syntax: "key [BY pattern] [STORE destination]" },
    handler: noop,
  },
  {
    name: "migrate",
    arity: -6,
    flags: ["write"],
    acl: ["keyspace", "dangerous"],
    tips: ["nondeterministic_output"],
    keys: [
      singleKey(["RW", "ACCESS", "DELETE"], 3),
      {
        flags: ["RW", "ACCESS", "DELETE", "INCOMPLETE"],
        begin: { keyword: "KEYS", startfrom: -2 },
        find: { range: { lastkey: -1, step: 1, limit: 0 } },
      },
    ],
    docs: docs("generic"),
    handler: noop,
  },
  {
    name: "zunionstore",
    arity: -4,
    flags: ["write", "denyoom"],
    acl: ["sortedset"],
    keys: [singleKey(["OW", "UPDATE"], 1), keyNum(["RO", "ACCESS"], 2)],
    docs: {
      ...docs("sorted-set"),
      syntax:
        "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]",
    },
    handler: noop,
  },
  {
    name: "xread",
    arity: -4,
    flags: ["readonly", "blocking"],
    acl: ["stream"],
    keys: [{
      flags: ["RO", "ACCESS"],
      begin: { keyword: "STREAMS", startfrom: 1 },
      find: { range: { lastkey: -1, step: 1, limit: 2 } },
    }],
    docs: {
      ...docs("stream"),
      syntax: "[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]",
    },
    handler: noop,
  },
  {
    name: "georadius",
    arity: -6,
    flags: ["write", "denyoom"],
    acl: ["geo"],
    keys: [
      singleKey(["RO", "ACCESS"], 1),
      {
        flags: ["OW", "UPDATE"],
        begin: { keyword: "STORE", startfrom: 6 },
        find: { range: { lastkey: 0, step: 1, limit: 0 } },
      },
      {
        flags: ["OW", "UPDATE"],
        begin: { keyword: "STOREDIST", startfrom: 6 },
        find: { range: { lastkey: 0, step: 1, limit: 0 } },
      },
    ],
    docs: docs("geo"),
    handler: noop,
  },
  {
    name: "mset",
    arity: -3,
    flags: ["write", "denyoom"],
    acl: ["string"],
    tips: ["request_policy:multi_shard", "response_policy:all_succeeded"],
    keys: [keyRange(["OW", "UPDATE"], 1, -1, 2)],
    docs: { ...docs("string"), syntax: "key value [key value ...]" },
    handler: noop,
  },
  {
    name: "set",
    arity: -3,
    flags: ["write", "denyoom"],
    acl: ["string"],
    keys: [{
      notes: "RW and ACCESS due to the optional `GET` argument",
      flags: ["RW", "ACCESS", "UPDATE", "VARIABLE_FLAGS"],
      begin: { index: 1 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    }],
    docs: {
      ...docs("string"),
      syntax:
        "key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]",
    },
    handler: noop,
  },
  {
    name: "lmove",
    arity: 5,
    flags: ["write", "denyoom"],
    acl: ["list"],
    keys: [singleKey(["RW", "ACCESS", "DELETE"], 1), singleKey(["RW", "INSERT"], 2)],
    docs: docs("list"),
    handler: noop,
  },
  {
    name: "ping",
    arity: -1,
    flags: ["fast", "sentinel"],
    acl: ["connection"],
    docs: docs("connection"),
    handler: noop,
  },
];

function engine(): InProcess {
  return new InProcess(new Engine({ commands: [...DEFS, command, config] }));
}

function raw(r: InProcess, ...argv: string[]): string {
  return dec.decode(r.callRaw(...argv));
}

/** Redis 7.0.15's COMMAND INFO replies (RESP2), captured from redis-server. */
const REDIS_INFO: Record<string, string> = {
  del:
    "*1\r\n*10\r\n$3\r\ndel\r\n:-2\r\n*1\r\n+write\r\n:1\r\n:-1\r\n:1\r\n*3\r\n+@keyspace\r\n+@write\r\n+@slow\r\n*2\r\n$26\r\nrequest_policy:multi_shard\r\n$23\r\nresponse_policy:agg_sum\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RM\r\n+delete\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:-1\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n",
  rename:
    "*1\r\n*10\r\n$6\r\nrename\r\n:3\r\n*1\r\n+write\r\n:1\r\n:2\r\n:1\r\n*3\r\n+@keyspace\r\n+@write\r\n+@slow\r\n*0\r\n*2\r\n*6\r\n$5\r\nflags\r\n*3\r\n+RW\r\n+access\r\n+delete\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*6\r\n$5\r\nflags\r\n*2\r\n+OW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:2\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n",
  eval:
    "*1\r\n*10\r\n$4\r\neval\r\n:-3\r\n*5\r\n+noscript\r\n+stale\r\n+skip_monitor\r\n+no_mandatory_keys\r\n+movablekeys\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@slow\r\n+@scripting\r\n*0\r\n*1\r\n*8\r\n$5\r\nnotes\r\n$78\r\nWe cannot tell how the keys will be used so we assume the worst, RW and UPDATE\r\n$5\r\nflags\r\n*3\r\n+RW\r\n+access\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:2\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$6\r\nkeynum\r\n$4\r\nspec\r\n*6\r\n$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n$7\r\nkeystep\r\n:1\r\n*0\r\n",
  sort:
    "*1\r\n*10\r\n$4\r\nsort\r\n:-2\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n*6\r\n+@write\r\n+@set\r\n+@sortedset\r\n+@list\r\n+@slow\r\n+@dangerous\r\n*0\r\n*3\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*8\r\n$5\r\nnotes\r\n$120\r\nFor the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nunknown\r\n$4\r\nspec\r\n*0\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$7\r\nunknown\r\n$4\r\nspec\r\n*0\r\n*8\r\n$5\r\nnotes\r\n$116\r\nFor the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array\r\n$5\r\nflags\r\n*2\r\n+OW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nunknown\r\n$4\r\nspec\r\n*0\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$7\r\nunknown\r\n$4\r\nspec\r\n*0\r\n*0\r\n",
  migrate:
    "*1\r\n*10\r\n$7\r\nmigrate\r\n:-6\r\n*2\r\n+write\r\n+movablekeys\r\n:3\r\n:3\r\n:1\r\n*4\r\n+@keyspace\r\n+@write\r\n+@slow\r\n+@dangerous\r\n*1\r\n$23\r\nnondeterministic_output\r\n*2\r\n*6\r\n$5\r\nflags\r\n*3\r\n+RW\r\n+access\r\n+delete\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:3\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*6\r\n$5\r\nflags\r\n*4\r\n+RW\r\n+access\r\n+delete\r\n+incomplete\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nkeyword\r\n$4\r\nspec\r\n*4\r\n$7\r\nkeyword\r\n$4\r\nKEYS\r\n$9\r\nstartfrom\r\n:-2\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:-1\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n",
  zunionstore:
    "*1\r\n*10\r\n$11\r\nzunionstore\r\n:-4\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@write\r\n+@sortedset\r\n+@slow\r\n*0\r\n*2\r\n*6\r\n$5\r\nflags\r\n*2\r\n+OW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:2\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$6\r\nkeynum\r\n$4\r\nspec\r\n*6\r\n$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n$7\r\nkeystep\r\n:1\r\n*0\r\n",
  xread:
    "*1\r\n*10\r\n$5\r\nxread\r\n:-4\r\n*3\r\n+readonly\r\n+blocking\r\n+movablekeys\r\n:0\r\n:0\r\n:0\r\n*4\r\n+@read\r\n+@stream\r\n+@slow\r\n+@blocking\r\n*0\r\n*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nkeyword\r\n$4\r\nspec\r\n*4\r\n$7\r\nkeyword\r\n$7\r\nSTREAMS\r\n$9\r\nstartfrom\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:-1\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:2\r\n*0\r\n",
  georadius:
    "*1\r\n*10\r\n$9\r\ngeoradius\r\n:-6\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@write\r\n+@geo\r\n+@slow\r\n*0\r\n*3\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*6\r\n$5\r\nflags\r\n*2\r\n+OW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nkeyword\r\n$4\r\nspec\r\n*4\r\n$7\r\nkeyword\r\n$5\r\nSTORE\r\n$9\r\nstartfrom\r\n:6\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*6\r\n$5\r\nflags\r\n*2\r\n+OW\r\n+update\r\n$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nkeyword\r\n$4\r\nspec\r\n*4\r\n$7\r\nkeyword\r\n$9\r\nSTOREDIST\r\n$9\r\nstartfrom\r\n:6\r\n$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n",
};

/** Redis 7.0.15's COMMAND INFO del in RESP3. */
const REDIS_DEL_RESP3 =
  "*1\r\n*10\r\n$3\r\ndel\r\n:-2\r\n~1\r\n+write\r\n:1\r\n:-1\r\n:1\r\n~3\r\n+@keyspace\r\n+@write\r\n+@slow\r\n~2\r\n$26\r\nrequest_policy:multi_shard\r\n$23\r\nresponse_policy:agg_sum\r\n~1\r\n%3\r\n$5\r\nflags\r\n~2\r\n+RM\r\n+delete\r\n$12\r\nbegin_search\r\n%2\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n%1\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n%2\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n%3\r\n$7\r\nlastkey\r\n:-1\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n~0\r\n";

describe("COMMAND INFO", () => {
  for (const [name, expected] of Object.entries(REDIS_INFO)) {
    test(`${name} as Redis 7.0.15 prints it`, () => {
      assert.equal(raw(engine(), "COMMAND", "INFO", name), expected);
    });
  }

  test("RESP3", () => {
    const r = engine();
    r.client.protocol = 3;
    assert.equal(raw(r, "COMMAND", "INFO", "del"), REDIS_DEL_RESP3);
  });

  test("unknown commands and invalid subcommands are null", () => {
    const r = engine();
    assert.equal(
      raw(r, "COMMAND", "INFO", "foo", "del|key", "config|get|key"),
      "*3\r\n$-1\r\n$-1\r\n$-1\r\n",
    );
    assert.equal(
      raw(r, "COMMAND", "INFO", "CONFIG|GET").slice(0, 31),
      "*1\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n",
    );
  });

  test("container commands, as Redis prints CONFIG", () => {
    const r = engine();
    const info = raw(r, "COMMAND", "INFO", "config");
    assert.ok(
      info.startsWith(
        "*1\r\n*10\r\n$6\r\nconfig\r\n:-2\r\n*0\r\n:0\r\n:0\r\n:0\r\n*1\r\n+@slow\r\n*0\r\n*0\r\n*5\r\n",
      ),
    );
    assert.ok(
      info.includes(
        "$10\r\nconfig|set\r\n:-4\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*2\r\n$24\r\nrequest_policy:all_nodes\r\n$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n",
      ),
    );
    assert.ok(
      info.includes(
        "$11\r\nconfig|help\r\n:2\r\n*2\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*1\r\n+@slow\r\n*0\r\n*0\r\n*0\r\n",
      ),
    );
  });

  test("movablekeys as Redis marks it", () => {
    const r = engine();
    const flags = (name: string) => (r.call("COMMAND", "INFO", name) as unknown[][])[0][2];
    for (const n of ["set", "mset", "lmove", "ping", "rename", "del"]) {
      assert.ok(!(flags(n) as string[]).includes("movablekeys"), n);
    }
    for (const n of ["zunionstore", "xread", "eval", "sort", "migrate", "georadius"]) {
      assert.ok((flags(n) as string[]).includes("movablekeys"), n);
    }
  });

  test("legacy range rules", () => {
    assert.deepEqual(legacyRange([]), [0, 0, 0, false]);
    assert.deepEqual(legacyRange([keyRange(["OW"], 1, -1, 2)]), [1, -1, 2, false]);
    assert.deepEqual(legacyRange([keyRange(["RW", "INCOMPLETE"], 1)]), [1, -1, 1, true]);
    // Not consecutive: the second spec is skipped and keys become movable.
    assert.deepEqual(legacyRange([singleKey(["RW"], 1), singleKey(["RW"], 3)]), [1, 1, 1, true]);
    assert.deepEqual(
      legacyRange([singleKey(["RW"], 1), keyRange(["RW"], 2)]),
      [1, -1, 1, false],
    );
  });

  test("COMMAND with no subcommand and COMMAND COUNT", () => {
    const r = engine();
    const all = r.call("COMMAND") as unknown[][];
    assert.equal(all.length, DEFS.length + 2);
    assert.equal(raw(r, "COMMAND", "COUNT"), ":" + (DEFS.length + 2) + "\r\n");
    assert.equal(
      raw(r, "COMMAND", "COUNT", "x"),
      "-ERR wrong number of arguments for 'command|count' command\r\n",
    );
  });
});

describe("COMMAND LIST", () => {
  test("all commands and subcommands", () => {
    const r = engine();
    const list = r.call("COMMAND", "LIST") as string[];
    assert.ok(list.includes("del") && list.includes("config|get") && list.includes("command|list"));
    assert.equal(list.length, DEFS.length + 2 + 7 + 5);
  });

  test("filters", () => {
    const r = engine();
    assert.deepEqual(r.call("COMMAND", "LIST", "FILTERBY", "pattern", "del"), ["del"]);
    assert.deepEqual(
      new Set(r.call("COMMAND", "LIST", "FILTERBY", "pattern", "config|*re*") as string[]),
      new Set(["config|resetstat", "config|rewrite"]),
    );
    assert.deepEqual(
      (r.call("COMMAND", "LIST", "FILTERBY", "pattern", "config*") as string[]).length,
      6,
    );
    assert.deepEqual(r.call("COMMAND", "LIST", "FILTERBY", "aclcat", "SCRIPTING"), ["eval"]);
    assert.deepEqual(r.call("COMMAND", "LIST", "FILTERBY", "aclcat", "nonexisting"), []);
    assert.deepEqual(r.call("COMMAND", "LIST", "FILTERBY", "module", "x"), []);
    for (
      const bad of [["bad_arg"], ["filterby", "bad_arg"], ["filterby", "bad_arg", "bad_arg2"]]
    ) {
      assert.equal(raw(r, "COMMAND", "LIST", ...bad), "-ERR syntax error\r\n");
    }
  });
});

describe("COMMAND GETKEYS / GETKEYSANDFLAGS", () => {
  const flagsOf = (r: InProcess, ...argv: string[]) =>
    r.call("COMMAND", "GETKEYSANDFLAGS", ...argv);

  test("from key specs", () => {
    const r = engine();
    assert.deepEqual(r.call("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2"), ["a", "b"]);
    assert.deepEqual(r.call("COMMAND", "GETKEYS", "del", "a", "b", "c"), ["a", "b", "c"]);
    assert.deepEqual(
      r.call("COMMAND", "GETKEYS", "zunionstore", "d", "2", "a", "b", "WEIGHTS", "1", "2"),
      ["d", "a", "b"],
    );
    assert.deepEqual(
      r.call("COMMAND", "GETKEYS", "xread", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"),
      ["s1", "s2"],
    );
    assert.deepEqual(
      r.call("COMMAND", "GETKEYS", "georadius", "k", "1", "2", "3", "m", "STORE", "dst"),
      ["k", "dst"],
    );
    assert.deepEqual(r.call("COMMAND", "GETKEYS", "eval", "return 1", "1", "key"), ["key"]);
    const keys = Array.from({ length: 300 }, (_, i) => "k" + i);
    assert.deepEqual(
      r.call("COMMAND", "GETKEYS", "zunionstore", "t", "300", ...keys),
      ["t", ...keys],
    );
  });

  test("flags, exact bytes", () => {
    const r = engine();
    assert.equal(
      raw(r, "COMMAND", "GETKEYSANDFLAGS", "set", "k1", "v1"),
      "*1\r\n*2\r\n$2\r\nk1\r\n*2\r\n+OW\r\n+update\r\n",
    );
    assert.deepEqual(flagsOf(r, "set", "k1", "v1", "get"), [["k1", ["RW", "access", "update"]]]);
    assert.deepEqual(flagsOf(r, "mset", "k1", "v1", "k2", "v2"), [
      ["k1", ["OW", "update"]],
      ["k2", ["OW", "update"]],
    ]);
    assert.deepEqual(flagsOf(r, "lmove", "k1", "k2", "left", "right"), [
      ["k1", ["RW", "access", "delete"]],
      ["k2", ["RW", "insert"]],
    ]);
    assert.deepEqual(flagsOf(r, "sort", "k1", "store", "k2"), [
      ["k1", ["RO", "access"]],
      ["k2", ["OW", "update"]],
    ]);
  });

  test("errors and no keys", () => {
    const r = engine();
    assert.equal(raw(r, "COMMAND", "GETKEYS", "eval", "return 1", "0"), "*0\r\n");
    assert.equal(
      raw(r, "COMMAND", "GETKEYS", "zunionstore", "a", "b"),
      "-ERR Invalid number of arguments specified for command\r\n",
    );
    assert.equal(
      raw(r, "COMMAND", "GETKEYS", "zunionstore", "d", "0", "a"),
      "-ERR Invalid arguments specified for command\r\n",
    );
    assert.equal(
      raw(r, "COMMAND", "GETKEYS", "nosuch", "a"),
      "-ERR Invalid command specified\r\n",
    );
    assert.equal(
      raw(r, "COMMAND", "GETKEYS", "config", "foo"),
      "-ERR Invalid command specified\r\n",
    );
    assert.equal(
      raw(r, "COMMAND", "GETKEYS", "ping", "x"),
      "-ERR The command has no key arguments\r\n",
    );
    assert.equal(
      raw(r, "COMMAND", "GETKEYS", "get"),
      "-ERR wrong number of arguments for 'command|getkeys' command\r\n",
    );
  });
});

describe("COMMAND DOCS", () => {
  test("SET's arguments parsed from its syntax, as Redis's (without per-argument since)", () => {
    assert.deepEqual(
      parseDocsSyntax(
        "key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]",
        1,
      ),
      [
        { name: "key", type: "key", keySpecIndex: 0 },
        { name: "value", type: "string" },
        {
          name: "condition",
          type: "oneof",
          optional: true,
          args: [
            { name: "nx", type: "pure-token", token: "NX" },
            { name: "xx", type: "pure-token", token: "XX" },
          ],
        },
        { name: "get", type: "pure-token", token: "GET", optional: true },
        {
          name: "expiration",
          type: "oneof",
          optional: true,
          args: [
            { name: "seconds", type: "integer", token: "EX" },
            { name: "milliseconds", type: "integer", token: "PX" },
            { name: "unix-time-seconds", type: "unix-time", token: "EXAT" },
            { name: "unix-time-milliseconds", type: "unix-time", token: "PXAT" },
            { name: "keepttl", type: "pure-token", token: "KEEPTTL" },
          ],
        },
      ],
    );
  });

  test("repetitions, blocks and tokens", () => {
    assert.deepEqual(parseDocsSyntax("key [key ...]", 1), [
      { name: "key", type: "key", keySpecIndex: 0, multiple: true },
    ]);
    assert.deepEqual(parseDocsSyntax("key value [key value ...]", 1), [
      {
        name: "key_value",
        type: "block",
        multiple: true,
        args: [{ name: "key", type: "key", keySpecIndex: 0 }, { name: "value", type: "string" }],
      },
    ]);
    assert.deepEqual(parseDocsSyntax("[LIMIT offset count]"), [
      {
        name: "offset_count",
        type: "block",
        token: "LIMIT",
        optional: true,
        args: [{ name: "offset", type: "integer" }, { name: "count", type: "integer" }],
      },
    ]);
    assert.deepEqual(parseDocsSyntax("[GET pattern [GET pattern ...]]"), [
      {
        name: "pattern",
        type: "pattern",
        token: "GET",
        optional: true,
        multiple: true,
        multipleToken: true,
      },
    ]);
    assert.deepEqual(parseDocsSyntax("[WEIGHTS weight [weight ...]]"), [
      { name: "weight", type: "integer", token: "WEIGHTS", optional: true, multiple: true },
    ]);
    assert.deepEqual(parseDocsSyntax("key <M | KM>", 1)[1], {
      name: "m_or_km",
      type: "oneof",
      args: [
        { name: "m", type: "pure-token", token: "M" },
        { name: "km", type: "pure-token", token: "KM" },
      ],
    });
  });

  test("reply format, exact bytes for a command without arguments", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "COMMAND", "DOCS", "command|count", "nosuch"),
      "*2\r\n$13\r\ncommand|count\r\n*8\r\n$7\r\nsummary\r\n$34\r\nGet total number of Redis commands\r\n" +
        "$5\r\nsince\r\n$6\r\n2.8.13\r\n$5\r\ngroup\r\n$6\r\nserver\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n",
    );
    r.call("HELLO", "3");
    assert.equal(raw(r, "COMMAND", "DOCS", "nosuch"), "%0\r\n");
  });

  test("arguments reply, as Redis's for DEL", () => {
    const r = engine();
    assert.equal(
      raw(r, "COMMAND", "DOCS", "del"),
      "*2\r\n$3\r\ndel\r\n*8\r\n$7\r\nsummary\r\n$1\r\ns\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n" +
        "$5\r\ngroup\r\n$7\r\ngeneric\r\n$9\r\narguments\r\n*1\r\n*8\r\n$4\r\nname\r\n$3\r\nkey\r\n" +
        "$4\r\ntype\r\n$3\r\nkey\r\n$14\r\nkey_spec_index\r\n:0\r\n$5\r\nflags\r\n*1\r\n+multiple\r\n",
    );
  });

  test("subcommands map and all commands", () => {
    const r = engine();
    const docs = r.call("COMMAND", "DOCS", "config") as unknown[];
    const m = docs[1] as unknown[];
    assert.equal(m[m.length - 2], "subcommands");
    assert.equal((m[m.length - 1] as unknown[]).length, 10);
    assert.equal((r.call("COMMAND", "DOCS") as unknown[]).length, 2 * (DEFS.length + 2));
  });
});

describe("COMMAND HELP", () => {
  test("help lines", () => {
    const help = engine().call("COMMAND", "HELP") as string[];
    assert.equal(help[0], "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    assert.equal(help.length, 21);
  });
});
