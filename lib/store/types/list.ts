/**
 * The list type: a ring-buffer deque of binary strings. Pushes and pops at
 * either end are O(1) amortized and indexing is O(1); inserting or removing
 * in the middle shifts the shorter side, as a quicklist walk would cost.
 *
 * Redis 7.0 always reports lists as `quicklist` (listpack lists came in 7.2).
 *
 * @module
 */
import type { CollectionValue } from "../value.ts";

const MIN_CAPACITY = 8;

/** Which end of a list: Redis's LIST_HEAD / LIST_TAIL. */
export type ListEnd = "head" | "tail";

/**
 * A list value.
 *
 * @example
 * ```ts
 * const l = new ListValue();
 * l.pushTail("a");
 * l.pushHead("b");
 * l.at(0); // "b"
 * ```
 */
export class ListValue implements CollectionValue {
  readonly type = "list" as const;
  /** Slots; unused ones hold "" so the array stays packed and frees popped strings. */
  private buf: string[];
  private head = 0;
  private mask: number;
  /** Number of elements. */
  length = 0;

  constructor(capacity = MIN_CAPACITY) {
    let cap = MIN_CAPACITY;
    while (cap < capacity) cap *= 2;
    this.buf = new Array<string>(cap).fill("");
    this.mask = cap - 1;
  }

  /** Builds a list from elements in head-to-tail order. */
  static from(items: readonly string[]): ListValue {
    const l = new ListValue(items.length);
    for (let i = 0; i < items.length; i++) l.buf[i] = items[i];
    l.length = items.length;
    return l;
  }

  encoding(): string {
    return "quicklist";
  }

  clone(): ListValue {
    const l = new ListValue(this.length);
    for (let i = 0; i < this.length; i++) l.buf[i] = this.buf[(this.head + i) & this.mask];
    l.length = this.length;
    return l;
  }

  private resize(cap: number): void {
    const next = new Array<string>(cap).fill("");
    const buf = this.buf;
    const mask = this.mask;
    for (let i = 0; i < this.length; i++) next[i] = buf[(this.head + i) & mask];
    this.buf = next;
    this.head = 0;
    this.mask = cap - 1;
  }

  /** Shrinks the buffer when it is mostly empty, so memory follows the length. */
  private maybeShrink(): void {
    const cap = this.mask + 1;
    if (cap > MIN_CAPACITY && this.length < cap >>> 2) {
      let next = cap >>> 1;
      while (next > MIN_CAPACITY && this.length < next >>> 2) next >>>= 1;
      this.resize(next);
    }
  }

  /** Adds at the tail. */
  pushTail(s: string): void {
    if (this.length > this.mask) this.resize((this.mask + 1) * 2);
    this.buf[(this.head + this.length) & this.mask] = s;
    this.length++;
  }

  /** Adds at the head. */
  pushHead(s: string): void {
    if (this.length > this.mask) this.resize((this.mask + 1) * 2);
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = s;
    this.length++;
  }

  /** Adds at `where`. */
  push(s: string, where: ListEnd): void {
    if (where === "head") this.pushHead(s);
    else this.pushTail(s);
  }

  /** Removes and returns the head element (undefined when empty). */
  popHead(): string | undefined {
    if (this.length === 0) return undefined;
    const s = this.buf[this.head];
    this.buf[this.head] = "";
    this.head = (this.head + 1) & this.mask;
    this.length--;
    this.maybeShrink();
    return s;
  }

  /** Removes and returns the tail element (undefined when empty). */
  popTail(): string | undefined {
    if (this.length === 0) return undefined;
    const i = (this.head + this.length - 1) & this.mask;
    const s = this.buf[i];
    this.buf[i] = "";
    this.length--;
    this.maybeShrink();
    return s;
  }

  /** Removes and returns the element at `where`. */
  pop(where: ListEnd): string | undefined {
    return where === "head" ? this.popHead() : this.popTail();
  }

  /**
   * Normalizes a Redis index (negative counts from the tail); returns -1
   * when out of range.
   */
  index(i: number): number {
    if (i < 0) i += this.length;
    return i >= 0 && i < this.length ? i : -1;
  }

  /** Element at a 0-based position (no bounds check beyond returning undefined). */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.buf[(this.head + i) & this.mask];
  }

  /** Element at a 0-based position known to be in range. */
  get(i: number): string {
    return this.buf[(this.head + i) & this.mask];
  }

  /** Replaces the element at a 0-based position known to be in range. */
  set(i: number, s: string): void {
    this.buf[(this.head + i) & this.mask] = s;
  }

  /** Inserts `s` so that it ends up at position `i` (0..length), shifting the shorter side. */
  insertAt(i: number, s: string): void {
    if (i === 0) return this.pushHead(s);
    if (i === this.length) return this.pushTail(s);
    if (this.length > this.mask) this.resize((this.mask + 1) * 2);
    const buf = this.buf;
    const mask = this.mask;
    if (i < this.length >>> 1) {
      // Move the first i elements one slot towards the head.
      this.head = (this.head - 1) & mask;
      for (let k = 0; k < i; k++) {
        buf[(this.head + k) & mask] = buf[(this.head + k + 1) & mask];
      }
    } else {
      for (let k = this.length; k > i; k--) {
        buf[(this.head + k) & mask] = buf[(this.head + k - 1) & mask];
      }
    }
    buf[(this.head + i) & mask] = s;
    this.length++;
  }

  /** Removes the element at position `i` (in range), shifting the shorter side. */
  removeAt(i: number): void {
    const buf = this.buf;
    const mask = this.mask;
    if (i < this.length >>> 1) {
      for (let k = i; k > 0; k--) buf[(this.head + k) & mask] = buf[(this.head + k - 1) & mask];
      buf[this.head] = "";
      this.head = (this.head + 1) & mask;
    } else {
      for (let k = i; k < this.length - 1; k++) {
        buf[(this.head + k) & mask] = buf[(this.head + k + 1) & mask];
      }
      buf[(this.head + this.length - 1) & mask] = "";
    }
    this.length--;
    this.maybeShrink();
  }

  /** Removes `n` elements from the head (n <= length). */
  dropHead(n: number): void {
    const buf = this.buf;
    const mask = this.mask;
    for (let k = 0; k < n; k++) buf[(this.head + k) & mask] = "";
    this.head = (this.head + n) & mask;
    this.length -= n;
    this.maybeShrink();
  }

  /** Removes `n` elements from the tail (n <= length). */
  dropTail(n: number): void {
    const buf = this.buf;
    const mask = this.mask;
    for (let k = this.length - n; k < this.length; k++) buf[(this.head + k) & mask] = "";
    this.length -= n;
    this.maybeShrink();
  }

  /**
   * Removes up to `limit` elements equal to `s` (0: all), scanning from the
   * head, or from the tail when `fromTail`; one compaction pass, O(N).
   * Returns how many were removed.
   */
  removeMatching(s: string, limit: number, fromTail: boolean): number {
    const n = this.length;
    const buf = this.buf;
    const mask = this.mask;
    const head = this.head;
    let removed = 0;
    if (!fromTail) {
      let w = 0;
      for (let r = 0; r < n; r++) {
        const v = buf[(head + r) & mask];
        if (v === s && (limit === 0 || removed < limit)) {
          removed++;
          continue;
        }
        if (w !== r) buf[(head + w) & mask] = v;
        w++;
      }
      for (let k = w; k < n; k++) buf[(head + k) & mask] = "";
    } else {
      let w = n - 1;
      for (let r = n - 1; r >= 0; r--) {
        const v = buf[(head + r) & mask];
        if (v === s && (limit === 0 || removed < limit)) {
          removed++;
          continue;
        }
        if (w !== r) buf[(head + w) & mask] = v;
        w--;
      }
      for (let k = 0; k <= w; k++) buf[(head + k) & mask] = "";
      this.head = (head + removed) & mask;
    }
    this.length -= removed;
    if (removed) this.maybeShrink();
    return removed;
  }

  /** Position of the first element equal to `s`, or -1. */
  indexOf(s: string): number {
    for (let i = 0; i < this.length; i++) {
      if (this.buf[(this.head + i) & this.mask] === s) return i;
    }
    return -1;
  }

  /** Elements in head-to-tail order (a copy). */
  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.buf[(this.head + i) & this.mask];
    return out;
  }
}
