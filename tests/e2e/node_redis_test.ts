/** node-redis (`redis` v6) against Ferrous and redis-server: the shared cases, then its typed API. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClient } from "redis";
import { nodeRedis } from "../helpers/clients.ts";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { clientSuite, perConnection, startTarget, targets } from "./harness.ts";

clientSuite({
  name: nodeRedis.name,
  protocols: nodeRedis.protocols,
  run: perConnection(nodeRedis),
});

for (const target of targets()) {
  describe(`node-redis specifics against ${target}`, () => {
    let server: ServerHandle;
    before(async () => {
      server = await startTarget(target);
    });
    after(async () => {
      await server.stop();
    });

    for (const RESP of [2, 3] as const) {
      it(`RESP${RESP}: typed commands, pipelining and the database option`, {
        timeout: SLOW_TEST_MS,
      }, async () => {
        const c = createClient({
          socket: { port: server.port, host: "127.0.0.1", reconnectStrategy: false },
          RESP,
          database: 2,
        });
        c.on("error", () => {});
        await c.connect();
        try {
          assert.equal(await c.ping(), "PONG");
          assert.equal(await c.set("nr:a", "1", { expiration: { type: "EX", value: 100 } }), "OK");
          assert.equal(await c.get("nr:a"), "1");
          assert.equal(await c.set("nr:a", "2", { condition: "NX" }), null);
          assert.equal(await c.echo("hi"), "hi");
          // Commands issued together go out in one write and come back in order.
          const replies = await Promise.all(
            Array.from({ length: 300 }, (_, i) => c.set("nr:p:" + i, "v" + i)),
          );
          assert.equal(replies.length, 300);
          const values = await Promise.all(
            Array.from({ length: 300 }, (_, i) => c.get("nr:p:" + i)),
          );
          assert.deepEqual(values, Array.from({ length: 300 }, (_, i) => "v" + i));
          await assert.rejects(
            c.sendCommand(["GET"]),
            (e: Error) => e.message === "ERR wrong number of arguments for 'get' command",
          );
        } finally {
          c.destroy();
        }
      });
    }
  });
}
