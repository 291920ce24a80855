/**
 * `notify-keyspace-events` flag letters and their bits, as Redis 7.0 defines them.
 *
 * @module
 */
import { ConfigError } from "./error.ts";

export const NOTIFY_KEYSPACE = 1 << 0;
export const NOTIFY_KEYEVENT = 1 << 1;
export const NOTIFY_GENERIC = 1 << 2;
export const NOTIFY_STRING = 1 << 3;
export const NOTIFY_LIST = 1 << 4;
export const NOTIFY_SET = 1 << 5;
export const NOTIFY_HASH = 1 << 6;
export const NOTIFY_ZSET = 1 << 7;
export const NOTIFY_EXPIRED = 1 << 8;
export const NOTIFY_EVICTED = 1 << 9;
export const NOTIFY_STREAM = 1 << 10;
export const NOTIFY_KEY_MISS = 1 << 11;
export const NOTIFY_MODULE = 1 << 13;
export const NOTIFY_NEW = 1 << 14;
/** `A`: every class but key-miss and new. */
export const NOTIFY_ALL = NOTIFY_GENERIC | NOTIFY_STRING | NOTIFY_LIST | NOTIFY_SET | NOTIFY_HASH |
  NOTIFY_ZSET | NOTIFY_EXPIRED | NOTIFY_EVICTED | NOTIFY_STREAM | NOTIFY_MODULE;

const LETTERS: Record<string, number> = {
  A: NOTIFY_ALL,
  g: NOTIFY_GENERIC,
  $: NOTIFY_STRING,
  l: NOTIFY_LIST,
  s: NOTIFY_SET,
  h: NOTIFY_HASH,
  z: NOTIFY_ZSET,
  x: NOTIFY_EXPIRED,
  e: NOTIFY_EVICTED,
  K: NOTIFY_KEYSPACE,
  E: NOTIFY_KEYEVENT,
  t: NOTIFY_STREAM,
  m: NOTIFY_KEY_MISS,
  d: NOTIFY_MODULE,
  n: NOTIFY_NEW,
};

/** Parses a flag string such as `KEA`; throws with Redis's message on a bad letter. */
export function parseKeyspaceEventFlags(s: string): number {
  let flags = 0;
  for (const c of s) {
    const bit = LETTERS[c];
    if (bit === undefined) {
      throw new ConfigError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
    }
    flags |= bit;
  }
  return flags;
}

/** Formats flags as CONFIG GET prints them. */
export function formatKeyspaceEventFlags(flags: number): string {
  let res = "";
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) res += "A";
  else {
    if (flags & NOTIFY_GENERIC) res += "g";
    if (flags & NOTIFY_STRING) res += "$";
    if (flags & NOTIFY_LIST) res += "l";
    if (flags & NOTIFY_SET) res += "s";
    if (flags & NOTIFY_HASH) res += "h";
    if (flags & NOTIFY_ZSET) res += "z";
    if (flags & NOTIFY_EXPIRED) res += "x";
    if (flags & NOTIFY_EVICTED) res += "e";
    if (flags & NOTIFY_STREAM) res += "t";
    if (flags & NOTIFY_MODULE) res += "d";
    if (flags & NOTIFY_NEW) res += "n";
  }
  if (flags & NOTIFY_KEYSPACE) res += "K";
  if (flags & NOTIFY_KEYEVENT) res += "E";
  if (flags & NOTIFY_KEY_MISS) res += "m";
  return res;
}
