/** GET, SET and the SET variants (SETNX, SETEX, PSETEX, GETSET). */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_NEW, NOTIFY_STRING } from "../../config/notify-flags.ts";
import {
  OBJ_EX,
  OBJ_EXAT,
  OBJ_GET,
  OBJ_KEEPTTL,
  OBJ_NX,
  OBJ_PX,
  OBJ_XX,
  parseStringOptions,
} from "./options.ts";
import { keywordIs, parseExpireAt, setStringKey } from "./shared.ts";

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
 * The SET family's core (Redis's setGenericCommand): validates the expiry,
 * answers GET first, honours NX/XX, stores, then sets the expiry. SETNX
 * replies 1/0 (`intReplies`) where SET replies OK/null.
 */
function setGeneric(
  c: Client,
  argv: string[],
  flags: number,
  key: string,
  value: string,
  expire: string | undefined,
  intReplies: boolean,
  commandName: string,
): void {
  const db = c.db;
  let when = 0;
  if (expire !== undefined) {
    when = parseExpireAt(
      c,
      expire,
      (flags & (OBJ_EX | OBJ_EXAT)) !== 0,
      (flags & (OBJ_EX | OBJ_PX)) !== 0,
      commandName,
    );
  }
  let found: boolean;
  if (flags & OBJ_GET) {
    const old = db.lookupRead(key);
    if (old === undefined) c.reply.nullBulk();
    else if (typeof old !== "string") return c.reply.error(ERR_WRONGTYPE);
    else c.reply.bulk(old);
    found = old !== undefined;
  } else found = db.get(key) !== undefined;
  if ((flags & OBJ_NX && found) || (flags & OBJ_XX && !found)) {
    if (!(flags & OBJ_GET)) {
      if (intReplies) c.reply.int(0);
      else c.reply.nullBulk();
    }
    return;
  }
  if (flags & OBJ_KEEPTTL) db.setKeepTtl(key, value);
  else db.set(key, value);
  const engine = c.engine;
  if (!found) engine.notify(NOTIFY_NEW, "new", key, db.id);
  engine.keyModified(db, key);
  engine.dirty++;
  engine.notify(NOTIFY_STRING, "set", key, db.id);
  if (expire !== undefined) {
    db.setExpire(key, when);
    c.propagateArgv = ["SET", key, value, "PXAT", String(when)];
    engine.notify(NOTIFY_GENERIC, "expire", key, db.id);
  } else if (flags & OBJ_GET) {
    // Replicas get the SET without its GET options.
    const out = [argv[0]];
    for (let j = 1; j < argv.length; j++) {
      if (j < 3 || !keywordIs(argv[j], "GET")) out.push(argv[j]);
    }
    c.propagateArgv = out;
  }
  if (!(flags & OBJ_GET)) {
    if (intReplies) c.reply.int(1);
    else c.reply.ok();
  }
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
    if (argv.length === 3) {
      // Plain SET: the hot path.
      const db = c.db;
      setStringKey(c, db, key, argv[2]);
      c.engine.dirty++;
      c.engine.notify(NOTIFY_STRING, "set", key, db.id);
      c.reply.ok();
      return;
    }
    const opts = parseStringOptions(argv, 3, true);
    setGeneric(c, argv, opts.flags, key, argv[2], opts.expire, false, "set");
  },
};

export const setnx: CommandDefinition = {
  name: "setnx",
  arity: 3,
  flags: ["write", "denyoom", "fast"],
  acl: ["string"],
  keys: [singleKey(["OW", "INSERT"])],
  docs: {
    summary: "Set the value of a key, only if the key does not exist",
    since: "1.0.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key value",
  },
  handler(c, argv) {
    setGeneric(c, argv, OBJ_NX, argv[1], argv[2], undefined, true, "setnx");
  },
};

export const setex: CommandDefinition = {
  name: "setex",
  arity: 4,
  flags: ["write", "denyoom"],
  acl: ["string"],
  keys: [singleKey(["OW", "UPDATE"])],
  docs: {
    summary: "Set the value and expiration of a key",
    since: "2.0.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key seconds value",
  },
  handler(c, argv) {
    setGeneric(c, argv, OBJ_EX, argv[1], argv[3], argv[2], false, "setex");
  },
};

export const psetex: CommandDefinition = {
  name: "psetex",
  arity: 4,
  flags: ["write", "denyoom"],
  acl: ["string"],
  keys: [singleKey(["OW", "UPDATE"])],
  docs: {
    summary: "Set the value and expiration in milliseconds of a key",
    since: "2.6.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key milliseconds value",
  },
  handler(c, argv) {
    setGeneric(c, argv, OBJ_PX, argv[1], argv[3], argv[2], false, "psetex");
  },
};

export const getset: CommandDefinition = {
  name: "getset",
  arity: 3,
  flags: ["write", "denyoom", "fast"],
  acl: ["string"],
  keys: [singleKey(["RW", "ACCESS", "UPDATE"])],
  docs: {
    summary: "Set the string value of a key and return its old value",
    since: "1.0.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key value",
    deprecatedSince: "6.2.0",
    replacedBy: "`SET` with the `!GET` argument",
    docFlags: ["deprecated"],
  },
  handler(c, argv) {
    const key = argv[1];
    const db = c.db;
    const old = db.lookupRead(key);
    if (old === undefined) c.reply.nullBulk();
    else if (typeof old !== "string") return c.reply.error(ERR_WRONGTYPE);
    else c.reply.bulk(old);
    db.set(key, argv[2]);
    const engine = c.engine;
    if (old === undefined) engine.notify(NOTIFY_NEW, "new", key, db.id);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_STRING, "set", key, db.id);
    engine.dirty++;
    c.propagateArgv = ["SET", key, argv[2]];
  },
};
