/**
 * SORT and SORT_RO on lists, sets and sorted sets: numeric and ALPHA order,
 * BY patterns (keys and hash fields), GET, LIMIT, STORE, and Redis's errors.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import type { ZSet } from "../../lib/store/types/zset.ts";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function raw(r: InProcess, ...argv: string[]): string {
  return latin1(r.callRaw(...argv));
}

function bulks(...items: (string | null)[]): string {
  return "*" + items.length + "\r\n" +
    items.map((s) => (s === null ? "$-1\r\n" : "$" + s.length + "\r\n" + s + "\r\n")).join("");
}

function setup(): InProcess {
  const r = createInProcess();
  r.call("RPUSH", "l", "3", "1", "2", "10", "-5", "1.5");
  r.call("MSET", "w_1", "30", "w_2", "20", "w_3", "10", "o_1", "x");
  r.call("HSET", "h_1", "f", "b");
  r.call("HSET", "h_2", "f", "a");
  r.call("RPUSH", "ids", "1", "2", "3");
  return r;
}

describe("SORT", () => {
  test("numeric and ALPHA order, DESC, LIMIT", () => {
    const r = setup();
    assert.equal(raw(r, "SORT", "l"), bulks("-5", "1", "1.5", "2", "3", "10"));
    assert.equal(raw(r, "SORT", "l", "DESC"), bulks("10", "3", "2", "1.5", "1", "-5"));
    assert.equal(raw(r, "SORT", "l", "ALPHA"), bulks("-5", "1", "1.5", "10", "2", "3"));
    assert.equal(raw(r, "SORT", "l", "LIMIT", "1", "2"), bulks("1", "1.5"));
    assert.equal(raw(r, "SORT", "l", "LIMIT", "-1", "2"), bulks("-5", "1"));
    assert.equal(raw(r, "SORT", "l", "LIMIT", "10", "2"), "*0\r\n");
    assert.equal(raw(r, "SORT", "l", "LIMIT", "2", "-1"), bulks("1.5", "2", "3", "10"));
    assert.equal(raw(r, "SORT", "nokey"), "*0\r\n");
  });

  test("BY without '*' keeps the native order", () => {
    const r = setup();
    assert.equal(raw(r, "SORT", "l", "BY", "nosort"), bulks("3", "1", "2", "10", "-5", "1.5"));
    assert.equal(
      raw(r, "SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "3"),
      bulks("-5", "10", "2"),
    );
    r.call("ZADD", "z", "1", "c", "2", "b", "3", "a");
    assert.equal(raw(r, "SORT", "z", "BY", "nosort"), bulks("c", "b", "a"));
    assert.equal(raw(r, "SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"), bulks("b", "c"));
    assert.equal(raw(r, "SORT", "z", "ALPHA"), bulks("a", "b", "c"));
    // SORT converts a listpack sorted set for good, as Redis does.
    assert.equal((r.engine.dbs[0].get("z") as ZSet).encoding(), "skiplist");
  });

  test("BY and GET patterns, hash fields, #", () => {
    const r = setup();
    assert.equal(raw(r, "SORT", "ids", "BY", "w_*"), bulks("3", "2", "1"));
    assert.equal(
      raw(
        r,
        "SORT",
        "ids",
        "BY",
        "w_*",
        "GET",
        "#",
        "GET",
        "w_*",
        "GET",
        "h_*->f",
        "GET",
        "o_*",
        "GET",
        "nostar",
      ),
      bulks("3", "10", null, null, null, "2", "20", "a", null, null, "1", "30", "b", "x", null),
    );
    assert.equal(raw(r, "SORT", "ids", "BY", "h_*->f", "ALPHA"), bulks("3", "2", "1"));
    assert.equal(raw(r, "SORT", "ids", "BY", "h_*->f", "ALPHA", "DESC"), bulks("1", "2", "3"));
    // Missing weights sort as 0, ties by the elements themselves.
    assert.equal(raw(r, "SORT", "ids", "BY", "nokey_*"), bulks("1", "2", "3"));
  });

  test("STORE writes a list, or deletes the destination when empty", () => {
    const r = setup();
    assert.equal(raw(r, "SORT", "ids", "BY", "w_*", "GET", "h_*->f", "STORE", "dst"), ":3\r\n");
    assert.equal(raw(r, "LRANGE", "dst", "0", "-1"), bulks("", "a", "b"));
    assert.equal(raw(r, "SORT", "ids", "LIMIT", "5", "1", "STORE", "dst"), ":0\r\n");
    assert.equal(raw(r, "EXISTS", "dst"), ":0\r\n");
    r.call("SADD", "s", "b", "a", "c");
    assert.equal(raw(r, "SORT", "s", "BY", "nosort", "STORE", "dst"), ":3\r\n");
    assert.equal(raw(r, "LRANGE", "dst", "0", "-1"), bulks("a", "b", "c"));
  });

  test("errors", () => {
    const r = setup();
    r.call("RPUSH", "bad", "a", "1");
    assert.equal(
      raw(r, "SORT", "bad"),
      "-ERR One or more scores can't be converted into double\r\n",
    );
    assert.equal(raw(r, "SORT", "bad", "ALPHA"), bulks("1", "a"));
    r.call("RPUSH", "big", "1e400");
    assert.equal(
      raw(r, "SORT", "big"),
      "-ERR One or more scores can't be converted into double\r\n",
    );
    r.call("RPUSH", "inf", "inf", "-inf", " 3", "");
    assert.equal(raw(r, "SORT", "inf"), bulks("-inf", "", " 3", "inf"));
    assert.equal(
      raw(r, "SORT", "l", "LIMIT", "a", "1"),
      "-ERR value is not an integer or out of range\r\n",
    );
    assert.equal(raw(r, "SORT", "l", "STORE"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "SORT", "l", "FOO"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "SORT_RO", "l", "STORE", "x"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "SORT_RO", "l", "DESC", "LIMIT", "0", "1"), bulks("10"));
    r.call("SET", "str", "x");
    assert.equal(
      raw(r, "SORT", "str"),
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    );
  });

  test("RESP3 nulls for missing GET values", () => {
    const r = setup();
    r.call("HELLO", "3");
    assert.equal(
      raw(r, "SORT", "ids", "BY", "w_*", "LIMIT", "0", "1", "GET", "h_*->f"),
      "*1\r\n_\r\n",
    );
  });
});
