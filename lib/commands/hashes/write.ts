/** HSET, HSETNX, HMSET, HINCRBY, HINCRBYFLOAT, HDEL. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_FLOAT, wrongArity } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_HASH } from "../../config/notify-flags.ts";
import { toInt64 } from "../parse.ts";
import {
  addLongDouble,
  formatLongDoubleHuman,
  isInfinite,
  parseLongDouble,
} from "../../store/long-double.ts";
import { longArg } from "../lists/args.ts";
import { hashForWrite, hashOrCreate } from "./lookup.ts";

const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;

/** Redis's hsetCommand, shared by HSET (replies the count of new fields) and HMSET (replies OK). */
function hsetGeneric(c: Client, argv: string[], name: string, ok: boolean): void {
  const n = argv.length;
  if ((n & 1) === 1) return c.reply.error(wrongArity(name));
  const db = c.db;
  const key = argv[1];
  const engine = c.engine;
  const h = hashOrCreate(db, key);
  const limits = engine.encodingLimits;
  let created = 0;
  for (let i = 2; i < n; i += 2) if (h.set(argv[i], argv[i + 1], limits)) created++;
  if (ok) c.reply.ok();
  else c.reply.int(created);
  engine.keyModified(db, key);
  engine.notify(NOTIFY_HASH, "hset", key, db.id);
  engine.dirty += (n - 2) / 2;
}

/** `a + b` for 64-bit integers, or undefined on overflow. */
function addInt64(a: number | bigint, b: number | bigint): number | bigint | undefined {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  const r = BigInt(a) + BigInt(b);
  if (r < I64_MIN || r > I64_MAX) return undefined;
  return r;
}

export const hset: CommandDefinition = {
  name: "hset",
  arity: -4,
  flags: ["write", "denyoom", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary: "Set the string value of a hash field",
    since: "2.0.0",
    group: "hash",
    complexity:
      "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
    syntax: "key field value [field value ...]",
    history: [["4.0.0", "Accepts multiple `field` and `value` arguments."]],
  },
  handler(c, argv) {
    hsetGeneric(c, argv, "hset", false);
  },
};

export const hsetnx: CommandDefinition = {
  name: "hsetnx",
  arity: 4,
  flags: ["write", "denyoom", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Set the value of a hash field, only if the field does not exist",
    since: "2.0.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key field value",
  },
  handler(c, argv) {
    const db = c.db;
    const key = argv[1];
    const h = hashOrCreate(db, key);
    if (h.has(argv[2])) return c.reply.int(0);
    const engine = c.engine;
    h.set(argv[2], argv[3], engine.encodingLimits);
    c.reply.int(1);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_HASH, "hset", key, db.id);
    engine.dirty++;
  },
};

export const hmset: CommandDefinition = {
  name: "hmset",
  arity: -4,
  flags: ["write", "denyoom", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary: "Set multiple hash fields to multiple values",
    since: "2.0.0",
    group: "hash",
    complexity: "O(N) where N is the number of fields being set.",
    syntax: "key field value [field value ...]",
    deprecatedSince: "4.0.0",
    replacedBy: "`HSET` with multiple field-value pairs",
    docFlags: ["deprecated"],
  },
  handler(c, argv) {
    hsetGeneric(c, argv, "hmset", true);
  },
};

export const hincrby: CommandDefinition = {
  name: "hincrby",
  arity: 4,
  flags: ["write", "denyoom", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RW", "ACCESS", "UPDATE"])],
  docs: {
    summary: "Increment the integer value of a hash field by the given number",
    since: "2.0.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key field increment",
  },
  handler(c, argv) {
    const incr = longArg(argv[3]);
    const db = c.db;
    const key = argv[1];
    const h = hashOrCreate(db, key);
    const field = argv[2];
    const cur = h.get(field);
    let value: number | bigint = 0;
    if (cur !== undefined) {
      const v = toInt64(cur);
      if (v === undefined) return c.reply.error("ERR hash value is not an integer");
      value = v;
    }
    const next = addInt64(value, incr);
    if (next === undefined) return c.reply.error("ERR increment or decrement would overflow");
    const engine = c.engine;
    h.set(field, String(next), engine.encodingLimits);
    c.reply.int(next);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_HASH, "hincrby", key, db.id);
    engine.dirty++;
  },
};

export const hincrbyfloat: CommandDefinition = {
  name: "hincrbyfloat",
  arity: 4,
  flags: ["write", "denyoom", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RW", "ACCESS", "UPDATE"])],
  docs: {
    summary: "Increment the float value of a hash field by the given amount",
    since: "2.6.0",
    group: "hash",
    complexity: "O(1)",
    syntax: "key field increment",
  },
  handler(c, argv) {
    const incr = parseLongDouble(argv[3]);
    if (incr === undefined) return c.reply.error(ERR_NOT_FLOAT);
    if (isInfinite(incr)) return c.reply.error("ERR value is NaN or Infinity");
    const db = c.db;
    const key = argv[1];
    const h = hashOrCreate(db, key);
    const field = argv[2];
    const cur = h.get(field);
    let value = incr;
    if (cur !== undefined) {
      const v = parseLongDouble(cur);
      if (v === undefined) return c.reply.error("ERR hash value is not a float");
      const sum = addLongDouble(v, incr);
      if (sum === undefined || isInfinite(sum)) {
        return c.reply.error("ERR increment would produce NaN or Infinity");
      }
      value = sum;
    }
    const s = formatLongDoubleHuman(value);
    const engine = c.engine;
    h.set(field, s, engine.encodingLimits);
    c.reply.bulk(s);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_HASH, "hincrbyfloat", key, db.id);
    engine.dirty++;
    // Replicas get the result, not the addition: float formatting must not diverge.
    c.propagateArgv = ["HSET", key, field, s];
  },
};

export const hdel: CommandDefinition = {
  name: "hdel",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["hash"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Delete one or more hash fields",
    since: "2.0.0",
    group: "hash",
    complexity: "O(N) where N is the number of fields to be removed.",
    syntax: "key field [field ...]",
    history: [["2.4.0", "Accepts multiple `field` arguments."]],
  },
  handler(c, argv) {
    const db = c.db;
    const key = argv[1];
    const h = hashForWrite(db, key);
    if (h === undefined) return c.reply.int(0);
    let deleted = 0;
    let keyRemoved = false;
    for (let j = 2; j < argv.length; j++) {
      if (!h.delete(argv[j])) continue;
      deleted++;
      if (h.size === 0) {
        db.delete(key);
        keyRemoved = true;
        break;
      }
    }
    if (deleted) {
      const engine = c.engine;
      engine.keyModified(db, key);
      engine.notify(NOTIFY_HASH, "hdel", key, db.id);
      if (keyRemoved) engine.notify(NOTIFY_GENERIC, "del", key, db.id);
      engine.dirty += deleted;
    }
    c.reply.int(deleted);
  },
};
