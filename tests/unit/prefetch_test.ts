/**
 * The read-ahead of a pipelined chunk's keys and members
 * (lib/server/prefetch.ts): it finds each command's key and, for large sets,
 * hashes and sorted sets, its members (also when the key table is small); it
 * stays away from small tables, single commands and bytes that are not
 * complete commands; no input makes it throw; and a connection pauses it
 * after a chunk it could not help.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess } from "../../mod.ts";
import {
  lastPrefetch,
  PREFETCH_MIN_CHUNK,
  PREFETCH_PAUSE,
  prefetchKeys,
  prefetchTotals,
} from "../../lib/server/prefetch.ts";
import { serveConnection } from "../../lib/server/connection.ts";
import { hashKey } from "../../lib/store/str-map.ts";
import { wordHash } from "../../lib/resp/binary.ts";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const command = (...argv: string[]) =>
  "*" + argv.length + "\r\n" + argv.map((a) => "$" + a.length + "\r\n" + a + "\r\n").join("");

/** A database with 40k keys (past the prefetch threshold) and a 40k-member set, hash and sorted set. */
function bigDatabase() {
  const r = createInProcess();
  for (let i = 0; i < 40_000; i++) r.call("SET", "key:" + i, "v");
  for (let i = 0; i < 40_000; i++) {
    r.call("SADD", "myset", "element:" + i);
    r.call("HSET", "myhash", "field:" + i, "v");
    r.call("ZADD", "myzset", String(i), "member:" + i);
  }
  return r;
}

describe("prefetch", () => {
  test("wordHash is hashKey of the binary string the bytes make", () => {
    for (let len = 0; len <= 40; len++) {
      for (let first = 0; first < 256; first += 13) {
        const s = String.fromCharCode(
          ...Array.from({ length: len }, (_, i) => (first + i * 29) & 255),
        );
        assert.equal(wordHash(latin1("xx" + s), 2, 2 + len), hashKey(s), `${len} bytes`);
      }
    }
  });

  test("finds every command's key, and members of large collections", () => {
    const r = bigDatabase();
    const db = r.client.db;
    const gets = Array.from({ length: 16 }, (_, i) => command("GET", "key:" + i * 7)).join("");
    prefetchKeys(latin1(gets), db);
    assert.deepEqual(lastPrefetch(), { keys: 16, members: 0 });
    // SADD and HSET: the second and third arguments (member; field and value).
    const writes = command("SADD", "myset", "element:1") +
      command("HSET", "myhash", "field:2", "v") +
      command("ZADD", "myzset", "5", "member:5") + command("LPUSH", "list", "x");
    prefetchKeys(latin1(writes), db);
    assert.deepEqual(lastPrefetch(), { keys: 4, members: 5 });
  });

  test("multi-key commands: every key the command table's key range names", () => {
    const r = bigDatabase();
    const db = r.client.db;
    const commands = r.engine.commands;
    const mset = command("MSET", "key:1", "a", "key:2", "b", "key:3", "c");
    const mget = command("MGET", "key:4", "key:5");
    prefetchKeys(latin1(mset + mget), db, commands);
    assert.deepEqual(lastPrefetch(), { keys: 5, members: 0 });
    // Lower case names are in the table too; without the table only first keys.
    prefetchKeys(latin1(mset.replace("MSET", "mset") + mget), db, commands);
    assert.deepEqual(lastPrefetch(), { keys: 5, members: 0 });
    prefetchKeys(latin1(mset + mget), db);
    assert.deepEqual(lastPrefetch(), { keys: 2, members: 0 });
    // The same name again with more arguments: its own key range.
    const mset3 = command("MSET", "key:6", "a", "key:7", "b", "key:8", "c", "key:9", "d");
    prefetchKeys(latin1(mset + mset3 + mget), db, commands);
    assert.deepEqual(lastPrefetch(), { keys: 9, members: 0 });
    // One command alone: read ahead only for its several keys.
    prefetchKeys(latin1(mset), db, commands);
    assert.deepEqual(lastPrefetch(), { keys: 3, members: 0 });
    prefetchKeys(latin1(command("GET", "key:1")), db, commands);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
    // Single-key commands with more arguments: the first only.
    prefetchKeys(
      latin1(command("SET", "key:1", "v") + command("SETEX", "key:2", "10", "v")),
      db,
      commands,
    );
    assert.deepEqual(lastPrefetch(), { keys: 2, members: 0 });
  });

  test("stops at the first incomplete command, and needs two", () => {
    const r = bigDatabase();
    const db = r.client.db;
    const two = command("GET", "key:1") + command("GET", "key:2");
    prefetchKeys(latin1(two + command("GET", "key:3").slice(0, 10)), db);
    assert.deepEqual(lastPrefetch(), { keys: 2, members: 0 });
    prefetchKeys(latin1(command("GET", "key:1")), db);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
    // A chunk that starts inside a command, or inline commands: nothing.
    prefetchKeys(latin1(two.slice(3)), db);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
    prefetchKeys(latin1("GET key:1\r\nGET key:2\r\n"), db);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
  });

  test("a chunk shorter than PREFETCH_MIN_CHUNK never reads ahead; the shortest one that can does", () => {
    const r = bigDatabase();
    const db = r.client.db;
    const commands = r.engine.commands;
    // The shortest chunks with two keys: a multi-key command of the shortest name, two short commands.
    const del = command("DEL", "", "");
    assert.equal(del.length, PREFETCH_MIN_CHUNK);
    prefetchKeys(latin1(del), db, commands);
    assert.deepEqual(lastPrefetch(), { keys: 2, members: 0 });
    assert.ok((command("GET", "") + command("GET", "")).length > PREFETCH_MIN_CHUNK);
    // Every command name in the table is at least 3 bytes, so nothing shorter names two keys.
    for (const cmd of commands.list()) assert.ok(cmd.name.length >= 3, cmd.name);
  });

  test("small key tables are left alone", () => {
    const r = createInProcess();
    r.call("SET", "a", "1");
    prefetchKeys(latin1(command("GET", "a") + command("GET", "a")), r.client.db);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
  });

  test("a small key table with a large collection: the first command's key decides", () => {
    const r = createInProcess();
    for (let i = 0; i < 40_000; i++) r.call("SADD", "myset", "element:" + i);
    r.call("SET", "a", "1");
    const db = r.client.db;
    const sadds = command("SADD", "myset", "element:1") + command("SADD", "myset", "element:2");
    assert.equal(prefetchKeys(latin1(sadds), db), true);
    // The key repeats: read once; each command's member is read.
    assert.deepEqual(lastPrefetch(), { keys: 1, members: 2 });
    // Led by another key, the chunk is left alone (the key table is small).
    prefetchKeys(latin1(command("GET", "a") + sadds), db);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
    // Below the threshold the set's own table is small too.
    r.call("DEL", "myset");
    for (let i = 0; i < 1000; i++) r.call("SADD", "myset", "element:" + i);
    assert.equal(prefetchKeys(latin1(sadds), db), false);
    assert.deepEqual(lastPrefetch(), { keys: 0, members: 0 });
  });

  test("a repeated key is read once; a chunk with nothing more to read says so", () => {
    const r = bigDatabase();
    const db = r.client.db;
    r.call("LPUSH", "list", "x");
    const lpushes = Array.from({ length: 16 }, () => command("LPUSH", "list", "x")).join("");
    assert.equal(prefetchKeys(latin1(lpushes), db), false);
    assert.deepEqual(lastPrefetch(), { keys: 1, members: 0 });
    // Runs of a key, then another: each run is one key.
    const runs = command("GET", "key:1") + command("GET", "key:1") + command("GET", "key:2") +
      command("GET", "key:2") + command("GET", "key:1");
    assert.equal(prefetchKeys(latin1(runs), db), true);
    assert.deepEqual(lastPrefetch(), { keys: 3, members: 0 });
    // One key holding a large collection: worth it for the members.
    const sadds = Array.from({ length: 4 }, (_, i) => command("SADD", "myset", "element:" + i));
    assert.equal(prefetchKeys(latin1(sadds.join("")), db), true);
    assert.deepEqual(lastPrefetch(), { keys: 1, members: 4 });
    // A multi-key command's keys are never taken for the next command's first.
    const msets = command("MSET", "key:1", "a", "key:2", "b") + command("GET", "key:2");
    prefetchKeys(latin1(msets), db, r.engine.commands);
    assert.deepEqual(lastPrefetch(), { keys: 3, members: 0 });
  });

  test("a connection skips the read-ahead for a few chunks after one it could not help", async () => {
    const r = bigDatabase();
    r.call("LPUSH", "list", "x");
    let push!: (chunk: Uint8Array) => void;
    let end!: () => void;
    const readable = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => controller.enqueue(chunk);
        end = () => controller.close();
      },
    });
    let replies = 0;
    const writable = new WritableStream<Uint8Array>({
      write(chunk) {
        for (const byte of chunk) if (byte === 10) replies++;
      },
    });
    const served = serveConnection(r.engine, {
      readable,
      writable,
      remoteAddress: "127.0.0.1:1",
      localAddress: "127.0.0.1:2",
      isLocal: true,
      close() {},
    }, 100);
    /** Sends one chunk of 16 commands; returns the keys read ahead for it. */
    const send = async (argv: (i: number) => string[]): Promise<number> => {
      const before = prefetchTotals().keys;
      const want = replies + 16;
      push(latin1(Array.from({ length: 16 }, (_, i) => command(...argv(i))).join("")));
      while (replies < want) await new Promise((resolve) => setTimeout(resolve, 1));
      return prefetchTotals().keys - before;
    };
    const gets = (i: number) => ["GET", "key:" + i * 13];
    const lpushes = () => ["LPUSH", "list", "x"];
    assert.equal(await send(gets), 16);
    // One key for all: scanned, read once, not worth it; then a pause.
    assert.equal(await send(lpushes), 1);
    for (let i = 0; i < PREFETCH_PAUSE; i++) assert.equal(await send(gets), 0, `chunk ${i}`);
    assert.equal(await send(gets), 16);
    // Worth it again: no pause.
    assert.equal(await send(gets), 16);
    end();
    await served;
  });

  test("random and mutated bytes never throw", () => {
    const r = bigDatabase();
    const db = r.client.db;
    let seed = 3;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
    const base = latin1(
      command("SADD", "myset", "element:1") + command("GET", "key:2") +
        command("HSET", "myhash", "field:3", "v"),
    );
    for (let round = 0; round < 20_000; round++) {
      const buf = base.slice(0, rnd(base.length + 1));
      for (let k = rnd(4); k > 0; k--) buf[rnd(buf.length || 1)] = rnd(256);
      prefetchKeys(buf, db);
      const { keys, members } = lastPrefetch();
      assert.ok(keys <= 3 && members <= 4);
    }
  });
});
