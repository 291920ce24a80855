/**
 * String commands: GET, SET and its options, SETNX, SETEX, PSETEX, GETSET,
 * GETEX, GETDEL, MGET, MSET, MSETNX, APPEND, STRLEN, GETRANGE, SUBSTR,
 * SETRANGE and LCS, with exact reply bytes in RESP2 and RESP3, keyspace
 * events, propagation and the write bookkeeping.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import { parseKeyspaceEventFlags } from "../../lib/config/notify-flags.ts";

const T0 = 1_700_000_000_000;
const WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const NOT_INT = "-ERR value is not an integer or out of range\r\n";
const SYNTAX = "-ERR syntax error\r\n";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Bytes of a binary string, so chars >= 0x80 are sent as single bytes. */
function bin(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

function setup(clock = new ManualClock(T0)): { r: InProcess; clock: ManualClock } {
  return { r: createInProcess({ clock }), clock };
}

function raw(r: InProcess, ...argv: (string | Uint8Array)[]): string {
  return latin1(r.callRaw(...argv));
}

function resp3(r: InProcess): void {
  raw(r, "HELLO", "3");
}

/** Captures keyspace events (`KEA` plus `n` unless told) as "event key" strings. */
function events(r: InProcess, flags = "KEAn"): string[] {
  const out: string[] = [];
  r.engine.config.settings.notifyKeyspaceEvents = parseKeyspaceEventFlags(flags);
  r.engine.hooks.publish = (channel, message) => {
    if (channel.startsWith("__keyevent@")) {
      out.push(channel.slice(channel.indexOf(":") + 1) + " " + message);
    }
    return 0;
  };
  return out;
}

/** Captures what is propagated to replicas. */
function propagated(r: InProcess): string[][] {
  const out: string[][] = [];
  r.engine.hooks.propagate.push((_db, argv) => out.push([...argv]));
  return out;
}

function lpush(r: InProcess, key: string): void {
  assert.equal(raw(r, "LPUSH", key, "x"), ":1\r\n");
}

describe("GET and SET", () => {
  test("basic replies, empty and binary values", () => {
    const { r } = setup();
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
    assert.equal(raw(r, "SET", "k", "v"), "+OK\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\nv\r\n");
    assert.equal(raw(r, "SET", "e", ""), "+OK\r\n");
    assert.equal(raw(r, "GET", "e"), "$0\r\n\r\n");
    assert.equal(raw(r, "SET", bin("\x00\xff"), bin("\r\n\x80")), "+OK\r\n");
    assert.equal(raw(r, "GET", bin("\x00\xff")), "$3\r\n\r\n\x80\r\n");
    lpush(r, "l");
    assert.equal(raw(r, "GET", "l"), WRONGTYPE);
    resp3(r);
    assert.equal(raw(r, "GET", "nope"), "_\r\n");
  });

  test("arity errors", () => {
    const { r } = setup();
    assert.equal(raw(r, "GET"), "-ERR wrong number of arguments for 'get' command\r\n");
    assert.equal(raw(r, "SET", "k"), "-ERR wrong number of arguments for 'set' command\r\n");
  });

  test("plain SET drops the TTL; KEEPTTL keeps it", () => {
    const { r, clock } = setup();
    raw(r, "SET", "k", "v", "EX", "100");
    assert.equal(r.engine.dbs[0].getExpire("k"), T0 + 100_000);
    raw(r, "SET", "k", "w", "KEEPTTL");
    assert.equal(r.engine.dbs[0].getExpire("k"), T0 + 100_000);
    raw(r, "SET", "k", "x");
    assert.equal(r.engine.dbs[0].getExpire("k"), -1);
    raw(r, "SET", "k", "v", "PX", "1500");
    clock.advance(1501);
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
  });

  test("EX, PX, EXAT, PXAT give absolute expiry times", () => {
    const { r } = setup();
    const db = r.engine.dbs[0];
    raw(r, "SET", "a", "v", "EX", "10");
    assert.equal(db.getExpire("a"), T0 + 10_000);
    raw(r, "SET", "a", "v", "PX", "10");
    assert.equal(db.getExpire("a"), T0 + 10);
    raw(r, "SET", "a", "v", "EXAT", String(T0 / 1000 + 5));
    assert.equal(db.getExpire("a"), T0 + 5000);
    raw(r, "SET", "a", "v", "PXAT", String(T0 + 7));
    assert.equal(db.getExpire("a"), T0 + 7);
    // The same expiry option may repeat: the last one wins.
    raw(r, "SET", "a", "v", "EX", "1", "EX", "2");
    assert.equal(db.getExpire("a"), T0 + 2000);
  });

  test("invalid expire times and syntax errors", () => {
    const { r } = setup();
    const bad = "-ERR invalid expire time in 'set' command\r\n";
    assert.equal(raw(r, "SET", "k", "v", "EX", "0"), bad);
    assert.equal(raw(r, "SET", "k", "v", "PX", "-1"), bad);
    assert.equal(raw(r, "SET", "k", "v", "EX", "9223372036854776"), bad);
    assert.equal(raw(r, "SET", "k", "v", "PX", "9223372036854775807"), bad);
    assert.equal(raw(r, "SET", "k", "v", "EX", "1.5"), NOT_INT);
    assert.equal(raw(r, "SET", "k", "v", "EX"), SYNTAX);
    assert.equal(raw(r, "SET", "k", "v", "NX", "XX"), SYNTAX);
    assert.equal(raw(r, "SET", "k", "v", "EX", "1", "PX", "1"), SYNTAX);
    assert.equal(raw(r, "SET", "k", "v", "KEEPTTL", "EX", "1"), SYNTAX);
    assert.equal(raw(r, "SET", "k", "v", "PERSIST"), SYNTAX);
    assert.equal(raw(r, "SET", "k", "v", "FOO"), SYNTAX);
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
    // Absolute times far in the future are fine.
    assert.equal(raw(r, "SET", "k", "v", "PXAT", "9223372036854775807"), "+OK\r\n");
    assert.equal(raw(r, "SET", "k", "v", "EXAT", "9223372036854775"), "+OK\r\n");
  });

  test("NX and XX", () => {
    const { r } = setup();
    assert.equal(raw(r, "SET", "k", "1", "XX"), "$-1\r\n");
    assert.equal(raw(r, "SET", "k", "1", "nx"), "+OK\r\n");
    assert.equal(raw(r, "SET", "k", "2", "NX"), "$-1\r\n");
    assert.equal(raw(r, "SET", "k", "3", "xx"), "+OK\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\n3\r\n");
    // NX/XX compare to a key of any type.
    lpush(r, "l");
    assert.equal(raw(r, "SET", "l", "v", "NX"), "$-1\r\n");
    resp3(r);
    assert.equal(raw(r, "SET", "k", "4", "NX"), "_\r\n");
  });

  test("GET option", () => {
    const { r } = setup();
    assert.equal(raw(r, "SET", "k", "a", "GET"), "$-1\r\n");
    assert.equal(raw(r, "SET", "k", "b", "GET"), "$1\r\na\r\n");
    assert.equal(raw(r, "SET", "k", "c", "NX", "GET"), "$1\r\nb\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\nb\r\n");
    assert.equal(raw(r, "SET", "n", "c", "XX", "GET"), "$-1\r\n");
    assert.equal(raw(r, "GET", "n"), "$-1\r\n");
    assert.equal(raw(r, "SET", "n", "c", "NX", "GET"), "$-1\r\n");
    assert.equal(raw(r, "GET", "n"), "$1\r\nc\r\n");
    lpush(r, "l");
    assert.equal(raw(r, "SET", "l", "v", "GET"), WRONGTYPE);
    assert.equal(raw(r, "TYPE", "l"), "+list\r\n");
    // Without GET a SET overwrites any type.
    assert.equal(raw(r, "SET", "l", "v"), "+OK\r\n");
    // The expiry is checked before the type.
    lpush(r, "m");
    assert.equal(
      raw(r, "SET", "m", "v", "GET", "EX", "0"),
      "-ERR invalid expire time in 'set' command\r\n",
    );
  });

  test("SET on an expired key sends expired, new, set", () => {
    const { r, clock } = setup();
    raw(r, "SET", "k", "v", "PX", "10");
    const ev = events(r);
    clock.advance(11); // a key lives through its expiry millisecond
    raw(r, "SET", "k", "w");
    assert.deepEqual(ev, ["expired k", "new k", "set k"]);
  });

  test("events and propagation of SET with an expiry and with GET", () => {
    const { r } = setup();
    const ev = events(r);
    const prop = propagated(r);
    raw(r, "SET", "k", "v", "EX", "10");
    raw(r, "SET", "k", "w", "GET", "get");
    raw(r, "SET", "k", "x", "NX");
    assert.deepEqual(ev, ["new k", "set k", "expire k", "set k"]);
    assert.deepEqual(prop, [
      ["SET", "k", "v", "PXAT", String(T0 + 10_000)],
      ["SET", "k", "w"],
    ]);
  });

  test("dirty counts only real writes", () => {
    const { r } = setup();
    const d0 = r.engine.dirty;
    raw(r, "SET", "k", "v");
    raw(r, "SET", "k", "v", "NX");
    raw(r, "SET", "x", "v", "XX");
    assert.equal(r.engine.dirty - d0, 1);
  });
});

describe("SETNX, SETEX, PSETEX, GETSET", () => {
  test("SETNX replies 1 or 0", () => {
    const { r } = setup();
    assert.equal(raw(r, "SETNX", "k", "a"), ":1\r\n");
    assert.equal(raw(r, "SETNX", "k", "b"), ":0\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\na\r\n");
    lpush(r, "l");
    assert.equal(raw(r, "SETNX", "l", "b"), ":0\r\n");
  });

  test("SETNX on an expired key", () => {
    const { r, clock } = setup();
    raw(r, "SET", "k", "a", "PX", "5");
    clock.advance(6);
    assert.equal(raw(r, "SETNX", "k", "b"), ":1\r\n");
    assert.equal(r.engine.dbs[0].getExpire("k"), -1);
  });

  test("SETEX and PSETEX", () => {
    const { r } = setup();
    const db = r.engine.dbs[0];
    assert.equal(raw(r, "SETEX", "k", "10", "v"), "+OK\r\n");
    assert.equal(db.getExpire("k"), T0 + 10_000);
    assert.equal(raw(r, "PSETEX", "k", "10", "w"), "+OK\r\n");
    assert.equal(db.getExpire("k"), T0 + 10);
    assert.equal(raw(r, "GET", "k"), "$1\r\nw\r\n");
    assert.equal(raw(r, "SETEX", "k", "0", "v"), "-ERR invalid expire time in 'setex' command\r\n");
    assert.equal(
      raw(r, "PSETEX", "k", "-5", "v"),
      "-ERR invalid expire time in 'psetex' command\r\n",
    );
    assert.equal(raw(r, "SETEX", "k", "x", "v"), NOT_INT);
    assert.equal(
      raw(r, "SETEX", "k", "1"),
      "-ERR wrong number of arguments for 'setex' command\r\n",
    );
    const prop = propagated(r);
    raw(r, "SETEX", "k", "3", "v");
    assert.deepEqual(prop, [["SET", "k", "v", "PXAT", String(T0 + 3000)]]);
  });

  test("GETSET", () => {
    const { r } = setup();
    const prop = propagated(r);
    assert.equal(raw(r, "GETSET", "k", "a"), "$-1\r\n");
    assert.equal(raw(r, "GETSET", "k", "b"), "$1\r\na\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\nb\r\n");
    assert.deepEqual(prop, [["SET", "k", "a"], ["SET", "k", "b"]]);
    raw(r, "SET", "t", "v", "EX", "100");
    raw(r, "GETSET", "t", "w");
    assert.equal(r.engine.dbs[0].getExpire("t"), -1);
    lpush(r, "l");
    assert.equal(raw(r, "GETSET", "l", "v"), WRONGTYPE);
  });
});

describe("GETEX and GETDEL", () => {
  test("GETEX options", () => {
    const { r } = setup();
    const db = r.engine.dbs[0];
    raw(r, "SET", "k", "v");
    assert.equal(raw(r, "GETEX", "k"), "$1\r\nv\r\n");
    assert.equal(raw(r, "GETEX", "k", "EX", "10"), "$1\r\nv\r\n");
    assert.equal(db.getExpire("k"), T0 + 10_000);
    raw(r, "GETEX", "k", "px", "10");
    assert.equal(db.getExpire("k"), T0 + 10);
    raw(r, "GETEX", "k", "EXAT", String(T0 / 1000 + 100));
    assert.equal(db.getExpire("k"), T0 + 100_000);
    raw(r, "GETEX", "k", "PXAT", String(T0 + 100));
    assert.equal(db.getExpire("k"), T0 + 100);
    raw(r, "GETEX", "k", "PERSIST");
    assert.equal(db.getExpire("k"), -1);
  });

  test("GETEX errors", () => {
    const { r } = setup();
    raw(r, "SET", "k", "v");
    assert.equal(raw(r, "GETEX", "k", "KEEPTTL"), SYNTAX);
    assert.equal(raw(r, "GETEX", "k", "EX"), SYNTAX);
    assert.equal(raw(r, "GETEX", "k", "EX", "1", "PERSIST"), SYNTAX);
    assert.equal(raw(r, "GETEX", "k", "PERSIST", "EX", "1"), SYNTAX);
    assert.equal(
      raw(r, "GETEX", "k", "EX", "0"),
      "-ERR invalid expire time in 'getex' command\r\n",
    );
    assert.equal(raw(r, "GETEX", "k", "EX", "x"), NOT_INT);
    // The expiry is only checked on an existing string.
    assert.equal(raw(r, "GETEX", "missing", "EX", "x"), "$-1\r\n");
    lpush(r, "l");
    assert.equal(raw(r, "GETEX", "l", "EX", "x"), WRONGTYPE);
    assert.equal(raw(r, "GETEX"), "-ERR wrong number of arguments for 'getex' command\r\n");
    resp3(r);
    assert.equal(raw(r, "GETEX", "missing"), "_\r\n");
  });

  test("GETEX events and propagation", () => {
    const { r } = setup();
    raw(r, "SET", "k", "v");
    const ev = events(r);
    const prop = propagated(r);
    raw(r, "GETEX", "k");
    raw(r, "GETEX", "k", "PERSIST"); // no TTL: nothing happens
    raw(r, "GETEX", "k", "EX", "5");
    raw(r, "GETEX", "k", "PERSIST");
    raw(r, "GETEX", "k", "PXAT", String(T0 - 1)); // in the past: deleted
    assert.equal(raw(r, "EXISTS", "k"), ":0\r\n");
    assert.deepEqual(ev, ["expire k", "persist k", "del k"]);
    assert.deepEqual(prop, [
      ["PEXPIREAT", "k", String(T0 + 5000)],
      ["PERSIST", "k"],
      ["DEL", "k"],
    ]);
  });

  test("GETDEL", () => {
    const { r } = setup();
    raw(r, "SET", "k", "v");
    const ev = events(r);
    const prop = propagated(r);
    assert.equal(raw(r, "GETDEL", "k"), "$1\r\nv\r\n");
    assert.equal(raw(r, "GETDEL", "k"), "$-1\r\n");
    assert.deepEqual(ev, ["del k"]);
    assert.deepEqual(prop, [["DEL", "k"]]);
    lpush(r, "l");
    assert.equal(raw(r, "GETDEL", "l"), WRONGTYPE);
    assert.equal(raw(r, "EXISTS", "l"), ":1\r\n");
    resp3(r);
    assert.equal(raw(r, "GETDEL", "k"), "_\r\n");
  });
});

describe("MGET, MSET, MSETNX", () => {
  test("MGET reads other types as nil", () => {
    const { r } = setup();
    raw(r, "SET", "a", "1");
    lpush(r, "l");
    assert.equal(raw(r, "MGET", "a", "l", "b"), "*3\r\n$1\r\n1\r\n$-1\r\n$-1\r\n");
    resp3(r);
    assert.equal(raw(r, "MGET", "a", "l", "b"), "*3\r\n$1\r\n1\r\n_\r\n_\r\n");
  });

  test("MSET", () => {
    const { r } = setup();
    raw(r, "SET", "a", "old", "EX", "100");
    const ev = events(r);
    assert.equal(raw(r, "MSET", "a", "1", "b", "2", "a", "3"), "+OK\r\n");
    assert.equal(raw(r, "MGET", "a", "b"), "*2\r\n$1\r\n3\r\n$1\r\n2\r\n");
    assert.equal(r.engine.dbs[0].getExpire("a"), -1);
    assert.deepEqual(ev, ["set a", "new b", "set b", "set a"]);
    assert.equal(
      raw(r, "MSET", "a", "1", "b"),
      "-ERR wrong number of arguments for 'mset' command\r\n",
    );
    assert.equal(raw(r, "MSET", "a"), "-ERR wrong number of arguments for 'mset' command\r\n");
  });

  test("MSETNX", () => {
    const { r } = setup();
    assert.equal(raw(r, "MSETNX", "a", "1", "b", "2"), ":1\r\n");
    assert.equal(raw(r, "MSETNX", "c", "1", "b", "3"), ":0\r\n");
    assert.equal(raw(r, "EXISTS", "c"), ":0\r\n");
    assert.equal(raw(r, "MSETNX", "x", "1", "x", "2"), ":1\r\n");
    assert.equal(raw(r, "GET", "x"), "$1\r\n2\r\n");
    assert.equal(
      raw(r, "MSETNX", "a", "1", "b"),
      "-ERR wrong number of arguments for 'msetnx' command\r\n",
    );
  });
});

describe("APPEND, STRLEN, GETRANGE, SETRANGE", () => {
  test("APPEND creates, appends, keeps the TTL", () => {
    const { r } = setup();
    const ev = events(r);
    assert.equal(raw(r, "APPEND", "k", "ab"), ":2\r\n");
    assert.equal(raw(r, "APPEND", "k", bin("\x00\xff")), ":4\r\n");
    assert.equal(raw(r, "GET", "k"), "$4\r\nab\x00\xff\r\n");
    assert.deepEqual(ev, ["new k", "append k", "append k"]);
    raw(r, "PEXPIRE", "k", "1000");
    raw(r, "APPEND", "k", "c");
    assert.equal(r.engine.dbs[0].getExpire("k"), T0 + 1000);
    assert.equal(raw(r, "APPEND", "k", ""), ":5\r\n");
    lpush(r, "l");
    assert.equal(raw(r, "APPEND", "l", "x"), WRONGTYPE);
  });

  test("APPEND and SETRANGE respect proto-max-bulk-len", () => {
    const { r } = setup();
    r.engine.config.settings.protoMaxBulkLen = 10;
    const tooBig = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";
    raw(r, "SET", "k", "12345678");
    assert.equal(raw(r, "APPEND", "k", "90"), ":10\r\n");
    assert.equal(raw(r, "APPEND", "k", "x"), tooBig);
    assert.equal(raw(r, "SETRANGE", "k", "9", "xx"), tooBig);
    assert.equal(raw(r, "SETRANGE", "n", "10", "x"), tooBig);
    assert.equal(raw(r, "SETRANGE", "n", "9", "x"), ":10\r\n");
  });

  test("STRLEN", () => {
    const { r } = setup();
    assert.equal(raw(r, "STRLEN", "k"), ":0\r\n");
    raw(r, "SET", "k", bin("\xe2\x82\xac"));
    assert.equal(raw(r, "STRLEN", "k"), ":3\r\n");
    raw(r, "SET", "n", "-12345");
    assert.equal(raw(r, "STRLEN", "n"), ":6\r\n");
    lpush(r, "l");
    assert.equal(raw(r, "STRLEN", "l"), WRONGTYPE);
  });

  test("GETRANGE and SUBSTR index rules", () => {
    const { r } = setup();
    raw(r, "SET", "k", "Hello World");
    const cases: [string, string, string][] = [
      ["0", "-1", "Hello World"],
      ["0", "4", "Hello"],
      ["-5", "-1", "World"],
      ["5", "3", ""],
      ["-1", "-5", ""],
      ["-100", "2", "Hel"],
      ["0", "100", "Hello World"],
      ["20", "30", ""],
      ["-3", "-100", ""],
      ["0", "-100", "H"],
      ["-9223372036854775808", "9223372036854775807", "Hello World"],
      ["9223372036854775807", "9223372036854775807", ""],
    ];
    for (const [s, e, want] of cases) {
      assert.equal(
        raw(r, "GETRANGE", "k", s, e),
        "$" + want.length + "\r\n" + want + "\r\n",
        s + " " + e,
      );
      assert.equal(raw(r, "SUBSTR", "k", s, e), "$" + want.length + "\r\n" + want + "\r\n");
    }
    assert.equal(raw(r, "GETRANGE", "none", "0", "-1"), "$0\r\n\r\n");
    raw(r, "SET", "e", "");
    assert.equal(raw(r, "GETRANGE", "e", "0", "-1"), "$0\r\n\r\n");
    assert.equal(raw(r, "GETRANGE", "k", "a", "1"), NOT_INT);
    assert.equal(raw(r, "GETRANGE", "none", "0", "x"), NOT_INT);
    lpush(r, "l");
    assert.equal(raw(r, "GETRANGE", "l", "0", "1"), WRONGTYPE);
  });

  test("SETRANGE", () => {
    const { r } = setup();
    const ev = events(r);
    assert.equal(raw(r, "SETRANGE", "k", "0", ""), ":0\r\n");
    assert.equal(raw(r, "EXISTS", "k"), ":0\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "3", "ab"), ":5\r\n");
    assert.equal(raw(r, "GET", "k"), "$5\r\n\x00\x00\x00ab\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "1", "XYZW"), ":5\r\n");
    assert.equal(raw(r, "GET", "k"), "$5\r\n\x00XYZW\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "0", "12"), ":5\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "4", "!!"), ":6\r\n");
    assert.equal(raw(r, "GET", "k"), "$6\r\n12YZ!!\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "8", "e"), ":9\r\n");
    assert.equal(raw(r, "GET", "k"), "$9\r\n12YZ!!\x00\x00e\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "100", ""), ":9\r\n");
    assert.deepEqual(ev, [
      "new k",
      "setrange k",
      "setrange k",
      "setrange k",
      "setrange k",
      "setrange k",
    ]);
    assert.equal(raw(r, "SETRANGE", "k", "-1", "x"), "-ERR offset is out of range\r\n");
    assert.equal(raw(r, "SETRANGE", "k", "x", "x"), NOT_INT);
    assert.equal(
      raw(r, "SETRANGE", "k", "9223372036854775807", "x"),
      "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n",
    );
    lpush(r, "l");
    assert.equal(raw(r, "SETRANGE", "l", "0", "x"), WRONGTYPE);
    assert.equal(raw(r, "SETRANGE", "l", "0", ""), WRONGTYPE);
  });
});

describe("LCS", () => {
  function lcsSetup(): InProcess {
    const { r } = setup();
    raw(r, "MSET", "a", "ohmytext", "b", "mynewtext");
    return r;
  }

  test("string and LEN", () => {
    const r = lcsSetup();
    assert.equal(raw(r, "LCS", "a", "b"), "$6\r\nmytext\r\n");
    assert.equal(raw(r, "LCS", "a", "b", "LEN"), ":6\r\n");
    assert.equal(raw(r, "LCS", "a", "none"), "$0\r\n\r\n");
    assert.equal(raw(r, "LCS", "none", "none2", "len"), ":0\r\n");
  });

  test("IDX in RESP2 and RESP3", () => {
    const r = lcsSetup();
    const body = "*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n" +
      "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n";
    assert.equal(raw(r, "LCS", "a", "b", "IDX"), "*4\r\n$7\r\nmatches\r\n" + body);
    resp3(r);
    assert.equal(raw(r, "LCS", "a", "b", "IDX"), "%2\r\n$7\r\nmatches\r\n" + body);
  });

  test("IDX with WITHMATCHLEN and MINMATCHLEN", () => {
    const r = lcsSetup();
    assert.equal(
      raw(r, "LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"),
      "*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen\r\n:6\r\n",
    );
    assert.equal(
      raw(r, "LCS", "a", "b", "IDX", "MINMATCHLEN", "-3"),
      raw(r, "LCS", "a", "b", "IDX"),
    );
  });

  test("errors", () => {
    const r = lcsSetup();
    assert.equal(
      raw(r, "LCS", "a", "b", "LEN", "IDX"),
      "-ERR If you want both the length and indexes, please just use IDX.\r\n",
    );
    assert.equal(raw(r, "LCS", "a", "b", "MINMATCHLEN"), SYNTAX);
    assert.equal(raw(r, "LCS", "a", "b", "MINMATCHLEN", "x"), NOT_INT);
    assert.equal(raw(r, "LCS", "a", "b", "FOO"), SYNTAX);
    lpush(r, "l");
    assert.equal(
      raw(r, "LCS", "a", "l"),
      "-ERR The specified keys must contain string values\r\n",
    );
    r.engine.config.settings.protoMaxBulkLen = 64;
    assert.equal(
      raw(r, "LCS", "a", "b"),
      "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n",
    );
  });
});

describe("command metadata", () => {
  test("arity, flags and key positions as Redis 7.0", () => {
    const { r } = setup();
    const want: [string, number, string[], number, number, number][] = [
      ["get", 2, ["readonly", "fast"], 1, 1, 1],
      ["set", -3, ["write", "denyoom"], 1, 1, 1],
      ["setnx", 3, ["write", "denyoom", "fast"], 1, 1, 1],
      ["getex", -2, ["write", "fast"], 1, 1, 1],
      ["getdel", 2, ["write", "fast"], 1, 1, 1],
      ["mget", -2, ["readonly", "fast"], 1, -1, 1],
      ["mset", -3, ["write", "denyoom"], 1, -1, 2],
      ["msetnx", -3, ["write", "denyoom"], 1, -1, 2],
      ["getrange", 4, ["readonly"], 1, 1, 1],
      ["setrange", 4, ["write", "denyoom"], 1, 1, 1],
      ["lcs", -3, ["readonly"], 1, 2, 1],
      ["incrbyfloat", 3, ["write", "denyoom", "fast"], 1, 1, 1],
      ["append", 3, ["write", "denyoom", "fast"], 1, 1, 1],
      ["strlen", 2, ["readonly", "fast"], 1, 1, 1],
    ];
    for (const [name, arity, flags, first, last, step] of want) {
      const cmd = r.engine.commands.get(name)!;
      assert.ok(cmd, name);
      assert.equal(cmd.arity, arity, name);
      assert.deepEqual([...cmd.flags], flags, name);
      assert.deepEqual([cmd.firstKey, cmd.lastKey, cmd.keyStep], [first, last, step], name);
      assert.equal(cmd.docs.group, "string", name);
    }
    assert.deepEqual(r.engine.commands.get("getset")!.docs.docFlags, ["deprecated"]);
    assert.equal(r.engine.commands.get("substr")!.docs.replacedBy, "`GETRANGE`");
    assert.deepEqual(r.engine.commands.get("get")!.acl, ["read", "string", "fast"]);
    assert.deepEqual(r.engine.commands.get("set")!.acl, ["write", "string", "slow"]);
  });
});
