/**
 * Bitmap commands: SETBIT, GETBIT, BITCOUNT, BITPOS (byte and bit ranges),
 * BITOP, BITFIELD and BITFIELD_RO, with exact replies, events, dirty
 * counting and Redis's overflow corner cases.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { parseKeyspaceEventFlags } from "../../lib/config/notify-flags.ts";

const WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
const NOT_INT = "-ERR value is not an integer or out of range\r\n";
const SYNTAX = "-ERR syntax error\r\n";
const BAD_OFFSET = "-ERR bit offset is not an integer or out of range\r\n";
const BAD_TYPE =
  "-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function bin(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

function raw(r: InProcess, ...argv: (string | Uint8Array)[]): string {
  return latin1(r.callRaw(...argv));
}

function events(r: InProcess): string[] {
  const out: string[] = [];
  r.engine.config.settings.notifyKeyspaceEvents = parseKeyspaceEventFlags("KEAn");
  r.engine.hooks.publish = (channel, message) => {
    if (channel.startsWith("__keyevent@")) {
      out.push(channel.slice(channel.indexOf(":") + 1) + " " + message);
    }
    return 0;
  };
  return out;
}

describe("SETBIT and GETBIT", () => {
  test("set, clear, read back, zero padding", () => {
    const r = createInProcess();
    assert.equal(raw(r, "SETBIT", "b", "7", "1"), ":0\r\n");
    assert.equal(raw(r, "GET", "b"), "$1\r\n\x01\r\n");
    assert.equal(raw(r, "SETBIT", "b", "7", "1"), ":1\r\n");
    assert.equal(raw(r, "SETBIT", "b", "0", "1"), ":0\r\n");
    assert.equal(raw(r, "GET", "b"), "$1\r\n\x81\r\n");
    assert.equal(raw(r, "SETBIT", "b", "7", "0"), ":1\r\n");
    assert.equal(raw(r, "SETBIT", "b", "17", "0"), ":0\r\n");
    assert.equal(raw(r, "GET", "b"), "$3\r\n\x80\x00\x00\r\n");
    assert.equal(raw(r, "GETBIT", "b", "0"), ":1\r\n");
    assert.equal(raw(r, "GETBIT", "b", "1"), ":0\r\n");
    assert.equal(raw(r, "GETBIT", "b", "1000"), ":0\r\n");
    assert.equal(raw(r, "GETBIT", "none", "0"), ":0\r\n");
    raw(r, "SET", "s", "`");
    assert.equal(raw(r, "GETBIT", "s", "1"), ":1\r\n");
    assert.equal(raw(r, "GETBIT", "s", "2"), ":1\r\n");
    assert.equal(raw(r, "GETBIT", "s", "3"), ":0\r\n");
  });

  test("errors", () => {
    const r = createInProcess();
    const badBit = "-ERR bit is not an integer or out of range\r\n";
    assert.equal(raw(r, "SETBIT", "b", "-1", "1"), BAD_OFFSET);
    assert.equal(raw(r, "SETBIT", "b", "x", "1"), BAD_OFFSET);
    assert.equal(raw(r, "SETBIT", "b", "4294967296", "1"), BAD_OFFSET);
    assert.equal(raw(r, "SETBIT", "b", "0", "2"), badBit);
    assert.equal(raw(r, "SETBIT", "b", "0", "-1"), badBit);
    assert.equal(raw(r, "SETBIT", "b", "0", "x"), badBit);
    assert.equal(raw(r, "GETBIT", "b", "-1"), BAD_OFFSET);
    assert.equal(raw(r, "GETBIT", "b", "4294967296"), BAD_OFFSET);
    raw(r, "LPUSH", "l", "x");
    assert.equal(raw(r, "SETBIT", "l", "0", "1"), WRONGTYPE);
    assert.equal(raw(r, "GETBIT", "l", "0"), WRONGTYPE);
    assert.equal(raw(r, "EXISTS", "b"), ":0\r\n");
  });

  test("only real changes are writes", () => {
    const r = createInProcess();
    const ev = events(r);
    const d0 = r.engine.dirty;
    raw(r, "SETBIT", "b", "3", "0"); // creates the key: a change
    raw(r, "SETBIT", "b", "3", "0"); // no change
    raw(r, "SETBIT", "b", "3", "1");
    raw(r, "SETBIT", "b", "20", "0"); // grows the string: a change
    assert.equal(r.engine.dirty - d0, 3);
    assert.deepEqual(ev, ["new b", "setbit b", "setbit b", "setbit b"]);
    raw(r, "SET", "t", "x", "EX", "100");
    const ttl = r.engine.dbs[0].getExpire("t");
    raw(r, "SETBIT", "t", "100", "1");
    assert.equal(r.engine.dbs[0].getExpire("t"), ttl);
  });
});

describe("BITCOUNT", () => {
  test("whole string, byte ranges, bit ranges", () => {
    const r = createInProcess();
    raw(r, "SET", "s", "foobar");
    assert.equal(raw(r, "BITCOUNT", "s"), ":26\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "0", "0"), ":4\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "1", "1"), ":6\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "1", "1", "BYTE"), ":6\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "5", "30", "BIT"), ":17\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "-2", "-1"), ":7\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "-1", "-2"), ":0\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "-1", "-2", "FOO"), ":0\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "0", "1000"), ":26\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "-1000", "0"), ":4\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "0", "-1", "bit"), ":26\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "1", "1", "bit"), ":1\r\n");
    assert.equal(raw(r, "BITCOUNT", "s", "9223372036854775807", "-9223372036854775808"), ":0\r\n");
    assert.equal(raw(r, "BITCOUNT", "none"), ":0\r\n");
    assert.equal(raw(r, "BITCOUNT", "none", "1"), ":0\r\n");
    raw(r, "SET", "e", "");
    assert.equal(raw(r, "BITCOUNT", "e", "0", "-1"), ":0\r\n");
    raw(r, "SET", "big", bin("\xff".repeat(1000) + "\x0f"));
    assert.equal(raw(r, "BITCOUNT", "big"), ":8004\r\n");
  });

  test("errors", () => {
    const r = createInProcess();
    raw(r, "SET", "s", "foobar");
    assert.equal(raw(r, "BITCOUNT", "s", "0"), SYNTAX);
    assert.equal(raw(r, "BITCOUNT", "s", "0", "1", "BIT", "x"), SYNTAX);
    assert.equal(raw(r, "BITCOUNT", "s", "0", "1", "WORD"), SYNTAX);
    assert.equal(raw(r, "BITCOUNT", "s", "a", "1"), NOT_INT);
    assert.equal(raw(r, "BITCOUNT", "s", "0", "1.5"), NOT_INT);
    raw(r, "LPUSH", "l", "x");
    assert.equal(raw(r, "BITCOUNT", "l"), WRONGTYPE);
  });
});

describe("BITPOS", () => {
  test("byte ranges", () => {
    const r = createInProcess();
    raw(r, "SET", "s", bin("\xff\xf0\x00"));
    assert.equal(raw(r, "BITPOS", "s", "0"), ":12\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1"), ":0\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "2"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "0", "2", "-1"), ":16\r\n");
    raw(r, "SET", "ones", bin("\xff\xff"));
    // Without an end the string is padded with zeros; with one, it is not.
    assert.equal(raw(r, "BITPOS", "ones", "0"), ":16\r\n");
    assert.equal(raw(r, "BITPOS", "ones", "0", "0"), ":16\r\n");
    assert.equal(raw(r, "BITPOS", "ones", "0", "0", "-1"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "none", "0"), ":0\r\n");
    assert.equal(raw(r, "BITPOS", "none", "1"), ":-1\r\n");
    raw(r, "SET", "e", "");
    assert.equal(raw(r, "BITPOS", "e", "0"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "-1", "-2"), ":-1\r\n");
  });

  test("bit ranges", () => {
    const r = createInProcess();
    raw(r, "SET", "s", bin("\x00\xff\x00"));
    assert.equal(raw(r, "BITPOS", "s", "1", "7", "15", "BIT"), ":8\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "9", "-1", "bit"), ":9\r\n");
    assert.equal(raw(r, "BITPOS", "s", "0", "7", "15", "BIT"), ":7\r\n");
    assert.equal(raw(r, "BITPOS", "s", "0", "8", "15", "BIT"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "16", "23", "BIT"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "0", "9", "12", "BIT"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "3", "5", "BIT"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "0", "-1", "BYTE"), ":8\r\n");
  });

  test("errors", () => {
    const r = createInProcess();
    raw(r, "SET", "s", "a");
    assert.equal(raw(r, "BITPOS", "s", "2"), "-ERR The bit argument must be 1 or 0.\r\n");
    assert.equal(raw(r, "BITPOS", "s", "x"), NOT_INT);
    assert.equal(raw(r, "BITPOS", "none", "1", "x"), ":-1\r\n");
    assert.equal(raw(r, "BITPOS", "s", "1", "x"), NOT_INT);
    assert.equal(raw(r, "BITPOS", "s", "1", "0", "1", "WORD"), SYNTAX);
    assert.equal(raw(r, "BITPOS", "s", "1", "0", "1", "BIT", "x"), SYNTAX);
    raw(r, "LPUSH", "l", "x");
    assert.equal(raw(r, "BITPOS", "l", "1"), WRONGTYPE);
  });
});

describe("BITOP", () => {
  test("AND, OR, XOR, NOT with different lengths", () => {
    const r = createInProcess();
    raw(r, "SET", "a", bin("\xff\x0f\xaa"));
    raw(r, "SET", "b", bin("\x0f\xff"));
    assert.equal(raw(r, "BITOP", "AND", "d", "a", "b"), ":3\r\n");
    assert.equal(raw(r, "GET", "d"), "$3\r\n\x0f\x0f\x00\r\n");
    assert.equal(raw(r, "BITOP", "or", "d", "a", "b"), ":3\r\n");
    assert.equal(raw(r, "GET", "d"), "$3\r\n\xff\xff\xaa\r\n");
    assert.equal(raw(r, "BITOP", "XOR", "d", "a", "b", "missing"), ":3\r\n");
    assert.equal(raw(r, "GET", "d"), "$3\r\n\xf0\xf0\xaa\r\n");
    assert.equal(raw(r, "BITOP", "NOT", "d", "b"), ":2\r\n");
    assert.equal(raw(r, "GET", "d"), "$2\r\n\xf0\x00\r\n");
    assert.equal(raw(r, "BITOP", "AND", "d", "a", "missing"), ":3\r\n");
    assert.equal(raw(r, "GET", "d"), "$3\r\n\x00\x00\x00\r\n");
    const long = "\x5a".repeat(100);
    raw(r, "SET", "x", bin(long));
    assert.equal(raw(r, "BITOP", "NOT", "y", "x"), ":100\r\n");
    assert.equal(raw(r, "GET", "y"), "$100\r\n" + "\xa5".repeat(100) + "\r\n");
  });

  test("an empty result deletes the destination", () => {
    const r = createInProcess();
    raw(r, "SET", "d", "old");
    const ev = events(r);
    assert.equal(raw(r, "BITOP", "OR", "d", "m1", "m2"), ":0\r\n");
    assert.equal(raw(r, "EXISTS", "d"), ":0\r\n");
    assert.equal(raw(r, "BITOP", "OR", "d", "m1"), ":0\r\n");
    raw(r, "SET", "a", "x");
    raw(r, "BITOP", "OR", "d", "a");
    assert.deepEqual(ev, ["del d", "new a", "set a", "new d", "set d"]);
  });

  test("errors", () => {
    const r = createInProcess();
    raw(r, "LPUSH", "l", "x");
    raw(r, "SET", "a", "x");
    assert.equal(raw(r, "BITOP", "NAND", "d", "a"), SYNTAX);
    assert.equal(
      raw(r, "BITOP", "NOT", "d", "a", "a"),
      "-ERR BITOP NOT must be called with a single source key.\r\n",
    );
    assert.equal(raw(r, "BITOP", "AND", "d", "a", "l"), WRONGTYPE);
    assert.equal(
      raw(r, "BITOP", "AND", "d"),
      "-ERR wrong number of arguments for 'bitop' command\r\n",
    );
    // The destination may hold any type: it is overwritten.
    assert.equal(raw(r, "BITOP", "OR", "l", "a"), ":1\r\n");
    assert.equal(raw(r, "TYPE", "l"), "+string\r\n");
  });
});

describe("BITFIELD", () => {
  test("GET, SET, INCRBY with signed and unsigned types", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "BITFIELD", "f", "SET", "i8", "0", "-100", "GET", "i8", "0", "GET", "u8", "0"),
      "*3\r\n:0\r\n:-100\r\n:156\r\n",
    );
    assert.equal(raw(r, "BITFIELD", "f", "INCRBY", "u4", "#1", "3"), "*1\r\n:15\r\n");
    assert.equal(raw(r, "GET", "f"), "$1\r\n\x9f\r\n");
    assert.equal(
      raw(r, "BITFIELD", "f", "SET", "u5", "7", "23", "GET", "u16", "0"),
      "*2\r\n:16\r\n:40816\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD", "n", "SET", "i64", "0", "-9223372036854775808", "GET", "i64", "0"),
      "*2\r\n:0\r\n:-9223372036854775808\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD", "n", "SET", "u63", "1", "9223372036854775807", "GET", "u63", "1"),
      "*2\r\n:0\r\n:9223372036854775807\r\n",
    );
    assert.equal(raw(r, "BITFIELD", "none", "GET", "u8", "100"), "*1\r\n:0\r\n");
    assert.equal(raw(r, "BITFIELD", "f"), "*0\r\n");
  });

  test("overflow modes", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "BITFIELD", "o", "SET", "u8", "0", "255", "INCRBY", "u8", "0", "10"),
      "*2\r\n:0\r\n:9\r\n",
    );
    assert.equal(
      raw(
        r,
        "BITFIELD",
        "o",
        "OVERFLOW",
        "SAT",
        "INCRBY",
        "u8",
        "0",
        "1000",
        "INCRBY",
        "u8",
        "0",
        "-1000",
      ),
      "*2\r\n:255\r\n:0\r\n",
    );
    assert.equal(
      raw(
        r,
        "BITFIELD",
        "o",
        "OVERFLOW",
        "FAIL",
        "INCRBY",
        "i8",
        "0",
        "200",
        "INCRBY",
        "i8",
        "0",
        "100",
      ),
      "*2\r\n$-1\r\n:100\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD", "o", "OVERFLOW", "WRAP", "INCRBY", "i8", "0", "100"),
      "*1\r\n:-56\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD", "o", "OVERFLOW", "SAT", "SET", "i8", "0", "-1000", "GET", "i8", "0"),
      "*2\r\n:-56\r\n:-128\r\n",
    );
    // Redis's own quirks: the 64-bit wrap in its checks, and SET of a negative value on an unsigned field.
    assert.equal(
      raw(
        r,
        "BITFIELD",
        "q",
        "OVERFLOW",
        "SAT",
        "SET",
        "i8",
        "0",
        "-9223372036854775808",
        "GET",
        "i8",
        "0",
      ),
      "*2\r\n:0\r\n:127\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD", "q", "OVERFLOW", "SAT", "SET", "u8", "0", "-1", "GET", "u8", "0"),
      "*2\r\n:127\r\n:255\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD", "q", "SET", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "1"),
      "*2\r\n:-72057594037927936\r\n:-9223372036854775808\r\n",
    );
  });

  test("FAIL still creates the key, without a setbit event", () => {
    const r = createInProcess();
    const ev = events(r);
    const d0 = r.engine.dirty;
    assert.equal(
      raw(r, "BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "10"),
      "*1\r\n$-1\r\n",
    );
    assert.equal(raw(r, "EXISTS", "k"), ":1\r\n");
    assert.equal(r.engine.dirty, d0);
    raw(r, "BITFIELD", "k", "SET", "u8", "0", "0");
    raw(r, "BITFIELD", "k", "SET", "u8", "0", "1", "SET", "u8", "0", "2");
    assert.equal(r.engine.dirty - d0, 2);
    assert.deepEqual(ev, ["new k", "setbit k"]);
    raw(r, "HELLO", "3");
    assert.equal(
      raw(r, "BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "10"),
      "*1\r\n_\r\n",
    );
  });

  test("errors", () => {
    const r = createInProcess();
    raw(r, "LPUSH", "l", "x");
    assert.equal(raw(r, "BITFIELD", "f", "GET", "u64", "0"), BAD_TYPE);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "i65", "0"), BAD_TYPE);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "I8", "0"), BAD_TYPE);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "u0", "0"), BAD_TYPE);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "u8", "-1"), BAD_OFFSET);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "u8", "#-1"), BAD_OFFSET);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "u8", "4294967296"), BAD_OFFSET);
    assert.equal(raw(r, "BITFIELD", "f", "SET", "u8", "0", "x"), NOT_INT);
    assert.equal(raw(r, "BITFIELD", "f", "GET", "u8"), SYNTAX);
    assert.equal(raw(r, "BITFIELD", "f", "FOO"), SYNTAX);
    assert.equal(
      raw(r, "BITFIELD", "f", "OVERFLOW", "MAYBE"),
      "-ERR Invalid OVERFLOW type specified\r\n",
    );
    assert.equal(raw(r, "BITFIELD", "l", "GET", "u8", "0"), WRONGTYPE);
    assert.equal(raw(r, "BITFIELD", "l", "SET", "u8", "0", "1"), WRONGTYPE);
    assert.equal(raw(r, "EXISTS", "f"), ":0\r\n");
  });

  test("BITFIELD_RO", () => {
    const r = createInProcess();
    raw(r, "SET", "f", "A");
    assert.equal(
      raw(r, "BITFIELD_RO", "f", "GET", "u8", "0", "GET", "i4", "4"),
      "*2\r\n:65\r\n:1\r\n",
    );
    assert.equal(raw(r, "BITFIELD_RO", "f"), "*0\r\n");
    assert.equal(
      raw(r, "BITFIELD_RO", "f", "GET", "u8", "0", "INCRBY", "u8", "0", "1"),
      "-ERR BITFIELD_RO only supports the GET subcommand\r\n",
    );
    assert.equal(
      raw(r, "BITFIELD_RO", "f", "OVERFLOW", "SAT"),
      "*0\r\n",
    );
  });
});

describe("bitmap command metadata", () => {
  test("arity, flags, keys, group", () => {
    const r = createInProcess();
    const want: [string, number, string[], number, number, number][] = [
      ["setbit", 4, ["write", "denyoom"], 1, 1, 1],
      ["getbit", 3, ["readonly", "fast"], 1, 1, 1],
      ["bitcount", -2, ["readonly"], 1, 1, 1],
      ["bitpos", -3, ["readonly"], 1, 1, 1],
      ["bitop", -4, ["write", "denyoom"], 2, -1, 1],
      ["bitfield", -2, ["write", "denyoom"], 1, 1, 1],
      ["bitfield_ro", -2, ["readonly", "fast"], 1, 1, 1],
    ];
    for (const [name, arity, flags, first, last, step] of want) {
      const cmd = r.engine.commands.get(name)!;
      assert.equal(cmd.arity, arity, name);
      assert.deepEqual([...cmd.flags], flags, name);
      assert.deepEqual([cmd.firstKey, cmd.lastKey, cmd.keyStep], [first, last, step], name);
      assert.equal(cmd.docs.group, "bitmap");
      assert.ok(cmd.acl.includes("bitmap"));
    }
  });
});
