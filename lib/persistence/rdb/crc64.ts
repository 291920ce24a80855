/**
 * Redis's CRC-64 (the "Jones" polynomial 0xad93d23594c935a9, reflected input
 * and output, initial value 0, no final xor): the checksum at the end of an
 * RDB file and of a DUMP payload. "123456789" checks to 0xe9c6d914c4b8d9ca.
 *
 * The 64-bit register is kept as two unsigned 32-bit halves so the loop
 * stays in plain number arithmetic (no BigInt), eight bytes at a time
 * (slicing-by-8).
 *
 * @module
 */

/**
 * Slicing-by-8 tables, low and high halves: table k (at offset k * 256) is
 * the CRC of a byte followed by k zero bytes, so eight input bytes fold in
 * with eight lookups.
 */
const LO = new Uint32Array(8 * 256);
const HI = new Uint32Array(8 * 256);

(function buildTables(): void {
  // The polynomial with its bits reversed (for the reflected algorithm).
  let poly = 0xad93d23594c935a9n;
  let reflected = 0n;
  for (let i = 0; i < 64; i++) {
    reflected = (reflected << 1n) | (poly & 1n);
    poly >>= 1n;
  }
  const pLo = Number(reflected & 0xffffffffn);
  const pHi = Number(reflected >> 32n);
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (bit) {
        lo = (lo ^ pLo) >>> 0;
        hi = (hi ^ pHi) >>> 0;
      }
    }
    LO[n] = lo;
    HI[n] = hi;
  }
  for (let t = 1; t < 8; t++) {
    for (let n = 0; n < 256; n++) {
      const lo = LO[(t - 1) * 256 + n];
      const hi = HI[(t - 1) * 256 + n];
      const idx = lo & 0xff;
      LO[t * 256 + n] = (((lo >>> 8) | (hi << 24)) ^ LO[idx]) >>> 0;
      HI[t * 256 + n] = ((hi >>> 8) ^ HI[idx]) >>> 0;
    }
  }
})();

/**
 * A running CRC-64, fed chunk by chunk (an RDB is produced in pieces).
 *
 * @example
 * ```ts
 * const c = new Crc64();
 * c.update(new TextEncoder().encode("123456789"));
 * c.value(); // 0xe9c6d914c4b8d9can
 * ```
 */
export class Crc64 {
  private lo = 0;
  private hi = 0;

  /** Adds `data` to the checksum. */
  update(data: Uint8Array): void {
    let lo = this.lo;
    let hi = this.hi;
    const n = data.length;
    let i = 0;
    for (const end = n - 7; i < end; i += 8) {
      const a = lo ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
      const b = hi ^
        (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
      const i7 = 1792 + (a & 0xff);
      const i6 = 1536 + ((a >>> 8) & 0xff);
      const i5 = 1280 + ((a >>> 16) & 0xff);
      const i4 = 1024 + (a >>> 24);
      const i3 = 768 + (b & 0xff);
      const i2 = 512 + ((b >>> 8) & 0xff);
      const i1 = 256 + ((b >>> 16) & 0xff);
      const i0 = b >>> 24;
      lo = (LO[i7] ^ LO[i6] ^ LO[i5] ^ LO[i4] ^ LO[i3] ^ LO[i2] ^ LO[i1] ^ LO[i0]) >>> 0;
      hi = (HI[i7] ^ HI[i6] ^ HI[i5] ^ HI[i4] ^ HI[i3] ^ HI[i2] ^ HI[i1] ^ HI[i0]) >>> 0;
    }
    for (; i < n; i++) {
      const idx = (lo ^ data[i]) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ LO[idx]) >>> 0;
      hi = ((hi >>> 8) ^ HI[idx]) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
  }

  /** The checksum so far. */
  value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** The checksum so far as 8 little-endian bytes (how RDB and DUMP store it). */
  bytesLE(): Uint8Array {
    const out = new Uint8Array(8);
    const v = new DataView(out.buffer);
    v.setUint32(0, this.lo, true);
    v.setUint32(4, this.hi, true);
    return out;
  }
}

/** The CRC-64 of `data`. */
export function crc64(data: Uint8Array): bigint {
  const c = new Crc64();
  c.update(data);
  return c.value();
}
