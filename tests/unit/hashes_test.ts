/**
 * Hash commands: HSET, HSETNX, HGET, HMGET, HMSET, HDEL, HLEN, HEXISTS,
 * HINCRBY, HINCRBYFLOAT, HSTRLEN, HKEYS, HVALS, HGETALL, HRANDFIELD, HSCAN;
 * replies byte for byte as Redis 7.0.15 (RESP2 and RESP3), encodings and
 * their one-way conversion, notifications, dirty counting, scan guarantee.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertUniformDraws } from "../helpers/uniform.ts";
import { createInProcess, type InProcess } from "../../mod.ts";
import {
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
} from "../../lib/store/long-double.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: (string | number)[]): string {
  return dec.decode(r.callRaw(...argv));
}

const OK = "+OK\r\n";
const NIL = "$-1\r\n";
const NULL3 = "_\r\n";
const EMPTY = "*0\r\n";
const WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const SYNTAX = "-ERR syntax error\r\n";
const NOT_INT = "-ERR value is not an integer or out of range\r\n";
const int = (n: number | string) => ":" + n + "\r\n";
const err = (m: string) => "-" + m + "\r\n";
const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const arr = (...items: string[]) => "*" + items.length + "\r\n" + items.join("");
const bulks = (...items: string[]) => arr(...items.map(bulk));
const map3 = (...kv: string[]) => "%" + kv.length / 2 + "\r\n" + kv.map(bulk).join("");

describe("set and get", () => {
  test("HSET/HMSET/HSETNX/HGET/HMGET/HEXISTS/HSTRLEN/HLEN", () => {
    const r = createInProcess();
    assert.equal(raw(r, "HSET", "h", "f1", "v1", "f2", "v2"), int(2));
    assert.equal(raw(r, "HSET", "h", "f1", "x", "f3", "v3"), int(1));
    assert.equal(
      raw(r, "HSET", "h", "f1"),
      err("ERR wrong number of arguments for 'hset' command"),
    );
    assert.equal(
      raw(r, "HSET", "h", "a", "1", "b"),
      err("ERR wrong number of arguments for 'hset' command"),
    );
    assert.equal(
      raw(r, "HMSET", "h", "a", "1", "b"),
      err("ERR wrong number of arguments for 'hmset' command"),
    );
    assert.equal(raw(r, "HMSET", "h", "a", "1"), OK);
    assert.equal(raw(r, "HSETNX", "h", "a", "2"), int(0));
    assert.equal(raw(r, "HSETNX", "h", "n", "2"), int(1));
    assert.equal(raw(r, "HGET", "h", "f1"), bulk("x"));
    assert.equal(raw(r, "HGET", "h", "zz"), NIL);
    assert.equal(raw(r, "HGET", "nokey", "zz"), NIL);
    assert.equal(raw(r, "HMGET", "h", "a", "zz", "f2"), arr(bulk("1"), NIL, bulk("v2")));
    assert.equal(raw(r, "HMGET", "nokey", "a", "b"), arr(NIL, NIL));
    assert.equal(raw(r, "HEXISTS", "h", "a"), int(1));
    assert.equal(raw(r, "HEXISTS", "h", "zz"), int(0));
    assert.equal(raw(r, "HSTRLEN", "h", "f2"), int(2));
    assert.equal(raw(r, "HSTRLEN", "h", "zz"), int(0));
    assert.equal(raw(r, "HLEN", "h"), int(5));
    assert.equal(raw(r, "HLEN", "nokey"), int(0));
  });

  test("HKEYS/HVALS/HGETALL keep insertion order while listpack; RESP3 map", () => {
    const r = createInProcess();
    raw(r, "HSET", "h", "c", "3", "a", "1", "b", "2");
    raw(r, "HDEL", "h", "a");
    raw(r, "HSET", "h", "a", "9");
    assert.equal(raw(r, "HKEYS", "h"), bulks("c", "b", "a"));
    assert.equal(raw(r, "HVALS", "h"), bulks("3", "2", "9"));
    assert.equal(raw(r, "HGETALL", "h"), bulks("c", "3", "b", "2", "a", "9"));
    assert.equal(raw(r, "HGETALL", "nokey"), EMPTY);
    assert.equal(raw(r, "HKEYS", "nokey"), EMPTY);
    raw(r, "HELLO", "3");
    assert.equal(raw(r, "HGETALL", "h"), map3("c", "3", "b", "2", "a", "9"));
    assert.equal(raw(r, "HGETALL", "nokey"), "%0\r\n");
    assert.equal(raw(r, "HKEYS", "nokey"), EMPTY);
    assert.equal(raw(r, "HGET", "nokey", "f"), NULL3);
    assert.equal(raw(r, "HMGET", "nokey", "f"), arr(NULL3));
  });

  test("listpack order survives deletions past the indexed size", () => {
    const r = createInProcess();
    const args: string[] = [];
    for (let i = 0; i < 40; i++) args.push("f" + i, "v" + i);
    raw(r, "HSET", "h", ...args);
    raw(r, "HDEL", "h", "f3", "f20", "f39");
    const keys = r.call("HKEYS", "h") as string[];
    assert.deepEqual(
      keys,
      Array.from({ length: 40 }, (_, i) => "f" + i).filter((f) =>
        !["f3", "f20", "f39"].includes(f)
      ),
    );
    assert.equal(raw(r, "HGET", "h", "f21"), bulk("v21"));
    assert.equal(raw(r, "HGET", "h", "f20"), NIL);
    assert.equal(raw(r, "HEXISTS", "h", "f38"), int(1));
  });

  test("WRONGTYPE", () => {
    const r = createInProcess();
    raw(r, "SET", "s", "x");
    for (
      const cmd of [
        ["HSET", "s", "a", "b"],
        ["HMSET", "s", "a", "b"],
        ["HSETNX", "s", "a", "b"],
        ["HGET", "s", "a"],
        ["HMGET", "s", "a"],
        ["HDEL", "s", "a"],
        ["HLEN", "s"],
        ["HEXISTS", "s", "a"],
        ["HSTRLEN", "s", "a"],
        ["HINCRBY", "s", "a", 1],
        ["HINCRBYFLOAT", "s", "a", 1],
        ["HKEYS", "s"],
        ["HVALS", "s"],
        ["HGETALL", "s"],
        ["HRANDFIELD", "s"],
        ["HRANDFIELD", "s", 1],
        ["HSCAN", "s", 0],
      ]
    ) assert.equal(raw(r, ...cmd), WRONGTYPE, cmd.join(" "));
  });
});

describe("HDEL", () => {
  test("counts, deletes the emptied key, notifies", () => {
    const r = createInProcess();
    const seen: string[] = [];
    r.engine.hooks.publish = (ch, msg) => {
      if (ch.startsWith("__keyevent@")) seen.push(ch.slice(ch.indexOf(":") + 1) + " " + msg);
      return 0;
    };
    raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEA");
    raw(r, "HSET", "h", "a", "1", "b", "2");
    assert.equal(raw(r, "HDEL", "h", "zz"), int(0));
    assert.equal(raw(r, "HDEL", "h", "a", "zz", "a"), int(1));
    assert.equal(raw(r, "HDEL", "h", "b", "c"), int(1));
    assert.equal(raw(r, "EXISTS", "h"), int(0));
    assert.equal(raw(r, "HDEL", "h", "b"), int(0));
    raw(r, "HINCRBY", "h", "n", 1);
    raw(r, "HINCRBYFLOAT", "h", "n", 1);
    raw(r, "HSETNX", "h", "n", 1);
    assert.deepEqual(seen, ["hset h", "hdel h", "hdel h", "del h", "hincrby h", "hincrbyfloat h"]);
  });
});

describe("HINCRBY and HINCRBYFLOAT", () => {
  test("HINCRBY with 64-bit bounds", () => {
    const r = createInProcess();
    assert.equal(raw(r, "HINCRBY", "h", "n", 5), int(5));
    assert.equal(raw(r, "HINCRBY", "h", "n", -10), int(-5));
    assert.equal(raw(r, "HINCRBY", "h", "n", "1.5"), NOT_INT);
    raw(r, "HSET", "h", "s", "abc", "big", "9223372036854775800");
    assert.equal(raw(r, "HINCRBY", "h", "s", 1), err("ERR hash value is not an integer"));
    assert.equal(raw(r, "HINCRBY", "h", "big", 7), int("9223372036854775807"));
    assert.equal(
      raw(r, "HINCRBY", "h", "big", 1),
      err("ERR increment or decrement would overflow"),
    );
    assert.equal(
      raw(r, "HINCRBY", "h", "neg", "-9223372036854775808"),
      int("-9223372036854775808"),
    );
    assert.equal(
      raw(r, "HINCRBY", "h", "neg", -1),
      err("ERR increment or decrement would overflow"),
    );
    assert.equal(raw(r, "HGET", "h", "big"), bulk("9223372036854775807"));
  });

  test("HINCRBYFLOAT computes in long double like Redis on x86-64", () => {
    const r = createInProcess();
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "f", "10.5"), bulk("10.5"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "f", "0.1"), bulk("10.6"));
    assert.equal(
      raw(r, "HINCRBYFLOAT", "h", "g", "10000000000.1"),
      bulk("10000000000.09999999962747097"),
    );
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "z", "0.1"), bulk("0.1"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "z", "0.2"), bulk("0.3"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", "3.0e3"), bulk("3000"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", "0x10"), bulk("3016"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", "-3016"), bulk("0"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", "x"), err("ERR value is not a valid float"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", " 1"), err("ERR value is not a valid float"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", "nan"), err("ERR value is not a valid float"));
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "e", "inf"), err("ERR value is NaN or Infinity"));
    raw(r, "HSET", "h", "s", "abc", "i", "inf");
    assert.equal(raw(r, "HINCRBYFLOAT", "h", "s", 1), err("ERR hash value is not a float"));
    assert.equal(
      raw(r, "HINCRBYFLOAT", "h", "i", 1),
      err("ERR increment would produce NaN or Infinity"),
    );
    // 1e308 twice overflows a double, not a long double.
    raw(r, "HINCRBYFLOAT", "h", "b", "1e308");
    assert.equal(raw(r, "HSTRLEN", "h", "b"), int(308));
    raw(r, "HINCRBYFLOAT", "h", "b", "1e308");
    assert.equal(raw(r, "HSTRLEN", "h", "b"), int(309));
  });

  test("HINCRBYFLOAT replicates as HSET of the result", () => {
    const r = createInProcess();
    const fed: string[] = [];
    r.engine.hooks.propagate.push((_db, argv) => fed.push(argv.join(" ")));
    raw(r, "HINCRBYFLOAT", "h", "f", "0.1");
    raw(r, "HINCRBYFLOAT", "h", "f", "0.2");
    raw(r, "HINCRBY", "h", "n", "2");
    assert.deepEqual(fed, ["HSET h f 0.1", "HSET h f 0.3", "HINCRBY h n 2"]);
  });

  test("long double parsing and formatting", () => {
    const sum = (a: string, b: string) =>
      formatLongDoubleHuman(addLongDouble(parseLongDouble(a)!, parseLongDouble(b)!)!);
    assert.equal(sum("17179869184", "1.5"), "17179869185.5");
    assert.equal(sum("123456789012345678901234567890", "1"), "123456789012345678899921813504");
    assert.equal(sum("1", "5e-20"), "1");
    assert.equal(sum("-1.5", "1.5"), "0");
    assert.equal(parseLongDouble("1e5000"), undefined);
    assert.equal(parseLongDouble("1e-5000"), undefined);
    assert.notEqual(parseLongDouble("3.4e-4950"), undefined);
    assert.equal(parseLongDouble("1e"), undefined);
    assert.equal(parseLongDouble("."), undefined);
    assert.equal(parseLongDouble("1\u00002"), undefined);
    assert.equal(formatLongDoubleHuman(parseLongDouble(".5")!), "0.5");
    assert.equal(formatLongDoubleHuman(parseLongDouble("-0x1.8p1")!), "-3");
  });
});

describe("encodings", () => {
  test("listpack until hash-max-listpack-entries/value, then hashtable for good", () => {
    const r = createInProcess();
    raw(r, "HSET", "h", "a", "1");
    assert.equal(raw(r, "OBJECT", "ENCODING", "h"), bulk("listpack"));
    raw(r, "CONFIG", "SET", "hash-max-listpack-value", "3");
    raw(r, "HSET", "h", "b", "1234");
    assert.equal(raw(r, "OBJECT", "ENCODING", "h"), bulk("hashtable"));
    raw(r, "HDEL", "h", "b");
    assert.equal(raw(r, "OBJECT", "ENCODING", "h"), bulk("hashtable"));
    raw(r, "HINCRBY", "h2", "longfield", 1);
    assert.equal(raw(r, "OBJECT", "ENCODING", "h2"), bulk("hashtable"));
    raw(r, "CONFIG", "SET", "hash-max-listpack-value", "64");
    raw(r, "CONFIG", "SET", "hash-max-listpack-entries", "2");
    raw(r, "HSET", "h3", "a", "1", "b", "2");
    assert.equal(raw(r, "OBJECT", "ENCODING", "h3"), bulk("listpack"));
    raw(r, "HSET", "h3", "c", "3");
    assert.equal(raw(r, "OBJECT", "ENCODING", "h3"), bulk("hashtable"));
  });
});

describe("HRANDFIELD", () => {
  test("argument checks and empty replies", () => {
    const r = createInProcess();
    raw(r, "HSET", "h", "a", "1", "b", "2", "c", "3");
    assert.equal(raw(r, "HRANDFIELD", "nokey"), NIL);
    assert.equal(raw(r, "HRANDFIELD", "nokey", 5), EMPTY);
    assert.equal(raw(r, "HRANDFIELD", "h", 0), EMPTY);
    assert.equal(raw(r, "HRANDFIELD", "h", 1, "x"), SYNTAX);
    assert.equal(raw(r, "HRANDFIELD", "h", 1, "WITHVALUES", "x"), SYNTAX);
    assert.equal(raw(r, "HRANDFIELD", "h", "x"), NOT_INT);
    assert.equal(
      raw(r, "HRANDFIELD", "h", "-9223372036854775808"),
      err(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
      ),
    );
    assert.equal(
      raw(r, "HRANDFIELD", "h", "-9223372036854770000", "WITHVALUES"),
      err("ERR value is out of range"),
    );
    assert.equal(
      raw(r, "HRANDFIELD", "h", "4611686018427387904", "withvalues"),
      err("ERR value is out of range"),
    );
    assert.equal(raw(r, "HRANDFIELD", "h", 10), bulks("a", "b", "c"));
    assert.equal(raw(r, "HRANDFIELD", "h", 10, "WITHVALUES"), bulks("a", "1", "b", "2", "c", "3"));
  });

  test("RESP2 flat pairs, RESP3 nested pairs", () => {
    const r = createInProcess();
    raw(r, "HSET", "one", "f", "v");
    assert.equal(raw(r, "HRANDFIELD", "one"), bulk("f"));
    assert.equal(raw(r, "HRANDFIELD", "one", -2, "WITHVALUES"), bulks("f", "v", "f", "v"));
    assert.equal(raw(r, "HRANDFIELD", "one", 1, "WITHVALUES"), bulks("f", "v"));
    raw(r, "HELLO", "3");
    assert.equal(
      raw(r, "HRANDFIELD", "one", -2, "WITHVALUES"),
      arr(bulks("f", "v"), bulks("f", "v")),
    );
    assert.equal(raw(r, "HRANDFIELD", "one", 3, "WITHVALUES"), arr(bulks("f", "v")));
    assert.equal(raw(r, "HRANDFIELD", "one", -2), bulks("f", "f"));
  });

  for (const hashtable of [false, true]) {
    test(`distinct picks and uniform draws (${hashtable ? "hashtable" : "listpack"})`, () => {
      const r = createInProcess();
      if (hashtable) raw(r, "CONFIG", "SET", "hash-max-listpack-entries", "0");
      const fields: string[] = [];
      for (let i = 0; i < 10; i++) fields.push("f" + i, "v" + i);
      raw(r, "HSET", "h", ...fields);
      for (const count of [2, 8]) {
        const got = r.call("HRANDFIELD", "h", count) as string[];
        assert.equal(new Set(got).size, count);
      }
      const counts = new Map<string, number>();
      const draws = r.call("HRANDFIELD", "h", -10000) as string[];
      for (const f of draws) counts.set(f, (counts.get(f) ?? 0) + 1);
      let chi = 0;
      for (const n of counts.values()) chi += (n - 1000) ** 2 / 1000;
      assert.equal(counts.size, 10);
      assert.ok(chi < 40, "chi-square " + chi);
    });
  }
});

describe("large hashes (fields kept only in the key table of the hash)", () => {
  test("HRANDFIELD after many HDELs: live fields only, distinct, uniform", () => {
    const r = createInProcess();
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) args.push("field:" + i, "v" + i);
    raw(r, "HSET", "h", ...args);
    for (let i = 0; i < 1000; i++) if (i % 5 !== 0) raw(r, "HDEL", "h", "field:" + i);
    const live = new Set(Array.from({ length: 200 }, (_, i) => "field:" + i * 5));
    for (const count of [20, 150]) {
      const got = r.call("HRANDFIELD", "h", count, "WITHVALUES") as string[];
      assert.equal(got.length, count * 2);
      const fields = got.filter((_, i) => i % 2 === 0);
      assert.equal(new Set(fields).size, count);
      for (let i = 0; i < got.length; i += 2) {
        assert.ok(live.has(got[i]), got[i]);
        assert.equal(got[i + 1], "v" + got[i].slice(6));
      }
    }
    assertUniformDraws(r.call("HRANDFIELD", "h", -100_000) as string[], live, 300);
    const all = r.call("HGETALL", "h") as Record<string, string> | string[];
    const pairs = Array.isArray(all) ? all : Object.entries(all).flat();
    assert.equal(pairs.length, 400);
  });

  test("listpack order (insertion order) holds past 16 fields, through deletes and updates", () => {
    const r = createInProcess();
    for (let i = 0; i < 40; i++) raw(r, "HSET", "h", "f" + i, "v" + i);
    raw(r, "HDEL", "h", "f3", "f20");
    raw(r, "HSET", "h", "f5", "updated", "new", "n");
    const want: string[] = [];
    for (let i = 0; i < 40; i++) if (i !== 3 && i !== 20) want.push("f" + i);
    want.push("new");
    assert.deepEqual(r.call("HKEYS", "h"), want);
    assert.equal((r.call("HVALS", "h") as string[])[4], "updated");
    assert.equal(r.call("OBJECT", "ENCODING", "h"), "listpack");
  });
});

describe("HSCAN", () => {
  test("errors, empty key, listpack in one call", () => {
    const r = createInProcess();
    const empty = arr(bulk("0"), EMPTY);
    assert.equal(raw(r, "HSCAN", "nokey", 0), empty);
    assert.equal(raw(r, "HSCAN", "nokey", 0, "COUNT", 0), empty);
    assert.equal(raw(r, "HSCAN", "nokey", "x"), err("ERR invalid cursor"));
    assert.equal(raw(r, "HSCAN", "nokey", " 0"), err("ERR invalid cursor"));
    assert.equal(raw(r, "HSCAN", "nokey", "18446744073709551616"), err("ERR invalid cursor"));
    raw(r, "HSET", "h", "a", "1", "b", "2", "ab", "3");
    assert.equal(raw(r, "HSCAN", "h", 0), arr(bulk("0"), bulks("a", "1", "b", "2", "ab", "3")));
    assert.equal(
      raw(r, "HSCAN", "h", 7, "MATCH", "a*"),
      arr(bulk("0"), bulks("a", "1", "ab", "3")),
    );
    assert.equal(
      raw(r, "HSCAN", "h", "", "COUNT", 1),
      arr(bulk("0"), bulks("a", "1", "b", "2", "ab", "3")),
    );
    assert.equal(raw(r, "HSCAN", "h", 0, "COUNT", 0), SYNTAX);
    assert.equal(raw(r, "HSCAN", "h", 0, "COUNT", "x"), NOT_INT);
    assert.equal(raw(r, "HSCAN", "h", 0, "TYPE", "string"), SYNTAX);
    assert.equal(raw(r, "HSCAN", "h", 0, "MATCH"), SYNTAX);
  });

  test("hashtable: every field present throughout is returned under churn", () => {
    const r = createInProcess();
    const stable = new Set<string>();
    const args: string[] = [];
    for (let i = 0; i < 1000; i++) {
      args.push("k" + i, "v" + i);
      stable.add("k" + i);
    }
    raw(r, "HSET", "h", ...args);
    const seen = new Set<string>();
    let cursor = "0";
    let churn = 0;
    do {
      const [next, items] = r.call("HSCAN", "h", cursor, "COUNT", 17) as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.add(items[i]);
      cursor = next;
      // Delete some fields not yet seen and add new ones as the scan goes.
      for (let j = 0; j < 5; j++) {
        const victim = "k" + ((churn * 7 + j * 131) % 1000);
        if (!seen.has(victim) && stable.delete(victim)) raw(r, "HDEL", "h", victim);
        raw(r, "HSET", "h", "new" + churn + "-" + j, "x");
      }
      churn++;
    } while (cursor !== "0");
    for (const f of stable) assert.ok(seen.has(f), "missed " + f);
  });
});
