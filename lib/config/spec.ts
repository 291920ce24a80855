/**
 * The shape of a configuration parameter, modelled on Redis 7.0's
 * standardConfig: flags, a typed value with a parser, the canonical text
 * CONFIG GET prints, and the lines CONFIG REWRITE writes.
 *
 * @module
 */
import type { Settings } from "./settings.ts";

/** Cannot be changed by CONFIG SET. */
export const IMMUTABLE = 1;
/** Changeable only when enable-protected-configs allows it. */
export const PROTECTED = 2;
/** Its value is redacted from MONITOR and SLOWLOG. */
export const SENSITIVE = 4;
/** Takes several arguments (a value is split on spaces in CONFIG SET). */
export const MULTI_ARG = 8;
/** Only returned by CONFIG GET when asked by exact name. */
export const HIDDEN = 16;
/** Refused (LOADING error) while a dataset is loading. */
export const DENY_LOADING = 32;
/** Printed by DEBUG's config dump (Redis's DEBUG_CONFIG). */
export const DEBUG = 64;

/** State a parser may need besides the arguments. */
export interface ParseContext {
  /** True while reading redis.conf and the command line. */
  loading: boolean;
  /** `save` lines in a config file append to each other after the first one resets the defaults. */
  saveLoaded: boolean;
}

/** A line CONFIG REWRITE would write, and whether it must be written even if absent from the file. */
export type RewriteLine = [line: string, force: boolean];

/** A configuration parameter. */
export interface ParamSpec {
  name: string;
  /** The other name Redis accepts (e.g. `slaveof` for `replicaof`). */
  alias?: string;
  /** Bit set of the flags above. */
  flags: number;
  /** Typed default value. */
  defaultValue: unknown;
  /** Turns arguments into the typed value; throws ConfigError with Redis's reason. */
  parse(args: string[], prev: unknown, ctx: ParseContext): unknown;
  /** Canonical text for CONFIG GET. */
  format(value: unknown): string;
  /** Lines for CONFIG REWRITE (empty: write nothing, but drop old lines). */
  rewrite(value: unknown, name: string): RewriteLine[];
  /** Stores the typed value into the settings the hot paths read. */
  apply?(settings: Settings, value: unknown): void;
  /** Reads the live value when it lives outside the table (e.g. `dir` is the process's cwd). */
  read?(): unknown;
}

/** Sets a field of the settings object. */
export function setField<K extends keyof Settings>(key: K): (s: Settings, v: Settings[K]) => void {
  return (s, v) => {
    s[key] = v;
  };
}
