/**
 * MULTI/EXEC/WATCH as Redis's multi.c: commands after MULTI are queued (an
 * interceptor answers QUEUED), a rejected command dooms the transaction
 * (EXECABORT), and WATCHed keys touched by anyone (writes, expiry, flushes,
 * SWAPDB) make EXEC return a null array.
 *
 * @module
 */
import {
  type Client,
  CLIENT_DENY_BLOCKING,
  CLIENT_DIRTY_CAS,
  CLIENT_DIRTY_EXEC,
  CLIENT_MULTI,
} from "../core/client.ts";
import { CMD_NO_MULTI, type Command } from "../core/command.ts";
import type { Engine } from "../core/engine.ts";
import type { Database } from "../store/database.ts";
import { feedMonitors } from "./monitor.ts";

/** A queued command. */
interface Queued {
  cmd: Command;
  argv: string[];
}

/** A client's MULTI state. */
interface MultiState {
  queue: Queued[];
  /** OR of the queued commands' flag bits (Redis's mstate.cmd_flags). */
  flags: number;
  /** OR of the complements (Redis's mstate.cmd_inv_flags). */
  invFlags: number;
  /** Bytes of queued arguments (CLIENT LIST multi-mem). */
  argvBytes: number;
}

/** One WATCHed key of one client. */
interface WatchedKey {
  client: Client;
  db: Database;
  key: string;
  /** The key was logically expired when WATCH ran. */
  expired: boolean;
}

/** The engine's WATCH table. */
export interface TxState {
  /** Watchers per key, per database index. */
  watched: Map<string, WatchedKey[]>[];
  /** Number of WatchedKey entries, for a fast exit on writes. */
  count: number;
}

const states = new WeakMap<Engine, TxState>();

/** The engine's WATCH table. */
export const txState = ((function eager() {})(), function txState(engine: Engine): TxState {
  let s = states.get(engine);
  if (s === undefined) {
    s = { watched: engine.dbs.map(() => new Map()), count: 0 };
    states.set(engine, s);
  }
  return s;
});

function multiState(c: Client): MultiState {
  let m = c.ext.multi as MultiState | undefined;
  if (m === undefined) {
    m = { queue: [], flags: 0, invFlags: 0, argvBytes: 0 };
    c.ext.multi = m;
  }
  return m;
}

function watchedOf(c: Client): WatchedKey[] | undefined {
  return c.ext.watched as WatchedKey[] | undefined;
}

/** Number of queued commands, or -1 outside MULTI (CLIENT LIST `multi`). */
export function queuedCount(c: Client): number {
  if ((c.flags & CLIENT_MULTI) === 0) return -1;
  return (c.ext.multi as MultiState | undefined)?.queue.length ?? 0;
}

/** Memory held by queued commands (CLIENT LIST `multi-mem`, approximately). */
export function queuedMemory(c: Client): number {
  const m = c.ext.multi as MultiState | undefined;
  const w = watchedOf(c);
  return (m === undefined ? 0 : m.argvBytes + m.queue.length * 40) +
    (w === undefined ? 0 : w.length * 56);
}

/** OR of the flag bits of the commands queued by `c` (EXEC's flags for pause, OOM, replicas). */
export function queuedFlags(c: Client): number {
  return (c.ext.multi as MultiState | undefined)?.flags ?? 0;
}

/** OR of the complements of the queued commands' flag bits. */
export function queuedInvFlags(c: Client): number {
  return (c.ext.multi as MultiState | undefined)?.invFlags ?? 0;
}

/** Number of keys `c` watches. */
export function watchCount(c: Client): number {
  return watchedOf(c)?.length ?? 0;
}

function keyIsExpired(engine: Engine, db: Database, key: string): boolean {
  const when = db.expires.get(key);
  return when !== undefined && when <= engine.now();
}

/** MULTI: enters the transaction state. Returns false when already in it. */
export function beginMulti(c: Client): boolean {
  if (c.flags & CLIENT_MULTI) return false;
  c.flags |= CLIENT_MULTI;
  return true;
}

/** Leaves MULTI, forgets the queue and the WATCHes (Redis's discardTransaction). */
export function discardTransaction(engine: Engine, c: Client): void {
  const m = c.ext.multi as MultiState | undefined;
  if (m !== undefined) {
    m.queue = [];
    m.flags = 0;
    m.invFlags = 0;
    m.argvBytes = 0;
  }
  c.flags &= ~(CLIENT_MULTI | CLIENT_DIRTY_CAS | CLIENT_DIRTY_EXEC);
  unwatchAll(engine, c);
}

/** WATCH of one key in the client's database. */
export function watchKey(engine: Engine, c: Client, key: string): void {
  const db = c.db;
  let mine = watchedOf(c);
  if (mine !== undefined) {
    for (let i = 0; i < mine.length; i++) {
      if (mine[i].db === db && mine[i].key === key) return;
    }
  } else {
    mine = [];
    c.ext.watched = mine;
  }
  const st = txState(engine);
  const map = st.watched[db.id];
  let list = map.get(key);
  if (list === undefined) map.set(key, list = []);
  const wk: WatchedKey = {
    client: c,
    db,
    key,
    expired: db.dict.has(key) && keyIsExpired(engine, db, key),
  };
  mine.push(wk);
  list.push(wk);
  st.count++;
}

/** Forgets every key `c` watches (the DIRTY_CAS flag is the caller's business). */
export function unwatchAll(engine: Engine, c: Client): void {
  const mine = watchedOf(c);
  if (mine === undefined || mine.length === 0) return;
  const st = txState(engine);
  for (const wk of mine) {
    const map = st.watched[wk.db.id];
    const list = map.get(wk.key);
    if (list === undefined) continue;
    const i = list.indexOf(wk);
    if (i >= 0) {
      list.splice(i, 1);
      st.count--;
    }
    if (list.length === 0) map.delete(wk.key);
  }
  mine.length = 0;
}

/** True when a watched key (not already expired at WATCH time) has expired since. */
function watchedKeyExpired(engine: Engine, c: Client): boolean {
  const mine = watchedOf(c);
  if (mine === undefined) return false;
  for (const wk of mine) {
    if (!wk.expired && keyIsExpired(engine, wk.db, wk.key)) return true;
  }
  return false;
}

/** Redis's touchWatchedKey: a watched key changed. */
export function touchWatchedKey(engine: Engine, st: TxState, db: Database, key: string): void {
  const list = st.watched[db.id]?.get(key);
  if (list === undefined) return;
  for (const wk of list.slice()) {
    if (wk.expired) {
      if (!db.dict.has(key)) {
        // The stale key is gone: logically nothing changed.
        wk.expired = false;
        continue;
      }
      // Redis 7.0 stops here: a stale key written again does not fail EXEC.
      break;
    }
    wk.client.flags |= CLIENT_DIRTY_CAS;
    // Dirty already: no need to watch anything until EXEC.
    unwatchAll(engine, wk.client);
  }
}

/** Redis's touchAllWatchedKeysInDb, called before `emptied` is flushed or swapped. */
function touchAllInDb(engine: Engine, emptied: Database, replacedWith: Database | undefined): void {
  const map = txState(engine).watched[emptied.id];
  if (map === undefined || map.size === 0) return;
  for (const [key, list] of map) {
    const existsInEmptied = emptied.dict.has(key);
    const existsInReplacement = replacedWith !== undefined && replacedWith.dict.has(key);
    if (!existsInEmptied && !existsInReplacement) continue;
    for (const wk of list) {
      if (wk.expired) {
        if (!existsInReplacement) {
          wk.expired = false;
          continue;
        } else if (keyIsExpired(engine, replacedWith!, key)) {
          continue;
        }
      } else if (!existsInEmptied && keyIsExpired(engine, replacedWith!, key)) {
        wk.expired = true;
        continue;
      }
      wk.client.flags |= CLIENT_DIRTY_CAS;
    }
  }
}

/** Queues a command inside MULTI, as Redis's queueMultiCommand. */
function queue(c: Client, cmd: Command, argv: string[]): void {
  // An aborted transaction does not keep commands it will never run.
  if (c.flags & (CLIENT_DIRTY_CAS | CLIENT_DIRTY_EXEC)) return;
  const m = multiState(c);
  m.queue.push({ cmd, argv });
  const bits = c.engine.hooks.commandFlags?.(c, cmd, argv) ?? cmd.bits;
  m.flags |= bits;
  m.invFlags |= ~bits;
  for (let i = 0; i < argv.length; i++) m.argvBytes += argv[i].length;
}

/** Commands that run at once inside MULTI instead of being queued. */
const NOT_QUEUED = new Set(["exec", "discard", "multi", "watch", "quit", "reset"]);

/**
 * EXEC: runs the queue, or answers EXECABORT (queueing errors) or a null
 * array (a watched key changed).
 */
export function exec(engine: Engine, c: Client): void {
  const r = c.reply;
  if ((c.flags & CLIENT_MULTI) === 0) return r.error("ERR EXEC without MULTI");
  if (watchedKeyExpired(engine, c)) c.flags |= CLIENT_DIRTY_CAS;
  if (c.flags & (CLIENT_DIRTY_CAS | CLIENT_DIRTY_EXEC)) {
    if (c.flags & CLIENT_DIRTY_EXEC) {
      r.error("EXECABORT Transaction discarded because of previous errors.");
    } else r.nullArray();
    discardTransaction(engine, c);
    return;
  }
  const oldFlags = c.flags;
  // Blocking commands act as their non-blocking forms inside EXEC.
  c.flags |= CLIENT_DENY_BLOCKING;
  unwatchAll(engine, c);
  const queued = multiState(c).queue;
  engine.nested++;
  try {
    r.arrayLen(queued.length);
    for (let i = 0; i < queued.length; i++) engine.call(c, queued[i].cmd, queued[i].argv);
  } finally {
    engine.nested--;
    if ((oldFlags & CLIENT_DENY_BLOCKING) === 0) c.flags &= ~CLIENT_DENY_BLOCKING;
    discardTransaction(engine, c);
  }
}

/**
 * Inside MULTI: refuses a no_multi command (returns true), as Redis right
 * after authentication.
 */
export function rejectNoMulti(engine: Engine, c: Client, cmd: Command): boolean {
  if ((cmd.bits & CMD_NO_MULTI) === 0) return false;
  engine.reject(c, "ERR Command not allowed inside a transaction", cmd);
  return true;
}

/** Inside MULTI: queues the command and answers QUEUED (returns true), unless it runs at once. */
export function queueInMulti(c: Client, cmd: Command, argv: string[]): boolean {
  if (cmd.parent === undefined && NOT_QUEUED.has(cmd.name)) return false;
  queue(c, cmd, argv);
  c.reply.simple("QUEUED");
  return true;
}

/** Installs transactions: flush/swap invalidation, the rejection hook, cleanup (the rest is in hot-path.ts). */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  txState(engine);
  engine.hooks.rejectInMulti = (c, message, cmd) => {
    if (c.flags & CLIENT_MULTI) c.flags |= CLIENT_DIRTY_EXEC;
    if (cmd === undefined || cmd.parent !== undefined || cmd.name !== "exec") return false;
    discardTransaction(engine, c);
    // Redis's reason has no "ERR " (it is added by the error reply); other codes stay.
    if (message.charCodeAt(0) === 45) message = message.slice(1);
    if (message.startsWith("ERR ")) message = message.slice(4);
    c.reply.error("EXECABORT Transaction discarded because of: " + message);
    // MONITOR saw MULTI: show EXEC so the transaction reads as closed.
    feedMonitors(engine, c, ["exec"]);
    return true;
  };
  engine.hooks.dbModified.push((db, replacedWith) => {
    if (txState(engine).count === 0) return;
    if (db !== undefined) touchAllInDb(engine, db, replacedWith);
    else for (const d of engine.dbs) touchAllInDb(engine, d, undefined);
  });
  engine.hooks.clientClosed.push((c) => discardTransaction(engine, c));
});
