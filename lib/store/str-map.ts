/**
 * A string-keyed hash map with `Map`'s interface, for the keyspace and
 * other tables looked up with keys just decoded from the network.
 *
 * Why not `Map`: a key string fresh off the wire has no cached hash, and
 * V8 computes it with a call into the runtime (~150-250 ns per lookup on
 * this machine, more than the rest of a GET); JSC's Map costs ~500 ns per
 * random lookup at 100k keys. Here the hash is computed in JavaScript
 * (four chars per step, seeded per process) and the table is flat typed
 * arrays: bucket heads, and per slot one 32-byte block with the hash, the
 * chain link and the key's bytes (keys of up to 20 bytes live only there).
 * A caller can hash a key once for several tables ({@link StrMap.getH}
 * and friends).
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

import {
  decodeChunked,
  finalMix,
  HASH_SEED,
  KNOWN_KEY_MAX,
  knownKey,
  mixWord,
} from "../resp/binary.ts";

const MIN_CAPACITY = 8;

const W_HASH = 0;
const W_LINK = 1;
const W_LEN = 2;
const W_KEY = 3;
/**
 * Longest key kept inline in its slot: the parser's known key holds as many
 * bytes (5 words of 4), so its words are a slot's.
 */
const INLINE_MAX = KNOWN_KEY_MAX;
const PACKED_WORDS = INLINE_MAX / 4;
/**
 * Int32 words per slot: the key's hash, the chain link, the key's length (or
 * a marker), then up to {@link INLINE_MAX} bytes of the key itself. 32 bytes:
 * with an aligned table a slot never straddles a cache line.
 */
const WORDS = W_KEY + PACKED_WORDS;
/** W_LEN of a deleted slot. */
const FREE = -1;
/** W_LEN of a slot whose key is kept as a string (longer than INLINE_MAX, or with chars past 0xff). */
const STRING_KEY = -2;

/**
 * The key {@link hashKey} last hashed (or the parser last met as a first
 * argument), packed as a slot holds it, so that the lookup that follows
 * compares words instead of reading the string's chars again (a
 * `charCodeAt` costs a few ns on V8 and the compare would repeat the hash's
 * 20), and hashing it again costs nothing. Valid while `known.key === key`.
 */
const known = knownKey;
const packed = known.words;

/**
 * The hash StrMap uses for `s` (pass it to the `…H` methods to hash once for
 * several maps): `wordHash` (lib/resp/binary.ts) of the bytes `s` stands
 * for, computed from its chars four at a time and packed as a slot stores
 * them. Also leaves `s` packed for the lookup that follows.
 */
export function hashKey(s: string): number {
  if (s === known.key) return known.hash;
  const n = s.length;
  // Longer keys write the first words too: the scratch is invalid until the end.
  known.key = undefined;
  let h = HASH_SEED;
  let chars = 0;
  let i = 0;
  let j = 0;
  for (; i + 4 <= n; i += 4, j++) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    chars |= c0 | c1 | c2 | c3;
    const w = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    if (j < PACKED_WORDS) packed[j] = w;
    h = mixWord(h, w);
  }
  if (i < n) {
    let w = 0;
    for (let shift = 0; i < n; i++, shift += 8) {
      const c = s.charCodeAt(i);
      chars |= c;
      w |= c << shift;
    }
    if (j < PACKED_WORDS) packed[j] = w;
    h = mixWord(h, w);
  }
  // Chars past 0xff only shift into the next char's bits: the length and
  // the final mix still spread them (equality never relies on the hash).
  h = finalMix(h, n);
  if (n <= INLINE_MAX && chars <= 0xff) {
    known.hash = h;
    known.key = s;
  }
  return h;
}

/**
 * Makes `packed` hold `key` (at most INLINE_MAX chars) if it does not
 * already: the lookups after a {@link hashKey} of the same key find it there;
 * other callers pay one more hash. Returns false when `key` has a char past
 * 0xff (such keys are stored as strings, never packed).
 */
function pack(key: string): boolean {
  if (key !== known.key) hashKey(key);
  return key === known.key;
}

/** True when `key` (of length `n`, at most INLINE_MAX) has the bytes packed at `words[o…]`. */
function inlineEquals(words: Int32Array, o: number, key: string, n: number): boolean {
  if (!pack(key)) return false;
  for (let j = 0, end = (n + 3) >> 2; j < end; j++) if (packed[j] !== words[o + j]) return false;
  return true;
}

/**
 * Packs `key` (at most INLINE_MAX chars) into `words[o…]`, four bytes per
 * word, little end first; returns false (writing nothing) when a char is past 0xff.
 */
function packInline(words: Int32Array, o: number, key: string): boolean {
  if (!pack(key)) return false;
  for (let j = 0, end = (key.length + 3) >> 2; j < end; j++) words[o + j] = packed[j];
  return true;
}

/** Scratch bytes for turning an inline key back into a string. */
const keyBytes = new Uint8Array(INLINE_MAX);

/** What a rehash left behind for iterators that started before it. */
/** The tables of a map that holds no allocation yet (see StrMap.unallocate): never written. */
const EMPTY_HEADS = new Int32Array(1).fill(-1);
const EMPTY_WORDS = new Int32Array(0);
const EMPTY_VALUES: unknown[] = [];
const EMPTY_STAMPS = new Int32Array(1).fill(-1);

export class StrMapGeneration {
  next: StrMapGeneration | null = null;
  /** Sorted slot indices the rehash dropped (holes); null when the map was cleared. */
  removed: Int32Array | null = null;
}

/**
 * A `Map<string, V>` with cheap lookups for fresh keys; see the module doc.
 *
 * Layout: slots in insertion order, each with {@link WORDS} int32 words
 * (hash, chain link, key length, key bytes) and a value. Keys of up to
 * {@link INLINE_MAX} bytes live only in their slot's words, so a lookup
 * reads the bucket head, then one cache line holding hash, link and key, then
 * the value: no separate string to reach (on JavaScriptCore a string's
 * characters are a second object), and no string for the collector to
 * trace. Longer keys (and keys with chars past 0xff) are kept as strings
 * beside the slots. Reading a key back ({@link StrMap.slotKey}, iteration)
 * makes a new string.
 */
export class StrMap<V> implements Iterable<[string, V]> {
  /** Chain heads by `hash & mask`, -1 when empty. */
  private heads!: Int32Array;
  /** WORDS int32 per slot (see the class doc). */
  private words!: Int32Array;
  /** Keys kept as strings, by slot; null until the first such key. */
  private stringKeys: (string | undefined)[] | null = null;
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
    this.unallocate();
    if (entries !== undefined) { for (const [k, v] of entries) this.set(k, v); }
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** The slot of `key` (hashed `h`), or -1. */
  private find(key: string, h: number): number {
    const words = this.words;
    const n = key.length;
    let e = this.heads[h & this.mask];
    while (e >= 0) {
      const o = e * WORDS;
      if (words[o] === h) {
        const len = words[o + W_LEN];
        if (
          len === n
            ? inlineEquals(words, o + W_KEY, key, n)
            : len === STRING_KEY && this.stringKeys![e] === key
        ) return e;
      }
      e = words[o + W_LINK];
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
    if (this.top === this.slotValues.length) {
      if (this.heads === EMPTY_HEADS) this.allocate(MIN_CAPACITY);
      else {
        // Full: compact in place when deletions left many holes, else grow.
        const cap = this.mask + 1;
        this.rehash(this.count * 2 <= cap ? cap : cap * 2);
      }
    }
    const slot = this.top++;
    const b = h & this.mask;
    const words = this.words;
    const o = slot * WORDS;
    words[o + W_HASH] = h;
    words[o + W_LINK] = this.heads[b];
    if (key.length <= INLINE_MAX && packInline(words, o + W_KEY, key)) {
      words[o + W_LEN] = key.length;
    } else {
      words[o + W_LEN] = STRING_KEY;
      (this.stringKeys ??= new Array(this.mask + 1).fill(undefined))[slot] = key;
    }
    this.slotValues[slot] = value;
    this.heads[b] = slot;
    if (this.stamps !== null) this.stamps[slot] = -1;
    this.count++;
    return slot;
  }

  /**
   * The head slot of the chain for hash `h` (-1 when empty), read only to
   * bring its cache line in early (see lib/server/prefetch.ts).
   */
  chainHead(h: number): number {
    return this.heads[h & this.mask];
  }

  /**
   * The first slot of the chain starting at `e` (from {@link StrMap.chainHead})
   * whose hash is `h`, or -1: a likely match, for prefetching (no key compare).
   */
  slotWithHash(e: number, h: number): number {
    const words = this.words;
    while (e >= 0 && words[e * WORDS] !== h) e = words[e * WORDS + W_LINK];
    return e;
  }

  /** The slot of `key` (hashed `h`) or -1: valid until the map next changes. */
  slotOf(key: string, h: number): number {
    return this.find(key, h);
  }

  /** True when `slot` is live and holds `key` (without making a string of the stored key). */
  slotHolds(slot: number, key: string): boolean {
    if (slot < 0 || slot >= this.top) return false;
    const o = slot * WORDS;
    const len = this.words[o + W_LEN];
    return len === key.length
      ? inlineEquals(this.words, o + W_KEY, key, len)
      : len === STRING_KEY && this.stringKeys![slot] === key;
  }

  /** Replaces the value in a live slot (from {@link StrMap.slotOf}). */
  setSlotValue(slot: number, value: V): void {
    this.slotValues[slot] = value;
  }

  /** Keeps a stamp per entry from now on (all unset), or drops them. */
  trackStamps(on: boolean): void {
    if (!on) this.stamps = null;
    else if (this.stamps === null) {
      this.stamps = this.heads === EMPTY_HEADS
        ? EMPTY_STAMPS
        : new Int32Array(this.mask + 1).fill(-1);
    }
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
    const e = this.find(key, h);
    if (e < 0) return false;
    this.unlink(e, h);
    return true;
  }

  /** Deletes the entry in live slot `e` (from {@link StrMap.randomSlot}, {@link StrMap.slotOf}…). */
  deleteSlot(e: number): void {
    this.unlink(e, this.words[e * WORDS + W_HASH]);
  }

  /** Removes live slot `e`, whose hash is `h`, from its chain and frees it. */
  private unlink(e: number, h: number): void {
    const words = this.words;
    const next = words[e * WORDS + W_LINK];
    const b = h & this.mask;
    let p = this.heads[b];
    if (p === e) this.heads[b] = next;
    else {
      while (words[p * WORDS + W_LINK] !== e) p = words[p * WORDS + W_LINK];
      words[p * WORDS + W_LINK] = next;
    }
    if (words[e * WORDS + W_LEN] === STRING_KEY) this.stringKeys![e] = undefined;
    words[e * WORDS + W_LEN] = FREE;
    this.slotValues[e] = undefined;
    this.count--;
    // Shrink as Redis does when a table is mostly empty, so memory follows the data.
    const cap = this.mask + 1;
    if (cap > MIN_CAPACITY && this.count * 8 < cap) this.rehash(cap / 2);
  }

  clear(): void {
    const old = this.gen;
    this.gen = new StrMapGeneration();
    old.next = this.gen;
    this.unallocate();
    this.top = 0;
    this.count = 0;
  }

  /**
   * Empty, on shared tables that are never written: the first insert
   * allocates. A server has 16 databases of two maps each, mostly never
   * used; allocating their typed arrays took ~0.15 ms of a start on Deno
   * (~1 µs each there).
   */
  private unallocate(): void {
    this.mask = 0;
    this.heads = EMPTY_HEADS;
    this.words = EMPTY_WORDS;
    this.stringKeys = null;
    this.slotValues = EMPTY_VALUES as (V | undefined)[];
    if (this.stamps !== null) this.stamps = EMPTY_STAMPS;
  }

  private allocate(cap: number): void {
    this.mask = cap - 1;
    this.heads = new Int32Array(cap).fill(-1);
    this.words = new Int32Array(cap * WORDS);
    this.stringKeys = null;
    this.slotValues = new Array(cap).fill(undefined);
    if (this.stamps !== null) this.stamps = new Int32Array(cap).fill(-1);
  }

  /** Moves the live entries, in order, into tables of `cap` slots. */
  private rehash(cap: number): void {
    while (cap > MIN_CAPACITY && cap / 2 >= this.count * 2) cap /= 2;
    const oldWords = this.words;
    const oldStringKeys = this.stringKeys;
    const oldValues = this.slotValues;
    const oldStamps = this.stamps;
    const oldTop = this.top;
    const removed = new Int32Array(oldTop - this.count);
    this.allocate(cap);
    const heads = this.heads;
    const words = this.words;
    const values = this.slotValues;
    const stamps = this.stamps;
    const mask = this.mask;
    let stringKeys: (string | undefined)[] | null = null;
    let j = 0;
    let r = 0;
    for (let i = 0; i < oldTop; i++) {
      const from = i * WORDS;
      const len = oldWords[from + W_LEN];
      if (len === FREE) {
        removed[r++] = i;
        continue;
      }
      const to = j * WORDS;
      const h = oldWords[from];
      words[to] = h;
      words[to + W_LEN] = len;
      for (let w = W_KEY; w < WORDS; w++) words[to + w] = oldWords[from + w];
      if (len === STRING_KEY) {
        (stringKeys ??= new Array(cap).fill(undefined))[j] = oldStringKeys![i];
      }
      values[j] = oldValues[i];
      if (stamps !== null) stamps[j] = oldStamps![i];
      const b = h & mask;
      words[to + W_LINK] = heads[b];
      heads[b] = j;
      j++;
    }
    this.stringKeys = stringKeys;
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
      fn(this.slotValues[e] as V, this.slotKey(e) as string, this);
    }
  }

  /** A position in the iteration order that survives changes (see {@link StrMapCursor}). */
  cursor(): StrMapCursor<V> {
    return new StrMapCursor(this, this.gen);
  }

  /** @internal True when slot `pos` is below the top and holds an entry. */
  slotLive(pos: number): boolean {
    return pos < this.top && this.words[pos * WORDS + W_LEN] !== FREE;
  }

  /**
   * @internal The key in slot `pos` if live and below the top, else
   * undefined. An inline key comes back as a new string each time.
   */
  slotKey(pos: number): string | undefined {
    if (pos >= this.top) return undefined;
    const o = pos * WORDS;
    const len = this.words[o + W_LEN];
    if (len === FREE) return undefined;
    if (len === STRING_KEY) return this.stringKeys![pos];
    const words = this.words;
    for (let i = 0; i < len; i++) keyBytes[i] = words[o + W_KEY + (i >> 2)] >>> ((i & 3) << 3);
    return decodeChunked(keyBytes, 0, len);
  }

  /** The keys, in slot order, as a new array (for commands that visit them all). */
  liveKeys(): string[] {
    const out = new Array<string>(this.count);
    let i = 0;
    for (let e = 0; e < this.top; e++) if (this.slotLive(e)) out[i++] = this.slotKey(e)!;
    return out;
  }

  /** The values, in the order of {@link StrMap.liveKeys}, as a new array. */
  liveValues(): V[] {
    const out = new Array<V>(this.count);
    let i = 0;
    for (let e = 0; e < this.top; e++) if (this.slotLive(e)) out[i++] = this.slotValues[e] as V;
    return out;
  }

  /** The live slots, in order, as a new array. */
  liveSlots(): number[] {
    const out: number[] = [];
    for (let e = 0; e < this.top; e++) if (this.slotLive(e)) out.push(e);
    return out;
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

  /**
   * A uniformly random live slot, or -1 when empty (SPOP, SRANDMEMBER,
   * HRANDFIELD). When deletions have left more holes than entries below the
   * top, it first compacts the slots (which only ever moves entries to lower
   * slots, so slot-order scans keep their guarantee), so that a pick takes
   * fewer than two tries on average.
   */
  randomSlot(random: () => number = Math.random): number {
    if (this.count === 0) return -1;
    if (this.count * 2 < this.top) this.rehash(this.mask + 1);
    const words = this.words;
    const top = this.top;
    for (let tries = 0; tries < 64; tries++) {
      const e = Math.floor(random() * top);
      if (words[e * WORDS + W_LEN] !== FREE) return e;
    }
    // Only a broken random source gets here: take the next live slot.
    for (let e = Math.floor(random() * top) % top;; e = (e + 1) % top) {
      if (words[e * WORDS + W_LEN] !== FREE) return e;
    }
  }

  /** The key of a uniformly random entry ({@link StrMap.randomSlot}), or undefined when empty. */
  randomKey(random: () => number = Math.random): string | undefined {
    const e = this.randomSlot(random);
    return e < 0 ? undefined : this.slotKey(e);
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
      if (map.slotLive(e)) return e;
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
