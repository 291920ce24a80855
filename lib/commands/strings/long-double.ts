/**
 * INCRBYFLOAT's arithmetic as Redis does it on x86-64: C `long double`
 * (80-bit x87 extended precision, 64-bit significand), parsed like glibc's
 * strtold, added with round-to-nearest-even, and printed like `%.17Lf` with
 * trailing zeros removed. JavaScript has no such type, so values are exact
 * binary fractions held in bigints and every rounding step is done by hand.
 * This is what makes `INCRBYFLOAT k 0.1` on `10.5` print `10.6` and
 * `1 + -1.1` print `-0.1`, exactly as Redis prints them.
 *
 * @module
 */

/** A finite extended value: (-1)^neg × mant × 2^exp, or an infinity. */
export interface LongDouble {
  neg: boolean;
  mant: bigint;
  exp: number;
  inf: boolean;
}

/** Significand width of the x87 extended format. */
const PRECISION = 64;
/** Exponent of the lowest significand bit of the smallest subnormal (2^-16445). */
const MIN_LSB_EXP = -16445;
/** Values at or above 2^MAX_TOP overflow to infinity. */
const MAX_TOP = 16384;
/** strtold's input must be shorter than Redis's MAX_LONG_DOUBLE_CHARS. */
const MAX_CHARS = 5 * 1024;

const ZERO: LongDouble = { neg: false, mant: 0n, exp: 0, inf: false };

function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  const top = parseInt(hex[0], 16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(top));
}

/**
 * Rounds the exact magnitude n × 2^e (plus a nonzero tail below it when
 * `sticky`) to the extended format, ties to even; overflow gives infinity.
 */
function round(neg: boolean, n: bigint, e: number, sticky: boolean): LongDouble {
  if (n === 0n) return { neg, mant: 0n, exp: 0, inf: false };
  const len = bitLength(n);
  let shift = len - PRECISION;
  if (e + shift < MIN_LSB_EXP) shift = MIN_LSB_EXP - e;
  let mant = n;
  let exp = e;
  if (shift > 0) {
    const big = BigInt(shift);
    mant = n >> big;
    const rest = n - (mant << big);
    const half = 1n << (big - 1n);
    if (rest > half || (rest === half && (sticky || (mant & 1n) === 1n))) mant += 1n;
    exp = e + shift;
  }
  if (mant !== 0n && exp + bitLength(mant) > MAX_TOP) return { neg, mant: 0n, exp: 0, inf: true };
  return { neg, mant, exp, inf: false };
}

function pow10(k: number): bigint {
  return 10n ** BigInt(k);
}

/**
 * Parses as Redis's string2ld: strtold syntax (decimal, hexadecimal, `inf`,
 * `infinity`), the whole string, no leading space, no NaN, and no overflow
 * or underflow to zero. Returns undefined when Redis would reject it.
 */
export function parseLongDouble(s: string): LongDouble | undefined {
  const len = s.length;
  if (len === 0 || len >= MAX_CHARS) return undefined;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest === "inf" || rest === "infinity") return { neg, mant: 0n, exp: 0, inf: true };
  if (rest.length > 1 && rest.charCodeAt(0) === 48 && rest.charCodeAt(1) === 120) {
    return parseHex(neg, rest, 2);
  }
  return parseDecimal(neg, rest);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function parseDecimal(neg: boolean, s: string): LongDouble | undefined {
  const n = s.length;
  let i = 0;
  let digits = "";
  let fracDigits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) digits += s[i++];
  const intCount = digits.length;
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      digits += s[i++];
      fracDigits++;
    }
  }
  if (digits.length === 0 || (intCount === 0 && fracDigits === 0)) return undefined;
  let exp10 = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 101) return undefined;
    i++;
    let eneg = false;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
      eneg = s.charCodeAt(i) === 45;
      i++;
    }
    if (i >= n) return undefined;
    let e = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (!isDigit(c)) return undefined;
      // Past this the value is an overflow or underflow anyway.
      if (e < 100000) e = e * 10 + (c - 48);
    }
    exp10 = eneg ? -e : e;
  }
  exp10 -= fracDigits;
  const d = BigInt(digits);
  if (d === 0n) return { neg, mant: 0n, exp: 0, inf: false };
  // Decimal magnitude of the leading digit, to skip hopeless cases fast.
  const mag = digits.replace(/^0+/, "").length + exp10;
  if (mag > 4934) return undefined; // beyond 1.19e4932: ERANGE overflow
  if (mag < -4952) return undefined; // below the smallest subnormal: ERANGE zero
  let v: LongDouble;
  if (exp10 >= 0) v = round(neg, d * pow10(exp10), 0, false);
  else {
    const p = pow10(-exp10);
    const k = Math.max(0, PRECISION + 2 + bitLength(p) - bitLength(d));
    const num = d << BigInt(k);
    const q = num / p;
    v = round(neg, q, -k, q * p !== num);
  }
  return checkRange(v);
}

function parseHex(neg: boolean, s: string, start: number): LongDouble | undefined {
  const n = s.length;
  let i = start;
  let hex = "";
  let fracDigits = 0;
  while (i < n && isHexDigit(s.charCodeAt(i))) hex += s[i++];
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    while (i < n && isHexDigit(s.charCodeAt(i))) {
      hex += s[i++];
      fracDigits++;
    }
  }
  if (hex.length === 0) return undefined;
  let exp2 = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 112) return undefined;
    i++;
    let eneg = false;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
      eneg = s.charCodeAt(i) === 45;
      i++;
    }
    if (i >= n) return undefined;
    let e = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (!isDigit(c)) return undefined;
      if (e < 1000000) e = e * 10 + (c - 48);
    }
    exp2 = eneg ? -e : e;
  }
  const m = BigInt("0x" + hex);
  if (m === 0n) return { neg, mant: 0n, exp: 0, inf: false };
  const e = exp2 - 4 * fracDigits;
  const top = e + bitLength(m);
  if (top > MAX_TOP + 1) return undefined;
  if (top < MIN_LSB_EXP - 1) return undefined;
  return checkRange(round(neg, m, e, false));
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** strtold reports ERANGE on overflow and on underflow to zero; Redis rejects both. */
function checkRange(v: LongDouble): LongDouble | undefined {
  if (v.inf || v.mant === 0n) return undefined;
  return v;
}

/** Converts a JS number (a double, so exactly representable) to the extended form. */
export function longDoubleFromNumber(x: number): LongDouble {
  if (x === 0) return Object.is(x, -0) ? { ...ZERO, neg: true } : ZERO;
  if (!Number.isFinite(x)) return { neg: x < 0, mant: 0n, exp: 0, inf: true };
  const neg = x < 0;
  let a = Math.abs(x);
  let e = 0;
  while (!Number.isInteger(a)) {
    a *= 2;
    e--;
  }
  return { neg, mant: BigInt(a), exp: e, inf: false };
}

/** a + b with one rounding, as the FPU does. Infinities propagate (NaN for inf - inf is not needed: callers reject any infinity). */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.inf || b.inf) return { neg: a.inf ? a.neg : b.neg, mant: 0n, exp: 0, inf: true };
  if (a.mant === 0n && b.mant === 0n) return { neg: a.neg && b.neg, mant: 0n, exp: 0, inf: false };
  if (a.mant === 0n) return b;
  if (b.mant === 0n) return a;
  const e = Math.min(a.exp, b.exp);
  const x = a.mant << BigInt(a.exp - e);
  const y = b.mant << BigInt(b.exp - e);
  const sum = (a.neg ? -x : x) + (b.neg ? -y : y);
  if (sum === 0n) return ZERO;
  return sum < 0n ? round(true, -sum, e, false) : round(false, sum, e, false);
}

/**
 * Formats as Redis's ld2string in human mode: `%.17Lf` (exact value rounded
 * to 17 decimals, ties to even), trailing zeros and a bare point removed,
 * and "-0" written as "0".
 */
export function formatLongDoubleHuman(v: LongDouble): string {
  if (v.inf) return v.neg ? "-inf" : "inf";
  let scaled: bigint;
  if (v.exp >= 0) scaled = (v.mant << BigInt(v.exp)) * 100000000000000000n;
  else {
    const shift = BigInt(-v.exp);
    const num = v.mant * 100000000000000000n;
    scaled = num >> shift;
    const rest = num - (scaled << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (scaled & 1n) === 1n)) scaled += 1n;
  }
  let digits = scaled.toString();
  if (digits.length < 18) digits = "0".repeat(18 - digits.length) + digits;
  const cut = digits.length - 17;
  let frac = digits.slice(cut);
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  let out = digits.slice(0, cut);
  if (frac.length > 0) out += "." + frac;
  if (v.neg && out !== "0") out = "-" + out;
  return out;
}
