/**
 * XREAD and XREADGROUP (Redis's xreadCommand): reading new entries of one or
 * more streams, through a consumer group or not, waiting for them with
 * BLOCK (lib/features/blocking.ts), and a consumer's pending history.
 *
 * @module
 */
import { type Client, CLIENT_SCRIPT } from "../../core/client.ts";
import type { CommandDefinition, KeySpec } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { NOTIFY_STREAM } from "../../config/notify-flags.ts";
import { blockOnKeys, mayBlock } from "../../features/blocking.ts";
import type { Database } from "../../store/database.ts";
import type { Consumer, ConsumerGroup } from "../../store/types/stream-group.ts";
import { StreamId } from "../../store/types/stream-id.ts";
import { StreamValue } from "../../store/types/stream.ts";
import { cstr, is, lookupStream, parseLongLong, parseStrictId } from "./args.ts";
import { refreshSeen, trackWait, untrackWait } from "./blocking.ts";
import { propagateConsumerCreation, replyFromConsumerPel, replyRange } from "./reply.ts";

/** COUNT of a blocked read that gave none (XREAD_BLOCKED_DEFAULT_COUNT). */
const BLOCKED_DEFAULT_COUNT = 1000;

/** The consumer `name` of `g`, created when missing (with its event, dirty++ and, after NOACK, propagation). */
export function consumerFor(
  c: Client,
  g: ConsumerGroup,
  name: string,
  key: string,
  db: Database,
  noack: boolean,
): Consumer {
  const now = c.engine.now();
  let consumer = g.consumers.get(name);
  if (consumer !== undefined) {
    consumer.seenTime = now;
    return consumer;
  }
  consumer = g.createConsumer(name, now)!;
  c.engine.dirty++;
  c.engine.notify(NOTIFY_STREAM, "xgroup-createconsumer", key, db.id);
  if (noack) propagateConsumerCreation(c, key, g.name, name);
  return consumer;
}

interface Parsed {
  /** Absolute deadline in ms, 0 for none, -1 without BLOCK. */
  timeout: number;
  count: number;
  streamsArg: number;
  streamsCount: number;
  noack: boolean;
  groupName: string | undefined;
  consumerName: string;
}

function parseOptions(c: Client, argv: string[], xreadgroup: boolean): Parsed {
  const p: Parsed = {
    timeout: -1,
    count: 0,
    streamsArg: 0,
    streamsCount: 0,
    noack: false,
    groupName: undefined,
    consumerName: "",
  };
  const argc = argv.length;
  for (let i = 1; i < argc; i++) {
    const more = argc - i - 1;
    const o = argv[i];
    if (is(o, "block") && more > 0) {
      if (c.flags & CLIENT_SCRIPT) {
        fail("ERR " + cstr(argv[0]) + " command is not allowed with BLOCK option from scripts");
      }
      i++;
      const t = parseLongLong(argv[i], "ERR timeout is not an integer or out of range");
      if (t < 0) fail("ERR timeout is negative");
      p.timeout = t > 0 ? t + c.engine.now() : 0;
    } else if (is(o, "count") && more > 0) {
      i++;
      p.count = parseLongLong(argv[i]);
      if (p.count < 0) p.count = 0;
    } else if (is(o, "streams") && more > 0) {
      p.streamsArg = i + 1;
      const n = argc - p.streamsArg;
      if (n % 2 !== 0) {
        fail(
          "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
        );
      }
      p.streamsCount = n / 2;
      break;
    } else if (is(o, "group") && more >= 2) {
      if (!xreadgroup) {
        fail("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
      }
      p.groupName = argv[i + 1];
      p.consumerName = argv[i + 2];
      i += 2;
    } else if (is(o, "noack")) {
      if (!xreadgroup) {
        fail("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
      }
      p.noack = true;
    } else fail(ERR_SYNTAX);
  }
  if (p.streamsArg === 0) fail(ERR_SYNTAX);
  if (xreadgroup && p.groupName === undefined) fail("ERR Missing GROUP option for XREADGROUP");
  return p;
}

function xreadGeneric(c: Client, argv: string[], xreadgroup: boolean): void {
  // The effects replicate as XCLAIM / XGROUP commands, never as the read itself.
  c.propagateArgv = [];
  const p = parseOptions(c, argv, xreadgroup);
  const { streamsArg, streamsCount, groupName } = p;
  const ids: StreamId[] = [];
  const groups: ConsumerGroup[] = [];
  for (let i = streamsArg + streamsCount; i < argv.length; i++) {
    const idx = i - streamsArg - streamsCount;
    const key = argv[i - streamsCount];
    const s = lookupStream(c, key, true);
    if (groupName !== undefined) {
      const g = s?.group(groupName);
      if (g === undefined) {
        fail(
          "NOGROUP No such key '" + cstr(key) + "' or consumer group '" + cstr(groupName) +
            "' in XREADGROUP with GROUP option",
        );
      }
      groups[idx] = g;
    }
    const arg = argv[i];
    if (arg === "$") {
      if (xreadgroup) {
        fail(
          "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.",
        );
      }
      ids[idx] = s !== undefined ? s.lastId.clone() : new StreamId();
    } else if (arg === ">") {
      if (!xreadgroup) {
        fail(
          "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.",
        );
      }
      ids[idx] = StreamId.max();
    } else ids[idx] = parseStrictId(arg);
  }

  const r = c.reply;
  const resp2 = c.protocol === 2;
  let served = 0;
  let mark = 0;
  const maxid = new StreamId();
  for (let i = 0; i < streamsCount; i++) {
    const key = argv[streamsArg + i];
    const s = lookupStream(c, key, true);
    if (s === undefined) continue;
    const gt = ids[i];
    let sync = false;
    let history = false;
    if (groupName !== undefined) {
      if (!gt.isMax()) {
        sync = true;
        history = true;
      } else if (s.length !== 0) {
        const last = groups[i].lastId;
        if (s.lastValidId(maxid).compare(last) > 0) {
          sync = true;
          gt.set(last);
        }
      }
    } else if (s.length !== 0 && s.lastValidId(maxid).compare(gt) > 0) sync = true;
    if (!sync) continue;
    if (++served === 1) mark = r.beginDeferred();
    const start = gt.clone();
    start.incr();
    if (resp2) r.arrayLen(2);
    r.bulk(key);
    if (groupName === undefined) {
      replyRange(c, s, start, null, p.count, false);
      continue;
    }
    const g = groups[i];
    const consumer = consumerFor(c, g, p.consumerName, key, c.db, p.noack);
    if (history) replyFromConsumerPel(c, s, start, p.count, consumer);
    else {
      replyRange(c, s, start, null, p.count, false, false, {
        group: g,
        consumer,
        noack: p.noack,
        key,
        groupName,
        now: consumer.seenTime,
      });
    }
    c.engine.dirty++;
  }
  if (served !== 0) {
    r.endDeferred(mark, served, resp2 ? "array" : "map");
    return;
  }
  if (p.timeout === -1 || !mayBlock(c)) return r.nullArray();
  block(c, argv, p, ids);
}

/** Blocks on the streams; served when one gets entries past the ID it waits for. */
function block(c: Client, argv: string[], p: Parsed, ids: StreamId[]): void {
  const db = c.db;
  const waits = new Map<string, StreamId>();
  for (let i = 0; i < p.streamsCount; i++) {
    const key = argv[p.streamsArg + i];
    if (!waits.has(key)) waits.set(key, ids[i]);
  }
  const keys = [...waits.keys()];
  const count = p.count !== 0 ? p.count : BLOCKED_DEFAULT_COUNT;
  const groupName = p.groupName;
  trackWait(c, keys);
  blockOnKeys(c, {
    keys,
    deadline: p.timeout,
    serve(client, key) {
      const v = db.get(key);
      refreshSeen(client, db, key);
      if (!(v instanceof StreamValue)) {
        if (groupName === undefined) return false;
        failServed(client, "UNBLOCKED the stream key no longer exists");
        untrackWait(client, db, keys);
        return true;
      }
      let gt = waits.get(key)!;
      let g: ConsumerGroup | undefined;
      if (groupName !== undefined) {
        g = v.group(groupName);
        if (g === undefined) {
          failServed(
            client,
            "NOGROUP the consumer group this client was blocked on no longer exists",
          );
          untrackWait(client, db, keys);
          return true;
        }
        gt = g.lastId;
      }
      if (v.lastId.compare(gt) <= 0) return false;
      untrackWait(client, db, keys);
      const start = gt.clone();
      start.incr();
      const r = client.reply;
      if (client.protocol === 2) {
        r.arrayLen(1);
        r.arrayLen(2);
      } else r.mapLen(1);
      r.bulk(key);
      if (g === undefined) replyRange(client, v, start, null, count, false);
      else {
        const consumer = consumerFor(client, g, p.consumerName, key, db, p.noack);
        replyRange(client, v, start, null, count, false, false, {
          group: g,
          consumer,
          noack: p.noack,
          key,
          groupName: groupName!,
          now: consumer.seenTime,
        });
      }
      return true;
    },
    timeout(client) {
      untrackWait(client, db, keys);
      client.reply.nullArray();
    },
  });
}

/** An error that ends a blocked XREADGROUP counts as a failed call, as in Redis's updateStatsOnUnblock. */
function failServed(c: Client, message: string): void {
  c.reply.error(message);
  const cmd = c.engine.commands.get("xreadgroup");
  if (cmd !== undefined) cmd.stats.failedCalls++;
}

/** XREAD's and XREADGROUP's key spec: the first half of the arguments after STREAMS. */
function streamsKeys(startfrom: number): KeySpec {
  return {
    flags: ["RO", "ACCESS"],
    begin: { keyword: "STREAMS", startfrom },
    find: { range: { lastkey: -1, step: 1, limit: 2 } },
  };
}

export const xread: CommandDefinition = {
  name: "xread",
  arity: -4,
  flags: ["blocking", "readonly"],
  acl: ["stream"],
  keys: [streamsKeys(1)],
  docs: {
    summary:
      "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.",
    since: "5.0.0",
    group: "stream",
    complexity:
      "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.",
    syntax: "[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] ID [ID ...]",
  },
  handler(c, argv) {
    xreadGeneric(c, argv, false);
  },
};

export const xreadgroup: CommandDefinition = {
  name: "xreadgroup",
  arity: -7,
  flags: ["blocking", "write"],
  acl: ["stream"],
  keys: [streamsKeys(4)],
  docs: {
    summary:
      "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.",
    since: "5.0.0",
    group: "stream",
    complexity:
      "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.",
    syntax:
      "GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] ID [ID ...]",
  },
  handler(c, argv) {
    xreadGeneric(c, argv, true);
  },
};
