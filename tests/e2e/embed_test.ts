/**
 * The embeddable API of mod.ts, under the runtime running the tests (Deno
 * or Bun; Node runs the same checks in node_test.ts): `startServer()` on
 * port 0 with `await using`, `close()`, `flushAll()` and `call()`; many
 * isolated servers in one process; redis.conf options; a ManualClock that
 * both lazy and active expiry follow, so keys expire without waiting for
 * real time; `createInProcess()` with exact reply bytes.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { Redis } from "ioredis";
import { createInProcess, ManualClock, ReplyError, startServer } from "../../mod.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { latin1 } from "../helpers/resp.ts";
import { SLOW_TEST_MS } from "../helpers/servers.ts";

const SLOW = { timeout: SLOW_TEST_MS };
const T0 = 1_700_000_000_000;

/** Resolves true when a TCP connection to `port` is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: "127.0.0.1" });
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", () => resolve(true));
  });
}

/** Polls `check` until it holds; fails after `ms`. */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function info(call: (...argv: string[]) => unknown, field: string): number {
  const text = String(call("INFO", "stats"));
  const m = new RegExp(`^${field}:(\\d+)`, "m").exec(text);
  assert.ok(m, `INFO has no ${field}`);
  return Number(m[1]);
}

describe("startServer", () => {
  it("port 0, url, call(), flushAll() and close()", SLOW, async () => {
    const server = await startServer();
    try {
      assert.ok(server.port > 0);
      assert.equal(server.hostname, "127.0.0.1");
      assert.equal(server.url, `redis://127.0.0.1:${server.port}`);
      // CONFIG GET port shows the port picked, as INFO's tcp_port does.
      assert.deepEqual(server.call("CONFIG", "GET", "port"), ["port", String(server.port)]);
      const c = await RawClient.connect(server.port);
      assert.equal(await c.command("SET", "k", "from socket"), "+OK\r\n");
      assert.equal(server.call("GET", "k"), "from socket");
      assert.equal(server.call("HSET", "h", "f", "v"), 1);
      assert.equal(await c.command("HGET", "h", "f"), "$1\r\nv\r\n");
      assert.equal(server.call("DBSIZE"), 2);
      const err = server.call("NOSUCH", "x");
      assert.ok(err instanceof ReplyError);
      assert.equal(err.message, "ERR unknown command 'NOSUCH', with args beginning with: 'x' ");
      await server.flushAll();
      assert.equal(server.call("DBSIZE"), 0);
      assert.equal(await c.command("GET", "k"), "$-1\r\n");
      await server.close();
      // Connections are closed and the port no longer accepts.
      assert.ok(await c.closesWithin(2000), "the open connection was not closed");
      assert.ok(await refused(server.port), "the port still accepts connections");
      c.close();
    } finally {
      await server.close();
    }
  });

  it("await using closes the server at the end of the scope", SLOW, async () => {
    let port = 0;
    {
      await using server = await startServer();
      port = server.port;
      const r = new Redis({
        port,
        host: "127.0.0.1",
        lazyConnect: true,
        retryStrategy: () => null,
      });
      r.on("error", () => {});
      try {
        await r.connect();
        assert.equal(await r.set("a", "1"), "OK");
        assert.equal(await r.incr("a"), 2);
      } finally {
        r.disconnect();
      }
    }
    assert.ok(await refused(port), "the server still listens after its scope ended");
  });

  it("many servers in one process keep their data apart", SLOW, async () => {
    const N = 12;
    const servers = await Promise.all(Array.from({ length: N }, () => startServer()));
    try {
      assert.equal(new Set(servers.map((s) => s.port)).size, N);
      await Promise.all(servers.map(async (s, i) => {
        const c = await RawClient.connect(s.port);
        try {
          assert.equal(await c.command("SET", "who", `server ${i}`), "+OK\r\n");
          assert.equal(
            await c.command("RPUSH", "list", ...Array(i + 1).fill("x")),
            `:${i + 1}\r\n`,
          );
        } finally {
          c.close();
        }
      }));
      servers.forEach((s, i) => {
        assert.equal(s.call("GET", "who"), `server ${i}`);
        assert.equal(s.call("LLEN", "list"), i + 1);
        assert.equal(s.call("DBSIZE"), 2);
      });
      await servers[0].flushAll();
      assert.equal(servers[0].call("DBSIZE"), 0);
      assert.equal(servers[1].call("DBSIZE"), 2);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });

  it("takes redis.conf directives as options", SLOW, async () => {
    await using server = await startServer({ requirepass: "secret", databases: 2, hz: 50 });
    const c = await RawClient.connect(server.port);
    try {
      assert.equal(
        await c.command("GET", "k"),
        "-NOAUTH Authentication required.\r\n",
      );
      assert.equal(await c.command("AUTH", "secret"), "+OK\r\n");
      assert.equal(await c.command("SELECT", "2"), "-ERR DB index is out of range\r\n");
      // The embedder's own calls need no AUTH.
      assert.deepEqual(server.call("CONFIG", "GET", "hz"), ["hz", "50"]);
      assert.equal(await c.command("SET", "k", "v"), "+OK\r\n");
      await server.flushAll();
      assert.equal(await c.command("EXISTS", "k"), ":0\r\n");
    } finally {
      c.close();
    }
    await assert.rejects(startServer({ nosuchdirective: 1 }), /Invalid option 'nosuchdirective'/);
    await assert.rejects(startServer({ maxmemory: "lots" }), /Invalid option 'maxmemory'/);
  });
});

describe("ManualClock", () => {
  it("lazy expiry follows the clock: keys expire without waiting", SLOW, async () => {
    const clock = new ManualClock(T0);
    await using server = await startServer({ clock });
    const c = await RawClient.connect(server.port);
    try {
      assert.equal(await c.command("SET", "k", "v", "PX", "1000"), "+OK\r\n");
      assert.equal(await c.command("SET", "forever", "v"), "+OK\r\n");
      assert.equal(await c.command("PTTL", "k"), ":1000\r\n");
      clock.advance(400);
      assert.equal(await c.command("PTTL", "k"), ":600\r\n");
      assert.equal(await c.command("EXPIRETIME", "k"), `:${(T0 + 1000) / 1000}\r\n`);
      clock.advance(600);
      // Redis expires a key once the clock passes its expiry millisecond.
      assert.equal(await c.command("GET", "k"), "$1\r\nv\r\n");
      clock.advance(1);
      assert.equal(await c.command("GET", "k"), "$-1\r\n");
      assert.equal(server.call("EXISTS", "k"), 0);
      assert.equal(await c.command("SET", "at", "v", "PXAT", String(T0 + 5000)), "+OK\r\n");
      clock.set(T0 + 5001);
      assert.equal(await c.command("EXISTS", "at", "forever"), ":1\r\n");
    } finally {
      c.close();
    }
  });

  it("active expiry follows the clock: untouched keys are removed", SLOW, async () => {
    const clock = new ManualClock(T0);
    await using server = await startServer({ clock, hz: 100 });
    for (let i = 0; i < 200; i++) server.call("SET", `k${i}`, "v", "PX", String(100 + i));
    server.call("SET", "kept", "v", "PX", "10000");
    assert.equal(server.call("DBSIZE"), 201);
    // Real time passes, the clock does not: nothing expires.
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(server.call("DBSIZE"), 201);
    assert.equal(info(server.call, "expired_keys"), 0);
    // The clock moves past every short TTL: the cron removes them, no key is read.
    clock.advance(1000);
    await until(() => server.call("DBSIZE") === 1);
    assert.equal(info(server.call, "expired_keys"), 200);
    assert.equal(server.call("PTTL", "kept"), 9000);
  });
});

describe("createInProcess", () => {
  it("call() decodes, callRaw() gives the exact bytes, RESP3 after HELLO 3", () => {
    const redis = createInProcess();
    assert.equal(redis.call("SET", "k", "v"), "OK");
    assert.equal(latin1(redis.callRaw("GET", "k")), "$1\r\nv\r\n");
    assert.equal(latin1(redis.callRaw("GET", "none")), "$-1\r\n");
    assert.equal(redis.call("HSET", "h", "a", "1", "b", "2"), 2);
    assert.equal(
      latin1(redis.callRaw("HGETALL", "h")),
      "*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n",
    );
    assert.equal(redis.call("ZADD", "z", "1.5", "m"), 1);
    assert.equal(latin1(redis.callRaw("ZSCORE", "z", "m")), "$3\r\n1.5\r\n");
    redis.call("HELLO", "3");
    assert.equal(
      latin1(redis.callRaw("HGETALL", "h")),
      "%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n",
    );
    assert.equal(latin1(redis.callRaw("ZSCORE", "z", "m")), ",1.5\r\n");
    assert.equal(latin1(redis.callRaw("GET", "none")), "_\r\n");
    assert.deepEqual(redis.call("HGETALL", "h"), new Map([["a", "1"], ["b", "2"]]));
    // Bytes in, bytes out; text is sent as UTF-8.
    assert.equal(redis.call("SET", new Uint8Array([0, 255]), new Uint8Array([1, 2, 3])), "OK");
    assert.equal(latin1(redis.callRaw("GET", new Uint8Array([0, 255]))), "$3\r\n\x01\x02\x03\r\n");
    assert.equal(redis.call("SET", "é", "€"), "OK");
    assert.equal(redis.call("STRLEN", "é"), 3);
    assert.equal(redis.call("INCRBY", "n", 42), 42);
    const e = redis.call("INCR", "k");
    assert.ok(e instanceof ReplyError);
    assert.equal(e.message, "ERR value is not an integer or out of range");
  });

  it("instances are isolated and take options and a clock", () => {
    const clock = new ManualClock(T0);
    const a = createInProcess({ clock, databases: 3 });
    const b = createInProcess();
    a.call("SET", "k", "a", "EX", "10");
    assert.equal(b.call("GET", "k"), null);
    assert.equal(a.call("TTL", "k"), 10);
    clock.advance(10_001);
    assert.equal(a.call("GET", "k"), null);
    assert.ok(a.call("SELECT", "3") instanceof ReplyError);
    assert.equal(a.call("SELECT", "2"), "OK");
    assert.equal(a.engine.dbs.length, 3);
  });
});
