/** SSCAN. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { globMatch } from "../../store/glob.ts";
import { parseScanCursor, parseScanOptions, replyEmptyScan } from "../hashes/scan.ts";
import { setForRead } from "./lookup.ts";

export const sscan: CommandDefinition = {
  name: "sscan",
  arity: -3,
  flags: ["readonly"],
  acl: ["set"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Incrementally iterate Set elements",
    since: "2.8.0",
    group: "set",
    complexity:
      "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
    syntax: "key cursor [MATCH pattern] [COUNT count]",
  },
  handler(c, argv) {
    const cursor = parseScanCursor(argv[2]);
    const set = setForRead(c.db, argv[1]);
    if (set === undefined) return replyEmptyScan(c);
    const { count, pattern } = parseScanOptions(argv);
    const out: string[] = [];
    const visit = (m: string) => {
      if (pattern === undefined || globMatch(pattern, m)) out.push(m);
    };
    let next = 0;
    if (set.isIntset) set.members.forEach(visit);
    else next = set.scan(cursor, count, (slot) => visit(set.memberAt(slot)));
    c.reply.arrayLen(2);
    c.reply.bulk(String(next));
    c.reply.bulkArray(out);
  },
};
