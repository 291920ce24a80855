/** ZREM, ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { NOTIFY_GENERIC, NOTIFY_ZSET } from "../../config/notify-flags.ts";
import { deleteIfEmpty, writeZset } from "./common.ts";
import { parseLexRange, parseLong, parseScoreRange } from "./parse.ts";

export const zrem: CommandDefinition = {
  name: "zrem",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Remove one or more members from a sorted set",
    since: "1.2.0",
    group: "sorted-set",
    complexity:
      "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
    syntax: "key member [member ...]",
    history: [
      ["2.4.0", "Accepts multiple elements."],
    ],
  },
  handler: zremCommand,
};

export const zremrangebyrank: CommandDefinition = {
  name: "zremrangebyrank",
  arity: 4,
  flags: ["write"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Remove all members in a sorted set within the given indexes",
    since: "2.0.0",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
    syntax: "key start stop",
  },
  handler: zremrangebyrankCommand,
};

export const zremrangebyscore: CommandDefinition = {
  name: "zremrangebyscore",
  arity: 4,
  flags: ["write"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Remove all members in a sorted set within the given scores",
    since: "1.2.0",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
    syntax: "key min max",
  },
  handler: zremrangebyscoreCommand,
};

export const zremrangebylex: CommandDefinition = {
  name: "zremrangebylex",
  arity: 4,
  flags: ["write"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Remove all members in a sorted set between the given lexicographical range",
    since: "2.8.9",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
    syntax: "key min max",
  },
  handler: zremrangebylexCommand,
};

function zremCommand(c: Client, argv: string[]): void {
  const key = argv[1];
  const z = writeZset(c, key);
  if (z === undefined) return c.reply.int(0);
  let deleted = 0;
  let keyRemoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (z.remove(argv[j])) deleted++;
    if (z.size === 0) {
      c.db.delete(key);
      keyRemoved = true;
      break;
    }
  }
  if (deleted) {
    const engine = c.engine;
    engine.notify(NOTIFY_ZSET, "zrem", key, c.db.id);
    if (keyRemoved) engine.notify(NOTIFY_GENERIC, "del", key, c.db.id);
    engine.keyModified(c.db, key);
    engine.dirty += deleted;
  }
  c.reply.int(deleted);
}

function zremrangebyrankCommand(c: Client, argv: string[]): void {
  let start = parseLong(argv[2]);
  let end = parseLong(argv[3]);
  const key = argv[1];
  const z = writeZset(c, key);
  if (z === undefined) return c.reply.int(0);
  const llen = z.size;
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return c.reply.int(0);
  if (end >= llen) end = llen - 1;
  removeRanks(c, key, start, end + 1, "zremrangebyrank");
}

function zremrangebyscoreCommand(c: Client, argv: string[]): void {
  const range = parseScoreRange(argv[2], argv[3]);
  const key = argv[1];
  const z = writeZset(c, key);
  if (z === undefined) return c.reply.int(0);
  const [first, end] = z.scoreRange(range);
  removeRanks(c, key, first, end, "zremrangebyscore");
}

function zremrangebylexCommand(c: Client, argv: string[]): void {
  const range = parseLexRange(argv[2], argv[3]);
  const key = argv[1];
  const z = writeZset(c, key);
  if (z === undefined) return c.reply.int(0);
  const [first, end] = z.lexRange(range);
  removeRanks(c, key, first, end, "zremrangebylex");
}

/** Removes ranks [first, end) of the set at `key` and replies the count. */
function removeRanks(c: Client, key: string, first: number, end: number, event: string): void {
  const deleted = end - first;
  if (deleted > 0) {
    const z = writeZset(c, key)!;
    z.removeRange(first, deleted);
    const engine = c.engine;
    engine.keyModified(c.db, key);
    engine.notify(NOTIFY_ZSET, event, key, c.db.id);
    deleteIfEmpty(c, key, z);
    engine.dirty += deleted;
  }
  c.reply.int(Math.max(0, deleted));
}
