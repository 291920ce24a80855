/**
 * ZRANGE and its variants (ZRANGESTORE, ZREVRANGE, ZRANGEBYSCORE,
 * ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX), as Redis's
 * zrangeGenericCommand: ranges resolve to ranks in O(log n), then the
 * elements are walked in order.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { ZSet } from "../../store/types/zset.ts";
import { readZset, replyWithScore, storeResult } from "./common.ts";
import { parseLexRange, parseLong, parseScoreRange } from "./parse.ts";

const AUTO = 0;
const BY_RANK = 1;
const BY_SCORE = 2;
const BY_LEX = 3;
const FORWARD = 1;
const REVERSE = 2;

export const zrange: CommandDefinition = {
  name: "zrange",
  arity: -4,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Return a range of members in a sorted set",
    since: "1.2.0",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
    syntax: "key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]",
    history: [
      ["6.2.0", "Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options."],
    ],
  },
  handler: zrangeCommand,
};

export const zrangestore: CommandDefinition = {
  name: "zrangestore",
  arity: -5,
  flags: ["write", "denyoom"],
  acl: ["sortedset"],
  keys: [singleKey(["OW", "UPDATE"]), singleKey(["RO", "ACCESS"], 2)],
  docs: {
    summary: "Store a range of members from sorted set into another key",
    since: "6.2.0",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.",
    syntax: "dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]",
  },
  handler: zrangestoreCommand,
};

export const zrangebyscore: CommandDefinition = {
  name: "zrangebyscore",
  arity: -4,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Return a range of members in a sorted set, by score",
    since: "1.0.5",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
    syntax: "key min max [WITHSCORES] [LIMIT offset count]",
    history: [
      ["2.0.0", "Added the `WITHSCORES` modifier."],
    ],
    deprecatedSince: "6.2.0",
    replacedBy: "`ZRANGE` with the `BYSCORE` argument",
    docFlags: ["deprecated"],
  },
  handler: zrangebyscoreCommand,
};

export const zrevrangebyscore: CommandDefinition = {
  name: "zrevrangebyscore",
  arity: -4,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Return a range of members in a sorted set, by score, with scores ordered from high to low",
    since: "2.2.0",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
    syntax: "key max min [WITHSCORES] [LIMIT offset count]",
    history: [
      ["2.1.6", "`min` and `max` can be exclusive."],
    ],
    deprecatedSince: "6.2.0",
    replacedBy: "`ZRANGE` with the `REV` and `BYSCORE` arguments",
    docFlags: ["deprecated"],
  },
  handler: zrevrangebyscoreCommand,
};

export const zrangebylex: CommandDefinition = {
  name: "zrangebylex",
  arity: -4,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Return a range of members in a sorted set, by lexicographical range",
    since: "2.8.9",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
    syntax: "key min max [LIMIT offset count]",
    deprecatedSince: "6.2.0",
    replacedBy: "`ZRANGE` with the `BYLEX` argument",
    docFlags: ["deprecated"],
  },
  handler: zrangebylexCommand,
};

export const zrevrangebylex: CommandDefinition = {
  name: "zrevrangebylex",
  arity: -4,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.",
    since: "2.8.9",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
    syntax: "key max min [LIMIT offset count]",
    deprecatedSince: "6.2.0",
    replacedBy: "`ZRANGE` with the `REV` and `BYLEX` arguments",
    docFlags: ["deprecated"],
  },
  handler: zrevrangebylexCommand,
};

export const zrevrange: CommandDefinition = {
  name: "zrevrange",
  arity: -4,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Return a range of members in a sorted set, by index, with scores ordered from high to low",
    since: "1.2.0",
    group: "sorted-set",
    complexity:
      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
    syntax: "key start stop [WITHSCORES]",
    deprecatedSince: "6.2.0",
    replacedBy: "`ZRANGE` with the `REV` argument",
    docFlags: ["deprecated"],
  },
  handler: zrevrangeCommand,
};

function zrangeCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, undefined, AUTO, AUTO);
}

function zrangestoreCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 2, argv[1], AUTO, AUTO);
}

function zrevrangeCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, undefined, BY_RANK, REVERSE);
}

function zrangebyscoreCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, undefined, BY_SCORE, FORWARD);
}

function zrevrangebyscoreCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, undefined, BY_SCORE, REVERSE);
}

function zrangebylexCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, undefined, BY_LEX, FORWARD);
}

function zrevrangebylexCommand(c: Client, argv: string[]): void {
  zrangeGeneric(c, argv, 1, undefined, BY_LEX, REVERSE);
}

/**
 * Parses `<src> <min> <max> [BYSCORE|BYLEX] [REV] [WITHSCORES] [LIMIT o c]`
 * from `argStart` and replies (or stores into `dst`) the range.
 */
function zrangeGeneric(
  c: Client,
  argv: string[],
  argStart: number,
  dst: string | undefined,
  type: number,
  direction: number,
): void {
  let withscores = false;
  let offset = 0;
  let limit = -1;
  const store = dst !== undefined;
  for (let j = argStart + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const a = argv[j].toLowerCase();
    if (!store && a === "withscores") withscores = true;
    else if (a === "limit" && left >= 2) {
      offset = parseLong(argv[j + 1]);
      limit = parseLong(argv[j + 2]);
      j += 2;
    } else if (direction === AUTO && a === "rev") direction = REVERSE;
    else if (type === AUTO && a === "bylex") type = BY_LEX;
    else if (type === AUTO && a === "byscore") type = BY_SCORE;
    else return c.reply.error(ERR_SYNTAX);
  }
  if (direction === AUTO) direction = FORWARD;
  if (type === AUTO) type = BY_RANK;
  if (limit !== -1 && type === BY_RANK) {
    fail("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
  }
  if (withscores && type === BY_LEX) {
    fail("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
  }
  const reverse = direction === REVERSE;
  let minArg = argv[argStart + 1];
  let maxArg = argv[argStart + 2];
  if (reverse && type !== BY_RANK) [minArg, maxArg] = [maxArg, minArg];

  let rankStart = 0;
  let rankEnd = 0;
  let scoreRange;
  let lexRange;
  if (type === BY_RANK) {
    rankStart = parseLong(minArg);
    rankEnd = parseLong(maxArg);
  } else if (type === BY_SCORE) scoreRange = parseScoreRange(minArg, maxArg);
  else lexRange = parseLexRange(minArg, maxArg);

  const z = readZset(c, argv[argStart]);
  if (z === undefined) {
    if (store) storeResult(c, dst, new ZSet(true), "zrangestore");
    else c.reply.arrayLen(0);
    return;
  }

  // Resolve to `count` elements starting at rank `first` (going down when reverse).
  let first = 0;
  let count = 0;
  const llen = z.size;
  if (type === BY_RANK) {
    let start = rankStart;
    let end = rankEnd;
    if (start < 0) start = llen + start;
    if (end < 0) end = llen + end;
    if (start < 0) start = 0;
    if (!(start > end || start >= llen)) {
      if (end >= llen) end = llen - 1;
      count = end - start + 1;
      first = reverse ? llen - 1 - start : start;
    }
  } else {
    const [lo, hi] = type === BY_SCORE ? z.scoreRange(scoreRange!) : z.lexRange(lexRange!, reverse);
    const n = hi - lo;
    if (offset >= 0 && offset < n) {
      count = n - offset;
      if (limit >= 0 && limit < count) count = limit;
      first = reverse ? hi - 1 - offset : lo + offset;
    }
  }

  if (store) {
    const limits = c.engine.encodingLimits;
    const out = new ZSet(type !== BY_RANK || count <= limits.zsetMaxListpackEntries);
    z.forRange(first, count, reverse, (m, s) => out.add(s, m, 0, limits));
    storeResult(c, dst, out, "zrangestore");
    return;
  }
  const r = c.reply;
  r.arrayLen(withscores && r.protocol === 2 ? count * 2 : count);
  if (withscores) z.forRange(first, count, reverse, (m, s) => replyWithScore(c, m, s));
  else z.forRange(first, count, reverse, (m) => r.bulk(m));
}
