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
  const exp = d.toExponential(16);
  const e = exp.indexOf("e");
  const x = Number(exp.slice(e + 1));
  if (x < -4 || x >= 17) {
    let mant = exp.slice(0, e);
    if (mant.indexOf(".") >= 0) mant = stripZeros(mant);
    const ax = Math.abs(x);
    return mant + "e" + (x < 0 ? "-" : "+") + (ax < 10 ? "0" + ax : String(ax));
  }
  const fixed = d.toFixed(16 - x);
  return fixed.indexOf(".") >= 0 ? stripZeros(fixed) : fixed;
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
