/** ZRANDMEMBER. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX } from "../../core/errors.ts";
import { toInt64 } from "../parse.ts";
import { readZset, replyWithScore } from "./common.ts";

const LONG_MAX = 9223372036854775807n;

export const zrandmember: CommandDefinition = {
  name: "zrandmember",
  arity: -2,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get one or multiple random elements from a sorted set",
    since: "6.2.0",
    group: "sorted-set",
    complexity: "O(N) where N is the number of elements returned",
    syntax: "key [count [WITHSCORES]]",
  },
  handler: zrandmemberCommand,
};

function zrandmemberCommand(c: Client, argv: string[]): void {
  if (argv.length >= 3) {
    const v = toInt64(argv[2]);
    if (v === undefined) return c.reply.error(ERR_NOT_INTEGER);
    if (BigInt(v) < -LONG_MAX) {
      return c.reply.error(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
      );
    }
    let withscores = false;
    if (argv.length > 4 || (argv.length === 4 && argv[3].toLowerCase() !== "withscores")) {
      return c.reply.error(ERR_SYNTAX);
    } else if (argv.length === 4) {
      withscores = true;
      const b = BigInt(v);
      if (b < -(LONG_MAX / 2n) || b > LONG_MAX / 2n) {
        return c.reply.error("ERR value is out of range");
      }
    }
    return withCount(c, argv[1], Number(v), withscores);
  }
  const z = readZset(c, argv[1]);
  if (z === undefined) return c.reply.nullBulk();
  c.reply.bulk(z.memberAt(z.randomSlot()));
}

function withCount(c: Client, key: string, l: number, withscores: boolean): void {
  const z = readZset(c, key);
  const r = c.reply;
  if (z === undefined) return r.arrayLen(0);
  const size = z.size;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  if (count === 0) return r.arrayLen(0);
  // Picks are uniform over the member table's live slots: O(1) each.
  const flat = withscores && r.protocol === 2;
  const emit = (slot: number) => {
    if (withscores) replyWithScore(c, z.memberAt(slot), z.scoreAt(slot));
    else r.bulk(z.memberAt(slot));
  };
  // Repetitions allowed: independent uniform picks.
  if (!uniq || count === 1) {
    r.arrayLen(flat ? count * 2 : count);
    for (let i = 0; i < count; i++) emit(z.randomSlot());
    return;
  }
  const n = count < size ? count : size;
  r.arrayLen(flat ? n * 2 : n);
  // The whole set, from the top as Redis's zset iterator goes.
  if (count >= size) {
    if (withscores) z.forRange(size - 1, size, true, (m, s) => replyWithScore(c, m, s));
    else z.forRange(size - 1, size, true, (m) => r.bulk(m));
    return;
  }
  // Most of the set: drop random live slots until `count` remain.
  if (count * 3 > size) {
    const slots = z.liveSlots();
    const keep = new Uint8Array(size).fill(1);
    for (let left = size; left > count;) {
      const i = Math.floor(Math.random() * size);
      if (keep[i]) {
        keep[i] = 0;
        left--;
      }
    }
    for (let i = 0; i < size; i++) if (keep[i]) emit(slots[i]);
    return;
  }
  // A small part of a big set: distinct random picks.
  const picked = new Set<number>();
  while (picked.size < count) {
    const slot = z.randomSlot();
    if (picked.has(slot)) continue;
    picked.add(slot);
    emit(slot);
  }
}
