/** MGET, MSET and MSETNX. */
import { type CommandDefinition, keyRange } from "../../core/command.ts";
import type { Client } from "../../core/client.ts";
import { wrongArity } from "../../core/errors.ts";
import { NOTIFY_STRING } from "../../config/notify-flags.ts";
import { setStringKey } from "./shared.ts";

export const mget: CommandDefinition = {
  name: "mget",
  arity: -2,
  flags: ["readonly", "fast"],
  acl: ["string"],
  tips: ["request_policy:multi_shard"],
  keys: [keyRange(["RO", "ACCESS"], 1)],
  docs: {
    summary: "Get the values of all the given keys",
    since: "1.0.0",
    group: "string",
    complexity: "O(N) where N is the number of keys to retrieve.",
    syntax: "key [key ...]",
  },
  handler(c, argv) {
    const db = c.db;
    const reply = c.reply;
    reply.arrayLen(argv.length - 1);
    for (let j = 1; j < argv.length; j++) {
      const v = db.lookupRead(argv[j]);
      // Keys of other types read as missing.
      if (typeof v === "string") reply.bulk(v);
      else reply.nullBulk();
    }
  },
};

function msetGeneric(c: Client, argv: string[], nx: boolean, name: string): void {
  if (argv.length % 2 === 0) return c.reply.error(wrongArity(name));
  const db = c.db;
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) {
      if (db.get(argv[j]) !== undefined) return c.reply.int(0);
    }
  }
  const engine = c.engine;
  for (let j = 1; j < argv.length; j += 2) {
    setStringKey(c, db, argv[j], argv[j + 1]);
    engine.notify(NOTIFY_STRING, "set", argv[j], db.id);
  }
  engine.dirty += (argv.length - 1) / 2;
  if (nx) c.reply.int(1);
  else c.reply.ok();
}

export const mset: CommandDefinition = {
  name: "mset",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["string"],
  tips: ["request_policy:multi_shard", "response_policy:all_succeeded"],
  keys: [keyRange(["OW", "UPDATE"], 1, -1, 2)],
  docs: {
    summary: "Set multiple keys to multiple values",
    since: "1.0.1",
    group: "string",
    complexity: "O(N) where N is the number of keys to set.",
    syntax: "key value [key value ...]",
  },
  handler(c, argv) {
    msetGeneric(c, argv, false, "mset");
  },
};

export const msetnx: CommandDefinition = {
  name: "msetnx",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["string"],
  tips: ["request_policy:multi_shard", "response_policy:agg_min"],
  keys: [keyRange(["OW", "INSERT"], 1, -1, 2)],
  docs: {
    summary: "Set multiple keys to multiple values, only if none of the keys exist",
    since: "1.0.1",
    group: "string",
    complexity: "O(N) where N is the number of keys to set.",
    syntax: "key value [key value ...]",
  },
  handler(c, argv) {
    msetGeneric(c, argv, true, "msetnx");
  },
};
