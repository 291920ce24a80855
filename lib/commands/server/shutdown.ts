/**
 * SHUTDOWN, SAVE and BGSAVE. Ferrous keeps data in memory only: the saving
 * commands reply an error saying so, and SHUTDOWN stops the server through
 * the hook the server installs. (SYNC and PSYNC are in sync.ts.)
 *
 * @module
 */
import { CLIENT_CLOSE_AFTER_REPLY } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";

const ERR_NO_PERSISTENCE =
  "ERR Persistence is not available: this server keeps data in memory only";

export const save: CommandDefinition = {
  name: "save",
  arity: 1,
  flags: ["no_async_loading", "admin", "noscript", "no_multi"],
  docs: {
    summary: "Synchronously save the dataset to disk",
    since: "1.0.0",
    group: "server",
    complexity: "O(N) where N is the total number of keys in all databases",
  },
  handler(c) {
    c.reply.error(ERR_NO_PERSISTENCE);
  },
};

export const bgsave: CommandDefinition = {
  name: "bgsave",
  arity: -1,
  flags: ["no_async_loading", "admin", "noscript"],
  docs: {
    summary: "Asynchronously save the dataset to disk",
    since: "1.0.0",
    group: "server",
    complexity: "O(1)",
    syntax: "[SCHEDULE]",
    history: [["3.2.2", "Added the `SCHEDULE` option."]],
  },
  handler(c, argv) {
    if (argv.length > 2 || (argv.length === 2 && argv[1].toLowerCase() !== "schedule")) {
      return c.reply.error(ERR_SYNTAX);
    }
    c.reply.error(ERR_NO_PERSISTENCE);
  },
};

const NOSAVE = 1;
const SAVE = 2;
const NOW = 4;
const FORCE = 8;

export const shutdown: CommandDefinition = {
  name: "shutdown",
  arity: -1,
  flags: ["admin", "noscript", "loading", "stale", "no_multi", "sentinel", "allow_busy"],
  docs: {
    summary: "Synchronously save the dataset to disk and then shut down the server",
    since: "1.0.0",
    group: "server",
    complexity:
      "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)",
    syntax: "[NOSAVE | SAVE] [NOW] [FORCE] [ABORT]",
    history: [["7.0.0", "Added the `NOW`, `FORCE` and `ABORT` modifiers."]],
  },
  handler(c, argv) {
    let flags = 0;
    let abort = false;
    for (let i = 1; i < argv.length; i++) {
      const opt = argv[i].toLowerCase();
      if (opt === "nosave") flags |= NOSAVE;
      else if (opt === "save") flags |= SAVE;
      else if (opt === "now") flags |= NOW;
      else if (opt === "force") flags |= FORCE;
      else if (opt === "abort") abort = true;
      else return c.reply.error(ERR_SYNTAX);
    }
    if ((abort && flags !== 0) || (flags & NOSAVE && flags & SAVE)) {
      return c.reply.error(ERR_SYNTAX);
    }
    const engine = c.engine;
    // A shutdown here never waits for replicas, so there is none to abort.
    if (abort) return c.reply.error("ERR No shutdown in progress.");
    engine.log("warning", "User requested shutdown...");
    const wantSave = flags & SAVE ||
      ((flags & NOSAVE) === 0 && engine.config.settings.saveParams.length > 0);
    if (wantSave) {
      if (flags & SAVE && (flags & FORCE) === 0) {
        // Asked to save and we cannot: stay up, as Redis does when its final save fails.
        engine.log("warning", "Error trying to save the DB, can't exit.");
        engine.log(
          "warning",
          "Errors trying to shut down the server. Check the logs for more information.",
        );
        return c.reply.error("ERR Errors trying to SHUTDOWN. Check logs.");
      }
      engine.log("warning", "No persistence available: exiting without saving the dataset.");
    }
    const stop = engine.hooks.shutdown;
    if (stop === undefined) {
      return c.reply.error("ERR Errors trying to SHUTDOWN. Check logs.");
    }
    // No reply: the connection just closes, as with Redis.
    c.flags |= CLIENT_CLOSE_AFTER_REPLY;
    setTimeout(stop, 0);
  },
};
