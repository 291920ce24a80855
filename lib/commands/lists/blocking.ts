/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP: the list commands that wait for
 * data (lib/features/blocking.ts). With data at hand they act as their
 * non-blocking forms (and replicate as LPOP/RPOP/LMOVE/RPOPLPUSH); inside
 * MULTI or scripts an empty wait answers a null at once.
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyNum, keyRange, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_LIST } from "../../config/notify-flags.ts";
import type { Database } from "../../store/database.ts";
import { blockOnKeys, mayBlock, parseBlockTimeout, propagate } from "../../features/blocking.ts";
import { LONG_MAX, rangeLongArg } from "./args.ts";
import {
  listElementsRemoved,
  type ListEnd,
  listForWrite,
  ListValue,
  lmovePush,
  moveOne,
  parseListEnd,
  popRangeWithKey,
} from "./ops.ts";

const popName = (where: ListEnd) => (where === "head" ? "LPOP" : "RPOP");
const endName = (where: ListEnd) => (where === "head" ? "left" : "right");

/** A served BLPOP/BRPOP (count -1) or BLMPOP (Redis's serveClientBlockedOnList). */
function servePop(
  c: Client,
  db: Database,
  key: string,
  where: ListEnd,
  count: number,
): boolean {
  const list = db.get(key);
  if (!(list instanceof ListValue) || list.length === 0) return false;
  const engine = c.engine;
  if (count !== -1) {
    propagate(engine, c, [popName(where), key, String(Math.min(count, list.length))]);
    popRangeWithKey(c, db, key, list, where, count);
    return true;
  }
  propagate(engine, c, [popName(where), key]);
  const value = list.pop(where)!;
  const r = c.reply;
  r.arrayLen(2);
  r.bulk(key);
  r.bulk(value);
  // As Redis 7.0: the push that woke the client already signalled the key and counted the change.
  engine.notify(NOTIFY_LIST, where === "head" ? "lpop" : "rpop", key, db.id);
  if (list.length === 0) {
    db.delete(key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
  }
  return true;
}

/** Redis's blockingPopGenericCommand. */
function blockingPop(
  c: Client,
  keys: string[],
  where: ListEnd,
  timeoutArg: string,
  count: number,
): void {
  const deadline = parseBlockTimeout(c, timeoutArg);
  if (deadline === undefined) return;
  const db = c.db;
  for (const key of keys) {
    const list = listForWrite(db, key);
    if (list === undefined || list.length === 0) continue;
    if (count !== -1) {
      const llen = list.length;
      popRangeWithKey(c, db, key, list, where, count);
      c.propagateArgv = [popName(where), key, String(Math.min(count, llen))];
      return;
    }
    const value = list.pop(where)!;
    c.reply.arrayLen(2);
    c.reply.bulk(key);
    c.reply.bulk(value);
    listElementsRemoved(c.engine, db, key, list, where, 1);
    c.propagateArgv = [popName(where), key];
    return;
  }
  // Not allowed to block (MULTI, scripts): as if it timed out at once.
  if (!mayBlock(c)) return c.reply.nullArray();
  blockOnKeys(c, {
    keys,
    deadline,
    serve: (client, key) => servePop(client, db, key, where, count),
  });
}

/** A served BLMOVE/BRPOPLPUSH. */
function serveMove(
  c: Client,
  db: Database,
  srcKey: string,
  dstKey: string,
  from: ListEnd,
  to: ListEnd,
  brpoplpush: boolean,
): boolean {
  const src = db.get(srcKey);
  if (!(src instanceof ListValue) || src.length === 0) return false;
  const dst = db.get(dstKey);
  // Served with an error: the client stops waiting.
  if (dst !== undefined && !(dst instanceof ListValue)) {
    c.reply.error(ERR_WRONGTYPE);
    return true;
  }
  const engine = c.engine;
  const value = src.pop(from)!;
  lmovePush(c, db, dstKey, dst, value, to);
  propagate(
    engine,
    c,
    brpoplpush
      ? ["RPOPLPUSH", srcKey, dstKey]
      : ["LMOVE", srcKey, dstKey, endName(from), endName(to)],
  );
  engine.notify(NOTIFY_LIST, from === "tail" ? "rpop" : "lpop", srcKey, db.id);
  if (src.length === 0) {
    db.delete(srcKey);
    engine.notify(NOTIFY_GENERIC, "del", srcKey, db.id);
  }
  return true;
}

/** Redis's blmoveGenericCommand. */
function blmoveGeneric(
  c: Client,
  argv: string[],
  from: ListEnd,
  to: ListEnd,
  deadline: number,
  brpoplpush: boolean,
): void {
  const db = c.db;
  const srcKey = argv[1];
  const dstKey = argv[2];
  const src = listForWrite(db, srcKey);
  if (src === undefined) {
    if (!mayBlock(c)) return c.reply.nullBulk();
    blockOnKeys(c, {
      keys: [srcKey],
      deadline,
      serve: (client) => serveMove(client, db, srcKey, dstKey, from, to, brpoplpush),
    });
    return;
  }
  const dst = listForWrite(db, dstKey);
  moveOne(c, db, srcKey, src, dstKey, dst, from, to);
  c.propagateArgv = brpoplpush
    ? ["RPOPLPUSH", srcKey, dstKey]
    : ["LMOVE", srcKey, dstKey, argv[3], argv[4]];
}

const TIMEOUT_HISTORY: [string, string][] = [[
  "6.0.0",
  "`timeout` is interpreted as a double instead of an integer.",
]];

export const blpop: CommandDefinition = {
  name: "blpop",
  arity: -3,
  flags: ["write", "noscript", "blocking"],
  acl: ["list"],
  keys: [keyRange(["RW", "ACCESS", "DELETE"], 1, -2)],
  docs: {
    summary: "Remove and get the first element in a list, or block until one is available",
    since: "2.0.0",
    group: "list",
    complexity: "O(N) where N is the number of provided keys.",
    syntax: "key [key ...] timeout",
    history: TIMEOUT_HISTORY,
  },
  handler(c, argv) {
    blockingPop(c, argv.slice(1, -1), "head", argv[argv.length - 1], -1);
  },
};

export const brpop: CommandDefinition = {
  name: "brpop",
  arity: -3,
  flags: ["write", "noscript", "blocking"],
  acl: ["list"],
  keys: [keyRange(["RW", "ACCESS", "DELETE"], 1, -2)],
  docs: {
    summary: "Remove and get the last element in a list, or block until one is available",
    since: "2.0.0",
    group: "list",
    complexity: "O(N) where N is the number of provided keys.",
    syntax: "key [key ...] timeout",
    history: TIMEOUT_HISTORY,
  },
  handler(c, argv) {
    blockingPop(c, argv.slice(1, -1), "tail", argv[argv.length - 1], -1);
  },
};

export const blmove: CommandDefinition = {
  name: "blmove",
  arity: 6,
  flags: ["write", "denyoom", "noscript", "blocking"],
  acl: ["list"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"]), singleKey(["RW", "INSERT"], 2)],
  docs: {
    summary:
      "Pop an element from a list, push it to another list and return it; or block until one is available",
    since: "6.2.0",
    group: "list",
    complexity: "O(1)",
    syntax: "source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout",
  },
  handler(c, argv) {
    const from = parseListEnd(argv[3]);
    const to = parseListEnd(argv[4]);
    const deadline = parseBlockTimeout(c, argv[5]);
    if (deadline === undefined) return;
    blmoveGeneric(c, argv, from, to, deadline, false);
  },
};

export const brpoplpush: CommandDefinition = {
  name: "brpoplpush",
  arity: 4,
  flags: ["write", "denyoom", "noscript", "blocking"],
  acl: ["list"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"]), singleKey(["RW", "INSERT"], 2)],
  docs: {
    summary:
      "Pop an element from a list, push it to another list and return it; or block until one is available",
    since: "2.2.0",
    group: "list",
    complexity: "O(1)",
    syntax: "source destination timeout",
    history: TIMEOUT_HISTORY,
    deprecatedSince: "6.2.0",
    replacedBy: "`BLMOVE` with the `RIGHT` and `LEFT` arguments",
    docFlags: ["deprecated"],
  },
  handler(c, argv) {
    const deadline = parseBlockTimeout(c, argv[3]);
    if (deadline === undefined) return;
    blmoveGeneric(c, argv, "tail", "head", deadline, true);
  },
};

export const blmpop: CommandDefinition = {
  name: "blmpop",
  arity: -5,
  flags: ["write", "blocking"],
  acl: ["list"],
  keys: [keyNum(["RW", "ACCESS", "DELETE"], 2)],
  docs: {
    summary: "Pop elements from a list, or block until one is available",
    since: "7.0.0",
    group: "list",
    complexity:
      "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
    syntax: "timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]",
  },
  handler(c, argv) {
    const numkeys = rangeLongArg(argv[2], 1n, LONG_MAX, "numkeys should be greater than 0");
    const whereIdx = 3 + numkeys;
    if (whereIdx >= argv.length) return c.reply.error(ERR_SYNTAX);
    const where = parseListEnd(argv[whereIdx]);
    let count = -1;
    for (let j = whereIdx + 1; j < argv.length; j++) {
      if (count === -1 && j + 1 < argv.length && argv[j].toUpperCase() === "COUNT") {
        count = rangeLongArg(argv[++j], 1n, LONG_MAX, "count should be greater than 0");
      } else return c.reply.error(ERR_SYNTAX);
    }
    if (count === -1) count = 1;
    blockingPop(c, argv.slice(3, whereIdx), where, argv[1], count);
  },
};
