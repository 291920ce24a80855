/** SADD, SREM, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS, SMOVE. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_SET } from "../../config/notify-flags.ts";
import { setForRead, setForWrite, SetValue } from "./lookup.ts";

export const sadd: CommandDefinition = {
  name: "sadd",
  arity: -3,
  flags: ["write", "denyoom", "fast"],
  acl: ["set"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Add one or more members to a set",
    since: "1.0.0",
    group: "set",
    complexity:
      "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    syntax: "key member [member ...]",
    history: [["2.4.0", "Accepts multiple `member` arguments."]],
  },
  handler(c, argv) {
    const db = c.db;
    const key = argv[1];
    const engine = c.engine;
    const v = db.get(key);
    let set: SetValue;
    if (v === undefined) {
      set = SetValue.create(argv[2]);
      db.set(key, set);
    } else if (v instanceof SetValue) set = v;
    else return c.reply.error(ERR_WRONGTYPE);
    const limits = engine.encodingLimits;
    let added = 0;
    for (let j = 2; j < argv.length; j++) if (set.add(argv[j], limits)) added++;
    if (added) {
      engine.keyModified(db, key);
      engine.notify(NOTIFY_SET, "sadd", key, db.id);
    }
    engine.dirty += added;
    c.reply.int(added);
  },
};

export const srem: CommandDefinition = {
  name: "srem",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["set"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Remove one or more members from a set",
    since: "1.0.0",
    group: "set",
    complexity: "O(N) where N is the number of members to be removed.",
    syntax: "key member [member ...]",
    history: [["2.4.0", "Accepts multiple `member` arguments."]],
  },
  handler(c, argv) {
    const db = c.db;
    const key = argv[1];
    const set = setForWrite(db, key);
    if (set === undefined) return c.reply.int(0);
    let deleted = 0;
    let keyRemoved = false;
    for (let j = 2; j < argv.length; j++) {
      if (!set.remove(argv[j])) continue;
      deleted++;
      if (set.size === 0) {
        db.delete(key);
        keyRemoved = true;
        break;
      }
    }
    if (deleted) {
      const engine = c.engine;
      engine.keyModified(db, key);
      engine.notify(NOTIFY_SET, "srem", key, db.id);
      if (keyRemoved) engine.notify(NOTIFY_GENERIC, "del", key, db.id);
      engine.dirty += deleted;
    }
    c.reply.int(deleted);
  },
};

export const sismember: CommandDefinition = {
  name: "sismember",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["set"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Determine if a given value is a member of a set",
    since: "1.0.0",
    group: "set",
    complexity: "O(1)",
    syntax: "key member",
  },
  handler(c, argv) {
    const set = setForRead(c.db, argv[1]);
    c.reply.int(set !== undefined && set.has(argv[2]) ? 1 : 0);
  },
};

export const smismember: CommandDefinition = {
  name: "smismember",
  arity: -3,
  flags: ["readonly", "fast"],
  acl: ["set"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Returns the membership associated with the given elements for a set",
    since: "6.2.0",
    group: "set",
    complexity: "O(N) where N is the number of elements being checked for membership",
    syntax: "key member [member ...]",
  },
  handler(c, argv) {
    const set = setForRead(c.db, argv[1]);
    const reply = c.reply;
    reply.arrayLen(argv.length - 2);
    for (let j = 2; j < argv.length; j++) {
      reply.int(set !== undefined && set.has(argv[j]) ? 1 : 0);
    }
  },
};

export const scard: CommandDefinition = {
  name: "scard",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["set"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Get the number of members in a set",
    since: "1.0.0",
    group: "set",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const set = setForRead(c.db, argv[1]);
    c.reply.int(set === undefined ? 0 : set.size);
  },
};

export const smembers: CommandDefinition = {
  name: "smembers",
  arity: 2,
  flags: ["readonly"],
  acl: ["set"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Get all the members in a set",
    since: "1.0.0",
    group: "set",
    complexity: "O(N) where N is the set cardinality.",
    syntax: "key",
  },
  handler(c, argv) {
    const set = setForRead(c.db, argv[1]);
    const reply = c.reply;
    if (set === undefined) return reply.setLen(0);
    const m = set.members;
    reply.setLen(m.length);
    for (let i = 0; i < m.length; i++) reply.bulk(m[i]);
  },
};

export const smove: CommandDefinition = {
  name: "smove",
  arity: 4,
  flags: ["write", "fast"],
  acl: ["set"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"]), singleKey(["RW", "INSERT"], 2)],
  docs: {
    summary: "Move a member from one set to another",
    since: "1.0.0",
    group: "set",
    complexity: "O(1)",
    syntax: "source destination member",
  },
  handler(c, argv) {
    const db = c.db;
    const srcKey = argv[1];
    const dstKey = argv[2];
    const ele = argv[3];
    const src = db.get(srcKey);
    const dstValue = db.get(dstKey);
    if (src === undefined) return c.reply.int(0);
    if (!(src instanceof SetValue)) return c.reply.error(ERR_WRONGTYPE);
    if (dstValue !== undefined && !(dstValue instanceof SetValue)) {
      return c.reply.error(ERR_WRONGTYPE);
    }
    if (src === dstValue) return c.reply.int(src.has(ele) ? 1 : 0);
    if (!src.remove(ele)) return c.reply.int(0);
    const engine = c.engine;
    engine.notify(NOTIFY_SET, "srem", srcKey, db.id);
    if (src.size === 0) {
      db.delete(srcKey);
      engine.notify(NOTIFY_GENERIC, "del", srcKey, db.id);
    }
    let dst = dstValue;
    if (dst === undefined) {
      dst = SetValue.create(ele);
      db.set(dstKey, dst);
    }
    engine.keyModified(db, srcKey);
    engine.dirty++;
    if (dst.add(ele, engine.encodingLimits)) {
      engine.dirty++;
      engine.keyModified(db, dstKey);
      engine.notify(NOTIFY_SET, "sadd", dstKey, db.id);
    }
    c.reply.int(1);
  },
};
