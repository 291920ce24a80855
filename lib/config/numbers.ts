/**
 * Number parsing with the exact rules of the C helpers Redis's config code
 * uses (string2ll, strtoll, memtoull, string2d), so that CONFIG SET and
 * redis.conf accept and refuse the same inputs. Values are bigints: several
 * parameters are 64-bit and wrap or saturate as C does.
 *
 * @module
 */

export const LLONG_MIN = -(1n << 63n);
export const LLONG_MAX = (1n << 63n) - 1n;
export const ULLONG_MAX = (1n << 64n) - 1n;
export const INT_MIN = -(1n << 31n);
export const INT_MAX = (1n << 31n) - 1n;
export const UINT_MAX = (1n << 32n) - 1n;
export const LONG_MAX = LLONG_MAX;

/** Redis's string2ll: optional '-', digits without leading zeros, no spaces or '+'; 64-bit range. */
export function string2ll(s: string): bigint | undefined {
  const n = s.length;
  if (n === 0 || n > 20) return undefined;
  if (n === 1 && s === "0") return 0n;
  let i = 0;
  if (s[0] === "-") {
    i = 1;
    if (n === 1) return undefined;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return undefined;
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
  }
  const v = BigInt(s);
  if (v < LLONG_MIN || v > LLONG_MAX) return undefined;
  return v;
}

function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * C's strtoll in base 10 (or 8): skips leading spaces, takes a sign, reads
 * digits and saturates. Returns the value and the index where parsing stopped
 * (0 when no digits were read, as C sets endptr to the start).
 */
export function strtoll(s: string, base = 10): { value: bigint; end: number } {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") {
    neg = s[i] === "-";
    i++;
  }
  const start = i;
  let v = 0n;
  const b = BigInt(base);
  while (i < s.length) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d >= base) break;
    v = v * b + BigInt(d);
    i++;
  }
  if (i === start) return { value: 0n, end: 0 };
  if (neg) v = -v;
  if (v > LLONG_MAX) v = LLONG_MAX;
  if (v < LLONG_MIN) v = LLONG_MIN;
  return { value: v, end: i };
}

/** True when the whole of `s` is a C strtoll number (what `*eptr == '\0'` checks). */
export function strtollWhole(s: string, base = 10): bigint | undefined {
  const r = strtoll(s, base);
  return r.end === s.length ? r.value : undefined;
}

const UNITS: Record<string, bigint> = {
  "": 1n,
  b: 1n,
  k: 1000n,
  kb: 1024n,
  m: 1000n * 1000n,
  mb: 1024n * 1024n,
  g: 1000n * 1000n * 1000n,
  gb: 1024n * 1024n * 1024n,
};

/**
 * Redis's memtoull: digits then an optional unit (b, k, kb, m, mb, g, gb,
 * any case). Saturates on overflow and wraps the unit product to 64 bits,
 * as the C code does. Returns undefined on error.
 */
export function memtoull(s: string): bigint | undefined {
  if (s[0] === "-") return undefined;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  const mul = UNITS[s.slice(i).toLowerCase()];
  if (mul === undefined) return undefined;
  if (i >= 128) return undefined;
  let v = i === 0 ? 0n : BigInt(s.slice(0, i));
  if (v > ULLONG_MAX) v = ULLONG_MAX;
  return (v * mul) & ULLONG_MAX;
}

/** A 64-bit pattern read as a signed long long. */
export function toSigned64(v: bigint): bigint {
  v &= ULLONG_MAX;
  return v > LLONG_MAX ? v - (1n << 64n) : v;
}

/** A 64-bit pattern read as an unsigned long long. */
export function toUnsigned64(v: bigint): bigint {
  return v & ULLONG_MAX;
}

const DOUBLE_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)$/i;

/** Redis's string2d: a whole strtod number, no surrounding spaces, not NaN. */
export function string2d(s: string): number | undefined {
  if (s.length === 0 || isCSpace(s.charCodeAt(0)) || isCSpace(s.charCodeAt(s.length - 1))) {
    return undefined;
  }
  if (!DOUBLE_RE.test(s)) return undefined;
  const lower = s.toLowerCase();
  let v: number;
  if (lower.includes("inf")) v = lower[0] === "-" ? -Infinity : Infinity;
  else v = Number(s);
  if (Number.isNaN(v)) return undefined;
  return v;
}

/** `%f` then Redis's trimDoubleString (no trailing zeros, no trailing dot). */
export function formatTrimmedDouble(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? "inf" : v < 0 ? "-inf" : "nan";
  let s = v.toFixed(6);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}
