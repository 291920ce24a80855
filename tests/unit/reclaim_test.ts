/**
 * Idle garbage collection (lib/server/reclaim.ts): only after input stopped
 * for a while and the heap grew by half (and 16 MB) since the last one; and
 * the runtime's full collection is reachable on both runtimes.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { fullGc, installIdleReclaim } from "../../lib/server/reclaim.ts";

const MB = 1024 * 1024;

function setup(heap0: number) {
  const host = { stats: { netInputBytes: 0 }, hooks: { cron: [] as Array<() => void> } };
  const state = { now: 0, heap: heap0, collections: 0, heapAfter: heap0 };
  installIdleReclaim(host, {
    now: () => state.now,
    heapUsed: () => state.heap,
    collect: () => {
      state.collections++;
      state.heap = state.heapAfter;
      return true;
    },
  });
  const tick = (ms: number) => {
    state.now += ms;
    for (const h of host.hooks.cron) h();
  };
  return { host, state, tick };
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

  test("the runtime's full collection runs", () => {
    assert.equal(fullGc(), true);
  });
});
