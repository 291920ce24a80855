/**
 * Stream IDs: two unsigned 64-bit parts (`ms-seq`), kept exact as four
 * unsigned 32-bit words (ms high, ms low, seq high, seq low). Words fit
 * typed arrays and compare with plain number operations; the decimal form
 * costs one multiply while a part is below 2^53 (always, in practice) and
 * falls back to BigInt above it.
 *
 * Also here: the 64-bit counters of streams (entries-added, entries-read),
 * numbers that turn into bigints past 2^53 so that values set by XSETID or
 * XGROUP ... ENTRIESREAD stay exact.
 *
 * @module
 */

/** 2^32. */
export const TWO32 = 4294967296;
/** High words below this make a part smaller than 2^53 (exact as a double). */
const SAFE_HI = 0x200000;
const U32 = 0xffffffff;

/** A stream ID (mutable: iteration and parsing fill one in place). */
export class StreamId {
  constructor(
    public msHi = 0,
    public msLo = 0,
    public seqHi = 0,
    public seqLo = 0,
  ) {}

  /** An ID from parts below 2^53. */
  static of(ms: number, seq: number): StreamId {
    const msHi = Math.floor(ms / TWO32);
    const seqHi = Math.floor(seq / TWO32);
    return new StreamId(msHi, ms - msHi * TWO32, seqHi, seq - seqHi * TWO32);
  }

  /** The largest ID, `18446744073709551615-18446744073709551615`. */
  static max(): StreamId {
    return new StreamId(U32, U32, U32, U32);
  }

  clone(): StreamId {
    return new StreamId(this.msHi, this.msLo, this.seqHi, this.seqLo);
  }

  set(o: StreamId): void {
    this.msHi = o.msHi;
    this.msLo = o.msLo;
    this.seqHi = o.seqHi;
    this.seqLo = o.seqLo;
  }

  setWords(msHi: number, msLo: number, seqHi: number, seqLo: number): void {
    this.msHi = msHi;
    this.msLo = msLo;
    this.seqHi = seqHi;
    this.seqLo = seqLo;
  }

  isZero(): boolean {
    return this.msLo === 0 && this.seqLo === 0 && this.msHi === 0 && this.seqHi === 0;
  }

  isMax(): boolean {
    return this.msLo === U32 && this.seqLo === U32 && this.msHi === U32 && this.seqHi === U32;
  }

  /** -1, 0 or 1 as this ID is smaller, equal or greater than `o` (Redis's streamCompareID). */
  compare(o: StreamId): number {
    if (this.msHi !== o.msHi) return this.msHi < o.msHi ? -1 : 1;
    if (this.msLo !== o.msLo) return this.msLo < o.msLo ? -1 : 1;
    if (this.seqHi !== o.seqHi) return this.seqHi < o.seqHi ? -1 : 1;
    if (this.seqLo !== o.seqLo) return this.seqLo < o.seqLo ? -1 : 1;
    return 0;
  }

  /** True when the ms parts are equal. */
  sameMs(o: StreamId): boolean {
    return this.msLo === o.msLo && this.msHi === o.msHi;
  }

  /** Moves to the next ID; at the maximum wraps to 0-0 and returns false (streamIncrID). */
  incr(): boolean {
    if (this.seqLo !== U32) {
      this.seqLo++;
      return true;
    }
    if (this.seqHi !== U32) {
      this.seqHi++;
      this.seqLo = 0;
      return true;
    }
    this.seqHi = this.seqLo = 0;
    if (this.msLo !== U32) {
      this.msLo++;
      return true;
    }
    if (this.msHi !== U32) {
      this.msHi++;
      this.msLo = 0;
      return true;
    }
    this.msHi = this.msLo = 0;
    return false;
  }

  /** Moves to the previous ID; at 0-0 wraps to the maximum and returns false (streamDecrID). */
  decr(): boolean {
    if (this.seqLo !== 0) {
      this.seqLo--;
      return true;
    }
    if (this.seqHi !== 0) {
      this.seqHi--;
      this.seqLo = U32;
      return true;
    }
    this.seqHi = this.seqLo = U32;
    if (this.msLo !== 0) {
      this.msLo--;
      return true;
    }
    if (this.msHi !== 0) {
      this.msHi--;
      this.msLo = U32;
      return true;
    }
    this.msHi = this.msLo = U32;
    return false;
  }

  /** `ms-seq` in decimal. */
  toString(): string {
    return idString(this.msHi, this.msLo, this.seqHi, this.seqLo);
  }

  /** The ID as an 8-char string whose code-unit order is the ID order (sorted map keys). */
  key(): string {
    return idKey(this.msHi, this.msLo, this.seqHi, this.seqLo);
  }

  /** Reads an ID back from {@link StreamId.key}. */
  static fromKey(k: string): StreamId {
    return new StreamId(
      k.charCodeAt(0) * 65536 + k.charCodeAt(1),
      k.charCodeAt(2) * 65536 + k.charCodeAt(3),
      k.charCodeAt(4) * 65536 + k.charCodeAt(5),
      k.charCodeAt(6) * 65536 + k.charCodeAt(7),
    );
  }
}

/** Decimal form of the unsigned 64-bit value `hi * 2^32 + lo`. */
export function u64String(hi: number, lo: number): string {
  if (hi < SAFE_HI) return "" + (hi * TWO32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** Decimal `ms-seq` of an ID given by its words. */
export function idString(msHi: number, msLo: number, seqHi: number, seqLo: number): string {
  const ms = msHi < SAFE_HI ? "" + (msHi * TWO32 + msLo) : u64String(msHi, msLo);
  return seqHi === 0 ? ms + "-" + seqLo : ms + "-" + u64String(seqHi, seqLo);
}

/** The sorted-map key of an ID given by its words (see {@link StreamId.key}). */
export function idKey(msHi: number, msLo: number, seqHi: number, seqLo: number): string {
  return String.fromCharCode(
    msHi >>> 16,
    msHi & 0xffff,
    msLo >>> 16,
    msLo & 0xffff,
    seqHi >>> 16,
    seqHi & 0xffff,
    seqLo >>> 16,
    seqLo & 0xffff,
  );
}

/** Decimal form of an ID key. */
export function keyString(k: string): string {
  return idString(
    k.charCodeAt(0) * 65536 + k.charCodeAt(1),
    k.charCodeAt(2) * 65536 + k.charCodeAt(3),
    k.charCodeAt(4) * 65536 + k.charCodeAt(5),
    k.charCodeAt(6) * 65536 + k.charCodeAt(7),
  );
}

// ---------------------------------------------------------------------------
// Parsing, as Redis's string2ull: string2ll first, then strtoull(base 10).

const U64_MAX = (1n << 64n) - 1n;

/** Output of {@link parseU64}: the two words of the value. */
export interface U64 {
  hi: number;
  lo: number;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Parses an unsigned 64-bit decimal as Redis's string2ull: a strict integer
 * (no sign but `-`, no leading zeros), or else whatever C's strtoull accepts
 * in full (leading spaces, `+`, leading zeros, and `-` which negates modulo
 * 2^64). Returns false when invalid.
 */
export function parseU64(s: string, out: U64): boolean {
  const n = s.length;
  // Fast path: plain digits, no leading zero, exact as a double.
  if (n > 0 && n < 16) {
    let v = 0;
    let i = 0;
    const c0 = s.charCodeAt(0);
    if (c0 >= 49 && c0 <= 57 || (c0 === 48 && n === 1)) {
      for (; i < n; i++) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (i === n) {
        out.hi = Math.floor(v / TWO32);
        out.lo = v - out.hi * TWO32;
        return true;
      }
    }
  }
  const strict = strictInt64(s);
  if (strict !== undefined) {
    if (strict < 0n) return false;
    setBig(out, strict);
    return true;
  }
  // strtoull: spaces, optional sign, at least one digit, then the end.
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (i < n && (s[i] === "+" || s[i] === "-")) {
    neg = s[i] === "-";
    i++;
  }
  const start = i;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === start || i !== n) return false;
  let v = BigInt(s.slice(start, i));
  if (v > U64_MAX) return false;
  if (neg) v = (U64_MAX + 1n - v) & U64_MAX;
  setBig(out, v);
  return true;
}

function setBig(out: U64, v: bigint): void {
  out.hi = Number(v >> 32n);
  out.lo = Number(v & 0xffffffffn);
}

/** Redis's string2ll (as a bigint), or undefined. */
function strictInt64(s: string): bigint | undefined {
  const n = s.length;
  if (n === 0 || n >= 21) return undefined;
  if (n === 1 && s === "0") return 0n;
  let i = 0;
  if (s[0] === "-") {
    i = 1;
    if (n === 1) return undefined;
  }
  const c = s.charCodeAt(i);
  if (c < 49 || c > 57) return undefined;
  for (let j = i + 1; j < n; j++) {
    const d = s.charCodeAt(j);
    if (d < 48 || d > 57) return undefined;
  }
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/**
 * Parses an ID argument as Redis's streamGenericParseIDOrReply into `id`.
 * `missingSeq` is the sequence of an ID given as `<ms>` alone (0 or the
 * maximum); `strict` refuses `-` and `+`. With `allowSeqAuto`, `<ms>-*` is
 * accepted and the return value is 2 (sequence to generate) instead of 0.
 * Returns -1 when the ID is invalid.
 */
export function parseStreamId(
  arg: string,
  id: StreamId,
  missingSeq: "zero" | "max",
  strict: boolean,
  allowSeqAuto = false,
): number {
  if (arg.length > 127) return -1;
  if (plainId(arg, id)) return 0;
  // The C code works on a NUL-terminated copy.
  const nul = arg.indexOf("\0");
  const s = nul >= 0 ? arg.slice(0, nul) : arg;
  if (s.length === 1) {
    if (s === "-" || s === "+") {
      if (strict) return -1;
      if (s === "-") id.setWords(0, 0, 0, 0);
      else id.setWords(U32, U32, U32, U32);
      return 0;
    }
  }
  const dash = s.indexOf("-");
  const part = PART;
  if (!parseU64(dash >= 0 ? s.slice(0, dash) : s, part)) return -1;
  const msHi = part.hi;
  const msLo = part.lo;
  if (dash < 0) {
    if (missingSeq === "zero") id.setWords(msHi, msLo, 0, 0);
    else id.setWords(msHi, msLo, U32, U32);
    return 0;
  }
  const seq = s.slice(dash + 1);
  if (allowSeqAuto && seq === "*") {
    id.setWords(msHi, msLo, 0, 0);
    return 2;
  }
  if (!parseU64(seq, part)) return -1;
  id.setWords(msHi, msLo, part.hi, part.lo);
  return 0;
}

const PART: U64 = { hi: 0, lo: 0 };

/**
 * The common `<ms>-<seq>` form in canonical digits (no leading zeros, at
 * most 15 digits each), parsed without substrings; false for anything else.
 */
function plainId(s: string, id: StreamId): boolean {
  const n = s.length;
  let i = 0;
  let ms = 0;
  let c = s.charCodeAt(0);
  if (c === 48) {
    i = 1;
  } else {
    for (; i < n && i < 15; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      ms = ms * 10 + c;
    }
    if (i === 0) return false;
  }
  if (i >= n - 1 || s.charCodeAt(i) !== 45) return false;
  const start = ++i;
  let seq = 0;
  if (s.charCodeAt(i) === 48) {
    if (n !== i + 1) return false;
  } else {
    for (; i < n; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || i - start >= 15) return false;
      seq = seq * 10 + c;
    }
  }
  const msHi = Math.floor(ms / TWO32);
  const seqHi = Math.floor(seq / TWO32);
  id.setWords(msHi, ms - msHi * TWO32, seqHi, seq - seqHi * TWO32);
  return true;
}

// ---------------------------------------------------------------------------
// 64-bit counters.

/** A counter: a number while exact, a bigint past 2^53. */
export type Count = number | bigint;

/** `c + 1`, wrapping as a 64-bit counter read as signed (how Redis prints it). */
export function countIncr(c: Count): Count {
  if (typeof c === "number") return c < Number.MAX_SAFE_INTEGER ? c + 1 : BigInt(c) + 1n;
  return normalize(BigInt.asIntN(64, c + 1n));
}

/** `a - b` (int64 arithmetic as Redis's long long; results stay small in practice). */
export function countSub(a: Count, b: Count): Count {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalize(BigInt.asIntN(64, BigInt(a) - BigInt(b)));
}

/** `a + b`. */
export function countAdd(a: Count, b: Count): Count {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normalize(BigInt.asIntN(64, BigInt(a) + BigInt(b)));
}

/** A bigint back to a number when exact. */
export function normalize(v: bigint): Count {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** True when the counter is zero. */
export function countIsZero(c: Count): boolean {
  return c === 0 || c === 0n;
}
