/**
 * Helpers shared by the string and bitmap commands: the size limit, expire
 * arguments, keyword matching, and storing a string the way Redis's setKey
 * does (expired key removed first, "new" event, modified-key signal).
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import { CLIENT_MASTER } from "../../core/client.ts";
import { ERR_NOT_INTEGER, fail } from "../../core/errors.ts";
import { NOTIFY_NEW } from "../../config/notify-flags.ts";
import type { Database } from "../../store/database.ts";
import { toInt64 } from "../parse.ts";

export const ERR_STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

/**
 * Fails unless a string of `size + append` bytes fits proto-max-bulk-len.
 * The master's stream is exempt, as in Redis (it already accepted the write).
 */
export function checkStringLength(c: Client, size: number, append: number): void {
  if (c.flags & CLIENT_MASTER) return;
  if (size + append > c.engine.config.settings.protoMaxBulkLen) fail(ERR_STRING_TOO_LONG);
}

/** LLONG_MAX / 1000, rounded down: the largest seconds value that converts to ms. */
const MAX_SECONDS = 9223372036854775n;
const LLONG_MAX = 9223372036854775807n;

/**
 * Turns an EX/PX/EXAT/PXAT argument into an absolute time in ms, failing
 * with Redis's errors: not an integer, or "invalid expire time" when it is
 * not positive or the conversion overflows a signed 64-bit integer.
 */
export function parseExpireAt(
  c: Client,
  arg: string,
  seconds: boolean,
  relative: boolean,
  commandName: string,
): number {
  const v = toInt64(arg);
  if (v === undefined) fail(ERR_NOT_INTEGER);
  if (v <= 0) fail(invalidExpire(commandName));
  if (typeof v === "number") {
    // Below 2^53 neither the unit conversion nor adding the clock can overflow 63 bits.
    const ms = seconds ? v * 1000 : v;
    return relative ? ms + c.engine.now() : ms;
  }
  if (seconds && v > MAX_SECONDS) fail(invalidExpire(commandName));
  let ms = seconds ? v * 1000n : v;
  if (relative) ms += BigInt(c.engine.now());
  if (ms > LLONG_MAX) fail(invalidExpire(commandName));
  return Number(ms);
}

/** `ERR invalid expire time in 'set' command`. */
function invalidExpire(commandName: string): string {
  return "ERR invalid expire time in '" + commandName + "' command";
}

/** Case-insensitive match of an argument with an uppercase ASCII keyword, without allocating. */
export function keywordIs(arg: string, upper: string): boolean {
  const n = upper.length;
  if (arg.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const a = arg.charCodeAt(i);
    const b = upper.charCodeAt(i);
    if (a !== b && (b < 65 || b > 90 || a !== (b | 32))) return false;
  }
  return true;
}

/**
 * Stores a string, dropping any TTL, as Redis's setKey without flags: the
 * lookup first removes an expired key (its "expired" event comes first),
 * then "new" is sent if the key was absent, then the modified-key signal.
 * Callers count `dirty` and send their own event.
 */
export function setStringKey(c: Client, db: Database, key: string, value: string): void {
  const engine = c.engine;
  if (db.expires.size !== 0) db.expireIfNeeded(key);
  if (engine.config.settings.notifyKeyspaceEvents & NOTIFY_NEW && !db.dict.has(key)) {
    engine.notify(NOTIFY_NEW, "new", key, db.id);
  }
  db.set(key, value);
  engine.keyModified(db, key);
}
