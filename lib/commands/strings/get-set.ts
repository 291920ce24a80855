/** GET and SET. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_STRING } from "../../config/notify-flags.ts";
import { toInt64 } from "../parse.ts";

const OBJ_NX = 1;
const OBJ_XX = 2;
const OBJ_EX = 4;
const OBJ_PX = 8;
const OBJ_KEEPTTL = 16;
const OBJ_GET = 32;
const OBJ_EXAT = 64;
const OBJ_PXAT = 128;

/** Largest ms timestamp Redis accepts before reporting an invalid expire time. */
const MAX_MS = 9223372036854775807;

export const get: CommandDefinition = {
  name: "get",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["string"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Get the value of a key",
    since: "1.0.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const v = c.db.lookupRead(argv[1]);
    if (v === undefined) c.reply.nullBulk();
    else if (typeof v === "string") c.reply.bulk(v);
    else c.reply.error(ERR_WRONGTYPE);
  },
};

/**
 * Computes an absolute expiry (ms) from a relative/absolute time argument,
 * or returns undefined when Redis would reply "invalid expire time".
 */
export function expireAt(
  c: Client,
  arg: string,
  unitMs: number,
  absolute: boolean,
): number | undefined {
  const v = toInt64(arg);
  if (v === undefined) return NaN;
  const n = Number(v);
  if (n <= 0) return undefined;
  if (n > MAX_MS / unitMs) return undefined;
  const ms = n * unitMs;
  if (absolute) return ms;
  const now = c.engine.now();
  if (ms > MAX_MS - now) return undefined;
  return now + ms;
}

export const set: CommandDefinition = {
  name: "set",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["string"],
  keys: [{
    notes: "RW and ACCESS due to the optional `GET` argument",
    flags: ["RW", "ACCESS", "UPDATE", "VARIABLE_FLAGS"],
    begin: { index: 1 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Set the string value of a key",
    since: "1.0.0",
    group: "string",
    complexity: "O(1)",
    syntax:
      "key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]",
    history: [
      ["2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."],
      ["6.0.0", "Added the `KEEPTTL` option."],
      ["6.2.0", "Added the `GET`, `EXAT` and `PXAT` option."],
      ["7.0.0", "Allowed the `NX` and `GET` options to be used together."],
    ],
  },
  handler(c, argv) {
    const key = argv[1];
    const value = argv[2];
    const db = c.db;
    if (argv.length === 3) {
      // Plain SET: the hot path.
      db.set(key, value);
      c.engine.keyModified(db, key);
      c.engine.dirty++;
      c.engine.notify(NOTIFY_STRING, "set", key, db.id);
      c.reply.ok();
      return;
    }
    let flags = 0;
    let expireArg: string | undefined;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j].toUpperCase();
      const hasNext = j + 1 < argv.length;
      if (opt === "NX" && !(flags & OBJ_XX)) flags |= OBJ_NX;
      else if (opt === "XX" && !(flags & OBJ_NX)) flags |= OBJ_XX;
      else if (opt === "GET") flags |= OBJ_GET;
      else if (
        opt === "KEEPTTL" && !(flags & (OBJ_EX | OBJ_PX | OBJ_EXAT | OBJ_PXAT))
      ) flags |= OBJ_KEEPTTL;
      else if (
        hasNext && (opt === "EX" || opt === "PX" || opt === "EXAT" || opt === "PXAT") &&
        !(flags & (OBJ_KEEPTTL | OBJ_EX | OBJ_PX | OBJ_EXAT | OBJ_PXAT))
      ) {
        flags |= opt === "EX"
          ? OBJ_EX
          : opt === "PX"
          ? OBJ_PX
          : opt === "EXAT"
          ? OBJ_EXAT
          : OBJ_PXAT;
        expireArg = argv[++j];
      } else return c.reply.error(ERR_SYNTAX);
    }
    let when = -1;
    if (expireArg !== undefined) {
      const unit = flags & (OBJ_EX | OBJ_EXAT) ? 1000 : 1;
      const abs = (flags & (OBJ_EXAT | OBJ_PXAT)) !== 0;
      const at = expireAt(c, expireArg, unit, abs);
      if (at !== at) return c.reply.error("ERR value is not an integer or out of range");
      if (at === undefined) return c.reply.error("ERR invalid expire time in 'set' command");
      when = at;
    }
    const old = db.lookupRead(key);
    if (flags & OBJ_GET && old !== undefined && typeof old !== "string") {
      return c.reply.error(ERR_WRONGTYPE);
    }
    if ((flags & OBJ_NX && old !== undefined) || (flags & OBJ_XX && old === undefined)) {
      if (flags & OBJ_GET) c.reply.bulkOrNull(old as string | undefined);
      else c.reply.nullBulk();
      return;
    }
    if (flags & OBJ_KEEPTTL) db.setKeepTtl(key, value);
    else db.set(key, value);
    c.engine.keyModified(db, key);
    c.engine.dirty++;
    c.engine.notify(NOTIFY_STRING, "set", key, db.id);
    if (when >= 0) {
      db.setExpire(key, when);
      c.engine.notify(NOTIFY_GENERIC, "expire", key, db.id);
      if (when <= c.engine.now()) db.expireIfNeeded(key);
    }
    if (flags & OBJ_GET) c.reply.bulkOrNull(old as string | undefined);
    else c.reply.ok();
  },
};
