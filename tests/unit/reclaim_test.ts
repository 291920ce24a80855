/**
 * Idle garbage collection (lib/server/reclaim.ts): only after input stopped
 * for a while and the heap grew by half (and 16 MB) since the last one, or a
 * flush dropped keys; each collection is followed by the release of the C
 * heap's free pages; the runtime's full collection is reachable on both
 * runtimes, and malloc_trim on Deno under Linux (tests run with -A).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fullGc, installIdleReclaim, releaseFreeMemory } from "../../lib/server/reclaim.ts";
import { createInProcess } from "../../mod.ts";

const MB = 1024 * 1024;

type Db = { size: number };

function setup(heap0: number) {
  const host = {
    stats: { netInputBytes: 0 },
    dbs: [{ size: 0 }, { size: 0 }] as Db[],
    hooks: {
      cron: [] as Array<() => void>,
      dbModified: [] as Array<(db: Db | undefined, replacedWith?: Db) => void>,
    },
  };
  const state = { now: 0, heap: heap0, collections: 0, releases: 0, heapAfter: heap0 };
  installIdleReclaim(host, {
    now: () => state.now,
    heapUsed: () => state.heap,
    collect: () => {
      state.collections++;
      state.heap = state.heapAfter;
      return true;
    },
    release: () => {
      state.releases++;
    },
  });
  const tick = (ms: number) => {
    state.now += ms;
    for (const h of host.hooks.cron) h();
  };
  const flush = (db: Db | undefined, replacedWith?: Db) => {
    for (const h of host.hooks.dbModified) h(db, replacedWith);
  };
  return { host, state, tick, flush };
}

describe("idle reclaim", () => {
  test("collects once idle after the heap grew, not while input arrives", () => {
    const { host, state, tick } = setup(40 * MB);
    state.heap = 120 * MB;
    for (let i = 0; i < 10; i++) {
      host.stats.netInputBytes += 100;
      tick(100);
    }
    assert.equal(state.collections, 0);
    tick(100);
    tick(100);
    assert.equal(state.collections, 0);
    tick(100);
    tick(100);
    assert.equal(state.collections, 1);
    state.heapAfter = 90 * MB;
    tick(100);
    assert.equal(state.collections, 1);
  });

  test("small or proportionally small growth does not collect", () => {
    const { state, tick } = setup(100 * MB);
    state.heap = 140 * MB; // +40%: below half
    for (let i = 0; i < 20; i++) tick(100);
    assert.equal(state.collections, 0);
    const small = setup(4 * MB);
    small.state.heap = 12 * MB; // x3 but only 8 MB
    for (let i = 0; i < 20; i++) small.tick(100);
    assert.equal(small.state.collections, 0);
  });

  test("each collection releases the C heap's free pages after it", () => {
    const { state, tick } = setup(40 * MB);
    state.heap = 120 * MB;
    for (let i = 0; i < 4; i++) tick(100);
    assert.deepEqual([state.collections, state.releases], [1, 1]);
  });

  test("a flush that drops keys collects at the next idle moment, without heap growth", () => {
    const { host, state, tick, flush } = setup(100 * MB);
    host.dbs[1].size = 5;
    flush(host.dbs[1]); // FLUSHDB: called before the keys go
    host.stats.netInputBytes += 20;
    tick(100);
    assert.equal(state.collections, 0); // not while input arrives
    for (let i = 0; i < 4; i++) tick(100);
    assert.equal(state.collections, 1);
    for (let i = 0; i < 10; i++) tick(100);
    assert.equal(state.collections, 1); // once per flush
    flush(undefined); // FLUSHALL with keys in database 1
    for (let i = 0; i < 4; i++) tick(100);
    assert.equal(state.collections, 2);
  });

  test("flushes that drop nothing and SWAPDB do not collect", () => {
    const { host, state, tick, flush } = setup(100 * MB);
    flush(undefined); // FLUSHALL on an empty server, as test suites run it
    flush(host.dbs[0]); // FLUSHDB of an empty database
    host.dbs[0].size = 3;
    flush(host.dbs[0], host.dbs[1]); // SWAPDB 0 1
    flush(host.dbs[1], host.dbs[0]);
    for (let i = 0; i < 10; i++) tick(100);
    assert.equal(state.collections, 0);
  });

  test("an engine's FLUSHALL and FLUSHDB that drop keys make its idle cron collect", () => {
    const redis = createInProcess();
    const state = { now: 0, collections: 0 };
    installIdleReclaim(redis.engine, {
      now: () => state.now,
      heapUsed: () => 0, // no growth: only flushes can trigger
      collect: () => {
        state.collections++;
        return true;
      },
      release: () => {},
    });
    const idleTick = () => {
      state.now += 400;
      for (const h of redis.engine.hooks.cron) h();
    };
    redis.call("FLUSHALL");
    idleTick();
    assert.equal(state.collections, 0);
    redis.call("SET", "k", "v");
    redis.call("SWAPDB", "0", "1");
    idleTick();
    assert.equal(state.collections, 0);
    redis.call("FLUSHALL");
    idleTick();
    assert.equal(state.collections, 1);
    redis.call("SET", "k", "v");
    redis.call("FLUSHDB");
    idleTick();
    idleTick();
    assert.equal(state.collections, 2);
  });

  test("the runtime's full collection runs", () => {
    assert.equal(fullGc(), true);
  });

  test("malloc_trim is reached on Deno under Linux, and nowhere else", () => {
    // deno-lint-ignore no-explicit-any
    const deno = (globalThis as any).Deno;
    const expected = deno !== undefined && deno.build.os === "linux";
    assert.equal(releaseFreeMemory(), expected);
  });
});
