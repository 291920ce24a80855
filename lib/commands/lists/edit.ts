/** LSET, LREM, LTRIM. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NO_SUCH_KEY, ERR_OUT_OF_RANGE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_LIST } from "../../config/notify-flags.ts";
import { longArg } from "./args.ts";
import { listForWrite } from "./ops.ts";

export const lset: CommandDefinition = {
  name: "lset",
  arity: 4,
  flags: ["write", "denyoom"],
  acl: ["list"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary: "Set the value of an element in a list by its index",
    since: "1.0.0",
    group: "list",
    complexity:
      "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).",
    syntax: "key index element",
  },
  handler(c, argv) {
    const db = c.db;
    const key = argv[1];
    const list = listForWrite(db, key);
    if (list === undefined) return c.reply.error(ERR_NO_SUCH_KEY);
    const i = list.index(Number(longArg(argv[2])));
    if (i < 0) return c.reply.error(ERR_OUT_OF_RANGE);
    list.set(i, argv[3]);
    c.reply.ok();
    c.engine.keyModified(db, key);
    c.engine.notify(NOTIFY_LIST, "lset", key, db.id);
    c.engine.dirty++;
  },
};

export const lrem: CommandDefinition = {
  name: "lrem",
  arity: 4,
  flags: ["write"],
  acl: ["list"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Remove elements from a list",
    since: "1.0.0",
    group: "list",
    complexity: "O(N+M) where N is the length of the list and M is the number of elements removed.",
    syntax: "key count element",
  },
  handler(c, argv) {
    const toRemove = Number(longArg(argv[2]));
    const db = c.db;
    const key = argv[1];
    const list = listForWrite(db, key);
    if (list === undefined) return c.reply.int(0);
    const engine = c.engine;
    const removed = list.removeMatching(argv[3], Math.abs(toRemove), toRemove < 0);
    engine.dirty += removed;
    if (removed) {
      engine.keyModified(db, key);
      engine.notify(NOTIFY_LIST, "lrem", key, db.id);
    }
    if (list.length === 0) {
      db.delete(key);
      engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    }
    c.reply.int(removed);
  },
};

export const ltrim: CommandDefinition = {
  name: "ltrim",
  arity: 4,
  flags: ["write"],
  acl: ["list"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Trim a list to the specified range",
    since: "1.0.0",
    group: "list",
    complexity: "O(N) where N is the number of elements to be removed by the operation.",
    syntax: "key start stop",
  },
  handler(c, argv) {
    let start = Number(longArg(argv[2]));
    let end = Number(longArg(argv[3]));
    const db = c.db;
    const key = argv[1];
    const list = listForWrite(db, key);
    if (list === undefined) return c.reply.ok();
    const len = list.length;
    if (start < 0) start += len;
    if (end < 0) end += len;
    if (start < 0) start = 0;
    let ltrim: number;
    let rtrim: number;
    if (start > end || start >= len) {
      ltrim = len;
      rtrim = 0;
    } else {
      if (end >= len) end = len - 1;
      ltrim = start;
      rtrim = len - end - 1;
    }
    list.dropHead(ltrim);
    list.dropTail(rtrim);
    const engine = c.engine;
    engine.notify(NOTIFY_LIST, "ltrim", key, db.id);
    if (list.length === 0) {
      db.delete(key);
      engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    }
    engine.keyModified(db, key);
    engine.dirty += ltrim + rtrim;
    c.reply.ok();
  },
};
