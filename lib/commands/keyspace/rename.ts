/** RENAME, RENAMENX, MOVE, COPY. */
import type { Client } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { ERR_DB_INDEX, ERR_NO_SUCH_KEY, ERR_SYNTAX } from "../../core/errors.ts";
import { NOTIFY_GENERIC } from "../../config/notify-flags.ts";
import { copyStringEncoding } from "../../store/object-info.ts";
import type { RedisValue } from "../../store/value.ts";
import { isKeyword } from "../parse.ts";
import { addKey, keepStamp, parseDbIndex, removeKey } from "./common.ts";

const ERR_SAME_OBJECT = "ERR source and destination objects are the same";

function renameGeneric(c: Client, argv: string[], nx: boolean): void {
  const engine = c.engine;
  const db = c.db;
  const src = argv[1];
  const dst = argv[2];
  // Looked up (and lazily expired) before the same-key check: a missing key is an error either way.
  const v = db.get(src);
  if (v === undefined) return c.reply.error(ERR_NO_SUCH_KEY);
  if (src === dst) {
    if (nx) c.reply.int(0);
    else c.reply.ok();
    return;
  }
  const expire = db.getExpire(src);
  if (db.get(dst) !== undefined) {
    if (nx) return c.reply.int(0);
    removeKey(engine, db, dst);
  }
  const stamp = db.access?.get(src);
  addKey(engine, db, dst, v);
  copyStringEncoding(db, src, db, dst);
  keepStamp(db, dst, stamp);
  if (expire !== -1) db.setExpire(dst, expire);
  removeKey(engine, db, src);
  engine.keyModified(db, src);
  engine.keyModified(db, dst);
  engine.notify(NOTIFY_GENERIC, "rename_from", src, db.id);
  engine.notify(NOTIFY_GENERIC, "rename_to", dst, db.id);
  engine.dirty++;
  if (nx) c.reply.int(1);
  else c.reply.ok();
}

export const rename: CommandDefinition = {
  name: "rename",
  arity: 3,
  flags: ["write"],
  acl: ["keyspace"],
  keys: [
    {
      flags: ["RW", "ACCESS", "DELETE"],
      begin: { index: 1 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    },
    {
      flags: ["OW", "UPDATE"],
      begin: { index: 2 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    },
  ],
  docs: {
    summary: "Rename a key",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key newkey",
  },
  handler(c, argv) {
    renameGeneric(c, argv, false);
  },
};

export const renamenx: CommandDefinition = {
  name: "renamenx",
  arity: 3,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: [
    {
      flags: ["RW", "ACCESS", "DELETE"],
      begin: { index: 1 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    },
    {
      flags: ["OW", "INSERT"],
      begin: { index: 2 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    },
  ],
  docs: {
    summary: "Rename a key, only if the new key does not exist",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key newkey",
    history: [[
      "3.2.0",
      "The command no longer returns an error when source and destination names are the same.",
    ]],
  },
  handler(c, argv) {
    renameGeneric(c, argv, true);
  },
};

export const move: CommandDefinition = {
  name: "move",
  arity: 3,
  flags: ["write", "fast"],
  acl: ["keyspace"],
  keys: [{
    flags: ["RW", "ACCESS", "UPDATE"],
    begin: { index: 1 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Move a key to another database",
    since: "1.0.0",
    group: "generic",
    complexity: "O(1)",
    syntax: "key db",
  },
  handler(c, argv) {
    const engine = c.engine;
    const key = argv[1];
    const index = parseDbIndex(argv[2]);
    if (index < 0 || index >= engine.dbs.length) return c.reply.error(ERR_DB_INDEX);
    const src = c.db;
    const dst = engine.dbs[index];
    if (src === dst) return c.reply.error(ERR_SAME_OBJECT);
    const v = src.get(key);
    if (v === undefined) return c.reply.int(0);
    const expire = src.getExpire(key);
    if (dst.get(key) !== undefined) return c.reply.int(0);
    const stamp = src.access?.get(key);
    addKey(engine, dst, key, v);
    copyStringEncoding(src, key, dst, key);
    keepStamp(dst, key, stamp);
    if (expire !== -1) dst.setExpire(key, expire);
    removeKey(engine, src, key);
    engine.keyModified(src, key);
    engine.keyModified(dst, key);
    engine.notify(NOTIFY_GENERIC, "move_from", key, src.id);
    engine.notify(NOTIFY_GENERIC, "move_to", key, dst.id);
    engine.dirty++;
    c.reply.int(1);
  },
};

/** A value that shares nothing with `v` (strings are immutable already). */
function duplicate(v: RedisValue): RedisValue {
  return typeof v === "string" ? v : v.clone();
}

export const copy: CommandDefinition = {
  name: "copy",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["keyspace"],
  keys: [
    {
      flags: ["RO", "ACCESS"],
      begin: { index: 1 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    },
    {
      flags: ["OW", "UPDATE"],
      begin: { index: 2 },
      find: { range: { lastkey: 0, step: 1, limit: 0 } },
    },
  ],
  docs: {
    summary: "Copy a key",
    since: "6.2.0",
    group: "generic",
    complexity:
      "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.",
    syntax: "source destination [DB destination-db] [REPLACE]",
  },
  handler(c, argv) {
    const engine = c.engine;
    const src = c.db;
    let dst = c.db;
    let replace = false;
    for (let j = 3; j < argv.length; j++) {
      if (isKeyword(argv[j], "REPLACE")) replace = true;
      else if (isKeyword(argv[j], "DB") && j + 1 < argv.length) {
        const index = parseDbIndex(argv[++j]);
        if (index < 0 || index >= engine.dbs.length) return c.reply.error(ERR_DB_INDEX);
        dst = engine.dbs[index];
      } else return c.reply.error(ERR_SYNTAX);
    }
    const key = argv[1];
    const newkey = argv[2];
    if (src === dst && key === newkey) return c.reply.error(ERR_SAME_OBJECT);
    const v = src.lookupRead(key);
    if (v === undefined) return c.reply.int(0);
    const expire = src.getExpire(key);
    const exists = dst.get(newkey) !== undefined;
    if (exists && !replace) return c.reply.int(0);
    const copied = duplicate(v);
    if (exists) removeKey(engine, dst, newkey);
    addKey(engine, dst, newkey, copied);
    copyStringEncoding(src, key, dst, newkey, true);
    if (expire !== -1) dst.setExpire(newkey, expire);
    engine.keyModified(dst, newkey);
    engine.notify(NOTIFY_GENERIC, "copy_to", newkey, dst.id);
    engine.dirty++;
    c.reply.int(1);
  },
};
