/** HRANDFIELD. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { randomIndex } from "../../store/types/set.ts";
import { LONG_MAX, rangeLongArg } from "../lists/args.ts";
import { hashForRead, type HashValue } from "./lookup.ts";

/** Past this share of the hash, picking by elimination beats picking with retries (Redis's HRANDFIELD_SUB_STRATEGY_MUL). */
const SUB_STRATEGY_MUL = 3;

function emitPair(c: Client, field: string, value: string, withValues: boolean, resp3: boolean) {
  const reply = c.reply;
  if (withValues && resp3) reply.arrayLen(2);
  reply.bulk(field);
  if (withValues) reply.bulk(value);
}

function emit(c: Client, h: HashValue, slot: number, withValues: boolean, resp3: boolean): void {
  emitPair(c, h.fieldAt(slot), withValues ? h.valueAt(slot) : "", withValues, resp3);
}

/** What {@link distinctRandomSlots} needs of a set or hash. */
export interface RandomSlots {
  readonly size: number;
  /** Every live slot, in slot order. */
  liveSlots(): number[];
  /** A uniformly random live slot. */
  randomSlot(): number;
}

/**
 * `count` (< size) distinct random live slots of `c`, O(count) when count is
 * a small share of the size (retries) and O(size) otherwise (partial shuffle).
 */
export function distinctRandomSlots(c: RandomSlots, count: number): number[] {
  const size = c.size;
  if (count * SUB_STRATEGY_MUL > size) {
    const all = c.liveSlots();
    for (let i = 0; i < count; i++) {
      const j = i + randomIndex(size - i);
      const t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    all.length = count;
    return all;
  }
  const seen = new Set<number>();
  while (seen.size < count) seen.add(c.randomSlot());
  return Array.from(seen);
}

/** Redis's hrandfieldWithCountCommand. */
function withCount(c: Client, key: string, l: number, withValues: boolean): void {
  const reply = c.reply;
  const h = hashForRead(c.db, key);
  if (h === undefined) return reply.arrayLen(0);
  const size = h.size;
  const unique = l >= 0;
  const count = unique ? l : -l;
  if (count === 0) return reply.arrayLen(0);
  const resp3 = reply.protocol === 3;
  if (!unique || count === 1) {
    reply.arrayLen(withValues && !resp3 ? count * 2 : count);
    for (let i = 0; i < count; i++) emit(c, h, h.randomSlot(), withValues, resp3);
    return;
  }
  const n = count < size ? count : size;
  reply.arrayLen(withValues && !resp3 ? n * 2 : n);
  if (count >= size) {
    h.forEach((field, value) => emitPair(c, field, value, withValues, resp3));
    return;
  }
  const slots = distinctRandomSlots(h, count);
  // A listpack yields few unique picks in its own order.
  if (!h.hashtable && count * SUB_STRATEGY_MUL <= size) slots.sort((a, b) => a - b);
  for (let i = 0; i < slots.length; i++) emit(c, h, slots[i], withValues, resp3);
}

export const hrandfield: CommandDefinition = {
  name: "hrandfield",
  arity: -2,
  flags: ["readonly"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get one or multiple random fields from a hash",
    since: "6.2.0",
    group: "hash",
    complexity: "O(N) where N is the number of fields returned",
    syntax: "key [count [WITHVALUES]]",
  },
  handler(c, argv) {
    if (argv.length >= 3) {
      const l = rangeLongArg(argv[2], -LONG_MAX, LONG_MAX);
      if (argv.length > 4 || (argv.length === 4 && argv[3].toLowerCase() !== "withvalues")) {
        return c.reply.error(ERR_SYNTAX);
      }
      const withValues = argv.length === 4;
      if (withValues) {
        const big = BigInt(argv[2]);
        if (big < -LONG_MAX / 2n || big > LONG_MAX / 2n) {
          return c.reply.error("ERR value is out of range");
        }
      }
      return withCount(c, argv[1], l, withValues);
    }
    const h = hashForRead(c.db, argv[1]);
    if (h === undefined) return c.reply.nullBulk();
    c.reply.bulk(h.fieldAt(h.randomSlot()));
  },
};
