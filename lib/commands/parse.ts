/**
 * Argument parsing with Redis's rules and error texts (string2ll, strtod).
 *
 * @module
 */
import { ERR_NOT_FLOAT, ERR_NOT_INTEGER, fail } from "../core/errors.ts";
import { toInt64 } from "../store/int64.ts";

export { toInt64 };

/** Parses an integer that must fit a JS safe integer (as most counts and indexes); throws Redis's error. */
export function parseInteger(s: string, message = ERR_NOT_INTEGER): number {
  const v = toInt64(s);
  if (v === undefined) fail(message);
  if (typeof v === "bigint") return Number(v);
  return v;
}

/** As {@link parseInteger} but keeps full 64-bit precision (bigint past 2^53). */
export function parseInt64(s: string, message = ERR_NOT_INTEGER): number | bigint {
  const v = toInt64(s);
  if (v === undefined) fail(message);
  return v;
}

const FLOAT_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity)$/i;
const HEX_FLOAT_RE = /^[+-]?0x[0-9a-f]+(?:\.[0-9a-f]*)?(?:p[+-]?\d+)?$/i;

/**
 * Parses a double as Redis's string2d/strtod: decimal, exponent, `inf`,
 * `-inf`, `+inf`; no spaces, no NaN. Returns undefined when invalid.
 */
export function toDouble(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 5000) return undefined;
  // Fast path, no regular expressions: a plain decimal integer of at most
  // 15 digits (exact as a double), the usual score or increment.
  if (n <= 15) {
    const neg = s.charCodeAt(0) === 45;
    let v = 0;
    let i = neg ? 1 : 0;
    for (; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n && n > (neg ? 1 : 0)) return neg ? -v : v;
  }
  if (!FLOAT_RE.test(s)) {
    if (HEX_FLOAT_RE.test(s)) return parseHexFloat(s);
    return undefined;
  }
  const c = s.charCodeAt(s.length - 1) | 32;
  if (c === 102 || c === 121) return s.charCodeAt(0) === 45 ? -Infinity : Infinity;
  const v = Number(s);
  // strtod's ERANGE: string2d rejects overflow to ±inf and underflow to zero.
  if (v === Infinity || v === -Infinity) return undefined;
  if (v === 0 && /[1-9]/.test(s.replace(/[eE].*$/, ""))) return undefined;
  return v;
}

function parseHexFloat(s: string): number {
  const neg = s[0] === "-";
  const body = s.replace(/^[+-]?0x/i, "");
  const [mant, exp] = body.split(/p/i);
  const [ip, fp = ""] = mant.split(".");
  let v = parseInt(ip || "0", 16);
  for (let i = 0; i < fp.length; i++) v += parseInt(fp[i], 16) / Math.pow(16, i + 1);
  v *= Math.pow(2, exp ? Number(exp) : 0);
  return neg ? -v : v;
}

/** Parses a double; throws `ERR value is not a valid float` (or `message`). */
export function parseDouble(s: string, message = ERR_NOT_FLOAT): number {
  const v = toDouble(s);
  if (v === undefined) fail(message);
  return v;
}

/** Case-insensitive comparison of an argument with an uppercase keyword. */
export function isKeyword(arg: string, upper: string): boolean {
  return arg.length === upper.length && arg.toUpperCase() === upper;
}
