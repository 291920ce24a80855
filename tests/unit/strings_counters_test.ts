/**
 * INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT: exact 64-bit integers, overflow
 * errors, TTL kept, events and propagation; INCRBYFLOAT's long double
 * arithmetic and formatting as Redis on x86-64 prints it.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { parseKeyspaceEventFlags } from "../../lib/config/notify-flags.ts";
import {
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
} from "../../lib/store/long-double.ts";

const WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const NOT_INT = "-ERR value is not an integer or out of range\r\n";
const NOT_FLOAT = "-ERR value is not a valid float\r\n";
const OVERFLOW = "-ERR increment or decrement would overflow\r\n";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function raw(r: InProcess, ...argv: string[]): string {
  return latin1(r.callRaw(...argv));
}

function bulk(s: string): string {
  return "$" + s.length + "\r\n" + s + "\r\n";
}

describe("INCR family", () => {
  test("basic counting and replies", () => {
    const r = createInProcess();
    assert.equal(raw(r, "INCR", "n"), ":1\r\n");
    assert.equal(raw(r, "INCR", "n"), ":2\r\n");
    assert.equal(raw(r, "DECR", "n"), ":1\r\n");
    assert.equal(raw(r, "INCRBY", "n", "-10"), ":-9\r\n");
    assert.equal(raw(r, "DECRBY", "n", "-20"), ":11\r\n");
    assert.equal(raw(r, "GET", "n"), bulk("11"));
    assert.equal(raw(r, "DECR", "m"), ":-1\r\n");
    assert.equal(raw(r, "INCRBY", "z", "0"), ":0\r\n");
  });

  test("values past 2^53 stay exact", () => {
    const r = createInProcess();
    raw(r, "SET", "n", "9007199254740991");
    assert.equal(raw(r, "INCR", "n"), ":9007199254740992\r\n");
    assert.equal(raw(r, "INCR", "n"), ":9007199254740993\r\n");
    assert.equal(raw(r, "GET", "n"), bulk("9007199254740993"));
    assert.equal(raw(r, "INCRBY", "n", "9000000000000000000"), ":9009007199254740993\r\n");
    assert.equal(raw(r, "DECRBY", "n", "9009007199254740994"), ":-1\r\n");
  });

  test("64-bit limits and overflow", () => {
    const r = createInProcess();
    raw(r, "SET", "n", "9223372036854775806");
    assert.equal(raw(r, "INCR", "n"), ":9223372036854775807\r\n");
    assert.equal(raw(r, "INCR", "n"), OVERFLOW);
    assert.equal(raw(r, "GET", "n"), bulk("9223372036854775807"));
    raw(r, "SET", "n", "-9223372036854775807");
    assert.equal(raw(r, "DECR", "n"), ":-9223372036854775808\r\n");
    assert.equal(raw(r, "DECR", "n"), OVERFLOW);
    assert.equal(raw(r, "INCRBY", "n", "-1"), OVERFLOW);
    assert.equal(raw(r, "INCRBY", "n", "9223372036854775807"), ":-1\r\n");
    assert.equal(
      raw(r, "DECRBY", "n", "-9223372036854775808"),
      "-ERR decrement would overflow\r\n",
    );
    assert.equal(raw(r, "DECRBY", "x", "9223372036854775807"), ":-9223372036854775807\r\n");
    assert.equal(raw(r, "INCRBY", "y", "9223372036854775808"), NOT_INT);
  });

  test("values that are not integers", () => {
    const r = createInProcess();
    for (
      const bad of ["", " 1", "1 ", "+1", "01", "-0", "1.0", "1e3", "abc", "99999999999999999999"]
    ) {
      raw(r, "SET", "n", bad);
      assert.equal(raw(r, "INCR", "n"), NOT_INT, JSON.stringify(bad));
    }
    assert.equal(raw(r, "INCRBY", "k", "1.5"), NOT_INT);
    assert.equal(raw(r, "DECRBY", "k", ""), NOT_INT);
    raw(r, "LPUSH", "l", "x");
    assert.equal(raw(r, "INCR", "l"), WRONGTYPE);
    assert.equal(raw(r, "INCRBY", "l", "x"), NOT_INT);
  });

  test("TTL kept; events; propagation as sent", () => {
    const r = createInProcess();
    raw(r, "SET", "n", "1", "EX", "100");
    const ttl = r.engine.dbs[0].getExpire("n");
    raw(r, "INCR", "n");
    assert.equal(r.engine.dbs[0].getExpire("n"), ttl);
    const ev: string[] = [];
    r.engine.config.settings.notifyKeyspaceEvents = parseKeyspaceEventFlags("KEAn");
    r.engine.hooks.publish = (ch, msg) => {
      if (ch.startsWith("__keyevent")) ev.push(ch.slice(ch.indexOf(":") + 1) + " " + msg);
      return 0;
    };
    const prop: string[][] = [];
    r.engine.hooks.propagate.push((_db, argv) => prop.push([...argv]));
    raw(r, "INCRBY", "m", "5");
    raw(r, "DECR", "m");
    assert.deepEqual(ev, ["new m", "incrby m", "incrby m"]);
    assert.deepEqual(prop, [["INCRBY", "m", "5"], ["DECR", "m"]]);
  });
});

describe("INCRBYFLOAT", () => {
  test("replies and stored values as Redis prints them", () => {
    const r = createInProcess();
    const steps: [string, string][] = [
      ["10.5", "10.5"],
      ["0.1", "10.6"],
      ["-10.6", "0"],
      ["5.0e3", "5000"],
      // Long double keeps ~19 digits: 5000 - 1.1 is not 4998.9 there.
      ["-1.1", "4998.89999999999999991"],
      ["1e-20", "4998.89999999999999991"],
      ["0x10", "5014.89999999999999991"],
      ["inf", ""],
    ];
    for (const [incr, want] of steps) {
      const got = raw(r, "INCRBYFLOAT", "f", incr);
      if (want === "") assert.equal(got, "-ERR increment would produce NaN or Infinity\r\n");
      else assert.equal(got, bulk(want), incr);
    }
    assert.equal(raw(r, "GET", "f"), bulk("5014.89999999999999991"));
    raw(r, "SET", "g", "1");
    assert.equal(raw(r, "INCRBYFLOAT", "g", "-1.1"), bulk("-0.1"));
    raw(r, "SET", "g", "17179869184");
    assert.equal(raw(r, "INCRBYFLOAT", "g", "1.5"), bulk("17179869185.5"));
    raw(r, "SET", "g", "34359738368");
    assert.equal(raw(r, "INCRBYFLOAT", "g", "17179869184"), bulk("51539607552"));
    // No negative zero.
    raw(r, "SET", "g", "0");
    assert.equal(raw(r, "INCRBYFLOAT", "g", "-1e-30"), bulk("0"));
    assert.equal(raw(r, "INCRBYFLOAT", "h", "1e30"), bulk("1000000000000000000024696061952"));
  });

  test("the reply is a bulk string in RESP3 too", () => {
    const r = createInProcess();
    raw(r, "HELLO", "3");
    assert.equal(raw(r, "INCRBYFLOAT", "f", "1.5"), bulk("1.5"));
  });

  test("invalid values and increments", () => {
    const r = createInProcess();
    for (const bad of ["", " 1", "1 ", "abc", "nan", "1e", "0x", "1e99999", "1e-99999", "1\x002"]) {
      raw(r, "SET", "f", bad);
      assert.equal(raw(r, "INCRBYFLOAT", "f", "1"), NOT_FLOAT, JSON.stringify(bad));
      assert.equal(raw(r, "INCRBYFLOAT", "g", bad), NOT_FLOAT, JSON.stringify(bad));
    }
    raw(r, "SET", "f", "1e4932");
    assert.equal(
      raw(r, "INCRBYFLOAT", "f", "1e4932"),
      "-ERR increment would produce NaN or Infinity\r\n",
    );
    raw(r, "LPUSH", "l", "x");
    assert.equal(raw(r, "INCRBYFLOAT", "l", "1"), WRONGTYPE);
  });

  test("keeps the TTL and propagates as SET KEEPTTL", () => {
    const r = createInProcess();
    raw(r, "SET", "f", "1", "EX", "100");
    const ttl = r.engine.dbs[0].getExpire("f");
    const prop: string[][] = [];
    r.engine.hooks.propagate.push((_db, argv) => prop.push([...argv]));
    raw(r, "INCRBYFLOAT", "f", "0.25");
    assert.equal(r.engine.dbs[0].getExpire("f"), ttl);
    assert.deepEqual(prop, [["SET", "f", "1.25", "KEEPTTL"]]);
  });
});

describe("long double emulation", () => {
  function add(a: string, b: string): string {
    const x = parseLongDouble(a);
    const y = parseLongDouble(b);
    assert.ok(x && y);
    const sum = addLongDouble(x, y);
    assert.ok(sum);
    return formatLongDoubleHuman(sum);
  }

  test("extended precision sums and %.17Lf rounding", () => {
    assert.equal(add("0.1", "0.2"), "0.3");
    assert.equal(add("1", "-1.1"), "-0.1");
    assert.equal(add("1e20", "1"), "100000000000000000000");
    assert.equal(add("123456789012345678901234", "1"), "123456789012345678897152");
    assert.equal(add("0.000000000000000005", "0"), "0");
    assert.equal(add("0.000000000000000015", "0"), "0.00000000000000002");
    assert.equal(add("-5", "5"), "0");
    assert.equal(add("0x1.8p1", "0"), "3");
  });

  test("parsing limits", () => {
    assert.equal(parseLongDouble("1.18973149535723176502e+4932")?.inf, false);
    assert.equal(parseLongDouble("1.18973149535723176508e+4932"), undefined);
    assert.notEqual(parseLongDouble("0x1p-16445"), undefined);
    assert.equal(parseLongDouble("0x1p-16446"), undefined);
    assert.equal(parseLongDouble("x".repeat(5120)), undefined);
    assert.equal(parseLongDouble("-Infinity")?.inf, true);
    assert.equal(parseLongDouble(".5") !== undefined, true);
    assert.equal(parseLongDouble("5.") !== undefined, true);
    assert.equal(parseLongDouble("."), undefined);
    assert.equal(parseLongDouble("+-1"), undefined);
  });
});
