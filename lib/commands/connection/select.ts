/** SELECT, QUIT. */
import type { CommandDefinition } from "../../core/command.ts";
import { CLIENT_CLOSE_AFTER_REPLY } from "../../core/client.ts";
import { ERR_DB_INDEX, ERR_NOT_INTEGER } from "../../core/errors.ts";
import { parseInteger } from "../parse.ts";

export const select: CommandDefinition = {
  name: "select",
  arity: 2,
  flags: ["loading", "stale", "fast"],
  acl: ["connection"],
  docs: {
    summary: "Change the selected database for the current connection",
    since: "1.0.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "index",
  },
  handler(c, argv) {
    const idx = parseInteger(argv[1], ERR_NOT_INTEGER);
    // Redis reads the index as a C int (getIntFromObjectOrReply).
    if (idx < -2147483648 || idx > 2147483647) {
      return c.reply.error(
        "ERR value is out of range, value must between -2147483648 and 2147483647",
      );
    }
    const dbs = c.engine.dbs;
    if (idx < 0 || idx >= dbs.length) return c.reply.error(ERR_DB_INDEX);
    c.db = dbs[idx];
    c.reply.ok();
  },
};

export const quit: CommandDefinition = {
  name: "quit",
  arity: -1,
  flags: ["allow_busy", "noscript", "loading", "stale", "fast", "no_auth"],
  acl: ["connection"],
  docs: {
    summary: "Close the connection",
    since: "1.0.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.ok();
    c.flags |= CLIENT_CLOSE_AFTER_REPLY;
  },
};
