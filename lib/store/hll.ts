/**
 * HyperLogLog with Redis's exact representation, so an HLL key holds the
 * same bytes as in Redis: the 16-byte header ("HYLL", encoding, 3 unused
 * bytes, 8 bytes of little-endian cached cardinality whose top bit marks it
 * stale), then either 16384 packed 6-bit registers (dense) or the sparse
 * run-length opcodes ZERO / XZERO / VAL. Elements are hashed with
 * MurmurHash64A and Redis's seed, and counts use Ertl's estimator as Redis
 * 7.0 does, so PFCOUNT gives Redis's numbers.
 *
 * The value in the keyspace is a binary string; commands decode it into an
 * {@link HllBuffer}, change it and encode it back.
 *
 * @module
 */
import { Buffer } from "node:buffer";

export const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
export const HLL_BITS = 6;
export const HLL_REGISTER_MAX = (1 << HLL_BITS) - 1;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + ((HLL_REGISTERS * HLL_BITS + 7) >> 3);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;

const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
const SPARSE_XZERO_MAX_LEN = 16384;
const ALPHA_INF = 0.721347520444481703680;

/** The errors PF* commands reply. */
export const ERR_NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
export const ERR_INVALID_HLL = "INVALIDOBJ Corrupted HLL object detected";

// ---------------------------------------------------------------------------
// MurmurHash64A on 32-bit halves (no BigInt on the hot path).

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
let hHi = 0;
let hLo = 0;

/** (hHi:hLo) *= m, modulo 2^64. */
function mulM(): void {
  const aLo = hLo;
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = M_LO & 0xffff;
  const b1 = M_LO >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  let hi = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  hi = (hi + Math.imul(hHi, M_LO) + Math.imul(aLo, M_HI)) >>> 0;
  hHi = hi;
  hLo = lo;
}

/**
 * MurmurHash64A of the bytes of a binary string (Redis's endian-neutral
 * variant), leaving the hash in the module's (hHi, hLo).
 */
function murmur64(s: string, seed: number): void {
  const len = s.length;
  // h = seed ^ (len * m)
  hHi = 0;
  hLo = len >>> 0;
  mulM();
  hLo = (hLo ^ seed) >>> 0;
  let i = 0;
  const end = len - (len & 7);
  while (i < end) {
    const kLo = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) |
      (s.charCodeAt(i + 3) << 24)) >>> 0;
    const kHi = (s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 8) | (s.charCodeAt(i + 6) << 16) |
      (s.charCodeAt(i + 7) << 24)) >>> 0;
    // k *= m; k ^= k >> 47; k *= m (computed in the h registers, then xored in).
    const saveHi = hHi;
    const saveLo = hLo;
    hHi = kHi;
    hLo = kLo;
    mulM();
    hLo = (hLo ^ (hHi >>> 15)) >>> 0;
    mulM();
    const khi = hHi;
    const klo = hLo;
    hHi = (saveHi ^ khi) >>> 0;
    hLo = (saveLo ^ klo) >>> 0;
    mulM();
    i += 8;
  }
  const rest = len & 7;
  if (rest > 0) {
    let tLo = 0;
    let tHi = 0;
    for (let j = rest - 1; j >= 0; j--) {
      const b = s.charCodeAt(i + j);
      if (j >= 4) tHi |= b << ((j - 4) * 8);
      else tLo |= b << (j * 8);
    }
    hHi = (hHi ^ tHi) >>> 0;
    hLo = (hLo ^ tLo) >>> 0;
    mulM();
  }
  hLo = (hLo ^ (hHi >>> 15)) >>> 0;
  mulM();
  hLo = (hLo ^ (hHi >>> 15)) >>> 0;
}

/** Register index of the last {@link patLen} call. */
let patIndex = 0;

/**
 * Redis's hllPatLen: hashes `ele`, sets {@link patIndex} to its register and
 * returns the length of the 000..1 run of the remaining bits.
 */
function patLen(ele: string): number {
  murmur64(ele, 0xadc83b19);
  patIndex = hLo & (HLL_REGISTERS - 1);
  // The run counts from bit P; bit 64 stands for the forced terminating 1.
  const low = hLo >>> HLL_P;
  if (low !== 0) return 32 - Math.clz32(low & -low);
  if (hHi !== 0) return 32 - HLL_P + 32 - Math.clz32(hHi & -hHi);
  return HLL_Q + 1;
}

/** Hash of a binary string as [hi, lo] (for tests). */
export function murmurHash64A(s: string, seed: number): [number, number] {
  murmur64(s, seed);
  return [hHi, hLo];
}

// ---------------------------------------------------------------------------
// The mutable byte form.

/** An HLL's bytes while a command works on them; `len` is the used length. */
export class HllBuffer {
  bytes: Uint8Array;
  len: number;

  constructor(bytes: Uint8Array, len: number) {
    this.bytes = bytes;
    this.len = len;
  }

  /** Decodes a keyspace value (a binary string). */
  static fromString(s: string): HllBuffer {
    // Spare bytes past the end: dense register access reads one.
    const bytes = Buffer.allocUnsafe(s.length + 4);
    bytes.write(s, 0, "latin1");
    bytes.fill(0, s.length);
    return new HllBuffer(bytes, s.length);
  }

  /** A new empty HLL, sparse, as Redis's createHLLObject. */
  static create(): HllBuffer {
    const n = HLL_HDR_SIZE +
      Math.floor((HLL_REGISTERS + (SPARSE_XZERO_MAX_LEN - 1)) / SPARSE_XZERO_MAX_LEN) * 2;
    const b = new HllBuffer(new Uint8Array(n + 4), n);
    b.bytes.set([72, 89, 76, 76], 0);
    b.bytes[4] = HLL_SPARSE;
    let p = HLL_HDR_SIZE;
    let aux = HLL_REGISTERS;
    while (aux) {
      const xz = aux > SPARSE_XZERO_MAX_LEN ? SPARSE_XZERO_MAX_LEN : aux;
      setXzero(b.bytes, p, xz);
      p += 2;
      aux -= xz;
    }
    return b;
  }

  /** The keyspace value. */
  toString(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.len).toString("latin1");
  }

  get encoding(): number {
    return this.bytes[4];
  }

  /** Makes room for `extra` more bytes (plus the spare one). */
  reserve(extra: number): void {
    const need = this.len + extra + 4;
    if (need <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(need, this.bytes.length * 2));
    next.set(this.bytes.subarray(0, this.len));
    this.bytes = next;
  }

  invalidateCache(): void {
    this.bytes[15] |= 0x80;
  }

  get cacheValid(): boolean {
    return (this.bytes[15] & 0x80) === 0;
  }

  get cachedCard(): number {
    const b = this.bytes;
    let v = 0;
    for (let i = 7; i >= 0; i--) v = v * 256 + b[8 + i];
    return v;
  }

  set cachedCard(card: number) {
    const b = this.bytes;
    let v = card;
    for (let i = 0; i < 8; i++) {
      b[8 + i] = v % 256;
      v = Math.floor(v / 256);
    }
  }
}

/** True when a string is a valid HLL as Redis's isHLLObjectOrReply checks it. */
export function isHll(s: string): boolean {
  if (s.length < HLL_HDR_SIZE) return false;
  if (s.charCodeAt(0) !== 72 || s.charCodeAt(1) !== 89 || s.charCodeAt(2) !== 76) return false;
  if (s.charCodeAt(3) !== 76) return false;
  const enc = s.charCodeAt(4);
  if (enc > HLL_SPARSE) return false;
  if (enc === HLL_DENSE && s.length !== HLL_DENSE_SIZE) return false;
  return true;
}

function setXzero(b: Uint8Array, p: number, len: number): void {
  const l = len - 1;
  b[p] = (l >> 8) | 0x40;
  b[p + 1] = l & 0xff;
}

function setVal(b: Uint8Array, p: number, val: number, len: number): void {
  b[p] = (((val - 1) << 2) | (len - 1)) | 0x80;
}

// ---------------------------------------------------------------------------
// Dense registers.

/** Register `i` of packed 6-bit registers starting at `off`. */
export function denseGet(b: Uint8Array, off: number, i: number): number {
  const bit = i * HLL_BITS;
  const byte = off + (bit >> 3);
  const fb = bit & 7;
  return ((b[byte] >> fb) | (b[byte + 1] << (8 - fb))) & HLL_REGISTER_MAX;
}

/** Sets register `i` of packed registers at `off`. */
export function denseSet(b: Uint8Array, off: number, i: number, val: number): void {
  const bit = i * HLL_BITS;
  const byte = off + (bit >> 3);
  const fb = bit & 7;
  const fb8 = 8 - fb;
  b[byte] = (b[byte] & ~(HLL_REGISTER_MAX << fb)) | (val << fb);
  b[byte + 1] = (b[byte + 1] & ~(HLL_REGISTER_MAX >> fb8)) | (val >> fb8);
}

/**
 * Reads register `i` straight from a dense keyspace string (no decoding),
 * for PFADD's no-change fast path.
 */
export function denseGetFromString(s: string, i: number): number {
  const bit = i * HLL_BITS;
  const byte = HLL_HDR_SIZE + (bit >> 3);
  const fb = bit & 7;
  const b1 = byte + 1 < s.length ? s.charCodeAt(byte + 1) : 0;
  return ((s.charCodeAt(byte) >> fb) | (b1 << (8 - fb))) & HLL_REGISTER_MAX;
}

/** Register index and run length of an element, as Redis hashes it. */
export function hashElement(ele: string): [index: number, count: number] {
  const count = patLen(ele);
  return [patIndex, count];
}

// ---------------------------------------------------------------------------
// Sparse representation.

/** Converts a sparse HLL to dense in place; false when the opcodes are corrupt. */
export function sparseToDense(h: HllBuffer): boolean {
  if (h.encoding === HLL_DENSE) return true;
  const src = h.bytes;
  const end = h.len;
  const dense = new Uint8Array(HLL_DENSE_SIZE + 4);
  dense.set(src.subarray(0, HLL_HDR_SIZE));
  dense[4] = HLL_DENSE;
  let idx = 0;
  let p = HLL_HDR_SIZE;
  while (p < end) {
    const op = src[p];
    if ((op & 0xc0) === 0) {
      idx += (op & 0x3f) + 1;
      p++;
    } else if ((op & 0xc0) === 0x40) {
      idx += (((op & 0x3f) << 8) | src[p + 1]) + 1;
      p += 2;
    } else {
      let runlen = (op & 0x3) + 1;
      const regval = ((op >> 2) & 0x1f) + 1;
      if (runlen + idx > HLL_REGISTERS) break;
      while (runlen--) denseSet(dense, HLL_HDR_SIZE, idx++, regval);
      p++;
    }
  }
  if (idx !== HLL_REGISTERS) return false;
  h.bytes = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

/** Sets a dense register if `count` is larger; returns 1 when changed. */
function denseSetIfLarger(h: HllBuffer, index: number, count: number): number {
  const old = denseGet(h.bytes, HLL_HDR_SIZE, index);
  if (count > old) {
    denseSet(h.bytes, HLL_HDR_SIZE, index, count);
    return 1;
  }
  return 0;
}

/**
 * Redis's hllSparseSet: raises register `index` to `count` in a sparse HLL,
 * splitting opcodes in place and promoting to dense when the value does not
 * fit or the string would pass `maxBytes`. Returns 1 when changed, 0 when
 * not, -1 when the opcodes are corrupt.
 */
export function sparseSet(h: HllBuffer, index: number, count: number, maxBytes: number): number {
  if (count > SPARSE_VAL_MAX_VALUE) return promote(h, index, count);
  h.reserve(3);
  const b = h.bytes;
  const sparse = HLL_HDR_SIZE;
  let end = h.len;
  let p = sparse;
  let first = 0;
  let prev = -1;
  let span = 0;
  while (p < end) {
    let oplen = 1;
    const op = b[p];
    if ((op & 0xc0) === 0) span = (op & 0x3f) + 1;
    else if (op & 0x80) span = (op & 0x3) + 1;
    else {
      span = (((op & 0x3f) << 8) | b[p + 1]) + 1;
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  if (span === 0 || p >= end) return -1;

  const op = b[p];
  const isZero = (op & 0xc0) === 0;
  const isXzero = (op & 0xc0) === 0x40;
  const isVal = (op & 0x80) !== 0;
  let next = isXzero ? p + 2 : p + 1;
  if (next >= end) next = -1;
  let runlen: number;
  if (isZero) runlen = (op & 0x3f) + 1;
  else if (isXzero) runlen = (((op & 0x3f) << 8) | b[p + 1]) + 1;
  else runlen = (op & 0x3) + 1;

  let updatedInPlace = false;
  if (isVal) {
    const oldcount = ((op >> 2) & 0x1f) + 1;
    if (oldcount >= count) return 0;
    if (runlen === 1) {
      setVal(b, p, count, 1);
      updatedInPlace = true;
    }
  }
  if (!updatedInPlace && isZero && runlen === 1) {
    setVal(b, p, count, 1);
    updatedInPlace = true;
  }

  if (!updatedInPlace) {
    const seq = new Uint8Array(5);
    let n = 0;
    const last = first + span - 1;
    if (isZero || isXzero) {
      if (index !== first) {
        const len = index - first;
        if (len > SPARSE_ZERO_MAX_LEN) {
          setXzero(seq, n, len);
          n += 2;
        } else seq[n++] = len - 1;
      }
      setVal(seq, n++, count, 1);
      if (index !== last) {
        const len = last - index;
        if (len > SPARSE_ZERO_MAX_LEN) {
          setXzero(seq, n, len);
          n += 2;
        } else seq[n++] = len - 1;
      }
    } else {
      const curval = ((op >> 2) & 0x1f) + 1;
      if (index !== first) setVal(seq, n++, curval, index - first);
      setVal(seq, n++, count, 1);
      if (index !== last) setVal(seq, n++, curval, last - index);
    }
    const oldlen = isXzero ? 2 : 1;
    const delta = n - oldlen;
    if (delta > 0 && h.len + delta > maxBytes) return promote(h, index, count);
    if (delta !== 0 && next >= 0) b.copyWithin(next + delta, next, end);
    h.len += delta;
    b.set(seq.subarray(0, n), p);
    end += delta;
  }

  // Merge adjacent VAL opcodes with equal values, scanning up to 5 opcodes from prev.
  p = prev >= 0 ? prev : sparse;
  let scanlen = 5;
  while (p < end && scanlen--) {
    const o = b[p];
    if ((o & 0xc0) === 0x40) {
      p += 2;
      continue;
    } else if ((o & 0xc0) === 0) {
      p++;
      continue;
    }
    if (p + 1 < end && b[p + 1] & 0x80) {
      const v1 = ((o >> 2) & 0x1f) + 1;
      const v2 = ((b[p + 1] >> 2) & 0x1f) + 1;
      if (v1 === v2) {
        const len = (o & 0x3) + 1 + (b[p + 1] & 0x3) + 1;
        if (len <= SPARSE_VAL_MAX_LEN) {
          setVal(b, p + 1, v1, len);
          b.copyWithin(p, p + 1, end);
          h.len--;
          end--;
          continue;
        }
      }
    }
    p++;
  }
  h.invalidateCache();
  return 1;
}

function promote(h: HllBuffer, index: number, count: number): number {
  if (!sparseToDense(h)) return -1;
  return denseSetIfLarger(h, index, count);
}

/** Redis's hllAdd: 1 when a register changed, 0 when not, -1 when corrupt. */
export function hllAdd(h: HllBuffer, ele: string, maxBytes: number): number {
  const count = patLen(ele);
  const index = patIndex;
  if (h.encoding === HLL_DENSE) return denseSetIfLarger(h, index, count);
  if (h.encoding === HLL_SPARSE) return sparseSet(h, index, count, maxBytes);
  return -1;
}

/** Sets register `index` to max(current, `count`) whatever the encoding (PFMERGE). */
export function hllSet(h: HllBuffer, index: number, count: number, maxBytes: number): void {
  if (h.encoding === HLL_DENSE) denseSetIfLarger(h, index, count);
  else sparseSet(h, index, count, maxBytes);
}

// ---------------------------------------------------------------------------
// Counting and merging.

/**
 * Redis's hllMerge: max[i] = max(max[i], register i); false when a sparse
 * HLL is corrupt.
 */
export function hllMerge(max: Uint8Array, h: HllBuffer): boolean {
  const b = h.bytes;
  if (h.encoding === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(b, HLL_HDR_SIZE, i);
      if (v > max[i]) max[i] = v;
    }
    return true;
  }
  let p = HLL_HDR_SIZE;
  const end = h.len;
  let i = 0;
  while (p < end) {
    const op = b[p];
    if ((op & 0xc0) === 0) {
      i += (op & 0x3f) + 1;
      p++;
    } else if ((op & 0xc0) === 0x40) {
      i += (((op & 0x3f) << 8) | b[p + 1]) + 1;
      p += 2;
    } else {
      let runlen = (op & 0x3) + 1;
      const regval = ((op >> 2) & 0x1f) + 1;
      if (runlen + i > HLL_REGISTERS) break;
      while (runlen--) {
        if (regval > max[i]) max[i] = regval;
        i++;
      }
      p++;
    }
  }
  return i === HLL_REGISTERS;
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let zPrime: number;
  let y = 1;
  let z = x;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let zPrime: number;
  let y = 1.0;
  let z = 1 - x;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    const d = 1 - x;
    z -= d * d * y;
  } while (zPrime !== z);
  return z / 3;
}

/** Ertl's estimate from a register histogram, as Redis's hllCount. */
function estimate(histo: Int32Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - histo[HLL_Q + 1]) / m);
  for (let j = HLL_Q; j >= 1; --j) {
    z += histo[j];
    z *= 0.5;
  }
  z += m * sigma(histo[0] / m);
  return Math.round((ALPHA_INF * m * m) / z);
}

/** Cardinality of an HLL, or -1 when its sparse opcodes are corrupt. */
export function hllCount(h: HllBuffer): number {
  const histo = new Int32Array(64);
  const b = h.bytes;
  if (h.encoding === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) histo[denseGet(b, HLL_HDR_SIZE, i)]++;
  } else {
    let idx = 0;
    let p = HLL_HDR_SIZE;
    const end = h.len;
    while (p < end) {
      const op = b[p];
      if ((op & 0xc0) === 0) {
        const run = (op & 0x3f) + 1;
        idx += run;
        histo[0] += run;
        p++;
      } else if ((op & 0xc0) === 0x40) {
        const run = (((op & 0x3f) << 8) | b[p + 1]) + 1;
        idx += run;
        histo[0] += run;
        p += 2;
      } else {
        const run = (op & 0x3) + 1;
        idx += run;
        // Redis indexes a 64-slot histogram with values up to 32 here.
        histo[((op >> 2) & 0x1f) + 1] += run;
        p++;
      }
    }
    if (idx !== HLL_REGISTERS) return -1;
  }
  return estimate(histo);
}

/** Cardinality of raw 8-bit registers (PFCOUNT over several keys). */
export function rawCount(max: Uint8Array): number {
  const histo = new Int32Array(64);
  for (let i = 0; i < HLL_REGISTERS; i++) histo[max[i] & 63]++;
  return estimate(histo);
}

/** PFDEBUG DECODE's text for a sparse HLL. */
export function decodeSparse(h: HllBuffer): string {
  const b = h.bytes;
  const parts: string[] = [];
  let p = HLL_HDR_SIZE;
  while (p < h.len) {
    const op = b[p];
    if ((op & 0xc0) === 0) {
      parts.push("z:" + ((op & 0x3f) + 1));
      p++;
    } else if ((op & 0xc0) === 0x40) {
      parts.push("Z:" + ((((op & 0x3f) << 8) | b[p + 1]) + 1));
      p += 2;
    } else {
      parts.push("v:" + (((op >> 2) & 0x1f) + 1) + "," + ((op & 0x3) + 1));
      p++;
    }
  }
  return parts.join(" ");
}
