/** LPOP, RPOP, LMPOP. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyNum, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, wrongArity } from "../../core/errors.ts";
import { LONG_MAX, positiveLongArg, rangeLongArg } from "./args.ts";
import {
  type ListEnd,
  listForWrite,
  parseListEnd,
  popOne,
  popRange,
  popRangeWithKey,
} from "./ops.ts";

/** Redis's popGenericCommand. */
function pop(c: Client, argv: string[], where: ListEnd, name: string): void {
  const hasCount = argv.length === 3;
  if (argv.length > 3) return c.reply.error(wrongArity(name));
  const count = hasCount ? positiveLongArg(argv[2]) : 0;
  const db = c.db;
  const key = argv[1];
  const list = listForWrite(db, key);
  if (list === undefined) {
    if (hasCount) c.reply.nullArray();
    else c.reply.nullBulk();
    return;
  }
  if (hasCount && count === 0) return c.reply.arrayLen(0);
  if (!hasCount) c.reply.bulk(popOne(c.engine, db, key, list, where));
  else popRange(c, db, key, list, where, count);
}

export const lpop: CommandDefinition = {
  name: "lpop",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["list"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"])],
  docs: {
    summary: "Remove and get the first elements in a list",
    since: "1.0.0",
    group: "list",
    complexity: "O(N) where N is the number of elements returned",
    syntax: "key [count]",
    history: [["6.2.0", "Added the `count` argument."]],
  },
  handler(c, argv) {
    pop(c, argv, "head", "lpop");
  },
};

export const rpop: CommandDefinition = {
  name: "rpop",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["list"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"])],
  docs: {
    summary: "Remove and get the last elements in a list",
    since: "1.0.0",
    group: "list",
    complexity: "O(N) where N is the number of elements returned",
    syntax: "key [count]",
    history: [["6.2.0", "Added the `count` argument."]],
  },
  handler(c, argv) {
    pop(c, argv, "tail", "rpop");
  },
};

export const lmpop: CommandDefinition = {
  name: "lmpop",
  arity: -4,
  flags: ["write"],
  acl: ["list"],
  keys: [keyNum(["RW", "ACCESS", "DELETE"], 1)],
  docs: {
    summary: "Pop elements from a list",
    since: "7.0.0",
    group: "list",
    complexity:
      "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
    syntax: "numkeys key [key ...] <LEFT | RIGHT> [COUNT count]",
  },
  handler(c, argv) {
    const numkeys = rangeLongArg(argv[1], 1n, LONG_MAX, "numkeys should be greater than 0");
    const whereIdx = 2 + numkeys;
    if (whereIdx >= argv.length) return c.reply.error(ERR_SYNTAX);
    const where = parseListEnd(argv[whereIdx]);
    let count = -1;
    for (let j = whereIdx + 1; j < argv.length; j++) {
      if (count === -1 && j + 1 < argv.length && argv[j].toUpperCase() === "COUNT") {
        count = rangeLongArg(argv[++j], 1n, LONG_MAX, "count should be greater than 0");
      } else return c.reply.error(ERR_SYNTAX);
    }
    if (count === -1) count = 1;
    const db = c.db;
    for (let j = 2; j < whereIdx; j++) {
      const key = argv[j];
      const list = listForWrite(db, key);
      if (list === undefined || list.length === 0) continue;
      const n = popRangeWithKey(c, db, key, list, where, count);
      // Replicated as the equivalent counted pop (Redis's rewrite of LMPOP).
      c.propagateArgv = [where === "head" ? "LPOP" : "RPOP", key, String(n)];
      return;
    }
    c.reply.nullArray();
  },
};
