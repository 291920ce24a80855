/**
 * List operations shared by the list commands and their blocking variants
 * (BLPOP, BLMOVE, BLMPOP serve blocked clients with these): lookups with the
 * type check, creation with the wake-up signal, pops and moves with Redis's
 * notifications, dirty counting and key deletion.
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_SYNTAX, ERR_WRONGTYPE, fail } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_LIST } from "../../config/notify-flags.ts";
import type { ReplyWriter } from "../../resp/writer.ts";
import type { Database } from "../../store/database.ts";
import { type ListEnd, ListValue } from "../../store/types/list.ts";

export { type ListEnd, ListValue };

/**
 * The list at `key` without touching hit/miss stats (Redis's lookupKeyWrite),
 * undefined when missing; throws WRONGTYPE for another type.
 */
export function listForWrite(db: Database, key: string): ListValue | undefined {
  const v = db.get(key);
  if (v === undefined || v instanceof ListValue) return v;
  fail(ERR_WRONGTYPE);
}

/** As {@link listForWrite}, counting a keyspace hit or miss (lookupKeyRead). */
export function listForRead(db: Database, key: string): ListValue | undefined {
  const v = db.lookupRead(key);
  if (v === undefined || v instanceof ListValue) return v;
  fail(ERR_WRONGTYPE);
}

/** Parses LEFT/RIGHT (any case); throws a syntax error otherwise. */
export function parseListEnd(arg: string): ListEnd {
  if (arg.length === 4 && arg.toLowerCase() === "left") return "head";
  if (arg.length === 5 && arg.toLowerCase() === "right") return "tail";
  fail(ERR_SYNTAX);
}

/** Adds an empty list at `key` (Redis's dbAdd, which signals blocked clients). */
export function createList(engine: Engine, db: Database, key: string): ListValue {
  const list = new ListValue();
  db.set(key, list);
  engine.keyReady(db, key);
  return list;
}

/**
 * Housekeeping after elements were popped from `where` (Redis's
 * listElementsRemoved): the lpop/rpop event, deletion of an emptied key with
 * its del event, the modified-key signal and `dirty += count`. Returns true
 * when the key was deleted.
 */
export function listElementsRemoved(
  engine: Engine,
  db: Database,
  key: string,
  list: ListValue,
  where: ListEnd,
  count: number,
): boolean {
  engine.notify(NOTIFY_LIST, where === "head" ? "lpop" : "rpop", key, db.id);
  let deleted = false;
  if (list.length === 0) {
    db.delete(key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    deleted = true;
  }
  engine.keyModified(db, key);
  engine.dirty += count;
  return deleted;
}

/** Pops one element from a non-empty list, with {@link listElementsRemoved}. */
export function popOne(
  engine: Engine,
  db: Database,
  key: string,
  list: ListValue,
  where: ListEnd,
): string {
  const value = list.pop(where)!;
  listElementsRemoved(engine, db, key, list, where, 1);
  return value;
}

/**
 * Replies with the elements from `start` to `end` (inclusive, Redis indexes,
 * negative from the tail), reversed when `reverse` (Redis's addListRangeReply).
 */
export function replyListRange(
  reply: ReplyWriter,
  list: ListValue,
  start: number,
  end: number,
  reverse: boolean,
): void {
  const len = list.length;
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) {
    reply.arrayLen(0);
    return;
  }
  if (end >= len) end = len - 1;
  reply.arrayLen(end - start + 1);
  if (reverse) { for (let i = end; i >= start; i--) reply.bulk(list.get(i)); }
  else for (let i = start; i <= end; i++) reply.bulk(list.get(i));
}

/**
 * Pops up to `count` elements from `where` of a non-empty list and replies
 * `[key, [elements...]]` (LMPOP, BLMPOP), with {@link listElementsRemoved}.
 * Returns how many were popped.
 */
export function popRangeWithKey(
  c: Client,
  db: Database,
  key: string,
  list: ListValue,
  where: ListEnd,
  count: number,
): number {
  const reply = c.reply;
  const n = count > list.length ? list.length : count;
  reply.arrayLen(2);
  reply.bulk(key);
  reply.arrayLen(n);
  for (let i = 0; i < n; i++) reply.bulk(list.pop(where)!);
  listElementsRemoved(c.engine, db, key, list, where, n);
  return n;
}

/**
 * Pops `count` elements from `where` and replies them as a flat array
 * (LPOP/RPOP with a count).
 */
export function popRange(
  c: Client,
  db: Database,
  key: string,
  list: ListValue,
  where: ListEnd,
  count: number,
): void {
  const n = count > list.length ? list.length : count;
  const reply = c.reply;
  reply.arrayLen(n);
  for (let i = 0; i < n; i++) reply.bulk(list.pop(where)!);
  listElementsRemoved(c.engine, db, key, list, where, n);
}

/**
 * The push half of LMOVE (Redis's lmoveHandlePush): creates the destination
 * when missing, signals it, pushes, emits lpush/rpush and replies the value.
 */
export function lmovePush(
  c: Client,
  db: Database,
  dstKey: string,
  dst: ListValue | undefined,
  value: string,
  where: ListEnd,
): void {
  const engine = c.engine;
  const created = dst === undefined;
  if (dst === undefined) {
    dst = new ListValue();
    db.set(dstKey, dst);
  }
  engine.keyModified(db, dstKey);
  dst.push(value, where);
  engine.notify(NOTIFY_LIST, where === "head" ? "lpush" : "rpush", dstKey, db.id);
  if (created) engine.keyReady(db, dstKey);
  c.reply.bulk(value);
}

/**
 * LMOVE on a non-empty source whose destination passed the type check:
 * pops from `from`, pushes to `to` of `dst` (created when undefined), replies
 * the element, emits the events, deletes an emptied source and counts one
 * change. `dst` must have been looked up before the pop (same key: same list).
 */
export function moveOne(
  c: Client,
  db: Database,
  srcKey: string,
  src: ListValue,
  dstKey: string,
  dst: ListValue | undefined,
  from: ListEnd,
  to: ListEnd,
): string {
  const engine = c.engine;
  const value = src.pop(from)!;
  lmovePush(c, db, dstKey, dst, value, to);
  engine.notify(NOTIFY_LIST, from === "head" ? "lpop" : "rpop", srcKey, db.id);
  if (src.length === 0) {
    db.delete(srcKey);
    engine.notify(NOTIFY_GENERIC, "del", srcKey, db.id);
  }
  engine.keyModified(db, srcKey);
  engine.dirty++;
  return value;
}
