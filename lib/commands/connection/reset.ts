/** RESET. */
import { CLIENT_MASTER, CLIENT_PUBSUB, CLIENT_REPLICA } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { stopMonitor } from "../../features/monitor.ts";
import { unsubscribeAll } from "../../features/pubsub.ts";
import { disableTracking } from "../../features/tracking.ts";
import { discardTransaction } from "../../features/transactions.ts";

export const reset: CommandDefinition = {
  name: "reset",
  arity: 1,
  flags: ["noscript", "loading", "stale", "fast", "no_auth", "allow_busy"],
  acl: ["connection"],
  docs: {
    summary: "Reset the connection",
    since: "6.2.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c) {
    const engine = c.engine;
    // Monitors are replicas for Redis, yet RESET turns them back to normal clients.
    if (c.flags & (CLIENT_REPLICA | CLIENT_MASTER)) {
      return c.reply.error("ERR can only reset normal client connections");
    }
    stopMonitor(engine, c);
    disableTracking(engine, c);
    c.db = engine.dbs[0];
    c.protocol = 2;
    c.user = "default";
    c.authenticated = engine.config.settings.requirepass === "";
    discardTransaction(engine, c);
    unsubscribeAll(engine, c);
    c.flags &= ~CLIENT_PUBSUB;
    c.name = "";
    c.replyMode = "on";
    c.reply.simple("RESET");
    // The reply is sent even when CLIENT REPLY OFF was on: RESET turned it off first.
    if (c.muteMark >= 0) c.muteMark = c.reply.len;
  },
};
