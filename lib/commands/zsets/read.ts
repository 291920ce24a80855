/** ZSCORE, ZMSCORE, ZCARD, ZCOUNT, ZLEXCOUNT, ZRANK and ZREVRANK. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { readZset } from "./common.ts";
import { parseLexRange, parseScoreRange } from "./parse.ts";

export const zscore: CommandDefinition = {
  name: "zscore",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get the score associated with the given member in a sorted set",
    since: "1.2.0",
    group: "sorted-set",
    complexity: "O(1)",
    syntax: "key member",
  },
  handler: zscoreCommand,
};

export const zmscore: CommandDefinition = {
  name: "zmscore",
  arity: -3,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get the score associated with the given members in a sorted set",
    since: "6.2.0",
    group: "sorted-set",
    complexity: "O(N) where N is the number of members being requested.",
    syntax: "key member [member ...]",
  },
  handler: zmscoreCommand,
};

export const zcard: CommandDefinition = {
  name: "zcard",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Get the number of members in a sorted set",
    since: "1.2.0",
    group: "sorted-set",
    complexity: "O(1)",
    syntax: "key",
  },
  handler: zcardCommand,
};

export const zcount: CommandDefinition = {
  name: "zcount",
  arity: 4,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Count the members in a sorted set with scores within the given values",
    since: "2.0.0",
    group: "sorted-set",
    complexity: "O(log(N)) with N being the number of elements in the sorted set.",
    syntax: "key min max",
  },
  handler: zcountCommand,
};

export const zlexcount: CommandDefinition = {
  name: "zlexcount",
  arity: 4,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Count the number of members in a sorted set between a given lexicographical range",
    since: "2.8.9",
    group: "sorted-set",
    complexity: "O(log(N)) with N being the number of elements in the sorted set.",
    syntax: "key min max",
  },
  handler: zlexcountCommand,
};

export const zrank: CommandDefinition = {
  name: "zrank",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Determine the index of a member in a sorted set",
    since: "2.0.0",
    group: "sorted-set",
    complexity: "O(log(N))",
    syntax: "key member",
  },
  handler: zrankCommand,
};

export const zrevrank: CommandDefinition = {
  name: "zrevrank",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Determine the index of a member in a sorted set, with scores ordered from high to low",
    since: "2.0.0",
    group: "sorted-set",
    complexity: "O(log(N))",
    syntax: "key member",
  },
  handler: zrevrankCommand,
};

function zscoreCommand(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  const s = z?.score(argv[2]);
  if (s === undefined) c.reply.nullBulk();
  else c.reply.double(s);
}

function zmscoreCommand(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  c.reply.arrayLen(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const s = z?.score(argv[j]);
    if (s === undefined) c.reply.nullBulk();
    else c.reply.double(s);
  }
}

function zcardCommand(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  c.reply.int(z === undefined ? 0 : z.size);
}

function zcountCommand(c: Client, argv: string[]): void {
  const range = parseScoreRange(argv[2], argv[3]);
  const z = readZset(c, argv[1]);
  if (z === undefined) return c.reply.int(0);
  const [first, end] = z.scoreRange(range);
  c.reply.int(end - first);
}

function zlexcountCommand(c: Client, argv: string[]): void {
  const range = parseLexRange(argv[2], argv[3]);
  const z = readZset(c, argv[1]);
  if (z === undefined) return c.reply.int(0);
  const [first, end] = z.lexRange(range);
  c.reply.int(end - first);
}

function zrankCommand(c: Client, argv: string[]): void {
  rankGeneric(c, argv, false);
}

function zrevrankCommand(c: Client, argv: string[]): void {
  rankGeneric(c, argv, true);
}

function rankGeneric(c: Client, argv: string[], reverse: boolean): void {
  const z = readZset(c, argv[1]);
  if (z === undefined) return c.reply.nullBulk();
  const r = z.rank(argv[2], reverse);
  if (r < 0) c.reply.nullBulk();
  else c.reply.int(r);
}
