/**
 * node-redis (`redis` v6)'s everyday API against Ferrous (under Deno and
 * Bun) and real redis-server, over RESP2 and RESP3: its typed, camel-cased
 * commands and the shapes it builds from replies (objects from maps and
 * pairs, numbers from doubles), scan iterators, pub/sub listeners (RESP3
 * push messages on the same connection), MULTI/EXEC with WATCH, and
 * pipelines, and its RESP3 client-side cache (CLIENT TRACKING with
 * invalidation pushes from another client's writes and FLUSHALL).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BasicClientSideCache, createClient, WatchError } from "redis";
import {
  collector,
  family,
  later,
  sorted,
  targetLabel,
  targets,
  untilBlocked,
  useServer,
  within,
} from "./support.ts";

const newClient = (port: number, RESP: 2 | 3) =>
  createClient({ socket: { port, host: "127.0.0.1", reconnectStrategy: false }, RESP });
type Client = ReturnType<typeof newClient>;

for (const target of targets()) {
  describe(`node-redis compat: ${targetLabel(target)}`, () => {
    const server = useServer(target);

    for (const RESP of [2, 3] as const) {
      const open: Client[] = [];
      const connect = async (): Promise<Client> => {
        const c = newClient(server().port, RESP);
        c.on("error", () => {});
        open.push(c);
        await c.connect();
        return c;
      };
      const closeAll = () => {
        for (const c of open.splice(0)) {
          try {
            c.destroy();
          } catch { /* closed already */ }
        }
      };
      const keys = (test: string) => (name: string) => `nr:${RESP}:${test}:${name}`;
      const title = (s: string) => `RESP${RESP}: ${s}`;

      it(title("strings"), family(target, "strings"), async () => {
        const key = keys("strings");
        const c = await connect();
        try {
          assert.equal(
            await c.set(key("s"), "hello", { expiration: { type: "EX", value: 100 } }),
            "OK",
          );
          assert.equal(await c.get(key("s")), "hello");
          assert.equal(await c.ttl(key("s")), 100);
          assert.equal(await c.append(key("s"), " world"), 11);
          assert.equal(await c.getRange(key("s"), 0, 4), "hello");
          assert.equal(await c.set(key("s"), "x", { condition: "NX" }), null);
          assert.equal(await c.set(key("s"), "x", { GET: true }), "hello world");
          assert.equal(await c.incr(key("n")), 1);
          assert.equal(await c.incrBy(key("n"), 9), 10);
          assert.equal(await c.incrByFloat(key("n"), 0.5), "10.5");
          assert.equal(await c.mSet({ [key("a")]: "1", [key("b")]: "2" }), "OK");
          assert.deepEqual(await c.mGet([key("a"), key("b"), key("none")]), ["1", "2", null]);
          assert.equal(await c.getDel(key("a")), "1");
          assert.equal(await c.exists([key("a"), key("b")]), 1);
          await assert.rejects(
            c.incr(key("s")),
            (e: Error) => e.message === "ERR value is not an integer or out of range",
          );
        } finally {
          closeAll();
        }
      });

      it(title("keys, expiry and scanIterator"), family(target, "keyspace"), async () => {
        const key = keys("keyspace");
        const c = await connect();
        try {
          for (let i = 0; i < 25; i++) await c.set(key(`k${i}`), String(i));
          assert.equal(await c.type(key("k1")), "string");
          assert.equal(await c.expire(key("k1"), 30), 1);
          assert.equal(await c.ttl(key("k1")), 30);
          assert.equal(await c.persist(key("k1")), 1);
          assert.equal(await c.pTTL(key("k1")), -1);
          assert.equal(await c.rename(key("k2"), key("moved")), "OK");
          assert.equal(await c.del([key("moved"), key("none")]), 1);
          const seen: string[] = [];
          for await (const batch of c.scanIterator({ MATCH: key("k*"), COUNT: 5 })) {
            seen.push(...batch);
          }
          const expected = Array.from({ length: 25 }, (_, i) => key(`k${i}`))
            .filter((k) => k !== key("k2"));
          assert.deepEqual(sorted(new Set(seen)), sorted(expected));
        } finally {
          closeAll();
        }
      });

      it(title("hashes"), family(target, "hashes"), async () => {
        const key = keys("hashes");
        const c = await connect();
        try {
          const h = key("h");
          assert.equal(await c.hSet(h, { name: "ferrous", n: "1", f: "1.5" }), 3);
          assert.equal(await c.hGet(h, "name"), "ferrous");
          assert.deepEqual({ ...(await c.hGetAll(h)) }, { name: "ferrous", n: "1", f: "1.5" });
          assert.deepEqual({ ...(await c.hGetAll(key("none"))) }, {});
          assert.deepEqual(await c.hmGet(h, ["n", "none"]), ["1", null]);
          assert.equal(await c.hIncrBy(h, "n", 4), 5);
          assert.equal(await c.hIncrByFloat(h, "f", 1), "2.5");
          assert.equal(await c.hExists(h, "n"), 1);
          assert.equal(await c.hLen(h), 3);
          assert.deepEqual(await c.hKeys(h), ["name", "n", "f"]);
          assert.deepEqual(await c.hVals(h), ["ferrous", "5", "2.5"]);
          assert.equal(await c.hDel(h, ["n", "none"]), 1);
          for (let i = 0; i < 30; i++) await c.hSet(key("big"), "f" + i, "v" + i);
          const fields = new Map<string, string>();
          for await (const batch of c.hScanIterator(key("big"), { COUNT: 7 })) {
            for (const { field, value } of batch) fields.set(field, value);
          }
          assert.equal(fields.size, 30);
          assert.equal(fields.get("f29"), "v29");
        } finally {
          closeAll();
        }
      });

      it(title("lists and blocking pops"), family(target, "lists"), async () => {
        const key = keys("lists");
        const c = await connect();
        const blocked = await connect();
        try {
          const l = key("l");
          assert.equal(await c.rPush(l, ["b", "c"]), 2);
          assert.equal(await c.lPush(l, "a"), 3);
          assert.deepEqual(await c.lRange(l, 0, -1), ["a", "b", "c"]);
          assert.equal(await c.lInsert(l, "AFTER", "a", "ab"), 4);
          assert.equal(await c.lPos(l, "ab"), 1);
          assert.equal(await c.lIndex(l, -1), "c");
          assert.equal(await c.lLen(l), 4);
          assert.equal(await c.lPop(l), "a");
          assert.deepEqual(await c.rPopCount(l, 2), ["c", "b"]);
          assert.equal(await c.lMove(l, key("l2"), "LEFT", "LEFT"), "ab");
          const pop = later(blocked.blPop(key("q"), 5));
          await untilBlocked(() => c.info("clients"));
          assert.equal(await c.rPush(key("q"), "job"), 1);
          assert.deepEqual({ ...(await within(pop, "BLPOP"))! }, { key: key("q"), element: "job" });
          assert.equal(await blocked.brPop(key("empty"), 0.05), null);
        } finally {
          closeAll();
        }
      });

      it(title("sets"), family(target, "sets"), async () => {
        const key = keys("sets");
        const c = await connect();
        try {
          assert.equal(await c.sAdd(key("a"), ["x", "y", "z"]), 3);
          assert.equal(await c.sAdd(key("b"), ["y", "z", "w"]), 3);
          assert.deepEqual(sorted(await c.sMembers(key("a"))), ["x", "y", "z"]);
          assert.equal(await c.sIsMember(key("a"), "x"), 1);
          assert.deepEqual(await c.smIsMember(key("a"), ["x", "w"]), [1, 0]);
          assert.equal(await c.sCard(key("a")), 3);
          assert.deepEqual(sorted(await c.sInter([key("a"), key("b")])), ["y", "z"]);
          assert.deepEqual(sorted(await c.sUnion([key("a"), key("b")])), ["w", "x", "y", "z"]);
          assert.deepEqual(await c.sDiff([key("a"), key("b")]), ["x"]);
          assert.equal(await c.sRem(key("a"), ["x", "none"]), 1);
          const members = new Set<string>();
          for await (const batch of c.sScanIterator(key("b"))) {
            for (const m of batch) members.add(m);
          }
          assert.deepEqual(sorted(members), ["w", "y", "z"]);
        } finally {
          closeAll();
        }
      });

      it(title("sorted sets"), family(target, "zsets"), async () => {
        const key = keys("zsets");
        const c = await connect();
        try {
          const z = key("z");
          assert.equal(
            await c.zAdd(z, [{ score: 1, value: "a" }, { score: 2.5, value: "b" }, {
              score: 3,
              value: "c",
            }]),
            3,
          );
          assert.deepEqual(await c.zRange(z, 0, -1), ["a", "b", "c"]);
          assert.deepEqual(await c.zRangeWithScores(z, 0, 1), [
            { value: "a", score: 1 },
            { value: "b", score: 2.5 },
          ]);
          assert.equal(await c.zScore(z, "b"), 2.5);
          assert.equal(await c.zScore(z, "none"), null);
          assert.deepEqual(await c.zmScore(z, ["a", "none"]), [1, null]);
          assert.equal(await c.zIncrBy(z, 0.25, "c"), 3.25);
          assert.equal(await c.zRank(z, "c"), 2);
          assert.equal(await c.zCount(z, "(1", "+inf"), 2);
          assert.deepEqual(
            await c.zRange(z, "+inf", 2, {
              BY: "SCORE",
              REV: true,
              LIMIT: { offset: 0, count: 1 },
            }),
            ["c"],
          );
          assert.deepEqual({ ...(await c.zPopMin(z))! }, { value: "a", score: 1 });
          assert.deepEqual(await c.zPopMaxCount(z, 2), [
            { value: "c", score: 3.25 },
            { value: "b", score: 2.5 },
          ]);
          const members: { value: string; score: number }[] = [];
          await c.zAdd(
            key("big"),
            Array.from({ length: 20 }, (_, i) => ({ score: i, value: "m" + i })),
          );
          for await (const batch of c.zScanIterator(key("big"))) members.push(...batch);
          assert.equal(members.length, 20);
          assert.deepEqual(members.find((m) => m.value === "m7"), { value: "m7", score: 7 });
        } finally {
          closeAll();
        }
      });

      it(title("streams"), family(target, "streams"), async () => {
        const key = keys("streams");
        const c = await connect();
        const reader = await connect();
        try {
          const s = key("s");
          assert.equal(await c.xAdd(s, "1-1", { f: "v1" }), "1-1");
          assert.equal(await c.xAdd(s, "1-2", { f: "v2", g: "w" }), "1-2");
          assert.equal(await c.xLen(s), 2);
          const both = [
            { id: "1-1", message: { f: "v1" } },
            { id: "1-2", message: { f: "v2", g: "w" } },
          ];
          assert.deepEqual(plain(await c.xRange(s, "-", "+")), both);
          assert.deepEqual(plain(await c.xRevRange(s, "+", "-", { COUNT: 1 })), [both[1]]);
          assert.deepEqual(plain(await c.xRead({ key: s, id: "0" }, { COUNT: 1 })), [
            { name: s, messages: [both[0]] },
          ]);
          assert.equal(await c.xGroupCreate(s, "g", "0"), "OK");
          assert.deepEqual(
            plain(await c.xReadGroup("g", "c1", { key: s, id: ">" }, { COUNT: 5 })),
            [{ name: s, messages: both }],
          );
          assert.equal(await c.xAck(s, "g", "1-1"), 1);
          assert.deepEqual(plain(await c.xPending(s, "g")), {
            pending: 1,
            firstId: "1-2",
            lastId: "1-2",
            consumers: [{ name: "c1", deliveriesCounter: 1 }],
          });
          const blocked = later(reader.xRead({ key: s, id: "$" }, { BLOCK: 5000 }));
          await untilBlocked(() => c.info("clients"));
          const id = await c.xAdd(s, "*", { late: "1" });
          assert.deepEqual(plain(await within(blocked, "XREAD BLOCK")), [
            { name: s, messages: [{ id, message: { late: "1" } }] },
          ]);
          assert.equal(await c.xTrim(s, "MAXLEN", 1), 2);
        } finally {
          closeAll();
        }
      });

      it(title("pub/sub listeners"), family(target, "pubsub"), async () => {
        const key = keys("pubsub");
        const c = await connect();
        const sub = await connect();
        try {
          const ch = key("ch");
          const messages = collector<[string, string]>(2);
          const pmessages = collector<[string, string]>(1);
          await sub.subscribe(ch, (m: string, channel: string) => messages.push([channel, m]));
          await sub.pSubscribe(
            key("c*"),
            (m: string, channel: string) => pmessages.push([channel, m]),
          );
          assert.deepEqual({ ...(await c.pubSubNumSub([ch, key("none")])) }, {
            [ch]: 1,
            [key("none")]: 0,
          });
          assert.equal(await c.pubSubNumPat(), 1);
          assert.deepEqual(await c.pubSubChannels(key("*")), [ch]);
          assert.equal(await c.publish(ch, "hello"), 2);
          assert.deepEqual(await within(pmessages.done, "pattern message"), [[ch, "hello"]]);
          await sub.pUnsubscribe(key("c*"));
          assert.equal(await c.publish(ch, "again"), 1);
          assert.deepEqual(await within(messages.done, "messages"), [
            [ch, "hello"],
            [ch, "again"],
          ]);
          await sub.unsubscribe(ch);
          assert.equal(await c.publish(ch, "nobody"), 0);
          // Back out of subscriber mode, the connection runs commands again.
          assert.equal(String(await sub.ping()), "PONG");
        } finally {
          closeAll();
        }
      });

      it(title("MULTI/EXEC, WATCH and pipelines"), family(target, "transactions"), async () => {
        const key = keys("tx");
        const c = await connect();
        const other = await connect();
        try {
          const k = key("k");
          assert.deepEqual(await c.multi().set(k, "1").incr(k).get(k).exec(), ["OK", 2, "2"]);
          // A command failing at run time fails alone: node-redis rejects with every reply.
          await assert.rejects(
            c.multi().set(k, "x").incr(k).get(k).exec(),
            (e: Error & { replies?: unknown[] }) => {
              assert.equal(e.replies?.length, 3);
              assert.equal(e.replies?.[0], "OK");
              assert.equal(
                (e.replies?.[1] as Error).message,
                "ERR value is not an integer or out of range",
              );
              assert.equal(e.replies?.[2], "x");
              return true;
            },
          );
          await c.watch(k);
          await other.set(k, "theirs");
          await assert.rejects(c.multi().set(k, "mine").exec(), WatchError);
          assert.equal(await c.get(k), "theirs");
          await c.watch(k);
          assert.deepEqual(await c.multi().set(k, "mine").exec(), ["OK"]);
          // A pipeline: no MULTI, replies in order.
          const replies = await c.multi().set(k, "p").get(k).incr(key("n")).execAsPipeline();
          assert.deepEqual(replies, ["OK", "p", 1]);
          // Commands issued in the same tick go out in one write.
          const many = await Promise.all(
            Array.from({ length: 200 }, (_, i) => c.set(key(`p${i}`), String(i))),
          );
          assert.equal(many.filter((r) => r === "OK").length, 200);
          assert.deepEqual(
            await Promise.all(Array.from({ length: 200 }, (_, i) => c.get(key(`p${i}`)))),
            Array.from({ length: 200 }, (_, i) => String(i)),
          );
        } finally {
          closeAll();
        }
      });
    }

    it(
      "RESP3: client-side cache (CLIENT TRACKING, invalidation pushes)",
      family(target, "strings", "client"),
      async () => {
        const cache = new BasicClientSideCache({ ttl: 0, maxEntries: 0 });
        const cached = createClient({
          socket: { port: server().port, host: "127.0.0.1", reconnectStrategy: false },
          RESP: 3,
          clientSideCache: cache,
        });
        const writer = newClient(server().port, 3);
        cached.on("error", () => {});
        writer.on("error", () => {});
        await cached.connect();
        await writer.connect();
        try {
          const k = "nr:csc:key";
          await writer.set(k, "v1");
          assert.equal(await cached.get(k), "v1");
          assert.equal(await cached.get(k), "v1");
          assert.equal(cache.stats().hitCount, 1, "the second GET is served from the cache");
          // Another client's write invalidates the entry: the server pushes `invalidate`.
          await writer.set(k, "v2");
          await within(
            (async () => {
              while (cache.size() !== 0) await new Promise((r) => setTimeout(r, 5));
            })(),
            "the invalidation push",
          );
          assert.equal(await cached.get(k), "v2");
          assert.equal(cache.stats().missCount, 2);
          // FLUSHALL invalidates everything (a null invalidation).
          assert.equal(await cached.get(k), "v2");
          await writer.flushAll();
          await within(
            (async () => {
              while (cache.size() !== 0) await new Promise((r) => setTimeout(r, 5));
            })(),
            "the flush invalidation",
          );
          assert.equal(await cached.get(k), null);
        } finally {
          cached.destroy();
          writer.destroy();
        }
      },
    );
  });
}

/** node-redis builds replies with null prototypes; compare them as plain data. */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}
