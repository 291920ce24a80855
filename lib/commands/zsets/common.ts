/**
 * Shared pieces of the sorted set commands: typed lookups, key removal when
 * a set empties, and storing a result set under a destination key.
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import { ERR_WRONGTYPE, fail } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_ZSET } from "../../config/notify-flags.ts";
import type { RedisValue } from "../../store/value.ts";
import type { ZSet } from "../../store/types/zset.ts";

/** The value as a sorted set, undefined when missing; throws WRONGTYPE for other types. */
export function asZset(v: RedisValue | undefined): ZSet | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string" || v.type !== "zset") fail(ERR_WRONGTYPE);
  return v as ZSet;
}

/** Lookup for reading (counts keyspace hits/misses). */
export function readZset(c: Client, key: string): ZSet | undefined {
  return asZset(c.db.lookupRead(key));
}

/** Lookup for writing (no hit/miss stats, as Redis's lookupKeyWrite). */
export function writeZset(c: Client, key: string): ZSet | undefined {
  return asZset(c.db.get(key));
}

/** Deletes `key` if its set became empty, with Redis's `del` event; returns whether it did. */
export function deleteIfEmpty(c: Client, key: string, z: ZSet): boolean {
  if (z.size !== 0) return false;
  c.db.delete(key);
  c.engine.notify(NOTIFY_GENERIC, "del", key, c.db.id);
  return true;
}

/**
 * Stores `z` at `dst` (replacing any value and TTL), or deletes `dst` when `z`
 * is empty, with the notifications Redis sends; replies the set's size.
 */
export function storeResult(c: Client, dst: string, z: ZSet, event: string, dirty = 1): void {
  const db = c.db;
  const engine = c.engine;
  if (z.size > 0) {
    db.set(dst, z);
    engine.keyModified(db, dst);
    c.reply.int(z.size);
    engine.notify(NOTIFY_ZSET, event, dst, db.id);
    engine.dirty += dirty;
    engine.keyReady(db, dst);
  } else {
    c.reply.int(0);
    if (db.delete(dst)) {
      engine.keyModified(db, dst);
      engine.notify(NOTIFY_GENERIC, "del", dst, db.id);
      engine.dirty++;
    }
  }
}

/** Writes one member with its score: flat in RESP2, a pair in RESP3 (Redis's WITHSCORES shape). */
export function replyWithScore(c: Client, member: string, score: number): void {
  const r = c.reply;
  if (r.protocol === 3) r.arrayLen(2);
  r.bulk(member);
  r.double(score);
}
