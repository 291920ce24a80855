/**
 * Shared pieces of the client compatibility tests: one server per target
 * (Ferrous under Deno, under Bun, and real redis-server, which checks the
 * expectations themselves), the command families a client exercises, and
 * skips for families Ferrous does not have yet (on Ferrous only: the same
 * test still runs against redis-server).
 *
 * A family's tests run as soon as Ferrous has every command the family
 * lists in {@link FAMILIES}; nothing else needs to change.
 *
 * @module
 */
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { needsCommands } from "../helpers/commands.ts";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { startTarget, type Target, targets } from "../e2e/harness.ts";

export { startTarget, type Target, targets };

/** The commands each family's tests use. */
export const FAMILIES = {
  strings: ["set", "get", "incr", "incrbyfloat", "append", "getrange", "mset", "mget", "getdel"],
  keyspace: ["exists", "del", "type", "expire", "ttl", "pttl", "persist", "rename", "scan"],
  hashes: ["hset", "hget", "hgetall", "hmget", "hincrby", "hincrbyfloat", "hdel", "hscan"],
  lists: ["lpush", "rpush", "lrange", "lpop", "rpop", "linsert", "lpos", "lmove", "blpop"],
  sets: ["sadd", "smembers", "sismember", "smismember", "sinter", "sunion", "sdiff", "srem"],
  zsets: ["zadd", "zrange", "zscore", "zincrby", "zrank", "zrangebyscore", "zpopmin", "zmscore"],
  streams: ["xadd", "xlen", "xrange", "xrevrange", "xread", "xgroup", "xreadgroup", "xack"],
  pubsub: ["subscribe", "psubscribe", "unsubscribe", "publish", "pubsub"],
  transactions: ["multi", "exec", "discard", "watch", "unwatch"],
} as const;

export type FamilyName = keyof typeof FAMILIES;

/** Where a test runs, for titles. */
export function targetLabel(target: Target): string {
  return target === "redis" ? "redis-server" : `Ferrous on ${target}`;
}

/** Options for a test of `family` against `target`: skipped on Ferrous while it lacks a command. */
export function family(
  target: Target,
  name: FamilyName,
  ...extra: string[]
): { skip?: string; timeout: number } {
  const skip = target === "redis" ? undefined : needsCommands(...FAMILIES[name], ...extra);
  return skip === undefined ? { timeout: SLOW_TEST_MS } : { skip, timeout: SLOW_TEST_MS };
}

/**
 * Starts `target`'s server before the tests of the enclosing `describe`
 * and stops it after them; the returned function gives the server.
 */
export function useServer(target: Target, args: string[] = []): () => ServerHandle {
  let server: ServerHandle | undefined;
  before(async () => {
    server = await startTarget(target, args);
  });
  after(async () => {
    await server?.stop();
  });
  return () => {
    assert.ok(server, "the server did not start");
    return server;
  };
}

/** Resolves with `p`'s value, or rejects after `ms` naming `what` (a message that never comes). */
export function within<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A reply awaited later (a blocked command's): if the test fails first and
 * closes the connection, its rejection is not reported as unhandled in
 * whatever test runs next.
 */
export function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Collects events until `n` arrived; `push` is the listener to register. */
export function collector<T>(n: number): { push: (v: T) => void; done: Promise<T[]> } {
  const got: T[] = [];
  let resolve!: (v: T[]) => void;
  const done = new Promise<T[]>((r) => (resolve = r));
  return {
    push(v: T) {
      got.push(v);
      if (got.length === n) resolve(got);
    },
    done,
  };
}

/** Sorted copy (set members and scan results come in no fixed order). */
export function sorted<T>(items: Iterable<T>): T[] {
  return [...items].sort();
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until the server counts a blocked client (INFO's blocked_clients),
 * so that the command meant to serve a blocking one is sent after it.
 */
export async function untilBlocked(info: () => Promise<string>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const m = /blocked_clients:(\d+)/.exec(await info());
    if (m !== null && Number(m[1]) > 0) return;
    await sleep(5);
  }
  throw new Error("no client blocked within 2 s");
}
