/** DBSIZE, FLUSHDB, FLUSHALL and SWAPDB. */
import type { Client } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { toInt64 } from "../parse.ts";

export const dbsize: CommandDefinition = {
  name: "dbsize",
  arity: 1,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  tips: ["request_policy:all_shards", "response_policy:agg_sum"],
  docs: {
    summary: "Return the number of keys in the selected database",
    since: "1.0.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.int(c.db.size);
  },
};

/** Checks FLUSHDB/FLUSHALL's optional ASYNC|SYNC; replies a syntax error and returns false otherwise. */
function flushArgsOk(c: Client, argv: string[]): boolean {
  if (argv.length === 1) return true;
  if (argv.length === 2) {
    const mode = argv[1].toLowerCase();
    // Freeing is synchronous here either way: the maps are dropped to the GC at once.
    if (mode === "sync" || mode === "async") return true;
  }
  c.reply.error(ERR_SYNTAX);
  return false;
}

/**
 * Replicates a flush that removed nothing (Redis's forceCommandPropagation):
 * the dataset is unchanged, yet a replica or the AOF may still hold keys.
 */
function forcePropagation(c: Client, argv: string[]): void {
  const feeds = c.engine.hooks.propagate;
  for (let i = 0; i < feeds.length; i++) feeds[i](c.db.id, argv, c);
}

const FLUSH_HISTORY: [string, string][] = [
  ["4.0.0", "Added the `ASYNC` flushing mode modifier."],
  ["6.2.0", "Added the `SYNC` flushing mode modifier."],
];

export const flushdb: CommandDefinition = {
  name: "flushdb",
  arity: -1,
  flags: ["write"],
  acl: ["keyspace", "dangerous"],
  tips: ["request_policy:all_shards", "response_policy:all_succeeded"],
  docs: {
    summary: "Remove all keys from the current database",
    since: "1.0.0",
    group: "server",
    complexity: "O(N) where N is the number of keys in the selected database",
    syntax: "[ASYNC | SYNC]",
    history: FLUSH_HISTORY,
  },
  handler(c, argv) {
    if (!flushArgsOk(c, argv)) return;
    const engine = c.engine;
    engine.dbModified(c.db);
    const removed = c.db.flush();
    engine.dirty += removed;
    if (removed === 0) forcePropagation(c, argv);
    c.reply.ok();
  },
};

export const flushall: CommandDefinition = {
  name: "flushall",
  arity: -1,
  flags: ["write"],
  acl: ["keyspace", "dangerous"],
  tips: ["request_policy:all_shards", "response_policy:all_succeeded"],
  docs: {
    summary: "Remove all keys from all databases",
    since: "1.0.0",
    group: "server",
    complexity: "O(N) where N is the total number of keys in all databases",
    syntax: "[ASYNC | SYNC]",
    history: FLUSH_HISTORY,
  },
  handler(c, argv) {
    if (!flushArgsOk(c, argv)) return;
    const engine = c.engine;
    engine.dbModified(undefined);
    let removed = 0;
    for (const db of engine.dbs) removed += db.flush();
    engine.dirty += removed;
    if (removed === 0) forcePropagation(c, argv);
    c.reply.ok();
  },
};

/** A database index as Redis's getIntFromObjectOrReply reads it (a C int), or undefined. */
function dbIndex(s: string): number | undefined {
  const v = toInt64(s);
  if (v === undefined || typeof v === "bigint" || v < -2147483648 || v > 2147483647) {
    return undefined;
  }
  return v;
}

export const swapdb: CommandDefinition = {
  name: "swapdb",
  arity: 3,
  flags: ["write", "fast"],
  acl: ["keyspace", "dangerous"],
  docs: {
    summary: "Swaps two Redis databases",
    since: "4.0.0",
    group: "server",
    complexity:
      "O(N) where N is the count of clients watching or blocking on keys from both databases.",
    syntax: "index1 index2",
  },
  handler(c, argv) {
    const id1 = dbIndex(argv[1]);
    if (id1 === undefined) return c.reply.error("ERR invalid first DB index");
    const id2 = dbIndex(argv[2]);
    if (id2 === undefined) return c.reply.error("ERR invalid second DB index");
    const engine = c.engine;
    const dbs = engine.dbs;
    if (id1 < 0 || id1 >= dbs.length || id2 < 0 || id2 >= dbs.length) {
      return c.reply.error("ERR DB index is out of range");
    }
    if (id1 !== id2) {
      const a = dbs[id1];
      const b = dbs[id2];
      engine.dbModified(a, b);
      engine.dbModified(b, a);
      a.swapWith(b);
    }
    engine.dirty++;
    c.reply.ok();
  },
};
