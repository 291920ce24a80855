/** PING and ECHO. */
import { CLIENT_PUBSUB } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { wrongArity } from "../../core/errors.ts";

export const ping: CommandDefinition = {
  name: "ping",
  arity: -1,
  flags: ["fast", "sentinel"],
  acl: ["connection"],
  tips: ["request_policy:all_shards", "response_policy:all_succeeded"],
  docs: {
    summary: "Ping the server",
    since: "1.0.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "[message]",
  },
  handler(c, argv) {
    if (argv.length > 2) return c.reply.error(wrongArity("ping"));
    if (c.flags & CLIENT_PUBSUB && c.protocol === 2) {
      // RESP2 subscribed context: PING answers in the shape of a message.
      c.reply.arrayLen(2);
      c.reply.bulk("pong");
      c.reply.bulk(argv.length === 1 ? "" : argv[1]);
      return;
    }
    if (argv.length === 1) c.reply.simple("PONG");
    else c.reply.bulk(argv[1]);
  },
};

export const echo: CommandDefinition = {
  name: "echo",
  arity: 2,
  flags: ["loading", "stale", "fast"],
  acl: ["connection"],
  docs: {
    summary: "Echo the given string",
    since: "1.0.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "message",
  },
  handler(c, argv) {
    c.reply.bulk(argv[1]);
  },
};
