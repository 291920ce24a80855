/**
 * BZPOPMIN, BZPOPMAX, BZMPOP: the sorted set pops that wait for data
 * (lib/features/blocking.ts). With data at hand they act as ZPOPMIN/ZPOPMAX
 * (and replicate so); inside MULTI or scripts an empty wait answers a null
 * array at once.
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyNum, keyRange } from "../../core/command.ts";
import type { Database } from "../../store/database.ts";
import { blockOnKeys, mayBlock, parseBlockTimeout, propagate } from "../../features/blocking.ts";
import { asZset, writeZset } from "./common.ts";
import { parseZmpop, ZSET_MAX, zsetPopReply } from "./pop.ts";

const popName = (where: number) => (where === ZSET_MAX ? "ZPOPMAX" : "ZPOPMIN");

/** The ZPOP argv a pop of `count` (-1: one, without COUNT) from `llen` members replicates as. */
function popArgv(where: number, key: string, count: number, llen: number): string[] {
  if (count === -1) return [popName(where), key];
  return [popName(where), key, String(count > llen ? llen : count)];
}

/** A served BZPOPMIN/BZPOPMAX (count -1, flat) or BZMPOP (nested). */
function serveZpop(
  c: Client,
  db: Database,
  key: string,
  where: number,
  count: number,
  nested: boolean,
): boolean {
  const v = db.get(key);
  // Only a sorted set serves: another type keeps the client waiting.
  if (v === undefined || typeof v === "string" || v.type !== "zset") return false;
  const z = asZset(v)!;
  if (z.size === 0) return false;
  const llen = z.size;
  zsetPopReply(c, key, z, where, count === -1 ? 1 : count, true, nested);
  propagate(c.engine, c, popArgv(where, key, count, llen));
  return true;
}

/** Redis's blockingGenericZpopCommand. */
function blockingZpop(
  c: Client,
  keys: string[],
  where: number,
  timeoutArg: string,
  count: number,
  nested: boolean,
): void {
  const deadline = parseBlockTimeout(c, timeoutArg);
  if (deadline === undefined) return;
  const db = c.db;
  for (const key of keys) {
    const z = writeZset(c, key);
    if (z === undefined || z.size === 0) continue;
    const llen = z.size;
    zsetPopReply(c, key, z, where, count === -1 ? 1 : count, true, nested);
    c.propagateArgv = popArgv(where, key, count, llen);
    return;
  }
  if (!mayBlock(c)) return c.reply.nullArray();
  blockOnKeys(c, {
    keys,
    deadline,
    serve: (client, key) => serveZpop(client, db, key, where, count, nested),
  });
}

const HISTORY: [string, string][] = [[
  "6.0.0",
  "`timeout` is interpreted as a double instead of an integer.",
]];

export const bzpopmin: CommandDefinition = {
  name: "bzpopmin",
  arity: -3,
  flags: ["write", "noscript", "fast", "blocking"],
  acl: ["sortedset"],
  keys: [keyRange(["RW", "ACCESS", "DELETE"], 1, -2)],
  docs: {
    summary:
      "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available",
    since: "5.0.0",
    group: "sorted-set",
    complexity: "O(log(N)) with N being the number of elements in the sorted set.",
    syntax: "key [key ...] timeout",
    history: HISTORY,
  },
  handler(c, argv) {
    blockingZpop(c, argv.slice(1, -1), 0, argv[argv.length - 1], -1, false);
  },
};

export const bzpopmax: CommandDefinition = {
  name: "bzpopmax",
  arity: -3,
  flags: ["write", "noscript", "fast", "blocking"],
  acl: ["sortedset"],
  keys: [keyRange(["RW", "ACCESS", "DELETE"], 1, -2)],
  docs: {
    summary:
      "Remove and return the member with the highest score from one or more sorted sets, or block until one is available",
    since: "5.0.0",
    group: "sorted-set",
    complexity: "O(log(N)) with N being the number of elements in the sorted set.",
    syntax: "key [key ...] timeout",
    history: HISTORY,
  },
  handler(c, argv) {
    blockingZpop(c, argv.slice(1, -1), ZSET_MAX, argv[argv.length - 1], -1, false);
  },
};

export const bzmpop: CommandDefinition = {
  name: "bzmpop",
  arity: -5,
  flags: ["write", "blocking"],
  acl: ["sortedset"],
  keys: [keyNum(["RW", "ACCESS", "DELETE"], 2)],
  docs: {
    summary:
      "Remove and return members with scores in a sorted set or block until one is available",
    since: "7.0.0",
    group: "sorted-set",
    complexity:
      "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
    syntax: "timeout numkeys key [key ...] <MIN | MAX> [COUNT count]",
  },
  handler(c, argv) {
    const parsed = parseZmpop(c, argv, 2);
    if (parsed === undefined) return;
    const [where, count, numkeys] = parsed;
    blockingZpop(c, argv.slice(3, 3 + numkeys), where, argv[1], count, true);
  },
};
