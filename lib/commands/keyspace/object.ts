/** OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import {
  idleTimeMs,
  isLfuPolicy,
  lfuFrequency,
  refcount,
  stringEncodingAt,
} from "../../store/object-info.ts";
import type { RedisValue } from "../../store/value.ts";
import { replyHelp } from "../server/help.ts";

const POLICY_NOTE =
  " Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

/** The value for an OBJECT subcommand (no access recorded, no keymiss event); replies null when missing. */
function lookup(c: Client, key: string): RedisValue | undefined {
  const v = c.db.peek(key);
  const stats = c.engine.stats;
  if (v === undefined) {
    stats.keyspaceMisses++;
    c.reply.nullBulk();
  } else stats.keyspaceHits++;
  return v;
}

const HELP = [
  "ENCODING <key>",
  "    Return the kind of internal representation used in order to store the value",
  "    associated with a <key>.",
  "FREQ <key>",
  "    Return the access frequency index of the <key>. The returned integer is",
  "    proportional to the logarithm of the recent access frequency of the key.",
  "IDLETIME <key>",
  "    Return the idle time of the <key>, that is the approximated number of",
  "    seconds elapsed since the last access to the key.",
  "REFCOUNT <key>",
  "    Return the number of references of the value associated with the specified",
  "    <key>.",
];

const KEY_AT_2 = [singleKey(["RO"], 2)];
const TIPS = ["nondeterministic_output"];

export const object: CommandDefinition = {
  name: "object",
  arity: -2,
  docs: {
    summary: "A container for object introspection commands",
    since: "2.2.3",
    group: "generic",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    {
      name: "encoding",
      arity: 3,
      flags: ["readonly"],
      acl: ["keyspace"],
      keys: KEY_AT_2,
      tips: TIPS,
      docs: {
        summary: "Inspect the internal encoding of a Redis object",
        since: "2.2.3",
        group: "generic",
        complexity: "O(1)",
        syntax: "key",
      },
      handler(c, argv) {
        const v = lookup(c, argv[2]);
        if (v === undefined) return;
        c.reply.bulk(
          typeof v === "string"
            ? stringEncodingAt(c.db, argv[2], v)
            : v.encoding(c.engine.encodingLimits),
        );
      },
    },
    {
      name: "freq",
      arity: 3,
      flags: ["readonly"],
      acl: ["keyspace"],
      keys: KEY_AT_2,
      tips: TIPS,
      docs: {
        summary: "Get the logarithmic access frequency counter of a Redis object",
        since: "4.0.0",
        group: "generic",
        complexity: "O(1)",
        syntax: "key",
      },
      handler(c, argv) {
        if (lookup(c, argv[2]) === undefined) return;
        const settings = c.engine.config.settings;
        if (!isLfuPolicy(settings.maxmemoryPolicy)) {
          return c.reply.error(
            "ERR An LFU maxmemory policy is not selected, access frequency not tracked." +
              POLICY_NOTE,
          );
        }
        const freq = lfuFrequency(c.db, argv[2], c.engine.now(), settings.lfuDecayTime);
        if (freq === undefined) return c.reply.error("ERR access frequency is not tracked");
        c.reply.int(freq);
      },
    },
    {
      name: "idletime",
      arity: 3,
      flags: ["readonly"],
      acl: ["keyspace"],
      keys: KEY_AT_2,
      tips: TIPS,
      docs: {
        summary: "Get the time since a Redis object was last accessed",
        since: "2.2.3",
        group: "generic",
        complexity: "O(1)",
        syntax: "key",
      },
      handler(c, argv) {
        if (lookup(c, argv[2]) === undefined) return;
        if (isLfuPolicy(c.engine.config.settings.maxmemoryPolicy)) {
          return c.reply.error(
            "ERR An LFU maxmemory policy is selected, idle time not tracked." + POLICY_NOTE,
          );
        }
        const idle = idleTimeMs(c.db, argv[2], c.engine.now());
        if (idle === undefined) return c.reply.error("ERR idle time is not tracked");
        c.reply.int(Math.floor(idle / 1000));
      },
    },
    {
      name: "refcount",
      arity: 3,
      flags: ["readonly"],
      acl: ["keyspace"],
      keys: KEY_AT_2,
      tips: TIPS,
      docs: {
        summary: "Get the number of references to the value of the key",
        since: "2.2.3",
        group: "generic",
        complexity: "O(1)",
        syntax: "key",
      },
      handler(c, argv) {
        const v = lookup(c, argv[2]);
        if (v === undefined) return;
        c.reply.int(refcount(v, c.engine.config.settings, c.db, argv[2]));
      },
    },
    {
      name: "help",
      arity: 2,
      flags: ["loading", "stale"],
      acl: ["keyspace"],
      docs: {
        summary: "Show helpful text about the different subcommands",
        since: "6.2.0",
        group: "generic",
        complexity: "O(1)",
      },
      handler(c) {
        replyHelp(c, "object", HELP);
      },
    },
  ],
};
