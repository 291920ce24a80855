/**
 * The per-command work of the features, composed into one interceptor, one
 * afterCommand hook and one keyModified hook so that a plain command pays a
 * few flag tests instead of a call per feature.
 *
 * The interceptor's checks run in Redis's processCommand order: no_multi
 * inside MULTI, the RESP2 subscribed context, a monitor touching the
 * keyspace, the tracking table limit, CLIENT PAUSE, then MULTI queueing. It
 * must be the last interceptor: other features' checks (ACL, OOM, read-only
 * replica) must reject a command before it is queued or postponed.
 *
 * @module
 */
import { CLIENT_MONITOR, CLIENT_MULTI, CLIENT_PUBSUB, CLIENT_TRACKING } from "../core/client.ts";
import type { Engine } from "../core/engine.ts";
import { blockingState, serveReadyKeys } from "./blocking.ts";
import { monitorCommand, monitors, rejectMonitorKeyspace } from "./monitor.ts";
import { PAUSE_OFF, pauseAfterTransaction, pauseState, postponeIfPaused } from "./pause.ts";
import { rejectInSubscribedContext } from "./pubsub.ts";
import {
  trackingAfterCommand,
  trackingBeforeCommand,
  trackingKeyModified,
  trackingState,
} from "./tracking.ts";
import { queueInMulti, rejectNoMulti, touchWatchedKey, txState } from "./transactions.ts";

const SPECIAL = CLIENT_MULTI | CLIENT_PUBSUB | CLIENT_MONITOR;

/** Installs the composed hooks; call after every feature's install. */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  const tx = txState(engine);
  const tracking = trackingState(engine);
  const pause = pauseState(engine);
  const blocking = blockingState(engine);
  const monitorList = monitors(engine);

  // The closures are marked too, as every command runs them (README, "Start-up").
  engine.interceptors.push(
    ((function eager() {})(), function interceptCommand(c, cmd, argv) {
      const f = c.flags;
      if ((f & SPECIAL) === 0 && pause.type === PAUSE_OFF && tracking.tracking === 0) return false;
      if (f & CLIENT_MULTI && rejectNoMulti(engine, c, cmd)) return true;
      if (f & CLIENT_PUBSUB && rejectInSubscribedContext(engine, c, cmd)) return true;
      if (f & CLIENT_MONITOR && rejectMonitorKeyspace(engine, c, cmd)) return true;
      if (tracking.tracking !== 0) trackingBeforeCommand(engine, tracking);
      if (pause.type !== PAUSE_OFF && postponeIfPaused(engine, pause, c, cmd, argv)) return true;
      if (c.flags & CLIENT_MULTI) return queueInMulti(c, cmd, argv);
      return false;
    }),
  );

  engine.hooks.afterCommand.push(
    ((function eager() {})(), function afterCommand(c, cmd, argv) {
      if (monitorList.length !== 0) monitorCommand(engine, c, cmd, argv);
      if (c.flags & CLIENT_TRACKING || tracking.pending.length !== 0) {
        trackingAfterCommand(engine, c, cmd, argv);
      }
      if (engine.nested !== 0 || engine.current !== undefined) return;
      if (pause.inTransaction) pauseAfterTransaction(engine, pause);
      // Ready keys serve blocked clients after the command, EXEC or script.
      if (blocking.ready.length !== 0 || blocking.rescan.size !== 0) serveReadyKeys(engine);
    }),
  );

  engine.hooks.keyModified.push(
    ((function eager() {})(), function keyModified(db, key) {
      if (tx.count !== 0) touchWatchedKey(engine, tx, db, key);
      if (tracking.enabled) trackingKeyModified(engine, tracking, key);
    }),
  );
});
