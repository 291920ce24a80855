/**
 * ioredis's everyday API against Ferrous (under Deno and Bun) and real
 * redis-server: typed commands of every family, pub/sub events, MULTI/EXEC
 * and WATCH, pipelines. Over RESP2, RESP3 with ioredis's default (legacy)
 * reply shapes, and RESP3 with `replyMapping: "resp3"`, where maps, doubles
 * and pairs reach the caller as the server encoded them.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Redis, type RedisOptions } from "ioredis";
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

interface Variant {
  name: string;
  options: RedisOptions;
  /** True when RESP3 maps, doubles and pairs are passed through (replyMapping "resp3"). */
  native: boolean;
}

const VARIANTS: Variant[] = [
  { name: "RESP2", options: { protocol: 2 }, native: false },
  { name: "RESP3", options: { protocol: 3 }, native: false },
  { name: "RESP3 resp3-mapping", options: { protocol: 3, replyMapping: "resp3" }, native: true },
];

for (const target of targets()) {
  describe(`ioredis compat: ${targetLabel(target)}`, () => {
    const server = useServer(target);

    for (const v of VARIANTS) {
      const open: Redis[] = [];
      /** A client of this variant; closed when the test ends (see `using`). */
      const connect = (extra: RedisOptions = {}): Redis => {
        const r = new Redis({
          port: server().port,
          host: "127.0.0.1",
          enableReadyCheck: false,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
          ...v.options,
          ...extra,
        });
        r.on("error", () => {});
        open.push(r);
        return r;
      };
      const closeAll = () => {
        for (const r of open.splice(0)) r.disconnect();
      };
      /** Keys of a test: apart from every other test's (the server is shared). */
      const keys = (test: string) => (name: string) => `io:${v.name}:${test}:${name}`;
      /** A double as this variant hands it over. */
      const dbl = (s: string): string | number => (v.native ? Number(s) : s);

      it(`${v.name}: strings`, family(target, "strings"), async () => {
        const key = keys("strings");
        const r = connect();
        try {
          assert.equal(await r.set(key("s"), "hello", "EX", 100), "OK");
          assert.equal(await r.get(key("s")), "hello");
          assert.equal(await r.ttl(key("s")), 100);
          assert.equal(await r.append(key("s"), " world"), 11);
          assert.equal(await r.getrange(key("s"), 0, 4), "hello");
          assert.equal(await r.strlen(key("s")), 11);
          assert.equal(await r.set(key("s"), "x", "NX"), null);
          assert.equal(await r.set(key("s"), "x", "XX", "GET"), "hello world");
          assert.equal(await r.incr(key("n")), 1);
          assert.equal(await r.incrby(key("n"), 10), 11);
          assert.equal(await r.decr(key("n")), 10);
          assert.equal(await r.incrbyfloat(key("n"), 0.5), "10.5");
          assert.equal(await r.mset({ [key("a")]: "1", [key("b")]: "2" }), "OK");
          assert.deepEqual(await r.mget(key("a"), key("b"), key("none")), ["1", "2", null]);
          assert.equal(await r.setnx(key("a"), "9"), 0);
          assert.equal(await r.getdel(key("a")), "1");
          assert.equal(await r.exists(key("a")), 0);
          const bin = Buffer.from([0, 255, 13, 10, 128]);
          assert.equal(await r.set(key("bin"), bin), "OK");
          assert.deepEqual(await r.getBuffer(key("bin")), bin);
          await assert.rejects(
            r.incr(key("s")),
            /^ReplyError: ERR value is not an integer or out of range$/,
          );
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: keys, expiry and scanStream`, family(target, "keyspace"), async () => {
        const key = keys("keys");
        const r = connect();
        try {
          for (let i = 0; i < 30; i++) await r.set(key(`scan:${i}`), String(i));
          await r.rpush(key("list"), "a");
          assert.equal(await r.exists(key("scan:1"), key("scan:2"), key("nope")), 2);
          assert.equal(await r.type(key("scan:1")), "string");
          assert.equal(await r.type(key("list")), "list");
          assert.equal(await r.type(key("nope")), "none");
          assert.equal(await r.expire(key("scan:1"), 50), 1);
          assert.equal(await r.ttl(key("scan:1")), 50);
          const pttl = await r.pttl(key("scan:1"));
          assert.ok(pttl > 49000 && pttl <= 50000, String(pttl));
          assert.equal(await r.persist(key("scan:1")), 1);
          assert.equal(await r.ttl(key("scan:1")), -1);
          assert.equal(await r.ttl(key("nope")), -2);
          assert.equal(await r.rename(key("scan:2"), key("renamed")), "OK");
          assert.equal(await r.get(key("renamed")), "2");
          assert.equal(await r.del(key("renamed"), key("nope")), 1);
          assert.equal(await r.unlink(key("scan:3")), 1);
          const seen = new Set<string>();
          const stream = r.scanStream({ match: key("scan:*"), count: 7 });
          for await (const batch of stream) for (const k of batch as string[]) seen.add(k);
          const expected = Array.from({ length: 30 }, (_, i) => key(`scan:${i}`))
            .filter((k) => k !== key("scan:2") && k !== key("scan:3"));
          assert.deepEqual(sorted(seen), sorted(expected));
          assert.deepEqual(
            sorted(await r.keys(key("scan:1*"))),
            sorted([
              key("scan:1"),
              ...Array.from({ length: 10 }, (_, i) => key(`scan:1${i}`)),
            ]),
          );
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: hashes`, family(target, "hashes"), async () => {
        const key = keys("hashes");
        const r = connect();
        try {
          const h = key("h");
          assert.equal(await r.hset(h, { name: "ferrous", n: "1", f: "1.5" }), 3);
          assert.equal(await r.hset(h, "name", "rust"), 0);
          assert.equal(await r.hget(h, "name"), "rust");
          assert.equal(await r.hget(h, "missing"), null);
          assert.deepEqual(await r.hgetall(h), { name: "rust", n: "1", f: "1.5" });
          assert.deepEqual(await r.hgetall(key("nohash")), {});
          assert.deepEqual(await r.hmget(h, "n", "missing", "name"), ["1", null, "rust"]);
          assert.equal(await r.hincrby(h, "n", 4), 5);
          assert.equal(await r.hincrbyfloat(h, "f", 1), "2.5");
          assert.equal(await r.hexists(h, "n"), 1);
          assert.equal(await r.hlen(h), 3);
          assert.deepEqual(await r.hkeys(h), ["name", "n", "f"]);
          assert.deepEqual(await r.hvals(h), ["rust", "5", "2.5"]);
          assert.equal(await r.hsetnx(h, "n", "9"), 0);
          assert.equal(await r.hstrlen(h, "name"), 4);
          assert.equal(await r.hdel(h, "n", "missing"), 1);
          assert.equal((await r.hrandfield(h, 5) as string[]).length, 2);
          for (let i = 0; i < 40; i++) await r.hset(key("big"), "f" + i, "v" + i);
          const fields = new Map<string, string>();
          for await (const batch of r.hscanStream(key("big"), { count: 10 })) {
            const b = batch as string[];
            for (let i = 0; i < b.length; i += 2) fields.set(b[i], b[i + 1]);
          }
          assert.equal(fields.size, 40);
          assert.equal(fields.get("f17"), "v17");
          await r.set(key("str"), "x");
          await assert.rejects(
            r.hget(key("str"), "x"),
            /^ReplyError: WRONGTYPE Operation against a key holding the wrong kind of value$/,
          );
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: lists and blocking pops`, family(target, "lists"), async () => {
        const key = keys("lists");
        const r = connect();
        const blocked = connect();
        try {
          const l = key("l");
          assert.equal(await r.rpush(l, "b", "c"), 2);
          assert.equal(await r.lpush(l, "a"), 3);
          assert.deepEqual(await r.lrange(l, 0, -1), ["a", "b", "c"]);
          assert.equal(await r.linsert(l, "BEFORE", "c", "bb"), 4);
          assert.equal(await r.lpos(l, "bb"), 2);
          assert.equal(await r.lindex(l, -1), "c");
          assert.equal(await r.lset(l, 0, "A"), "OK");
          assert.equal(await r.llen(l), 4);
          assert.equal(await r.lpop(l), "A");
          assert.deepEqual(await r.rpop(l, 2), ["c", "bb"]);
          assert.equal(await r.lmove(l, key("l2"), "LEFT", "RIGHT"), "b");
          assert.equal(await r.exists(l), 0);
          assert.deepEqual(await r.lrange(key("l2"), 0, -1), ["b"]);
          // A blocked BLPOP is served by a push from another connection.
          const pop = later(blocked.blpop(key("q"), 5));
          await untilBlocked(() => r.info("clients"));
          assert.equal(await r.rpush(key("q"), "job"), 1);
          assert.deepEqual(await within(pop, "BLPOP"), [key("q"), "job"]);
          assert.equal(await r.exists(key("q")), 0);
          assert.equal(await blocked.brpop(key("empty"), 0.05), null);
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: sets`, family(target, "sets"), async () => {
        const key = keys("sets");
        const r = connect();
        try {
          const a = key("a");
          const b = key("b");
          assert.equal(await r.sadd(a, "x", "y", "z", "x"), 3);
          assert.equal(await r.sadd(b, "y", "z", "w"), 3);
          assert.deepEqual(sorted(await r.smembers(a)), ["x", "y", "z"]);
          assert.equal(await r.sismember(a, "x"), 1);
          assert.deepEqual(await r.smismember(a, "x", "w"), [1, 0]);
          assert.equal(await r.scard(a), 3);
          assert.deepEqual(sorted(await r.sinter(a, b)), ["y", "z"]);
          assert.deepEqual(sorted(await r.sunion(a, b)), ["w", "x", "y", "z"]);
          assert.deepEqual(await r.sdiff(a, b), ["x"]);
          assert.equal(await r.sinterstore(key("c"), a, b), 2);
          assert.equal(await r.smove(a, b, "x"), 1);
          assert.equal(await r.srem(a, "y", "nope"), 1);
          assert.deepEqual(await r.smembers(a), ["z"]);
          assert.equal(await r.spop(a), "z");
          assert.equal(await r.exists(a), 0);
          assert.equal((await r.srandmember(b, 10)).length, 4);
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: sorted sets`, family(target, "zsets"), async () => {
        const key = keys("sorted");
        const r = connect();
        try {
          const z = key("z");
          assert.equal(await r.zadd(z, 1, "a", 2, "b", 3, "c"), 3);
          assert.equal(await r.zadd(z, "XX", "CH", 1.5, "a"), 1);
          assert.deepEqual(await r.zrange(z, "0", "-1"), ["a", "b", "c"]);
          assert.deepEqual(
            await r.zrange(z, "0", "1", "WITHSCORES"),
            v.native ? [["a", 1.5], ["b", 2]] : ["a", "1.5", "b", "2"],
          );
          assert.equal(await r.zscore(z, "b"), dbl("2"));
          assert.equal(await r.zscore(z, "nope"), null);
          assert.deepEqual(await r.zmscore(z, "a", "nope"), [dbl("1.5"), null]);
          assert.equal(await r.zincrby(z, 0.25, "c"), dbl("3.25"));
          assert.equal(await r.zrank(z, "c"), 2);
          assert.equal(await r.zrevrank(z, "c"), 0);
          assert.equal(await r.zcard(z), 3);
          assert.equal(await r.zcount(z, "(1.5", "+inf"), 2);
          assert.deepEqual(await r.zrevrange(z, 0, 0), ["c"]);
          assert.deepEqual(await r.zrangebyscore(z, "(1.5", "+inf", "LIMIT", 0, 1), ["b"]);
          assert.deepEqual(await r.zrange(z, "+inf", "2", "BYSCORE", "REV"), ["c", "b"]);
          assert.deepEqual(await r.zpopmin(z), v.native ? ["a", 1.5] : ["a", "1.5"]);
          assert.deepEqual(
            await r.zpopmax(z, 2),
            v.native ? [["c", 3.25], ["b", 2]] : ["c", "3.25", "b", "2"],
          );
          await r.zadd(key("z1"), 1, "x", 2, "y");
          await r.zadd(key("z2"), 10, "y");
          assert.equal(await r.zunionstore(key("u"), 2, key("z1"), key("z2")), 2);
          assert.deepEqual(
            await r.zrange(key("u"), "0", "-1", "WITHSCORES"),
            v.native ? [["x", 1], ["y", 12]] : ["x", "1", "y", "12"],
          );
          assert.equal(await r.zrem(key("u"), "x", "nope"), 1);
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: streams`, family(target, "streams"), async () => {
        const key = keys("streams");
        const r = connect();
        const reader = connect();
        try {
          const s = key("stream");
          assert.equal(await r.xadd(s, "1-1", "f", "v1"), "1-1");
          assert.equal(await r.xadd(s, "1-2", "f", "v2", "g", "w"), "1-2");
          assert.equal(await r.xlen(s), 2);
          assert.deepEqual(await r.xrange(s, "-", "+"), [
            ["1-1", ["f", "v1"]],
            ["1-2", ["f", "v2", "g", "w"]],
          ]);
          assert.deepEqual(await r.xrevrange(s, "+", "-", "COUNT", 1), [
            ["1-2", ["f", "v2", "g", "w"]],
          ]);
          const read = await r.xread("COUNT", 1, "STREAMS", s, "0");
          const entries = [["1-1", ["f", "v1"]]];
          assert.deepEqual(read, v.native ? { [s]: entries } : [[s, entries]]);
          assert.equal(await r.xgroup("CREATE", s, "g", "0"), "OK");
          const group = await r.xreadgroup("GROUP", "g", "c1", "COUNT", 5, "STREAMS", s, ">");
          const all = [["1-1", ["f", "v1"]], ["1-2", ["f", "v2", "g", "w"]]];
          assert.deepEqual(group, v.native ? { [s]: all } : [[s, all]]);
          assert.equal(await r.xack(s, "g", "1-1"), 1);
          assert.deepEqual(await r.xpending(s, "g"), [1, "1-2", "1-2", [["c1", "1"]]]);
          assert.equal(await r.xdel(s, "1-1"), 1);
          // XREAD BLOCK is served by an XADD from another connection.
          const blocked = later(reader.xread("BLOCK", 5000, "STREAMS", s, "$"));
          await untilBlocked(() => r.info("clients"));
          const id = await r.xadd(s, "*", "late", "1");
          const got = await within(blocked, "XREAD BLOCK");
          const late = [[id, ["late", "1"]]];
          assert.deepEqual(got, v.native ? { [s]: late } : [[s, late]]);
          assert.equal(await r.xtrim(s, "MAXLEN", 1), 1);
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: pub/sub events`, family(target, "pubsub"), async () => {
        const key = keys("pubsub");
        const sub = connect();
        const pub = connect();
        try {
          const ch = key("ch");
          const messages = collector<[string, string]>(2);
          const pmessages = collector<[string, string, string]>(2);
          const buffers = collector<[Buffer, Buffer]>(2);
          sub.on("message", (c: string, m: string) => messages.push([c, m]));
          sub.on("pmessage", (p: string, c: string, m: string) => pmessages.push([p, c, m]));
          sub.on("messageBuffer", (c: Buffer, m: Buffer) => buffers.push([c, m]));
          assert.equal(await sub.subscribe(ch, key("other")), 2);
          assert.equal(await sub.psubscribe(key("c*")), 3);
          assert.deepEqual(await pub.pubsub("NUMSUB", ch, key("none")), [ch, 1, key("none"), 0]);
          assert.equal(await pub.pubsub("NUMPAT"), 1);
          assert.equal(await pub.publish(ch, "hello"), 2);
          assert.equal(await pub.publish(ch, Buffer.from([0, 255])), 2);
          assert.equal(await pub.publish(key("nobody"), "x"), 0);
          assert.deepEqual(await within(messages.done, "message events"), [
            [ch, "hello"],
            [ch, Buffer.from([0, 255]).toString()],
          ]);
          assert.deepEqual(await within(pmessages.done, "pmessage events"), [
            [key("c*"), ch, "hello"],
            [key("c*"), ch, Buffer.from([0, 255]).toString()],
          ]);
          const [, bin] = await within(buffers.done, "messageBuffer events");
          assert.deepEqual([...bin[1]], [0, 255]);
          assert.equal(await sub.unsubscribe(ch), 2);
          assert.equal(await pub.publish(ch, "again"), 1);
          // (ioredis waits forever on a PUNSUBSCRIBE without arguments, so name the pattern.)
          assert.equal(await sub.punsubscribe(key("c*")), 1);
          assert.equal(await sub.unsubscribe(), 0);
          // Out of subscriber mode, ordinary commands work again.
          assert.equal(await sub.set(key("after"), "1"), "OK");
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: MULTI/EXEC, WATCH and DISCARD`, family(target, "transactions"), async () => {
        const key = keys("multiexec");
        const r = connect();
        const other = connect();
        try {
          const k = key("tx");
          assert.deepEqual(await r.multi().set(k, "1").incr(k).get(k).exec(), [
            [null, "OK"],
            [null, 2],
            [null, "2"],
          ]);
          // A command failing at run time fails alone; the others run.
          const mixed = await r.multi().set(k, "x").incr(k).get(k).exec();
          assert.equal(mixed!.length, 3);
          assert.deepEqual(mixed![0], [null, "OK"]);
          assert.match(String(mixed![1][0]), /ERR value is not an integer or out of range/);
          assert.deepEqual(mixed![2], [null, "x"]);
          // A command rejected while queueing aborts the whole transaction.
          await assert.rejects(
            r.multi().set(k, "never").call("NOSUCHCMD").exec(),
            /EXECABORT Transaction discarded because of previous errors/,
          );
          assert.equal(await r.get(k), "x");
          // WATCH: a write from another connection aborts EXEC (null).
          assert.equal(await r.watch(k), "OK");
          assert.equal(await other.set(k, "theirs"), "OK");
          assert.equal(await r.multi().set(k, "mine").exec(), null);
          assert.equal(await r.get(k), "theirs");
          // Untouched watched keys let EXEC run.
          await r.watch(k);
          assert.deepEqual(await r.multi().set(k, "mine").exec(), [[null, "OK"]]);
          await r.watch(k);
          assert.equal(await r.unwatch(), "OK");
          await other.set(k, "later");
          assert.deepEqual(await r.multi().get(k).exec(), [[null, "later"]]);
          // Without pipelining: every command is sent at once and answered QUEUED.
          assert.equal(await r.multi({ pipeline: false }), "OK");
          assert.equal(await r.set(k, "discarded"), "QUEUED");
          assert.equal(await r.discard(), "OK");
          assert.equal(await r.get(k), "later");
        } finally {
          closeAll();
        }
      });

      it(`${v.name}: pipelines and auto-pipelining`, family(target, "strings", "del"), async () => {
        const key = keys("pipelines");
        const r = connect();
        const auto = connect({ enableAutoPipelining: true });
        try {
          const p = r.pipeline();
          for (let i = 0; i < 300; i++) p.set(key(`p:${i}`), String(i));
          p.incr(key("p:0"));
          p.hset(key("p:1"), "f", "v");
          for (let i = 0; i < 300; i++) p.get(key(`p:${i}`));
          const res = await p.exec();
          assert.equal(res!.length, 602);
          assert.deepEqual(res![300], [null, 1]);
          assert.match(String(res![301][0]), /^ReplyError: WRONGTYPE/);
          assert.deepEqual(res!.slice(302).map(([e, x]) => [e, x]), [
            [null, "1"],
            ...Array.from({ length: 299 }, (_, i) => [null, String(i + 1)]),
          ]);
          const values = await Promise.all(
            Array.from({ length: 300 }, (_, i) => auto.get(key(`p:${i}`))),
          );
          assert.deepEqual(values, ["1", ...Array.from({ length: 299 }, (_, i) => String(i + 1))]);
          assert.equal(
            await r.del(...Array.from({ length: 300 }, (_, i) => key(`p:${i}`))),
            300,
          );
        } finally {
          closeAll();
        }
      });
    }
  });
}
