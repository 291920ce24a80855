/**
 * Redis's string2ll, the one parser of signed 64-bit decimals: command
 * arguments (lib/commands/parse.ts), string encodings (object-info.ts) and
 * RDB integer encodings (lib/persistence/rdb) all read integers with it.
 *
 * @module
 */

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

/**
 * Parses a signed 64-bit decimal as Redis's string2ll: optional '-', no '+',
 * no leading zeros or spaces. Returns a number when it fits exactly in a
 * double, a bigint otherwise, or undefined when invalid.
 */
export function toInt64(s: string): number | bigint | undefined {
  const n = s.length;
  if (n === 0 || n > 20) return undefined;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45) {
    if (n === 1) return undefined;
    neg = true;
    i = 1;
  }
  if (s.charCodeAt(i) === 48) return n === 1 ? 0 : undefined;
  let v = 0;
  for (let j = i; j < n; j++) {
    const c = s.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  if (v <= MAX_SAFE) return neg ? -v : v;
  const big = BigInt(s);
  if (big < I64_MIN || big > I64_MAX) return undefined;
  return big;
}
