/**
 * Builders for the ordinary parameter types of Redis 7.0 (bool, numeric,
 * enum, string), with their parse rules, error texts, canonical form and
 * rewrite lines.
 *
 * @module
 */
import { ConfigError } from "./error.ts";
import { memtoull, string2ll, strtoll, toSigned64, toUnsigned64 } from "./numbers.ts";
import { repr } from "./repr.ts";
import { MULTI_ARG, type ParamSpec, type RewriteLine } from "./spec.ts";
import type { Settings } from "./settings.ts";

type Apply<T> = (s: Settings, v: T) => void;

/** Common options of the builders. */
export interface Options<T> {
  alias?: string;
  flags?: number;
  apply?: Apply<T>;
}

/** A yes/no parameter. */
export function bool(
  name: string,
  def: boolean,
  opts: Options<boolean> & { validate?: (v: boolean) => void } = {},
): ParamSpec {
  return {
    name,
    alias: opts.alias,
    flags: opts.flags ?? 0,
    defaultValue: def,
    parse(args) {
      const v = args[0].toLowerCase();
      if (v !== "yes" && v !== "no") throw new ConfigError("argument must be 'yes' or 'no'");
      opts.validate?.(v === "yes");
      return v === "yes";
    },
    format: (v) => (v ? "yes" : "no"),
    rewrite: (v, n) => [[n + " " + (v ? "yes" : "no"), v !== def]],
    apply: opts.apply as ParamSpec["apply"],
  };
}

/** How a numeric parameter's text is read and printed. */
export const MEMORY = 1;
export const PERCENT = 2;
export const OCTAL = 4;

/** The C type holding the value: bounds of unsigned types compare unsigned. */
export type NumericType =
  | "int"
  | "uint"
  | "long"
  | "ulong"
  | "longlong"
  | "ulonglong"
  | "size_t"
  | "ssize_t"
  | "off_t"
  | "time_t";

const UNSIGNED_CHECK = new Set<NumericType>(["ulonglong", "uint", "size_t"]);

/** Numeric options. */
export interface NumericOptions extends Options<number> {
  /** MEMORY, PERCENT, OCTAL bits. */
  format?: number;
  /** Applied after the bounds check (Redis clamps `hz` into 1..500). */
  clamp?: [bigint, bigint];
}

/** A numeric parameter (Redis's createIntConfig and friends). */
export function numeric(
  name: string,
  type: NumericType,
  lower: bigint,
  upper: bigint,
  def: bigint,
  opts: NumericOptions = {},
): ParamSpec {
  const fmt = opts.format ?? 0;
  const unsignedCheck = UNSIGNED_CHECK.has(type);
  const apply = opts.apply;
  return {
    name,
    alias: opts.alias,
    flags: opts.flags ?? 0,
    defaultValue: def,
    parse(args) {
      let v = parseNumber(args[0], fmt);
      checkBounds(v, lower, upper, fmt, unsignedCheck);
      if (opts.clamp) {
        if (v < opts.clamp[0]) v = opts.clamp[0];
        if (v > opts.clamp[1]) v = opts.clamp[1];
      }
      return v;
    },
    format: (v) => formatNumber(v as bigint, fmt),
    rewrite(value, n) {
      const v = value as bigint;
      if (fmt & PERCENT && v < 0n) return [[n + " " + -v + "%", v !== def]];
      if (fmt & MEMORY) return [[n + " " + formatMemory(v), v !== def]];
      if (fmt & OCTAL) return [[n + " " + toUnsigned64(v).toString(8), v !== def]];
      return [[n + " " + v, v !== def]];
    },
    apply: apply ? (s, v) => apply(s, Number(v as bigint)) : undefined,
  };
}

function parseNumber(text: string, fmt: number): bigint {
  if (fmt & MEMORY) {
    const m = memtoull(text);
    if (m !== undefined) return toSigned64(m);
  }
  if (fmt & PERCENT && text.length > 1 && text.endsWith("%")) {
    const p = string2ll(text.slice(0, -1));
    if (p !== undefined && p >= 0n) return -p;
  }
  if (fmt & OCTAL) {
    const r = strtoll(text, 8);
    if (r.end === text.length) return r.value;
  }
  if (fmt === 0) {
    const v = string2ll(text);
    if (v !== undefined) return v;
  }
  if (fmt & MEMORY && fmt & PERCENT) {
    throw new ConfigError("argument must be a memory or percent value");
  }
  if (fmt & MEMORY) throw new ConfigError("argument must be a memory value");
  if (fmt & OCTAL) throw new ConfigError("argument couldn't be parsed as an octal number");
  throw new ConfigError("argument couldn't be parsed into an integer");
}

function checkBounds(
  v: bigint,
  lower: bigint,
  upper: bigint,
  fmt: number,
  unsignedCheck: boolean,
): void {
  if (unsignedCheck) {
    const u = toUnsigned64(v);
    if (u > toUnsigned64(upper) || u < toUnsigned64(lower)) {
      const lo = toUnsigned64(lower);
      const hi = toUnsigned64(upper);
      throw new ConfigError(
        fmt & OCTAL
          ? `argument must be between ${lo.toString(8)} and ${hi.toString(8)} inclusive`
          : `argument must be between ${lo} and ${hi} inclusive`,
      );
    }
    return;
  }
  if (fmt & PERCENT && v < 0n) {
    if (v < lower) throw new ConfigError(`percentage argument must be less or equal to ${-lower}`);
    return;
  }
  if (v > upper || v < lower) {
    throw new ConfigError(`argument must be between ${lower} and ${upper} inclusive`);
  }
}

function formatNumber(v: bigint, fmt: number): string {
  if (fmt & PERCENT && v < 0n) return -v + "%";
  if (fmt & MEMORY) return toUnsigned64(v).toString();
  if (fmt & OCTAL) return toUnsigned64(v).toString(8);
  return v.toString();
}

const GB = 1024n * 1024n * 1024n;
const MB = 1024n * 1024n;
const KB = 1024n;

/** Redis's rewriteConfigFormatMemory: the largest exact unit of gb, mb, kb. */
export function formatMemory(bytes: bigint): string {
  const b = toSigned64(bytes);
  if (b !== 0n && b % GB === 0n) return b / GB + "gb";
  if (b !== 0n && b % MB === 0n) return b / MB + "mb";
  if (b !== 0n && b % KB === 0n) return b / KB + "kb";
  return b.toString();
}

/** Enum options. */
export interface EnumOptions extends Options<string> {
  /** Extra check on the parsed value (Redis's is_valid_fn). */
  validate?: (v: number) => void;
}

/**
 * An enumeration. With MULTI_ARG the names are bit flags that combine
 * (`shutdown-on-sigint nosave now`). The settings get the canonical text.
 */
export function enumeration(
  name: string,
  values: Array<[string, number]>,
  def: number,
  opts: EnumOptions = {},
): ParamSpec {
  const flags = opts.flags ?? 0;
  const bitflags = (flags & MULTI_ARG) !== 0;
  const apply = opts.apply;
  const nameOf = (v: number) => enumName(values, v, bitflags);
  return {
    name,
    alias: opts.alias,
    flags,
    defaultValue: def,
    parse(args) {
      const v = enumValue(values, args, bitflags);
      if (v === undefined) {
        const list = "argument(s) must be one of the following: " +
          values.map((e) => e[0]).join(", ");
        throw new ConfigError(list.slice(0, 255));
      }
      opts.validate?.(v);
      return v;
    },
    format: (v) => nameOf(v as number),
    rewrite: (v, n) => [[n + " " + nameOf(v as number), v !== def]],
    apply: apply ? (s, v) => apply(s, nameOf(v as number)) : undefined,
  };
}

function enumValue(
  values: Array<[string, number]>,
  args: string[],
  bitflags: boolean,
): number | undefined {
  if (args.length === 0 || (!bitflags && args.length !== 1)) return undefined;
  let out = 0;
  for (const a of args) {
    const lower = a.toLowerCase();
    let matched = false;
    for (const [n, v] of values) {
      if (n === lower) {
        out |= v;
        matched = true;
      }
    }
    if (!matched) return undefined;
  }
  return out;
}

/** Redis's configEnumGetName: an exact match first, else the bit flags' names in table order. */
export function enumName(values: Array<[string, number]>, v: number, bitflags: boolean): string {
  const names: string[] = [];
  let unmatched = v;
  for (const [n, val] of values) {
    if (v === val) return n;
    if (bitflags && val !== 0 && val === (unmatched & val)) {
      names.push(n);
      unmatched &= ~val;
    }
  }
  if (names.length === 0 || unmatched !== 0) return "unknown";
  return names.join(" ");
}

/** String options. */
export interface StringOptions extends Options<string> {
  /** Empty means "not set" (Redis's EMPTY_STRING_IS_NULL): then CONFIG REWRITE writes no line. */
  emptyIsNull?: boolean;
  validate?: (v: string) => void;
}

/** A string parameter; `def` null stands for Redis's NULL default. */
export function string(name: string, def: string | null, opts: StringOptions = {}): ParamSpec {
  const apply = opts.apply;
  return {
    name,
    alias: opts.alias,
    flags: opts.flags ?? 0,
    defaultValue: def,
    parse(args) {
      opts.validate?.(args[0]);
      return opts.emptyIsNull && args[0] === "" ? null : args[0];
    },
    format: (v) => (v as string | null) ?? "",
    rewrite(value, n): RewriteLine[] {
      const v = value as string | null;
      if (v === null) return [];
      return [[n + " " + repr(v), def === null || v !== def]];
    },
    apply: apply ? (s, v) => apply(s, (v as string | null) ?? "") : undefined,
  };
}
