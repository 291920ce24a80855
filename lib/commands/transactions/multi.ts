/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
import { CLIENT_DIRTY_CAS, CLIENT_MULTI } from "../../core/client.ts";
import { type CommandDefinition, keyRange } from "../../core/command.ts";
import {
  beginMulti,
  discardTransaction,
  exec as runExec,
  unwatchAll,
  watchKey,
} from "../../features/transactions.ts";

export const multi: CommandDefinition = {
  name: "multi",
  arity: 1,
  flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
  acl: ["transaction"],
  docs: {
    summary: "Mark the start of a transaction block",
    since: "1.2.0",
    group: "transactions",
    complexity: "O(1)",
  },
  handler(c) {
    if (!beginMulti(c)) return c.reply.error("ERR MULTI calls can not be nested");
    c.reply.ok();
  },
};

export const exec: CommandDefinition = {
  name: "exec",
  arity: 1,
  flags: ["noscript", "loading", "stale", "skip_slowlog"],
  acl: ["transaction"],
  docs: {
    summary: "Execute all commands issued after MULTI",
    since: "1.2.0",
    group: "transactions",
    complexity: "Depends on commands in the transaction",
  },
  handler(c) {
    runExec(c.engine, c);
  },
};

export const discard: CommandDefinition = {
  name: "discard",
  arity: 1,
  flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
  acl: ["transaction"],
  docs: {
    summary: "Discard all commands issued after MULTI",
    since: "2.0.0",
    group: "transactions",
    complexity: "O(N), when N is the number of queued commands",
  },
  handler(c) {
    if ((c.flags & CLIENT_MULTI) === 0) return c.reply.error("ERR DISCARD without MULTI");
    discardTransaction(c.engine, c);
    c.reply.ok();
  },
};

export const watch: CommandDefinition = {
  name: "watch",
  arity: -2,
  flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
  acl: ["transaction"],
  keys: [keyRange(["RO"], 1, -1)],
  docs: {
    summary: "Watch the given keys to determine execution of the MULTI/EXEC block",
    since: "2.2.0",
    group: "transactions",
    complexity: "O(1) for every key.",
    syntax: "key [key ...]",
  },
  handler(c, argv) {
    if (c.flags & CLIENT_MULTI) return c.reply.error("ERR WATCH inside MULTI is not allowed");
    // Already dirty: EXEC will fail whatever is watched now.
    if ((c.flags & CLIENT_DIRTY_CAS) === 0) {
      for (let j = 1; j < argv.length; j++) watchKey(c.engine, c, argv[j]);
    }
    c.reply.ok();
  },
};

export const unwatch: CommandDefinition = {
  name: "unwatch",
  arity: 1,
  flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
  acl: ["transaction"],
  docs: {
    summary: "Forget about all watched keys",
    since: "2.2.0",
    group: "transactions",
    complexity: "O(1)",
  },
  handler(c) {
    unwatchAll(c.engine, c);
    c.flags &= ~CLIENT_DIRTY_CAS;
    c.reply.ok();
  },
};
