/**
 * Client-side caching (Redis's tracking.c): keys read by tracking clients
 * are remembered; when one changes, those clients get an invalidation push
 * (RESP3) or a message on `__redis__:invalidate` at the client they redirect
 * to. BCAST clients get, once per event-loop turn, the keys changed under
 * their prefixes.
 *
 * @module
 */
import {
  type Client,
  CLIENT_CLOSED,
  CLIENT_MULTI,
  CLIENT_PUBSUB,
  CLIENT_TRACKING,
  CLIENT_TRACKING_BCAST,
  CLIENT_TRACKING_BROKEN_REDIR,
  CLIENT_TRACKING_CACHING,
  CLIENT_TRACKING_NOLOOP,
  CLIENT_TRACKING_OPTIN,
  CLIENT_TRACKING_OPTOUT,
} from "../core/client.ts";
import { CMD_PUBSUB, CMD_READONLY, type Command } from "../core/command.ts";
import type { Engine } from "../core/engine.ts";
import { keyPositions } from "./keys.ts";
import { deliverRaw } from "./pubsub.ts";
import { bulkFrame, pushRaw } from "./push.ts";

/** Keys changed under one BCAST prefix, with the client that changed each last (null: expiry). */
interface Bcast {
  keys: Map<string, Client | null>;
  clients: Set<Client>;
}

/** The engine's tracking state. */
export interface TrackingState {
  /** True once any client enabled tracking (Redis allocates the table then). */
  enabled: boolean;
  /** Key → ids of clients that may cache it. */
  table: Map<string, Set<number>>;
  totalItems: number;
  prefixes: Map<string, Bcast>;
  /** Invalidations for the running client, sent after its reply. */
  pending: Array<string | null>;
  pendingClient: Client | undefined;
  bcastScheduled: boolean;
  /** Rounds the table stayed over tracking-table-max-keys (eviction effort grows). */
  overLimitRounds: number;
  tracking: number;
}

/** A tracking client's options. */
interface ClientTracking {
  redirect: number;
  prefixes: Set<string>;
}

const CHANNEL = "__redis__:invalidate";
const TRACKING_OPTIONS = CLIENT_TRACKING | CLIENT_TRACKING_BROKEN_REDIR | CLIENT_TRACKING_BCAST |
  CLIENT_TRACKING_OPTIN | CLIENT_TRACKING_OPTOUT | CLIENT_TRACKING_CACHING |
  CLIENT_TRACKING_NOLOOP;

const states = new WeakMap<Engine, TrackingState>();

/** The engine's tracking state. */
export const trackingState =
  ((function eager() {})(), function trackingState(engine: Engine): TrackingState {
    let s = states.get(engine);
    if (s === undefined) {
      s = {
        enabled: false,
        table: new Map(),
        totalItems: 0,
        prefixes: new Map(),
        pending: [],
        pendingClient: undefined,
        bcastScheduled: false,
        overLimitRounds: 0,
        tracking: 0,
      };
      states.set(engine, s);
    }
    return s;
  });

function clientTracking(c: Client): ClientTracking {
  let t = c.ext.tracking as ClientTracking | undefined;
  if (t === undefined) {
    t = { redirect: 0, prefixes: new Set() };
    c.ext.tracking = t;
  }
  return t;
}

/** The client `c` redirects invalidations to (0: none), or -1 when tracking is off. */
export function trackingRedirect(c: Client): number {
  if ((c.flags & CLIENT_TRACKING) === 0) return -1;
  return clientTracking(c).redirect;
}

/** BCAST prefixes of `c`, sorted as Redis's radix tree lists them. */
export function trackingPrefixes(c: Client): string[] {
  const t = c.ext.tracking as ClientTracking | undefined;
  return t === undefined ? [] : [...t.prefixes].sort(byteOrder);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function updateStats(engine: Engine, s: TrackingState): void {
  const st = engine.stats;
  st.trackingClients = s.tracking;
  st.trackingTotalKeys = s.table.size;
  st.trackingTotalItems = s.totalItems;
  st.trackingTotalPrefixes = s.prefixes.size;
}

/** First prefix that overlaps another (one is a prefix of the other), for Redis's error. */
function overlaps(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

/**
 * Checks new BCAST prefixes against the client's and each other; returns
 * Redis's error text or undefined.
 */
export function prefixCollision(c: Client, prefixes: string[]): string | undefined {
  const mine = (c.ext.tracking as ClientTracking | undefined)?.prefixes;
  for (let i = 0; i < prefixes.length; i++) {
    if (mine !== undefined) {
      for (const p of [...mine].sort(byteOrder)) {
        if (overlaps(p, prefixes[i])) {
          return "ERR Prefix '" + prefixes[i] + "' overlaps with an existing prefix '" + p +
            "'. Prefixes for a single client must not overlap.";
        }
      }
    }
    for (let j = i + 1; j < prefixes.length; j++) {
      if (overlaps(prefixes[i], prefixes[j])) {
        return "ERR Prefix '" + prefixes[i] + "' overlaps with another provided prefix '" +
          prefixes[j] + "'. Prefixes for a single client must not overlap.";
      }
    }
  }
  return undefined;
}

/** CLIENT TRACKING ON with validated options (flags among OPTIN/OPTOUT/NOLOOP/BCAST). */
export function enableTracking(
  engine: Engine,
  c: Client,
  redirect: number,
  options: number,
  prefixes: string[],
): void {
  const s = trackingState(engine);
  if ((c.flags & CLIENT_TRACKING) === 0) s.tracking++;
  c.flags |= CLIENT_TRACKING;
  c.flags &= ~(CLIENT_TRACKING_BROKEN_REDIR | CLIENT_TRACKING_BCAST | CLIENT_TRACKING_OPTIN |
    CLIENT_TRACKING_OPTOUT | CLIENT_TRACKING_NOLOOP);
  const t = clientTracking(c);
  t.redirect = redirect;
  s.enabled = true;
  if (options & CLIENT_TRACKING_BCAST) {
    c.flags |= CLIENT_TRACKING_BCAST;
    if (prefixes.length === 0) prefixes = [""];
    for (const p of prefixes) {
      let bs = s.prefixes.get(p);
      if (bs === undefined) s.prefixes.set(p, bs = { keys: new Map(), clients: new Set() });
      bs.clients.add(c);
      t.prefixes.add(p);
    }
  }
  c.flags |= options & (CLIENT_TRACKING_OPTIN | CLIENT_TRACKING_OPTOUT | CLIENT_TRACKING_NOLOOP);
  updateStats(engine, s);
}

/** CLIENT TRACKING OFF (also RESET and disconnect). */
export function disableTracking(engine: Engine, c: Client): void {
  const s = trackingState(engine);
  const t = c.ext.tracking as ClientTracking | undefined;
  if (c.flags & CLIENT_TRACKING_BCAST && t !== undefined) {
    for (const p of t.prefixes) {
      const bs = s.prefixes.get(p);
      if (bs === undefined) continue;
      bs.clients.delete(c);
      if (bs.clients.size === 0) s.prefixes.delete(p);
    }
    t.prefixes.clear();
  }
  if (c.flags & CLIENT_TRACKING) {
    s.tracking--;
    c.flags &= ~TRACKING_OPTIONS;
  }
  updateStats(engine, s);
}

/**
 * Remembers the keys a read-only command of a tracking client fetched
 * (Redis's trackingRememberKeys). Scripts call it for their caller.
 */
export function rememberKeys(engine: Engine, c: Client, cmd: Command, argv: string[]): void {
  const f = c.flags;
  const optin = f & CLIENT_TRACKING_OPTIN;
  const optout = f & CLIENT_TRACKING_OPTOUT;
  const caching = f & CLIENT_TRACKING_CACHING;
  if ((optin && !caching) || (optout && caching)) return;
  const positions = keyPositions(cmd, argv);
  // Shard channels are keys for cluster routing only.
  if (positions.length === 0 || cmd.bits & CMD_PUBSUB) return;
  const s = trackingState(engine);
  for (const pos of positions) {
    const key = argv[pos];
    let ids = s.table.get(key);
    if (ids === undefined) s.table.set(key, ids = new Set());
    if (!ids.has(c.id)) {
      ids.add(c.id);
      s.totalItems++;
    }
  }
  updateStats(engine, s);
}

/** An array of one key, pre-encoded. */
function oneKey(key: string): string {
  return "*1\r\n" + bulkFrame(key);
}

/** The null a tracking client's protocol uses for "every key" (FLUSHDB/FLUSHALL). */
function nullFor(c: Client): string {
  return c.protocol === 3 ? "_\r\n" : "$-1\r\n";
}

/** Sends an invalidation (payload: pre-encoded keys array or null) for tracking client `c`. */
function sendTrackingMessage(engine: Engine, c: Client, payload: string): void {
  let target = c;
  let redirected = false;
  const redirect = clientTracking(c).redirect;
  if (redirect !== 0) {
    const r = engine.clients.get(redirect);
    if (r === undefined || r.flags & CLIENT_CLOSED) {
      c.flags |= CLIENT_TRACKING_BROKEN_REDIR;
      if (c.protocol === 3) {
        pushRaw(engine, c, ">2\r\n$21\r\ntracking-redir-broken\r\n:" + redirect + "\r\n");
      }
      return;
    }
    target = r;
    redirected = true;
  }
  if (target.protocol === 3) {
    pushRaw(engine, target, ">2\r\n$10\r\ninvalidate\r\n" + payload);
  } else if (redirected && target.flags & CLIENT_PUBSUB) {
    deliverRaw(engine, target, CHANNEL, payload);
  }
  // A RESP2 client without redirection cannot receive pushes.
}

/** Redis's trackingInvalidateKey: `modifier` is who changed the key (null: expiry, eviction). */
function invalidateKey(
  engine: Engine,
  s: TrackingState,
  modifier: Client | null,
  key: string,
  bcast: boolean,
): void {
  if (bcast && s.prefixes.size > 0) {
    for (const [prefix, bs] of s.prefixes) {
      if (key.startsWith(prefix)) bs.keys.set(key, modifier);
    }
    scheduleBroadcast(engine, s);
  }
  const ids = s.table.get(key);
  if (ids === undefined) return;
  const current = engine.current;
  for (const id of ids) {
    const target = engine.clients.get(id);
    if (
      target === undefined || (target.flags & CLIENT_TRACKING) === 0 ||
      target.flags & CLIENT_TRACKING_BCAST
    ) continue;
    if (target.flags & CLIENT_TRACKING_NOLOOP && target === modifier) continue;
    if (target === current) {
      // Sent after the command's reply, not inside it.
      s.pending.push(key);
      s.pendingClient = target;
    } else sendTrackingMessage(engine, target, oneKey(key));
  }
  s.totalItems -= ids.size;
  s.table.delete(key);
  updateStats(engine, s);
}

/** Sends the invalidations held for the client that just ran a command. */
export function flushPendingInvalidations(engine: Engine): void {
  const s = states.get(engine);
  if (s === undefined || s.pending.length === 0) return;
  const c = s.pendingClient!;
  const keys = s.pending;
  s.pending = [];
  s.pendingClient = undefined;
  if (c.flags & CLIENT_CLOSED) return;
  for (const key of keys) sendTrackingMessage(engine, c, key === null ? nullFor(c) : oneKey(key));
}

function scheduleBroadcast(engine: Engine, s: TrackingState): void {
  if (s.bcastScheduled) return;
  s.bcastScheduled = true;
  // Redis broadcasts from beforeSleep: once per event-loop turn, after the replies.
  queueMicrotask(() => {
    s.bcastScheduled = false;
    broadcast(engine, s);
  });
}

/** The keys array for a BCAST client; NOLOOP excludes the keys it changed itself. */
function keysArray(keys: string[], bs: Bcast, exclude: Client | null): string | undefined {
  let n = 0;
  let body = "";
  for (const key of keys) {
    if (exclude !== null && bs.keys.get(key) === exclude) continue;
    body += bulkFrame(key);
    n++;
  }
  return n === 0 ? undefined : "*" + n + "\r\n" + body;
}

/** Redis's trackingBroadcastInvalidationMessages. */
function broadcast(engine: Engine, s: TrackingState): void {
  if (s.tracking === 0) {
    for (const bs of s.prefixes.values()) bs.keys.clear();
    return;
  }
  const prefixes = [...s.prefixes.keys()].sort(byteOrder);
  for (const prefix of prefixes) {
    const bs = s.prefixes.get(prefix)!;
    if (bs.keys.size === 0) continue;
    const keys = [...bs.keys.keys()].sort(byteOrder);
    const common = keysArray(keys, bs, null)!;
    for (const c of bs.clients) {
      if (c.flags & CLIENT_TRACKING_NOLOOP) {
        const own = keysArray(keys, bs, c);
        if (own !== undefined) sendTrackingMessage(engine, c, own);
      } else sendTrackingMessage(engine, c, common);
    }
    bs.keys = new Map();
  }
}

/** Redis's trackingInvalidateKeysOnFlush: every tracking client learns that all keys changed. */
function invalidateAll(engine: Engine, s: TrackingState): void {
  if (s.tracking > 0) {
    const current = engine.current;
    for (const c of engine.clients.values()) {
      if ((c.flags & CLIENT_TRACKING) === 0) continue;
      if (c === current) {
        s.pending.push(null);
        s.pendingClient = c;
      } else sendTrackingMessage(engine, c, nullFor(c));
    }
  }
  s.table = new Map();
  s.totalItems = 0;
  updateStats(engine, s);
}

/** Redis's trackingLimitUsedSlots: evicts keys while the table passes tracking-table-max-keys. */
function limitUsedSlots(engine: Engine, s: TrackingState): void {
  if (!s.enabled) return;
  const max = Number(engine.config.get("tracking-table-max-keys") ?? 0);
  if (max === 0) return;
  if (s.table.size <= max) {
    s.overLimitRounds = 0;
    return;
  }
  let effort = 100 * (s.overLimitRounds + 1);
  for (const key of s.table.keys()) {
    if (effort-- <= 0) break;
    invalidateKey(engine, s, null, key, false);
    if (s.table.size <= max) {
      s.overLimitRounds = 0;
      return;
    }
  }
  s.overLimitRounds++;
}

const SCRIPT_RO = new Set(["eval_ro", "evalsha_ro", "fcall_ro"]);

/** A key changed (signalModifiedKey): invalidates it for the clients that may cache it. */
export function trackingKeyModified(engine: Engine, s: TrackingState, key: string): void {
  invalidateKey(engine, s, engine.expiring ? null : engine.current ?? null, key, true);
}

/**
 * After a command: remembers the keys a tracking client read, ends a
 * one-command CLIENT CACHING, and at the top level sends the invalidations
 * held for the client's own writes.
 */
export function trackingAfterCommand(
  engine: Engine,
  c: Client,
  cmd: Command,
  argv: string[],
): void {
  if (
    c.flags & CLIENT_TRACKING && (c.flags & CLIENT_TRACKING_BCAST) === 0 &&
    cmd.bits & CMD_READONLY && !SCRIPT_RO.has(cmd.name)
  ) rememberKeys(engine, c, cmd, argv);
  if (engine.nested !== 0) return;
  // CLIENT CACHING applies to the next command (or transaction) only.
  if (
    c.flags & CLIENT_TRACKING_CACHING && (c.flags & CLIENT_MULTI) === 0 &&
    (cmd.parent ?? cmd).name !== "client"
  ) c.flags &= ~CLIENT_TRACKING_CACHING;
  flushPendingInvalidations(engine);
}

/** Before each command (queued ones too), as Redis: keeps the table under tracking-table-max-keys. */
export function trackingBeforeCommand(engine: Engine, s: TrackingState): void {
  limitUsedSlots(engine, s);
}

/** Installs tracking's flush invalidation, cron and cleanup (the per-command parts are in hot-path.ts). */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  const s = trackingState(engine);
  engine.hooks.dbModified.push((_db, replacedWith) => {
    // SWAPDB does not invalidate (Redis signals flushes only).
    if (replacedWith !== undefined || !s.enabled) return;
    invalidateAll(engine, s);
  });
  engine.hooks.cron.push(() => {
    if (s.tracking !== 0) limitUsedSlots(engine, s);
  });
  engine.hooks.clientClosed.push((c) => {
    if (c.flags & CLIENT_TRACKING) disableTracking(engine, c);
    if (s.pendingClient === c) {
      s.pending = [];
      s.pendingClient = undefined;
    }
  });
});
