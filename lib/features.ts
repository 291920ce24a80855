/**
 * Installs the features that attach to the engine through hooks and
 * interceptors (transactions, pub/sub, blocking, tracking, ...).
 *
 * Interceptors run in install order, mirroring Redis's processCommand:
 * transactions puts its no_multi check first and its MULTI queueing last,
 * so it must be installed after every other feature that adds interceptors.
 * afterCommand hooks also run in order: tracking (pending invalidations)
 * before blocking (serving ready keys), as Redis's call() then
 * handleClientsBlockedOnKeys.
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

/** Installs every feature on `engine`. */
export function installFeatures(engine: Engine): void {
  installPubSub(engine);
  installMonitor(engine);
  installTracking(engine);
  installPause(engine);
  installBlocking(engine);
  // Keep last: MULTI queueing must be the last interceptor.
  installTransactions(engine);
}
