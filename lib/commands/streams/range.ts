/** XRANGE, XREVRANGE and XLEN. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { is, lookupStream, parseBound, parseLongLong } from "./args.ts";
import { replyRange } from "./reply.ts";

/** Redis's xrangeGenericCommand. */
function xrangeGeneric(c: Client, argv: string[], rev: boolean): void {
  const start = parseBound(rev ? argv[3] : argv[2], true);
  const end = parseBound(rev ? argv[2] : argv[3], false);
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    if (is(argv[j], "count") && j + 1 < argv.length) {
      count = parseLongLong(argv[++j]);
      if (count < 0) count = 0;
    } else return c.reply.error(ERR_SYNTAX);
  }
  const s = lookupStream(c, argv[1], true);
  if (s === undefined) return c.reply.arrayLen(0);
  if (count === 0) return c.reply.nullArray();
  replyRange(c, s, start, end, count === -1 ? 0 : count, rev);
}

const RANGE_HISTORY: [string, string][] = [["6.2.0", "Added exclusive ranges."]];
const RANGE_COMPLEXITY =
  "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).";

export const xrange: CommandDefinition = {
  name: "xrange",
  arity: -4,
  flags: ["readonly"],
  acl: ["stream"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval",
    since: "5.0.0",
    group: "stream",
    complexity: RANGE_COMPLEXITY,
    syntax: "key start end [COUNT count]",
    history: RANGE_HISTORY,
  },
  handler(c, argv) {
    xrangeGeneric(c, argv, false);
  },
};

export const xrevrange: CommandDefinition = {
  name: "xrevrange",
  arity: -4,
  flags: ["readonly"],
  acl: ["stream"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE",
    since: "5.0.0",
    group: "stream",
    complexity:
      "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).",
    syntax: "key end start [COUNT count]",
    history: RANGE_HISTORY,
  },
  handler(c, argv) {
    xrangeGeneric(c, argv, true);
  },
};

export const xlen: CommandDefinition = {
  name: "xlen",
  arity: 2,
  flags: ["readonly", "fast"],
  acl: ["stream"],
  keys: [singleKey(["RO"])],
  docs: {
    summary: "Return the number of entries in a stream",
    since: "5.0.0",
    group: "stream",
    complexity: "O(1)",
    syntax: "key",
  },
  handler(c, argv) {
    const s = lookupStream(c, argv[1], true);
    c.reply.int(s === undefined ? 0 : s.length);
  },
};
