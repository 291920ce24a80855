/** SPOP, SRANDMEMBER. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_SET } from "../../config/notify-flags.ts";
import { LONG_MAX, positiveLongArg, rangeLongArg } from "../lists/args.ts";
import { distinctRandomSlots } from "../hashes/random.ts";
import { setForRead, setForWrite, SetValue } from "./lookup.ts";

/**
 * When fewer than a fifth of the popped count would stay, SPOP rebuilds the
 * set from the survivors instead (Redis's SPOP_MOVE_STRATEGY_MUL); that also
 * picks the survivors' encoding afresh, as Redis does.
 */
const MOVE_STRATEGY_MUL = 5;

/** Replicates one popped member as an SREM (Redis's alsoPropagate in SPOP). */
function propagateSrem(c: Client, key: string, member: string): void {
  const feeds = c.engine.hooks.propagate;
  const argv = ["SREM", key, member];
  for (let i = 0; i < feeds.length; i++) feeds[i](c.db.id, argv, c);
}

/** Redis's spopWithCountCommand. */
function spopWithCount(c: Client, argv: string[]): void {
  const count = positiveLongArg(argv[2]);
  const db = c.db;
  const key = argv[1];
  const set = setForWrite(db, key);
  const reply = c.reply;
  if (set === undefined || count === 0) return reply.setLen(0);
  const engine = c.engine;
  const size = set.size;
  engine.notify(NOTIFY_SET, "spop", key, db.id);
  engine.dirty += count >= size ? size : count;
  if (count >= size) {
    const members = set.members;
    reply.setLen(size);
    for (let i = 0; i < size; i++) reply.bulk(members[i]);
    db.delete(key);
    engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    c.propagateArgv = ["DEL", key];
    engine.keyModified(db, key);
    return;
  }
  reply.setLen(count);
  let remaining = size - count;
  if (remaining * MOVE_STRATEGY_MUL > count) {
    for (let i = 0; i < count; i++) {
      const slot = set.randomSlot();
      const ele = set.memberAt(slot);
      reply.bulk(ele);
      set.removeSlot(slot);
      propagateSrem(c, key, ele);
    }
  } else {
    const limits = engine.encodingLimits;
    let survivors: SetValue | undefined;
    while (remaining-- > 0) {
      const slot = set.randomSlot();
      const ele = set.memberAt(slot);
      if (survivors === undefined) survivors = SetValue.create(ele);
      survivors.add(ele, limits);
      set.removeSlot(slot);
    }
    const members = set.members;
    for (let i = 0; i < members.length; i++) {
      reply.bulk(members[i]);
      propagateSrem(c, key, members[i]);
    }
    db.setKeepTtl(key, survivors!);
  }
  // The SREMs above stand for this command (Redis's preventCommandPropagation).
  c.propagateArgv = [];
  engine.keyModified(db, key);
}

/** Redis's srandmemberWithCountCommand. */
function srandmemberWithCount(c: Client, argv: string[]): void {
  const l = rangeLongArg(argv[2], -LONG_MAX, LONG_MAX);
  const set = setForRead(c.db, argv[1]);
  const reply = c.reply;
  if (set === undefined) return reply.arrayLen(0);
  const unique = l >= 0;
  const count = unique ? l : -l;
  if (count === 0) return reply.arrayLen(0);
  const size = set.size;
  if (!unique || count === 1) {
    reply.arrayLen(count);
    for (let i = 0; i < count; i++) reply.bulk(set.memberAt(set.randomSlot()));
    return;
  }
  if (count >= size) return reply.bulkArray(set.members);
  const slots = distinctRandomSlots(set, count);
  reply.arrayLen(count);
  for (let i = 0; i < count; i++) reply.bulk(set.memberAt(slots[i]));
}

export const spop: CommandDefinition = {
  name: "spop",
  arity: -2,
  flags: ["write", "fast"],
  acl: ["set"],
  keys: [singleKey(["RW", "ACCESS", "DELETE"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Remove and return one or multiple random members from a set",
    since: "1.0.0",
    group: "set",
    complexity:
      "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.",
    syntax: "key [count]",
    history: [["3.2.0", "Added the `count` argument."]],
  },
  handler(c, argv) {
    if (argv.length === 3) return spopWithCount(c, argv);
    if (argv.length > 3) return c.reply.error(ERR_SYNTAX);
    const db = c.db;
    const key = argv[1];
    const set = setForWrite(db, key);
    if (set === undefined) return c.reply.nullBulk();
    const slot = set.randomSlot();
    const ele = set.memberAt(slot);
    set.removeSlot(slot);
    const engine = c.engine;
    engine.notify(NOTIFY_SET, "spop", key, db.id);
    c.propagateArgv = ["SREM", key, ele];
    c.reply.bulk(ele);
    if (set.size === 0) {
      db.delete(key);
      engine.notify(NOTIFY_GENERIC, "del", key, db.id);
    }
    engine.keyModified(db, key);
    engine.dirty++;
  },
};

export const srandmember: CommandDefinition = {
  name: "srandmember",
  arity: -2,
  flags: ["readonly"],
  acl: ["set"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get one or multiple random members from a set",
    since: "1.0.0",
    group: "set",
    complexity:
      "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.",
    syntax: "key [count]",
    history: [["2.6.0", "Added the optional `count` argument."]],
  },
  handler(c, argv) {
    if (argv.length === 3) return srandmemberWithCount(c, argv);
    if (argv.length > 3) return c.reply.error(ERR_SYNTAX);
    const set = setForRead(c.db, argv[1]);
    if (set === undefined) return c.reply.nullBulk();
    c.reply.bulk(set.memberAt(set.randomSlot()));
  },
};
