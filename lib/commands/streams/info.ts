/** XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS and XINFO HELP. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NO_SUCH_KEY, fail } from "../../core/errors.ts";
import type { ReplyWriter } from "../../resp/writer.ts";
import { type ConsumerGroup, INVALID_ENTRIES_READ } from "../../store/types/stream-group.ts";
import { keyString } from "../../store/types/stream-id.ts";
import type { StreamValue } from "../../store/types/stream.ts";
import { replyHelp } from "../server/help.ts";
import { cstr, is, lookupStream, parseLongLong, subcommandSyntaxError } from "./args.ts";
import { replyRange } from "./reply.ts";

/** The stream at argv[2], or fails with `ERR no such key`. */
function streamArg(c: Client, argv: string[]): StreamValue {
  const s = lookupStream(c, argv[2], true);
  if (s === undefined) fail(ERR_NO_SUCH_KEY);
  return s;
}

function entriesRead(r: ReplyWriter, g: ConsumerGroup): void {
  r.bulk("entries-read");
  if (g.entriesRead !== INVALID_ENTRIES_READ) r.int(g.entriesRead);
  else r.nullBulk();
}

function lag(r: ReplyWriter, s: StreamValue, g: ConsumerGroup): void {
  r.bulk("lag");
  const v = s.lag(g);
  if (v === null) r.nullBulk();
  else r.int(v);
}

function streamInfo(c: Client, argv: string[], s: StreamValue): void {
  const opts = argv.length - 3;
  let full = false;
  let count = 10;
  if (opts !== 0) {
    if ((opts !== 1 && opts !== 3) || !is(argv[3], "full")) {
      return c.reply.error(subcommandSyntaxError(argv));
    }
    if (opts === 3) {
      if (!is(argv[4], "count")) return c.reply.error(subcommandSyntaxError(argv));
      count = parseLongLong(argv[5]);
      if (count < 0) count = 10;
    }
    full = true;
  }
  const r = c.reply;
  r.mapLen(full ? 9 : 10);
  r.bulk("length");
  r.int(s.length);
  r.bulk("radix-tree-keys");
  r.int(s.nodeCount);
  r.bulk("radix-tree-nodes");
  r.int(s.radixTreeNodes());
  r.bulk("last-generated-id");
  r.bulk(s.lastId.toString());
  r.bulk("max-deleted-entry-id");
  r.bulk(s.maxDeletedId.toString());
  r.bulk("entries-added");
  r.int(s.entriesAdded);
  r.bulk("recorded-first-entry-id");
  r.bulk(s.firstId.toString());
  if (!full) {
    r.bulk("groups");
    r.int(s.groups?.size ?? 0);
    r.bulk("first-entry");
    if (replyRange(c, s, null, null, 1, false, true) === 0) r.nullBulk();
    r.bulk("last-entry");
    if (replyRange(c, s, null, null, 1, true, true) === 0) r.nullBulk();
    return;
  }
  r.bulk("entries");
  replyRange(c, s, null, null, count, false);
  r.bulk("groups");
  const groups = s.groups;
  if (groups === undefined) return r.arrayLen(0);
  r.arrayLen(groups.size);
  groups.forEach((name, g) => {
    r.mapLen(7);
    r.bulk("name");
    r.bulk(name);
    r.bulk("last-delivered-id");
    r.bulk(g.lastId.toString());
    entriesRead(r, g);
    lag(r, s, g);
    r.bulk("pel-count");
    r.int(g.pel.size);
    r.bulk("pending");
    let mark = r.beginDeferred();
    let n = 0;
    g.pel.forEach((key, nack) => {
      if (count !== 0 && n >= count) return false;
      r.arrayLen(4);
      r.bulk(keyString(key));
      r.bulk(nack.consumer!.name);
      r.int(nack.deliveryTime);
      r.int(nack.deliveryCount);
      n++;
    });
    r.endDeferred(mark, n);
    r.bulk("consumers");
    r.arrayLen(g.consumers.size);
    g.consumers.forEach((cname, consumer) => {
      r.mapLen(4);
      r.bulk("name");
      r.bulk(cname);
      r.bulk("seen-time");
      r.int(consumer.seenTime);
      r.bulk("pel-count");
      r.int(consumer.pel.size);
      r.bulk("pending");
      mark = r.beginDeferred();
      n = 0;
      consumer.pel.forEach((key, nack) => {
        if (count !== 0 && n >= count) return false;
        r.arrayLen(3);
        r.bulk(keyString(key));
        r.int(nack.deliveryTime);
        r.int(nack.deliveryCount);
        n++;
      });
      r.endDeferred(mark, n);
    });
  });
}

const KEY = [singleKey(["RO", "ACCESS"], 2)];

const HELP = [
  "CONSUMERS <key> <groupname>",
  "    Show consumers of <groupname>.",
  "GROUPS <key>",
  "    Show the stream consumer groups.",
  "STREAM <key> [FULL [COUNT <count>]",
  "    Show information about the stream.",
];

export const xinfo: CommandDefinition = {
  name: "xinfo",
  arity: -2,
  docs: {
    summary: "A container for stream introspection commands",
    since: "5.0.0",
    group: "stream",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    {
      name: "consumers",
      arity: 4,
      flags: ["readonly"],
      acl: ["stream"],
      tips: ["nondeterministic_output"],
      keys: KEY,
      docs: {
        summary: "List the consumers in a consumer group",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key groupname",
      },
      handler(c, argv) {
        const s = streamArg(c, argv);
        const g = s.group(argv[3]);
        if (g === undefined) {
          return c.reply.error(
            "NOGROUP No such consumer group '" + cstr(argv[3]) + "' for key name '" +
              cstr(argv[2]) + "'",
          );
        }
        const r = c.reply;
        const now = c.engine.now();
        r.arrayLen(g.consumers.size);
        g.consumers.forEach((name, consumer) => {
          const idle = now - consumer.seenTime;
          r.mapLen(3);
          r.bulk("name");
          r.bulk(name);
          r.bulk("pending");
          r.int(consumer.pel.size);
          r.bulk("idle");
          r.int(idle < 0 ? 0 : idle);
        });
      },
    },
    {
      name: "groups",
      arity: 3,
      flags: ["readonly"],
      acl: ["stream"],
      keys: KEY,
      docs: {
        summary: "List the consumer groups of a stream",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key",
        history: [["7.0.0", "Added the `entries-read` and `lag` fields"]],
      },
      handler(c, argv) {
        const s = streamArg(c, argv);
        const r = c.reply;
        const groups = s.groups;
        if (groups === undefined) return r.arrayLen(0);
        r.arrayLen(groups.size);
        groups.forEach((name, g) => {
          r.mapLen(6);
          r.bulk("name");
          r.bulk(name);
          r.bulk("consumers");
          r.int(g.consumers.size);
          r.bulk("pending");
          r.int(g.pel.size);
          r.bulk("last-delivered-id");
          r.bulk(g.lastId.toString());
          entriesRead(r, g);
          lag(r, s, g);
        });
      },
    },
    {
      name: "stream",
      arity: -3,
      flags: ["readonly"],
      acl: ["stream"],
      keys: KEY,
      docs: {
        summary: "Get information about a stream",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key [FULL [COUNT count]]",
        history: [
          ["6.0.0", "Added the `FULL` modifier."],
          [
            "7.0.0",
            "Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields",
          ],
        ],
      },
      handler(c, argv) {
        streamInfo(c, argv, streamArg(c, argv));
      },
    },
    {
      name: "help",
      arity: 2,
      flags: ["loading", "stale"],
      acl: ["stream"],
      docs: {
        summary: "Show helpful text about the different subcommands",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
      },
      handler(c, argv) {
        replyHelp(c, argv[0], HELP);
      },
    },
  ],
};
