/** Bun's built-in RedisClient (only under Bun) against Ferrous and redis-server. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { bunRedis } from "../helpers/clients.ts";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { clientSuite, perConnection, startTarget, targets } from "./harness.ts";

clientSuite({
  name: bunRedis.name,
  protocols: bunRedis.protocols,
  run: perConnection(bunRedis),
  unavailable: bunRedis.unavailable,
});

// deno-lint-ignore no-explicit-any
const Bun_ = (globalThis as any).Bun;

for (const target of targets()) {
  describe(`Bun.RedisClient specifics against ${target}`, () => {
    let server: ServerHandle | undefined;
    before(async () => {
      if (!bunRedis.unavailable) server = await startTarget(target);
    });
    after(async () => {
      await server?.stop();
    });

    it("typed methods and many commands in flight", {
      skip: bunRedis.unavailable,
      timeout: SLOW_TEST_MS,
    }, async () => {
      const c = new Bun_.RedisClient(`redis://127.0.0.1:${server!.port}`, {
        autoReconnect: false,
      });
      try {
        assert.equal(await c.set("bun:a", "1"), "OK");
        assert.equal(await c.get("bun:a"), "1");
        assert.equal(await c.get("bun:missing"), null);
        assert.equal(await c.ping(), "PONG");
        const replies = await Promise.all(
          Array.from({ length: 500 }, (_, i) => c.set("bun:p:" + i, String(i))),
        );
        assert.equal(replies.filter((r: string) => r === "OK").length, 500);
        const values = await Promise.all(
          Array.from({ length: 500 }, (_, i) => c.get("bun:p:" + i)),
        );
        assert.deepEqual(values, Array.from({ length: 500 }, (_, i) => String(i)));
        const buf: Uint8Array = await c.getBuffer("bun:a");
        assert.deepEqual([...buf], [49]);
      } finally {
        c.close();
      }
    });
  });
}
