/**
 * A growable byte buffer for building RDB output. Redis values are binary
 * strings here (one char per byte, see lib/store/value.ts), so the buffer
 * takes them as they are, next to raw bytes and the little- and big-endian
 * numbers the RDB format uses.
 *
 * @module
 */

const MIN_CAPACITY = 256;

/**
 * The buffer.
 *
 * @example
 * ```ts
 * const w = new ByteWriter();
 * w.binary("REDIS");
 * w.u8(0xff);
 * w.take(); // Uint8Array [82, 69, 68, 73, 83, 255]
 * ```
 */
export class ByteWriter {
  /** Backing store; only the first {@link ByteWriter.len} bytes are written. */
  buf: Uint8Array;
  /** Bytes written. */
  len = 0;
  private view: DataView;

  constructor(capacity = MIN_CAPACITY) {
    this.buf = new Uint8Array(Math.max(capacity, 16));
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** One byte. */
  u8(b: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** Raw bytes. */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** A binary string, one byte per char (chars above 255 are cut to their low byte). */
  binary(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.len = p;
  }

  /** Unsigned 16-bit, little endian. */
  u16le(v: number): void {
    this.reserve(2);
    this.view.setUint16(this.len, v, true);
    this.len += 2;
  }

  /** Unsigned 32-bit, little endian. */
  u32le(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.len, v, true);
    this.len += 4;
  }

  /** Unsigned 32-bit, big endian. */
  u32be(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.len, v, false);
    this.len += 4;
  }

  /** Signed 64-bit, little endian. */
  i64le(v: number | bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.len, typeof v === "bigint" ? v : BigInt(v), true);
    this.len += 8;
  }

  /** Unsigned 64-bit given as two 32-bit words, big endian. */
  u64be(hi: number, lo: number): void {
    this.reserve(8);
    this.view.setUint32(this.len, hi, false);
    this.view.setUint32(this.len + 4, lo, false);
    this.len += 8;
  }

  /** IEEE 754 double, little endian. */
  f64le(d: number): void {
    this.reserve(8);
    this.view.setFloat64(this.len, d, true);
    this.len += 8;
  }

  /** Overwrites 4 bytes at `pos` with `v` (unsigned, little endian). */
  setU32le(pos: number, v: number): void {
    this.view.setUint32(pos, v, true);
  }

  /** Overwrites 2 bytes at `pos` with `v` (unsigned, little endian). */
  setU16le(pos: number, v: number): void {
    this.view.setUint16(pos, v, true);
  }

  /** The written bytes (a view: valid until the next write). */
  written(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /** A copy of the written bytes; the buffer is emptied (its memory kept). */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }
}
