/**
 * The blocking-command framework (Redis's blocked.c for lists, sorted sets
 * and streams): a command that finds nothing to serve blocks its client on
 * keys with a deadline; writes that add data mark keys ready
 * (`engine.keyReady`); after each top-level command (EXEC and scripts count
 * as one) the ready keys serve their blocked clients first-come-first-served.
 * A blocked client's connection holds its next commands until it is
 * unblocked (served, timed out, CLIENT UNBLOCK) and forgets it on
 * disconnect.
 *
 * A blocking command does, in its handler:
 *
 * ```ts
 * const deadline = parseBlockTimeout(c, argv[argv.length - 1]);
 * if (deadline === undefined) return; // error replied
 * if (tryServe(c)) return; // data now: reply as the non-blocking form
 * if (!mayBlock(c)) return c.reply.nullArray(); // inside MULTI / scripts
 * blockOnKeys(c, { keys, deadline, serve: (c, key) => tryServeFrom(c, key) });
 * ```
 *
 * @module
 */
import {
  type Client,
  CLIENT_BLOCKED,
  CLIENT_CLOSED,
  CLIENT_DENY_BLOCKING,
} from "../core/client.ts";
import type { Engine } from "../core/engine.ts";
import { RedisError } from "../core/errors.ts";
import type { Database } from "../store/database.ts";
import { type Timer, unrefTimeout } from "./timers.ts";
import { flushPendingInvalidations } from "./tracking.ts";

/** What a blocked client waits for. */
export interface BlockRequest {
  /** Keys waited on, in the client's selected database. */
  keys: string[];
  /** Absolute deadline in ms from `engine.now()`; 0 waits forever. */
  deadline: number;
  /**
   * Called when `key` got data: serve the client if the key can (reply, and
   * do the write's effects: dirty, notifications, keyModified, propagation
   * with {@link propagate}) and return true; return false to go on waiting
   * (e.g. the key holds another type now).
   */
  serve(client: Client, key: string): boolean;
  /** The reply on timeout; a null array when omitted. */
  timeout?(client: Client): void;
}

interface Blocked {
  req: BlockRequest;
  db: Database;
  keys: string[];
  timer: Timer | undefined;
}

/** The engine's blocked clients and ready keys. */
export interface BlockingState {
  /** Blocked clients per key, per database index, in blocking order. */
  byKey: Map<string, Client[]>[];
  /** Keys that got data since the last serve round. */
  ready: Array<{ db: Database; key: string }>;
  readySet: Set<string>[];
  /** Databases whose every blocked key must be re-checked (SWAPDB). */
  rescan: Set<Database>;
  /** Clients blocked with a deadline (for the cron check). */
  timed: Set<Client>;
  serving: boolean;
}

const states = new WeakMap<Engine, BlockingState>();

/** The engine's blocking state. */
export const blockingState =
  ((function eager() {})(), function blockingState(engine: Engine): BlockingState {
    let s = states.get(engine);
    if (s === undefined) {
      s = {
        byKey: engine.dbs.map(() => new Map()),
        ready: [],
        readySet: engine.dbs.map(() => new Set()),
        rescan: new Set(),
        timed: new Set(),
        serving: false,
      };
      states.set(engine, s);
    }
    return s;
  });

/** True unless blocking commands must act as their non-blocking forms (MULTI/EXEC, scripts). */
export function mayBlock(c: Client): boolean {
  return (c.flags & CLIENT_DENY_BLOCKING) === 0 && c.engine.nested === 0;
}

/**
 * Parses a blocking timeout in seconds (decimals allowed, 0 = forever) into
 * an absolute deadline in ms, as Redis's getTimeoutFromObjectOrReply; on a
 * bad value replies the error and returns undefined.
 */
export function parseBlockTimeout(c: Client, arg: string): number | undefined {
  const v = parseLongDouble(arg);
  if (v === undefined) {
    c.reply.error("ERR timeout is not a float or out of range");
    return undefined;
  }
  const ms = Math.ceil(v * 1000);
  // Redis casts to a 64-bit integer: what does not fit comes out negative.
  if (ms < 0 || !(ms < 9223372036854775807)) {
    c.reply.error("ERR timeout is negative");
    return undefined;
  }
  if (ms === 0) return 0;
  return ms + c.engine.now();
}

/** strtold as Redis's string2ld accepts it: no spaces, no NaN, whole string. */
function parseLongDouble(s: string): number | undefined {
  if (s.length === 0 || s.length > 5120) return undefined;
  const c0 = s.charCodeAt(0);
  if (c0 === 32 || (c0 >= 9 && c0 <= 13)) return undefined;
  let t = s.toLowerCase();
  let sign = 1;
  if (t[0] === "+" || t[0] === "-") {
    if (t[0] === "-") sign = -1;
    t = t.slice(1);
  }
  if (t === "inf" || t === "infinity") return sign * Infinity;
  if (t.startsWith("0x")) {
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(t);
    if (m === null || (m[1] === "" && (m[2] ?? "") === "")) return undefined;
    let v = 0;
    for (const d of m[1]) v = v * 16 + parseInt(d, 16);
    let scale = 1 / 16;
    for (const d of m[2] ?? "") {
      v += parseInt(d, 16) * scale;
      scale /= 16;
    }
    if (m[3] !== undefined) v *= Math.pow(2, Number(m[3]));
    return sign * v;
  }
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isNaN(v) ? undefined : sign * v;
}

/** Blocks `c` on `req.keys` (its selected database) until served, timed out or unblocked. */
export function blockOnKeys(c: Client, req: BlockRequest): void {
  const engine = c.engine;
  const s = blockingState(engine);
  const db = c.db;
  const keys = [...new Set(req.keys)];
  const map = s.byKey[db.id];
  for (const key of keys) {
    let list = map.get(key);
    if (list === undefined) map.set(key, list = []);
    list.push(c);
  }
  const b: Blocked = { req, db, keys, timer: undefined };
  c.ext.blocked = b;
  c.flags |= CLIENT_BLOCKED;
  engine.stats.blockedClients++;
  if (req.deadline !== 0) {
    engine.stats.clientsInTimeoutTable++;
    s.timed.add(c);
    const delay = req.deadline - engine.now() + 1;
    if (delay < 0x7fffffff) {
      b.timer = unrefTimeout(() => checkTimeout(engine, c, b), Math.max(0, delay));
    }
  }
}

/** True when `c` waits on keys (not when it is only paused). */
export function blockedOnKeys(c: Client): boolean {
  return c.ext.blocked !== undefined && (c.flags & CLIENT_BLOCKED) !== 0;
}

/** Removes `c` from the waiting lists; its connection goes on in a microtask. */
function unblock(engine: Engine, c: Client, resume: boolean): void {
  const b = c.ext.blocked as Blocked | undefined;
  if (b === undefined) return;
  const s = blockingState(engine);
  c.ext.blocked = undefined;
  const map = s.byKey[b.db.id];
  for (const key of b.keys) {
    const list = map.get(key);
    if (list === undefined) continue;
    const i = list.indexOf(c);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) map.delete(key);
  }
  if (b.timer !== undefined) clearTimeout(b.timer);
  if (b.req.deadline !== 0) {
    engine.stats.clientsInTimeoutTable--;
    s.timed.delete(c);
  }
  c.flags &= ~CLIENT_BLOCKED;
  engine.stats.blockedClients--;
  if (!resume) return;
  // Redis processes unblocked clients from the event loop, not inside the
  // command that served them.
  queueMicrotask(() => {
    if (c.flags & CLIENT_CLOSED) return;
    c.flush();
    if ((c.flags & CLIENT_BLOCKED) === 0) c.resume();
  });
}

function checkTimeout(engine: Engine, c: Client, b: Blocked): void {
  if (c.ext.blocked !== b) return;
  if (b.req.deadline >= engine.now()) {
    // A manual clock did not move: the cron will check again.
    b.timer = undefined;
    return;
  }
  timeOut(engine, c, b);
}

function timeOut(engine: Engine, c: Client, b: Blocked): void {
  if (b.req.timeout !== undefined) b.req.timeout(c);
  else c.reply.nullArray();
  unblock(engine, c, true);
}

/**
 * CLIENT UNBLOCK: unblocks a client blocked on keys with its timeout reply,
 * or with an UNBLOCKED error; returns whether it was blocked.
 */
export function unblockClient(engine: Engine, id: number, error: boolean): boolean {
  const c = engine.clients.get(id);
  if (c === undefined || !blockedOnKeys(c)) return false;
  const b = c.ext.blocked as Blocked;
  if (error) {
    c.reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    unblock(engine, c, true);
  } else timeOut(engine, c, b);
  return true;
}

/** Sends `argv` to replication and AOF as if the client had run it (a served blocking command). */
export function propagate(engine: Engine, c: Client, argv: string[]): void {
  const feeds = engine.hooks.propagate;
  for (let i = 0; i < feeds.length; i++) feeds[i](c.db.id, argv, c);
}

/** Serves clients blocked on ready keys until no key is ready (Redis's handleClientsBlockedOnKeys). */
export function serveReadyKeys(engine: Engine): void {
  const s = blockingState(engine);
  if (s.serving) return;
  if (s.rescan.size > 0) {
    for (const db of s.rescan) {
      for (const key of s.byKey[db.id].keys()) {
        if (db.dict.has(key)) markReady(s, db, key);
      }
    }
    s.rescan.clear();
  }
  if (s.ready.length === 0) return;
  s.serving = true;
  const prevCurrent = engine.current;
  try {
    while (s.ready.length > 0) {
      const batch = s.ready;
      s.ready = [];
      for (const { db, key } of batch) {
        s.readySet[db.id].delete(key);
        const list = s.byKey[db.id].get(key);
        if (list === undefined) continue;
        for (const c of list.slice()) {
          const b = c.ext.blocked as Blocked | undefined;
          if (b === undefined || b.db !== db) continue;
          // The data is served in the blocked client's name (NOLOOP, pending invalidations).
          engine.current = c;
          let served: boolean;
          try {
            served = b.req.serve(c, key);
          } catch (e) {
            // An error from the serving code is the client's reply, as in a command.
            c.reply.error(e instanceof RedisError ? e.message : "ERR " + String(e));
            served = true;
          }
          engine.current = prevCurrent;
          if (!served) continue;
          unblock(engine, c, true);
          flushPendingInvalidations(engine);
        }
      }
    }
  } finally {
    engine.current = prevCurrent;
    s.serving = false;
  }
}

function markReady(s: BlockingState, db: Database, key: string): void {
  const set = s.readySet[db.id];
  if (set.has(key)) return;
  set.add(key);
  s.ready.push({ db, key });
}

/** Installs blocking: ready-key signalling, timeouts, cleanup (serving after commands is in hot-path.ts). */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  const s = blockingState(engine);
  engine.hooks.keyReady.push((db, key) => {
    if (s.byKey[db.id].has(key)) markReady(s, db, key);
  });
  engine.hooks.dbModified.push((db, replacedWith) => {
    // After SWAPDB a waited key may exist in the database that came in.
    if (db !== undefined && replacedWith !== undefined && s.byKey[db.id].size > 0) {
      s.rescan.add(db);
    }
  });
  engine.hooks.cron.push(() => {
    if (s.timed.size === 0) return;
    const now = engine.now();
    for (const c of [...s.timed]) {
      const b = c.ext.blocked as Blocked | undefined;
      if (b !== undefined && b.req.deadline < now) timeOut(engine, c, b);
    }
  });
  engine.hooks.clientClosed.push((c) => unblock(engine, c, false));
});
