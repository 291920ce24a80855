/** EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, PERSIST, TTL, PTTL, EXPIRETIME, PEXPIRETIME. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER } from "../../core/errors.ts";
import { NOTIFY_GENERIC } from "../../config/notify-flags.ts";
import { toInt64 } from "../parse.ts";
import { removeKey } from "./common.ts";

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

const LLONG_MAX = 9223372036854775807n;
/** LLONG_MAX / 1000 and LLONG_MIN / 1000 as C computes them (truncated). */
const SECONDS_MAX = 9223372036854775n;
const SECONDS_MIN = -9223372036854775n;
/** Below this magnitude a time converts to ms and adds the clock exactly in doubles. */
const SAFE_TIME = 1e12;

function flagOf(opt: string): number {
  if (opt.length !== 2) return 0;
  switch (opt.toLowerCase()) {
    case "nx":
      return EXPIRE_NX;
    case "xx":
      return EXPIRE_XX;
    case "gt":
      return EXPIRE_GT;
    case "lt":
      return EXPIRE_LT;
  }
  return 0;
}

/**
 * Computes the absolute expiry in ms of an EXPIRE-family argument, as
 * Redis's expireGenericCommand: negative values are allowed, only overflow of
 * the unit conversion or of adding `base` is an error (undefined).
 */
function expireTime(v: number | bigint, seconds: boolean, base: number): number | undefined {
  if (typeof v === "number" && v < SAFE_TIME && v > -SAFE_TIME) {
    return (seconds ? v * 1000 : v) + base;
  }
  let when = BigInt(v);
  if (seconds) {
    if (when > SECONDS_MAX || when < SECONDS_MIN) return undefined;
    when *= 1000n;
  }
  if (when > LLONG_MAX - BigInt(base)) return undefined;
  return Number(when + BigInt(base));
}

function expireGeneric(
  c: Client,
  argv: string[],
  name: string,
  relative: boolean,
  seconds: boolean,
): void {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const f = flagOf(argv[j]);
    if (f === 0) return c.reply.error("ERR Unsupported option " + argv[j]);
    flags |= f;
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    return c.reply.error("ERR NX and XX, GT or LT options at the same time are not compatible");
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) {
    return c.reply.error("ERR GT and LT options at the same time are not compatible");
  }
  const v = toInt64(argv[2]);
  if (v === undefined) return c.reply.error(ERR_NOT_INTEGER);
  const engine = c.engine;
  const now = engine.now();
  const when = expireTime(v, seconds, relative ? now : 0);
  if (when === undefined) {
    return c.reply.error("ERR invalid expire time in '" + name + "' command");
  }
  const db = c.db;
  const key = argv[1];
  if (db.get(key) === undefined) return c.reply.int(0);
  if (flags !== 0) {
    const current = db.getExpire(key);
    if (flags & EXPIRE_NX && current !== -1) return c.reply.int(0);
    if (flags & EXPIRE_XX && current === -1) return c.reply.int(0);
    if (flags & EXPIRE_GT && (when <= current || current === -1)) return c.reply.int(0);
    if (flags & EXPIRE_LT && current !== -1 && when >= current) return c.reply.int(0);
  }
  // A time already past deletes the key, except on a replica, which waits for its master's DEL.
  if (when <= now && !engine.expiryFrozen) {
    removeKey(engine, db, key);
    engine.dirty++;
    c.propagateArgv = [engine.config.settings.lazyfreeLazyExpire ? "UNLINK" : "DEL", key];
    engine.keyModified(db, key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    return c.reply.int(1);
  }
  db.setExpire(key, when);
  c.reply.int(1);
  // Replicas and the AOF get the absolute time, as Redis rewrites the command to PEXPIREAT.
  if (relative || seconds) {
    const rewritten = ["PEXPIREAT", key, String(when)];
    for (let j = 3; j < argv.length; j++) rewritten.push(argv[j]);
    c.propagateArgv = rewritten;
  }
  engine.keyModified(db, key);
  engine.notify(NOTIFY_GENERIC, "expire", key, db.id);
  engine.dirty++;
}

const EXPIRE_SYNTAX = " [NX | XX | GT | LT]";
const EXPIRE_HISTORY: [string, string][] = [["7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."]];
const RW_UPDATE = [singleKey(["RW", "UPDATE"])];

export const expire: CommandDefinition = {
  name: "expire",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: RW_UPDATE,
  docs: {
    summary: "Set a key's time to live in seconds",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key seconds" + EXPIRE_SYNTAX,
    history: EXPIRE_HISTORY,
  },
  handler(c, argv) {
    expireGeneric(c, argv, "expire", true, true);
  },
};

export const pexpire: CommandDefinition = {
  name: "pexpire",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: RW_UPDATE,
  docs: {
    summary: "Set a key's time to live in milliseconds",
    since: "2.6.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key milliseconds" + EXPIRE_SYNTAX,
    history: EXPIRE_HISTORY,
  },
  handler(c, argv) {
    expireGeneric(c, argv, "pexpire", true, false);
  },
};

export const expireat: CommandDefinition = {
  name: "expireat",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: RW_UPDATE,
  docs: {
    summary: "Set the expiration for a key as a UNIX timestamp",
    since: "1.2.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key unix-time-seconds" + EXPIRE_SYNTAX,
    history: EXPIRE_HISTORY,
  },
  handler(c, argv) {
    expireGeneric(c, argv, "expireat", false, true);
  },
};

export const pexpireat: CommandDefinition = {
  name: "pexpireat",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: RW_UPDATE,
  docs: {
    summary: "Set the expiration for a key as a UNIX timestamp specified in milliseconds",
    since: "2.6.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key unix-time-milliseconds" + EXPIRE_SYNTAX,
    history: EXPIRE_HISTORY,
  },
  handler(c, argv) {
    expireGeneric(c, argv, "pexpireat", false, false);
  },
};

export const persist: CommandDefinition = {
  name: "persist",
  arity: 2,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: RW_UPDATE,
  docs: {
    summary: "Remove the expiration from a key",
    since: "2.2.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const db = c.db;
    const key = argv[1];
    if (db.get(key) === undefined || !db.persist(key)) return c.reply.int(0);
    const engine = c.engine;
    engine.keyModified(db, key);
    engine.notify(NOTIFY_GENERIC, "persist", key, db.id);
    c.reply.int(1);
    engine.dirty++;
  },
};

/** TTL, PTTL, EXPIRETIME, PEXPIRETIME (Redis's ttlGenericCommand). */
function ttlGeneric(c: Client, key: string, ms: boolean, absolute: boolean): void {
  const db = c.db;
  if (db.lookupReadNoTouch(key) === undefined) return c.reply.int(-2);
  const expire = db.getExpire(key);
  if (expire === -1) return c.reply.int(-1);
  let ttl = absolute ? expire : expire - c.engine.now();
  if (ttl < 0) ttl = 0;
  c.reply.int(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

const RO_ACCESS = [singleKey(["RO", "ACCESS"])];

export const ttl: CommandDefinition = {
  name: "ttl",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: RO_ACCESS,
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get the time to live for a key in seconds",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key",
    history: [["2.8.0", "Added the -2 reply."]],
  },
  handler(c, argv) {
    ttlGeneric(c, argv[1], false, false);
  },
};

export const pttl: CommandDefinition = {
  name: "pttl",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: RO_ACCESS,
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get the time to live for a key in milliseconds",
    since: "2.6.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key",
    history: [["2.8.0", "Added the -2 reply."]],
  },
  handler(c, argv) {
    ttlGeneric(c, argv[1], true, false);
  },
};

export const expiretime: CommandDefinition = {
  name: "expiretime",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: RO_ACCESS,
  docs: {
    summary: "Get the expiration Unix timestamp for a key",
    since: "7.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    ttlGeneric(c, argv[1], false, true);
  },
};

export const pexpiretime: CommandDefinition = {
  name: "pexpiretime",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["keyspace"],
  keys: RO_ACCESS,
  docs: {
    summary: "Get the expiration Unix timestamp for a key in milliseconds",
    since: "7.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    ttlGeneric(c, argv[1], true, true);
  },
};
