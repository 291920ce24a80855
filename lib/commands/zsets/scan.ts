/** ZSCAN. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { formatDouble } from "../../resp/double.ts";

/** Redis's d2string: integers up to 2^62 in full, other values as %.17g. */
function d2string(d: number): string {
  if (Number.isInteger(d) && d !== 0 && d >= -4611686018427387904 && d <= 4611686018427387904) {
    return d > -9007199254740992 && d < 9007199254740992 ? String(d) : BigInt(d).toString();
  }
  return formatDouble(d);
}
import { globMatch } from "../../store/glob.ts";
import { scanSlots } from "../../store/types/zset.ts";
import { readZset } from "./common.ts";
import { parseLong } from "./parse.ts";

const ULONG_MAX = 18446744073709551615n;

/** Parses a cursor as Redis's parseScanCursorOrReply (strtoul, no leading space). */
function parseCursor(s: string): number {
  const c0 = s.charCodeAt(0);
  if (c0 === 32 || (c0 >= 9 && c0 <= 13)) fail("ERR invalid cursor");
  let i = 0;
  let neg = false;
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
  }
  if (i === s.length) return s.length === 0 ? 0 : fail("ERR invalid cursor");
  for (let j = i; j < s.length; j++) {
    const ch = s.charCodeAt(j);
    if (ch < 48 || ch > 57) fail("ERR invalid cursor");
  }
  const v = BigInt(s.slice(i));
  if (v > ULONG_MAX) fail("ERR invalid cursor");
  // strtoul wraps a negative value; any cursor past the end restarts the walk here.
  if (neg && v !== 0n) return Number.MAX_SAFE_INTEGER;
  return Number(v);
}

export const zscan: CommandDefinition = {
  name: "zscan",
  arity: -3,
  flags: ["readonly"],
  acl: ["sortedset"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Incrementally iterate sorted sets elements and associated scores",
    since: "2.8.0",
    group: "sorted-set",
    complexity:
      "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
    syntax: "key cursor [MATCH pattern] [COUNT count]",
  },
  handler: zscanCommand,
};

function zscanCommand(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[2]);
  const z = readZset(c, argv[1]);
  const r = c.reply;
  if (z === undefined) {
    r.arrayLen(2);
    r.bulk("0");
    r.arrayLen(0);
    return;
  }
  let count = 10;
  let pattern: string | undefined;
  for (let i = 3; i < argv.length; i += 2) {
    const left = argv.length - i;
    const opt = argv[i].toLowerCase();
    if (opt === "count" && left >= 2) {
      count = parseLong(argv[i + 1]);
      if (count < 1) return r.error(ERR_SYNTAX);
    } else if (opt === "match" && left >= 2) {
      pattern = argv[i + 1];
      if (pattern === "*") pattern = undefined;
    } else return r.error(ERR_SYNTAX);
  }
  const members: string[] = [];
  const scores: number[] = [];
  let next = 0;
  if (z.listpack) {
    // Redis returns a listpack whole, in order, ending the scan at once.
    z.forRange(0, z.size, false, (m, s) => {
      if (pattern === undefined || globMatch(pattern, m)) {
        members.push(m);
        scores.push(s);
      }
    });
  } else {
    next = scanSlots(z, cursor, count, (slot) => {
      const m = z.memberAt(slot);
      if (pattern === undefined || globMatch(pattern, m)) {
        members.push(m);
        scores.push(z.scoreAt(slot));
      }
    });
  }
  r.arrayLen(2);
  r.bulk(String(next));
  r.arrayLen(members.length * 2);
  for (let i = 0; i < members.length; i++) {
    r.bulk(members[i]);
    r.bulk(d2string(scores[i]));
  }
}
