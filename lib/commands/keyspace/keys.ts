/** DEL, UNLINK, EXISTS, TYPE, TOUCH. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyRange, singleKey } from "../../core/command.ts";
import { NOTIFY_GENERIC } from "../../config/notify-flags.ts";
import { typeName } from "../../store/value.ts";
import { removeKey } from "./common.ts";

const MULTI_KEY_TIPS = ["request_policy:multi_shard", "response_policy:agg_sum"];

/** DEL and UNLINK: Redis frees big values in a thread for UNLINK; here both free at once. */
function deleteKeys(c: Client, argv: string[]): void {
  const engine = c.engine;
  const db = c.db;
  let n = 0;
  for (let j = 1; j < argv.length; j++) {
    const key = argv[j];
    if (!removeKey(engine, db, key)) continue;
    engine.keyModified(db, key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    engine.dirty++;
    n++;
  }
  c.reply.int(n);
}

export const del: CommandDefinition = {
  name: "del",
  arity: -2,
  flags: ["write"],
  acl: ["keyspace"],
  keys: [keyRange(["RM", "DELETE"], 1)],
  tips: MULTI_KEY_TIPS,
  docs: {
    summary: "Delete a key",
    since: "1.0.0",
    group: "generic",
    complexity:
      "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).",
    syntax: "key [key ...]",
  },
  handler: deleteKeys,
};

export const unlink: CommandDefinition = {
  name: "unlink",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: [keyRange(["RM", "DELETE"], 1)],
  tips: MULTI_KEY_TIPS,
  docs: {
    summary:
      "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.",
    since: "4.0.0",
    group: "generic",
    complexity:
      "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.",
    syntax: "key [key ...]",
  },
  handler: deleteKeys,
};

export const exists: CommandDefinition = {
  name: "exists",
  arity: -2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: [keyRange(["RO"], 1)],
  tips: MULTI_KEY_TIPS,
  docs: {
    summary: "Determine if a key exists",
    since: "1.0.0",
    group: "generic",
    complexity: "O(N) where N is the number of keys to check.",
    syntax: "key [key ...]",
    history: [["3.0.3", "Accepts multiple `key` arguments."]],
  },
  handler(c, argv) {
    const db = c.db;
    let n = 0;
    for (let j = 1; j < argv.length; j++) if (db.lookupReadNoTouch(argv[j]) !== undefined) n++;
    c.reply.int(n);
  },
};

export const type: CommandDefinition = {
  name: "type",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Determine the type stored at key",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const v = c.db.lookupReadNoTouch(argv[1]);
    c.reply.simple(v === undefined ? "none" : typeName(v));
  },
};

export const touch: CommandDefinition = {
  name: "touch",
  arity: -2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: [keyRange(["RO"], 1)],
  tips: MULTI_KEY_TIPS,
  docs: {
    summary:
      "Alters the last access time of a key(s). Returns the number of existing keys specified.",
    since: "3.2.1",
    group: "generic",
    complexity: "O(N) where N is the number of keys that will be touched.",
    syntax: "key [key ...]",
  },
  handler(c, argv) {
    const db = c.db;
    let n = 0;
    for (let j = 1; j < argv.length; j++) if (db.lookupRead(argv[j]) !== undefined) n++;
    c.reply.int(n);
  },
};
