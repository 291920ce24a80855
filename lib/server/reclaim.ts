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
 * A FLUSHALL or FLUSHDB that drops keys also makes the next idle moment collect:
 * the dropped data is garbage the heap-growth test does not see, since the
 * heap only counts it as gone once collected. After each collection the C
 * allocator's free pages go back to the OS too (Deno; see
 * ../transport/malloc-trim.ts). After redis-benchmark's tests, a FLUSHALL
 * and the 1M-key load (vs-redis.ts --memory), a server kept 255-290 MB
 * resident on Deno and 337 MB on Bun for 58-90 MB live; with both, 114 and
 * 112 MB (Redis: 134 MB).
 *
 * @module
 */
import process from "node:process";
import { fullGcFunction } from "../transport/gc.ts";
import { mallocTrimFunction } from "../transport/malloc-trim.ts";

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

let trim: (() => void) | null | undefined;

/** Gives the C allocator's free pages back to the OS; false when that cannot be reached. */
export function releaseFreeMemory(): boolean {
  if (trim === undefined) trim = mallocTrimFunction() ?? null;
  if (trim === null) return false;
  trim();
  return true;
}

/** What the idle collector watches; an Engine (with its databases as `D`) has it. */
export interface ReclaimHost<D extends { readonly size: number }> {
  readonly stats: { netInputBytes: number };
  readonly dbs: ReadonlyArray<D>;
  readonly hooks: {
    cron: Array<() => void>;
    dbModified: Array<(db: D | undefined, replacedWith?: D) => void>;
  };
}

/** Probes the idle collector uses; tests replace them. */
export interface ReclaimProbes {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Bytes of live-or-garbage heap. */
  heapUsed(): number;
  /** A full collection; false when there is none. */
  collect(): boolean;
  /** Runs after each collection: returns freed memory to the OS. */
  release(): void;
}

const RUNTIME_PROBES: ReclaimProbes = {
  now: () => performance.now(),
  heapUsed: () => process.memoryUsage().heapUsed,
  collect: fullGc,
  release: releaseFreeMemory,
};

/**
 * Collects garbage from the cron when no input arrived for {@link IDLE_MS}
 * and the heap grew by half (and 16 MB) since the last collection, or a
 * database was flushed since then.
 */
export function installIdleReclaim<D extends { readonly size: number }>(
  host: ReclaimHost<D>,
  probes: ReclaimProbes = RUNTIME_PROBES,
): void {
  let lastInput = host.stats.netInputBytes;
  let lastActive = probes.now();
  let heapAfterGc = probes.heapUsed();
  let flushed = false;
  // Called before the data changes: a flush that drops keys (not SWAPDB, not
  // FLUSHALL on an empty server, as test suites run between tests).
  host.hooks.dbModified.push((db, replacedWith) => {
    if (replacedWith !== undefined) return;
    if (db !== undefined ? db.size > 0 : host.dbs.some((d) => d.size > 0)) flushed = true;
  });
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
    if (!flushed && (heap < heapAfterGc * GROWTH_RATIO || heap - heapAfterGc < GROWTH_BYTES)) {
      // Shrinking heaps (collections the runtime ran itself) lower the bar.
      if (heap < heapAfterGc) heapAfterGc = heap;
      return;
    }
    flushed = false;
    if (!probes.collect()) return;
    probes.release();
    heapAfterGc = probes.heapUsed();
  });
}
