/**
 * The hash type: fields and values in dense parallel arrays with a Map from
 * field to slot. That gives O(1) average HGET/HSET/HDEL, O(1) uniform random
 * fields (HRANDFIELD) and stateless scan cursors (see {@link HashValue.scan}).
 *
 * While the hash is small ("listpack" as Redis names it) deletions keep the
 * insertion order, as a listpack does; once converted to "hashtable" (one
 * way, with Redis's thresholds) a deletion moves the last entry into the
 * hole, which is O(1) and, like a dict, leaves the order arbitrary.
 *
 * @module
 */
import type { CollectionValue, EncodingLimits } from "../value.ts";
import { randomIndex, scanDescending } from "./set.ts";

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
  private slots: Map<string, number> = new Map();
  /** Fields by slot (dense). */
  fields: string[] = [];
  /** Values by slot (dense, parallel to {@link HashValue.fields}). */
  values: string[] = [];
  /** True once converted to the hashtable encoding (never goes back). */
  hashtable = false;

  encoding(): string {
    return this.hashtable ? "hashtable" : "listpack";
  }

  clone(): HashValue {
    const h = new HashValue();
    h.slots = new Map(this.slots);
    h.fields = this.fields.slice();
    h.values = this.values.slice();
    h.hashtable = this.hashtable;
    return h;
  }

  /** Number of fields. */
  get size(): number {
    return this.fields.length;
  }

  /** Value of `field`, or undefined. */
  get(field: string): string | undefined {
    const i = this.slots.get(field);
    return i === undefined ? undefined : this.values[i];
  }

  /** True when `field` exists. */
  has(field: string): boolean {
    return this.slots.has(field);
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
    const i = this.slots.get(field);
    if (i !== undefined) {
      this.values[i] = value;
      return false;
    }
    this.slots.set(field, this.fields.length);
    this.fields.push(field);
    this.values.push(value);
    if (!this.hashtable && this.fields.length > limits.hashMaxListpackEntries) {
      this.hashtable = true;
    }
    return true;
  }

  /** Removes `field`; returns whether it existed. */
  delete(field: string): boolean {
    const i = this.slots.get(field);
    if (i === undefined) return false;
    this.slots.delete(field);
    const fields = this.fields;
    const values = this.values;
    const last = fields.length - 1;
    if (!this.hashtable) {
      // Listpack order: close the gap, re-indexing the (few) entries after it.
      for (let k = i; k < last; k++) {
        const f = fields[k + 1];
        fields[k] = f;
        values[k] = values[k + 1];
        this.slots.set(f, k);
      }
    } else if (i !== last) {
      const f = fields[last];
      fields[i] = f;
      values[i] = values[last];
      this.slots.set(f, i);
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
