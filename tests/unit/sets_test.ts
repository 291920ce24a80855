/**
 * Set commands: SADD, SREM, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS, SPOP,
 * SRANDMEMBER, SMOVE, SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE,
 * SDIFF, SDIFFSTORE, SSCAN; replies byte for byte as Redis 7.0.15 (RESP2 and
 * RESP3 sets), intset/hashtable encodings, notifications, dirty counting.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { assertUniformDraws } from "../helpers/uniform.ts";
import { createInProcess, type InProcess } from "../../mod.ts";
import { isInt64String, SetValue } from "../../lib/store/types/set.ts";

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
const int = (n: number) => ":" + n + "\r\n";
const err = (m: string) => "-" + m + "\r\n";
const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const arr = (...items: string[]) => "*" + items.length + "\r\n" + items.join("");
const bulks = (...items: string[]) => arr(...items.map(bulk));
const set3 = (...items: string[]) => "~" + items.length + "\r\n" + items.map(bulk).join("");
const enc = (r: InProcess, key: string) => raw(r, "OBJECT", "ENCODING", key);
const sorted = (r: InProcess, ...argv: string[]) => (r.call(...argv) as string[]).slice().sort();

function events(r: InProcess): string[] {
  const seen: string[] = [];
  r.engine.hooks.publish = (ch, msg) => {
    if (ch.startsWith("__keyevent@")) seen.push(ch.slice(ch.indexOf(":") + 1) + " " + msg);
    return 0;
  };
  assert.equal(raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEA"), OK);
  return seen;
}

describe("SetValue", () => {
  test("canonical 64-bit integers", () => {
    for (const s of ["0", "-1", "9223372036854775807", "-9223372036854775808", "123"]) {
      assert.ok(isInt64String(s), s);
    }
    for (
      const s of [
        "",
        "-",
        "-0",
        "007",
        "+1",
        "1.0",
        " 1",
        "9223372036854775808",
        "-9223372036854775809",
        "1a",
      ]
    ) {
      assert.ok(!isInt64String(s), s);
    }
  });

  test("intset keeps numeric order; conversion is one way", () => {
    const limits = createInProcess().engine.encodingLimits;
    const s = SetValue.create("5");
    s.add("5", limits);
    for (const m of ["-10", "100", "7", "-9223372036854775808", "9223372036854775807", "0"]) {
      s.add(m, limits);
    }
    assert.deepEqual(s.members, [
      "-9223372036854775808",
      "-10",
      "0",
      "5",
      "7",
      "100",
      "9223372036854775807",
    ]);
    assert.equal(s.encoding(), "intset");
    assert.ok(s.has("7") && !s.has("07") && !s.has("8"));
    s.add("x", limits);
    assert.equal(s.encoding(), "hashtable");
    s.remove("x");
    assert.equal(s.encoding(), "hashtable");
    assert.ok(s.has("7") && s.remove("7") && !s.has("7"));
    const c = s.clone();
    c.add("y", limits);
    assert.equal(s.size, 6);
    assert.equal(c.size, 7);
  });
});

describe("membership", () => {
  test("SADD/SREM/SISMEMBER/SMISMEMBER/SCARD/SMEMBERS", () => {
    const r = createInProcess();
    assert.equal(raw(r, "SADD", "s", "3", "1", "2", "1"), int(3));
    assert.equal(raw(r, "SADD", "s", "2", "5"), int(1));
    assert.equal(raw(r, "SMEMBERS", "s"), bulks("1", "2", "3", "5"));
    assert.equal(enc(r, "s"), bulk("intset"));
    assert.equal(raw(r, "SISMEMBER", "s", "2"), int(1));
    assert.equal(raw(r, "SISMEMBER", "s", "9"), int(0));
    assert.equal(raw(r, "SISMEMBER", "nokey", "9"), int(0));
    assert.equal(raw(r, "SMISMEMBER", "s", "1", "9", "a"), arr(int(1), int(0), int(0)));
    assert.equal(raw(r, "SMISMEMBER", "nokey", "1"), arr(int(0)));
    assert.equal(raw(r, "SCARD", "s"), int(4));
    assert.equal(raw(r, "SCARD", "nokey"), int(0));
    assert.equal(raw(r, "SMEMBERS", "nokey"), EMPTY);
    assert.equal(raw(r, "SREM", "s", "1", "nope", "1"), int(1));
    assert.equal(raw(r, "SREM", "nokey", "1"), int(0));
    assert.equal(raw(r, "SREM", "s", "2", "3", "5", "6"), int(3));
    assert.equal(raw(r, "EXISTS", "s"), int(0));
    assert.equal(raw(r, "SADD", "t", "a", "1"), int(2));
    assert.equal(enc(r, "t"), bulk("hashtable"));
    raw(r, "HELLO", "3");
    assert.equal(raw(r, "SMEMBERS", "nokey"), "~0\r\n");
    assert.equal(raw(r, "SMEMBERS", "t"), set3("a", "1"));
    assert.equal(raw(r, "SMISMEMBER", "t", "a"), arr(int(1)));
  });

  test("intset limits and non-integers", () => {
    const r = createInProcess();
    raw(r, "SADD", "big", "9223372036854775808");
    assert.equal(enc(r, "big"), bulk("hashtable"));
    raw(r, "SADD", "z", "-0");
    assert.equal(enc(r, "z"), bulk("hashtable"));
    raw(r, "CONFIG", "SET", "set-max-intset-entries", "3");
    raw(r, "SADD", "lim", "1", "2", "3");
    assert.equal(enc(r, "lim"), bulk("intset"));
    raw(r, "SADD", "lim", "4");
    assert.equal(enc(r, "lim"), bulk("hashtable"));
    raw(r, "SREM", "lim", "4", "3");
    assert.equal(enc(r, "lim"), bulk("hashtable"));
  });

  test("WRONGTYPE", () => {
    const r = createInProcess();
    raw(r, "SET", "str", "x");
    raw(r, "SADD", "s", "a");
    for (
      const cmd of [
        ["SADD", "str", "a"],
        ["SREM", "str", "a"],
        ["SISMEMBER", "str", "a"],
        ["SMISMEMBER", "str", "a"],
        ["SCARD", "str"],
        ["SMEMBERS", "str"],
        ["SPOP", "str"],
        ["SPOP", "str", 1],
        ["SRANDMEMBER", "str"],
        ["SRANDMEMBER", "str", 1],
        ["SMOVE", "str", "s", "a"],
        ["SMOVE", "s", "str", "a"],
        ["SINTER", "s", "str"],
        ["SINTER", "nokey", "str"],
        ["SINTERCARD", 2, "s", "str"],
        ["SINTERSTORE", "d", "s", "str"],
        ["SUNION", "s", "str"],
        ["SUNIONSTORE", "d", "s", "str"],
        ["SDIFF", "s", "str"],
        ["SDIFFSTORE", "d", "s", "str"],
        ["SSCAN", "str", 0],
      ]
    ) assert.equal(raw(r, ...cmd), WRONGTYPE, cmd.join(" "));
    assert.equal(raw(r, "SMOVE", "nokey", "str", "a"), int(0));
  });
});

describe("set algebra", () => {
  test("SINTER/SUNION/SDIFF with intsets come out sorted", () => {
    const r = createInProcess();
    raw(r, "SADD", "i1", "1", "2", "3", "4", "5");
    raw(r, "SADD", "i2", "3", "4", "5", "6", "7");
    assert.equal(raw(r, "SINTER", "i1", "i2"), bulks("3", "4", "5"));
    assert.equal(raw(r, "SINTER", "i1", "nokey"), EMPTY);
    assert.equal(raw(r, "SUNION", "i2", "i1", "nokey"), bulks("1", "2", "3", "4", "5", "6", "7"));
    assert.equal(raw(r, "SUNION", "nokey"), EMPTY);
    assert.equal(raw(r, "SDIFF", "i1", "i2"), bulks("1", "2"));
    assert.equal(raw(r, "SDIFF", "i1", "nokey"), bulks("1", "2", "3", "4", "5"));
    assert.equal(raw(r, "SDIFF", "nokey", "i1"), EMPTY);
    assert.equal(raw(r, "SDIFF", "i1", "i2", "i1"), EMPTY);
    assert.equal(raw(r, "SDIFF", "i1", "i1"), EMPTY);
    raw(r, "SADD", "h1", "a", "b", "c", "1", "2", "3");
    assert.deepEqual(sorted(r, "SINTER", "h1", "i1"), ["1", "2", "3"]);
    assert.deepEqual(sorted(r, "SDIFF", "h1", "i1"), ["a", "b", "c"]);
    raw(r, "HELLO", "3");
    assert.equal(raw(r, "SINTER", "i1", "i2"), set3("3", "4", "5"));
    assert.equal(raw(r, "SINTER", "i1", "nokey"), "~0\r\n");
    assert.equal(raw(r, "SDIFF", "i1", "i2"), set3("1", "2"));
  });

  test("SINTERCARD", () => {
    const r = createInProcess();
    raw(r, "SADD", "i1", "1", "2", "3", "4", "5");
    raw(r, "SADD", "i2", "3", "4", "5", "6", "7");
    assert.equal(raw(r, "SINTERCARD", 2, "i1", "i2"), int(3));
    assert.equal(raw(r, "SINTERCARD", 2, "i1", "i2", "LIMIT", 2), int(2));
    assert.equal(raw(r, "SINTERCARD", 2, "i1", "i2", "LIMIT", 0), int(3));
    assert.equal(raw(r, "SINTERCARD", 2, "i1", "nokey"), int(0));
    const numkeys = err("ERR numkeys should be greater than 0");
    assert.equal(raw(r, "SINTERCARD", 0, "i1"), numkeys);
    assert.equal(raw(r, "SINTERCARD", "x", "i1"), numkeys);
    assert.equal(
      raw(r, "SINTERCARD", 3, "i1", "i2"),
      err("ERR Number of keys can't be greater than number of args"),
    );
    assert.equal(raw(r, "SINTERCARD", 1, "i1", "LIMIT", -1), err("ERR LIMIT can't be negative"));
    assert.equal(raw(r, "SINTERCARD", 1, "i1", "LIMIT"), SYNTAX);
    assert.equal(raw(r, "SINTERCARD", 1, "i1", "FOO", 1), SYNTAX);
  });

  test("STORE variants replace, delete and notify", () => {
    const r = createInProcess();
    const seen = events(r);
    raw(r, "SADD", "i1", "1", "2", "3");
    raw(r, "SADD", "i2", "2", "3", "4");
    raw(r, "SET", "dst", "string");
    assert.equal(raw(r, "SINTERSTORE", "dst", "i1", "i2"), int(2));
    assert.equal(raw(r, "SMEMBERS", "dst"), bulks("2", "3"));
    assert.equal(enc(r, "dst"), bulk("intset"));
    assert.equal(raw(r, "SUNIONSTORE", "dst", "i1", "i2"), int(4));
    assert.equal(raw(r, "SDIFFSTORE", "dst", "i1", "i2"), int(1));
    assert.equal(raw(r, "SMEMBERS", "dst"), bulks("1"));
    assert.equal(raw(r, "SDIFFSTORE", "dst", "i1", "i1"), int(0));
    assert.equal(raw(r, "EXISTS", "dst"), int(0));
    raw(r, "SADD", "dst", "x");
    assert.equal(raw(r, "SINTERSTORE", "dst", "i1", "nokey"), int(0));
    assert.equal(raw(r, "EXISTS", "dst"), int(0));
    assert.equal(raw(r, "SUNIONSTORE", "dst", "nokey"), int(0));
    assert.deepEqual(seen.slice(3), [
      "sinterstore dst",
      "sunionstore dst",
      "sdiffstore dst",
      "del dst",
      "sadd dst",
      "del dst",
    ]);
  });
});

describe("SPOP and SRANDMEMBER", () => {
  test("replies, errors and deletion", () => {
    const r = createInProcess();
    assert.equal(raw(r, "SPOP", "nokey"), NIL);
    assert.equal(raw(r, "SPOP", "nokey", 3), EMPTY);
    assert.equal(raw(r, "SRANDMEMBER", "nokey"), NIL);
    assert.equal(raw(r, "SRANDMEMBER", "nokey", 3), EMPTY);
    raw(r, "SADD", "s", "1", "2", "3");
    assert.equal(raw(r, "SPOP", "s", 0), EMPTY);
    assert.equal(raw(r, "SPOP", "s", -1), err("ERR value is out of range, must be positive"));
    assert.equal(raw(r, "SPOP", "s", 1, 2), SYNTAX);
    assert.equal(raw(r, "SRANDMEMBER", "s", 1, 2), SYNTAX);
    assert.equal(raw(r, "SRANDMEMBER", "s", "x"), NOT_INT);
    assert.equal(raw(r, "SRANDMEMBER", "s", 0), EMPTY);
    assert.equal(
      raw(r, "SRANDMEMBER", "s", "-9223372036854775808"),
      err(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
      ),
    );
    assert.equal(raw(r, "SRANDMEMBER", "s", 10), bulks("1", "2", "3"));
    assert.equal(raw(r, "SPOP", "s", 10), bulks("1", "2", "3"));
    assert.equal(raw(r, "EXISTS", "s"), int(0));
    raw(r, "SADD", "one", "x");
    assert.equal(raw(r, "SRANDMEMBER", "one", -3), bulks("x", "x", "x"));
    assert.equal(raw(r, "SPOP", "one"), bulk("x"));
    assert.equal(raw(r, "EXISTS", "one"), int(0));
    raw(r, "HELLO", "3");
    assert.equal(raw(r, "SPOP", "nokey"), NULL3);
    assert.equal(raw(r, "SPOP", "nokey", 3), "~0\r\n");
    assert.equal(raw(r, "SRANDMEMBER", "nokey", 3), EMPTY);
    raw(r, "SADD", "two", "a", "b");
    assert.equal((r.call("SPOP", "two", 1) as string[]).length, 1);
    assert.match(raw(r, "SPOP", "two", 5), /^~1\r\n/);
  });

  test("SPOP with count: every code path pops distinct members", () => {
    for (const [size, count] of [[100, 10], [100, 90], [100, 100], [30, 29]]) {
      for (const encoding of ["intset", "hashtable"]) {
        const r = createInProcess();
        const members: string[] = [];
        for (let i = 0; i < size; i++) members.push(encoding === "intset" ? String(i) : "m" + i);
        raw(r, "SADD", "s", ...members);
        assert.equal(enc(r, "s"), bulk(encoding));
        const popped = r.call("SPOP", "s", count) as string[];
        assert.equal(popped.length, count);
        assert.equal(new Set(popped).size, count);
        const rest = size === count ? [] : (r.call("SMEMBERS", "s") as string[]);
        assert.equal(rest.length, size - count);
        assert.deepEqual([...popped, ...rest].sort(), members.slice().sort());
      }
    }
  });

  test("SPOP keeps the TTL and rebuilds the encoding of survivors", () => {
    const r = createInProcess();
    raw(r, "SADD", "s", "a", "1", "2", "3", "4", "5");
    raw(r, "EXPIRE", "s", 100);
    const popped = r.call("SPOP", "s", 5) as string[];
    assert.equal(raw(r, "TTL", "s"), int(100));
    const left = r.call("SMEMBERS", "s") as string[];
    assert.equal(left.length, 1);
    assert.ok(!popped.includes(left[0]));
    assert.equal(enc(r, "s"), bulk(left[0] === "a" ? "hashtable" : "intset"));
  });

  test("SPOP replicates as SREM (or DEL when it takes everything)", () => {
    const r = createInProcess();
    const fed: string[][] = [];
    r.engine.hooks.propagate.push((_db, argv) => fed.push(argv));
    raw(r, "SADD", "s", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    fed.length = 0;
    const one = r.call("SPOP", "s") as string;
    assert.deepEqual(fed, [["SREM", "s", one]]);
    fed.length = 0;
    const two = r.call("SPOP", "s", 2) as string[];
    assert.deepEqual(fed, two.map((m) => ["SREM", "s", m]));
    fed.length = 0;
    const most = r.call("SPOP", "s", 6) as string[];
    assert.deepEqual(fed.map((a) => a[2]).sort(), most.slice().sort());
    assert.ok(fed.every((a) => a[0] === "SREM" && a[1] === "s"));
    fed.length = 0;
    raw(r, "SPOP", "s", 5);
    assert.deepEqual(fed, [["DEL", "s"]]);
  });

  for (const encoding of ["intset", "hashtable"]) {
    test(`SRANDMEMBER draws are uniform (${encoding})`, () => {
      const r = createInProcess();
      const members: string[] = [];
      for (let i = 0; i < 10; i++) members.push(encoding === "intset" ? String(i) : "m" + i);
      raw(r, "SADD", "s", ...members);
      for (const count of [2, 8]) {
        const got = r.call("SRANDMEMBER", "s", count) as string[];
        assert.equal(new Set(got).size, count);
      }
      const counts = new Map<string, number>();
      for (const m of r.call("SRANDMEMBER", "s", -10000) as string[]) {
        counts.set(m, (counts.get(m) ?? 0) + 1);
      }
      let chi = 0;
      for (const n of counts.values()) chi += (n - 1000) ** 2 / 1000;
      assert.equal(counts.size, 10);
      assert.ok(chi < 40, "chi-square " + chi);
    });
  }
});

describe("SMOVE", () => {
  test("moves, creates, deletes and notifies", () => {
    const r = createInProcess();
    const seen = events(r);
    raw(r, "SADD", "a", "1", "2");
    assert.equal(raw(r, "SMOVE", "a", "b", "1"), int(1));
    assert.equal(enc(r, "b"), bulk("intset"));
    assert.equal(raw(r, "SMOVE", "a", "b", "9"), int(0));
    assert.equal(raw(r, "SMOVE", "a", "a", "2"), int(1));
    assert.equal(raw(r, "SMOVE", "a", "a", "9"), int(0));
    raw(r, "SADD", "b", "2");
    assert.equal(raw(r, "SMOVE", "a", "b", "2"), int(1));
    assert.equal(raw(r, "EXISTS", "a"), int(0));
    assert.equal(raw(r, "SMEMBERS", "b"), bulks("1", "2"));
    assert.deepEqual(seen, [
      "sadd a",
      "srem a",
      "sadd b",
      "sadd b",
      "srem a",
      "del a",
    ]);
  });
});

describe("SSCAN", () => {
  test("intset in one call, errors", () => {
    const r = createInProcess();
    assert.equal(raw(r, "SSCAN", "nokey", 0), arr(bulk("0"), EMPTY));
    raw(r, "SADD", "s", "3", "1", "12");
    assert.equal(raw(r, "SSCAN", "s", 0), arr(bulk("0"), bulks("1", "3", "12")));
    assert.equal(raw(r, "SSCAN", "s", 0, "MATCH", "1*"), arr(bulk("0"), bulks("1", "12")));
    assert.equal(raw(r, "SSCAN", "s", "x"), err("ERR invalid cursor"));
    assert.equal(raw(r, "SSCAN", "s", 0, "COUNT", 0), SYNTAX);
    assert.equal(raw(r, "SSCAN", "s", 0, "TYPE", "set"), SYNTAX);
  });

  test("hashtable: full iteration under removals misses nothing stable", () => {
    const r = createInProcess();
    const members: string[] = [];
    for (let i = 0; i < 2000; i++) members.push("m" + i);
    raw(r, "SADD", "s", ...members);
    const stable = new Set(members);
    const seen = new Set<string>();
    let cursor = "0";
    let round = 0;
    do {
      const [next, items] = r.call("SSCAN", "s", cursor) as [string, string[]];
      for (const m of items) seen.add(m);
      cursor = next;
      for (let j = 0; j < 8; j++) {
        const victim = "m" + ((round * 97 + j * 389) % 2000);
        if (stable.delete(victim)) raw(r, "SREM", "s", victim);
        raw(r, "SADD", "s", "n" + round + "-" + j);
      }
      round++;
    } while (cursor !== "0");
    for (const m of stable) assert.ok(seen.has(m), "missed " + m);
  });
});

describe("large sets (members kept only in the set's key table)", () => {
  test("SPOP and SRANDMEMBER after many SREMs: live members only, distinct, uniform", () => {
    const r = createInProcess();
    const members = Array.from({ length: 1000 }, (_, i) => "element:" + i);
    r.call("SADD", "s", ...members);
    for (let i = 0; i < 1000; i++) if (i % 5 !== 0) r.call("SREM", "s", "element:" + i);
    const live = new Set(Array.from({ length: 200 }, (_, i) => "element:" + i * 5));
    for (const count of [20, 150]) {
      const got = r.call("SRANDMEMBER", "s", count) as string[];
      assert.equal(new Set(got).size, count);
      for (const m of got) assert.ok(live.has(m), m);
    }
    assertUniformDraws(r.call("SRANDMEMBER", "s", -100_000) as string[], live, 300);
    const popped = new Set<string>();
    for (let i = 0; i < 150; i++) popped.add(r.call("SPOP", "s") as string);
    for (const m of r.call("SPOP", "s", 30) as string[]) popped.add(m);
    assert.equal(popped.size, 180);
    for (const m of popped) assert.ok(live.has(m), m);
    const rest = r.call("SMEMBERS", "s") as string[];
    assert.equal(rest.length, 20);
    for (const m of rest) assert.ok(live.has(m) && !popped.has(m), m);
  });
});
