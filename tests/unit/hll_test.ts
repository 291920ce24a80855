/**
 * HyperLogLog: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST. Expected bytes
 * and counts were taken from Redis 7.0.15 for the same inputs, so they check
 * the exact representation (header, sparse opcodes, dense registers, cached
 * cardinality) and Redis's estimator.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { HllBuffer, hllCount, murmurHash64A } from "../../lib/store/hll.ts";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function raw(r: InProcess, ...argv: string[]): string {
  return latin1(r.callRaw(...argv));
}

/** The payload of a bulk reply as a binary string. */
function bulk(r: InProcess, ...argv: string[]): string {
  const s = raw(r, ...argv);
  assert.equal(s[0], "$");
  return s.slice(s.indexOf("\r\n") + 2, s.length - 2);
}

function hex(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(2, "0");
  return out;
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function elements(prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(prefix + i);
  return out;
}

describe("PFADD / PFCOUNT", () => {
  test("a new HLL has Redis's sparse bytes, with the cache marked stale", () => {
    const r = createInProcess();
    assert.equal(raw(r, "PFADD", "h", "a", "b", "c"), ":1\r\n");
    assert.equal(
      hex(bulk(r, "GET", "h")),
      "48594c4c01000000000000000000008060f38050b1844bfb80425a",
    );
    assert.equal(raw(r, "PFCOUNT", "h"), ":3\r\n");
    // PFCOUNT stores the cardinality in the header.
    assert.equal(
      hex(bulk(r, "GET", "h")),
      "48594c4c01000000030000000000000060f38050b1844bfb80425a",
    );
    assert.equal(raw(r, "PFADD", "h", "a"), ":0\r\n");
    assert.equal(
      raw(r, "PFDEBUG", "DECODE", "h"),
      "$44\r\nZ:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603\r\n",
    );
  });

  test("PFADD without elements creates the key and replies 1, then 0", () => {
    const r = createInProcess();
    assert.equal(raw(r, "PFADD", "h"), ":1\r\n");
    assert.equal(raw(r, "PFADD", "h"), ":0\r\n");
    assert.equal(raw(r, "PFCOUNT", "h"), ":0\r\n");
    assert.equal(raw(r, "PFCOUNT", "missing"), ":0\r\n");
    assert.equal(raw(r, "PFADD", "e", ""), ":1\r\n");
    assert.equal(raw(r, "PFCOUNT", "e"), ":1\r\n");
  });

  test("sparse bytes and count for 1000 elements match Redis", () => {
    const r = createInProcess();
    r.call("PFADD", "k", ...elements("e", 1000));
    const v = bulk(r, "GET", "k");
    assert.equal(v.length, 1906);
    assert.equal(fnv(v), 2865002820);
    assert.equal(raw(r, "PFCOUNT", "k"), ":1008\r\n");
    assert.equal(raw(r, "PFDEBUG", "ENCODING", "k"), "+sparse\r\n");
  });

  test("dense bytes and count for 20000 elements match Redis", () => {
    const r = createInProcess();
    r.call("PFADD", "d", ...elements("x", 20000));
    const v = bulk(r, "GET", "d");
    assert.equal(v.length, 12304);
    assert.equal(fnv(v), 2031929482);
    assert.equal(raw(r, "PFCOUNT", "d"), ":19985\r\n");
    assert.equal(raw(r, "PFDEBUG", "ENCODING", "d"), "+dense\r\n");
    r.call("PFADD", "k", ...elements("e", 1000));
    assert.equal(raw(r, "PFCOUNT", "k", "d"), ":21057\r\n");
  });

  test("hll-sparse-max-bytes decides the promotion to dense", () => {
    const r = createInProcess();
    r.call("CONFIG", "SET", "hll-sparse-max-bytes", "30");
    r.call("PFADD", "h", ...elements("q", 20));
    assert.equal(raw(r, "PFDEBUG", "ENCODING", "h"), "+dense\r\n");
  });

  test("type and corruption errors", () => {
    const r = createInProcess();
    r.call("SET", "s", "not an hll at all");
    assert.equal(
      raw(r, "PFADD", "s", "a"),
      "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n",
    );
    assert.equal(
      raw(r, "PFCOUNT", "s"),
      "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n",
    );
    r.call("RPUSH", "l", "a");
    assert.equal(
      raw(r, "PFADD", "l", "a"),
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    );
    r.call("PFADD", "h", "a", "b", "c");
    // An extra opcode at the tail makes the sparse form cover too many registers.
    r.call("APPEND", "h", "hello");
    assert.equal(raw(r, "PFCOUNT", "h"), "-INVALIDOBJ Corrupted HLL object detected\r\n");
    r.call("PFADD", "d", ...elements("x", 20000));
    r.call("APPEND", "d", "x");
    assert.equal(
      raw(r, "PFCOUNT", "d"),
      "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n",
    );
  });
});

describe("PFMERGE / PFDEBUG", () => {
  test("PFMERGE gives Redis's bytes and count", () => {
    const r = createInProcess();
    r.call("PFADD", "h", "a", "b", "c");
    r.call("PFADD", "k", ...elements("e", 1000));
    assert.equal(raw(r, "PFMERGE", "m", "k", "h"), "+OK\r\n");
    const v = bulk(r, "GET", "m");
    assert.equal(v.length, 1912);
    assert.equal(fnv(v), 2275255672);
    assert.equal(raw(r, "PFCOUNT", "m"), ":1012\r\n");
    assert.equal(raw(r, "PFMERGE", "empty"), "+OK\r\n");
    assert.equal(raw(r, "PFCOUNT", "empty"), ":0\r\n");
  });

  test("PFDEBUG subcommands", () => {
    const r = createInProcess();
    assert.equal(raw(r, "PFDEBUG", "GETREG", "nokey"), "-ERR The specified key does not exist\r\n");
    r.call("PFADD", "h", "a");
    assert.equal(raw(r, "PFDEBUG", "FOO", "h"), "-ERR Unknown PFDEBUG subcommand 'FOO'\r\n");
    const regs = r.call("PFDEBUG", "GETREG", "h") as number[];
    assert.equal(regs.length, 16384);
    assert.equal(regs.filter((x) => x !== 0).length, 1);
    assert.equal(raw(r, "PFDEBUG", "ENCODING", "h"), "+dense\r\n");
    assert.equal(raw(r, "PFDEBUG", "DECODE", "h"), "-ERR HLL encoding is not sparse\r\n");
    r.call("PFADD", "s", "a");
    assert.equal(raw(r, "PFDEBUG", "TODENSE", "s"), ":1\r\n");
    assert.equal(raw(r, "PFDEBUG", "TODENSE", "s"), ":0\r\n");
    assert.equal(raw(r, "PFCOUNT", "s"), ":1\r\n");
  });
});

describe("internals", () => {
  test("MurmurHash64A on 32-bit halves equals a BigInt reference", () => {
    const M = 0xc6a4a7935bd1e995n;
    const MASK = (1n << 64n) - 1n;
    const ref = (s: string, seed: bigint): bigint => {
      const len = BigInt(s.length);
      let h = (seed ^ (len * M)) & MASK;
      const end = s.length - (s.length & 7);
      for (let i = 0; i < end; i += 8) {
        let k = 0n;
        for (let j = 7; j >= 0; j--) k = (k << 8n) | BigInt(s.charCodeAt(i + j));
        k = (k * M) & MASK;
        k ^= k >> 47n;
        k = (k * M) & MASK;
        h ^= k;
        h = (h * M) & MASK;
      }
      const rest = s.length & 7;
      if (rest) {
        for (let j = rest - 1; j >= 0; j--) h ^= BigInt(s.charCodeAt(end + j)) << BigInt(8 * j);
        h = (h * M) & MASK;
      }
      h ^= h >> 47n;
      h = (h * M) & MASK;
      h ^= h >> 47n;
      return h;
    };
    for (
      const s of [
        "",
        "a",
        "abcdefgh",
        "abcdefghi",
        "hello world!",
        "\xff\x00\x80binary",
        "x".repeat(100),
      ]
    ) {
      const [hi, lo] = murmurHash64A(s, 0xadc83b19);
      assert.equal((BigInt(hi) << 32n) | BigInt(lo), ref(s, 0xadc83b19n), JSON.stringify(s));
    }
  });

  test("a new HLL counts zero in both forms", () => {
    const h = HllBuffer.create();
    assert.equal(hllCount(h), 0);
  });

  test("PFSELFTEST passes", { timeout: 120_000 }, () => {
    const r = createInProcess();
    assert.equal(raw(r, "PFSELFTEST"), "+OK\r\n");
  });
});
