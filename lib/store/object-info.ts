/**
 * What OBJECT (and DEBUG OBJECT, RESTORE IDLETIME/FREQ, eviction) know about
 * a key's value: Redis's per-object access clock (the 24-bit `lru` field),
 * string encodings and reference counts.
 *
 * The access clock lives beside each key in the dictionary (a 32-bit stamp
 * per StrMap slot: a string value is a JS primitive with no room for a
 * field); {@link Database.access} is a by-key view of the stamps.
 * It holds, as Redis's `lru` field does, either an LRU clock (seconds mod
 * 2^24) or, under an LFU `maxmemory-policy`, `minutes << 8 | counter`. The
 * engine publishes which one to write as `accessClock` (see
 * {@link accessClockFor}); switching policy reinterprets old stamps, as in
 * Redis ("LRU and LFU data will take some time to adjust").
 *
 * Cost: 4 bytes per dictionary slot and a store to one more cache line per
 * access (in-process GET over 100k random keys on Deno: ~270-330 ns with
 * stamps, ~250-290 without; it was +250 ns while stamps lived in a Map of
 * their own). Redis gets this for free in its object header; we do not,
 * so tracking is automatic:
 *
 * - A database tracks while it has at most {@link accessAutoOffKeys} keys
 *   (cheap), or when an LRU/LFU `maxmemory-policy` is set as it grows past
 *   that (eviction needs the stamps). A policy set after the stamps were
 *   dropped does not restart tracking by itself: eviction code must call
 *   {@link ensureAccessTracking} on the databases it samples.
 * - Past that size it drops the stamps (ACCESS_AUTO mode), until the first
 *   OBJECT IDLETIME/FREQ, DEBUG OBJECT or RESTORE IDLETIME/FREQ on it, which
 *   turns tracking back on for good (ACCESS_PINNED), and FLUSHDB, which
 *   makes it small again.
 * - A key with no stamp counts as accessed when tracking (re)started
 *   ({@link Database.accessSince}). After a restart that is a lower bound:
 *   the key may have been idle longer, never shorter (it was not accessed
 *   since, or it would have a stamp). Redis's own answer is approximate too
 *   (one-second clock, wrapping after 194 days; LFU counters are
 *   probabilistic).
 *
 * `setAccessTracking(dbs, false)` turns tracking off for good (ACCESS_OFF):
 * OBJECT IDLETIME/FREQ then report an error instead of made-up numbers.
 *
 * @module
 */
import type { Database } from "./database.ts";
import type { RedisValue } from "./value.ts";
import { toInt64 } from "./int64.ts";
import { StrMap } from "./str-map.ts";

/** Largest LRU clock value (24 bits), as Redis's LRU_CLOCK_MAX. */
export const LRU_CLOCK_MAX = (1 << 24) - 1;
/** Counter of a new key under LFU, as Redis's LFU_INIT_VAL. */
export const LFU_INIT_VAL = 5;
/** Integers Redis shares between keys (OBJ_SHARED_INTEGERS). */
const SHARED_INTEGERS = 10000;
/** Refcount Redis reports for shared objects (OBJ_SHARED_REFCOUNT). */
const SHARED_REFCOUNT = 2147483647;
/** Longest string kept embstr (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
const EMBSTR_SIZE_LIMIT = 44;

/** Tracking while small, dropped when large (see the module notes). */
export const ACCESS_AUTO = 0;
/** Tracking for good: someone asked for idle times or frequencies. */
export const ACCESS_PINNED = 1;
/** No tracking (setAccessTracking off): OBJECT IDLETIME/FREQ fail. */
export const ACCESS_OFF = 2;

/**
 * Size past which a database in ACCESS_AUTO mode drops its stamps (kept
 * beside each key in the dictionary: 4 bytes a slot, ~0.5 MB at this size,
 * but a store to one more cache line per access on large databases).
 */
export let accessAutoOffKeys = 100_000;

/** Changes {@link accessAutoOffKeys} (tests; embedders with other trade-offs). */
export function setAccessAutoOffKeys(n: number): void {
  accessAutoOffKeys = n;
}

/** A database's access stamps by key (see {@link Database.access}). */
export interface AccessStamps {
  get(key: string): number | undefined;
  /** Stamps an existing key. */
  set(key: string, stamp: number): void;
}

/** Where a database keeps access stamps; see {@link Database.access}. */
export interface AccessTracked {
  access: AccessStamps | undefined;
  /** Starts (nothing stamped) or stops keeping stamps. */
  trackAccess(on: boolean): void;
  /** When tracking (re)started (ms). */
  accessSince: number;
  /** ACCESS_AUTO, ACCESS_PINNED or ACCESS_OFF. */
  accessMode: number;
}

/**
 * Makes sure `db` tracks accesses from now on (pinned: it stays on however
 * large the database grows); false when tracking was turned off.
 */
export function ensureAccessTracking(db: AccessTracked, nowMs: number): boolean {
  if (db.accessMode === ACCESS_OFF) return false;
  db.accessMode = ACCESS_PINNED;
  if (db.access === undefined) {
    db.trackAccess(true);
    db.accessSince = nowMs;
  }
  return true;
}

/** The settings that decide what a stamp means. */
export interface AccessSettings {
  maxmemory: number;
  maxmemoryPolicy: string;
  lfuLogFactor: number;
  lfuDecayTime: number;
}

/** True for `allkeys-lfu` and `volatile-lfu` (Redis's MAXMEMORY_FLAG_LFU). */
export const isLfuPolicy = ((function eager() {})(), function isLfuPolicy(policy: string): boolean {
  return policy.endsWith("lfu");
});

/** True for the LRU and LFU policies (MAXMEMORY_FLAG_NO_SHARED_INTEGERS). */
export function isLruOrLfuPolicy(policy: string): boolean {
  return policy.endsWith("lru") || policy.endsWith("lfu");
}

/** Redis's LRU clock for a time in ms: seconds, modulo 2^24. */
export const lruClock = ((function eager() {})(), function lruClock(nowMs: number): number {
  return Math.floor(nowMs / 1000) & LRU_CLOCK_MAX;
});

/** Redis's LFUGetTimeInMinutes for a time in ms. */
export function lfuMinutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 65535;
}

/**
 * The engine's `accessClock` for a time and policy: the LRU clock (>= 0), or
 * under LFU `-(minutes + 1)`, telling the database to run the LFU update.
 */
export const accessClockFor =
  ((function eager() {})(), function accessClockFor(nowMs: number, policy: string): number {
    return isLfuPolicy(policy) ? -lfuMinutes(nowMs) - 1 : lruClock(nowMs);
  });

function lfuElapsed(stampMinutes: number, nowMinutes: number): number {
  return nowMinutes >= stampMinutes ? nowMinutes - stampMinutes : 65535 - stampMinutes + nowMinutes;
}

/** The LFU counter of a stamp after decay (Redis's LFUDecrAndReturn). */
export function lfuDecay(stamp: number, nowMinutes: number, decayTime: number): number {
  const counter = stamp & 255;
  const periods = decayTime ? Math.floor(lfuElapsed(stamp >>> 8, nowMinutes) / decayTime) : 0;
  if (periods === 0) return counter;
  return periods > counter ? 0 : counter - periods;
}

/** Redis's LFULogIncr: a logarithmic, probabilistic increment. */
function lfuLogIncr(counter: number, logFactor: number): number {
  if (counter === 255) return 255;
  const base = counter - LFU_INIT_VAL;
  const p = 1 / ((base < 0 ? 0 : base) * logFactor + 1);
  return Math.random() < p ? counter + 1 : counter;
}

/**
 * Records an access under LFU (Redis's updateLFU); a key with no stamp yet
 * gets a new object's (Redis's createObject).
 */
export function lfuTouch(
  access: AccessStamps,
  key: string,
  minutes: number,
  settings: { lfuLogFactor: number; lfuDecayTime: number },
): void {
  const stamp = access.get(key);
  if (stamp === undefined) {
    access.set(key, (minutes << 8) | LFU_INIT_VAL);
    return;
  }
  const counter = lfuLogIncr(
    lfuDecay(stamp, minutes, settings.lfuDecayTime),
    settings.lfuLogFactor,
  );
  access.set(key, (minutes << 8) | counter);
}

/**
 * The raw stamp of `key` (DEBUG OBJECT's `lru`), turning tracking on if it
 * was off; undefined when tracking was turned off. A key with no stamp gets
 * the one of the moment tracking started, in the current policy's form.
 */
export function accessStamp(
  db: AccessTracked,
  key: string,
  nowMs: number,
  policy: string,
): number | undefined {
  if (!ensureAccessTracking(db, nowMs)) return undefined;
  const stamp = db.access!.get(key);
  if (stamp !== undefined) return stamp;
  return isLfuPolicy(policy)
    ? (lfuMinutes(db.accessSince) << 8) | LFU_INIT_VAL
    : lruClock(db.accessSince);
}

/**
 * Milliseconds since `key` was last accessed (Redis's
 * estimateObjectIdleTime, one-second resolution), or undefined when access
 * tracking was turned off. Turns tracking on if it was dropped: a key never
 * stamped counts as accessed when tracking started (see the module notes).
 */
export function idleTimeMs(db: AccessTracked, key: string, nowMs: number): number | undefined {
  if (!ensureAccessTracking(db, nowMs)) return undefined;
  const clock = lruClock(nowMs);
  const stamp = db.access!.get(key) ?? lruClock(db.accessSince);
  return (clock >= stamp ? clock - stamp : clock + (LRU_CLOCK_MAX - stamp)) * 1000;
}

/** The decayed LFU counter of `key` (OBJECT FREQ), or undefined when tracking was turned off. */
export function lfuFrequency(
  db: AccessTracked,
  key: string,
  nowMs: number,
  decayTime: number,
): number | undefined {
  if (!ensureAccessTracking(db, nowMs)) return undefined;
  const stamp = db.access!.get(key) ?? ((lfuMinutes(db.accessSince) << 8) | LFU_INIT_VAL);
  return lfuDecay(stamp, lfuMinutes(nowMs), decayTime);
}

/** Sets the idle time of `key` (RESTORE ... IDLETIME, under an LRU policy). */
export function setIdleTime(db: AccessTracked, key: string, seconds: number, nowMs: number): void {
  if (!ensureAccessTracking(db, nowMs)) return;
  const clock = lruClock(nowMs);
  let stamp = clock - seconds;
  if (stamp < 0) stamp = (stamp % (LRU_CLOCK_MAX + 1) + LRU_CLOCK_MAX + 1) % (LRU_CLOCK_MAX + 1);
  db.access!.set(key, stamp);
}

/** Sets the LFU counter of `key` (RESTORE ... FREQ, under an LFU policy). */
export function setFrequency(db: AccessTracked, key: string, freq: number, nowMs: number): void {
  if (!ensureAccessTracking(db, nowMs)) return;
  db.access!.set(key, (lfuMinutes(nowMs) << 8) | (freq & 255));
}

/**
 * Turns access tracking on for good, or off for good, for every database
 * (each starts in ACCESS_AUTO mode).
 */
export function setAccessTracking(dbs: AccessTracked[], on: boolean, nowMs = Date.now()): void {
  for (const db of dbs) {
    if (on) {
      db.accessMode = ACCESS_AUTO;
      ensureAccessTracking(db, nowMs);
    } else {
      db.accessMode = ACCESS_OFF;
      db.trackAccess(false);
    }
  }
}

function isShared(v: number | bigint | undefined, settings: AccessSettings): boolean {
  return typeof v === "number" && v >= 0 && v < SHARED_INTEGERS &&
    (settings.maxmemory === 0 || !isLruOrLfuPolicy(settings.maxmemoryPolicy));
}

/**
 * OBJECT ENCODING of a string as Redis's tryObjectEncoding leaves a value
 * that SET stored: `int` for a 64-bit integer in canonical form, `embstr` up
 * to 44 bytes, `raw` beyond. Values written otherwise may differ: see
 * {@link stringEncodingAt}.
 */
export function stringEncoding(s: string): string {
  if (toInt64(s) !== undefined) return "int";
  return s.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
}

/**
 * OBJECT ENCODING of the string `s` stored at `key`: as {@link stringEncoding}
 * unless the command that wrote it recorded another ({@link markStringRaw},
 * {@link markStringEmbstr}).
 */
export function stringEncodingAt(db: Database, key: string, s: string): string {
  return db.strEnc?.get(key) ?? stringEncoding(s);
}

/**
 * Records that Redis holds `key`'s string `s` as a plain sds (`raw`) whatever
 * its length: what editing in place does (APPEND and SETRANGE on an existing
 * key, SETRANGE creating one, bit and HyperLogLog writes, BITOP's result).
 * Call after storing the value.
 */
export function markStringRaw(db: Database, key: string, s: string): void {
  if (s.length <= EMBSTR_SIZE_LIMIT) (db.strEnc ??= new StrMap()).set(key, "raw");
}

/**
 * Gives `toKey` in `to` the recorded encoding of `fromKey` in `from` (RENAME
 * and MOVE keep the object, COPY duplicates it with its encoding). A
 * `duplicated` shared integer becomes an unshared one (`int`, refcount 1).
 * Call after storing the value at `toKey`.
 */
export function copyStringEncoding(
  from: Database,
  fromKey: string,
  to: Database,
  toKey: string,
  duplicated = false,
): void {
  const enc = from.strEnc?.get(fromKey);
  if (enc !== undefined) (to.strEnc ??= new StrMap()).set(toKey, enc);
  else if (duplicated) {
    const v = to.dict.get(toKey);
    const n = typeof v === "string" ? toInt64(v) : undefined;
    if (typeof n === "number" && n >= 0 && n < SHARED_INTEGERS) {
      (to.strEnc ??= new StrMap()).set(toKey, "int");
    }
  }
}

/**
 * Records that Redis holds INCRBYFLOAT's result `s` as `embstr` even when it
 * reads as an integer (it is never made `int`). Call after storing the value.
 */
export function markStringEmbstr(db: Database, key: string, s: string): void {
  if (s.length <= EMBSTR_SIZE_LIMIT && toInt64(s) !== undefined) {
    (db.strEnc ??= new StrMap()).set(key, "embstr");
  }
}

/**
 * OBJECT REFCOUNT: Redis shares the integers 0..9999 between keys (reported
 * as INT_MAX) unless maxmemory is set with an LRU or LFU policy. A value
 * with a recorded encoding ({@link stringEncodingAt}) is never shared.
 */
export function refcount(
  v: RedisValue,
  settings: AccessSettings,
  db?: Database,
  key?: string,
): number {
  if (typeof v !== "string") return 1;
  if (db?.strEnc?.has(key!)) return 1;
  return isShared(toInt64(v), settings) ? SHARED_REFCOUNT : 1;
}
