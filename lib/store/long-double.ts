/**
 * x87 80-bit `long double` arithmetic, as Redis does INCRBYFLOAT and
 * HINCRBYFLOAT on x86-64:
 * parse with strtold (Redis's string2ld rules), add with one rounding to a
 * 64-bit mantissa, and print with `%.17Lf` minus trailing zeroes (ld2string's
 * human mode). A JS double would differ visibly: Redis answers
 * `10000000000.09999999962747097` to `HINCRBYFLOAT h f 10000000000.1`.
 *
 * Values are exact binary fractions kept in BigInts: `sign * mant * 2^exp`.
 *
 * @module
 */

/** A finite long double, or an infinity. */
export interface LongDouble {
  /** -1 or 1. */
  sign: number;
  /** Mantissa, below 2^64 (0 for zero). */
  mant: bigint;
  /** Binary exponent of the mantissa's last bit. */
  exp: number;
  /** True for ±infinity (mant and exp unused). */
  inf: boolean;
}

const MANT_BITS = 64;
/** Exponent of the last mantissa bit of the largest finite values (2^16383 has 64 bits below). */
const MAX_EXP = 16383 - 63;
/** Exponent of the last mantissa bit of denormals (smallest normal is 2^-16382). */
const MIN_EXP = -16382 - 63;
/** Redis's buffer for long double strings (MAX_LONG_DOUBLE_CHARS). */
const MAX_CHARS = 5 * 1024;

const DEC_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?/;
const HEX_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/;
const INF_RE = /^([+-]?)(?:inf|infinity)$/i;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function infinity(sign: number): LongDouble {
  return { sign, mant: 0n, exp: 0, inf: true };
}

/**
 * Rounds `sign * num / den * 2^exp2` (num, den > 0) to the nearest long
 * double, ties to even, with denormals and overflow to infinity.
 */
function round(sign: number, num: bigint, den: bigint, exp2: number): LongDouble {
  if (num === 0n) return { sign, mant: 0n, exp: 0, inf: false };
  // Choose e so that num/den / 2^e lies in [2^63, 2^64).
  let e = bitLength(num) - bitLength(den) - MANT_BITS + exp2;
  for (;;) {
    const shift = e - exp2;
    const n = shift < 0 ? num << BigInt(-shift) : num;
    const d = shift > 0 ? den << BigInt(shift) : den;
    const q = n / d;
    if (q >= 1n << 64n) {
      e++;
      continue;
    }
    if (q < 1n << 63n && e > MIN_EXP) {
      e--;
      continue;
    }
    if (e < MIN_EXP) {
      e = MIN_EXP;
      continue;
    }
    let mant = q;
    const twice = (n - q * d) * 2n;
    if (twice > d || (twice === d && (mant & 1n) === 1n)) mant++;
    if (mant === 1n << 64n) {
      mant = 1n << 63n;
      e++;
    }
    if (e > MAX_EXP) return infinity(sign);
    return { sign, mant, exp: e, inf: false };
  }
}

/**
 * Parses as Redis's string2ld: strtold syntax (decimal, hex, inf), no
 * leading space, nothing after the number, no NaN, no overflow, and no
 * underflow to zero. Returns undefined when Redis would reject it.
 */
export function parseLongDouble(s: string): LongDouble | undefined {
  if (s.length === 0 || s.length >= MAX_CHARS) return undefined;
  const inf = INF_RE.exec(s);
  if (inf) return infinity(inf[1] === "-" ? -1 : 1);
  const hex = HEX_RE.exec(s);
  if (hex && (hex[2].length > 0 || (hex[3] ?? "").length > 0)) {
    if (hex[0].length !== s.length) return undefined;
    const sign = hex[1] === "-" ? -1 : 1;
    const frac = hex[3] ?? "";
    const mant = BigInt("0x" + (hex[2] + frac || "0"));
    let exp = (hex[4] ? Number(hex[4]) : 0) - 4 * frac.length;
    // Far outside the range: the result is infinite or zero either way.
    if (exp > 40000) exp = 40000;
    if (exp < -40000) exp = -40000;
    return finite(round(sign, mant, 1n, exp));
  }
  const m = DEC_RE.exec(s);
  if (!m || m[0].length !== s.length) return undefined;
  const int = m[2];
  const frac = m[3] ?? "";
  if (int.length === 0 && frac.length === 0) return undefined;
  const sign = m[1] === "-" ? -1 : 1;
  const digits = BigInt((int + frac).replace(/^0+/, "") || "0");
  let exp10 = (m[4] ? Number(m[4]) : 0) - frac.length;
  if (digits === 0n) return { sign, mant: 0n, exp: 0, inf: false };
  // Exponents far outside the long double range overflow or underflow anyway.
  if (exp10 > 6000) exp10 = 6000;
  if (exp10 < -11000) exp10 = -11000;
  const r = exp10 >= 0
    ? round(sign, digits * 10n ** BigInt(exp10), 1n, 0)
    : round(sign, digits, 10n ** BigInt(-exp10), 0);
  return finite(r);
}

/** strtold's ERANGE cases that string2ld rejects: overflow and underflow to zero. */
function finite(v: LongDouble): LongDouble | undefined {
  if (v.inf || v.mant === 0n) return undefined;
  return v;
}

/** The long double nearest to `a + b`; NaN (inf - inf) comes back as undefined. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | undefined {
  if (a.inf || b.inf) {
    if (a.inf && b.inf && a.sign !== b.sign) return undefined;
    return a.inf ? a : b;
  }
  if (a.mant === 0n) return b;
  if (b.mant === 0n) return a;
  const e = a.exp < b.exp ? a.exp : b.exp;
  const sa = (a.sign < 0 ? -a.mant : a.mant) << BigInt(a.exp - e);
  const sb = (b.sign < 0 ? -b.mant : b.mant) << BigInt(b.exp - e);
  const sum = sa + sb;
  if (sum === 0n) return { sign: 1, mant: 0n, exp: 0, inf: false };
  return round(sum < 0n ? -1 : 1, sum < 0n ? -sum : sum, 1n, e);
}

/** True for ±infinity. */
export function isInfinite(v: LongDouble): boolean {
  return v.inf;
}

const TEN17 = 10n ** 17n;

/** Redis's ld2string in human mode: `%.17Lf`, trailing zeroes and `-0` removed. */
export function formatLongDoubleHuman(v: LongDouble): string {
  if (v.inf) return v.sign < 0 ? "-inf" : "inf";
  let scaled: bigint;
  if (v.exp >= 0) scaled = (v.mant << BigInt(v.exp)) * TEN17;
  else {
    const n = v.mant * TEN17;
    const shift = BigInt(-v.exp);
    scaled = n >> shift;
    const rem = n - (scaled << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (scaled & 1n) === 1n)) scaled++;
  }
  const int = scaled / TEN17;
  let frac = (scaled % TEN17).toString().padStart(17, "0");
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  const body = frac.length ? int.toString() + "." + frac : int.toString();
  if (body === "0") return "0";
  return v.sign < 0 ? "-" + body : body;
}
