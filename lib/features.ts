/**
 * Installs the features that attach to the engine through hooks and
 * interceptors (transactions, pub/sub, blocking, tracking, ...).
 *
 * Interceptors run in install order, mirroring Redis's processCommand. The
 * per-command parts of these features are one interceptor (hot-path.ts)
 * that ends with MULTI queueing and CLIENT PAUSE: it must stay the last
 * interceptor, so features that reject commands (ACL, OOM, read-only
 * replica) must be installed before it.
 *
 * @module
 */
import type { Engine } from "./core/engine.ts";
import { install as installPubSub } from "./features/pubsub.ts";
import { install as installMonitor } from "./features/monitor.ts";
import { install as installTracking } from "./features/tracking.ts";
import { install as installPause } from "./features/pause.ts";
import { install as installBlocking } from "./features/blocking.ts";
import { install as installTransactions } from "./features/transactions.ts";
import { install as installHotPath } from "./features/hot-path.ts";
import { installServerFeatures } from "./commands/server/features.ts";

/** Installs every feature on `engine`. */
export const installFeatures =
  ((function eager() {})(), function installFeatures(engine: Engine): void {
    installPubSub(engine);
    installMonitor(engine);
    installTracking(engine);
    installPause(engine);
    installBlocking(engine);
    installTransactions(engine);
    installServerFeatures(engine);
    // Keep last: its interceptor queues MULTI commands and postpones paused ones.
    installHotPath(engine);
  });
