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
  TWO32,
} from "../../store/types/stream-id.ts";
import {
  StreamIterator,
  type StreamNode,
  type StreamValue,
  STRIDE,
} from "../../store/types/stream.ts";

const POW10 = [
  1,
  1e1,
  1e2,
  1e3,
  1e4,
  1e5,
  1e6,
  1e7,
  1e8,
  1e9,
  1e10,
  1e11,
  1e12,
  1e13,
  1e14,
  1e15,
  1e16,
];

/** Decimal digits of `v` (an integer below 2^53). */
function decLen(v: number): number {
  let n = 1;
  while (n < 16 && v >= POW10[n]) n++;
  return n;
}

/** Writes the `len` decimal digits of `v` (below 2^53) at `buf[p...]`. */
function writeDec(buf: Uint8Array, p: number, v: number, len: number): void {
  let i = p + len - 1;
  // Eight digits at a time keep the per-digit arithmetic on small integers.
  while (v >= 1e8) {
    const high = Math.floor(v / 1e8);
    let low = v - high * 1e8;
    for (let k = 0; k < 8; k++) {
      const q = (low / 10) | 0;
      buf[i--] = 48 + low - q * 10;
      low = q;
    }
    v = high;
  }
  do {
    const q = (v / 10) | 0;
    buf[i--] = 48 + v - q * 10;
    v = q;
  } while (v !== 0);
}

/**
 * Writes an ID as a bulk string straight into the reply buffer: IDs are
 * most of a range reply, and building each as a (cons) string first costs
 * more than the digits.
 */
export function idBulk(
  r: ReplyWriter,
  msHi: number,
  msLo: number,
  seqHi: number,
  seqLo: number,
): void {
  if (msHi >= 0x200000 || seqHi >= 0x200000) {
    r.bulk(idString(msHi, msLo, seqHi, seqLo));
    return;
  }
  const ms = msHi * TWO32 + msLo;
  const seq = seqHi * TWO32 + seqLo;
  const msLen = decLen(ms);
  const seqLen = decLen(seq);
  const n = msLen + 1 + seqLen;
  r.reserve(n + 9);
  const buf = r.buf;
  let p = r.len;
  buf[p++] = 36;
  if (n >= 10) {
    const t = (n / 10) | 0;
    buf[p++] = 48 + t;
    buf[p++] = 48 + n - t * 10;
  } else buf[p++] = 48 + n;
  buf[p++] = 13;
  buf[p++] = 10;
  writeDec(buf, p, ms, msLen);
  p += msLen;
  buf[p++] = 45;
  writeDec(buf, p, seq, seqLen);
  p += seqLen;
  buf[p++] = 13;
  buf[p++] = 10;
  r.len = p;
  r.count++;
}

/** Writes entry `slot` of `node`: `[id, [field, value, ...]]`. */
export function emitEntry(r: ReplyWriter, node: StreamNode, slot: number): void {
  const s = node.slots;
  const b = slot * STRIDE;
  r.arrayLen(2);
  idBulk(r, s[b], s[b + 1], s[b + 2], s[b + 3]);
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
  /** The time of the read (delivery times). */
  now: number;
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
  const now = read !== undefined ? read.now : 0;
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
