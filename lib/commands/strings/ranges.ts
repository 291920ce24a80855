/**
 * APPEND, STRLEN, GETRANGE (and its old name SUBSTR) and SETRANGE.
 *
 * Values are immutable JS strings, so APPEND and SETRANGE build a new string:
 * APPEND is a concatenation (O(1) as a rope in both engines, flattened when
 * next read), SETRANGE copies the value (O(length)); Redis edits in place.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_NEW, NOTIFY_STRING } from "../../config/notify-flags.ts";
import { markStringRaw } from "../../store/object-info.ts";
import { toInt64 } from "../parse.ts";
import { checkStringLength } from "./shared.ts";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export const append: CommandDefinition = {
  name: "append",
  arity: 3,
  flags: ["write", "denyoom", "fast"],
  acl: ["string"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Append a value to a key",
    since: "2.0.0",
    group: "string",
    complexity:
      "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.",
    syntax: "key value",
  },
  handler(c, argv) {
    const key = argv[1];
    const db = c.db;
    const engine = c.engine;
    const old = db.get(key);
    let value: string;
    if (old === undefined) {
      value = argv[2];
      db.set(key, value);
      engine.notify(NOTIFY_NEW, "new", key, db.id);
    } else {
      if (typeof old !== "string") return c.reply.error(ERR_WRONGTYPE);
      checkStringLength(c, old.length, argv[2].length);
      value = old + argv[2];
      db.setKeepTtl(key, value);
      // Redis appends to its own (unshared, plain sds) copy of the value.
      markStringRaw(db, key, value);
    }
    engine.keyModified(db, key);
    engine.notify(NOTIFY_STRING, "append", key, db.id);
    engine.dirty++;
    c.reply.int(value.length);
  },
};

export const strlen: CommandDefinition = {
  name: "strlen",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["string"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Get the length of the value stored in a key",
    since: "2.2.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const v = c.db.lookupRead(argv[1]);
    if (v === undefined) c.reply.int(0);
    else if (typeof v !== "string") c.reply.error(ERR_WRONGTYPE);
    else c.reply.int(v.length);
  },
};

/** Indexes past 2^53 behave like ±2^53 against any real string length. */
function clampIndex(v: number | bigint): number {
  if (typeof v === "number") return v;
  return v > 0 ? MAX_SAFE : -MAX_SAFE;
}

function getrangeHandler(c: Client, argv: string[]): void {
  const s = toInt64(argv[2]);
  if (s === undefined) return c.reply.error(ERR_NOT_INTEGER);
  const e = toInt64(argv[3]);
  if (e === undefined) return c.reply.error(ERR_NOT_INTEGER);
  const v = c.db.lookupRead(argv[1]);
  if (v === undefined) return c.reply.bulk("");
  if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
  if (s < 0 && e < 0 && s > e) return c.reply.bulk("");
  const len = v.length;
  let start = clampIndex(s);
  let end = clampIndex(e);
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return c.reply.bulk("");
  c.reply.bulk(start === 0 && end === len - 1 ? v : v.slice(start, end + 1));
}

const rangeComplexity =
  "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.";

export const getrange: CommandDefinition = {
  name: "getrange",
  arity: 4,
  flags: ["readonly"],
  acl: ["string"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get a substring of the string stored at a key",
    since: "2.4.0",
    group: "string",
    complexity: rangeComplexity,
    syntax: "key start end",
  },
  handler: getrangeHandler,
};

export const substr: CommandDefinition = {
  name: "substr",
  arity: 4,
  flags: ["readonly"],
  acl: ["string"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get a substring of the string stored at a key",
    since: "1.0.0",
    group: "string",
    complexity: rangeComplexity,
    syntax: "key start end",
    deprecatedSince: "2.0.0",
    replacedBy: "`GETRANGE`",
    docFlags: ["deprecated"],
  },
  handler: getrangeHandler,
};

/** `s` with `value` written at `offset`, zero-padded when the offset is past its end. */
function overwriteAt(s: string, offset: number, value: string): string {
  const len = s.length;
  if (offset >= len) {
    const pad = offset - len;
    return pad === 0 ? s + value : s + "\0".repeat(pad) + value;
  }
  const end = offset + value.length;
  return end >= len ? s.slice(0, offset) + value : s.slice(0, offset) + value + s.slice(end);
}

export const setrange: CommandDefinition = {
  name: "setrange",
  arity: 4,
  flags: ["write", "denyoom"],
  acl: ["string"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary: "Overwrite part of a string at key starting at the specified offset",
    since: "2.2.0",
    group: "string",
    complexity:
      "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.",
    syntax: "key offset value",
  },
  handler(c, argv) {
    const key = argv[1];
    const value = argv[3];
    const off = toInt64(argv[2]);
    if (off === undefined) return c.reply.error(ERR_NOT_INTEGER);
    if (off < 0) return c.reply.error("ERR offset is out of range");
    const offset = Number(off);
    const db = c.db;
    const engine = c.engine;
    const old = db.get(key);
    let result: string;
    if (old === undefined) {
      if (value.length === 0) return c.reply.int(0);
      checkStringLength(c, offset, value.length);
      result = "\0".repeat(offset) + value;
      db.set(key, result);
      engine.notify(NOTIFY_NEW, "new", key, db.id);
    } else {
      if (typeof old !== "string") return c.reply.error(ERR_WRONGTYPE);
      if (value.length === 0) return c.reply.int(old.length);
      checkStringLength(c, offset, value.length);
      result = overwriteAt(old, offset, value);
      db.setKeepTtl(key, result);
    }
    markStringRaw(db, key, result);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_STRING, "setrange", key, db.id);
    engine.dirty++;
    c.reply.int(result.length);
  },
};
