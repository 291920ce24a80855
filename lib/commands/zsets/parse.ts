/**
 * Range arguments of the sorted set commands, parsed as Redis parses them
 * (zslParseRange with C strtod, zslParseLexRange), with Redis's errors.
 *
 * @module
 */
import { fail } from "../../core/errors.ts";
import type { LexBound, LexRange, ScoreRange } from "../../store/types/zset.ts";
import { toInt64 } from "../parse.ts";

export const ERR_MINMAX_FLOAT = "ERR min or max is not a float";
export const ERR_MINMAX_LEX = "ERR min or max not valid string range item";

const DECIMAL_RE = /^[ \t\n\v\f\r]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_RE = /^[ \t\n\v\f\r]*([+-]?)(?:(inf|infinity)|nan(?:\([0-9a-zA-Z_]*\))?)$/i;
const HEX_RE = /^[ \t\n\v\f\r]*([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i;

/**
 * C's strtod applied to a whole argument, as zslParseRange and SORT use it:
 * leading white space is allowed, the empty string is 0, overflow gives
 * ±inf. Returns undefined when characters are left over; NaN is returned as
 * NaN (callers reject it).
 */
export function strtodWhole(s: string): number | undefined {
  // A C string ends at the first NUL.
  const nul = s.indexOf("\0");
  if (nul >= 0) s = s.slice(0, nul);
  if (s.length === 0) return 0;
  if (DECIMAL_RE.test(s)) return Number(s.trim() === s ? s : s.replace(/^[ \t\n\v\f\r]+/, ""));
  const sp = SPECIAL_RE.exec(s);
  if (sp) {
    if (sp[2] === undefined) return NaN;
    return sp[1] === "-" ? -Infinity : Infinity;
  }
  const hx = HEX_RE.exec(s);
  if (hx && (hx[2].length > 0 || (hx[3] !== undefined && hx[3].length > 0))) {
    let v = 0;
    for (const ch of hx[2]) v = v * 16 + parseInt(ch, 16);
    const frac = hx[3] ?? "";
    let scale = 1 / 16;
    for (const ch of frac) {
      v += parseInt(ch, 16) * scale;
      scale /= 16;
    }
    if (hx[4] !== undefined) v *= Math.pow(2, Number(hx[4]));
    return hx[1] === "-" ? -v : v;
  }
  return undefined;
}

function scoreBound(arg: string, out: ScoreRange, isMin: boolean): boolean {
  let ex = false;
  if (arg.charCodeAt(0) === 40) {
    ex = true;
    arg = arg.slice(1);
  }
  const v = strtodWhole(arg);
  if (v === undefined || v !== v) return false;
  if (isMin) {
    out.min = v;
    out.minex = ex;
  } else {
    out.max = v;
    out.maxex = ex;
  }
  return true;
}

/** Parses `min`/`max` score arguments (`(1.5`, `-inf`); throws Redis's error. */
export function parseScoreRange(min: string, max: string): ScoreRange {
  const r: ScoreRange = { min: 0, max: 0, minex: false, maxex: false };
  if (!scoreBound(min, r, true) || !scoreBound(max, r, false)) fail(ERR_MINMAX_FLOAT);
  return r;
}

function lexBound(arg: string): LexBound | undefined {
  const c = arg.charCodeAt(0);
  if (c === 43) return arg.length === 1 ? { kind: 1, value: "", ex: true } : undefined;
  if (c === 45) return arg.length === 1 ? { kind: -1, value: "", ex: true } : undefined;
  if (c === 40) return { kind: 0, value: arg.slice(1), ex: true };
  if (c === 91) return { kind: 0, value: arg.slice(1), ex: false };
  return undefined;
}

/** Parses `min`/`max` lex arguments (`[a`, `(b`, `-`, `+`); throws Redis's error. */
export function parseLexRange(min: string, max: string): LexRange {
  const lo = lexBound(min);
  const hi = lo && lexBound(max);
  if (!lo || !hi) fail(ERR_MINMAX_LEX);
  return { min: lo, max: hi };
}

/** Parses a `long` argument (getLongFromObjectOrReply); throws `message`. */
export function parseLong(
  s: string,
  message = "ERR value is not an integer or out of range",
): number {
  const v = toInt64(s);
  if (v === undefined) fail(message);
  return typeof v === "bigint" ? Number(v) : v;
}
