/**
 * The set type, with Redis 7.0's two encodings:
 *
 * - `intset`: every member is a 64-bit integer in canonical form; kept as a
 *   sorted array of the decimal strings (ordered numerically), so members come
 *   back in ascending order as from a Redis intset. Lookups are binary
 *   searches; inserts and removals shift, bounded by set-max-intset-entries.
 * - `hashtable`: members in a dense array with a Map from member to slot
 *   (past a few members): O(1) average add, remove (the last member moves
 *   into the hole), lookup, and uniform random member (SPOP, SRANDMEMBER).
 *
 * Conversion is one way, at Redis's thresholds. Both encodings support
 * stateless scan cursors ({@link scanDescending}).
 *
 * @module
 */
import { StrMap } from "../str-map.ts";
import type { CollectionValue, EncodingLimits } from "../value.ts";

/** Redis caps intsets at 1G entries whatever set-max-intset-entries says. */
const INTSET_HARD_LIMIT = 1 << 30;

/** A uniformly random integer in [0, n). */
export function randomIndex(n: number): number {
  return Math.floor(Math.random() * n);
}

/**
 * One step of a scan over a dense array of `length` slots, from the last
 * slot towards the first. `cursor` 0 starts at the end; otherwise slots
 * below `cursor` are still to visit. Returns the next cursor (0 when done).
 *
 * Why this gives SCAN's guarantee without keeping state: removals only ever
 * move an element to a lower slot (the last element into the hole, or a
 * listpack-style gap closing), and additions go to the end. So an element
 * that is present for the whole iteration and not yet visited stays below
 * the cursor until it is visited. Elements may repeat after removals, which
 * SCAN allows.
 */
export function scanDescending(
  length: number,
  cursor: number,
  count: number,
  emit: (slot: number) => void,
): number {
  const end = cursor === 0 || cursor > length ? length : cursor;
  const start = end > count ? end - count : 0;
  for (let i = end - 1; i >= start; i--) emit(i);
  return start;
}

/** True when `s` is a canonical signed 64-bit decimal (Redis's isSdsRepresentableAsLongLong). */
export function isInt64String(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  const neg = s.charCodeAt(0) === 45;
  const first = neg ? 1 : 0;
  const digits = n - first;
  if (digits === 0) return false;
  const lead = s.charCodeAt(first);
  if (lead === 48) return n === 1;
  for (let i = first; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (digits < 19) return true;
  if (digits > 19) return false;
  const digitsOnly = neg ? s.slice(1) : s;
  return digitsOnly <= (neg ? "9223372036854775808" : "9223372036854775807");
}

/** Numeric order of two canonical integer strings. */
function compareInt(a: string, b: string): number {
  const na = a.charCodeAt(0) === 45;
  const nb = b.charCodeAt(0) === 45;
  if (na !== nb) return na ? -1 : 1;
  if (a.length !== b.length) return (a.length < b.length) !== na ? -1 : 1;
  if (a === b) return 0;
  return (a < b) !== na ? -1 : 1;
}

/**
 * Up to this many members a hashtable-encoded set has no index Map: a linear
 * scan is as fast for a few members and saves most of a small set's memory.
 */
const INDEX_MIN = 16;

/**
 * A set value.
 *
 * @example
 * ```ts
 * const s = SetValue.create("1");
 * s.add("1", limits);
 * s.add("2", limits);
 * s.has("2"); // true
 * s.encoding(); // "intset"
 * ```
 */
export class SetValue implements CollectionValue {
  readonly type = "set" as const;
  /** Members: sorted numerically while intset, dense in slot order once hashtable. */
  members: string[] = [];
  private intEncoded = true;
  /** Member to slot, for hashtable sets past {@link INDEX_MIN} members. */
  private slots: StrMap<number> | undefined;

  /** The member index, if any (see CollectionValue.memberIndex). */
  memberIndex(): StrMap<number> | undefined {
    return this.slots;
  }

  /** The empty set Redis's setTypeCreate would make to hold `first`. */
  static create(first: string): SetValue {
    const s = new SetValue();
    if (!isInt64String(first)) s.intEncoded = false;
    return s;
  }

  /** An empty set in the intset encoding (as Redis's createIntsetObject). */
  static intset(): SetValue {
    return new SetValue();
  }

  /** An empty set in the hashtable encoding. */
  static hashtable(): SetValue {
    const s = new SetValue();
    s.intEncoded = false;
    return s;
  }

  get isIntset(): boolean {
    return this.intEncoded;
  }

  encoding(): string {
    return this.intEncoded ? "intset" : "hashtable";
  }

  clone(): SetValue {
    const s = new SetValue();
    s.members = this.members.slice();
    s.intEncoded = this.intEncoded;
    if (this.slots) s.slots = new StrMap(this.slots);
    return s;
  }

  /** Number of members. */
  get size(): number {
    return this.members.length;
  }

  /** Slot of `member` in the sorted intset array, or -(insertion point) - 1. */
  private search(member: string): number {
    const m = this.members;
    let lo = 0;
    let hi = m.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareInt(m[mid], member);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  /** Slot of `member` in a hashtable set, or -1. */
  private find(member: string): number {
    const slots = this.slots;
    if (slots === undefined) return this.members.indexOf(member);
    const i = slots.get(member);
    return i === undefined ? -1 : i;
  }

  private buildIndex(): void {
    const slots = new StrMap<number>();
    const m = this.members;
    for (let i = 0; i < m.length; i++) slots.set(m[i], i);
    this.slots = slots;
  }

  /** Switches to the hashtable encoding (one way). */
  private convert(): void {
    this.intEncoded = false;
    if (this.members.length > INDEX_MIN) this.buildIndex();
  }

  /** True when `member` is in the set. */
  has(member: string): boolean {
    if (!this.intEncoded) return this.find(member) >= 0;
    if (!isInt64String(member)) return false;
    return this.search(member) >= 0;
  }

  /** Adds `member`; returns true when it was not there (Redis's setTypeAdd). */
  add(member: string, limits: EncodingLimits): boolean {
    if (!this.intEncoded) {
      if (this.find(member) >= 0) return false;
      const n = this.members.length;
      this.members.push(member);
      if (this.slots !== undefined) this.slots.set(member, n);
      else if (n >= INDEX_MIN) this.buildIndex();
      return true;
    }
    if (!isInt64String(member)) {
      this.convert();
      return this.add(member, limits);
    }
    const at = this.search(member);
    if (at >= 0) return false;
    this.members.splice(-at - 1, 0, member);
    let max = limits.setMaxIntsetEntries;
    if (max >= INTSET_HARD_LIMIT) max = INTSET_HARD_LIMIT;
    if (this.members.length > max) this.convert();
    return true;
  }

  /** Removes `member`; returns whether it was there. */
  remove(member: string): boolean {
    if (!this.intEncoded) {
      const i = this.find(member);
      if (i < 0) return false;
      this.removeSlot(i);
      return true;
    }
    if (!isInt64String(member)) return false;
    const at = this.search(member);
    if (at < 0) return false;
    this.members.splice(at, 1);
    return true;
  }

  /** Removes the member at slot `i` (in range). */
  removeSlot(i: number): void {
    const m = this.members;
    if (this.intEncoded) {
      m.splice(i, 1);
      return;
    }
    const slots = this.slots;
    slots?.delete(m[i]);
    const last = m.length - 1;
    if (i !== last) {
      const moved = m[last];
      m[i] = moved;
      slots?.set(moved, i);
    }
    m.pop();
  }

  /** A uniformly random slot (the set must not be empty). */
  randomSlot(): number {
    return randomIndex(this.members.length);
  }

  /** One SSCAN step over a hashtable-encoded set (see {@link scanDescending}). */
  scan(cursor: number, count: number, emit: (slot: number) => void): number {
    return scanDescending(this.members.length, cursor, count, emit);
  }
}
