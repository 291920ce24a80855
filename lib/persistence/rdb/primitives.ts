/**
 * The RDB format's building blocks, as Redis 7.0's rdb.c writes them:
 * lengths (rdbSaveLen), strings (rdbSaveRawString: small integers in their
 * integer encoding, the rest as length + bytes), millisecond times and
 * binary doubles.
 *
 * Strings are never LZF-compressed here, whatever `rdbcompression` says:
 * the output is what Redis writes with `rdbcompression no`, which every Redis
 * loads the same way. (Compression is a later step.)
 *
 * @module
 */
import { toInt64 } from "../../store/int64.ts";
import type { ByteWriter } from "./bytes.ts";
import {
  RDB_14BITLEN,
  RDB_32BITLEN,
  RDB_64BITLEN,
  RDB_6BITLEN,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENCVAL,
} from "./constants.ts";

const TWO32 = 4294967296;

/** A length below 2^53 (rdbSaveLen): 1, 2, 5 or 9 bytes. */
export function writeLen(w: ByteWriter, n: number): void {
  if (n < 64) w.u8((RDB_6BITLEN << 6) | n);
  else if (n < 16384) {
    w.u8((RDB_14BITLEN << 6) | (n >>> 8));
    w.u8(n & 0xff);
  } else if (n < TWO32) {
    w.u8(RDB_32BITLEN);
    w.u32be(n);
  } else {
    const hi = Math.floor(n / TWO32);
    w.u8(RDB_64BITLEN);
    w.u64be(hi, n - hi * TWO32);
  }
}

/** An unsigned 64-bit length given as two 32-bit words (stream IDs). */
export function writeLenWords(w: ByteWriter, hi: number, lo: number): void {
  if (hi === 0) writeLen(w, lo);
  else {
    w.u8(RDB_64BITLEN);
    w.u64be(hi, lo);
  }
}

/**
 * A signed 64-bit counter saved as a length, as Redis casts it to uint64
 * (-1, "unknown entries read", becomes 2^64 - 1).
 */
export function writeLenCount(w: ByteWriter, c: number | bigint): void {
  if (typeof c === "number" && c >= 0) return writeLen(w, c);
  const u = BigInt.asUintN(64, BigInt(c));
  writeLenWords(w, Number(u >> 32n), Number(u & 0xffffffffn));
}

/**
 * Writes `s` in its RDB integer encoding (rdbTryIntegerEncoding) when it is
 * a canonical integer that fits 32 bits; returns false otherwise.
 */
function writeIntegerString(w: ByteWriter, s: string): boolean {
  // An int32 has at most 11 chars ("-2147483648"), as rdbSaveRawString's len <= 11 check.
  if (s.length > 11) return false;
  const v = toInt64(s);
  if (typeof v !== "number") return false;
  if (v >= -128 && v <= 127) {
    w.u8((RDB_ENCVAL << 6) | RDB_ENC_INT8);
    w.u8(v & 0xff);
  } else if (v >= -32768 && v <= 32767) {
    w.u8((RDB_ENCVAL << 6) | RDB_ENC_INT16);
    w.u8(v & 0xff);
    w.u8((v >> 8) & 0xff);
  } else if (v >= -2147483648 && v <= 2147483647) {
    w.u8((RDB_ENCVAL << 6) | RDB_ENC_INT32);
    w.u8(v & 0xff);
    w.u8((v >> 8) & 0xff);
    w.u8((v >> 16) & 0xff);
    w.u8((v >>> 24) & 0xff);
  } else return false;
  return true;
}

/** A string (rdbSaveRawString without LZF): integer-encoded when it can be, else length + bytes. */
export function writeString(w: ByteWriter, s: string): void {
  if (writeIntegerString(w, s)) return;
  writeLen(w, s.length);
  w.binary(s);
}

/**
 * A blob saved as a string (listpacks, intsets): Redis passes these through
 * rdbSaveRawString too, but no blob of ours is 11 bytes or less and all
 * digits, so only length + bytes applies.
 */
export function writeBlob(w: ByteWriter, b: Uint8Array): void {
  writeLen(w, b.length);
  w.bytes(b);
}

/** A time in milliseconds: signed 64-bit little endian (rdbSaveMillisecondTime). */
export function writeMillis(w: ByteWriter, ms: number): void {
  w.i64le(Math.trunc(ms));
}

/** A double in binary, little endian (rdbSaveBinaryDoubleValue). */
export function writeBinaryDouble(w: ByteWriter, d: number): void {
  w.f64le(d);
}
