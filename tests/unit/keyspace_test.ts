/**
 * Keyspace (generic) commands: DEL, UNLINK, EXISTS, TYPE, TOUCH, KEYS, SCAN,
 * RANDOMKEY, RENAME, RENAMENX, MOVE, COPY, OBJECT; replies byte for byte as
 * Redis 7.0.15, keyspace notifications, dirty counting and modified-key
 * signals.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import type { CollectionValue } from "../../lib/store/value.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: (string | number)[]): string {
  return dec.decode(r.callRaw(...argv));
}

const OK = "+OK\r\n";
const NIL = "$-1\r\n";
const int = (n: number) => ":" + n + "\r\n";
const err = (m: string) => "-" + m + "\r\n";
const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const arr = (...items: string[]) => "*" + items.length + "\r\n" + items.join("");

/** Captures keyspace notifications as `channel message` lines. */
function events(r: InProcess, flags = "KEA"): string[] {
  const seen: string[] = [];
  r.engine.hooks.publish = (channel, message) => {
    seen.push(channel + " " + message);
    return 0;
  };
  assert.equal(raw(r, "CONFIG", "SET", "notify-keyspace-events", flags), OK);
  return seen;
}

/** A stand-in collection, to test COPY's use of clone() without any data type module. */
class FakeList implements CollectionValue {
  readonly type = "list" as const;
  constructor(public items: string[]) {}
  encoding(): string {
    return "quicklist";
  }
  clone(): FakeList {
    return new FakeList([...this.items]);
  }
}

describe("DEL, UNLINK, EXISTS, TYPE, TOUCH", () => {
  test("replies and counts", () => {
    const r = createInProcess();
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "2");
    assert.equal(raw(r, "EXISTS", "a", "b", "nokey", "a"), int(3));
    assert.equal(raw(r, "TYPE", "a"), "+string\r\n");
    assert.equal(raw(r, "TYPE", "nokey"), "+none\r\n");
    assert.equal(raw(r, "TOUCH", "a", "nokey", "b"), int(2));
    assert.equal(raw(r, "DEL", "a", "nokey", "a"), int(1));
    assert.equal(raw(r, "UNLINK", "b", "nokey"), int(1));
    assert.equal(raw(r, "EXISTS", "a", "b"), int(0));
    assert.equal(raw(r, "DEL"), err("ERR wrong number of arguments for 'del' command"));
    assert.equal(raw(r, "TYPE", "a", "b"), err("ERR wrong number of arguments for 'type' command"));
  });

  test("TYPE of a collection", () => {
    const r = createInProcess();
    r.engine.dbs[0].set("l", new FakeList(["x"]));
    assert.equal(raw(r, "TYPE", "l"), "+list\r\n");
  });

  test("DEL notifies, signals and dirties once per deleted key", () => {
    const r = createInProcess();
    const seen = events(r);
    const modified: string[] = [];
    r.engine.hooks.keyModified.push((_db, key) => modified.push(key));
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "1");
    seen.length = 0;
    modified.length = 0;
    const dirty = r.engine.dirty;
    assert.equal(raw(r, "DEL", "a", "x", "b"), int(2));
    assert.deepEqual(seen, [
      "__keyspace@0__:a del",
      "__keyevent@0__:del a",
      "__keyspace@0__:b del",
      "__keyevent@0__:del b",
    ]);
    assert.deepEqual(modified, ["a", "b"]);
    assert.equal(r.engine.dirty, dirty + 2);
  });

  test("EXISTS and TYPE count keyspace hits and misses", () => {
    const r = createInProcess();
    raw(r, "SET", "a", "1");
    const stats = r.engine.stats;
    const hits = stats.keyspaceHits;
    const misses = stats.keyspaceMisses;
    raw(r, "EXISTS", "a", "b");
    raw(r, "TYPE", "a");
    assert.equal(stats.keyspaceHits, hits + 2);
    assert.equal(stats.keyspaceMisses, misses + 1);
  });
});

describe("KEYS", () => {
  test("patterns, in insertion order", () => {
    const r = createInProcess();
    for (const k of ["foo_a", "foo_b", "foo_c", "key_x", "key_y"]) raw(r, "SET", k, "v");
    assert.equal(raw(r, "KEYS", "foo*"), arr(bulk("foo_a"), bulk("foo_b"), bulk("foo_c")));
    assert.equal(raw(r, "KEYS", "key_[xz]"), arr(bulk("key_x")));
    assert.equal(raw(r, "KEYS", "nomatch*"), "*0\r\n");
    assert.equal(
      raw(r, "KEYS", "*"),
      arr(...["foo_a", "foo_b", "foo_c", "key_x", "key_y"].map(bulk)),
    );
  });

  test("skips logically expired keys without deleting them", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "1");
    raw(r, "PEXPIRE", "b", 10);
    clock.advance(11);
    assert.equal(raw(r, "KEYS", "*"), arr(bulk("a")));
    assert.equal(r.engine.dbs[0].size, 2);
  });

  test("long nested patterns end quickly (Redis's skipLongerMatches)", () => {
    const r = createInProcess();
    raw(r, "SET", "a".repeat(40), "1");
    const t = performance.now();
    assert.equal(raw(r, "KEYS", "a*".repeat(20) + "b"), "*0\r\n");
    assert.ok(performance.now() - t < 1000);
  });
});

describe("SCAN", () => {
  test("small database in one call, exact bytes", () => {
    const r = createInProcess();
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "1");
    assert.equal(raw(r, "SCAN", 0), arr(bulk("0"), arr(bulk("a"), bulk("b"))));
    assert.equal(raw(r, "SCAN", 0, "MATCH", "b"), arr(bulk("0"), arr(bulk("b"))));
    assert.equal(raw(r, "SCAN", 0, "TYPE", "list"), arr(bulk("0"), "*0\r\n"));
    assert.equal(
      raw(r, "SCAN", 0, "TYPE", "STRING", "count", 5),
      arr(bulk("0"), arr(bulk("a"), bulk("b"))),
    );
  });

  test("cursor and option errors as Redis", () => {
    const r = createInProcess();
    for (const bad of ["abc", " 1", "1 ", "-", "+", "0x1", "18446744073709551616"]) {
      assert.equal(raw(r, "SCAN", bad), err("ERR invalid cursor"), bad);
    }
    // strtoul accepts these: the empty string is 0, negatives wrap.
    for (const ok of ["", "-0", "+0", "-1", "18446744073709551615", "007"]) {
      assert.equal(raw(r, "SCAN", ok), arr(bulk("0"), "*0\r\n"), ok);
    }
    assert.equal(raw(r, "SCAN", 0, "COUNT", 0), err("ERR syntax error"));
    assert.equal(raw(r, "SCAN", 0, "COUNT", -1), err("ERR syntax error"));
    assert.equal(
      raw(r, "SCAN", 0, "COUNT", "x"),
      err("ERR value is not an integer or out of range"),
    );
    assert.equal(raw(r, "SCAN", 0, "MATCH"), err("ERR syntax error"));
    assert.equal(raw(r, "SCAN", 0, "FOO", "bar"), err("ERR syntax error"));
    assert.equal(raw(r, "SCAN"), err("ERR wrong number of arguments for 'scan' command"));
  });

  function fullScan(r: InProcess, ...opts: (string | number)[]): { keys: string[]; calls: number } {
    let cursor = "0";
    const keys: string[] = [];
    let calls = 0;
    do {
      const reply = r.call("SCAN", cursor, ...opts) as [string, string[]];
      cursor = reply[0];
      keys.push(...reply[1]);
      calls++;
      assert.ok(calls < 100_000);
    } while (cursor !== "0");
    return { keys, calls };
  }

  test("a full iteration returns every key, COUNT bounds each call", () => {
    const r = createInProcess();
    for (let i = 0; i < 1000; i++) raw(r, "SET", "key:" + i, "v");
    const { keys, calls } = fullScan(r, "COUNT", 7);
    assert.equal(new Set(keys).size, 1000);
    assert.ok(calls >= 1000 / 7);
    assert.equal(new Set(fullScan(r, "MATCH", "key:1??").keys).size, 100);
    // Cursors look like Redis's: unsigned decimal integers.
    const first = r.call("SCAN", 0) as [string, string[]];
    assert.match(first[0], /^[1-9][0-9]*$/);
    assert.equal(first[1].length, 10);
  });

  test("keys present for the whole iteration are all returned under writes and deletes", () => {
    const r = createInProcess();
    for (let i = 0; i < 500; i++) raw(r, "SET", "stay:" + i, "v");
    for (let i = 0; i < 2000; i++) raw(r, "SET", "tmp:" + i, "v");
    let cursor = "0";
    const seen = new Set<string>();
    let n = 2000;
    let step = 0;
    do {
      const reply = r.call("SCAN", cursor, "COUNT", 10) as [string, string[]];
      cursor = reply[0];
      for (const k of reply[1]) seen.add(k);
      // Churn: delete temporary keys (forcing rehashes), add new ones.
      for (let j = 0; j < 40; j++) raw(r, "DEL", "tmp:" + Math.floor(Math.random() * n));
      for (let j = 0; j < 5; j++) raw(r, "SET", "tmp:" + n++, "v");
      if (++step % 50 === 0) { for (let j = 0; j < n; j++) raw(r, "DEL", "tmp:" + j); }
    } while (cursor !== "0");
    for (let i = 0; i < 500; i++) assert.ok(seen.has("stay:" + i), "stay:" + i);
  });

  test("expired keys are deleted, not returned", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "1", "PX", 5);
    clock.advance(6);
    assert.equal(raw(r, "SCAN", 0), arr(bulk("0"), arr(bulk("a"))));
    assert.equal(r.engine.dbs[0].size, 1);
  });

  test("an unknown or used cursor restarts the iteration (duplicates, never misses)", () => {
    const r = createInProcess();
    for (let i = 0; i < 30; i++) raw(r, "SET", "k" + i, "v");
    const first = r.call("SCAN", 0, "COUNT", 10) as [string, string[]];
    const second = r.call("SCAN", first[0], "COUNT", 10) as [string, string[]];
    assert.notDeepEqual(second[1], first[1]);
    // Re-using the first cursor (e.g. a retried call) starts over.
    const again = r.call("SCAN", first[0], "COUNT", 10) as [string, string[]];
    assert.deepEqual(again[1], first[1]);
    const unknown = r.call("SCAN", 987654321, "COUNT", 10) as [string, string[]];
    assert.deepEqual(unknown[1], first[1]);
  });

  test("a cursor survives FLUSHDB-like replacement of the dictionary by restarting", () => {
    const r = createInProcess();
    for (let i = 0; i < 30; i++) raw(r, "SET", "k" + i, "v");
    const first = r.call("SCAN", 0, "COUNT", 10) as [string, string[]];
    r.engine.dbs[0].flush();
    raw(r, "SET", "fresh", "v");
    assert.equal(raw(r, "SCAN", first[0], "COUNT", 10), arr(bulk("0"), arr(bulk("fresh"))));
  });
});

describe("RANDOMKEY", () => {
  test("empty database, both keys reachable, expired keys skipped", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    assert.equal(raw(r, "RANDOMKEY"), NIL);
    raw(r, "SET", "x", "1");
    raw(r, "DEL", "x");
    assert.equal(raw(r, "RANDOMKEY"), NIL);
    raw(r, "SET", "foo", "1");
    raw(r, "SET", "bar", "1");
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(r.call("RANDOMKEY") as string);
    assert.deepEqual([...seen].sort(), ["bar", "foo"]);
    raw(r, "PEXPIRE", "foo", 1);
    raw(r, "PEXPIRE", "bar", 1);
    clock.advance(2);
    assert.equal(raw(r, "RANDOMKEY"), NIL);
    assert.equal(r.engine.dbs[0].size, 0);
    assert.equal(r.engine.stats.expiredKeys, 2);
  });

  test("samples spread over a large database", () => {
    const r = createInProcess();
    for (let i = 0; i < 10_000; i++) raw(r, "SET", "k" + i, "v");
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(r.call("RANDOMKEY") as string);
    assert.ok(seen.size > 1000, String(seen.size));
  });
});

describe("RENAME, RENAMENX", () => {
  test("replies and errors", () => {
    const r = createInProcess();
    assert.equal(raw(r, "RENAME", "nokey", "x"), err("ERR no such key"));
    assert.equal(raw(r, "RENAME", "nokey", "nokey"), err("ERR no such key"));
    assert.equal(raw(r, "RENAMENX", "nokey", "x"), err("ERR no such key"));
    raw(r, "SET", "a", "1");
    assert.equal(raw(r, "RENAME", "a", "a"), OK);
    assert.equal(raw(r, "RENAMENX", "a", "a"), int(0));
    assert.equal(raw(r, "RENAME", "a", "b"), OK);
    assert.equal(raw(r, "EXISTS", "a"), int(0));
    assert.equal(raw(r, "GET", "b"), bulk("1"));
    raw(r, "SET", "c", "2");
    assert.equal(raw(r, "RENAMENX", "b", "c"), int(0));
    assert.equal(raw(r, "RENAMENX", "b", "d"), int(1));
    assert.equal(raw(r, "RENAME", "d", "c"), OK);
    assert.equal(raw(r, "GET", "c"), bulk("1"));
  });

  test("the TTL moves with the key, the target's is not inherited", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "a", "1");
    raw(r, "PEXPIRE", "a", 5000);
    raw(r, "RENAME", "a", "b");
    assert.equal(raw(r, "PTTL", "b"), int(5000));
    raw(r, "SET", "c", "1");
    raw(r, "SET", "d", "1");
    raw(r, "EXPIRE", "d", 100);
    raw(r, "RENAME", "c", "d");
    assert.equal(raw(r, "TTL", "d"), int(-1));
  });

  test("notifications: new (class n), rename_from, rename_to", () => {
    const r = createInProcess();
    const seen = events(r, "KEAn");
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "1");
    seen.length = 0;
    const dirty = r.engine.dirty;
    raw(r, "RENAME", "a", "b");
    assert.deepEqual(seen, [
      "__keyspace@0__:b new",
      "__keyevent@0__:new b",
      "__keyspace@0__:a rename_from",
      "__keyevent@0__:rename_from a",
      "__keyspace@0__:b rename_to",
      "__keyevent@0__:rename_to b",
    ]);
    assert.equal(r.engine.dirty, dirty + 1);
  });
});

describe("MOVE", () => {
  test("replies, errors, TTL carried", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "k", "v");
    assert.equal(
      raw(r, "MOVE", "k", "99999999999"),
      err("ERR value is out of range, value must between -2147483648 and 2147483647"),
    );
    assert.equal(raw(r, "MOVE", "k", "x"), err("ERR value is not an integer or out of range"));
    assert.equal(raw(r, "MOVE", "k", 16), err("ERR DB index is out of range"));
    assert.equal(raw(r, "MOVE", "k", -1), err("ERR DB index is out of range"));
    assert.equal(raw(r, "MOVE", "k", 0), err("ERR source and destination objects are the same"));
    assert.equal(raw(r, "MOVE", "nokey", 1), int(0));
    raw(r, "PEXPIRE", "k", 3000);
    const seen = events(r);
    assert.equal(raw(r, "MOVE", "k", 1), int(1));
    assert.deepEqual(seen, [
      "__keyspace@0__:k move_from",
      "__keyevent@0__:move_from k",
      "__keyspace@1__:k move_to",
      "__keyevent@1__:move_to k",
    ]);
    assert.equal(raw(r, "EXISTS", "k"), int(0));
    raw(r, "SELECT", 1);
    assert.equal(raw(r, "PTTL", "k"), int(3000));
    raw(r, "SELECT", 0);
    raw(r, "SET", "k", "other");
    assert.equal(raw(r, "MOVE", "k", 1), int(0));
  });
});

describe("COPY", () => {
  test("replies, errors, options", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "a", "1");
    assert.equal(raw(r, "COPY", "a", "a"), err("ERR source and destination objects are the same"));
    assert.equal(raw(r, "COPY", "a", "a", "DB", 1), int(1));
    assert.equal(raw(r, "COPY", "a", "b", "DB"), err("ERR syntax error"));
    assert.equal(raw(r, "COPY", "a", "b", "FOO"), err("ERR syntax error"));
    assert.equal(raw(r, "COPY", "a", "b", "DB", 16), err("ERR DB index is out of range"));
    assert.equal(
      raw(r, "COPY", "a", "b", "DB", "x"),
      err("ERR value is not an integer or out of range"),
    );
    assert.equal(raw(r, "COPY", "nokey", "b"), int(0));
    assert.equal(raw(r, "COPY", "a", "b"), int(1));
    raw(r, "SET", "a", "2");
    assert.equal(raw(r, "COPY", "a", "b"), int(0));
    assert.equal(raw(r, "GET", "b"), bulk("1"));
    assert.equal(raw(r, "COPY", "a", "b", "replace"), int(1));
    assert.equal(raw(r, "GET", "b"), bulk("2"));
    raw(r, "PEXPIRE", "a", 4000);
    assert.equal(raw(r, "COPY", "a", "c"), int(1));
    assert.equal(raw(r, "PTTL", "c"), int(4000));
    assert.equal(raw(r, "COPY", "b", "c", "REPLACE"), int(1));
    assert.equal(raw(r, "TTL", "c"), int(-1));
  });

  test("collections are cloned, notification copy_to in the target db", () => {
    const r = createInProcess();
    const db0 = r.engine.dbs[0];
    const list = new FakeList(["x", "y"]);
    db0.set("l", list);
    const seen = events(r);
    assert.equal(raw(r, "COPY", "l", "l2", "DB", 2), int(1));
    assert.deepEqual(seen, ["__keyspace@2__:l2 copy_to", "__keyevent@2__:copy_to l2"]);
    const copy = r.engine.dbs[2].get("l2") as FakeList;
    assert.notEqual(copy, list);
    assert.deepEqual(copy.items, ["x", "y"]);
    list.items.push("z");
    assert.deepEqual(copy.items, ["x", "y"]);
  });
});

describe("OBJECT", () => {
  test("ENCODING of strings follows Redis's int/embstr/raw rules", () => {
    const r = createInProcess();
    const cases: [string, string][] = [
      ["1", "int"],
      ["-1", "int"],
      ["9223372036854775807", "int"],
      ["9223372036854775808", "embstr"],
      ["01", "embstr"],
      ["-0", "embstr"],
      ["1.5", "embstr"],
      ["", "embstr"],
      ["x".repeat(44), "embstr"],
      ["x".repeat(45), "raw"],
    ];
    for (const [v, enc] of cases) {
      raw(r, "SET", "k", v);
      assert.equal(raw(r, "OBJECT", "ENCODING", "k"), bulk(enc), JSON.stringify(v));
    }
    r.engine.dbs[0].set("l", new FakeList([]));
    assert.equal(raw(r, "OBJECT", "encoding", "l"), bulk("quicklist"));
    assert.equal(raw(r, "OBJECT", "ENCODING", "nokey"), NIL);
    assert.equal(raw(r, "HELLO", "3").length > 0, true);
    assert.equal(raw(r, "OBJECT", "ENCODING", "nokey"), "_\r\n");
  });

  test("REFCOUNT: shared integers unless maxmemory with an LRU/LFU policy", () => {
    const r = createInProcess();
    raw(r, "SET", "a", "1");
    raw(r, "SET", "b", "10000");
    raw(r, "SET", "c", "x");
    assert.equal(raw(r, "OBJECT", "REFCOUNT", "a"), int(2147483647));
    assert.equal(raw(r, "OBJECT", "REFCOUNT", "b"), int(1));
    assert.equal(raw(r, "OBJECT", "REFCOUNT", "c"), int(1));
    raw(r, "CONFIG", "SET", "maxmemory", "1gb");
    raw(r, "CONFIG", "SET", "maxmemory-policy", "allkeys-random");
    assert.equal(raw(r, "OBJECT", "REFCOUNT", "a"), int(2147483647));
    raw(r, "CONFIG", "SET", "maxmemory-policy", "volatile-lru");
    assert.equal(raw(r, "OBJECT", "REFCOUNT", "a"), int(1));
  });

  test("IDLETIME: reads touch, TTL/TYPE/EXISTS/OBJECT do not", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "foo", "bar");
    clock.advance(3000);
    raw(r, "TTL", "foo");
    raw(r, "TYPE", "foo");
    raw(r, "EXISTS", "foo");
    raw(r, "OBJECT", "ENCODING", "foo");
    assert.equal(raw(r, "OBJECT", "IDLETIME", "foo"), int(3));
    raw(r, "TOUCH", "foo");
    assert.equal(raw(r, "OBJECT", "IDLETIME", "foo"), int(0));
    clock.advance(5000);
    raw(r, "GET", "foo");
    assert.equal(raw(r, "OBJECT", "IDLETIME", "foo"), int(0));
    clock.advance(2000);
    raw(r, "RENAME", "foo", "bar");
    assert.equal(raw(r, "OBJECT", "IDLETIME", "bar"), int(0));
    assert.equal(raw(r, "OBJECT", "IDLETIME", "nokey"), NIL);
  });

  test("FREQ only under an LFU policy, IDLETIME not under it", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "k", "v");
    const note =
      " Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    assert.equal(
      raw(r, "OBJECT", "FREQ", "k"),
      err("ERR An LFU maxmemory policy is not selected, access frequency not tracked." + note),
    );
    assert.equal(raw(r, "OBJECT", "FREQ", "nokey"), NIL);
    raw(r, "CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    raw(r, "SET", "f", "v");
    assert.equal(raw(r, "OBJECT", "FREQ", "f"), int(5));
    assert.equal(
      raw(r, "OBJECT", "IDLETIME", "f"),
      err("ERR An LFU maxmemory policy is selected, idle time not tracked." + note),
    );
    for (let i = 0; i < 200; i++) raw(r, "GET", "f");
    const freq = r.call("OBJECT", "FREQ", "f") as number;
    assert.ok(freq > 5 && freq < 30, String(freq));
    // lfu-decay-time 1: one point less per idle minute.
    clock.advance(3 * 60_000);
    assert.equal(raw(r, "OBJECT", "FREQ", "f"), int(freq - 3));
  });

  test("HELP and arity errors", () => {
    const r = createInProcess();
    const lines = [
      "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "ENCODING <key>",
      "    Return the kind of internal representation used in order to store the value",
      "    associated with a <key>.",
      "FREQ <key>",
      "    Return the access frequency index of the <key>. The returned integer is",
      "    proportional to the logarithm of the recent access frequency of the key.",
      "IDLETIME <key>",
      "    Return the idle time of the <key>, that is the approximated number of",
      "    seconds elapsed since the last access to the key.",
      "REFCOUNT <key>",
      "    Return the number of references of the value associated with the specified",
      "    <key>.",
      "HELP",
      "    Prints this help.",
    ];
    assert.equal(raw(r, "OBJECT", "HELP"), arr(...lines.map((l) => "+" + l + "\r\n")));
    assert.equal(raw(r, "OBJECT"), err("ERR wrong number of arguments for 'object' command"));
    assert.equal(raw(r, "OBJECT", "foo"), err("ERR unknown subcommand 'foo'. Try OBJECT HELP."));
    assert.equal(
      raw(r, "OBJECT", "ENCODING"),
      err("ERR wrong number of arguments for 'object|encoding' command"),
    );
    assert.equal(
      raw(r, "OBJECT", "HELP", "x"),
      err("ERR wrong number of arguments for 'object|help' command"),
    );
  });
});

describe("command metadata", () => {
  test("arity, flags, ACL categories and key positions as Redis", () => {
    const r = createInProcess();
    const info = (name: string) => {
      const cmd = r.engine.commands.get(name)!;
      return [
        cmd.arity,
        [...cmd.flags].sort().join(","),
        cmd.acl.join(","),
        cmd.firstKey,
        cmd.lastKey,
        cmd.keyStep,
      ];
    };
    assert.deepEqual(info("del"), [-2, "write", "keyspace,write,slow", 1, -1, 1]);
    assert.deepEqual(info("unlink"), [-2, "fast,write", "keyspace,write,fast", 1, -1, 1]);
    assert.deepEqual(info("keys"), [2, "readonly", "keyspace,read,slow,dangerous", 0, 0, 0]);
    assert.deepEqual(info("rename"), [3, "write", "keyspace,write,slow", 1, 2, 1]);
    assert.deepEqual(info("copy"), [-3, "denyoom,write", "keyspace,write,slow", 1, 2, 1]);
    assert.deepEqual(info("expire"), [-3, "fast,write", "keyspace,write,fast", 1, 1, 1]);
    assert.deepEqual(info("ttl"), [2, "fast,readonly", "keyspace,read,fast", 1, 1, 1]);
    assert.deepEqual(info("scan"), [-2, "readonly", "keyspace,read,slow", 0, 0, 0]);
    const enc = r.engine.commands.get("object")!.subcommands!.get("encoding")!;
    assert.deepEqual([enc.arity, enc.firstKey, enc.lastKey, enc.acl.join(",")], [
      3,
      2,
      2,
      "keyspace,read,slow",
    ]);
  });
});

describe("keymiss events", () => {
  test("read lookups that miss emit keymiss (class m), OBJECT and writes do not", () => {
    const r = createInProcess();
    const seen = events(r, "Em");
    for (
      const argv of [
        ["GET", "nokey"],
        ["TTL", "nokey"],
        ["TYPE", "nokey"],
        ["EXISTS", "nokey"],
        ["OBJECT", "ENCODING", "nokey"],
        ["TOUCH", "nokey"],
        ["COPY", "nokey", "x"],
        ["RENAME", "nokey", "x"],
        ["EXPIRE", "nokey", "10"],
        ["PERSIST", "nokey"],
        ["RANDOMKEY"],
      ]
    ) raw(r, ...argv);
    assert.deepEqual(seen, Array(6).fill("__keyevent@0__:keymiss nokey"));
  });
});
