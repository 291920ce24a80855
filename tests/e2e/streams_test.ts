/**
 * A consumer group over real sockets: a producer, two consumers blocked in
 * XREADGROUP, one of them crashing with an entry unacknowledged, and the
 * other recovering it with XAUTOCLAIM. Then the same work queue driven by a
 * client library (ioredis), over RESP2 and RESP3.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Redis } from "ioredis";
import { type RunningServer, startServer } from "../../mod.ts";
import { decodeReply, type ReplyValue } from "../../lib/resp/decode.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { bytes } from "../helpers/resp.ts";
import { SLOW_TEST_MS } from "../helpers/servers.ts";

const SLOW = { timeout: SLOW_TEST_MS };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function call(c: RawClient, ...argv: string[]): Promise<ReplyValue> {
  return decodeReply(bytes(await c.command(...argv)));
}

async function read(c: RawClient): Promise<ReplyValue> {
  return decodeReply(bytes(await c.readReply()));
}

/** Waits until the server counts `n` blocked clients. */
async function blockedClients(server: RunningServer, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const info = String(server.call("INFO", "clients"));
    if (info.includes("blocked_clients:" + n + "\r\n")) return;
    await sleep(5);
  }
  throw new Error("clients did not block");
}

describe("stream consumer group over sockets", () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.close();
  });

  it("producer, two consumers, a crash and XAUTOCLAIM recovery", SLOW, async () => {
    const producer = await RawClient.connect(server.port);
    const alice = await RawClient.connect(server.port);
    let bob = await RawClient.connect(server.port);
    try {
      assert.equal(
        await call(producer, "XGROUP", "CREATE", "jobs", "workers", "$", "MKSTREAM"),
        "OK",
      );
      // Both wait for work; the first to block is served first.
      alice.send(
        "*9\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$7\r\nworkers\r\n$5\r\nalice\r\n" +
          "$5\r\nCOUNT\r\n$1\r\n1\r\n$7\r\nSTREAMS\r\n$4\r\njobs\r\n$1\r\n>\r\n",
      );
      assert.deepEqual(await read(alice), null);
      const block = (who: RawClient, name: string) =>
        who.send(
          `*11\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$7\r\nworkers\r\n$${name.length}\r\n${name}\r\n` +
            "$5\r\nCOUNT\r\n$1\r\n1\r\n$5\r\nBLOCK\r\n$4\r\n5000\r\n$7\r\nSTREAMS\r\n$4\r\njobs\r\n$1\r\n>\r\n",
        );
      block(alice, "alice");
      await blockedClients(server, 1);
      block(bob, "bob");
      await blockedClients(server, 2);
      assert.equal(await call(producer, "XADD", "jobs", "1-0", "task", "resize"), "1-0");
      assert.equal(await call(producer, "XADD", "jobs", "2-0", "task", "upload"), "2-0");
      assert.deepEqual(await read(alice), [["jobs", [["1-0", ["task", "resize"]]]]]);
      assert.deepEqual(await read(bob), [["jobs", [["2-0", ["task", "upload"]]]]]);

      // Alice finishes her job; Bob crashes holding his.
      assert.equal(await call(alice, "XACK", "jobs", "workers", "1-0"), 1);
      bob.close();
      await sleep(30);
      assert.deepEqual(await call(producer, "XPENDING", "jobs", "workers"), [
        1,
        "2-0",
        "2-0",
        [["bob", "1"]],
      ]);

      // Not idle long enough yet: nothing to claim.
      assert.deepEqual(await call(alice, "XAUTOCLAIM", "jobs", "workers", "alice", "60000", "0"), [
        "0-0",
        [],
        [],
      ]);
      assert.deepEqual(await call(alice, "XAUTOCLAIM", "jobs", "workers", "alice", "20", "0"), [
        "0-0",
        [["2-0", ["task", "upload"]]],
        [],
      ]);
      const pending = (await call(producer, "XPENDING", "jobs", "workers", "-", "+", "10")) as [
        string,
        string,
        number,
        number,
      ][];
      assert.equal(pending.length, 1);
      assert.equal(pending[0][1], "alice");
      assert.equal(pending[0][3], 2);
      assert.equal(await call(alice, "XACK", "jobs", "workers", "2-0"), 1);
      const groups = (await call(producer, "XINFO", "GROUPS", "jobs")) as ReplyValue[][];
      assert.deepEqual(groups[0], [
        "name",
        "workers",
        "consumers",
        2,
        "pending",
        0,
        "last-delivered-id",
        "2-0",
        "entries-read",
        2,
        "lag",
        0,
      ]);

      // A consumer that disconnects while blocked is forgotten: the next
      // entry goes to the one still waiting.
      bob = await RawClient.connect(server.port);
      block(bob, "bob");
      await blockedClients(server, 1);
      bob.close();
      await blockedClients(server, 0);
      block(alice, "alice");
      await blockedClients(server, 1);
      await call(producer, "XADD", "jobs", "3-0", "task", "mail");
      assert.deepEqual(await read(alice), [["jobs", [["3-0", ["task", "mail"]]]]]);
    } finally {
      producer.close();
      alice.close();
      bob.close();
    }
  });

  it(
    "the group is destroyed while a consumer waits: NOGROUP; the key deleted: UNBLOCKED",
    SLOW,
    async () => {
      const admin = await RawClient.connect(server.port);
      const reader = await RawClient.connect(server.port);
      try {
        await call(admin, "XGROUP", "CREATE", "q", "g", "$", "MKSTREAM");
        const block = () =>
          reader.send(
            "*10\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$1\r\ng\r\n$1\r\nc\r\n" +
              "$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$1\r\nq\r\n$1\r\n>\r\n$0\r\n\r\n",
          );
        // An odd number of STREAMS arguments is an error, not a wait.
        block();
        assert.equal(
          await reader.readReply(),
          "-ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.\r\n",
        );
        reader.send(
          "*9\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$1\r\ng\r\n$1\r\nc\r\n" +
            "$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$1\r\nq\r\n$1\r\n>\r\n",
        );
        await blockedClients(server, 1);
        await call(admin, "XGROUP", "DESTROY", "q", "g");
        assert.equal(
          await reader.readReply(),
          "-NOGROUP the consumer group this client was blocked on no longer exists\r\n",
        );
        await call(admin, "XGROUP", "CREATE", "q", "g", "$");
        reader.send(
          "*9\r\n$10\r\nXREADGROUP\r\n$5\r\nGROUP\r\n$1\r\ng\r\n$1\r\nc\r\n" +
            "$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$1\r\nq\r\n$1\r\n>\r\n",
        );
        await blockedClients(server, 1);
        await call(admin, "DEL", "q");
        assert.equal(await reader.readReply(), "-UNBLOCKED the stream key no longer exists\r\n");
      } finally {
        admin.close();
        reader.close();
      }
    },
  );

  for (const protocol of [2, 3] as const) {
    it(`ioredis work queue (RESP${protocol})`, SLOW, async () => {
      const opts = {
        port: server.port,
        host: "127.0.0.1",
        protocol,
        enableReadyCheck: false,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      };
      const producer = new Redis(opts);
      const worker = new Redis(opts);
      producer.on("error", () => {});
      worker.on("error", () => {});
      const key = "queue" + protocol;
      try {
        await producer.xgroup("CREATE", key, "g", "$", "MKSTREAM");
        const waiting = worker.xreadgroup("GROUP", "g", "w", "BLOCK", 5000, "STREAMS", key, ">");
        await blockedClients(server, 1);
        const id = await producer.xadd(key, "*", "n", "1");
        const got = await waiting;
        const expected = [[key, [[id, ["n", "1"]]]]];
        // ioredis turns the RESP3 map into the same [key, entries] pairs.
        assert.deepEqual(got, expected);
        assert.equal(await worker.xack(key, "g", id!), 1);
        assert.equal(await producer.xlen(key), 1);
        assert.deepEqual(await producer.xrange(key, "-", "+"), [[id, ["n", "1"]]]);
      } finally {
        producer.disconnect();
        worker.disconnect();
      }
    });
  }
});
