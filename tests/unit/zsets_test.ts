/**
 * Sorted sets: every command's replies and errors as Redis 7.0.15 gives
 * them (RESP2 and RESP3), encodings, keyspace events, and the order
 * statistic tree under random operations.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertUniformDraws } from "../helpers/uniform.ts";
import { createInProcess, type InProcess } from "../../mod.ts";
import { ZSet } from "../../lib/store/types/zset.ts";
import { compareEntries, ZTree } from "../../lib/store/types/zset-tree.ts";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function raw(r: InProcess, ...argv: string[]): string {
  return latin1(r.callRaw(...argv));
}

/** RESP2 flat array of bulk strings. */
function bulks(...items: string[]): string {
  return "*" + items.length + "\r\n" +
    items.map((s) => "$" + s.length + "\r\n" + s + "\r\n").join("");
}

function resp3(): InProcess {
  const r = createInProcess();
  r.call("HELLO", "3");
  return r;
}

function zset(r: InProcess, key: string): ZSet {
  return r.engine.dbs[0].get(key) as ZSet;
}

/** Captures keyspace events as "event key" strings. */
function events(r: InProcess): string[] {
  const out: string[] = [];
  r.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
  r.engine.hooks.publish = (channel: string, message: string) => {
    if (channel.startsWith("__keyevent@")) {
      out.push(channel.slice(channel.indexOf(":") + 1) + " " + message);
    }
    return 0;
  };
  return out;
}

const WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

describe("ZADD / ZINCRBY", () => {
  test("options and replies", () => {
    const r = createInProcess();
    assert.equal(raw(r, "ZADD", "z", "1", "a", "2", "b"), ":2\r\n");
    assert.equal(raw(r, "ZADD", "z", "1", "a", "5", "b", "3", "c"), ":1\r\n");
    assert.equal(raw(r, "ZADD", "z", "CH", "1", "a", "6", "b", "4", "d"), ":2\r\n");
    assert.equal(raw(r, "ZADD", "z", "NX", "9", "a", "9", "e"), ":1\r\n");
    assert.equal(raw(r, "ZADD", "z", "XX", "CH", "10", "a", "9", "f"), ":1\r\n");
    assert.equal(raw(r, "ZADD", "z", "GT", "CH", "1", "a", "100", "b"), ":1\r\n");
    assert.equal(raw(r, "ZADD", "z", "LT", "CH", "1", "a", "200", "b"), ":1\r\n");
    assert.equal(raw(r, "ZSCORE", "z", "a"), "$1\r\n1\r\n");
    assert.equal(raw(r, "ZADD", "z", "INCR", "2.5", "a"), "$3\r\n3.5\r\n");
    assert.equal(raw(r, "ZADD", "z", "GT", "INCR", "-1", "a"), "$-1\r\n");
    assert.equal(raw(r, "ZADD", "z", "NX", "INCR", "1", "a"), "$-1\r\n");
    assert.equal(raw(r, "ZADD", "nokey", "XX", "1", "a"), ":0\r\n");
    assert.equal(raw(r, "ZADD", "nokey", "XX", "INCR", "1", "a"), "$-1\r\n");
    assert.equal(raw(r, "EXISTS", "nokey"), ":0\r\n");
  });

  test("errors", () => {
    const r = createInProcess();
    assert.equal(raw(r, "ZADD", "z", "1"), "-ERR wrong number of arguments for 'zadd' command\r\n");
    assert.equal(raw(r, "ZADD", "z", "NX", "1"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZADD", "z", "1", "a", "2"), "-ERR syntax error\r\n");
    assert.equal(
      raw(r, "ZADD", "z", "NX", "XX", "1", "a"),
      "-ERR XX and NX options at the same time are not compatible\r\n",
    );
    for (const opts of [["GT", "LT"], ["GT", "NX"], ["LT", "NX"]]) {
      assert.equal(
        raw(r, "ZADD", "z", ...opts, "1", "a"),
        "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n",
      );
    }
    assert.equal(
      raw(r, "ZADD", "z", "INCR", "1", "a", "2", "b"),
      "-ERR INCR option supports a single increment-element pair\r\n",
    );
    for (const bad of ["abc", "nan", "1e400", "1e-400", "", " 1", "1 "]) {
      assert.equal(raw(r, "ZADD", "z", bad, "a"), "-ERR value is not a valid float\r\n", bad);
    }
    // The whole command fails on one bad score: nothing is added.
    assert.equal(raw(r, "ZADD", "z", "1", "a", "x", "b"), "-ERR value is not a valid float\r\n");
    assert.equal(raw(r, "EXISTS", "z"), ":0\r\n");
    r.call("ZADD", "z", "inf", "a");
    assert.equal(
      raw(r, "ZINCRBY", "z", "-inf", "a"),
      "-ERR resulting score is not a number (NaN)\r\n",
    );
    assert.equal(raw(r, "ZSCORE", "z", "a"), "$3\r\ninf\r\n");
    r.call("SET", "s", "x");
    assert.equal(raw(r, "ZADD", "s", "1", "a"), WRONGTYPE);
    assert.equal(
      raw(r, "ZINCRBY", "z", "1"),
      "-ERR wrong number of arguments for 'zincrby' command\r\n",
    );
  });

  test("scores print as %.17g, RESP3 as doubles", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "0.1", "a", "1e20", "b", "123456789012345678", "c", "-1.5e-7", "d");
    assert.equal(raw(r, "ZSCORE", "z", "a"), "$19\r\n0.10000000000000001\r\n");
    assert.equal(raw(r, "ZSCORE", "z", "b"), "$5\r\n1e+20\r\n");
    assert.equal(raw(r, "ZSCORE", "z", "c"), "$22\r\n1.2345678901234568e+17\r\n");
    assert.equal(raw(r, "ZSCORE", "z", "d"), "$23\r\n-1.4999999999999999e-07\r\n");
    assert.equal(raw(r, "ZINCRBY", "z", "1", "new"), "$1\r\n1\r\n");
    const r3 = resp3();
    r3.call("ZADD", "z", "1.5", "a", "-inf", "b");
    assert.equal(raw(r3, "ZSCORE", "z", "a"), ",1.5\r\n");
    assert.equal(raw(r3, "ZSCORE", "z", "b"), ",-inf\r\n");
    assert.equal(raw(r3, "ZSCORE", "z", "none"), "_\r\n");
    assert.equal(raw(r3, "ZINCRBY", "z", "2", "a"), ",3.5\r\n");
  });

  test("-0 reads back as 0 from a listpack, stays -0 in a skiplist", () => {
    const r = createInProcess();
    assert.equal(raw(r, "ZINCRBY", "lp", "-0", "a"), "$2\r\n-0\r\n");
    assert.equal(raw(r, "ZSCORE", "lp", "a"), "$1\r\n0\r\n");
    r.call("CONFIG", "SET", "zset-max-listpack-entries", "0");
    r.call("ZADD", "sl", "-0", "a");
    assert.equal(raw(r, "ZSCORE", "sl", "a"), "$2\r\n-0\r\n");
  });

  test("encoding: listpack until the limits, then skiplist for good", () => {
    const r = createInProcess();
    r.call("CONFIG", "SET", "zset-max-listpack-entries", "4");
    r.call("CONFIG", "SET", "zset-max-listpack-value", "8");
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
    assert.equal(zset(r, "z").encoding(), "listpack");
    r.call("ZADD", "z", "5", "e");
    assert.equal(zset(r, "z").encoding(), "skiplist");
    r.call("ZREM", "z", "a", "b", "c");
    assert.equal(zset(r, "z").encoding(), "skiplist");
    r.call("ZADD", "long", "1", "123456789");
    assert.equal(zset(r, "long").encoding(), "skiplist");
    r.call("ZADD", "v", "1", "a");
    r.call("ZADD", "v", "1", "123456789");
    assert.equal(zset(r, "v").encoding(), "skiplist");
    // Stored results go back to listpack when small.
    r.call("ZUNIONSTORE", "u", "1", "z");
    assert.equal(zset(r, "u").encoding(), "listpack");
    r.call("ZRANGESTORE", "rs", "z", "0", "-1");
    assert.equal(zset(r, "rs").encoding(), "listpack");
  });

  test("notifications, dirty and empty keys", () => {
    const r = createInProcess();
    const ev = events(r);
    const dirty = r.engine.dirty;
    r.call("ZADD", "z", "1", "a", "2", "b");
    r.call("ZADD", "z", "1", "a");
    r.call("ZINCRBY", "z", "1", "a");
    r.call("ZREM", "z", "a", "nope");
    r.call("ZREM", "z", "b");
    assert.deepEqual(ev, ["zadd z", "zincr z", "zrem z", "zrem z", "del z"]);
    assert.equal(r.engine.dirty - dirty, 5);
    assert.equal(raw(r, "EXISTS", "z"), ":0\r\n");
  });
});

describe("reads", () => {
  test("ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assert.equal(raw(r, "ZCARD", "z"), ":3\r\n");
    assert.equal(raw(r, "ZCARD", "nokey"), ":0\r\n");
    assert.equal(raw(r, "ZMSCORE", "z", "a", "x", "c"), "*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n3\r\n");
    assert.equal(raw(r, "ZMSCORE", "nokey", "a"), "*1\r\n$-1\r\n");
    assert.equal(raw(r, "ZRANK", "z", "c"), ":2\r\n");
    assert.equal(raw(r, "ZREVRANK", "z", "c"), ":0\r\n");
    assert.equal(raw(r, "ZRANK", "z", "x"), "$-1\r\n");
    assert.equal(raw(r, "ZRANK", "nokey", "x"), "$-1\r\n");
    r.call("SET", "s", "v");
    for (
      const cmd of [["ZCARD", "s"], ["ZSCORE", "s", "a"], ["ZMSCORE", "s", "a"], [
        "ZRANK",
        "s",
        "a",
      ]]
    ) {
      assert.equal(raw(r, ...cmd), WRONGTYPE);
    }
  });

  test("ZCOUNT and ZLEXCOUNT ranges", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "-inf", "n", "1", "a", "2", "b", "3", "c", "+inf", "p");
    const cases: [string, string, number][] = [
      ["-inf", "+inf", 5],
      ["(1", "3", 2],
      ["1", "(3", 2],
      ["(1", "(2", 0],
      ["3", "1", 0],
      ["(-inf", "(+inf", 3],
      ["", "(", 0],
      [" 1", "2", 2],
      ["0x1", "0x2", 2],
      ["1e400", "1e500", 1],
    ];
    for (const [min, max, n] of cases) {
      assert.equal(raw(r, "ZCOUNT", "z", min, max), ":" + n + "\r\n", min + " " + max);
    }
    for (const [min, max] of [["a", "1"], ["1", "nan"], ["1 ", "2"], ["((1", "2"]]) {
      assert.equal(raw(r, "ZCOUNT", "z", min, max), "-ERR min or max is not a float\r\n");
    }
    r.call("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "");
    const lex: [string, string, number][] = [
      ["-", "+", 5],
      ["[a", "[c", 3],
      ["(a", "(c", 1],
      ["[", "+", 5],
      ["(", "+", 4],
      ["+", "-", 0],
      ["-", "-", 0],
      ["[b", "[b", 1],
      ["(b", "[b", 0],
    ];
    for (const [min, max, n] of lex) {
      assert.equal(raw(r, "ZLEXCOUNT", "l", min, max), ":" + n + "\r\n", min + " " + max);
    }
    for (const [min, max] of [["a", "[b"], ["[a", "b"], ["--", "+"], ["", "+"], ["-", "++"]]) {
      assert.equal(
        raw(r, "ZLEXCOUNT", "l", min, max),
        "-ERR min or max not valid string range item\r\n",
      );
    }
    assert.equal(raw(r, "ZCOUNT", "nokey", "a", "b"), "-ERR min or max is not a float\r\n");
    assert.equal(raw(r, "ZCOUNT", "nokey", "1", "2"), ":0\r\n");
  });
});

describe("ZRANGE family", () => {
  function setup(): InProcess {
    const r = createInProcess();
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    return r;
  }

  test("by rank with negative and out of range indexes", () => {
    const r = setup();
    assert.equal(raw(r, "ZRANGE", "z", "0", "-1"), bulks("a", "b", "c", "d", "e"));
    assert.equal(raw(r, "ZRANGE", "z", "-2", "-1"), bulks("d", "e"));
    assert.equal(raw(r, "ZRANGE", "z", "-100", "1"), bulks("a", "b"));
    assert.equal(raw(r, "ZRANGE", "z", "3", "100"), bulks("d", "e"));
    assert.equal(raw(r, "ZRANGE", "z", "3", "1"), "*0\r\n");
    assert.equal(raw(r, "ZRANGE", "z", "10", "20"), "*0\r\n");
    assert.equal(raw(r, "ZREVRANGE", "z", "0", "1", "WITHSCORES"), bulks("e", "5", "d", "4"));
    assert.equal(raw(r, "ZRANGE", "z", "0", "1", "REV"), bulks("e", "d"));
    assert.equal(raw(r, "ZRANGE", "nokey", "0", "-1"), "*0\r\n");
    assert.equal(
      raw(r, "ZRANGE", "z", "a", "1"),
      "-ERR value is not an integer or out of range\r\n",
    );
  });

  test("by score with LIMIT, exclusive ends and infinities", () => {
    const r = setup();
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "(1", "3"), bulks("b", "c"));
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2"), bulks("b", "c"));
    assert.equal(
      raw(r, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "-1"),
      bulks("b", "c", "d", "e"),
    );
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "2"), "*0\r\n");
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "0", "0"), "*0\r\n");
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "9", "2"), "*0\r\n");
    assert.equal(
      raw(r, "ZREVRANGEBYSCORE", "z", "(4", "2", "WITHSCORES"),
      bulks("c", "3", "b", "2"),
    );
    assert.equal(
      raw(r, "ZRANGE", "z", "+inf", "(3", "BYSCORE", "REV", "LIMIT", "1", "5"),
      bulks("d"),
    );
    assert.equal(raw(r, "ZRANGE", "z", "3", "1", "BYSCORE"), "*0\r\n");
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "x", "1"), "-ERR min or max is not a float\r\n");
  });

  test("by lex", () => {
    const r = createInProcess();
    r.call("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d");
    assert.equal(raw(r, "ZRANGEBYLEX", "l", "-", "+"), bulks("a", "b", "c", "d"));
    assert.equal(raw(r, "ZRANGEBYLEX", "l", "(a", "[c"), bulks("b", "c"));
    assert.equal(raw(r, "ZRANGEBYLEX", "l", "-", "+", "LIMIT", "1", "2"), bulks("b", "c"));
    assert.equal(raw(r, "ZREVRANGEBYLEX", "l", "+", "(b"), bulks("d", "c"));
    assert.equal(raw(r, "ZRANGE", "l", "[d", "[b", "BYLEX", "REV"), bulks("d", "c", "b"));
    assert.equal(
      raw(r, "ZRANGEBYLEX", "l", "a", "+"),
      "-ERR min or max not valid string range item\r\n",
    );
  });

  test("option errors", () => {
    const r = setup();
    assert.equal(
      raw(r, "ZRANGE", "z", "0", "1", "LIMIT", "0", "1"),
      "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n",
    );
    // LIMIT x -1 is the default and is not rejected.
    assert.equal(raw(r, "ZRANGE", "z", "0", "0", "LIMIT", "5", "-1"), bulks("a"));
    assert.equal(
      raw(r, "ZRANGE", "z", "[a", "[b", "BYLEX", "WITHSCORES"),
      "-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n",
    );
    assert.equal(raw(r, "ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZRANGE", "z", "0", "1", "LIMIT", "1"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZRANGEBYSCORE", "z", "0", "1", "REV"), "-ERR syntax error\r\n");
    r.call("SET", "s", "v");
    assert.equal(raw(r, "ZRANGE", "s", "0", "1"), WRONGTYPE);
  });

  test("WITHSCORES in RESP3 gives pairs with doubles", () => {
    const r = resp3();
    r.call("ZADD", "z", "1", "a", "2.5", "b");
    assert.equal(
      raw(r, "ZRANGE", "z", "0", "-1", "WITHSCORES"),
      "*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n",
    );
    assert.equal(raw(r, "ZRANGE", "z", "0", "-1"), bulks("a", "b"));
  });

  test("ZRANGESTORE", () => {
    const r = setup();
    const ev = events(r);
    assert.equal(raw(r, "ZRANGESTORE", "dst", "z", "1", "2"), ":2\r\n");
    assert.equal(raw(r, "ZRANGE", "dst", "0", "-1", "WITHSCORES"), bulks("b", "2", "c", "3"));
    assert.equal(
      raw(r, "ZRANGESTORE", "dst", "z", "(4", "-inf", "BYSCORE", "REV", "LIMIT", "0", "2"),
      ":2\r\n",
    );
    assert.equal(raw(r, "ZRANGE", "dst", "0", "-1"), bulks("b", "c"));
    assert.equal(raw(r, "ZRANGESTORE", "dst", "z", "9", "10"), ":0\r\n");
    assert.equal(raw(r, "EXISTS", "dst"), ":0\r\n");
    assert.equal(raw(r, "ZRANGESTORE", "dst", "nokey", "0", "-1"), ":0\r\n");
    assert.equal(
      raw(r, "ZRANGESTORE", "dst", "z", "0", "-1", "WITHSCORES"),
      "-ERR syntax error\r\n",
    );
    assert.deepEqual(ev, ["zrangestore dst", "zrangestore dst", "del dst"]);
  });
});

describe("removal and pops", () => {
  test("ZREMRANGEBYRANK / BYSCORE / BYLEX", () => {
    const r = createInProcess();
    const ev = events(r);
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assert.equal(raw(r, "ZREMRANGEBYRANK", "z", "-2", "-1"), ":2\r\n");
    assert.equal(raw(r, "ZREMRANGEBYRANK", "z", "5", "9"), ":0\r\n");
    assert.equal(raw(r, "ZREMRANGEBYSCORE", "z", "(1", "2"), ":1\r\n");
    assert.equal(raw(r, "ZREMRANGEBYLEX", "z", "-", "+"), ":2\r\n");
    assert.equal(raw(r, "EXISTS", "z"), ":0\r\n");
    assert.deepEqual(ev.filter((e) => e !== "zadd z"), [
      "zremrangebyrank z",
      "zremrangebyscore z",
      "zremrangebylex z",
      "del z",
    ]);
    assert.equal(
      raw(r, "ZREMRANGEBYRANK", "z", "a", "1"),
      "-ERR value is not an integer or out of range\r\n",
    );
    assert.equal(
      raw(r, "ZREMRANGEBYSCORE", "nokey", "a", "1"),
      "-ERR min or max is not a float\r\n",
    );
    assert.equal(
      raw(r, "ZREMRANGEBYLEX", "nokey", "a", "1"),
      "-ERR min or max not valid string range item\r\n",
    );
  });

  test("ZPOPMIN / ZPOPMAX in RESP2 and RESP3", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assert.equal(raw(r, "ZPOPMIN", "z"), bulks("a", "1"));
    assert.equal(raw(r, "ZPOPMAX", "z", "5"), bulks("c", "3", "b", "2"));
    assert.equal(raw(r, "EXISTS", "z"), ":0\r\n");
    assert.equal(raw(r, "ZPOPMIN", "z"), "*0\r\n");
    assert.equal(raw(r, "ZPOPMIN", "z", "-1"), "-ERR value is out of range, must be positive\r\n");
    assert.equal(raw(r, "ZPOPMIN", "z", "x"), "-ERR value is out of range, must be positive\r\n");
    assert.equal(raw(r, "ZPOPMIN", "z", "1", "2"), "-ERR syntax error\r\n");
    const r3 = resp3();
    r3.call("ZADD", "z", "1", "a", "2", "b");
    assert.equal(raw(r3, "ZPOPMIN", "z"), "*2\r\n$1\r\na\r\n,1\r\n");
    assert.equal(raw(r3, "ZPOPMIN", "z", "1"), "*1\r\n*2\r\n$1\r\nb\r\n,2\r\n");
    r3.call("ZADD", "z", "1", "a");
    assert.equal(raw(r3, "ZPOPMIN", "z", "0"), "*0\r\n");
  });

  test("ZMPOP", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assert.equal(
      raw(r, "ZMPOP", "2", "nokey", "z", "MAX", "COUNT", "2"),
      "*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n",
    );
    assert.equal(raw(r, "ZMPOP", "1", "nokey", "MIN"), "*-1\r\n");
    assert.equal(raw(r, "ZMPOP", "0", "z", "MIN"), "-ERR numkeys should be greater than 0\r\n");
    assert.equal(
      raw(r, "ZMPOP", "1", "z", "MIN", "COUNT", "0"),
      "-ERR count should be greater than 0\r\n",
    );
    assert.equal(raw(r, "ZMPOP", "1", "z", "FOO"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZMPOP", "5", "z", "MIN"), "-ERR syntax error\r\n");
    assert.equal(
      raw(r, "ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1"),
      "-ERR syntax error\r\n",
    );
    // Replicated as ZPOPMIN key count.
    const fed: string[][] = [];
    r.engine.hooks.propagate.push((_db, argv) => fed.push(argv));
    r.call("ZMPOP", "1", "z", "MIN", "COUNT", "10");
    assert.deepEqual(fed, [["ZPOPMIN", "z", "1"]]);
    assert.equal(resp3().call("ZMPOP", "1", "x", "MIN"), null);
  });
});

describe("ZRANDMEMBER", () => {
  test("shapes and errors", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assert.ok(["a", "b", "c"].includes(r.call("ZRANDMEMBER", "z") as string));
    assert.equal(raw(r, "ZRANDMEMBER", "nokey"), "$-1\r\n");
    assert.equal(raw(r, "ZRANDMEMBER", "nokey", "3"), "*0\r\n");
    assert.equal(raw(r, "ZRANDMEMBER", "z", "0"), "*0\r\n");
    // Whole set: from the top, as Redis iterates.
    assert.equal(
      raw(r, "ZRANDMEMBER", "z", "5", "WITHSCORES"),
      bulks("c", "3", "b", "2", "a", "1"),
    );
    assert.equal((r.call("ZRANDMEMBER", "z", "-10") as string[]).length, 10);
    const two = r.call("ZRANDMEMBER", "z", "2") as string[];
    assert.equal(new Set(two).size, 2);
    assert.equal(
      raw(r, "ZRANDMEMBER", "z", "x"),
      "-ERR value is not an integer or out of range\r\n",
    );
    assert.equal(raw(r, "ZRANDMEMBER", "z", "1", "foo"), "-ERR syntax error\r\n");
    assert.equal(
      raw(r, "ZRANDMEMBER", "z", "-9223372036854775808"),
      "-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n",
    );
    assert.equal(
      raw(r, "ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"),
      "-ERR value is out of range\r\n",
    );
    const r3 = resp3();
    r3.call("ZADD", "z", "1", "a");
    assert.equal(raw(r3, "ZRANDMEMBER", "z", "-1", "WITHSCORES"), "*1\r\n*2\r\n$1\r\na\r\n,1\r\n");
  });

  test("after many ZREMs: live members with their scores, distinct, uniform; ZSCAN sees the rest", () => {
    const r = createInProcess();
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push(String(i), "member:" + i);
    r.call("ZADD", "z", ...args);
    for (let i = 0; i < 1000; i++) if (i % 5 !== 0) r.call("ZREM", "z", "member:" + i);
    for (const count of [20, 150]) {
      const got = r.call("ZRANDMEMBER", "z", count, "WITHSCORES") as string[];
      assert.equal(got.length, count * 2);
      assert.equal(new Set(got.filter((_, i) => i % 2 === 0)).size, count);
      for (let i = 0; i < got.length; i += 2) {
        const n = Number(got[i].slice(7));
        assert.ok(n % 5 === 0, got[i]);
        assert.equal(got[i + 1], String(n));
      }
    }
    const live = new Set(Array.from({ length: 200 }, (_, i) => "member:" + i * 5));
    assertUniformDraws(r.call("ZRANDMEMBER", "z", -100_000) as string[], live, 300);
    const seen = new Set<string>();
    let cursor = "0";
    do {
      const [next, items] = r.call("ZSCAN", "z", cursor, "COUNT", 25) as [string, string[]];
      for (let i = 0; i < items.length; i += 2) {
        seen.add(items[i]);
        assert.equal(items[i + 1], items[i].slice(7));
      }
      cursor = next;
    } while (cursor !== "0");
    assert.equal(seen.size, 200);
  });

  test("distinct picks from a large set are uniform enough", () => {
    const r = createInProcess();
    const args: string[] = [];
    for (let i = 0; i < 300; i++) args.push(String(i), "m" + i);
    r.call("ZADD", "z", ...args);
    for (const n of [10, 150, 299]) {
      const got = r.call("ZRANDMEMBER", "z", String(n)) as string[];
      assert.equal(got.length, n);
      assert.equal(new Set(got).size, n);
    }
  });
});

describe("ZUNION / ZINTER / ZDIFF", () => {
  function setup(): InProcess {
    const r = createInProcess();
    r.call("ZADD", "a", "1", "x", "2", "y", "3", "z");
    r.call("ZADD", "b", "10", "y", "20", "z", "30", "w");
    r.call("SADD", "s", "x", "w", "v");
    return r;
  }

  test("union, intersection and difference with weights and aggregates", () => {
    const r = setup();
    assert.equal(
      raw(r, "ZUNION", "2", "a", "b", "WITHSCORES"),
      bulks("x", "1", "y", "12", "z", "23", "w", "30"),
    );
    assert.equal(raw(r, "ZINTER", "2", "a", "b", "WITHSCORES"), bulks("y", "12", "z", "23"));
    assert.equal(raw(r, "ZDIFF", "2", "a", "b", "WITHSCORES"), bulks("x", "1"));
    assert.equal(
      raw(r, "ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX", "WITHSCORES"),
      bulks("x", "2", "y", "5", "z", "10", "w", "15"),
    );
    assert.equal(
      raw(r, "ZINTER", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"),
      bulks("y", "2", "z", "3"),
    );
    assert.equal(
      raw(r, "ZUNION", "2", "a", "s", "WITHSCORES"),
      bulks("v", "1", "w", "1", "x", "2", "y", "2", "z", "3"),
    );
    assert.equal(
      raw(r, "ZINTER", "2", "a", "a", "WITHSCORES"),
      bulks("x", "2", "y", "4", "z", "6"),
    );
    assert.equal(raw(r, "ZDIFF", "2", "a", "a"), "*0\r\n");
    // inf * 0 is NaN, which Redis turns into 0.
    assert.equal(
      raw(r, "ZUNION", "1", "a", "WEIGHTS", "0", "WITHSCORES"),
      bulks("x", "0", "y", "0", "z", "0"),
    );
    r.call("ZADD", "i", "inf", "x");
    assert.equal(
      raw(r, "ZUNION", "2", "i", "i", "WEIGHTS", "1", "-1", "WITHSCORES"),
      bulks("x", "0"),
    );
    assert.equal(raw(r, "ZINTERCARD", "2", "a", "b"), ":2\r\n");
    assert.equal(raw(r, "ZINTERCARD", "2", "a", "b", "LIMIT", "1"), ":1\r\n");
    assert.equal(raw(r, "ZUNION", "1", "nokey"), "*0\r\n");
  });

  test("RESP3 pairs", () => {
    const r = resp3();
    r.call("ZADD", "a", "1", "x");
    assert.equal(raw(r, "ZUNION", "1", "a", "WITHSCORES"), "*1\r\n*2\r\n$1\r\nx\r\n,1\r\n");
  });

  test("errors", () => {
    const r = setup();
    assert.equal(
      raw(r, "ZUNION", "0", "a"),
      "-ERR at least 1 input key is needed for 'zunion' command\r\n",
    );
    assert.equal(
      raw(r, "ZINTERSTORE", "d", "0", "a"),
      "-ERR at least 1 input key is needed for 'zinterstore' command\r\n",
    );
    assert.equal(raw(r, "ZUNION", "3", "a"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZUNION", "x", "a"), "-ERR value is not an integer or out of range\r\n");
    assert.equal(
      raw(r, "ZUNION", "2", "a", "b", "WEIGHTS", "1", "x"),
      "-ERR weight value is not a float\r\n",
    );
    assert.equal(raw(r, "ZUNION", "2", "a", "b", "AGGREGATE", "AVG"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZUNIONSTORE", "d", "1", "a", "WITHSCORES"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZINTERCARD", "1", "a", "LIMIT", "-1"), "-ERR LIMIT can't be negative\r\n");
    assert.equal(raw(r, "ZINTERCARD", "1", "a", "WITHSCORES"), "-ERR syntax error\r\n");
    r.call("SET", "str", "v");
    assert.equal(raw(r, "ZUNION", "2", "a", "str"), WRONGTYPE);
  });

  test("STORE forms replace the destination and delete it when empty", () => {
    const r = setup();
    const ev = events(r);
    r.call("SET", "d", "old");
    assert.equal(raw(r, "ZUNIONSTORE", "d", "2", "a", "b"), ":4\r\n");
    assert.equal(raw(r, "ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "0"), ":2\r\n");
    assert.equal(raw(r, "ZRANGE", "d", "0", "-1", "WITHSCORES"), bulks("y", "2", "z", "3"));
    assert.equal(raw(r, "ZDIFFSTORE", "d", "2", "a", "b"), ":1\r\n");
    assert.equal(raw(r, "ZINTERSTORE", "d", "2", "a", "nokey"), ":0\r\n");
    assert.equal(raw(r, "EXISTS", "d"), ":0\r\n");
    assert.deepEqual(ev.filter((e) => e !== "set d"), [
      "zunionstore d",
      "zinterstore d",
      "zdiffstore d",
      "del d",
    ]);
  });
});

describe("ZSCAN", () => {
  test("a listpack is returned whole with cursor 0", () => {
    const r = createInProcess();
    r.call("ZADD", "z", "2", "b", "1", "a", "123456789012345678", "c");
    assert.equal(
      raw(r, "ZSCAN", "z", "0"),
      "*2\r\n$1\r\n0\r\n" + bulks("a", "1", "b", "2", "c", "123456789012345680"),
    );
    assert.equal(raw(r, "ZSCAN", "z", "0", "MATCH", "b*"), "*2\r\n$1\r\n0\r\n" + bulks("b", "2"));
    assert.equal(raw(r, "ZSCAN", "nokey", "0"), "*2\r\n$1\r\n0\r\n*0\r\n");
    assert.equal(raw(r, "ZSCAN", "z", "x"), "-ERR invalid cursor\r\n");
    assert.equal(raw(r, "ZSCAN", "z", "0", "COUNT", "0"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "ZSCAN", "z", "0", "TYPE", "zset"), "-ERR syntax error\r\n");
  });

  test("a skiplist scan returns every member present throughout, under changes", () => {
    const r = createInProcess();
    r.call("CONFIG", "SET", "zset-max-listpack-entries", "0");
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push(String(i), "m" + i);
    r.call("ZADD", "z", ...args);
    const seen = new Set<string>();
    let cursor = "0";
    let round = 0;
    do {
      const [next, items] = r.call("ZSCAN", "z", cursor, "COUNT", "50") as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.add(items[i]);
      cursor = next;
      // Remove some members never to be checked and add new ones meanwhile.
      r.call("ZREM", "z", "m" + (900 + round));
      r.call("ZADD", "z", "1", "new" + round);
      round++;
    } while (cursor !== "0");
    for (let i = 0; i < 900; i++) assert.ok(seen.has("m" + i), "m" + i);
  });
});

describe("order statistic tree", () => {
  test("random inserts, deletes, updates and range deletes keep every invariant", () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const t = new ZTree();
    const ref = new Map<string, number>();
    for (let op = 0; op < 40000; op++) {
      const m = "m" + Math.floor(rnd() * 5000);
      const s = Math.floor(rnd() * 50);
      const p = rnd();
      if (p < 0.55) {
        const old = ref.get(m);
        if (old === undefined) t.insert(s, m);
        else t.updateScore(old, m, s);
        ref.set(m, s);
      } else if (p < 0.95) {
        const old = ref.get(m);
        assert.equal(t.delete(old ?? s, m), old !== undefined);
        ref.delete(m);
      } else if (t.size > 0) {
        const start = Math.floor(rnd() * t.size);
        t.deleteRange(start, Math.min(t.size - start, 100), (x) => ref.delete(x));
      }
    }
    assert.equal(t.verify(), "");
    const sorted = [...ref].sort((a, b) => compareEntries(a[1], a[0], b[1], b[0]));
    assert.equal(t.size, sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      assert.equal(t.memberAt(i), sorted[i][0]);
      assert.equal(t.rankOf(sorted[i][1], sorted[i][0]), i);
    }
    const built = ZTree.fromSorted(sorted.map((e) => e[0]), sorted.map((e) => e[1]));
    assert.equal(built.verify(), "");
  });

  test("members that tie on score order by their bytes, whatever they share", () => {
    // Leaves compare tied members by an order key of the bytes after the
    // members' common prefix: members sharing long prefixes, members equal
    // in the key's bytes but not after, the empty member, bytes 0 and 255,
    // a prefix that shrinks as new shapes arrive (re-keying), all on few scores.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const shapes = [
      (n: number) => "element:" + String(n).padStart(12, "0"),
      (n: number) => "element:" + String(n).padStart(12, "0") + "tail" + (n % 3),
      (n: number) => "x".repeat(70) + n,
      (n: number) => "element:" + String.fromCharCode(n % 256, 255 - (n % 256), 0),
      (n: number) => (n % 50 === 0 ? "" : "e" + n),
      (n: number) => String.fromCharCode(255, n % 7, 0, 0, 0, 0, 0, n % 5),
    ];
    const t = new ZTree();
    const ref = new Map<string, number>();
    for (let op = 0; op < 30000; op++) {
      // The first third uses one shape only, so the common prefix is long, then shrinks.
      const shape = op < 10000 ? shapes[0] : shapes[Math.floor(rnd() * shapes.length)];
      const m = shape(Math.floor(rnd() * 400));
      const s = Math.floor(rnd() * 3);
      const p = rnd();
      const old = ref.get(m);
      if (p < 0.6) {
        if (old === undefined) t.insert(s, m);
        else t.updateScore(old, m, s);
        ref.set(m, s);
      } else {
        assert.equal(t.delete(old ?? s, m), old !== undefined);
        ref.delete(m);
      }
      if (op % 5000 === 4999) assert.equal(t.verify(), "", `op ${op}`);
    }
    assert.equal(t.verify(), "");
    const sorted = [...ref].sort((a, b) => compareEntries(a[1], a[0], b[1], b[0]));
    for (let i = 0; i < sorted.length; i++) {
      assert.equal(t.memberAt(i), sorted[i][0]);
      assert.equal(t.rankOf(sorted[i][1], sorted[i][0]), i);
    }
    // Where a non-member would go, also one outside the common prefix.
    for (const m of ["", "a", "element:", "zzz", "\xff"]) {
      const want = sorted.filter((e) => compareEntries(e[1], e[0], 1, m) < 0).length;
      assert.equal(t.rankOf(1, m), want, JSON.stringify(m));
    }
    const built = ZTree.fromSorted(sorted.map((e) => e[0]), sorted.map((e) => e[1]));
    assert.equal(built.verify(), "");
    t.clear();
    t.insert(1, "b");
    t.insert(1, "a");
    assert.equal(t.memberAt(0), "a");
    assert.equal(t.verify(), "");
  });

  test("clone is deep and keeps the encoding", () => {
    const z = new ZSet(false);
    for (let i = 0; i < 500; i++) z.insertNew(i % 7, "m" + i);
    const c = z.clone();
    z.remove("m1");
    assert.equal(c.size, 500);
    assert.equal(c.encoding(), "skiplist");
    assert.equal(c.score("m1"), 1);
    assert.equal(z.score("m1"), undefined);
    assert.equal(c.tree.verify(), "");
    assert.equal(c.rank("m1", false), c.tree.rankOf(1, "m1"));
  });
});
