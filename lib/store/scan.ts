/**
 * Resumable iteration over `Map`s and `Set`s with Redis's SCAN contract: a
 * full iteration (from cursor 0 until a call answers cursor 0) returns every
 * element present for the whole iteration, possibly more than once; elements
 * added or removed meanwhile may or may not be returned.
 *
 * Redis gets this from its hash table's reverse-binary cursor. A JS `Map` or
 * `Set` has no buckets to address, but its iterators are live: the language
 * guarantees that an iterator visits every entry present from its creation
 * until it reaches it, even while the collection changes (new entries are
 * appended, so they are visited too). A cursor number therefore names a live
 * iterator kept in a bounded table ({@link ScanCursors}).
 *
 * Costs and limits of that design, and what is done about them:
 *
 * - Memory of abandoned cursors: a live iterator keeps the collection alive,
 *   and when the collection rehashes (grows, shrinks, or compacts after
 *   deletions) both V8 and JavaScriptCore keep the obsolete tables reachable
 *   from an iterator that has not moved since, in a chain that grows with
 *   every rehash (measured: four idle iterators over a 200k-entry Map under
 *   delete/insert churn pinned ~12 MB more per 200k operations on both
 *   runtimes). Moving the iterator one step lets it drop the chain. So the
 *   table holds at most `capacity` cursors (least recently used evicted), and
 *   {@link ScanCursors.refresh} (run from the server cron) moves every idle
 *   cursor one step a second, keeping the element it took in a small stash
 *   that the next call returns first. A cursor idle long enough to fill its
 *   stash (`maxStash` refreshes, ten minutes by default), or whose collection
 *   was replaced or deleted, is dropped.
 * - Unknown cursors (never issued, evicted, already used, or issued for
 *   another collection) restart the iteration from the beginning: the caller
 *   gets duplicates but never misses an element, so an evicted cursor cannot
 *   break the guarantee. Each call issues a new cursor number (so a retried
 *   call with an old cursor restarts instead of skipping what the lost reply
 *   held); numbers grow from 1 and wrap below 2^32, like Redis's bucket
 *   cursors they are unsigned decimal integers that fit any client's parser.
 * - COUNT: each call takes up to `count` elements from the iterator (before
 *   the caller's MATCH/TYPE filters, as Redis counts), so a call does bounded
 *   work. Redis returns whole buckets and so sometimes a few more.
 * - Termination: as in Redis, an iteration over a collection that keeps
 *   growing faster than it is scanned may not end. Unlike Redis, a key that
 *   is deleted and added again moves to the end of the Map and so is seen
 *   again: heavy delete/re-add churn can lengthen an iteration.
 *
 * The keyspace and large sets, hashes and sorted sets are StrMaps
 * (str-map.ts), whose iterators keep the same guarantee as Map's and pin
 * the same kind of chain (the slots each rehash dropped) until they move.
 *
 * HSCAN, SSCAN and ZSCAN reuse this for their Map/Set-backed encodings (see
 * {@link ScanCursors.scan}); Redis answers compact encodings (listpack,
 * intset) whole, with cursor 0, and so should they.
 *
 * @module
 */

/** What a cursor iterates: a `Map` (its keys) or a `Set`. */
export interface ScanSource<K> {
  keys(): IterableIterator<K>;
  has(key: K): boolean;
  readonly size: number;
}

/** The host a table attaches to: the engine (its clock and cron). */
export interface ScanHost {
  now(): number;
  readonly hooks: { cron: Array<() => void> };
}

/** Tuning of a {@link ScanCursors} table. */
export interface ScanCursorOptions {
  /** Most cursors kept; the least recently used go first. Default 1024. */
  capacity?: number;
  /** A cursor idle this long (ms) is moved one step by each refresh. Default 1000. */
  refreshMs?: number;
  /** A cursor whose stash reaches this size is dropped. Default 600 (ten minutes idle). */
  maxStash?: number;
}

interface CursorState {
  source: ScanSource<unknown>;
  it: Iterator<unknown> | undefined;
  /** Elements taken by refreshes, returned first by the next call. */
  stash: unknown[];
  stashPos: number;
  lastUsed: number;
  lastRefresh: number;
  /** False once the caller's collection was replaced or deleted. */
  alive: (() => boolean) | undefined;
}

const CURSOR_WRAP = 0x1_0000_0000;
const ULONG_MAX = 18446744073709551615n;

/**
 * Parses a cursor argument as Redis's parseScanCursorOrReply (strtoul): an
 * optional sign and decimal digits up to 2^64-1, no spaces; a negative value
 * wraps, the empty string is 0. Returns -1 when invalid (Redis replies
 * `ERR invalid cursor`). Values past 2^53 come back rounded, which is fine
 * for lookups: no cursor this module issues is that large.
 *
 * @example
 * ```ts
 * parseCursor("0"); // 0
 * parseCursor("-1"); // 18446744073709551615
 * parseCursor(" 1"); // -1
 * ```
 */
export function parseCursor(arg: string): number {
  const n = arg.length;
  if (n === 0) return 0;
  let i = 0;
  const sign = arg.charCodeAt(0);
  if (sign === 43 || sign === 45) i = 1;
  if (i === n) return -1;
  let v = 0;
  let digits = 0;
  for (let j = i; j < n; j++) {
    const c = arg.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return -1;
    if (digits !== 0 || c !== 0) digits++;
    v = v * 10 + c;
  }
  if (digits > 20) return -1;
  if (v > Number.MAX_SAFE_INTEGER) {
    const big = BigInt(arg.slice(i));
    if (big > ULONG_MAX) return -1;
    return Number(sign === 45 ? ULONG_MAX + 1n - big : big);
  }
  if (sign === 45 && v !== 0) return Number(ULONG_MAX + 1n - BigInt(v));
  return v;
}

/**
 * The table of live cursors of one engine, shared by SCAN, HSCAN, SSCAN and
 * ZSCAN (get it with {@link scanCursors}).
 *
 * @example
 * ```ts
 * const cursors = scanCursors(engine);
 * const out: string[] = [];
 * const next = cursors.scan(db.dict, parseCursor(argv[1]), 10, (k) => out.push(k));
 * // reply [String(next), out]; next === 0 ends the iteration
 * ```
 */
export class ScanCursors {
  private readonly table = new Map<number, CursorState>();
  private nextId = 1;
  private readonly capacity: number;
  private readonly refreshMs: number;
  private readonly maxStash: number;
  private readonly now: () => number;

  constructor(now: () => number, options: ScanCursorOptions = {}) {
    this.now = now;
    this.capacity = options.capacity ?? 1024;
    this.refreshMs = options.refreshMs ?? 1000;
    this.maxStash = options.maxStash ?? 600;
  }

  /** Number of live cursors. */
  get size(): number {
    return this.table.size;
  }

  /**
   * Continues the iteration named by `cursor` over `source` (0, or a cursor
   * not issued for this same `source`, starts one), calling `visit` for up to
   * `count` elements. `visit` may delete from `source`. Returns the cursor to
   * hand back to the client, 0 when the iteration is complete.
   *
   * `alive`, when given, tells whether `source` is still the collection the
   * client iterates (e.g. `() => db.dict.get(key) === value`): cursors over a
   * dead one are dropped at the next refresh instead of pinning its memory.
   */
  scan<K>(
    source: ScanSource<K>,
    cursor: number,
    count: number,
    visit: (key: K) => void,
    alive?: () => boolean,
  ): number {
    let state: CursorState | undefined;
    if (cursor !== 0) {
      state = this.table.get(cursor);
      if (state !== undefined) this.table.delete(cursor);
      if (state !== undefined && state.source !== source) state = undefined;
    }
    if (state === undefined) {
      if (source.size <= count) {
        // The whole collection fits in one reply: no state to keep.
        for (const k of source.keys()) visit(k);
        return 0;
      }
      state = {
        source: source as ScanSource<unknown>,
        it: source.keys(),
        stash: [],
        stashPos: 0,
        lastUsed: 0,
        lastRefresh: 0,
        alive,
      };
    }
    let n = 0;
    const stash = state.stash as K[];
    while (n < count && state.stashPos < stash.length) {
      const k = stash[state.stashPos++];
      n++;
      if (source.has(k)) visit(k);
    }
    if (state.stashPos === stash.length && stash.length !== 0) {
      stash.length = 0;
      state.stashPos = 0;
    }
    const it = state.it as Iterator<K> | undefined;
    if (it !== undefined) {
      while (n < count) {
        const r = it.next();
        if (r.done) {
          state.it = undefined;
          break;
        }
        n++;
        visit(r.value);
      }
    }
    if (state.it === undefined && stash.length === 0) return 0;
    const id = this.issue();
    state.lastUsed = state.lastRefresh = this.now();
    this.table.set(id, state);
    if (this.table.size > this.capacity) {
      for (const old of this.table.keys()) {
        this.table.delete(old);
        if (this.table.size <= this.capacity) break;
      }
    }
    return id;
  }

  /**
   * Moves each cursor idle for `refreshMs` one step (so it stops pinning
   * obsolete tables), and drops cursors whose collection is gone or whose
   * stash is full. Cheap: the table is in least-recently-used order, so it
   * stops at the first cursor used recently.
   */
  refresh(now: number = this.now()): void {
    const limit = now - this.refreshMs;
    for (const [id, state] of this.table) {
      if (state.lastUsed > limit) break;
      if (state.lastRefresh > limit) continue;
      state.lastRefresh = now;
      if (state.alive !== undefined && !state.alive()) {
        this.table.delete(id);
        continue;
      }
      const it = state.it;
      if (it === undefined) continue;
      const r = it.next();
      if (r.done) state.it = undefined;
      else if (state.stash.push(r.value) - state.stashPos > this.maxStash) this.table.delete(id);
    }
  }

  /** Forgets every cursor. */
  clear(): void {
    this.table.clear();
  }

  private issue(): number {
    let id = this.nextId;
    // Skip ids still in use after a wrap (practically never).
    while (this.table.has(id)) id = id + 1 >= CURSOR_WRAP ? 1 : id + 1;
    this.nextId = id + 1 >= CURSOR_WRAP ? 1 : id + 1;
    return id;
  }
}

/**
 * A wandering position over a collection, for sampling keys at random in
 * O(1) amortized time (RANDOMKEY; a Map has no random access). Each call
 * skips a random number of entries (up to about the square root of the size)
 * from where the previous call stopped, wrapping around: every key can come
 * out, and successive samples spread over the whole collection.
 */
export class RandomWalk<K> {
  private source: ScanSource<K> | undefined;
  private it: Iterator<K> | undefined;
  lastUsed = 0;

  /** A key of `source` (undefined when empty). */
  sample(source: ScanSource<K>, now: number): K | undefined {
    const size = source.size;
    if (size === 0) return undefined;
    this.lastUsed = now;
    if (this.source !== source) {
      this.source = source;
      this.it = undefined;
    }
    let skip = Math.floor(Math.random() * Math.min(size, 16 + Math.sqrt(size)));
    for (let wraps = 0; wraps < 2;) {
      if (this.it === undefined) this.it = source.keys();
      const r = this.it.next();
      if (r.done) {
        this.it = undefined;
        wraps++;
        continue;
      }
      if (skip-- === 0) return r.value;
    }
    return undefined;
  }

  /** Moves one step if idle (see {@link ScanCursors.refresh}); drops a stale source. */
  refresh(live: ScanSource<K> | undefined): void {
    if (this.source !== live) {
      this.source = undefined;
      this.it = undefined;
      return;
    }
    if (this.it !== undefined && this.it.next().done) this.it = undefined;
  }
}

const tables = new WeakMap<ScanHost, ScanCursors>();

/**
 * The engine's cursor table, created on first use; its refresh runs from the
 * engine's cron.
 */
export function scanCursors(host: ScanHost): ScanCursors {
  let t = tables.get(host);
  if (t === undefined) {
    const table = new ScanCursors(() => host.now());
    tables.set(host, table);
    host.hooks.cron.push(() => table.refresh());
    t = table;
  }
  return t;
}
