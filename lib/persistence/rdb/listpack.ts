/**
 * Listpacks byte for byte as Redis 7.0's listpack.c lays them out: a 6-byte
 * header (total bytes, element count), the elements, and an end byte 0xFF.
 * Each element is its encoding (a small integer, a 13/16/24/32/64-bit
 * integer, or a string with a 6, 12 or 32-bit length) followed by a
 * "back-length" (the encoding's size, written so it can be read backwards).
 * Strings that are canonical 64-bit integers are stored as integers, as
 * lpAppend does. A listpack's bytes depend only on its elements, so building
 * one from a value's elements gives the bytes Redis holds in memory.
 *
 * @module
 */
import { ByteWriter } from "./bytes.ts";
import { toInt64 } from "../../store/int64.ts";

const HEADER_SIZE = 6;
const EOF = 0xff;
/** LP_HDR_NUMELE_UNKNOWN: the count field saturates here. */
const NUMELE_UNKNOWN = 65535;

/**
 * Builds one listpack.
 *
 * @example
 * ```ts
 * const lp = new ListpackWriter();
 * lp.appendString("a");
 * lp.appendString("100"); // stored as an integer
 * lp.finish(); // the listpack's bytes
 * ```
 */
export class ListpackWriter {
  private readonly w: ByteWriter;
  /** Elements appended. */
  count = 0;

  constructor(capacity = 64) {
    this.w = new ByteWriter(capacity);
    this.w.len = HEADER_SIZE;
  }

  /** Size in bytes the listpack has now (header and end byte included): Redis's lpBytes. */
  get bytes(): number {
    return this.w.len + 1;
  }

  /** Appends a string element (as an integer when it is a canonical int64). */
  appendString(s: string): void {
    const n = s.length;
    if (n > 0 && n <= 20) {
      const v = toInt64(s);
      if (v !== undefined) return this.appendInteger(v);
    }
    const w = this.w;
    let enclen: number;
    if (n < 64) {
      w.u8(0x80 | n);
      enclen = 1 + n;
    } else if (n < 4096) {
      w.u8(0xe0 | (n >>> 8));
      w.u8(n & 0xff);
      enclen = 2 + n;
    } else {
      w.u8(0xf0);
      w.u32le(n);
      enclen = 5 + n;
    }
    w.binary(s);
    writeBacklen(w, enclen);
    this.count++;
  }

  /** Appends an integer element (a signed 64-bit value). */
  appendInteger(v: number | bigint): void {
    const w = this.w;
    if (typeof v === "bigint") {
      if (v >= -2147483648n && v <= 2147483647n) return this.appendInteger(Number(v));
      w.u8(0xf4);
      w.i64le(v);
      w.u8(9);
      this.count++;
      return;
    }
    if (v >= 0 && v <= 127) {
      w.u8(v);
      w.u8(1);
    } else if (v >= -4096 && v <= 4095) {
      const u = v < 0 ? 8192 + v : v;
      w.u8(0xc0 | (u >>> 8));
      w.u8(u & 0xff);
      w.u8(2);
    } else if (v >= -32768 && v <= 32767) {
      const u = v < 0 ? 65536 + v : v;
      w.u8(0xf1);
      w.u8(u & 0xff);
      w.u8(u >>> 8);
      w.u8(3);
    } else if (v >= -8388608 && v <= 8388607) {
      const u = v < 0 ? 16777216 + v : v;
      w.u8(0xf2);
      w.u8(u & 0xff);
      w.u8((u >>> 8) & 0xff);
      w.u8(u >>> 16);
      w.u8(4);
    } else if (v >= -2147483648 && v <= 2147483647) {
      w.u8(0xf3);
      w.u8(v & 0xff);
      w.u8((v >> 8) & 0xff);
      w.u8((v >> 16) & 0xff);
      w.u8((v >>> 24) & 0xff);
      w.u8(5);
    } else {
      w.u8(0xf4);
      w.i64le(v);
      w.u8(9);
    }
    this.count++;
  }

  /** Ends the listpack and returns its bytes (the writer is not usable afterwards). */
  finish(): Uint8Array {
    const w = this.w;
    w.u8(EOF);
    w.setU32le(0, w.len);
    w.setU16le(4, this.count < NUMELE_UNKNOWN ? this.count : NUMELE_UNKNOWN);
    return w.take();
  }
}

/** The back-length of an element whose encoding is `l` bytes (lpEncodeBacklen). */
function writeBacklen(w: ByteWriter, l: number): void {
  if (l <= 127) w.u8(l);
  else if (l < 16383) {
    w.u8(l >>> 7);
    w.u8((l & 127) | 128);
  } else if (l < 2097151) {
    w.u8(l >>> 14);
    w.u8(((l >>> 7) & 127) | 128);
    w.u8((l & 127) | 128);
  } else if (l < 268435455) {
    w.u8(l >>> 21);
    w.u8(((l >>> 14) & 127) | 128);
    w.u8(((l >>> 7) & 127) | 128);
    w.u8((l & 127) | 128);
  } else {
    w.u8(Math.floor(l / 268435456));
    w.u8(((l >>> 21) & 127) | 128);
    w.u8(((l >>> 14) & 127) | 128);
    w.u8(((l >>> 7) & 127) | 128);
    w.u8((l & 127) | 128);
  }
}
