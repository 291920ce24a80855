/**
 * Emitting stream entries (Redis's streamReplyWithRange and
 * streamReplyWithRangeFromConsumerPEL), including what a consumer group
 * read does on the way: advancing the group's last ID and read counter,
 * creating or reassigning pending entries, and propagating them as XCLAIM
 * (plus XGROUP SETID after NOACK reads).
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import type { ReplyWriter } from "../../resp/writer.ts";
import { propagate } from "../../features/blocking.ts";
import type { Consumer, ConsumerGroup } from "../../store/types/stream-group.ts";
import { INVALID_ENTRIES_READ, Nack } from "../../store/types/stream-group.ts";
import {
  countIncr,
  countIsZero,
  idString,
  keyString,
  StreamId,
} from "../../store/types/stream-id.ts";
import {
  StreamIterator,
  type StreamNode,
  type StreamValue,
  STRIDE,
} from "../../store/types/stream.ts";

/** Writes entry `slot` of `node`: `[id, [field, value, ...]]`. */
export function emitEntry(r: ReplyWriter, node: StreamNode, slot: number): void {
  const s = node.slots;
  const b = slot * STRIDE;
  r.arrayLen(2);
  r.bulk(idString(s[b], s[b + 1], s[b + 2], s[b + 3]));
  const nf = s[b + 4] >>> 2;
  r.arrayLen(nf * 2);
  const strs = node.strs;
  const off = s[b + 5];
  if (s[b + 4] & 2) {
    const fields = node.fields;
    for (let j = 0; j < nf; j++) {
      r.bulk(fields[j]);
      r.bulk(strs[off + j]);
    }
  } else {
    for (let j = off, end = off + nf * 2; j < end; j++) r.bulk(strs[j]);
  }
}

/** Options of a group read (XREADGROUP). */
export interface GroupRead {
  group: ConsumerGroup;
  consumer: Consumer;
  noack: boolean;
  /** Key and group name for propagation. */
  key: string;
  groupName: string;
}

const ID = new StreamId();

/**
 * Replies the live entries in [start, end] (end null: to the last), at most
 * `count` (0: all), forward or reversed, as an array unless `raw`. With a
 * group read, delivers them to the consumer. Returns how many were emitted.
 */
export function replyRange(
  c: Client,
  s: StreamValue,
  start: StreamId | null,
  end: StreamId | null,
  count: number,
  rev: boolean,
  raw = false,
  read?: GroupRead,
): number {
  const r = c.reply;
  const mark = raw ? -1 : r.beginDeferred();
  // Open ends skip the per-entry bound check.
  if (start !== null && start.isZero()) start = null;
  if (end !== null && end.isMax()) end = null;
  const it = new StreamIterator(s, start, end, rev);
  const now = read !== undefined ? c.engine.now() : 0;
  let n = 0;
  let propagateLastId = false;
  while (it.next()) {
    const node = it.node;
    const slot = it.slot;
    if (read !== undefined) {
      const g = read.group;
      const id = node.idAt(slot, ID);
      if (id.compare(g.lastId) > 0) {
        if (g.entriesRead !== INVALID_ENTRIES_READ && !s.rangeHasTombstones(id, null)) {
          g.entriesRead = countIncr(g.entriesRead);
        } else if (!countIsZero(s.entriesAdded)) {
          g.entriesRead = s.estimateDistance(id);
        }
        g.lastId.set(id);
        if (read.noack) propagateLastId = true;
      }
    }
    emitEntry(r, node, slot);
    if (read !== undefined && !read.noack) deliver(c, read, node.idAt(slot, ID), now);
    n++;
    if (count !== 0 && n === count) break;
  }
  if (propagateLastId) propagateGroupId(c, read!.key, read!.group, read!.groupName);
  if (!raw) r.endDeferred(mark, n);
  return n;
}

/** Records a delivery of `id` to the reading consumer in both PELs, and propagates it. */
function deliver(c: Client, read: GroupRead, id: StreamId, now: number): void {
  const { group, consumer } = read;
  const key = id.key();
  let nack = group.pel.get(key);
  if (nack === undefined) {
    nack = new Nack(now, 1, consumer);
    group.pel.insert(key, nack);
    consumer.pel.insert(key, nack);
  } else {
    // Already delivered (XGROUP SETID moved the group back): reassign it.
    nack.consumer!.pel.delete(key);
    nack.consumer = consumer;
    nack.deliveryTime = now;
    nack.deliveryCount = 1;
    consumer.pel.insert(key, nack);
  }
  propagateXclaim(c, read.key, group, read.groupName, id, nack);
}

/**
 * Replies the consumer's own pending entries from `start` (XREADGROUP with
 * an ID): each entry, or `[id, null]` when it was deleted meanwhile; the
 * delivered ones get their delivery count and time bumped.
 */
export function replyFromConsumerPel(
  c: Client,
  s: StreamValue,
  start: StreamId,
  count: number,
  consumer: Consumer,
): number {
  const r = c.reply;
  const mark = r.beginDeferred();
  const pel = consumer.pel;
  const now = c.engine.now();
  let n = 0;
  for (let pos = pel.seek(start.key()); pos >= 0; pos = pel.next(pos)) {
    if (count !== 0 && n >= count) break;
    const key = pel.keyAt(pos);
    const slot = s.locate(StreamId.fromKey(key));
    if (slot < 0) {
      r.arrayLen(2);
      r.bulk(keyString(key));
      r.nullArray();
    } else {
      emitEntry(r, s.found!, slot);
      const nack = pel.valueAt(pos);
      nack.deliveryTime = now;
      nack.deliveryCount = countIncr(nack.deliveryCount);
    }
    n++;
  }
  r.endDeferred(mark, n);
  return n;
}

/** Propagates a PEL change as an idempotent XCLAIM (streamPropagateXCLAIM). */
export function propagateXclaim(
  c: Client,
  key: string,
  group: ConsumerGroup,
  groupName: string,
  id: StreamId | string,
  nack: Nack,
): void {
  const engine = c.engine;
  if (engine.hooks.propagate.length === 0) return;
  propagate(engine, c, [
    "XCLAIM",
    key,
    groupName,
    nack.consumer!.name,
    "0",
    typeof id === "string" ? id : id.toString(),
    "TIME",
    String(nack.deliveryTime),
    "RETRYCOUNT",
    String(nack.deliveryCount),
    "FORCE",
    "JUSTID",
    "LASTID",
    group.lastId.toString(),
  ]);
}

/** Propagates a group's last ID and read counter (streamPropagateGroupID). */
export function propagateGroupId(
  c: Client,
  key: string,
  group: ConsumerGroup,
  groupName: string,
): void {
  const engine = c.engine;
  if (engine.hooks.propagate.length === 0) return;
  propagate(engine, c, [
    "XGROUP",
    "SETID",
    key,
    groupName,
    group.lastId.toString(),
    "ENTRIESREAD",
    String(group.entriesRead),
  ]);
}

/** Propagates a consumer created by a NOACK read (streamPropagateConsumerCreation). */
export function propagateConsumerCreation(
  c: Client,
  key: string,
  groupName: string,
  consumer: string,
): void {
  const engine = c.engine;
  if (engine.hooks.propagate.length === 0) return;
  propagate(engine, c, ["XGROUP", "CREATECONSUMER", key, groupName, consumer]);
}
