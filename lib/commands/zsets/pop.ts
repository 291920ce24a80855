/**
 * ZPOPMIN, ZPOPMAX and ZMPOP, and the pop operation the blocking variants
 * (BZPOPMIN, BZPOPMAX, BZMPOP) reuse.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyNum, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_ZSET } from "../../config/notify-flags.ts";
import type { ZSet } from "../../store/types/zset.ts";
import { toInt64 } from "../parse.ts";
import { writeZset } from "./common.ts";

/** Pop from the lowest scores. */
export const ZSET_MIN = 0;
/** Pop from the highest scores. */
export const ZSET_MAX = 1;

export const zpopmin: CommandDefinition = {
  name: "zpopmin",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"])],
  docs: {
    summary: "Remove and return members with the lowest scores in a sorted set",
    since: "5.0.0",
    group: "sorted-set",
    complexity:
      "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
    syntax: "key [count]",
  },
  handler: zpopminCommand,
};

export const zpopmax: CommandDefinition = {
  name: "zpopmax",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"])],
  docs: {
    summary: "Remove and return members with the highest scores in a sorted set",
    since: "5.0.0",
    group: "sorted-set",
    complexity:
      "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
    syntax: "key [count]",
  },
  handler: zpopmaxCommand,
};

export const zmpop: CommandDefinition = {
  name: "zmpop",
  arity: -4,
  flags: ["write"],
  acl: ["sortedset"],
  keys: [keyNum(["RW", "ACCESS", "DELETE"], 1)],
  docs: {
    summary: "Remove and return members with scores in a sorted set",
    since: "7.0.0",
    group: "sorted-set",
    complexity:
      "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
    syntax: "numkeys key [key ...] <MIN | MAX> [COUNT count]",
  },
  getKeys: zmpopKeys,
  handler: zmpopCommand,
};

function zpopminCommand(c: Client, argv: string[]): void {
  zpopMinMax(c, argv, ZSET_MIN);
}

function zpopmaxCommand(c: Client, argv: string[]): void {
  zpopMinMax(c, argv, ZSET_MAX);
}

function zpopMinMax(c: Client, argv: string[], where: number): void {
  if (argv.length > 3) return c.reply.error(ERR_SYNTAX);
  let count = -1;
  if (argv.length === 3) {
    const v = toInt64(argv[2]);
    if (v === undefined || v < 0) {
      return c.reply.error("ERR value is out of range, must be positive");
    }
    count = Number(v);
  }
  const nested = c.reply.protocol === 3 && count !== -1;
  zpopGeneric(c, argv, 1, 1, where, false, count, nested, false);
}

/** Key positions of ZMPOP (numkeys at 1). */
function zmpopKeys(argv: string[]): number[] {
  const n = Number(toInt64(argv[1]) ?? 0);
  const out: number[] = [];
  for (let i = 0; i < n && 2 + i < argv.length; i++) out.push(2 + i);
  return out;
}

function zmpopCommand(c: Client, argv: string[]): void {
  zmpopGeneric(c, argv, 1);
}

/**
 * Parses `numkeys key [key ...] MIN|MAX [COUNT count]` starting at
 * `numkeysIdx`; returns [where, count, numkeys] or undefined after replying
 * an error. Shared with BZMPOP.
 */
export function parseZmpop(
  c: Client,
  argv: string[],
  numkeysIdx: number,
): [number, number, number] | undefined {
  const nk = toInt64(argv[numkeysIdx]);
  if (nk === undefined || nk < 1) {
    c.reply.error("ERR numkeys should be greater than 0");
    return undefined;
  }
  const numkeys = Number(nk);
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) {
    c.reply.error(ERR_SYNTAX);
    return undefined;
  }
  const w = argv[whereIdx].toUpperCase();
  let where: number;
  if (w === "MIN") where = ZSET_MIN;
  else if (w === "MAX") where = ZSET_MAX;
  else {
    c.reply.error(ERR_SYNTAX);
    return undefined;
  }
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && more > 0 && argv[j].toUpperCase() === "COUNT") {
      j++;
      const n = toInt64(argv[j]);
      if (n === undefined || n < 1) {
        c.reply.error("ERR count should be greater than 0");
        return undefined;
      }
      count = Number(n);
    } else {
      c.reply.error(ERR_SYNTAX);
      return undefined;
    }
  }
  if (count === -1) count = 1;
  return [where, count, numkeys];
}

function zmpopGeneric(c: Client, argv: string[], numkeysIdx: number): void {
  const parsed = parseZmpop(c, argv, numkeysIdx);
  if (parsed === undefined) return;
  const [where, count, numkeys] = parsed;
  zpopGeneric(c, argv, numkeysIdx + 1, numkeys, where, true, count, true, true);
}

/**
 * Redis's genericZpopCommand over keys `argv[first .. first+n)`: pops from
 * the first non-empty sorted set, or replies empty (a null array when
 * `nilWhenEmpty`).
 */
function zpopGeneric(
  c: Client,
  argv: string[],
  first: number,
  n: number,
  where: number,
  emitKey: boolean,
  count: number,
  nested: boolean,
  nilWhenEmpty: boolean,
): void {
  let z: ZSet | undefined;
  let key = "";
  for (let i = 0; i < n; i++) {
    key = argv[first + i];
    z = writeZset(c, key);
    if (z !== undefined) break;
  }
  if (z === undefined) {
    if (nilWhenEmpty) c.reply.nullArray();
    else c.reply.arrayLen(0);
    return;
  }
  if (count === 0) return c.reply.arrayLen(0);
  zsetPopReply(c, key, z, where, count === -1 ? 1 : count, emitKey, nested, emitKey ? 2 : 0);
}

/**
 * Pops up to `count` (>= 1) members of the non-empty set `z` at `key` from
 * the `where` end and writes the reply in one of Redis's shapes: flat
 * member/score pairs (ZPOPMIN in RESP2), nested pairs (`nested`), prefixed by
 * the key (`emitKey`: BZPOPMIN flat, ZMPOP/BZMPOP as [key, pairs]). Sends
 * the events, deletes the key when emptied; returns whether it did.
 * `rewrite` replicates the command as `ZPOPMIN|ZPOPMAX key` (1) or
 * `ZPOPMIN|ZPOPMAX key count` (2), as Redis does for BZPOP* and (B)ZMPOP.
 */
export function zsetPopReply(
  c: Client,
  key: string,
  z: ZSet,
  where: number,
  count: number,
  emitKey: boolean,
  nested: boolean,
  rewrite = 0,
): boolean {
  const r = c.reply;
  const llen = z.size;
  const n = count > llen ? llen : count;
  if (!nested && !emitKey) r.arrayLen(n * 2);
  else if (nested && !emitKey) r.arrayLen(n);
  else if (!nested && emitKey) {
    r.arrayLen(n * 2 + 1);
    r.bulk(key);
  } else {
    r.arrayLen(2);
    r.bulk(key);
    r.arrayLen(n);
  }
  const max = where === ZSET_MAX;
  for (let i = 0; i < n; i++) {
    const member = z.popEnd(max);
    if (nested) r.arrayLen(2);
    r.bulk(member);
    r.double(z.poppedScore);
  }
  const engine = c.engine;
  const db = c.db;
  engine.dirty += n;
  engine.notify(NOTIFY_ZSET, max ? "zpopmax" : "zpopmin", key, db.id);
  engine.keyModified(db, key);
  if (rewrite !== 0) {
    const name = max ? "ZPOPMAX" : "ZPOPMIN";
    c.propagateArgv = rewrite === 1 ? [name, key] : [name, key, String(n)];
  }
  if (z.size === 0) {
    db.delete(key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    return true;
  }
  return false;
}
