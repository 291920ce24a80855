/**
 * The hash type: fields and values in dense parallel arrays with a Map from
 * field to slot (past a few fields). That gives O(1) average HGET/HSET/HDEL,
 * O(1) uniform random fields (HRANDFIELD) and stateless scan cursors (see
 * {@link HashValue.scan}).
 *
 * While the hash is small ("listpack" as Redis names it) deletions keep the
 * insertion order, as a listpack does; once converted to "hashtable" (one
 * way, with Redis's thresholds) a deletion moves the last entry into the
 * hole, which is O(1) and, like a dict, leaves the order arbitrary.
 *
 * @module
 */
import { StrMap } from "../str-map.ts";
import type { CollectionValue, EncodingLimits } from "../value.ts";
import { randomIndex, scanDescending } from "./set.ts";

/**
 * Up to this many fields a hash has no index Map: a linear scan of a few
 * fields is as fast and saves most of the memory of a small hash (measured:
 * a 10-field hash took 986 bytes with a Map, about 200 without).
 */
const INDEX_MIN = 16;

/**
 * A hash value.
 *
 * @example
 * ```ts
 * const h = new HashValue();
 * h.set("f", "v", limits);
 * h.get("f"); // "v"
 * ```
 */
export class HashValue implements CollectionValue {
  readonly type = "hash" as const;
  /** Field to slot, once the hash has more than {@link INDEX_MIN} fields. */
  private slots: StrMap<number> | undefined;
  /** Fields by slot (dense). */
  fields: string[] = [];
  /** Values by slot (dense, parallel to {@link HashValue.fields}). */
  values: string[] = [];
  /** True once converted to the hashtable encoding (never goes back). */
  hashtable = false;

  encoding(): string {
    return this.hashtable ? "hashtable" : "listpack";
  }

  /** The member index, if any (see CollectionValue.memberIndex). */
  memberIndex(): StrMap<number> | undefined {
    return this.slots;
  }

  clone(): HashValue {
    const h = new HashValue();
    if (this.slots) h.slots = new StrMap(this.slots);
    h.fields = this.fields.slice();
    h.values = this.values.slice();
    h.hashtable = this.hashtable;
    return h;
  }

  /** Number of fields. */
  get size(): number {
    return this.fields.length;
  }

  /** Slot of `field`, or -1. */
  private find(field: string): number {
    const slots = this.slots;
    if (slots !== undefined) {
      const i = slots.get(field);
      return i === undefined ? -1 : i;
    }
    return this.fields.indexOf(field);
  }

  /** Value of `field`, or undefined. */
  get(field: string): string | undefined {
    const i = this.find(field);
    return i < 0 ? undefined : this.values[i];
  }

  /** True when `field` exists. */
  has(field: string): boolean {
    return this.find(field) >= 0;
  }

  /**
   * Sets `field` to `value`; returns true when the field is new. Converts to
   * hashtable as Redis's hashTypeSet does: before, when the field or value is
   * longer than hash-max-listpack-value; after, past hash-max-listpack-entries.
   */
  set(field: string, value: string, limits: EncodingLimits): boolean {
    if (
      !this.hashtable &&
      (field.length > limits.hashMaxListpackValue || value.length > limits.hashMaxListpackValue)
    ) this.hashtable = true;
    const i = this.find(field);
    if (i >= 0) {
      this.values[i] = value;
      return false;
    }
    const n = this.fields.length;
    this.fields.push(field);
    this.values.push(value);
    if (this.slots !== undefined) this.slots.set(field, n);
    else if (n >= INDEX_MIN) this.buildIndex();
    if (!this.hashtable && n + 1 > limits.hashMaxListpackEntries) this.hashtable = true;
    return true;
  }

  private buildIndex(): void {
    const slots = new StrMap<number>();
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) slots.set(fields[i], i);
    this.slots = slots;
  }

  /** Removes `field`; returns whether it existed. */
  delete(field: string): boolean {
    const i = this.find(field);
    if (i < 0) return false;
    const slots = this.slots;
    slots?.delete(field);
    const fields = this.fields;
    const values = this.values;
    const last = fields.length - 1;
    if (!this.hashtable) {
      // Listpack order: close the gap, re-indexing the (few) entries after it.
      for (let k = i; k < last; k++) {
        const f = fields[k + 1];
        fields[k] = f;
        values[k] = values[k + 1];
        slots?.set(f, k);
      }
    } else if (i !== last) {
      const f = fields[last];
      fields[i] = f;
      values[i] = values[last];
      slots?.set(f, i);
    }
    fields.pop();
    values.pop();
    return true;
  }

  /** A uniformly random slot (the hash must not be empty). */
  randomSlot(): number {
    return randomIndex(this.fields.length);
  }

  /**
   * One step of HSCAN over a hashtable-encoded hash: see
   * {@link scanDescending}. Calls `emit` with each slot visited.
   */
  scan(cursor: number, count: number, emit: (slot: number) => void): number {
    return scanDescending(this.fields.length, cursor, count, emit);
  }
}
