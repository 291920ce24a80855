/** INFO, TIME, LASTSAVE, ROLE and LOLWUT. */
import type { CommandDefinition } from "../../core/command.ts";
import { SystemClock } from "../../core/clock.ts";
import { genInfo, serverState } from "../../server/info.ts";
import { REDIS_VERSION } from "../../version.ts";
import { toInt64 } from "../parse.ts";

export const info: CommandDefinition = {
  name: "info",
  arity: -1,
  flags: ["loading", "stale", "sentinel"],
  acl: ["dangerous"],
  tips: ["nondeterministic_output", "request_policy:all_shards", "response_policy:special"],
  docs: {
    summary: "Get information and statistics about the server",
    since: "1.0.0",
    group: "server",
    complexity: "O(1)",
    syntax: "[section [section ...]]",
    history: [["7.0.0", "Added support for taking multiple section arguments."]],
  },
  handler(c, argv) {
    c.reply.verbatim(genInfo(c.engine, argv.slice(1)));
  },
};

export const time: CommandDefinition = {
  name: "time",
  arity: 1,
  flags: ["loading", "stale", "fast"],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Return the current server time",
    since: "2.6.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    const engine = c.engine;
    // Microseconds from the high resolution clock; a test clock gives whole milliseconds.
    const us = engine.clock instanceof SystemClock
      ? Math.floor((performance.timeOrigin + performance.now()) * 1000)
      : Math.floor(engine.now()) * 1000;
    const sec = Math.floor(us / 1e6);
    c.reply.arrayLen(2);
    c.reply.bulk(String(sec));
    c.reply.bulk(String(us - sec * 1e6));
  },
};

export const lastsave: CommandDefinition = {
  name: "lastsave",
  arity: 1,
  flags: ["loading", "stale", "fast"],
  acl: ["admin", "dangerous"],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get the UNIX time stamp of the last successful save to disk",
    since: "1.0.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.int(serverState(c.engine).lastSave);
  },
};

export const role: CommandDefinition = {
  name: "role",
  arity: 1,
  flags: ["noscript", "loading", "stale", "fast", "sentinel"],
  acl: ["admin", "dangerous"],
  docs: {
    summary: "Return the role of the instance in the context of replication",
    since: "2.8.12",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    // A master with its replication offset and (no) replicas.
    c.reply.arrayLen(3);
    c.reply.bulk("master");
    c.reply.int(0);
    c.reply.arrayLen(0);
  },
};

export const lolwut: CommandDefinition = {
  name: "lolwut",
  arity: -1,
  flags: ["readonly", "fast"],
  docs: {
    summary: "Display some computer art and the Redis version",
    since: "5.0.0",
    group: "server",
    syntax: "[VERSION version]",
  },
  handler(c, argv) {
    if (argv.length >= 3 && argv[1].toLowerCase() === "version") {
      if (toInt64(argv[2]) === undefined) {
        return c.reply.error("ERR value is not an integer or out of range");
      }
    }
    // The computer art of versions 5 and 6 is not drawn: every version gets the version line.
    c.reply.verbatim("Redis ver. " + REDIS_VERSION + "\n");
  },
};
