/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, as Redis's
 * zunionInterDiffGenericCommand. Plain sets take part with score 1.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyNum, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import type { SetValue } from "../../store/types/set.ts";
import { ZSet } from "../../store/types/zset.ts";
import { toDouble, toInt64 } from "../parse.ts";
import { storeResult } from "./common.ts";

const OP_UNION = 0;
const OP_INTER = 1;
const OP_DIFF = 2;
const AGG_SUM = 0;
const AGG_MIN = 1;
const AGG_MAX = 2;

/** One input: a sorted set, a set (scores 1) or a missing key (empty). */
interface Source {
  z: ZSet | undefined;
  s: SetValue | undefined;
  weight: number;
  size: number;
}

/** Key positions for ZUNION/ZINTER/ZDIFF/ZINTERCARD (numkeys at 1). */
function plainKeys(argv: string[]): number[] {
  return keysAfter(argv, 1);
}

/** Key positions for the STORE forms (destination, then numkeys at 2). */
function storeKeys(argv: string[]): number[] {
  return [1, ...keysAfter(argv, 2)];
}

function keysAfter(argv: string[], numkeysIdx: number): number[] {
  const n = Number(toInt64(argv[numkeysIdx]) ?? 0);
  const out: number[] = [];
  for (let i = 0; i < n && numkeysIdx + 1 + i < argv.length; i++) out.push(numkeysIdx + 1 + i);
  return out;
}

export const zunion: CommandDefinition = {
  name: "zunion",
  arity: -3,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [keyNum(["RO", "ACCESS"], 1)],
  docs: {
    summary: "Add multiple sorted sets",
    since: "6.2.0",
    group: "sorted-set",
    complexity:
      "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
    syntax:
      "numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]",
  },
  handler: zunionCommand,
  getKeys: plainKeys,
};

export const zinter: CommandDefinition = {
  name: "zinter",
  arity: -3,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [keyNum(["RO", "ACCESS"], 1)],
  docs: {
    summary: "Intersect multiple sorted sets",
    since: "6.2.0",
    group: "sorted-set",
    complexity:
      "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
    syntax:
      "numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]",
  },
  handler: zinterCommand,
  getKeys: plainKeys,
};

export const zdiff: CommandDefinition = {
  name: "zdiff",
  arity: -3,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [keyNum(["RO", "ACCESS"], 1)],
  docs: {
    summary: "Subtract multiple sorted sets",
    since: "6.2.0",
    group: "sorted-set",
    complexity:
      "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
    syntax: "numkeys key [key ...] [WITHSCORES]",
  },
  handler: zdiffCommand,
  getKeys: plainKeys,
};

export const zunionstore: CommandDefinition = {
  name: "zunionstore",
  arity: -4,
  flags: ["write", "denyoom"],
  acl: ["sortedset"],
  keys: [singleKey(["OW", "UPDATE"]), keyNum(["RO", "ACCESS"], 2)],
  docs: {
    summary: "Add multiple sorted sets and store the resulting sorted set in a new key",
    since: "2.0.0",
    group: "sorted-set",
    complexity:
      "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
    syntax:
      "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]",
  },
  handler: zunionstoreCommand,
  getKeys: storeKeys,
};

export const zinterstore: CommandDefinition = {
  name: "zinterstore",
  arity: -4,
  flags: ["write", "denyoom"],
  acl: ["sortedset"],
  keys: [singleKey(["OW", "UPDATE"]), keyNum(["RO", "ACCESS"], 2)],
  docs: {
    summary: "Intersect multiple sorted sets and store the resulting sorted set in a new key",
    since: "2.0.0",
    group: "sorted-set",
    complexity:
      "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
    syntax:
      "destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]",
  },
  handler: zinterstoreCommand,
  getKeys: storeKeys,
};

export const zdiffstore: CommandDefinition = {
  name: "zdiffstore",
  arity: -4,
  flags: ["write", "denyoom"],
  acl: ["sortedset"],
  keys: [singleKey(["OW", "UPDATE"]), keyNum(["RO", "ACCESS"], 2)],
  docs: {
    summary: "Subtract multiple sorted sets and store the resulting sorted set in a new key",
    since: "6.2.0",
    group: "sorted-set",
    complexity:
      "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
    syntax: "destination numkeys key [key ...]",
  },
  handler: zdiffstoreCommand,
  getKeys: storeKeys,
};

export const zintercard: CommandDefinition = {
  name: "zintercard",
  arity: -3,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [keyNum(["RO", "ACCESS"], 1)],
  docs: {
    summary: "Intersect multiple sorted sets and return the cardinality of the result",
    since: "7.0.0",
    group: "sorted-set",
    complexity:
      "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.",
    syntax: "numkeys key [key ...] [LIMIT limit]",
  },
  handler: zintercardCommand,
  getKeys: plainKeys,
};

function zunionstoreCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, argv[1], 2, OP_UNION, false);
}

function zinterstoreCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, argv[1], 2, OP_INTER, false);
}

function zdiffstoreCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, argv[1], 2, OP_DIFF, false);
}

function zunionCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, undefined, 1, OP_UNION, false);
}

function zinterCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, undefined, 1, OP_INTER, false);
}

function zintercardCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, undefined, 1, OP_INTER, true);
}

function zdiffCommand(c: Client, argv: string[]): void {
  setOperation(c, argv, undefined, 1, OP_DIFF, false);
}

function aggregate(target: number, val: number, agg: number): number {
  if (agg === AGG_SUM) {
    const sum = target + val;
    return sum !== sum ? 0 : sum;
  }
  if (agg === AGG_MIN) return val < target ? val : target;
  return val > target ? val : target;
}

/** Score of `member` in a source, or undefined. */
function find(src: Source, member: string): number | undefined {
  if (src.z !== undefined) return src.z.score(member);
  if (src.s !== undefined) return src.s.has(member) ? 1 : undefined;
  return undefined;
}

/** Visits every member of a source with its raw score. */
function each(src: Source, fn: (member: string, score: number) => boolean | void): void {
  if (src.z !== undefined) {
    const ms = src.z.members;
    const ss = src.z.scores;
    for (let i = 0; i < ms.length; i++) if (fn(ms[i], ss[i]) === false) return;
  } else if (src.s !== undefined) {
    const ms = src.s.members;
    for (let i = 0; i < ms.length; i++) if (fn(ms[i], 1) === false) return;
  }
}

function setOperation(
  c: Client,
  argv: string[],
  dst: string | undefined,
  numkeysIdx: number,
  op: number,
  cardOnly: boolean,
): void {
  const r = c.reply;
  const nk = toInt64(argv[numkeysIdx]);
  if (nk === undefined) return r.error(ERR_NOT_INTEGER);
  const setnum = Number(nk);
  if (setnum < 1) {
    return r.error(
      "ERR at least 1 input key is needed for '" + argv[0].toLowerCase() + "' command",
    );
  }
  if (setnum > argv.length - (numkeysIdx + 1)) return r.error(ERR_SYNTAX);

  const src: Source[] = new Array(setnum);
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const v = c.db.lookupRead(argv[j]);
    let z: ZSet | undefined;
    let s: SetValue | undefined;
    if (v !== undefined) {
      if (typeof v === "string") return r.error(ERR_WRONGTYPE);
      if (v.type === "zset") z = v as ZSet;
      else if (v.type === "set") s = v as SetValue;
      else return r.error(ERR_WRONGTYPE);
    }
    src[i] = { z, s, weight: 1, size: z ? z.size : s ? s.size : 0 };
  }

  let agg = AGG_SUM;
  let withscores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const opt = argv[j].toLowerCase();
    if (op !== OP_DIFF && !cardOnly && remaining >= setnum + 1 && opt === "weights") {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = toDouble(argv[j]);
        if (w === undefined) return r.error("ERR weight value is not a float");
        src[i].weight = w;
      }
    } else if (op !== OP_DIFF && !cardOnly && remaining >= 2 && opt === "aggregate") {
      const a = argv[j + 1].toLowerCase();
      if (a === "sum") agg = AGG_SUM;
      else if (a === "min") agg = AGG_MIN;
      else if (a === "max") agg = AGG_MAX;
      else return r.error(ERR_SYNTAX);
      j += 2;
    } else if (dst === undefined && !cardOnly && opt === "withscores") {
      withscores = true;
      j++;
    } else if (cardOnly && remaining >= 2 && opt === "limit") {
      const l = toInt64(argv[j + 1]);
      if (l === undefined || l < 0) return r.error("ERR LIMIT can't be negative");
      limit = Number(l);
      j += 2;
    } else return r.error(ERR_SYNTAX);
  }

  // Smallest inputs first, as Redis does (stable, so ties keep key order).
  if (op !== OP_DIFF) src.sort((a, b) => a.size - b.size);

  const out = new ZSet(false);
  let cardinality = 0;
  if (op === OP_INTER) {
    const first = src[0];
    if (first.size > 0) {
      each(first, (member, raw) => {
        let score = first.weight * raw;
        if (score !== score) score = 0;
        let k = 1;
        for (; k < setnum; k++) {
          const other = src[k];
          let value: number | undefined;
          if (sameValue(other, first)) value = raw * other.weight;
          else {
            value = find(other, member);
            if (value === undefined) break;
            value *= other.weight;
          }
          score = aggregate(score, value, agg);
        }
        if (k !== setnum) return;
        if (cardOnly) {
          cardinality++;
          if (limit && cardinality >= limit) return false;
        } else out.insertNew(score, member);
      });
    }
  } else if (op === OP_UNION) {
    const acc = new Map<string, number>();
    for (let i = 0; i < setnum; i++) {
      const one = src[i];
      if (one.size === 0) continue;
      each(one, (member, raw) => {
        let score = one.weight * raw;
        if (score !== score) score = 0;
        const prev = acc.get(member);
        acc.set(member, prev === undefined ? score : aggregate(prev, score, agg));
      });
    }
    for (const [member, score] of acc) out.insertNew(score, member);
  } else {
    const first = src[0];
    let same = false;
    for (let i = 1; i < setnum; i++) if (sameValue(src[i], first)) same = true;
    if (first.size > 0 && !same) {
      each(first, (member, raw) => {
        for (let i = 1; i < setnum; i++) if (find(src[i], member) !== undefined) return;
        out.insertNew(raw, member);
      });
    }
  }

  if (dst !== undefined) {
    out.shrinkIfSmall(c.engine.encodingLimits);
    const event = op === OP_UNION ? "zunionstore" : op === OP_INTER ? "zinterstore" : "zdiffstore";
    return storeResult(c, dst, out, event);
  }
  if (cardOnly) return r.int(cardinality);
  const n = out.size;
  r.arrayLen(withscores && r.protocol === 2 ? n * 2 : n);
  if (withscores) {
    const p3 = r.protocol === 3;
    out.forRange(0, n, false, (m, s) => {
      if (p3) r.arrayLen(2);
      r.bulk(m);
      r.double(s);
    });
  } else out.forRange(0, n, false, (m) => r.bulk(m));
}

function sameValue(a: Source, b: Source): boolean {
  const va = a.z ?? a.s;
  return va !== undefined && va === (b.z ?? b.s);
}
