/**
 * A string-keyed hash map with `Map`'s interface, for the keyspace and
 * other tables looked up with keys just decoded from the network.
 *
 * Why not `Map`: a key string fresh off the wire has no cached hash, and
 * V8 computes it with a call into the runtime (~150-250 ns per lookup on
 * this machine, more than the rest of a GET); JSC's Map costs ~500 ns per
 * random lookup at 100k keys. Here the hash is computed in JavaScript
 * (FNV-1a, seeded per process) and the table is a few flat arrays (bucket
 * heads, chain links and hashes in Int32Arrays), which also lets a caller
 * hash a key once for several tables ({@link StrMap.getH} and friends).
 *
 * Semantics follow `Map`: insertion-order iteration, and iterators stay
 * valid while the map changes (entries added during an iteration are
 * visited, deleted ones are not, each live entry once). As V8 does for
 * `Map`, a rehash leaves behind a record of the slots it dropped, and an
 * iterator created before it translates its position when it next moves.
 *
 * @example
 * ```ts
 * const m = new StrMap<number>();
 * m.set("a", 1);
 * m.get("a"); // 1
 * ```
 *
 * @module
 */

const MIN_CAPACITY = 8;

/**
 * A per-process seed, so colliding keys cannot simply be precomputed. FNV
 * is not a keyed cryptographic hash (Redis uses SipHash): a client able to
 * find seed-independent collisions could lengthen chains; V8's and JSC's
 * own string hashes share that limit.
 */
const SEED = (Math.random() * 0x100000000) | 0;

/** The hash StrMap uses for `s` (pass it to the `…H` methods to hash once for several maps). */
export function hashKey(s: string): number {
  let h = SEED ^ 0x811c9dc5;
  const n = s.length;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h ^ (h >>> 15);
}

/** What a rehash left behind for iterators that started before it. */
export class StrMapGeneration {
  next: StrMapGeneration | null = null;
  /** Sorted slot indices the rehash dropped (holes); null when the map was cleared. */
  removed: Int32Array | null = null;
}

/** A `Map<string, V>` with cheap lookups for fresh keys; see the module doc. */
export class StrMap<V> implements Iterable<[string, V]> {
  /** Chain heads by `hash & mask`, -1 when empty. */
  private heads!: Int32Array;
  private links!: Int32Array;
  private hashes!: Int32Array;
  /** Slot keys in insertion order; undefined marks a deleted slot. */
  private slotKeys!: (string | undefined)[];
  private slotValues!: (V | undefined)[];
  private mask!: number;
  /** Next free slot; slots past it are unused. */
  private top = 0;
  private count = 0;
  private gen = new StrMapGeneration();
  /**
   * Optional 32-bit number per entry, kept beside it (the keyspace's LRU/LFU
   * stamps: no second table to look up); -1 when unset.
   */
  private stamps: Int32Array | null = null;

  constructor(entries?: Iterable<readonly [string, V]>) {
    this.allocate(MIN_CAPACITY);
    if (entries !== undefined) { for (const [k, v] of entries) this.set(k, v); }
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** The slot of `key` (hashed `h`), or -1. */
  private find(key: string, h: number): number {
    const hashes = this.hashes;
    const keys = this.slotKeys;
    const links = this.links;
    let e = this.heads[h & this.mask];
    while (e >= 0) {
      if (hashes[e] === h && keys[e] === key) return e;
      e = links[e];
    }
    return -1;
  }

  get(key: string): V | undefined {
    return this.getH(key, hashKey(key));
  }

  /** {@link StrMap.get} with the key's {@link hashKey} already computed. */
  getH(key: string, h: number): V | undefined {
    const e = this.find(key, h);
    return e < 0 ? undefined : this.slotValues[e];
  }

  has(key: string): boolean {
    return this.find(key, hashKey(key)) >= 0;
  }

  set(key: string, value: V): this {
    this.setH(key, hashKey(key), value);
    return this;
  }

  /** {@link StrMap.set} with the key's hash; returns true when the key was added. */
  setH(key: string, h: number, value: V): boolean {
    const before = this.count;
    this.setSlotH(key, h, value);
    return this.count !== before;
  }

  /** As {@link StrMap.setH}, returning the entry's slot (valid until the map next changes). */
  setSlotH(key: string, h: number, value: V): number {
    const e = this.find(key, h);
    if (e >= 0) {
      this.slotValues[e] = value;
      return e;
    }
    return this.insert(key, h, value);
  }

  /** Adds an entry known to be absent; returns its slot. */
  private insert(key: string, h: number, value: V): number {
    if (this.top === this.slotKeys.length) {
      // Full: compact in place when deletions left many holes, else grow.
      const cap = this.mask + 1;
      this.rehash(this.count * 2 <= cap ? cap : cap * 2);
    }
    const slot = this.top++;
    const b = h & this.mask;
    this.hashes[slot] = h;
    this.slotKeys[slot] = key;
    this.slotValues[slot] = value;
    this.links[slot] = this.heads[b];
    this.heads[b] = slot;
    if (this.stamps !== null) this.stamps[slot] = -1;
    this.count++;
    return slot;
  }

  /** The slot of `key` (hashed `h`) or -1: valid until the map next changes. */
  slotOf(key: string, h: number): number {
    return this.find(key, h);
  }

  /** Replaces the value in a live slot (from {@link StrMap.slotOf}). */
  setSlotValue(slot: number, value: V): void {
    this.slotValues[slot] = value;
  }

  /** Keeps a stamp per entry from now on (all unset), or drops them. */
  trackStamps(on: boolean): void {
    if (!on) this.stamps = null;
    else if (this.stamps === null) this.stamps = new Int32Array(this.mask + 1).fill(-1);
  }

  /** The stamp of a live slot, -1 when unset or not tracking. */
  stampAt(slot: number): number {
    return this.stamps === null ? -1 : this.stamps[slot];
  }

  /** Sets the stamp of a live slot (ignored when not tracking). */
  setStampAt(slot: number, stamp: number): void {
    if (this.stamps !== null) this.stamps[slot] = stamp;
  }

  delete(key: string): boolean {
    return this.deleteH(key, hashKey(key));
  }

  /** {@link StrMap.delete} with the key's hash. */
  deleteH(key: string, h: number): boolean {
    const hashes = this.hashes;
    const keys = this.slotKeys;
    const links = this.links;
    const b = h & this.mask;
    let prev = -1;
    let e = this.heads[b];
    while (e >= 0) {
      if (hashes[e] === h && keys[e] === key) break;
      prev = e;
      e = links[e];
    }
    if (e < 0) return false;
    if (prev < 0) this.heads[b] = links[e];
    else links[prev] = links[e];
    keys[e] = undefined;
    this.slotValues[e] = undefined;
    this.count--;
    // Shrink as Redis does when a table is mostly empty, so memory follows the data.
    const cap = this.mask + 1;
    if (cap > MIN_CAPACITY && this.count * 8 < cap) this.rehash(cap / 2);
    return true;
  }

  clear(): void {
    const old = this.gen;
    this.gen = new StrMapGeneration();
    old.next = this.gen;
    this.allocate(MIN_CAPACITY);
    this.top = 0;
    this.count = 0;
  }

  private allocate(cap: number): void {
    this.mask = cap - 1;
    this.heads = new Int32Array(cap).fill(-1);
    this.links = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.slotKeys = new Array(cap).fill(undefined);
    this.slotValues = new Array(cap).fill(undefined);
    if (this.stamps !== null) this.stamps = new Int32Array(cap).fill(-1);
  }

  /** Moves the live entries, in order, into tables of `cap` slots. */
  private rehash(cap: number): void {
    while (cap > MIN_CAPACITY && cap / 2 >= this.count * 2) cap /= 2;
    const oldKeys = this.slotKeys;
    const oldValues = this.slotValues;
    const oldHashes = this.hashes;
    const oldStamps = this.stamps;
    const oldTop = this.top;
    const removed = new Int32Array(oldTop - this.count);
    this.allocate(cap);
    const heads = this.heads;
    const links = this.links;
    const hashes = this.hashes;
    const keys = this.slotKeys;
    const values = this.slotValues;
    const stamps = this.stamps;
    const mask = this.mask;
    let j = 0;
    let r = 0;
    for (let i = 0; i < oldTop; i++) {
      const k = oldKeys[i];
      if (k === undefined) {
        removed[r++] = i;
        continue;
      }
      const h = oldHashes[i];
      hashes[j] = h;
      keys[j] = k;
      values[j] = oldValues[i];
      if (stamps !== null) stamps[j] = oldStamps![i];
      const b = h & mask;
      links[j] = heads[b];
      heads[b] = j;
      j++;
    }
    this.top = j;
    const old = this.gen;
    old.removed = removed;
    this.gen = new StrMapGeneration();
    old.next = this.gen;
  }

  /** Visits every entry in insertion order (entries added meanwhile included). */
  forEach(fn: (value: V, key: string, map: this) => void): void {
    const it = this.cursor();
    for (let e = it.advance(); e >= 0; e = it.advance()) {
      fn(this.slotValues[e] as V, this.slotKeys[e] as string, this);
    }
  }

  /** A position in the iteration order that survives changes (see {@link StrMapCursor}). */
  cursor(): StrMapCursor<V> {
    return new StrMapCursor(this, this.gen);
  }

  /** @internal Used by cursors: the slot at `pos` if live and below the top, else undefined. */
  slotKey(pos: number): string | undefined {
    return this.slotKeys[pos];
  }

  /** @internal The value in a live slot. */
  slotValue(pos: number): V {
    return this.slotValues[pos] as V;
  }

  /** @internal */
  get slotTop(): number {
    return this.top;
  }

  keys(): IterableIterator<string> {
    return new StrMapIterator(this, KIND_KEYS) as IterableIterator<string>;
  }

  values(): IterableIterator<V> {
    return new StrMapIterator(this, KIND_VALUES) as IterableIterator<V>;
  }

  entries(): IterableIterator<[string, V]> {
    return new StrMapIterator(this, KIND_ENTRIES) as IterableIterator<[string, V]>;
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  /** A uniformly random slot's entry, or undefined when empty (RANDOMKEY, sampling). */
  randomKey(random: () => number = Math.random): string | undefined {
    if (this.count === 0) return undefined;
    // Live slots are at least half of the slots below top after any rehash
    // except right after mass deletion; retry a few times, then scan.
    for (let tries = 0; tries < 32; tries++) {
      const k = this.slotKeys[Math.floor(random() * this.top)];
      if (k !== undefined) return k;
    }
    let n = Math.floor(random() * this.count);
    for (let i = 0; i < this.top; i++) {
      const k = this.slotKeys[i];
      if (k !== undefined && n-- === 0) return k;
    }
    return undefined;
  }

  get [Symbol.toStringTag](): string {
    return "StrMap";
  }
}

/**
 * An iteration position in a {@link StrMap} that stays valid while the map
 * changes: `advance()` returns the next live slot (or -1 at the end), read
 * with `map.slotKey`/`slotValue` before the map changes again.
 */
export class StrMapCursor<V> {
  private pos = 0;
  constructor(private readonly map: StrMap<V>, private gen: StrMapGeneration) {}

  /** The next live slot, or -1 when the iteration is over. */
  advance(): number {
    const map = this.map;
    if (this.gen.next !== null) this.follow();
    while (this.pos < map.slotTop) {
      const e = this.pos++;
      if (map.slotKey(e) !== undefined) return e;
    }
    return -1;
  }

  /** Translates the position across the rehashes since it was last used. */
  private follow(): void {
    let gen: StrMapGeneration = this.gen;
    let pos = this.pos;
    while (gen.next !== null) {
      const removed = gen.removed;
      if (removed === null) pos = 0;
      else {
        // Slots before pos that the rehash dropped: binary search the sorted list.
        let lo = 0;
        let hi = removed.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (removed[mid] < pos) lo = mid + 1;
          else hi = mid;
        }
        pos -= lo;
      }
      gen = gen.next;
    }
    this.gen = gen;
    this.pos = pos;
  }
}

const KIND_KEYS = 0;
const KIND_VALUES = 1;
const KIND_ENTRIES = 2;

class StrMapIterator<V> {
  private readonly cursor: StrMapCursor<V>;
  constructor(private readonly map: StrMap<V>, private readonly kind: number) {
    this.cursor = map.cursor();
  }

  next(): IteratorResult<unknown> {
    const e = this.cursor.advance();
    if (e < 0) return { value: undefined, done: true };
    const map = this.map;
    const kind = this.kind;
    const value = kind === KIND_KEYS
      ? map.slotKey(e)
      : kind === KIND_VALUES
      ? map.slotValue(e)
      : [map.slotKey(e), map.slotValue(e)];
    return { value, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
