/** HSCAN, and the cursor and option parsing SSCAN shares. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { globMatch } from "../../store/glob.ts";
import { longArg } from "../lists/args.ts";
import { hashForRead } from "./lookup.ts";

const ULONG_MAX = 18446744073709551615n;

/**
 * Parses a cursor as Redis's parseScanCursorOrReply (strtoul, base 10: an
 * optional sign, digits, nothing else; empty means 0); throws "invalid
 * cursor". Cursors past 2^53 lose precision, which only matters for cursors
 * this server never hands out.
 */
export function parseScanCursor(s: string): number {
  const n = s.length;
  let i = 0;
  let neg = false;
  if (n > 0 && (s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45)) {
    neg = s.charCodeAt(0) === 45;
    i = 1;
    if (n === 1) fail("ERR invalid cursor");
  }
  for (let j = i; j < n; j++) {
    const ch = s.charCodeAt(j);
    if (ch < 48 || ch > 57) fail("ERR invalid cursor");
  }
  if (n - i < 16) {
    const v = n === i ? 0 : Number(s.slice(i));
    return neg && v !== 0 ? Number(ULONG_MAX + 1n - BigInt(v)) : v;
  }
  const big = BigInt(s.slice(i));
  if (big > ULONG_MAX) fail("ERR invalid cursor");
  return Number(neg && big !== 0n ? ULONG_MAX + 1n - big : big);
}

/** SSCAN/HSCAN options (Redis's scanGenericCommand for a key). */
export interface ScanOptions {
  count: number;
  /** undefined when absent or `*`. */
  pattern: string | undefined;
}

/** Parses `[MATCH pattern] [COUNT count]` from argv[3]; throws Redis's errors. */
export function parseScanOptions(argv: string[]): ScanOptions {
  let count = 10;
  let pattern: string | undefined;
  for (let i = 3; i < argv.length; i += 2) {
    const opt = argv[i].toLowerCase();
    const more = i + 1 < argv.length;
    if (opt === "count" && more) {
      const v = longArg(argv[i + 1]);
      if (v < 1) fail(ERR_SYNTAX);
      count = Number(v);
    } else if (opt === "match" && more) {
      pattern = argv[i + 1] === "*" ? undefined : argv[i + 1];
    } else fail(ERR_SYNTAX);
  }
  return { count, pattern };
}

/** The reply for a missing key: cursor 0, no elements. */
export function replyEmptyScan(c: Client): void {
  c.reply.arrayLen(2);
  c.reply.bulk("0");
  c.reply.arrayLen(0);
}

export const hscan: CommandDefinition = {
  name: "hscan",
  arity: -3,
  flags: ["readonly"],
  acl: ["hash"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Incrementally iterate hash fields and associated values",
    since: "2.8.0",
    group: "hash",
    complexity:
      "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
    syntax: "key cursor [MATCH pattern] [COUNT count]",
  },
  handler(c, argv) {
    const cursor = parseScanCursor(argv[2]);
    const h = hashForRead(c.db, argv[1]);
    if (h === undefined) return replyEmptyScan(c);
    const { count, pattern } = parseScanOptions(argv);
    const out: string[] = [];
    const visit = (field: string, value: string) => {
      if (pattern !== undefined && !globMatch(pattern, field)) return;
      out.push(field, value);
    };
    let next = 0;
    if (!h.hashtable) h.forEach(visit);
    else next = h.scan(cursor, count, (slot) => visit(h.fieldAt(slot), h.valueAt(slot)));
    c.reply.arrayLen(2);
    c.reply.bulk(String(next));
    c.reply.bulkArray(out);
  },
};
