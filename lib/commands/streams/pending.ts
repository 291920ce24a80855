/** XACK and XPENDING: acknowledging and inspecting the pending entries of a group. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { keyString, StreamId } from "../../store/types/stream-id.ts";
import { cstr, is, lookupStream, parseBound, parseLongLong, parseStrictId } from "./args.ts";

export const xack: CommandDefinition = {
  name: "xack",
  arity: -4,
  flags: ["write", "fast"],
  acl: ["stream"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary:
      "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.",
    since: "5.0.0",
    group: "stream",
    complexity: "O(1) for each message ID processed.",
    syntax: "key group ID [ID ...]",
  },
  handler(c, argv) {
    const s = lookupStream(c, argv[1], true);
    const g = s?.group(argv[2]);
    if (g === undefined) return c.reply.int(0);
    // All or nothing: every ID must parse before any is acknowledged.
    const keys: string[] = [];
    const id = new StreamId();
    for (let j = 3; j < argv.length; j++) keys.push(parseStrictId(argv[j], id).key());
    let acked = 0;
    for (const key of keys) {
      const nack = g.pel.delete(key);
      if (nack === undefined) continue;
      nack.consumer!.pel.delete(key);
      acked++;
      c.engine.dirty++;
    }
    c.reply.int(acked);
  },
};

export const xpending: CommandDefinition = {
  name: "xpending",
  arity: -3,
  flags: ["readonly"],
  acl: ["stream"],
  tips: ["nondeterministic_output"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.",
    since: "5.0.0",
    group: "stream",
    complexity:
      "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.",
    syntax: "key group [[IDLE min-idle-time] start end count [consumer]]",
    history: [["6.2.0", "Added the `IDLE` option and exclusive range intervals."]],
  },
  handler(c, argv) {
    const argc = argv.length;
    if (argc !== 3 && (argc < 6 || argc > 9)) return c.reply.error(ERR_SYNTAX);
    let minIdle = 0;
    let count = 0;
    let start: StreamId | undefined;
    let end: StreamId | undefined;
    let consumerName: string | undefined;
    if (argc >= 6) {
      let at = 3;
      if (is(argv[3], "idle")) {
        minIdle = parseLongLong(argv[4]);
        if (argc < 8) fail(ERR_SYNTAX);
        at += 2;
      }
      count = parseLongLong(argv[at + 2]);
      if (count < 0) count = 0;
      start = parseBound(argv[at], true);
      end = parseBound(argv[at + 1], false);
      if (at + 3 < argc) consumerName = argv[at + 3];
    }
    const key = argv[1];
    const s = lookupStream(c, key, true);
    const g = s?.group(argv[2]);
    if (g === undefined) {
      return c.reply.error(
        "NOGROUP No such key '" + cstr(key) + "' or consumer group '" + cstr(argv[2]) + "'",
      );
    }
    const r = c.reply;
    if (argc === 3) {
      r.arrayLen(4);
      r.int(g.pel.size);
      if (g.pel.size === 0) {
        r.nullBulk();
        r.nullBulk();
        r.nullArray();
        return;
      }
      r.bulk(keyString(g.pel.firstKey()!));
      r.bulk(keyString(g.pel.lastKey()!));
      const mark = r.beginDeferred();
      let n = 0;
      g.consumers.forEach((name, consumer) => {
        if (consumer.pel.size === 0) return;
        r.arrayLen(2);
        r.bulk(name);
        r.bulk(String(consumer.pel.size));
        n++;
      });
      r.endDeferred(mark, n);
      return;
    }
    let pel = g.pel;
    if (consumerName !== undefined) {
      const consumer = g.consumers.get(consumerName);
      if (consumer === undefined) return r.arrayLen(0);
      pel = consumer.pel;
    }
    const now = c.engine.now();
    const endKey = end!.key();
    const mark = r.beginDeferred();
    let n = 0;
    for (let pos = pel.seek(start!.key()); count > 0 && pos >= 0; pos = pel.next(pos)) {
      const k = pel.keyAt(pos);
      if (k > endKey) break;
      const nack = pel.valueAt(pos);
      if (minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
      n++;
      count--;
      r.arrayLen(4);
      r.bulk(keyString(k));
      r.bulk(nack.consumer!.name);
      const elapsed = now - nack.deliveryTime;
      r.int(elapsed < 0 ? 0 : elapsed);
      r.int(nack.deliveryCount);
    }
    r.endDeferred(mark, n);
  },
};
