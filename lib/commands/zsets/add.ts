/** ZADD and ZINCRBY. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_FLOAT, ERR_SYNTAX } from "../../core/errors.ts";
import { NOTIFY_ZSET } from "../../config/notify-flags.ts";
import {
  ZADD_ADDED,
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NAN,
  ZADD_NOP,
  ZADD_NX,
  ZADD_UPDATED,
  ZADD_XX,
  ZSet,
} from "../../store/types/zset.ts";
import { toDouble } from "../parse.ts";
import { writeZset } from "./common.ts";

export const zadd: CommandDefinition = {
  name: "zadd",
  arity: -4,
  flags: ["write", "denyoom", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary: "Add one or more members to a sorted set, or update its score if it already exists",
    since: "1.2.0",
    group: "sorted-set",
    complexity:
      "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
    syntax: "key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]",
    history: [
      ["2.4.0", "Accepts multiple elements."],
      ["3.0.2", "Added the `XX`, `NX`, `CH` and `INCR` options."],
      ["6.2.0", "Added the `GT` and `LT` options."],
    ],
  },
  handler: zaddCommand,
};

export const zincrby: CommandDefinition = {
  name: "zincrby",
  arity: 4,
  flags: ["write", "denyoom", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "ACCESS", "UPDATE"])],
  docs: {
    summary: "Increment the score of a member in a sorted set",
    since: "1.2.0",
    group: "sorted-set",
    complexity: "O(log(N)) where N is the number of elements in the sorted set.",
    syntax: "key increment member",
  },
  handler: zincrbyCommand,
};

function zaddCommand(c: Client, argv: string[]): void {
  zaddGeneric(c, argv, 0);
}

function zincrbyCommand(c: Client, argv: string[]): void {
  zaddGeneric(c, argv, ZADD_INCR);
}

/** Redis's zaddGenericCommand (also run by GEOADD with its computed scores). */
export function zaddGeneric(c: Client, argv: string[], flags: number, scores?: number[]): void {
  let ch = false;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const opt = argv[idx];
    if (opt.length > 4) break;
    const o = opt.toLowerCase();
    if (o === "nx") flags |= ZADD_NX;
    else if (o === "xx") flags |= ZADD_XX;
    else if (o === "ch") ch = true;
    else if (o === "incr") flags |= ZADD_INCR;
    else if (o === "gt") flags |= ZADD_GT;
    else if (o === "lt") flags |= ZADD_LT;
    else break;
  }
  const incr = (flags & ZADD_INCR) !== 0;
  const nx = (flags & ZADD_NX) !== 0;
  const gt = (flags & ZADD_GT) !== 0;
  const lt = (flags & ZADD_LT) !== 0;
  let elements = argv.length - idx;
  if (elements % 2 !== 0 || elements === 0) return c.reply.error(ERR_SYNTAX);
  elements /= 2;
  if (nx && flags & ZADD_XX) {
    return c.reply.error("ERR XX and NX options at the same time are not compatible");
  }
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    return c.reply.error("ERR GT, LT, and/or NX options at the same time are not compatible");
  }
  if (incr && elements > 1) {
    return c.reply.error("ERR INCR option supports a single increment-element pair");
  }
  if (scores === undefined) {
    scores = new Array(elements);
    for (let j = 0; j < elements; j++) {
      const v = toDouble(argv[idx + j * 2]);
      if (v === undefined) return c.reply.error(ERR_NOT_FLOAT);
      scores[j] = v;
    }
  }
  const key = argv[1];
  const db = c.db;
  const engine = c.engine;
  let z = writeZset(c, key);
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  if (z === undefined) {
    if (flags & ZADD_XX) {
      if (incr) c.reply.nullBulk();
      else c.reply.int(0);
      return;
    }
    z = ZSet.create(engine.encodingLimits, argv[idx + 1].length);
    db.set(key, z);
    engine.keyReady(db, key);
  }
  const limits = engine.encodingLimits;
  for (let j = 0; j < elements; j++) {
    const out = z.add(scores[j], argv[idx + 1 + j * 2], flags, limits);
    if (out & ZADD_NAN) {
      c.reply.error("ERR resulting score is not a number (NaN)");
      break;
    }
    if (out & ZADD_ADDED) added++;
    else if (out & ZADD_UPDATED) updated++;
    if (!(out & ZADD_NOP)) processed++;
    score = z.newScore;
    if (j === elements - 1) {
      engine.dirty += added + updated;
      if (incr) {
        if (processed) c.reply.double(score);
        else c.reply.nullBulk();
      } else c.reply.int(ch ? added + updated : added);
    }
  }
  if (added || updated) {
    engine.keyModified(db, key);
    engine.notify(NOTIFY_ZSET, incr ? "zincr" : "zadd", key, db.id);
  }
}
