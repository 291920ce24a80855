/**
 * The set type, with Redis 7.0's two encodings:
 *
 * - `intset`: every member is a 64-bit integer in canonical form; kept as a
 *   sorted array of the decimal strings (ordered numerically), so members come
 *   back in ascending order as from a Redis intset. Lookups are binary
 *   searches; inserts and removals shift, bounded by set-max-intset-entries.
 * - `hashtable`: members in a {@link StrMap} (a plain array up to a few
 *   members): O(1) average add, remove, lookup, and uniform random member
 *   (SPOP, SRANDMEMBER: a random live slot).
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
 * move an element to a lower slot (the last element into the hole, a
 * listpack-style gap closing, a {@link StrMap} compacting its slots) or
 * leave a hole, and additions go to the end. So an element
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

/**
 * {@link scanDescending} over the slots of `table`, emitting only the live
 * ones (a StrMap leaves holes where entries were deleted, until it
 * compacts).
 */
export function scanLiveSlots(
  table: StrMap<unknown>,
  cursor: number,
  count: number,
  emit: (slot: number) => void,
): number {
  return scanDescending(table.slotTop, cursor, count, (slot) => {
    if (table.slotLive(slot)) emit(slot);
  });
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
 * Up to this many members a hashtable-encoded set keeps them in a plain
 * array: a linear scan is as fast for a few members and saves most of a small
 * set's memory.
 */
const TABLE_MIN = 16;

/**
 * A set value.
 *
 * Members live in one of two places. An intset, and a hashtable-encoded set
 * of up to {@link TABLE_MIN} members, keep them in an array (sorted
 * numerically for an intset, in slot order otherwise). A larger set keeps
 * them only in a {@link StrMap} (a member of up to 20 bytes is then stored as
 * bytes in its slot, not as a string): one lookup per add, remove or test,
 * and a random member is a random live slot. Slots are what
 * {@link SetValue.randomSlot}, {@link SetValue.memberAt},
 * {@link SetValue.removeSlot} and {@link SetValue.scan} speak of.
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
  /** Members while no {@link SetValue.table}: sorted numerically while intset, else in slot order. */
  private list: string[] = [];
  private intEncoded = true;
  /** The members of a hashtable set past {@link TABLE_MIN} members (then `list` is empty). */
  private table: StrMap<true> | undefined;

  /** The member index, if any (see CollectionValue.memberIndex). */
  memberIndex(): StrMap<unknown> | undefined {
    return this.table;
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
    s.list = this.list.slice();
    s.intEncoded = this.intEncoded;
    if (this.table) s.table = new StrMap(this.table);
    return s;
  }

  /** Number of members. */
  get size(): number {
    return this.table === undefined ? this.list.length : this.table.size;
  }

  /**
   * The members as an array: an intset's in numeric order. For a large set
   * it is made on each call (O(n)), for commands that visit every member.
   * Callers must not change it.
   */
  get members(): string[] {
    return this.table === undefined ? this.list : this.table.liveKeys();
  }

  /** Slot of `member` in the sorted intset array, or -(insertion point) - 1. */
  private search(member: string): number {
    const m = this.list;
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

  private buildTable(): void {
    const table = new StrMap<true>();
    const m = this.list;
    for (let i = 0; i < m.length; i++) table.set(m[i], true);
    this.table = table;
    this.list = [];
  }

  /** Switches to the hashtable encoding (one way). */
  private convert(): void {
    this.intEncoded = false;
    if (this.list.length > TABLE_MIN) this.buildTable();
  }

  /** True when `member` is in the set. */
  has(member: string): boolean {
    if (!this.intEncoded) {
      return this.table !== undefined ? this.table.has(member) : this.list.indexOf(member) >= 0;
    }
    if (!isInt64String(member)) return false;
    return this.search(member) >= 0;
  }

  /** Adds `member`; returns true when it was not there (Redis's setTypeAdd). */
  add(member: string, limits: EncodingLimits): boolean {
    if (!this.intEncoded) {
      const table = this.table;
      if (table !== undefined) {
        const before = table.size;
        table.set(member, true);
        return table.size !== before;
      }
      const list = this.list;
      if (list.indexOf(member) >= 0) return false;
      list.push(member);
      if (list.length > TABLE_MIN) this.buildTable();
      return true;
    }
    if (!isInt64String(member)) {
      this.convert();
      return this.add(member, limits);
    }
    const at = this.search(member);
    if (at >= 0) return false;
    this.list.splice(-at - 1, 0, member);
    let max = limits.setMaxIntsetEntries;
    if (max >= INTSET_HARD_LIMIT) max = INTSET_HARD_LIMIT;
    if (this.list.length > max) this.convert();
    return true;
  }

  /** Removes `member`; returns whether it was there. */
  remove(member: string): boolean {
    if (!this.intEncoded) {
      if (this.table !== undefined) return this.table.delete(member);
      const i = this.list.indexOf(member);
      if (i < 0) return false;
      this.removeSlot(i);
      return true;
    }
    if (!isInt64String(member)) return false;
    const at = this.search(member);
    if (at < 0) return false;
    this.list.splice(at, 1);
    return true;
  }

  /** The member in live slot `slot`. */
  memberAt(slot: number): string {
    return this.table === undefined ? this.list[slot] : this.table.slotKey(slot)!;
  }

  /** Removes the member in live slot `slot`. */
  removeSlot(slot: number): void {
    const table = this.table;
    if (table !== undefined) return table.deleteSlot(slot);
    const m = this.list;
    if (this.intEncoded) {
      m.splice(slot, 1);
      return;
    }
    const last = m.length - 1;
    if (slot !== last) m[slot] = m[last];
    m.pop();
  }

  /** A uniformly random live slot (the set must not be empty). */
  randomSlot(): number {
    return this.table === undefined ? randomIndex(this.list.length) : this.table.randomSlot();
  }

  /** Every live slot, in slot order. */
  liveSlots(): number[] {
    const table = this.table;
    return table === undefined ? this.list.map((_, i) => i) : table.liveSlots();
  }

  /**
   * One SSCAN step over a hashtable-encoded set (see {@link scanDescending}),
   * calling `emit` with each live slot visited.
   */
  scan(cursor: number, count: number, emit: (slot: number) => void): number {
    const table = this.table;
    if (table === undefined) return scanDescending(this.list.length, cursor, count, emit);
    return scanLiveSlots(table, cursor, count, emit);
  }
}
