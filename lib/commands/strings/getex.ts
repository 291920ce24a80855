/** GETEX and GETDEL: reads that also change the key's TTL or remove it. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC } from "../../config/notify-flags.ts";
import { OBJ_EX, OBJ_EXAT, OBJ_PERSIST, OBJ_PX, OBJ_PXAT, parseStringOptions } from "./options.ts";
import { parseExpireAt } from "./shared.ts";

export const getex: CommandDefinition = {
  name: "getex",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["string"],
  keys: [{
    notes: "RW and UPDATE because it changes the TTL",
    flags: ["RW", "ACCESS", "UPDATE"],
    begin: { index: 1 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Get the value of a key and optionally set its expiration",
    since: "6.2.0",
    group: "string",
    complexity: "O(1)",
    syntax:
      "key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]",
  },
  handler(c, argv) {
    const key = argv[1];
    const { flags, expire } = parseStringOptions(argv, 2, false);
    const db = c.db;
    const v = db.lookupRead(key);
    if (v === undefined) return c.reply.nullBulk();
    if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
    // The expiry is validated only once the key is known to exist, as in Redis.
    let when = 0;
    if (expire !== undefined) {
      const seconds = (flags & (OBJ_EX | OBJ_EXAT)) !== 0;
      when = parseExpireAt(c, expire, seconds, (flags & (OBJ_EX | OBJ_PX)) !== 0, "getex");
    }
    c.reply.bulk(v);
    const engine = c.engine;
    if (flags & (OBJ_EXAT | OBJ_PXAT) && when <= engine.now() && !engine.expiryFrozen) {
      // An absolute time already past deletes the key right away.
      db.delete(key);
      const lazy = engine.config.get("lazyfree-lazy-expire") === "yes";
      c.propagateArgv = [lazy ? "UNLINK" : "DEL", key];
      engine.keyModified(db, key);
      engine.notify(NOTIFY_GENERIC, "del", key, db.id);
      engine.dirty++;
    } else if (expire !== undefined) {
      db.setExpire(key, when);
      c.propagateArgv = ["PEXPIREAT", key, String(when)];
      engine.keyModified(db, key);
      engine.notify(NOTIFY_GENERIC, "expire", key, db.id);
      engine.dirty++;
    } else if (flags & OBJ_PERSIST) {
      if (db.persist(key)) {
        engine.keyModified(db, key);
        c.propagateArgv = ["PERSIST", key];
        engine.notify(NOTIFY_GENERIC, "persist", key, db.id);
        engine.dirty++;
      }
    }
  },
};

export const getdel: CommandDefinition = {
  name: "getdel",
  arity: 2,
  flags: ["write", "fast"],
  acl: ["string"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"])],
  docs: {
    summary: "Get the value of a key and delete the key",
    since: "6.2.0",
    group: "string",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const key = argv[1];
    const db = c.db;
    const v = db.lookupRead(key);
    if (v === undefined) return c.reply.nullBulk();
    if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
    c.reply.bulk(v);
    db.delete(key);
    const engine = c.engine;
    const lazy = engine.config.get("lazyfree-lazy-user-del") === "yes";
    c.propagateArgv = [lazy ? "UNLINK" : "DEL", key];
    engine.keyModified(db, key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    engine.dirty++;
  },
};
