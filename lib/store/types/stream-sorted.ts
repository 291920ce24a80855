/**
 * An ordered map with string keys compared by code units (the byte order of
 * Redis's rax for binary strings, and ID order for {@link StreamId.key}
 * keys): sorted chunks of up to 64 keys, so lookups, inserts and deletes
 * are O(log n) plus a short in-chunk move, appends in order are O(1), and
 * iteration walks chunks in order.
 *
 * Positions (see {@link SortedMap.seek}) pack a chunk index and an index in
 * it; they are valid until the next change.
 *
 * @module
 */

const CHUNK = 64;
const SHIFT = 256;

interface Chunk<V> {
  keys: string[];
  vals: V[];
}

/** The ordered map. */
export class SortedMap<V> {
  private chunks: Chunk<V>[] = [];
  /** Number of entries. */
  size = 0;

  /** Index of the chunk that holds or would hold `k`. */
  private chunkFor(k: string): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid].keys[0] <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Index of the first key >= k in `keys`. */
  private static lower(keys: string[], k: string): number {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(k: string): V | undefined {
    if (this.size === 0) return undefined;
    const ch = this.chunks[this.chunkFor(k)];
    const i = SortedMap.lower(ch.keys, k);
    return i < ch.keys.length && ch.keys[i] === k ? ch.vals[i] : undefined;
  }

  has(k: string): boolean {
    return this.get(k) !== undefined;
  }

  /** Inserts `k` when absent (raxTryInsert); returns false, changing nothing, when present. */
  insert(k: string, v: V): boolean {
    const chunks = this.chunks;
    if (chunks.length === 0) {
      chunks.push({ keys: [k], vals: [v] });
      this.size = 1;
      return true;
    }
    const last = chunks[chunks.length - 1];
    if (last.keys[last.keys.length - 1] < k) {
      // Appending in order: fill chunks up instead of splitting them.
      if (last.keys.length < CHUNK) {
        last.keys.push(k);
        last.vals.push(v);
      } else chunks.push({ keys: [k], vals: [v] });
      this.size++;
      return true;
    }
    const ci = this.chunkFor(k);
    const ch = chunks[ci];
    const i = SortedMap.lower(ch.keys, k);
    if (i < ch.keys.length && ch.keys[i] === k) return false;
    ch.keys.splice(i, 0, k);
    ch.vals.splice(i, 0, v);
    if (ch.keys.length > CHUNK) {
      const half = ch.keys.length >> 1;
      chunks.splice(ci + 1, 0, { keys: ch.keys.splice(half), vals: ch.vals.splice(half) });
    }
    this.size++;
    return true;
  }

  /** Sets `k` to `v`, inserting or replacing. */
  set(k: string, v: V): void {
    if (this.insert(k, v)) return;
    const ch = this.chunks[this.chunkFor(k)];
    ch.vals[SortedMap.lower(ch.keys, k)] = v;
  }

  /** Removes `k`; returns its value, or undefined when absent. */
  delete(k: string): V | undefined {
    if (this.size === 0) return undefined;
    const ci = this.chunkFor(k);
    const ch = this.chunks[ci];
    const i = SortedMap.lower(ch.keys, k);
    if (i >= ch.keys.length || ch.keys[i] !== k) return undefined;
    const v = ch.vals[i];
    const keys = ch.keys;
    const vals = ch.vals;
    if (keys.length === 1) this.chunks.splice(ci, 1);
    else if (i === 0) {
      // Acknowledging the oldest entry is the common case.
      keys.shift();
      vals.shift();
    } else {
      // In place: splice would allocate the array of removed items.
      const last = keys.length - 1;
      for (let j = i; j < last; j++) {
        keys[j] = keys[j + 1];
        vals[j] = vals[j + 1];
      }
      keys.pop();
      vals.pop();
    }
    this.size--;
    return v;
  }

  /** Smallest key, or undefined. */
  firstKey(): string | undefined {
    return this.size === 0 ? undefined : this.chunks[0].keys[0];
  }

  /** Greatest key, or undefined. */
  lastKey(): string | undefined {
    if (this.size === 0) return undefined;
    const keys = this.chunks[this.chunks.length - 1].keys;
    return keys[keys.length - 1];
  }

  /** Position of the first key >= `k` (> `k` when `exclusive`), or -1; the first entry when `k` is undefined. */
  seek(k: string | undefined, exclusive = false): number {
    if (this.size === 0) return -1;
    if (k === undefined) return 0;
    let ci = this.chunkFor(k);
    const ch = this.chunks[ci];
    let i = SortedMap.lower(ch.keys, k);
    if (exclusive && i < ch.keys.length && ch.keys[i] === k) i++;
    if (i >= ch.keys.length) {
      ci++;
      i = 0;
      if (ci >= this.chunks.length) return -1;
    }
    return ci * SHIFT + i;
  }

  /** The position after `pos`, or -1. */
  next(pos: number): number {
    const ci = Math.floor(pos / SHIFT);
    const i = pos - ci * SHIFT + 1;
    if (i < this.chunks[ci].keys.length) return pos + 1;
    return ci + 1 < this.chunks.length ? (ci + 1) * SHIFT : -1;
  }

  keyAt(pos: number): string {
    const ci = Math.floor(pos / SHIFT);
    return this.chunks[ci].keys[pos - ci * SHIFT];
  }

  valueAt(pos: number): V {
    const ci = Math.floor(pos / SHIFT);
    return this.chunks[ci].vals[pos - ci * SHIFT];
  }

  /** Calls `fn` for every entry in key order until it returns false. */
  forEach(fn: (key: string, value: V) => boolean | void): void {
    for (const ch of this.chunks) {
      const keys = ch.keys;
      const vals = ch.vals;
      for (let i = 0; i < keys.length; i++) if (fn(keys[i], vals[i]) === false) return;
    }
  }

  /** The values in key order. */
  values(): V[] {
    const out: V[] = [];
    for (const ch of this.chunks) for (const v of ch.vals) out.push(v);
    return out;
  }

  /** The keys in order. */
  keys(): string[] {
    const out: string[] = [];
    for (const ch of this.chunks) for (const k of ch.keys) out.push(k);
    return out;
  }
}
