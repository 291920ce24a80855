/**
 * The hash type: fields and values in a {@link StrMap} (parallel arrays
 * while there are few). That gives O(1) average HGET/HSET/HDEL, O(1)
 * uniform random fields (HRANDFIELD) and stateless scan cursors (see
 * {@link HashValue.scan}).
 *
 * While the hash is small ("listpack" as Redis names it) deletions keep the
 * insertion order, as a listpack does; once converted to "hashtable" (one
 * way, with Redis's thresholds) order is a dict's business: a small hash's
 * deletion moves the last entry into the hole, a large one's leaves a hole.
 *
 * @module
 */
import { StrMap } from "../str-map.ts";
import type { CollectionValue, EncodingLimits } from "../value.ts";
import { randomIndex, scanDescending, scanLiveSlots } from "./set.ts";

/**
 * Up to this many fields a hash keeps them in plain arrays: a linear scan of
 * a few fields is as fast and saves most of the memory of a small hash
 * (measured: a 10-field hash took 986 bytes with a Map, about 200 without).
 */
const TABLE_MIN = 16;

/**
 * A hash value.
 *
 * Up to {@link TABLE_MIN} fields live in two parallel arrays; a larger hash
 * keeps them only in a {@link StrMap} from field to value (a field of up to
 * 20 bytes is then stored as bytes in its slot): one lookup per command, and
 * a random field is a random live slot. Slots are what
 * {@link HashValue.randomSlot}, {@link HashValue.fieldAt},
 * {@link HashValue.valueAt} and {@link HashValue.scan} speak of. Both keep
 * insertion order until the hash is hashtable-encoded, as a listpack does.
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
  /** The fields of a hash past {@link TABLE_MIN} fields (then the arrays are empty). */
  private table: StrMap<string> | undefined;
  /** Fields by slot while there is no table. */
  private fieldList: string[] = [];
  /** Values by slot while there is no table (parallel to `fieldList`). */
  private valueList: string[] = [];
  /** True once converted to the hashtable encoding (never goes back). */
  hashtable = false;

  encoding(): string {
    return this.hashtable ? "hashtable" : "listpack";
  }

  /** The member index, if any (see CollectionValue.memberIndex). */
  memberIndex(): StrMap<unknown> | undefined {
    return this.table;
  }

  clone(): HashValue {
    const h = new HashValue();
    if (this.table) h.table = new StrMap(this.table);
    h.fieldList = this.fieldList.slice();
    h.valueList = this.valueList.slice();
    h.hashtable = this.hashtable;
    return h;
  }

  /** Number of fields. */
  get size(): number {
    return this.table === undefined ? this.fieldList.length : this.table.size;
  }

  /**
   * The fields in slot order; made on each call (O(n)) for a large hash, for
   * commands that visit every field. Callers must not change it.
   */
  get fields(): string[] {
    return this.table === undefined ? this.fieldList : this.table.liveKeys();
  }

  /** The values, in the order of {@link HashValue.fields}; as that, made on each call for a large hash. */
  get values(): string[] {
    return this.table === undefined ? this.valueList : this.table.liveValues();
  }

  /** Calls `fn` with each field and its value, in slot order. `fn` must not change the hash. */
  forEach(fn: (field: string, value: string) => void): void {
    const table = this.table;
    if (table === undefined) {
      const fields = this.fieldList;
      const values = this.valueList;
      for (let i = 0; i < fields.length; i++) fn(fields[i], values[i]);
      return;
    }
    for (let e = 0, top = table.slotTop; e < top; e++) {
      if (table.slotLive(e)) fn(table.slotKey(e)!, table.slotValue(e));
    }
  }

  /** Value of `field`, or undefined. */
  get(field: string): string | undefined {
    const table = this.table;
    if (table !== undefined) return table.get(field);
    const i = this.fieldList.indexOf(field);
    return i < 0 ? undefined : this.valueList[i];
  }

  /** True when `field` exists. */
  has(field: string): boolean {
    const table = this.table;
    return table !== undefined ? table.has(field) : this.fieldList.indexOf(field) >= 0;
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
    let added: boolean;
    const table = this.table;
    if (table !== undefined) {
      const before = table.size;
      table.set(field, value);
      added = table.size !== before;
    } else {
      const i = this.fieldList.indexOf(field);
      if (i >= 0) {
        this.valueList[i] = value;
        return false;
      }
      this.fieldList.push(field);
      this.valueList.push(value);
      if (this.fieldList.length > TABLE_MIN) this.buildTable();
      added = true;
    }
    if (added && !this.hashtable && this.size > limits.hashMaxListpackEntries) {
      this.hashtable = true;
    }
    return added;
  }

  private buildTable(): void {
    const table = new StrMap<string>();
    const fields = this.fieldList;
    const values = this.valueList;
    for (let i = 0; i < fields.length; i++) table.set(fields[i], values[i]);
    this.table = table;
    this.fieldList = [];
    this.valueList = [];
  }

  /** Removes `field`; returns whether it existed. */
  delete(field: string): boolean {
    const table = this.table;
    if (table !== undefined) return table.delete(field);
    const fields = this.fieldList;
    const values = this.valueList;
    const i = fields.indexOf(field);
    if (i < 0) return false;
    const last = fields.length - 1;
    if (!this.hashtable) {
      // Listpack order: close the gap.
      for (let k = i; k < last; k++) {
        fields[k] = fields[k + 1];
        values[k] = values[k + 1];
      }
    } else if (i !== last) {
      fields[i] = fields[last];
      values[i] = values[last];
    }
    fields.pop();
    values.pop();
    return true;
  }

  /** The field in live slot `slot`. */
  fieldAt(slot: number): string {
    return this.table === undefined ? this.fieldList[slot] : this.table.slotKey(slot)!;
  }

  /** The value in live slot `slot`. */
  valueAt(slot: number): string {
    return this.table === undefined ? this.valueList[slot] : this.table.slotValue(slot);
  }

  /** A uniformly random live slot (the hash must not be empty). */
  randomSlot(): number {
    const table = this.table;
    return table === undefined ? randomIndex(this.fieldList.length) : table.randomSlot();
  }

  /** Every live slot, in slot order. */
  liveSlots(): number[] {
    const table = this.table;
    return table === undefined ? this.fieldList.map((_, i) => i) : table.liveSlots();
  }

  /**
   * One step of HSCAN over a hashtable-encoded hash: see
   * {@link scanDescending}. Calls `emit` with each live slot visited.
   */
  scan(cursor: number, count: number, emit: (slot: number) => void): number {
    const table = this.table;
    if (table === undefined) return scanDescending(this.fieldList.length, cursor, count, emit);
    return scanLiveSlots(table, cursor, count, emit);
  }
}
