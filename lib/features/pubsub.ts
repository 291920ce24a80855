/**
 * Pub/Sub: channel, pattern and shard channel subscriptions, message
 * delivery (also for keyspace notifications through `hooks.publish`) and the
 * RESP2 subscribed context, as Redis's pubsub.c.
 *
 * @module
 */
import { type Client, CLIENT_PUBSUB } from "../core/client.ts";
import type { Command } from "../core/command.ts";
import type { Engine } from "../core/engine.ts";
import { globMatch } from "../store/glob.ts";
import { beginPush, bulkFrame, endPush } from "./push.ts";

/** Subscribers by channel, pattern and shard channel; Sets keep subscription order. */
export interface PubSubState {
  channels: Map<string, Set<Client>>;
  patterns: Map<string, Set<Client>>;
  shardChannels: Map<string, Set<Client>>;
}

/** A client's subscriptions. */
export interface ClientSubscriptions {
  channels: Set<string>;
  /** Patterns in subscription order (Redis keeps a list). */
  patterns: string[];
  shardChannels: Set<string>;
}

const states = new WeakMap<Engine, PubSubState>();

/** The engine's pub/sub state. */
export const pubsubState =
  ((function eager() {})(), function pubsubState(engine: Engine): PubSubState {
    let s = states.get(engine);
    if (s === undefined) {
      s = { channels: new Map(), patterns: new Map(), shardChannels: new Map() };
      states.set(engine, s);
    }
    return s;
  });

/** A client's subscriptions, or undefined when it never subscribed. */
export function subscriptionsOf(c: Client): ClientSubscriptions | undefined {
  return c.ext.pubsub as ClientSubscriptions | undefined;
}

function subs(c: Client): ClientSubscriptions {
  let s = c.ext.pubsub as ClientSubscriptions | undefined;
  if (s === undefined) {
    s = { channels: new Set(), patterns: [], shardChannels: new Set() };
    c.ext.pubsub = s;
  }
  return s;
}

/** Channels plus patterns (the count SUBSCRIBE/PSUBSCRIBE replies, CLIENT LIST sub+psub). */
export function subscriptionCount(c: Client): number {
  const s = subscriptionsOf(c);
  return s === undefined ? 0 : s.channels.size + s.patterns.length;
}

/** Shard channels (SSUBSCRIBE's count, CLIENT LIST ssub). */
export function shardSubscriptionCount(c: Client): number {
  return subscriptionsOf(c)?.shardChannels.size ?? 0;
}

function updateStats(engine: Engine, st: PubSubState): void {
  engine.stats.pubsubChannels = st.channels.size;
  engine.stats.pubsubPatterns = st.patterns.size;
  engine.stats.pubsubShardChannels = st.shardChannels.size;
}

/** Writes `[kind, name, count]` (RESP2 array, RESP3 push); `name` null is a null bulk. */
function confirm(
  engine: Engine,
  c: Client,
  kind: string,
  name: string | null,
  count: number,
): void {
  if (!beginPush(c)) return;
  const r = c.reply;
  r.pushLen(3);
  r.bulk(kind);
  if (name === null) r.nullBulk();
  else r.bulk(name);
  r.int(count);
  endPush(engine, c);
}

/** SUBSCRIBE / SSUBSCRIBE of one channel. */
export function subscribeChannel(engine: Engine, c: Client, channel: string, shard: boolean): void {
  const st = pubsubState(engine);
  const mine = subs(c);
  const own = shard ? mine.shardChannels : mine.channels;
  if (!own.has(channel)) {
    own.add(channel);
    const map = shard ? st.shardChannels : st.channels;
    let set = map.get(channel);
    if (set === undefined) map.set(channel, set = new Set());
    set.add(c);
    updateStats(engine, st);
  }
  c.flags |= CLIENT_PUBSUB;
  confirm(
    engine,
    c,
    shard ? "ssubscribe" : "subscribe",
    channel,
    shard ? mine.shardChannels.size : mine.channels.size + mine.patterns.length,
  );
}

/** UNSUBSCRIBE / SUNSUBSCRIBE of one channel; returns whether it was subscribed. */
export function unsubscribeChannel(
  engine: Engine,
  c: Client,
  channel: string,
  shard: boolean,
  notify: boolean,
): boolean {
  const st = pubsubState(engine);
  const mine = subs(c);
  const own = shard ? mine.shardChannels : mine.channels;
  const had = own.delete(channel);
  if (had) {
    const map = shard ? st.shardChannels : st.channels;
    const set = map.get(channel);
    if (set !== undefined) {
      set.delete(c);
      if (set.size === 0) map.delete(channel);
    }
    updateStats(engine, st);
  }
  if (notify) {
    confirm(
      engine,
      c,
      shard ? "sunsubscribe" : "unsubscribe",
      channel,
      shard ? mine.shardChannels.size : mine.channels.size + mine.patterns.length,
    );
  }
  return had;
}

/** PSUBSCRIBE of one pattern. */
export function subscribePattern(engine: Engine, c: Client, pattern: string): void {
  const st = pubsubState(engine);
  const mine = subs(c);
  if (!mine.patterns.includes(pattern)) {
    mine.patterns.push(pattern);
    let set = st.patterns.get(pattern);
    if (set === undefined) st.patterns.set(pattern, set = new Set());
    set.add(c);
    updateStats(engine, st);
  }
  c.flags |= CLIENT_PUBSUB;
  confirm(engine, c, "psubscribe", pattern, mine.channels.size + mine.patterns.length);
}

/** PUNSUBSCRIBE of one pattern; returns whether it was subscribed. */
export function unsubscribePattern(
  engine: Engine,
  c: Client,
  pattern: string,
  notify: boolean,
): boolean {
  const st = pubsubState(engine);
  const mine = subs(c);
  const i = mine.patterns.indexOf(pattern);
  if (i >= 0) {
    mine.patterns.splice(i, 1);
    const set = st.patterns.get(pattern);
    if (set !== undefined) {
      set.delete(c);
      if (set.size === 0) st.patterns.delete(pattern);
    }
    updateStats(engine, st);
  }
  if (notify) {
    confirm(engine, c, "punsubscribe", pattern, mine.channels.size + mine.patterns.length);
  }
  return i >= 0;
}

/** Unsubscribes from every channel (or shard channel); replies once with null when there were none. */
export function unsubscribeAllChannels(
  engine: Engine,
  c: Client,
  shard: boolean,
  notify: boolean,
): number {
  const mine = subscriptionsOf(c);
  let count = 0;
  if (mine !== undefined) {
    const own = shard ? mine.shardChannels : mine.channels;
    for (const ch of [...own]) {
      if (unsubscribeChannel(engine, c, ch, shard, notify)) count++;
    }
  }
  if (notify && count === 0) {
    confirm(
      engine,
      c,
      shard ? "sunsubscribe" : "unsubscribe",
      null,
      shard ? shardSubscriptionCount(c) : subscriptionCount(c),
    );
  }
  return count;
}

/** Unsubscribes from every pattern; replies once with null when there were none. */
export function unsubscribeAllPatterns(engine: Engine, c: Client, notify: boolean): number {
  const mine = subscriptionsOf(c);
  let count = 0;
  if (mine !== undefined) {
    for (const p of [...mine.patterns]) {
      if (unsubscribePattern(engine, c, p, notify)) count++;
    }
  }
  if (notify && count === 0) confirm(engine, c, "punsubscribe", null, subscriptionCount(c));
  return count;
}

/** Leaves the subscribed context when nothing is left (after an unsubscribe command). */
export function leaveIfUnsubscribed(c: Client): void {
  if (subscriptionCount(c) + shardSubscriptionCount(c) === 0) c.flags &= ~CLIENT_PUBSUB;
}

/** Drops every subscription silently (RESET, disconnect). */
export function unsubscribeAll(engine: Engine, c: Client): void {
  if (subscriptionsOf(c) === undefined) return;
  unsubscribeAllChannels(engine, c, false, false);
  unsubscribeAllChannels(engine, c, true, false);
  unsubscribeAllPatterns(engine, c, false);
  c.flags &= ~CLIENT_PUBSUB;
}

/**
 * Writes a message of `n` elements whose encoding (`body`, without the
 * aggregate header) is shared by every receiver: only the header differs by
 * protocol (RESP2 array, RESP3 push).
 */
function deliver(engine: Engine, c: Client, n: number, body: string): void {
  if (!beginPush(c)) return;
  c.reply.pushLen(n);
  c.reply.rawString(body);
  endPush(engine, c);
}

/**
 * Publishes `message` on `channel` to channel subscribers and, unless
 * `shard`, to matching pattern subscribers; returns the number of receivers.
 */
export function publish(engine: Engine, channel: string, message: string, shard = false): number {
  const st = pubsubState(engine);
  let receivers = 0;
  const set = (shard ? st.shardChannels : st.channels).get(channel);
  if (set !== undefined) {
    const body = bulkFrame(shard ? "smessage" : "message") + bulkFrame(channel) +
      bulkFrame(message);
    for (const c of set) {
      deliver(engine, c, 3, body);
      receivers++;
    }
  }
  if (shard || st.patterns.size === 0) return receivers;
  for (const [pattern, clients] of st.patterns) {
    if (!globMatch(pattern, channel)) continue;
    const body = bulkFrame("pmessage") + bulkFrame(pattern) + bulkFrame(channel) +
      bulkFrame(message);
    for (const c of clients) {
      deliver(engine, c, 4, body);
      receivers++;
    }
  }
  return receivers;
}

/**
 * Writes a `message` on `channel` whose payload is pre-encoded protocol
 * (an array of keys, or a null, for `__redis__:invalidate`).
 */
export function deliverRaw(engine: Engine, c: Client, channel: string, payload: string): void {
  deliver(engine, c, 3, bulkFrame("message") + bulkFrame(channel) + payload);
}

const CONTEXT_ALLOWED = new Set([
  "ping",
  "subscribe",
  "ssubscribe",
  "unsubscribe",
  "sunsubscribe",
  "psubscribe",
  "punsubscribe",
  "quit",
  "reset",
]);

/**
 * The RESP2 subscribed context: only (un)subscribe commands, PING, QUIT and
 * RESET run; rejects others and returns true. For subscribed clients only.
 */
export function rejectInSubscribedContext(engine: Engine, c: Client, cmd: Command): boolean {
  if (c.protocol !== 2) return false;
  if (cmd.parent === undefined && CONTEXT_ALLOWED.has(cmd.name)) return false;
  engine.reject(
    c,
    "ERR Can't execute '" + cmd.fullName +
      "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
    cmd,
  );
  return true;
}

/** Installs pub/sub: the publish hook (keyspace notifications), cleanup (the context check is in hot-path.ts). */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  pubsubState(engine);
  engine.hooks.publish = (channel, message) => publish(engine, channel, message);
  engine.hooks.clientClosed.push((c) => unsubscribeAll(engine, c));
});
