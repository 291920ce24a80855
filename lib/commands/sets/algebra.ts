/** SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, keyNum, keyRange, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_SET } from "../../config/notify-flags.ts";
import { LONG_MAX, positiveLongArg, rangeLongArg } from "../lists/args.ts";
import { setForRead, SetValue } from "./lookup.ts";

/**
 * Stores a computed set at `dstKey` (Redis's setKey: replaces any value and
 * TTL), or deletes `dstKey` when the result is empty; replies the size.
 */
function store(c: Client, dstKey: string, result: SetValue, event: string): void {
  const db = c.db;
  const engine = c.engine;
  if (result.size > 0) {
    db.set(dstKey, result);
    engine.keyModified(db, dstKey);
    c.reply.int(result.size);
    engine.notify(NOTIFY_SET, event, dstKey, db.id);
    engine.dirty++;
    return;
  }
  c.reply.int(0);
  if (db.delete(dstKey)) {
    engine.dirty++;
    engine.keyModified(db, dstKey);
    engine.notify(NOTIFY_GENERIC, "del", dstKey, db.id);
  }
}

/**
 * Redis's sinterGenericCommand over argv[from..to): the intersection as a
 * set reply, stored at `dstKey`, or only its size (SINTERCARD, stopping at
 * `limit` when not 0).
 */
function sinterGeneric(
  c: Client,
  argv: string[],
  from: number,
  to: number,
  dstKey: string | undefined,
  cardinalityOnly: boolean,
  limit: number,
): void {
  const db = c.db;
  const sets: SetValue[] = [];
  let empty = false;
  for (let j = from; j < to; j++) {
    const s = setForRead(db, argv[j]);
    if (s === undefined) empty = true;
    else sets.push(s);
  }
  const reply = c.reply;
  if (empty) {
    if (dstKey !== undefined) {
      if (db.delete(dstKey)) {
        c.engine.keyModified(db, dstKey);
        c.engine.notify(NOTIFY_GENERIC, "del", dstKey, db.id);
        c.engine.dirty++;
      }
      reply.int(0);
    } else if (cardinalityOnly) reply.int(0);
    else reply.setLen(0);
    return;
  }
  sets.sort((a, b) => a.size - b.size);
  const first = sets[0];
  const members = first.members;
  const n = sets.length;
  const limits = c.engine.encodingLimits;
  const result = dstKey !== undefined ? SetValue.intset() : undefined;
  const mark = dstKey === undefined && !cardinalityOnly ? reply.beginDeferred() : -1;
  let cardinality = 0;
  for (let i = 0; i < members.length; i++) {
    const ele = members[i];
    let j = 1;
    for (; j < n; j++) {
      if (sets[j] !== first && !sets[j].has(ele)) break;
    }
    if (j !== n) continue;
    if (cardinalityOnly) {
      cardinality++;
      if (limit !== 0 && cardinality >= limit) break;
    } else if (result === undefined) {
      reply.bulk(ele);
      cardinality++;
    } else result.add(ele, limits);
  }
  if (cardinalityOnly) reply.int(cardinality);
  else if (result !== undefined) store(c, dstKey!, result, "sinterstore");
  else reply.endDeferred(mark, cardinality, "set");
}

/** Redis's sunionDiffGenericCommand over argv[from..]. */
function sunionDiffGeneric(
  c: Client,
  argv: string[],
  from: number,
  dstKey: string | undefined,
  diff: boolean,
): void {
  const db = c.db;
  const sets: (SetValue | undefined)[] = [];
  let sameSet = false;
  for (let j = from; j < argv.length; j++) {
    const s = setForRead(db, argv[j]);
    if (sets.length > 0 && s !== undefined && s === sets[0]) sameSet = true;
    sets.push(s);
  }
  const limits = c.engine.encodingLimits;
  const result = SetValue.intset();
  const first = sets[0];
  if (!diff) {
    for (const s of sets) {
      if (s === undefined) continue;
      const m = s.members;
      for (let i = 0; i < m.length; i++) result.add(m[i], limits);
    }
  } else if (first !== undefined && !sameSet) {
    // Algorithm 1 (probe each member of the first set) unless summing all sizes is cheaper.
    let work1 = 0;
    let work2 = 0;
    for (const s of sets) {
      if (s === undefined) continue;
      work1 += first.size;
      work2 += s.size;
    }
    if (Math.floor(work1 / 2) <= work2) {
      const others = sets.slice(1).sort((a, b) => (b?.size ?? 0) - (a?.size ?? 0));
      const m = first.members;
      outer: for (let i = 0; i < m.length; i++) {
        for (const s of others) if (s !== undefined && s.has(m[i])) continue outer;
        result.add(m[i], limits);
      }
    } else {
      const m = first.members;
      for (let i = 0; i < m.length; i++) result.add(m[i], limits);
      for (let j = 1; j < sets.length && result.size > 0; j++) {
        const s = sets[j];
        if (s === undefined) continue;
        const sm = s.members;
        for (let i = 0; i < sm.length; i++) result.remove(sm[i]);
      }
    }
  }
  if (dstKey !== undefined) return store(c, dstKey, result, diff ? "sdiffstore" : "sunionstore");
  c.reply.setLen(result.size);
  const m = result.members;
  for (let i = 0; i < m.length; i++) c.reply.bulk(m[i]);
}

export const sinter: CommandDefinition = {
  name: "sinter",
  arity: -2,
  flags: ["readonly"],
  acl: ["set"],
  keys: [keyRange(["RO", "ACCESS"], 1, -1, 1, 0)],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Intersect multiple sets",
    since: "1.0.0",
    group: "set",
    complexity:
      "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
    syntax: "key [key ...]",
  },
  handler(c, argv) {
    sinterGeneric(c, argv, 1, argv.length, undefined, false, 0);
  },
};

export const sintercard: CommandDefinition = {
  name: "sintercard",
  arity: -3,
  flags: ["readonly"],
  acl: ["set"],
  keys: [keyNum(["RO", "ACCESS"], 1)],
  docs: {
    summary: "Intersect multiple sets and return the cardinality of the result",
    since: "7.0.0",
    group: "set",
    complexity:
      "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
    syntax: "numkeys key [key ...] [LIMIT limit]",
  },
  handler(c, argv) {
    const numkeys = rangeLongArg(argv[1], 1n, LONG_MAX, "numkeys should be greater than 0");
    if (numkeys > argv.length - 2) {
      return c.reply.error("ERR Number of keys can't be greater than number of args");
    }
    let limit = 0;
    for (let j = 2 + numkeys; j < argv.length; j++) {
      if (j + 1 < argv.length && argv[j].toUpperCase() === "LIMIT") {
        limit = positiveLongArg(argv[++j], "LIMIT can't be negative");
      } else return c.reply.error(ERR_SYNTAX);
    }
    sinterGeneric(c, argv, 2, 2 + numkeys, undefined, true, limit);
  },
};

export const sinterstore: CommandDefinition = {
  name: "sinterstore",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["set"],
  keys: [singleKey(["RW", "UPDATE"]), keyRange(["RO", "ACCESS"], 2, -1, 1, 0)],
  docs: {
    summary: "Intersect multiple sets and store the resulting set in a key",
    since: "1.0.0",
    group: "set",
    complexity:
      "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
    syntax: "destination key [key ...]",
  },
  handler(c, argv) {
    sinterGeneric(c, argv, 2, argv.length, argv[1], false, 0);
  },
};

export const sunion: CommandDefinition = {
  name: "sunion",
  arity: -2,
  flags: ["readonly"],
  acl: ["set"],
  keys: [keyRange(["RO", "ACCESS"], 1, -1, 1, 0)],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Add multiple sets",
    since: "1.0.0",
    group: "set",
    complexity: "O(N) where N is the total number of elements in all given sets.",
    syntax: "key [key ...]",
  },
  handler(c, argv) {
    sunionDiffGeneric(c, argv, 1, undefined, false);
  },
};

export const sunionstore: CommandDefinition = {
  name: "sunionstore",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["set"],
  keys: [singleKey(["OW", "UPDATE"]), keyRange(["RO", "ACCESS"], 2, -1, 1, 0)],
  docs: {
    summary: "Add multiple sets and store the resulting set in a key",
    since: "1.0.0",
    group: "set",
    complexity: "O(N) where N is the total number of elements in all given sets.",
    syntax: "destination key [key ...]",
  },
  handler(c, argv) {
    sunionDiffGeneric(c, argv, 2, argv[1], false);
  },
};

export const sdiff: CommandDefinition = {
  name: "sdiff",
  arity: -2,
  flags: ["readonly"],
  acl: ["set"],
  keys: [keyRange(["RO", "ACCESS"], 1, -1, 1, 0)],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Subtract multiple sets",
    since: "1.0.0",
    group: "set",
    complexity: "O(N) where N is the total number of elements in all given sets.",
    syntax: "key [key ...]",
  },
  handler(c, argv) {
    sunionDiffGeneric(c, argv, 1, undefined, true);
  },
};

export const sdiffstore: CommandDefinition = {
  name: "sdiffstore",
  arity: -3,
  flags: ["write", "denyoom"],
  acl: ["set"],
  keys: [singleKey(["OW", "UPDATE"]), keyRange(["RO", "ACCESS"], 2, -1, 1, 0)],
  docs: {
    summary: "Subtract multiple sets and store the resulting set in a key",
    since: "1.0.0",
    group: "set",
    complexity: "O(N) where N is the total number of elements in all given sets.",
    syntax: "destination key [key ...]",
  },
  handler(c, argv) {
    sunionDiffGeneric(c, argv, 2, argv[1], true);
  },
};
