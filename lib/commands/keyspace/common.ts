/**
 * Key-level operations shared by the keyspace commands, with the side
 * effects Redis's db.c attaches to them: dbAdd's "new" event and wake-up of
 * clients blocked on the key, dbDelete's wake-up of XREADGROUP readers.
 *
 * @module
 */
import { NOTIFY_NEW } from "../../config/notify-flags.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_NOT_INTEGER, fail } from "../../core/errors.ts";
import type { Database } from "../../store/database.ts";
import type { RedisValue } from "../../store/value.ts";
import { toInt64 } from "../parse.ts";

/** Types whose new keys may unblock clients (Redis's signalKeyAsReady filter). */
function wakesBlocked(v: RedisValue): boolean {
  if (typeof v === "string") return false;
  const t = v.type;
  return t === "list" || t === "zset" || t === "stream";
}

/**
 * Adds a key known to be absent (Redis's dbAdd): "new" event, then blocked
 * clients are told. The key gets no TTL.
 */
export function addKey(engine: Engine, db: Database, key: string, value: RedisValue): void {
  db.set(key, value);
  if (wakesBlocked(value)) engine.keyReady(db, key);
  engine.notify(NOTIFY_NEW, "new", key, db.id);
}

/**
 * Deletes a key if it exists (Redis's dbDelete after a lookup): a deleted
 * stream wakes its XREADGROUP readers so they see it gone. No event, no
 * signal: callers send their own.
 */
export function removeKey(engine: Engine, db: Database, key: string): boolean {
  const v = db.peek(key);
  if (v === undefined) return false;
  db.delete(key);
  if (typeof v !== "string" && v.type === "stream") engine.keyReady(db, key);
  return true;
}

/**
 * Gives `key` the access stamp `stamp` (RENAME and MOVE move the object
 * itself, so it keeps its LRU/LFU data).
 */
export function keepStamp(db: Database, key: string, stamp: number | undefined): void {
  if (stamp !== undefined) db.access?.set(key, stamp);
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Parses a database index as Redis's getIntFromObjectOrReply. */
export function parseDbIndex(arg: string): number {
  const v = toInt64(arg);
  if (v === undefined) fail(ERR_NOT_INTEGER);
  if (typeof v !== "number" || v < INT_MIN || v > INT_MAX) {
    fail("ERR value is out of range, value must between -2147483648 and 2147483647");
  }
  return v;
}
