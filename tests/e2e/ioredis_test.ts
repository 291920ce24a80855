/** ioredis (6) against Ferrous and redis-server: the shared cases, then ioredis specifics. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { Redis } from "ioredis";
import { ioredis } from "../helpers/clients.ts";
import { needsCommands } from "../helpers/commands.ts";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { clientSuite, perConnection, startTarget, targets } from "./harness.ts";

const SLOW = { timeout: SLOW_TEST_MS };

clientSuite({ name: ioredis.name, protocols: ioredis.protocols, run: perConnection(ioredis) });

for (const target of targets()) {
  describe(`ioredis specifics against ${target}`, () => {
    let server: ServerHandle;
    before(async () => {
      server = await startTarget(target);
    });
    after(async () => {
      await server.stop();
    });

    function client(protocol: 2 | 3, extra: Record<string, unknown> = {}): Redis {
      const r = new Redis({
        port: server.port,
        host: "127.0.0.1",
        protocol,
        enableReadyCheck: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        ...extra,
      });
      r.on("error", () => {});
      return r;
    }

    for (const protocol of [2, 3] as const) {
      it(
        `RESP${protocol}: default options (the ready check sends INFO)`,
        { skip: target === "redis" ? undefined : needsCommands("info"), timeout: SLOW_TEST_MS },
        async () => {
          const r = new Redis({
            port: server.port,
            host: "127.0.0.1",
            protocol,
            maxRetriesPerRequest: 0,
            retryStrategy: () => null,
          });
          r.on("error", () => {});
          try {
            assert.equal(await r.ping(), "PONG");
            assert.equal(r.status, "ready");
          } finally {
            r.disconnect();
          }
        },
      );

      it(`RESP${protocol}: typed commands, pipeline and auto-pipelining`, SLOW, async () => {
        const r = client(protocol);
        try {
          assert.equal(await r.ping(), "PONG");
          assert.equal(await r.set("io:a", "1"), "OK");
          assert.equal(await r.get("io:a"), "1");
          assert.equal(await r.get("io:missing"), null);
          const res = await r.pipeline().set("io:p", "x").get("io:p").echo("e").exec();
          assert.deepEqual(res, [[null, "OK"], [null, "x"], [null, "e"]]);
          const auto = client(protocol, { enableAutoPipelining: true });
          try {
            const values = await Promise.all(
              Array.from({ length: 200 }, (_, i) => auto.set("io:auto:" + i, String(i))),
            );
            assert.equal(values.filter((v) => v === "OK").length, 200);
            const got = await Promise.all(
              Array.from({ length: 200 }, (_, i) => auto.get("io:auto:" + i)),
            );
            assert.deepEqual(got, Array.from({ length: 200 }, (_, i) => String(i)));
          } finally {
            auto.disconnect();
          }
        } finally {
          r.disconnect();
        }
      });

      it(`RESP${protocol}: the db option selects a database`, SLOW, async () => {
        const r = client(protocol, { db: 3 });
        const r0 = client(protocol);
        try {
          await r.set("io:db", "three");
          assert.equal(await r.get("io:db"), "three");
          assert.equal(await r0.get("io:db"), null);
        } finally {
          r.disconnect();
          r0.disconnect();
        }
      });

      it(`RESP${protocol}: a 1 MB binary value round-trips`, SLOW, async () => {
        const r = client(protocol);
        try {
          const big = Buffer.alloc(1024 * 1024);
          for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 8)) & 255;
          assert.equal(await r.set(Buffer.from("io:big\x00", "latin1"), big), "OK");
          const back = await r.getBuffer(Buffer.from("io:big\x00", "latin1"));
          assert.ok(back && Buffer.compare(back, big) === 0);
        } finally {
          r.disconnect();
        }
      });

      it(`RESP${protocol}: error replies reject with the server's text`, SLOW, async () => {
        const r = client(protocol);
        try {
          await assert.rejects(
            r.call("SET", "k"),
            /^ReplyError: ERR wrong number of arguments for 'set' command$/,
          );
        } finally {
          r.disconnect();
        }
      });
    }
  });
}
