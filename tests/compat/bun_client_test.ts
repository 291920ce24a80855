// deno-lint-ignore-file no-explicit-any -- Bun.RedisClient has no types outside Bun.
/**
 * Bun's built-in RedisClient (only when the tests run under Bun) against
 * Ferrous (under Deno and Bun) and real redis-server. It speaks RESP3 only
 * and builds its JS values from RESP3 types (maps as objects, doubles as
 * numbers, booleans), so its shapes check the RESP3 encoding. Typed methods
 * for each family, pub/sub with listeners, MULTI/EXEC and WATCH through
 * `send`, and its automatic pipelining.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  collector,
  family,
  type FamilyName,
  later,
  sorted,
  type Target,
  targetLabel,
  targets,
  untilBlocked,
  useServer,
  within,
} from "./support.ts";

const BunGlobal = (globalThis as any).Bun;
const UNAVAILABLE = BunGlobal?.RedisClient ? undefined : "Bun.RedisClient exists only under Bun";

/** Test options: skipped outside Bun, and on Ferrous while it lacks the family. */
function options(target: Target, name: FamilyName, ...extra: string[]) {
  return UNAVAILABLE ? { skip: UNAVAILABLE } : family(target, name, ...extra);
}

for (const target of targets()) {
  describe(`Bun.RedisClient compat: ${targetLabel(target)}`, () => {
    // Under Deno nothing here runs: no server either.
    const server = UNAVAILABLE ? () => ({ port: 0 }) : useServer(target);
    const open: any[] = [];
    const connect = async (): Promise<any> => {
      const c = new BunGlobal.RedisClient(`redis://127.0.0.1:${server().port}`, {
        autoReconnect: false,
        enableOfflineQueue: false,
      });
      open.push(c);
      await c.connect();
      return c;
    };
    const closeAll = () => {
      for (const c of open.splice(0)) c.close();
    };
    const keys = (test: string) => (name: string) => `bun:${test}:${name}`;

    it("strings", options(target, "strings"), async () => {
      const key = keys("strings");
      const c = await connect();
      try {
        assert.equal(await c.set(key("s"), "hello", "EX", "100"), "OK");
        assert.equal(await c.get(key("s")), "hello");
        assert.equal(await c.ttl(key("s")), 100);
        assert.equal(await c.append(key("s"), " world"), 11);
        assert.equal(await c.getrange(key("s"), 0, 4), "hello");
        assert.equal(await c.incr(key("n")), 1);
        assert.equal(await c.incrby(key("n"), 9), 10);
        assert.equal(await c.incrbyfloat(key("n"), 0.5), "10.5");
        assert.equal(await c.mset(key("a"), "1", key("b"), "2"), "OK");
        assert.deepEqual(await c.mget(key("a"), key("b"), key("none")), ["1", "2", null]);
        assert.equal(await c.getdel(key("a")), "1");
        assert.equal(await c.exists(key("a")), false);
        assert.deepEqual([...await c.getBuffer(key("b"))], [50]);
        await assert.rejects(c.incr(key("s")), /ERR value is not an integer or out of range/);
      } finally {
        closeAll();
      }
    });

    it("keys and expiry", options(target, "keyspace"), async () => {
      const key = keys("keyspace");
      const c = await connect();
      try {
        for (let i = 0; i < 12; i++) await c.set(key(`k${i}`), String(i));
        assert.equal(await c.type(key("k1")), "string");
        assert.equal(await c.expire(key("k1"), 30), 1);
        assert.equal(await c.ttl(key("k1")), 30);
        assert.equal(await c.persist(key("k1")), 1);
        assert.equal(await c.ttl(key("k1")), -1);
        assert.equal(await c.rename(key("k2"), key("moved")), "OK");
        assert.equal(await c.del(key("moved"), key("none")), 1);
        const seen = new Set<string>();
        let cursor = "0";
        do {
          const [next, batch] = await c.scan(cursor, "MATCH", key("k*"), "COUNT", "5");
          cursor = next;
          for (const k of batch) seen.add(k);
        } while (cursor !== "0");
        assert.equal(seen.size, 11);
        assert.deepEqual(sorted(await c.keys(key("k1*"))), [key("k1"), key("k10"), key("k11")]);
      } finally {
        closeAll();
      }
    });

    it("hashes", options(target, "hashes"), async () => {
      const key = keys("hashes");
      const c = await connect();
      try {
        const h = key("h");
        assert.equal(await c.hset(h, "name", "ferrous", "n", "1", "f", "1.5"), 3);
        assert.equal(await c.hget(h, "name"), "ferrous");
        assert.deepEqual({ ...(await c.hgetall(h)) }, { name: "ferrous", n: "1", f: "1.5" });
        assert.deepEqual({ ...(await c.hgetall(key("none"))) }, {});
        assert.deepEqual(await c.hmget(h, ["n", "none"]), ["1", null]);
        assert.equal(await c.hincrby(h, "n", 4), 5);
        assert.equal(await c.hincrbyfloat(h, "f", 1), "2.5");
        assert.equal(await c.hexists(h, "n"), true);
        assert.equal(await c.hlen(h), 3);
        assert.deepEqual(await c.hkeys(h), ["name", "n", "f"]);
        assert.deepEqual(await c.hvals(h), ["ferrous", "5", "2.5"]);
        assert.equal(await c.hdel(h, "n"), 1);
      } finally {
        closeAll();
      }
    });

    it("lists and blocking pops", options(target, "lists"), async () => {
      const key = keys("lists");
      const c = await connect();
      const blocked = await connect();
      try {
        const l = key("l");
        assert.equal(await c.rpush(l, "b", "c"), 2);
        assert.equal(await c.lpush(l, "a"), 3);
        assert.deepEqual(await c.lrange(l, 0, -1), ["a", "b", "c"]);
        assert.equal(await c.lindex(l, 1), "b");
        assert.equal(await c.llen(l), 3);
        assert.equal(await c.lpop(l), "a");
        assert.equal(await c.rpop(l), "c");
        const pop = later(blocked.blpop(key("q"), 5));
        await untilBlocked(() => c.info("clients"));
        assert.equal(await c.rpush(key("q"), "job"), 1);
        assert.deepEqual(await within(pop, "BLPOP"), [key("q"), "job"]);
      } finally {
        closeAll();
      }
    });

    it("sets", options(target, "sets"), async () => {
      const key = keys("sets");
      const c = await connect();
      try {
        assert.equal(await c.sadd(key("a"), "x", "y", "z"), 3);
        assert.equal(await c.sadd(key("b"), "y", "z", "w"), 3);
        assert.deepEqual(sorted(await c.smembers(key("a"))), ["x", "y", "z"]);
        assert.equal(await c.sismember(key("a"), "x"), true);
        assert.equal(await c.sismember(key("a"), "w"), false);
        assert.deepEqual(sorted(await c.sinter(key("a"), key("b"))), ["y", "z"]);
        assert.deepEqual(sorted(await c.sunion(key("a"), key("b"))), ["w", "x", "y", "z"]);
        assert.deepEqual(await c.sdiff(key("a"), key("b")), ["x"]);
        assert.equal(await c.srem(key("a"), "x"), 1);
        assert.equal(await c.scard(key("a")), 2);
      } finally {
        closeAll();
      }
    });

    it("sorted sets", options(target, "zsets"), async () => {
      const key = keys("zsets");
      const c = await connect();
      try {
        const z = key("z");
        assert.equal(await c.zadd(z, 1, "a", 2.5, "b", 3, "c"), 3);
        assert.deepEqual(await c.zrange(z, 0, -1), ["a", "b", "c"]);
        assert.deepEqual(await c.zrange(z, 0, 1, "WITHSCORES"), [["a", 1], ["b", 2.5]]);
        assert.equal(await c.zscore(z, "b"), 2.5);
        assert.equal(await c.zscore(z, "none"), null);
        assert.equal(await c.zincrby(z, 0.25, "c"), 3.25);
        assert.equal(await c.zrank(z, "c"), 2);
        assert.equal(await c.zcard(z), 3);
        assert.deepEqual(await c.zpopmin(z), ["a", 1]);
        assert.deepEqual(await c.zpopmax(z, 2), [["c", 3.25], ["b", 2.5]]);
      } finally {
        closeAll();
      }
    });

    it("streams", options(target, "streams"), async () => {
      const key = keys("streams");
      const c = await connect();
      try {
        const s = key("s");
        assert.equal(await c.xadd(s, "1-1", "f", "v1"), "1-1");
        assert.equal(await c.xadd(s, "1-2", "f", "v2"), "1-2");
        assert.equal(await c.xlen(s), 2);
        const both = [["1-1", ["f", "v1"]], ["1-2", ["f", "v2"]]];
        assert.deepEqual(await c.xrange(s, "-", "+"), both);
        assert.deepEqual({ ...(await c.xread("COUNT", "1", "STREAMS", s, "0")) }, {
          [s]: [both[0]],
        });
        assert.equal(await c.xgroup("CREATE", s, "g", "0"), "OK");
        assert.deepEqual(
          { ...(await c.xreadgroup("GROUP", "g", "c1", "STREAMS", s, ">")) },
          { [s]: both },
        );
        assert.equal(await c.xack(s, "g", "1-1", "1-2"), 2);
      } finally {
        closeAll();
      }
    });

    it("pub/sub", options(target, "pubsub"), async () => {
      const key = keys("pubsub");
      const c = await connect();
      const sub = await connect();
      try {
        const ch = key("ch");
        const messages = collector<[string, string]>(2);
        assert.equal(
          await sub.subscribe(ch, (m: string, channel: string) => messages.push([channel, m])),
          1,
        );
        assert.deepEqual(await c.send("PUBSUB", ["NUMSUB", ch]), [ch, 1]);
        assert.equal(await c.publish(ch, "hello"), 1);
        assert.equal(await c.publish(ch, "again"), 1);
        assert.deepEqual(await within(messages.done, "messages"), [[ch, "hello"], [ch, "again"]]);
        await sub.unsubscribe(ch);
        assert.deepEqual(await c.send("PUBSUB", ["NUMSUB", ch]), [ch, 0]);
      } finally {
        closeAll();
      }
    });

    it("MULTI/EXEC and WATCH through send", options(target, "transactions"), async () => {
      const key = keys("tx");
      const c = await connect();
      const other = await connect();
      try {
        const k = key("k");
        assert.equal(await c.send("MULTI", []), "OK");
        assert.equal(await c.send("SET", [k, "1"]), "QUEUED");
        assert.equal(await c.send("INCR", [k]), "QUEUED");
        assert.deepEqual(await c.send("EXEC", []), ["OK", 2]);
        assert.equal(await c.send("WATCH", [k]), "OK");
        assert.equal(await other.set(k, "theirs"), "OK");
        assert.equal(await c.send("MULTI", []), "OK");
        assert.equal(await c.send("SET", [k, "mine"]), "QUEUED");
        assert.equal(await c.send("EXEC", []), null);
        assert.equal(await c.get(k), "theirs");
        assert.equal(await c.send("MULTI", []), "OK");
        await assert.rejects(c.send("SET", [k]), /ERR wrong number of arguments for 'set' command/);
        await assert.rejects(
          c.send("EXEC", []),
          /EXECABORT Transaction discarded because of previous errors/,
        );
      } finally {
        closeAll();
      }
    });

    it("automatic pipelining", options(target, "strings"), async () => {
      const key = keys("pipeline");
      const c = await connect();
      try {
        const sets = await Promise.all(
          Array.from({ length: 500 }, (_, i) => c.set(key(`p${i}`), String(i))),
        );
        assert.equal(sets.filter((r: string) => r === "OK").length, 500);
        assert.deepEqual(
          await Promise.all(Array.from({ length: 500 }, (_, i) => c.get(key(`p${i}`)))),
          Array.from({ length: 500 }, (_, i) => String(i)),
        );
      } finally {
        closeAll();
      }
    });
  });
}
