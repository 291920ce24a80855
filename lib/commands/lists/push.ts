/** LPUSH, RPUSH, LPUSHX, RPUSHX, LINSERT. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_LIST } from "../../config/notify-flags.ts";
import { type ListEnd, listForWrite, ListValue } from "./ops.ts";

/** Redis's pushGenericCommand; `xx` pushes only onto an existing list. */
function push(c: Client, argv: string[], where: ListEnd, xx: boolean): void {
  const db = c.db;
  const key = argv[1];
  const engine = c.engine;
  const v = db.get(key);
  let list: ListValue;
  let created = false;
  if (v === undefined) {
    if (xx) return c.reply.int(0);
    list = new ListValue();
    db.set(key, list);
    created = true;
  } else if (v instanceof ListValue) list = v;
  else return c.reply.error(ERR_WRONGTYPE);
  const n = argv.length;
  if (where === "head") {
    for (let j = 2; j < n; j++) list.pushHead(argv[j]);
  } else {
    for (let j = 2; j < n; j++) list.pushTail(argv[j]);
  }
  engine.dirty += n - 2;
  c.reply.int(list.length);
  engine.keyModified(db, key);
  engine.notify(NOTIFY_LIST, where === "head" ? "lpush" : "rpush", key, db.id);
  if (created) engine.keyReady(db, key);
}

export const lpush: CommandDefinition = {
  name: "lpush",
  arity: -3,
  flags: ["write", "denyoom", "fast"],
  acl: ["list"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Prepend one or multiple elements to a list",
    since: "1.0.0",
    group: "list",
    complexity:
      "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    syntax: "key element [element ...]",
    history: [["2.4.0", "Accepts multiple `element` arguments."]],
  },
  handler(c, argv) {
    push(c, argv, "head", false);
  },
};

export const rpush: CommandDefinition = {
  name: "rpush",
  arity: -3,
  flags: ["write", "denyoom", "fast"],
  acl: ["list"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Append one or multiple elements to a list",
    since: "1.0.0",
    group: "list",
    complexity:
      "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    syntax: "key element [element ...]",
    history: [["2.4.0", "Accepts multiple `element` arguments."]],
  },
  handler(c, argv) {
    push(c, argv, "tail", false);
  },
};

export const lpushx: CommandDefinition = {
  name: "lpushx",
  arity: -3,
  flags: ["write", "denyoom", "fast"],
  acl: ["list"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Prepend an element to a list, only if the list exists",
    since: "2.2.0",
    group: "list",
    complexity:
      "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    syntax: "key element [element ...]",
    history: [["4.0.0", "Accepts multiple `element` arguments."]],
  },
  handler(c, argv) {
    push(c, argv, "head", true);
  },
};

export const rpushx: CommandDefinition = {
  name: "rpushx",
  arity: -3,
  flags: ["write", "denyoom", "fast"],
  acl: ["list"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Append an element to a list, only if the list exists",
    since: "2.2.0",
    group: "list",
    complexity:
      "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    syntax: "key element [element ...]",
    history: [["4.0.0", "Accepts multiple `element` arguments."]],
  },
  handler(c, argv) {
    push(c, argv, "tail", true);
  },
};

export const linsert: CommandDefinition = {
  name: "linsert",
  arity: 5,
  flags: ["write", "denyoom"],
  acl: ["list"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Insert an element before or after another element in a list",
    since: "2.2.0",
    group: "list",
    complexity:
      "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).",
    syntax: "key <BEFORE | AFTER> pivot element",
  },
  handler(c, argv) {
    const where = argv[2].toLowerCase();
    if (where !== "after" && where !== "before") return c.reply.error(ERR_SYNTAX);
    const db = c.db;
    const key = argv[1];
    const list = listForWrite(db, key);
    if (list === undefined) return c.reply.int(0);
    const at = list.indexOf(argv[3]);
    if (at < 0) return c.reply.int(-1);
    list.insertAt(where === "after" ? at + 1 : at, argv[4]);
    c.engine.keyModified(db, key);
    c.engine.notify(NOTIFY_LIST, "linsert", key, db.id);
    c.engine.dirty++;
    c.reply.int(list.length);
  },
};
