/**
 * Integer arguments with the exact error texts of Redis's
 * getLongFromObjectOrReply, getPositiveLongFromObjectOrReply and
 * getRangeLongFromObjectOrReply (long is 64-bit, as on Redis's targets).
 * Shared by the list, hash and set commands.
 *
 * @module
 */
import { ERR_NOT_INTEGER, fail } from "../../core/errors.ts";
import { toInt64 } from "../parse.ts";

/** LONG_MAX. */
export const LONG_MAX = 9223372036854775807n;

/** Parses a 64-bit integer; throws `message` (ERR prefixed) or the standard error. */
export function longArg(s: string, message?: string): number | bigint {
  const v = toInt64(s);
  if (v === undefined) fail(message === undefined ? ERR_NOT_INTEGER : "ERR " + message);
  return v;
}

/**
 * Parses an integer that must lie in [min, max]. Out of range: throws
 * `message`, or Redis's "value is out of range, value must between" text.
 * The result is a number (big magnitudes lose precision, which no count or
 * index can notice).
 */
export function rangeLongArg(s: string, min: bigint, max: bigint, message?: string): number {
  const v = longArg(s, message);
  if (v < min || v > max) {
    fail(
      message === undefined
        ? "ERR value is out of range, value must between " + min + " and " + max
        : "ERR " + message,
    );
  }
  return Number(v);
}

/** Parses an integer >= 0; the error is `message` or "value is out of range, must be positive". */
export function positiveLongArg(
  s: string,
  message = "value is out of range, must be positive",
): number {
  return rangeLongArg(s, 0n, LONG_MAX, message);
}
