/**
 * Number formats of the GEO replies: distances with 4 decimals (Redis's
 * fixedpoint_d2string, rounding half to even), coordinates as `%.17Lf` with
 * trailing zeros removed (LD_STR_HUMAN), and C's `%f` for error texts.
 *
 * @module
 */

/** Round half to even, as llrint in the default rounding mode. */
function rint(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** A distance as Redis replies it: `%.4f`-like with half-even rounding of d * 10^4. */
export function formatDistance(d: number): string {
  if (d === 0) return "0.0000";
  const v = rint(d * 10000);
  const neg = v < 0;
  let digits = String(Math.abs(v));
  if (digits.indexOf("e") >= 0) digits = BigInt(Math.abs(v)).toString();
  while (digits.length < 5) digits = "0" + digits;
  const out = digits.slice(0, digits.length - 4) + "." + digits.slice(digits.length - 4);
  return neg ? "-" + out : out;
}

/**
 * C's `printf("%.<digits>f", d)`: exact decimal expansion rounded half to
 * even. Uses toFixed (exact, ties upward) except where a tie or a huge value
 * needs exact BigInt arithmetic.
 */
export function formatFixed(d: number, digits: number): string {
  if (d !== d) return "nan";
  if (d === Infinity) return "inf";
  if (d === -Infinity) return "-inf";
  const tie = Number.isInteger(d * Math.pow(2, digits + 1)) &&
    !Number.isInteger(d * Math.pow(2, digits));
  if (!tie && Math.abs(d) < 1e21) {
    const s = d.toFixed(digits);
    return Object.is(d, -0) ? "-" + s : s;
  }
  return exactFixed(d, digits);
}

function exactFixed(d: number, digits: number): string {
  const neg = d < 0 || Object.is(d, -0);
  let x = Math.abs(d);
  // x = mant * 2^exp exactly.
  let exp = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    exp--;
  }
  const num = BigInt(x) * 10n ** BigInt(digits);
  let q: bigint;
  if (exp < 0) {
    const den = 1n << BigInt(-exp);
    q = num / den;
    const r = num % den;
    const twice = r * 2n;
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  } else q = num;
  let s = q.toString();
  if (digits > 0) {
    while (s.length <= digits) s = "0" + s;
    s = s.slice(0, s.length - digits) + "." + s.slice(s.length - digits);
  }
  return neg ? "-" + s : s;
}

/** A coordinate as Redis's addReplyHumanLongDouble writes it. */
export function formatHumanLongDouble(d: number): string {
  if (d === Infinity) return "inf";
  if (d === -Infinity) return "-inf";
  let s = formatFixed(d, 17);
  if (s.indexOf(".") >= 0) {
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--;
    if (s.charCodeAt(end - 1) === 46) end--;
    s = s.slice(0, end);
  }
  if (s === "-0") s = "0";
  return s;
}
