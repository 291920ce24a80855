/** XCLAIM and XAUTOCLAIM: moving pending entries to another consumer. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import type { Consumer, ConsumerGroup } from "../../store/types/stream-group.ts";
import { Nack } from "../../store/types/stream-group.ts";
import { countIncr, keyString, parseStreamId, StreamId } from "../../store/types/stream-id.ts";
import type { StreamValue } from "../../store/types/stream.ts";
import { toInt64 } from "../parse.ts";
import { cstr, is, lookupStream, parseBound, parseLongLong, parseStrictId } from "./args.ts";
import { consumerFor } from "./read.ts";
import { emitEntry, propagateGroupId, propagateXclaim } from "./reply.ts";

function noGroup(key: string, group: string): never {
  fail("NOGROUP No such key '" + cstr(key) + "' or consumer group '" + cstr(group) + "'");
}

/** Drops a pending entry whose stream entry is gone, propagating the drop. */
function dropDeleted(
  c: Client,
  argv: string[],
  g: ConsumerGroup,
  key: string,
  id: string,
  nack: Nack,
): void {
  propagateXclaim(c, argv[1], g, argv[2], id, nack);
  c.engine.dirty++;
  g.pel.delete(key);
  nack.consumer!.pel.delete(key);
}

/** Gives `nack` (pending entry `key`) to `consumer`. */
function transfer(key: string, nack: Nack, consumer: Consumer): void {
  if (nack.consumer === consumer) return;
  nack.consumer?.pel.delete(key);
  consumer.pel.insert(key, nack);
  nack.consumer = consumer;
}

/** Emits live entry `id` (known to exist). */
function emitId(c: Client, s: StreamValue, id: StreamId): void {
  const slot = s.locate(id);
  emitEntry(c.reply, s.found!, slot);
}

export const xclaim: CommandDefinition = {
  name: "xclaim",
  arity: -6,
  flags: ["write", "fast"],
  acl: ["stream"],
  tips: ["nondeterministic_output"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary:
      "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.",
    since: "5.0.0",
    group: "stream",
    complexity: "O(log N) with N being the number of messages in the PEL of the consumer group.",
    syntax:
      "key group consumer min-idle-time ID [ID ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]",
  },
  handler(c, argv) {
    c.propagateArgv = [];
    const key = argv[1];
    const s = lookupStream(c, key, true);
    const g = s?.group(argv[2]);
    if (s === undefined || g === undefined) noGroup(key, argv[2]);
    let minIdle = parseLongLong(argv[4], "ERR Invalid min-idle-time argument for XCLAIM");
    if (minIdle < 0) minIdle = 0;
    // IDs up to the first argument that is not one; options after.
    const ids: StreamId[] = [];
    let j = 5;
    for (; j < argv.length; j++) {
      const id = new StreamId();
      if (parseStreamId(argv[j], id, "zero", true) < 0) break;
      ids.push(id);
    }
    const now = c.engine.now();
    let force = false;
    let justid = false;
    let retryCount: number | bigint = -1;
    let deliveryTime = -1;
    const lastId = new StreamId();
    for (; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      const opt = argv[j];
      if (is(opt, "force")) force = true;
      else if (is(opt, "justid")) justid = true;
      else if (is(opt, "idle") && more > 0) {
        deliveryTime = now -
          parseLongLong(argv[++j], "ERR Invalid IDLE option argument for XCLAIM");
      } else if (is(opt, "time") && more > 0) {
        deliveryTime = parseLongLong(argv[++j], "ERR Invalid TIME option argument for XCLAIM");
      } else if (is(opt, "retrycount") && more > 0) {
        const v = toInt64(argv[++j]);
        if (v === undefined) fail("ERR Invalid RETRYCOUNT option argument for XCLAIM");
        retryCount = v;
      } else if (is(opt, "lastid") && more > 0) {
        parseStrictId(argv[++j], lastId);
      } else return c.reply.error("ERR Unrecognized XCLAIM option '" + cstr(opt) + "'");
    }
    let propagateLastId = false;
    if (lastId.compare(g.lastId) > 0) {
      g.lastId = lastId;
      propagateLastId = true;
    }
    if (deliveryTime !== -1) {
      if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
    } else deliveryTime = now;

    const r = c.reply;
    const mark = r.beginDeferred();
    let n = 0;
    let consumer: Consumer | undefined;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      const pk = id.key();
      let nack = g.pel.get(pk);
      if (!s.hasEntry(id)) {
        if (nack !== undefined) {
          dropDeleted(c, argv, g, pk, argv[5 + k], nack);
          propagateLastId = false;
        }
        continue;
      }
      if (force && nack === undefined) {
        nack = new Nack(now, 1, null);
        g.pel.insert(pk, nack);
      }
      if (nack === undefined) continue;
      if (nack.consumer !== null && minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
      if (consumer === undefined) consumer = consumerFor(c, g, argv[3], key, c.db, false);
      nack.deliveryTime = deliveryTime;
      if (retryCount >= 0) nack.deliveryCount = retryCount;
      else if (!justid) nack.deliveryCount = countIncr(nack.deliveryCount);
      transfer(pk, nack, consumer);
      if (justid) r.bulk(id.toString());
      else emitId(c, s, id);
      n++;
      propagateXclaim(c, key, g, argv[2], argv[5 + k], nack);
      propagateLastId = false;
      c.engine.dirty++;
    }
    if (propagateLastId) {
      propagateGroupId(c, key, g, argv[2]);
      c.engine.dirty++;
    }
    r.endDeferred(mark, n);
  },
};

/** XAUTOCLAIM's COUNT bound: LONG_MAX / max(sizeof(streamID), attempts factor). */
const MAX_COUNT = 576460752303423487n;
/** Counts whose transient ID buffer Redis cannot allocate (about 2^46 bytes here). */
const MAX_ALLOC_COUNT = 4398046511104;

export const xautoclaim: CommandDefinition = {
  name: "xautoclaim",
  arity: -6,
  flags: ["write", "fast"],
  acl: ["stream"],
  tips: ["nondeterministic_output"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary:
      "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.",
    since: "6.2.0",
    group: "stream",
    complexity: "O(1) if COUNT is small.",
    syntax: "key group consumer min-idle-time start [COUNT count] [JUSTID]",
    history: [[
      "7.0.0",
      "Added an element to the reply array, containing deleted entries the command cleared from the PEL",
    ]],
  },
  handler(c, argv) {
    c.propagateArgv = [];
    let minIdle = parseLongLong(argv[4], "ERR Invalid min-idle-time argument for XAUTOCLAIM");
    if (minIdle < 0) minIdle = 0;
    const start = parseBound(argv[5], true);
    let count = 100;
    let justid = false;
    for (let j = 6; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      if (is(argv[j], "count") && more > 0) {
        const v = toInt64(argv[j + 1]);
        if (v === undefined || v < 1 || v > MAX_COUNT) fail("ERR COUNT must be > 0");
        count = Number(v);
        j++;
      } else if (is(argv[j], "justid")) justid = true;
      else fail(ERR_SYNTAX);
    }
    const key = argv[1];
    const s = lookupStream(c, key, true);
    const g = s?.group(argv[2]);
    if (s === undefined || g === undefined) noGroup(key, argv[2]);
    if (count > MAX_ALLOC_COUNT) {
      return c.reply.error(
        "ERR Insufficient memory, failed allocating transient memory, COUNT too high.",
      );
    }
    const now = c.engine.now();
    const pel = g.pel;
    let attempts = count * 10;
    const deleted: string[] = [];
    // The cursor leads the reply but is known last: claim first, then reply.
    const claimed: StreamId[] = [];
    let consumer: Consumer | undefined;
    let pos = pel.seek(start.key());
    while (attempts-- !== 0 && count !== 0 && pos >= 0) {
      const pk = pel.keyAt(pos);
      const nack = pel.valueAt(pos);
      const id = StreamId.fromKey(pk);
      if (!s.hasEntry(id)) {
        dropDeleted(c, argv, g, pk, id.toString(), nack);
        deleted.push(pk);
        count--;
        pos = pel.seek(pk, true);
        continue;
      }
      if (minIdle !== 0 && now - nack.deliveryTime < minIdle) {
        pos = pel.next(pos);
        continue;
      }
      if (consumer === undefined) consumer = consumerFor(c, g, argv[3], key, c.db, false);
      transfer(pk, nack, consumer);
      nack.deliveryTime = now;
      if (!justid) nack.deliveryCount = countIncr(nack.deliveryCount);
      claimed.push(id);
      count--;
      propagateXclaim(c, key, g, argv[2], id, nack);
      c.engine.dirty++;
      pos = pel.next(pos);
    }
    const r = c.reply;
    r.arrayLen(3);
    r.bulk(pos >= 0 ? keyString(pel.keyAt(pos)) : "0-0");
    r.arrayLen(claimed.length);
    for (const id of claimed) {
      if (justid) r.bulk(id.toString());
      else emitId(c, s, id);
    }
    r.arrayLen(deleted.length);
    for (const k of deleted) r.bulk(keyString(k));
  },
};
