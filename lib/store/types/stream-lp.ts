/**
 * Byte sizes of Redis's listpack encoding, as a stream node would hold its
 * entries. Nothing is encoded: the sizes only decide, exactly as Redis does
 * with `stream-node-max-bytes`, when a stream starts a new node, because
 * node boundaries are visible (approximate trimming removes whole nodes,
 * XINFO reports the node count).
 *
 * @module
 */

/** An empty listpack: 6-byte header and the end byte. */
export const LP_EMPTY = 7;

/** Encoded size of an integer element (without its back-length byte). */
export function intEncSize(v: number): number {
  if (v >= 0 && v <= 127) return 1;
  if (v >= -4096 && v <= 4095) return 2;
  if (v >= -32768 && v <= 32767) return 3;
  if (v >= -8388608 && v <= 8388607) return 4;
  if (v >= -2147483648 && v <= 2147483647) return 5;
  return 9;
}

/** Size of an integer element with its back-length (always one byte for integers). */
export function intBytes(v: number): number {
  return intEncSize(v) + 1;
}

/** Bytes of the back-length field for an element of `l` bytes (lpEncodeBacklen). */
function backlenSize(l: number): number {
  if (l <= 127) return 1;
  if (l < 16383) return 2;
  if (l < 2097151) return 3;
  if (l < 268435455) return 4;
  return 5;
}

/**
 * Size of a string element as lpAppend stores it: strings that are
 * canonical 64-bit integers (lpStringToInt64) are stored as integers.
 */
export function strBytes(s: string): number {
  const n = s.length;
  if (n > 0 && n < 21) {
    const e = intStringEncSize(s);
    if (e > 0) return e + 1;
  }
  const enc = n < 64 ? 1 + n : n < 4096 ? 2 + n : 5 + n;
  return enc + backlenSize(enc);
}

/** The integer encoding size of `s` if it is a canonical int64, else 0. */
function intStringEncSize(s: string): number {
  const n = s.length;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (n === 1 && c0 === 48) return 1;
  let neg = false;
  if (c0 === 45) {
    neg = true;
    i = 1;
    if (n === 1) return 0;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return 0;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    v = v * 10 + d;
  }
  // Past 2^53 only the int64 bounds matter (the size is 9 either way).
  if (v > 9e18) {
    const b = BigInt(s);
    if (b > 9223372036854775807n || b < -9223372036854775808n) return 0;
    return 9;
  }
  return intEncSize(neg ? -v : v);
}

/** Size of the integer element for a signed 64-bit delta `a - b` of two 64-bit words pairs. */
export function deltaBytes(aHi: number, aLo: number, bHi: number, bLo: number): number {
  if (aHi < 0x200000 && bHi < 0x200000) {
    return intBytes((aHi - bHi) * 4294967296 + (aLo - bLo));
  }
  const d = BigInt.asIntN(
    64,
    ((BigInt(aHi) << 32n) | BigInt(aLo)) - ((BigInt(bHi) << 32n) | BigInt(bLo)),
  );
  if (d >= -2147483648n && d <= 2147483647n) return intBytes(Number(d));
  return 10;
}
