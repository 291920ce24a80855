/**
 * Intsets as Redis 7.0's intset.c lays them out: encoding (2, 4 or 8 bytes
 * per value) and length as little-endian uint32, then the values sorted
 * ascending, little endian.
 *
 * Redis widens an intset when a value needs it and never narrows it again,
 * so a set that once held a wide value and lost it keeps the wide encoding
 * there; the values alone cannot tell, and this writes the narrowest
 * encoding that fits the members (the same set, a few bytes smaller).
 *
 * @module
 */
import { ByteWriter } from "./bytes.ts";
import { toInt64 } from "../../store/int64.ts";

/**
 * The intset of `members`: canonical integer strings in ascending numeric
 * order (as an intset-encoded {@link SetValue} keeps them).
 *
 * @example
 * ```ts
 * encodeIntset(["1", "2"]); // 02 00 00 00 | 02 00 00 00 | 01 00 | 02 00
 * ```
 */
export function encodeIntset(members: readonly string[]): Uint8Array {
  const values: (number | bigint)[] = new Array(members.length);
  let width = 2;
  for (let i = 0; i < members.length; i++) {
    const v = toInt64(members[i]);
    if (v === undefined) throw new Error("intset member is not an integer: " + members[i]);
    values[i] = v;
    if (typeof v === "bigint" || v < -2147483648 || v > 2147483647) width = 8;
    else if (width < 4 && (v < -32768 || v > 32767)) width = 4;
  }
  const w = new ByteWriter(8 + values.length * width);
  w.u32le(width);
  w.u32le(values.length);
  for (const v of values) {
    if (width === 2) w.u16le(Number(v) & 0xffff);
    else if (width === 4) w.u32le(Number(v) >>> 0);
    else w.i64le(v);
  }
  return w.take();
}
