/** LMOVE, RPOPLPUSH. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { type ListEnd, listForWrite, moveOne, parseListEnd } from "./ops.ts";

/** Redis's lmoveGenericCommand. */
function lmoveGeneric(c: Client, argv: string[], from: ListEnd, to: ListEnd): void {
  const db = c.db;
  const src = listForWrite(db, argv[1]);
  if (src === undefined || src.length === 0) return c.reply.nullBulk();
  const dst = listForWrite(db, argv[2]);
  moveOne(c, db, argv[1], src, argv[2], dst, from, to);
}

export const lmove: CommandDefinition = {
  name: "lmove",
  arity: 5,
  flags: ["write", "denyoom"],
  acl: ["list"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"]), singleKey(["RW", "INSERT"], 2)],
  docs: {
    summary: "Pop an element from a list, push it to another list and return it",
    since: "6.2.0",
    group: "list",
    complexity: "O(1)",
    syntax: "source destination <LEFT | RIGHT> <LEFT | RIGHT>",
  },
  handler(c, argv) {
    const from = parseListEnd(argv[3]);
    const to = parseListEnd(argv[4]);
    lmoveGeneric(c, argv, from, to);
  },
};

export const rpoplpush: CommandDefinition = {
  name: "rpoplpush",
  arity: 3,
  flags: ["write", "denyoom"],
  acl: ["list"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"]), singleKey(["RW", "INSERT"], 2)],
  docs: {
    summary: "Remove the last element in a list, prepend it to another list and return it",
    since: "1.2.0",
    group: "list",
    complexity: "O(1)",
    syntax: "source destination",
    deprecatedSince: "6.2.0",
    replacedBy: "`LMOVE` with the `RIGHT` and `LEFT` arguments",
    docFlags: ["deprecated"],
  },
  handler(c, argv) {
    lmoveGeneric(c, argv, "tail", "head");
  },
};
