/**
 * FUNCTION FLUSH, LIST, STATS and HELP over an empty library set: enough for
 * clients and test suites that reset functions, until scripting provides
 * the real FUNCTION command (which replaces this file).
 *
 * @module
 */
import type { CommandDefinition } from "../../core/command.ts";
import { replyHelp } from "./help.ts";

const HELP = [
  "LOAD [REPLACE] <FUNCTION CODE>",
  "    Create a new library with the given library name and code.",
  "DELETE <LIBRARY NAME>",
  "    Delete the given library.",
  "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
  "    Return general information on all the libraries:",
  "    * Library name",
  "    * The engine used to run the Library",
  "    * Library description",
  "    * Functions list",
  "    * Library code (if WITHCODE is given)",
  "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
  "STATS",
  "    Return information about the current function running:",
  "    * Function name",
  "    * Command used to run the function",
  "    * Duration in MS that the function is running",
  "    If no function is running, return nil",
  "    In addition, returns a list of available engines.",
  "KILL",
  "    Kill the current running function.",
  "FLUSH [ASYNC|SYNC]",
  "    Delete all the libraries.",
  "    When called without the optional mode argument, the behavior is determined by the",
  "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
  "    * ASYNC: Asynchronously flush the libraries.",
  "    * SYNC: Synchronously flush the libraries.",
  "DUMP",
  "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
  "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
  "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
  "    control how to handle existing libraries (default APPEND):",
  "    * FLUSH: delete all existing libraries.",
  "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
  "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
  "      libraries with the new libraries (notice that even on this option there is a chance of failure",
  "      in case of functions name collision with another library).",
];

const functionFlush: CommandDefinition = {
  name: "flush",
  arity: -2,
  flags: ["noscript", "write"],
  acl: ["scripting"],
  tips: ["request_policy:all_shards", "response_policy:all_succeeded"],
  docs: {
    summary: "Deleting all functions",
    since: "7.0.0",
    group: "scripting",
    complexity: "O(N) where N is the number of functions deleted",
    syntax: "[ASYNC | SYNC]",
  },
  handler(c, argv) {
    if (argv.length > 3) {
      return c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for '" + argv[1] + "'. Try " +
          argv[0].toUpperCase() + " HELP.",
      );
    }
    if (argv.length === 3) {
      const mode = argv[2].toLowerCase();
      if (mode !== "sync" && mode !== "async") {
        return c.reply.error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
      }
    }
    // A change to replicate, as Redis counts it.
    c.engine.dirty++;
    c.reply.ok();
  },
};

const functionList: CommandDefinition = {
  name: "list",
  arity: -2,
  flags: ["noscript"],
  acl: ["scripting"],
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "List information about all the functions",
    since: "7.0.0",
    group: "scripting",
    complexity: "O(N) where N is the number of functions",
    syntax: "[LIBRARYNAME library-name-pattern] [WITHCODE]",
  },
  handler(c, argv) {
    let withCode = false;
    let pattern = false;
    for (let i = 2; i < argv.length; i++) {
      const arg = argv[i].toLowerCase();
      if (!withCode && arg === "withcode") {
        withCode = true;
        continue;
      }
      if (!pattern && arg === "libraryname") {
        if (i >= argv.length - 1) return c.reply.error("ERR library name argument was not given");
        pattern = true;
        i++;
        continue;
      }
      return c.reply.error("ERR Unknown argument " + argv[i]);
    }
    c.reply.arrayLen(0);
  },
};

const functionStats: CommandDefinition = {
  name: "stats",
  arity: 2,
  flags: ["noscript", "allow_busy"],
  acl: ["scripting"],
  tips: ["nondeterministic_output", "request_policy:all_shards", "response_policy:special"],
  docs: {
    summary:
      "Return information about the function currently running (name, description, duration)",
    since: "7.0.0",
    group: "scripting",
    complexity: "O(1)",
  },
  handler(c) {
    const r = c.reply;
    r.mapLen(2);
    r.bulk("running_script");
    r.nullBulk();
    r.bulk("engines");
    r.mapLen(1);
    r.bulk("LUA");
    r.mapLen(2);
    r.bulk("libraries_count");
    r.int(0);
    r.bulk("functions_count");
    r.int(0);
  },
};

const functionHelp: CommandDefinition = {
  name: "help",
  arity: 2,
  flags: ["loading", "stale"],
  acl: ["scripting"],
  docs: {
    summary: "Show helpful text about the different subcommands",
    since: "7.0.0",
    group: "scripting",
    complexity: "O(1)",
  },
  handler(c, argv) {
    replyHelp(c, argv[0], HELP);
  },
};

export const functionCommand: CommandDefinition = {
  name: "function",
  arity: -2,
  docs: {
    summary: "A container for function commands",
    since: "7.0.0",
    group: "scripting",
    complexity: "Depends on subcommand.",
  },
  subcommands: [functionFlush, functionHelp, functionList, functionStats],
};
