/**
 * StrMap against Map: random operation sequences with iterators advanced
 * between the operations must see exactly what Map's iterators see
 * (insertion order, deletions and additions during iteration, rehashes).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { hashKey, StrMap } from "../../lib/store/str-map.ts";
import { knownKey } from "../../lib/resp/binary.ts";
import { RespParser } from "../../lib/resp/parser.ts";
import { bytes, encodeCommand } from "../helpers/resp.ts";

/** A small deterministic PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

describe("StrMap", () => {
  test("basic Map operations", () => {
    const m = new StrMap<number>([["a", 1], ["b", 2]]);
    assert.equal(m.size, 2);
    assert.equal(m.get("a"), 1);
    assert.equal(m.has("b"), true);
    assert.equal(m.has("c"), false);
    assert.equal(m.set("a", 3), m);
    assert.equal(m.get("a"), 3);
    assert.equal(m.delete("a"), true);
    assert.equal(m.delete("a"), false);
    assert.deepEqual([...m], [["b", 2]]);
    m.clear();
    assert.equal(m.size, 0);
    assert.deepEqual([...m.keys()], []);
    // Binary keys and the empty key are ordinary keys.
    m.set("", 1).set("\x00\xff", 2);
    assert.deepEqual([...m.keys()], ["", "\x00\xff"]);
    assert.equal(m.getH("\x00\xff", hashKey("\x00\xff")), 2);
  });

  test("a new or cleared map allocates nothing until its first insert, and shares nothing", () => {
    const a = new StrMap<number>();
    const b = new StrMap<number>();
    a.trackStamps(true);
    b.trackStamps(true);
    assert.equal(a.get("x"), undefined);
    assert.equal(a.has("x"), false);
    assert.equal(a.delete("x"), false);
    assert.equal(a.randomSlot(), -1);
    assert.deepEqual([...a], []);
    const cursor = a.cursor();
    a.set("x", 1);
    assert.equal(a.slotKey(cursor.advance()), "x");
    assert.equal(a.stampAt(a.slotOf("x", hashKey("x"))), -1);
    a.setStampAt(a.slotOf("x", hashKey("x")), 7);
    // The other empty map saw none of it.
    assert.equal(b.size, 0);
    assert.equal(b.get("x"), undefined);
    b.set("y", 2);
    assert.equal(b.stampAt(b.slotOf("y", hashKey("y"))), -1);
    assert.deepEqual([...b], [["y", 2]]);
    assert.equal(a.stampAt(a.slotOf("x", hashKey("x"))), 7);
    for (let i = 0; i < 100; i++) a.set("k" + i, i);
    a.clear();
    assert.equal(a.size, 0);
    assert.equal(a.get("k5"), undefined);
    a.set("again", 3);
    assert.deepEqual([...a], [["again", 3]]);
    assert.equal(new StrMap([["p", 1], ["q", 2]]).get("q"), 2);
  });

  test("grows and shrinks with the data", () => {
    const m = new StrMap<number>();
    for (let i = 0; i < 100_000; i++) m.set("key:" + i, i);
    assert.equal(m.size, 100_000);
    for (let i = 0; i < 100_000; i += 2) assert.equal(m.get("key:" + i), i);
    for (let i = 0; i < 99_990; i++) m.delete("key:" + i);
    assert.equal(m.size, 10);
    assert.deepEqual([...m.values()], [
      99_990,
      99_991,
      99_992,
      99_993,
      99_994,
      99_995,
      99_996,
      99_997,
      99_998,
      99_999,
    ]);
  });

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(`iterators follow Map's semantics under changes (seed ${seed})`, () => {
      const rnd = prng(seed);
      const real = new Map<string, number>();
      const mine = new StrMap<number>();
      const iters: [Iterator<[string, number]>, Iterator<[string, number]>][] = [];
      const keySpace = 20 + Math.floor(rnd() * 300);
      // Keys kept inline in their slot and keys kept as strings, mixed.
      const shapes = [
        (i: number) => "k" + i,
        (i: number) => "a-key-longer-than-twenty-bytes:" + i,
        (i: number) => "\u0100" + i,
        (i: number) => String(i).padStart(20, "x"),
      ];
      for (let step = 0; step < 20_000; step++) {
        const r = rnd();
        const i = Math.floor(rnd() * keySpace);
        const k = shapes[i % shapes.length](i);
        if (r < 0.4) {
          real.set(k, step);
          mine.set(k, step);
        } else if (r < 0.75) {
          assert.equal(mine.delete(k), real.delete(k));
        } else if (r < 0.77) {
          iters.push([real.entries(), mine.entries()]);
        } else if (r < 0.78 && rnd() < 0.1) {
          real.clear();
          mine.clear();
        } else if (iters.length > 0) {
          const i = Math.floor(rnd() * iters.length);
          const [a, b] = iters[i];
          const x = a.next();
          const y = b.next();
          assert.deepEqual(y, x, `step ${step}`);
          if (x.done) iters.splice(i, 1);
        }
        assert.equal(mine.size, real.size);
      }
      assert.deepEqual([...mine], [...real]);
      for (const [a, b] of iters) {
        assert.deepEqual([...{ [Symbol.iterator]: () => b }], [...{ [Symbol.iterator]: () => a }]);
      }
    });
  }

  test("keys of every length and byte survive, inline or as strings", () => {
    const m = new StrMap<number>();
    const keys: string[] = [];
    for (let len = 0; len <= 26; len++) {
      for (let b = 0; b < 256; b += 5) {
        keys.push(
          String.fromCharCode(...Array.from({ length: len }, (_, i) => (b + i * 37) & 0xff)),
        );
      }
    }
    // Chars past 0xff cannot be packed as bytes; they must not alias packed keys.
    keys.push("\u0100", "\u0001\u0001", "a\u4e2d", "\u4e2d".repeat(20));
    const unique = [...new Set(keys)];
    unique.forEach((k, i) => m.set(k, i));
    assert.equal(m.size, unique.length);
    unique.forEach((k, i) => assert.equal(m.get(k), i, JSON.stringify(k)));
    assert.deepEqual([...m.keys()], unique);
    // A key one byte off (in every position) is another key.
    for (const k of unique) {
      for (let p = 0; p < k.length; p++) {
        const other = k.slice(0, p) + String.fromCharCode(k.charCodeAt(p) ^ 1) + k.slice(p + 1);
        if (!m.has(other)) assert.equal(m.get(other), undefined);
        else assert.ok(unique.includes(other));
      }
      assert.equal(m.has(k + "\x00"), unique.includes(k + "\x00"));
    }
    // The same bytes as one-byte chars and as a wide char are different keys.
    assert.equal(m.get("\u0001\u0001"), unique.indexOf("\u0001\u0001"));
    assert.equal(
      m.get("\x00\x01"),
      unique.indexOf("\x00\x01") < 0 ? undefined : unique.indexOf("\x00\x01"),
    );
    for (const k of unique) assert.equal(m.delete(k), true);
    assert.equal(m.size, 0);
  });

  test("slotHolds compares a slot's key without reading it back", () => {
    const m = new StrMap<number>();
    const h = hashKey("short");
    const a = m.setSlotH("short", h, 1);
    const b = m.setSlotH(
      "a-key-longer-than-twenty-bytes",
      hashKey("a-key-longer-than-twenty-bytes"),
      2,
    );
    assert.equal(m.slotHolds(a, "short"), true);
    assert.equal(m.slotHolds(a, "shorT"), false);
    assert.equal(m.slotHolds(b, "a-key-longer-than-twenty-bytes"), true);
    assert.equal(m.slotHolds(b, "short"), false);
    assert.equal(m.slotHolds(7, "short"), false);
    m.delete("short");
    assert.equal(m.slotHolds(a, "short"), false);
  });

  test("randomKey returns live keys only", () => {
    const m = new StrMap<number>();
    for (let i = 0; i < 1000; i++) m.set("k" + i, i);
    for (let i = 0; i < 990; i++) m.delete("k" + i);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(m.randomKey()!);
    assert.deepEqual([...seen].sort(), [
      "k990",
      "k991",
      "k992",
      "k993",
      "k994",
      "k995",
      "k996",
      "k997",
      "k998",
      "k999",
    ]);
    assert.equal(new StrMap().randomKey(), undefined);
  });

  test("randomSlot picks live slots uniformly and keeps at least half the slots live", () => {
    const m = new StrMap<number>();
    assert.equal(m.randomSlot(), -1);
    for (let i = 0; i < 4000; i++) m.set("member:" + i, i);
    // Delete three in four: holes everywhere below the top.
    for (let i = 0; i < 4000; i++) if (i % 4 !== 0) m.delete("member:" + i);
    const counts = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const e = m.randomSlot();
      assert.ok(m.slotLive(e));
      assert.ok(m.size * 2 >= m.slotTop, `${m.size} live of ${m.slotTop}`);
      const k = m.slotKey(e)!;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    assert.equal(counts.size, 1000);
    // 100 picks expected per key: all within a wide band (a biased pick is far off).
    for (const [k, n] of counts) assert.ok(n > 40 && n < 180, `${k}: ${n}`);
    // A broken random source still gets a live slot.
    assert.ok(m.slotLive(m.randomSlot(() => 0.999999)));
  });

  test("deleteSlot removes that entry only, like delete", () => {
    const m = new StrMap<number>();
    const keys = Array.from(
      { length: 3000 },
      (_, i) => (i % 3 === 0 ? "a-much-longer-key-than-twenty:" : "k") + i,
    );
    for (let i = 0; i < keys.length; i++) m.set(keys[i], i);
    const left = new Set(keys);
    while (m.size > 0) {
      const e = m.randomSlot();
      const k = m.slotKey(e)!;
      m.deleteSlot(e);
      left.delete(k);
      assert.equal(m.has(k), false);
      assert.equal(m.size, left.size);
    }
    assert.equal(left.size, 0);
    m.set("again", 1);
    assert.equal(m.get("again"), 1);
  });
});

describe("known key: a command's first argument is hashed once, by the parser", () => {
  const parse = (...args: string[]): string[] => {
    let out: string[] = [];
    new RespParser().feed(bytes(encodeCommand(args)), {
      onCommand: (argv) => void (out = argv),
      onProtocolError: (e) => assert.fail(e),
    });
    return out;
  };
  /** hashKey computed from the chars, with nothing remembered. */
  const freshHash = (s: string): number => {
    knownKey.key = undefined;
    return hashKey(s);
  };

  test("the remembered hash and words are those hashKey computes", () => {
    const keys = ["k", "abc", "abcd", "key:000000012345", "twenty-bytes-exactly", "\x00\xff\x80z"];
    for (const key of keys) {
      const argv = parse("GET", key);
      assert.equal(knownKey.key, key);
      const remembered = knownKey.hash;
      const words = [...knownKey.words.subarray(0, (key.length + 3) >> 2)];
      assert.equal(remembered, freshHash(key), key);
      assert.deepEqual([...knownKey.words.subarray(0, (key.length + 3) >> 2)], words, key);
      // The parsed string finds entries stored under an equal string, and the reverse.
      parse("GET", key);
      const m = new StrMap<number>([[key.split("").join(""), 1], ["other", 2]]);
      parse("GET", key);
      assert.equal(m.get(argv[1]), 1, key);
      parse("SET", "other", "x");
      assert.equal(m.get(key.split("").join("")), 1, key);
      assert.equal(m.get("other"), 2);
    }
  });

  test("a pipeline's repeated arguments are the same strings; its key stays known", () => {
    const parser = new RespParser();
    const wire = (argvs: string[][]) => bytes(argvs.map(encodeCommand).join(""));
    const feed = (argvs: string[][]): string[][] => {
      const out: string[][] = [];
      parser.feed(wire(argvs), {
        onCommand: (argv) => void out.push(argv),
        onProtocolError: (e) => assert.fail(e),
      });
      return out;
    };
    const got = feed([
      ["HSET", "myhash", "f1", "x"],
      ["HSET", "myhash", "f2", "x"],
      ["HSET", "myhasi", "f2", "y"],
      ["GET", "\xff\x00b"],
      ["GET", "\xff\x00c"],
    ]);
    assert.deepEqual(got, [
      ["HSET", "myhash", "f1", "x"],
      ["HSET", "myhash", "f2", "x"],
      ["HSET", "myhasi", "f2", "y"],
      ["GET", "\xff\x00b"],
      ["GET", "\xff\x00c"],
    ]);
    assert.equal(got[0][1], got[1][1]);
    assert.equal(got[0][3], got[1][3]);
    // The handler hashes a field between two commands on the same key: the
    // second command's key is known again, with the hash of its bytes.
    feed([["HSET", "myhash", "f1", "x"]]);
    hashKey("f1");
    feed([["HSET", "myhash", "f3", "x"]]);
    assert.equal(knownKey.key, "myhash");
    const remembered = knownKey.hash;
    const words = [...knownKey.words.subarray(0, 2)];
    assert.equal(remembered, freshHash("myhash"));
    assert.deepEqual([...knownKey.words.subarray(0, 2)], words);
    const m = new StrMap<number>([["myhash", 1]]);
    feed([["HSET", "myhash", "f4", "x"]]);
    hashKey("f4");
    const [argv] = feed([["HSET", "myhash", "f5", "x"]]);
    assert.equal(m.get(argv[1]), 1);
  });

  test("positions that keep missing pause, and every argument and key hash stays right", () => {
    const parser = new RespParser();
    const random = prng(7);
    // Regimes of 16-command pipelines: random keys and members (both positions
    // pause their comparison, the member its cache lookups too), then one key
    // and three members, then random again, and so on, so that pauses begin
    // and end at every place of a pipeline.
    const expected: string[][] = [];
    for (let regime = 0; regime < 8; regime++) {
      const count = 40 + Math.floor(random() * 300);
      for (let i = 0; i < count; i++) {
        if (regime % 2 === 0) {
          // Now and then the previous key again: too rarely to end a pause.
          const n = Math.floor(random() * 100000);
          const key = i > 0 && random() < 0.2 ? expected[expected.length - 1][1] : "key:" + n;
          expected.push(["SADD", key, "element:" + (n * 7 % 100000), "xxx"]);
        } else expected.push(["SADD", "myset", "m" + (i % 3), "xxx"]);
      }
    }
    const hashes = new Map<string, [number, number[]]>();
    for (const [, key] of expected) {
      hashes.set(key, [freshHash(key), [...knownKey.words.subarray(0, (key.length + 3) >> 2)]]);
    }
    for (let from = 0; from < expected.length; from += 16) {
      const batch = expected.slice(from, from + 16);
      const got: string[][] = [];
      parser.feed(bytes(batch.map(encodeCommand).join("")), {
        onCommand: (argv) => {
          got.push(argv);
          const key = argv[1];
          // Known with the hash and words of its bytes, as StrMap's lookup trusts.
          assert.equal(knownKey.key, key);
          const [hash, words] = hashes.get(key)!;
          assert.equal(knownKey.hash, hash, key);
          assert.deepEqual([...knownKey.words.subarray(0, words.length)], words, key);
          // As a handler would: hash the member, which overwrites the hash's scratch words.
          hashKey(argv[2]);
        },
        onProtocolError: (e) => assert.fail(e),
      });
      assert.deepEqual(got, batch);
    }
  });

  test("only short first arguments are remembered; the rest hash as before", () => {
    parse("GET", "x".repeat(21));
    assert.notEqual(knownKey.key, "x".repeat(21));
    parse("PING");
    parse("SET", "", "v");
    assert.notEqual(knownKey.key, "");
    const m = new StrMap<number>([["", 1], ["x".repeat(21), 2], ["v", 3]]);
    parse("SET", "other", "v");
    assert.equal(m.get(""), 1);
    assert.equal(m.get("x".repeat(21)), 2);
    assert.equal(m.get("v"), 3);
  });
});

describe("Database: the last looked-up key's slot is reused only while valid", () => {
  test("read-modify-write after deletes, rehashes, expiries and flushes", async () => {
    const { createInProcess } = await import("../../mod.ts");
    const r = createInProcess();
    const call = (...a: string[]) => r.call(...a);
    for (let i = 0; i < 200; i++) call("SET", "k" + i, String(i));
    assert.equal(call("INCR", "k5"), 6);
    // Deleting many keys rehashes the dictionary: k5's slot moves.
    for (let i = 100; i < 200; i++) call("DEL", "k" + i);
    assert.equal(call("INCR", "k5"), 7);
    call("GET", "k6");
    call("DEL", "k6");
    assert.equal(call("INCR", "k6"), 1);
    call("SET", "t", "1", "PX", "100000");
    assert.equal(call("INCR", "t"), 2);
    assert.equal(typeof call("PTTL", "t"), "number");
    assert.ok((call("PTTL", "t") as number) > 0);
    call("GET", "k7");
    call("SET", "k7", "x");
    assert.equal(call("PTTL", "k7"), -1);
    call("FLUSHALL");
    assert.equal(call("INCR", "k5"), 1);
    call("SET", "a", "1", "EX", "100");
    call("GET", "b");
    call("SET", "a", "2");
    assert.equal(call("TTL", "a"), -1);
  });

  test("FLUSHALL and SWAPDB leave no reference to a replaced dictionary", async () => {
    const { createInProcess } = await import("../../mod.ts");
    const r = createInProcess();
    const lastDict = (i: number) => (r.engine.dbs[i] as unknown as { lastDict: unknown }).lastDict;
    r.call("SET", "k", "v");
    r.call("GET", "k");
    assert.notEqual(lastDict(0), undefined);
    r.call("FLUSHALL");
    assert.equal(lastDict(0), undefined);
    r.call("SET", "k", "v");
    r.call("GET", "k");
    r.call("SWAPDB", "0", "1");
    assert.equal(lastDict(0), undefined);
    assert.equal(lastDict(1), undefined);
    r.call("SELECT", "1");
    assert.equal(r.call("GET", "k"), "v");
  });
});
