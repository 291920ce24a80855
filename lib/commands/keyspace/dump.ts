/**
 * DUMP: the value at a key in Redis's serialization (RDB type and payload,
 * RDB version, CRC-64), as lib/persistence/rdb/dump.ts writes it. A Redis
 * 7.0 RESTOREs it. (Ferrous has no RESTORE yet.)
 *
 * @module
 */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { dumpPayload } from "../../persistence/rdb/dump.ts";

export const dump: CommandDefinition = {
  name: "dump",
  arity: 2,
  flags: ["readonly"],
  acl: ["keyspace"],
  keys: [singleKey(["RO", "ACCESS"])],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Return a serialized version of the value stored at the specified key.",
    since: "2.6.0",
    group: "generic",
    complexity:
      "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).",
    syntax: "key",
  },
  handler(c, argv) {
    const v = c.db.lookupRead(argv[1]);
    if (v === undefined) return c.reply.nullBulk();
    c.reply.bulkBytes(dumpPayload(v, c.engine.encodingLimits));
  },
};
