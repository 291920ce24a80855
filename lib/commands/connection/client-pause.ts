/**
 * CLIENT PAUSE, CLIENT UNPAUSE and CLIENT UNBLOCK: subcommand definitions for
 * the CLIENT container (which lists them in its `subcommands`).
 */
import type { CommandDefinition } from "../../core/command.ts";
import { unblockClient } from "../../features/blocking.ts";
import { PAUSE_ALL, PAUSE_WRITE, pauseClients, unpauseClients } from "../../features/pause.ts";
import { toInt64 } from "../parse.ts";

export const clientPause: CommandDefinition = {
  name: "pause",
  arity: -3,
  flags: ["admin", "noscript", "loading", "stale", "sentinel"],
  acl: ["connection"],
  docs: {
    summary: "Stop processing commands from clients for some time",
    since: "2.9.50",
    group: "connection",
    complexity: "O(1)",
    syntax: "timeout [WRITE | ALL]",
    history: [["6.2.0", "`CLIENT PAUSE WRITE` mode added along with the `mode` option."]],
  },
  handler(c, argv) {
    if (argv.length > 4) {
      return c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for '" + argv[1] + "'. Try " +
          argv[0].toUpperCase() + " HELP.",
      );
    }
    let type = PAUSE_ALL;
    if (argv.length === 4) {
      const mode = argv[3].toLowerCase();
      if (mode === "write") type = PAUSE_WRITE;
      else if (mode !== "all") return c.reply.error("ERR CLIENT PAUSE mode must be WRITE or ALL");
    }
    const v = toInt64(argv[2]);
    if (v === undefined) return c.reply.error("ERR timeout is not an integer or out of range");
    const ms = Number(v);
    if (ms < 0) return c.reply.error("ERR timeout is negative");
    pauseClients(c.engine, ms > 0 ? ms + c.engine.now() : 0, type);
    c.reply.ok();
  },
};

export const clientUnpause: CommandDefinition = {
  name: "unpause",
  arity: 2,
  flags: ["admin", "noscript", "loading", "stale", "sentinel"],
  acl: ["connection"],
  docs: {
    summary: "Resume processing of clients that were paused",
    since: "6.2.0",
    group: "connection",
    complexity: "O(N) Where N is the number of paused clients",
  },
  handler(c) {
    unpauseClients(c.engine);
    c.reply.ok();
  },
};

export const clientUnblock: CommandDefinition = {
  name: "unblock",
  arity: -3,
  flags: ["admin", "noscript", "loading", "stale", "sentinel"],
  acl: ["connection"],
  docs: {
    summary: "Unblock a client blocked in a blocking command from a different connection",
    since: "5.0.0",
    group: "connection",
    complexity: "O(log N) where N is the number of client connections",
    syntax: "client-id [TIMEOUT | ERROR]",
  },
  handler(c, argv) {
    if (argv.length > 4) {
      return c.reply.error(
        "ERR unknown subcommand or wrong number of arguments for '" + argv[1] + "'. Try " +
          argv[0].toUpperCase() + " HELP.",
      );
    }
    let error = false;
    if (argv.length === 4) {
      const reason = argv[3].toLowerCase();
      if (reason === "error") error = true;
      else if (reason !== "timeout") {
        return c.reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
      }
    }
    const id = toInt64(argv[2]);
    if (id === undefined) return c.reply.error("ERR value is not an integer or out of range");
    c.reply.int(unblockClient(c.engine, Number(id), error) ? 1 : 0);
  },
};
