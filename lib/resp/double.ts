/**
 * Double formatting as Redis 7.0 prints doubles in replies (`%.17g`), and the
 * "human" form used by INCRBYFLOAT and HINCRBYFLOAT.
 *
 * @module
 */

/**
 * Formats like C's `printf("%.17g")`, with `inf`/`-inf` as Redis writes them.
 *
 * @example
 * ```ts
 * formatDouble(1.5); // "1.5"
 * formatDouble(0.1); // "0.10000000000000001"
 * ```
 */
export function formatDouble(d: number): string {
  if (d === Infinity) return "inf";
  if (d === -Infinity) return "-inf";
  if (d !== d) return "nan";
  if (d === 0) return Object.is(d, -0) ? "-0" : "0";
  // Integers below 2^53 print exactly; the common case for scores.
  if (Number.isInteger(d) && d <= 9007199254740992 && d >= -9007199254740992) return String(d);
  // Dyadic values whose exact decimal has at most 15 significant digits (1.5,
  // 2.25, 0.375) print exactly, and the shortest round-trip form is that
  // exact decimal; toExponential is slow for them on V8.
  decompose(d);
  if (bitsK < 0 && bitsK >= -21 && Math.abs(d) >= 1e-4 && bitsM * Math.pow(5, -bitsK) < 1e15) {
    return String(d);
  }
  // %g rounds to 17 significant digits as %e does, then picks the style.
  const exp = exponential17(d);
  const e = exp.indexOf("e");
  const x = Number(exp.slice(e + 1));
  const neg = d < 0;
  const mant = exp.slice(neg ? 1 : 0, e);
  if (x < -4 || x >= 17) {
    const ax = Math.abs(x);
    return (neg ? "-" : "") + stripZeros(mant) + "e" + (x < 0 ? "-" : "+") +
      (ax < 10 ? "0" + ax : String(ax));
  }
  const digits = mant[0] + mant.slice(2);
  let fixed: string;
  if (x < 0) fixed = "0." + "0".repeat(-x - 1) + digits;
  else fixed = digits.slice(0, x + 1) + "." + digits.slice(x + 1);
  return (neg ? "-" : "") + stripZeros(fixed);
}

/**
 * `d.toExponential(16)`, except that exact ties round half to even as C's
 * printf does (toExponential rounds them up): e.g. 2^-25 prints
 * 2.9802322387695312e-08 in Redis. A tie needs the 18th significant digit to
 * be a 5 that ends the exact binary value, checked with BigInt arithmetic.
 */
function exponential17(d: number): string {
  const s = d.toExponential(16);
  if (!mayTie(d)) return s;
  const t = Math.abs(d).toExponential(17);
  if (t.charCodeAt(18) !== 53) return s;
  const x = Number(t.slice(t.indexOf("e") + 1));
  const n = BigInt(t[0] + t.slice(2, 19));
  const q = x - 17;
  const [m, k] = exactBinary(d);
  let lhs = m;
  let rhs = n;
  if (k >= 0) lhs <<= BigInt(k);
  else rhs <<= BigInt(-k);
  if (q >= 0) rhs *= 10n ** BigInt(q);
  else lhs *= 10n ** BigInt(-q);
  if (lhs !== rhs) return s;
  if (Number(t[17]) % 2 === 1) return s;
  return (d < 0 ? "-" : "") + t.slice(0, 18) + t.slice(t.indexOf("e"));
}

const scratch = new DataView(new ArrayBuffer(8));

/**
 * Cheap filter for exponential17: a tie at 17 significant digits needs the
 * exact decimal value of d to have exactly 18 significant digits. With
 * |d| = m * 2^k (m odd), that value has the digits of m * 5^-k (k < 0) or of
 * m * 2^k (k >= 0), so it must lie in [1e17, 1e18). Most doubles (0.1 has
 * k = -55) fail this at once.
 */
function mayTie(d: number): boolean {
  decompose(d);
  const m = bitsM;
  const k = bitsK;
  if (m === 0) return false;
  if (k >= 0) {
    const v = Math.abs(d);
    return v >= 9.9e16 && v < 1.01e18;
  }
  if (k < -26) return false;
  const v = m * Math.pow(5, -k);
  return v >= 9.9e16 && v < 1.01e18;
}

let bitsM = 0;
let bitsK = 0;

/** Sets bitsM, bitsK so that |d| = bitsM * 2^bitsK with bitsM odd (or 0). */
function decompose(d: number): void {
  scratch.setFloat64(0, d);
  const hi = scratch.getUint32(0);
  const e = (hi >>> 20) & 0x7ff;
  const lo = scratch.getUint32(4);
  let top = hi & 0xfffff;
  let k = -1074;
  if (e !== 0) {
    top += 0x100000;
    k = e - 1075;
  }
  // Strip trailing zero bits: count them on the 32-bit halves (no fmod loop).
  let tz = 0;
  if (lo !== 0) tz = 31 - Math.clz32(lo & -lo);
  else if (top !== 0) tz = 32 + 31 - Math.clz32(top & -top);
  const m = top * 4294967296 + lo;
  bitsM = m === 0 ? 0 : m / Math.pow(2, tz);
  bitsK = k + tz;
}

/** |d| as m * 2^k exactly. */
function exactBinary(d: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return [m, -1074];
  m |= 1n << 52n;
  return [m, e - 1075];
}

function stripZeros(s: string): string {
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/**
 * The human form Redis uses for INCRBYFLOAT results (`%.17Lf` with trailing
 * zeroes removed, on a long double). JS has no long double, so the shortest
 * round-trip decimal is used, which is what Redis's extra precision yields
 * for ordinary inputs (`10.5 + 0.1` gives `10.6`). Exponents are expanded.
 *
 * @example
 * ```ts
 * formatHumanDouble(10.6); // "10.6"
 * formatHumanDouble(5e3); // "5000"
 * ```
 */
export function formatHumanDouble(d: number): string {
  if (d === Infinity) return "inf";
  if (d === -Infinity) return "-inf";
  if (d === 0) return "0";
  const s = String(d);
  if (s.indexOf("e") < 0) return s;
  // Expand exponent notation: Redis never prints exponents here.
  const neg = d < 0;
  const [mant, expPart] = (neg ? s.slice(1) : s).split("e");
  const exp = Number(expPart);
  const digits = mant.replace(".", "");
  const point = (mant.indexOf(".") >= 0 ? mant.indexOf(".") : mant.length) + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  if (out.indexOf(".") >= 0 && out.length > 0) {
    // %.17Lf keeps at most 17 decimals.
    const dot = out.indexOf(".");
    if (out.length - dot - 1 > 17) out = stripZeros(out.slice(0, dot + 18));
  }
  return neg ? "-" + out : out;
}
