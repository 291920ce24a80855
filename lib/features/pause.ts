/**
 * CLIENT PAUSE / UNPAUSE: while paused, commands that may write (WRITE) or
 * every command (ALL) from normal clients are postponed: the client is held
 * (CLIENT_BLOCKED) with its command, and when the pause ends the postponed
 * clients run again in the order they were paused. Expiry is suspended
 * meanwhile, as Redis does.
 *
 * @module
 */
import { type Client, CLIENT_BLOCKED, CLIENT_MONITOR, CLIENT_REPLICA } from "../core/client.ts";
import { CMD_MAY_REPLICATE, CMD_WRITE, type Command } from "../core/command.ts";
import type { Engine } from "../core/engine.ts";
import { type Timer, unrefTimeout } from "./timers.ts";
import { queuedFlags } from "./transactions.ts";

/** Pause types, ordered by restrictiveness. */
export const PAUSE_OFF = 0;
export const PAUSE_WRITE = 1;
export const PAUSE_ALL = 2;

/** The pause in effect. */
export interface PauseState {
  type: number;
  /** End time in ms. */
  end: number;
  /** Clients held by the pause, in order, with the command they sent. */
  postponed: Client[];
  timer: Timer | undefined;
  /** Set when PAUSE ran inside EXEC: expiry goes on until the transaction ends. */
  inTransaction: boolean;
}

const states = new WeakMap<Engine, PauseState>();

/** The engine's pause state. */
export const pauseState =
  ((function eager() {})(), function pauseState(engine: Engine): PauseState {
    let s = states.get(engine);
    if (s === undefined) {
      s = { type: PAUSE_OFF, end: 0, postponed: [], timer: undefined, inTransaction: false };
      states.set(engine, s);
    }
    return s;
  });

/** True while clients are paused (any type). */
export function clientsPaused(engine: Engine): boolean {
  return pauseState(engine).type !== PAUSE_OFF;
}

function applyExpiry(engine: Engine, s: PauseState): void {
  engine.expiryPaused = s.type !== PAUSE_OFF && !s.inTransaction;
}

/** Ends the pause if its time has passed (Redis's checkClientPauseTimeoutAndReturnIfPaused). */
function checkTimeout(engine: Engine, s: PauseState): void {
  if (s.type !== PAUSE_OFF && s.end < engine.now()) setType(engine, s, PAUSE_OFF, 0);
}

function setType(engine: Engine, s: PauseState, type: number, end: number): void {
  const old = s.type;
  s.type = type;
  s.end = type === PAUSE_OFF ? 0 : end;
  if (s.timer !== undefined) {
    clearTimeout(s.timer);
    s.timer = undefined;
  }
  if (type !== PAUSE_OFF) {
    const delay = Math.max(0, end - engine.now()) + 1;
    // A pause of days needs no timer now: the cron checks it too.
    if (delay < 0x7fffffff) s.timer = unrefTimeout(() => checkTimeout(engine, s), delay);
  }
  applyExpiry(engine, s);
  // Less restrictive than before: every held client gets re-processed.
  if (type < old) releasePostponed(engine, s);
}

/**
 * CLIENT PAUSE: pauses until `end` (ms) with `type`; a pause in progress
 * keeps the most restrictive type and the latest end, as Redis.
 */
export function pauseClients(engine: Engine, end: number, type: number): void {
  const s = pauseState(engine);
  if (s.type === PAUSE_OFF) s.inTransaction = false;
  const nextType = Math.max(s.type, type);
  const nextEnd = Math.max(s.end, end);
  // Redis drops a pause whose end has already passed.
  if (nextEnd < engine.now()) setType(engine, s, PAUSE_OFF, 0);
  else setType(engine, s, nextType, nextEnd);
  if (engine.nested > 0 && s.type !== PAUSE_OFF) {
    s.inTransaction = true;
    applyExpiry(engine, s);
  }
}

/** CLIENT UNPAUSE. */
export function unpauseClients(engine: Engine): void {
  const s = pauseState(engine);
  setType(engine, s, PAUSE_OFF, 0);
}

interface Postponed {
  argv: string[];
}

function releasePostponed(engine: Engine, s: PauseState): void {
  if (s.postponed.length === 0) return;
  const clients = s.postponed;
  s.postponed = [];
  for (const c of clients) {
    c.flags &= ~CLIENT_BLOCKED;
    engine.stats.blockedClients--;
  }
  // Redis re-processes unblocked clients from the event loop, not inside the
  // command that ended the pause.
  queueMicrotask(() => {
    for (const c of clients) {
      const p = c.ext.postponed as Postponed | undefined;
      c.ext.postponed = undefined;
      if (p === undefined || !engine.clients.has(c.id)) continue;
      // Another client's command may have blocked it again meanwhile.
      if (c.flags & CLIENT_BLOCKED) continue;
      engine.startBatch(c);
      engine.execute(c, p.argv);
      engine.endBatch();
      c.flush();
      if ((c.flags & CLIENT_BLOCKED) === 0) c.resume();
    }
  });
}

/**
 * While clients are paused: postpones `argv` of `c` when the pause applies
 * to it (Redis's blockPostponeClient) and returns true.
 */
export function postponeIfPaused(
  engine: Engine,
  s: PauseState,
  c: Client,
  cmd: Command,
  argv: string[],
): boolean {
  // Replicas (and monitors, which Redis flags as replicas) are never paused.
  if (c.flags & (CLIENT_REPLICA | CLIENT_MONITOR)) return false;
  checkTimeout(engine, s);
  if (s.type === PAUSE_OFF) return false;
  if (s.type === PAUSE_WRITE) {
    let bits = engine.hooks.commandFlags?.(c, cmd, argv) ?? cmd.bits;
    if (cmd.name === "exec" && cmd.parent === undefined) bits |= queuedFlags(c);
    if ((bits & (CMD_WRITE | CMD_MAY_REPLICATE)) === 0) return false;
  }
  c.ext.postponed = { argv } satisfies Postponed;
  c.flags |= CLIENT_BLOCKED;
  engine.stats.blockedClients++;
  s.postponed.push(c);
  return true;
}

/** After a top-level command: a pause set inside EXEC starts when the transaction ends. */
export function pauseAfterTransaction(engine: Engine, s: PauseState): void {
  s.inTransaction = false;
  applyExpiry(engine, s);
}

/** Installs the pause's cron check and cleanup (the check itself is in hot-path.ts). */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  const s = pauseState(engine);
  engine.hooks.cron.push(() => checkTimeout(engine, s));
  engine.hooks.clientClosed.push((c) => {
    const i = s.postponed.indexOf(c);
    if (i < 0) return;
    s.postponed.splice(i, 1);
    c.flags &= ~CLIENT_BLOCKED;
    engine.stats.blockedClients--;
  });
});
