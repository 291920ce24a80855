/**
 * Giving memory back after write bursts.
 *
 * Every overwritten value (and the duplicate key string each SET of an
 * existing key decodes) becomes garbage in the old generation, where only a
 * full collection frees it, and neither V8 nor JavaScriptCore run one while
 * the process is idle: after `redis-benchmark -t set -r 1000000 -n 2000000`
 * Ferrous on Deno kept ~80 MB of such garbage resident indefinitely (measured
 * with bench/memory.ts). So the server collects once it has been idle for a
 * moment after the heap grew, as browsers do in idle time. A full collection
 * of a ~100 MB heap pauses ~50-150 ms; it only runs when no input arrived
 * for {@link IDLE_MS}, so only a client arriving during it waits.
 *
 * @module
 */
import process from "node:process";
import { fullGcFunction } from "../transport/gc.ts";

/** Input-free time after which the server counts as idle. */
const IDLE_MS = 300;
/** Heap growth since the last collection that makes one worth it: both must hold. */
const GROWTH_RATIO = 1.5;
const GROWTH_BYTES = 16 * 1024 * 1024;

let collect: (() => void) | undefined;

/** Runs a full garbage collection now; false when the runtime offers none. */
export function fullGc(): boolean {
  collect ??= fullGcFunction();
  if (collect === undefined) return false;
  collect();
  return true;
}

/** What the idle collector watches; an Engine has it. */
export interface ReclaimHost {
  readonly stats: { netInputBytes: number };
  readonly hooks: { cron: Array<() => void> };
}

/** Probes the idle collector uses; tests replace them. */
export interface ReclaimProbes {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Bytes of live-or-garbage heap. */
  heapUsed(): number;
  /** A full collection; false when there is none. */
  collect(): boolean;
}

const RUNTIME_PROBES: ReclaimProbes = {
  now: () => performance.now(),
  heapUsed: () => process.memoryUsage().heapUsed,
  collect: fullGc,
};

/**
 * Collects garbage from the cron when no input arrived for {@link IDLE_MS}
 * and the heap grew by half (and 16 MB) since the last collection.
 */
export function installIdleReclaim(host: ReclaimHost, probes = RUNTIME_PROBES): void {
  let lastInput = host.stats.netInputBytes;
  let lastActive = probes.now();
  let heapAfterGc = probes.heapUsed();
  host.hooks.cron.push(() => {
    const now = probes.now();
    const input = host.stats.netInputBytes;
    if (input !== lastInput) {
      lastInput = input;
      lastActive = now;
      return;
    }
    if (now - lastActive < IDLE_MS) return;
    const heap = probes.heapUsed();
    if (heap < heapAfterGc * GROWTH_RATIO || heap - heapAfterGc < GROWTH_BYTES) {
      // Shrinking heaps (collections the runtime ran itself) lower the bar.
      if (heap < heapAfterGc) heapAfterGc = heap;
      return;
    }
    if (!probes.collect()) return;
    heapAfterGc = probes.heapUsed();
  });
}
