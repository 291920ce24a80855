/**
 * The `timeout` directive: connections idle for longer are closed, as in
 * Redis's clientsCronHandleTimeout (not subscribers, blocked clients or
 * replication links, which are legitimately quiet).
 *
 * @module
 */
import { CLIENT_BLOCKED, CLIENT_MASTER, CLIENT_PUBSUB, CLIENT_REPLICA } from "../core/client.ts";
import type { Engine } from "../core/engine.ts";

const EXEMPT = CLIENT_BLOCKED | CLIENT_MASTER | CLIENT_PUBSUB | CLIENT_REPLICA;

/** Checks idle clients from the cron, at most once a second. */
export const installIdleTimeout =
  ((function eager() {})(), function installIdleTimeout(engine: Engine): void {
    let last = 0;
    engine.hooks.cron.push(() => {
      const maxIdle = engine.config.settings.timeout;
      if (maxIdle <= 0) return;
      const now = engine.now();
      if (now - last < 1000) return;
      last = now;
      for (const c of engine.clients.values()) {
        if (c.flags & EXEMPT || c.origin.fd < 0) continue;
        if ((now - c.lastInteraction) / 1000 > maxIdle) {
          engine.log("verbose", "Closing idle client");
          c.close();
        }
      }
    });
  });
