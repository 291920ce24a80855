/**
 * Many connections at once over real sockets, with a server started in this
 * process (startFerrous, the core of mod.ts's startServer, for engine access)
 * under the runtime running the test: WATCH races,
 * pub/sub fan-out of pipelined publishes, a subscriber that never reads (it
 * is disconnected at the output buffer limit, memory stays bounded), blocked
 * clients served in order with their pipelines held, CLIENT PAUSE holding
 * pipelines in order, a client that stops reading (its writes wait, nothing
 * is lost, others are served).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { connect, type Socket } from "node:net";
import { Config } from "../../lib/config/config.ts";
import { CLIENT_PUBSUB } from "../../lib/core/client.ts";
import { type FerrousServer, startFerrous } from "../../lib/server/server.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { encodeCommand } from "../helpers/resp.ts";
import { decodeReply } from "../../lib/resp/decode.ts";

const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling), or fails after `ms`. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached in " + ms + " ms");
    await sleep(5);
  }
}

describe("concurrency over sockets", () => {
  let ferrous: FerrousServer;
  /** The server as tests use it: its port and in-process calls. */
  const server = {
    port: 0,
    call: (...argv: string[]): unknown => {
      const engine = ferrous.engine;
      const c = engine.createClient();
      engine.execute(c, argv);
      const out = c.reply.take();
      engine.removeClient(c);
      return decodeReply(out);
    },
  };
  before(async () => {
    // The lib-level start (startServer's core) gives access to the engine for memory checks.
    const config = new Config();
    config.set("port", "0", true);
    config.set("bind", "127.0.0.1", true);
    config.set("save", "", true);
    config.set("client-output-buffer-limit", "pubsub 1mb 256kb 60", true);
    ferrous = await startFerrous({ config });
    server.port = ferrous.port;
  });
  after(async () => {
    await ferrous.close();
  });

  /** Subscribers of a channel, from the server's own view. */
  const numsub = (channel: string) => {
    const r = server.call("PUBSUB", "NUMSUB", channel) as [string, number];
    return r[1];
  };

  /** INFO's blocked_clients (undefined while the server has no INFO). */
  const blockedClients = (): number | undefined => {
    const info = server.call("INFO", "clients");
    const m = typeof info === "string" ? /blocked_clients:(\d+)/.exec(info) : null;
    return m ? Number(m[1]) : undefined;
  };
  const untilBlocked = async (n: number) => {
    if (blockedClients() === undefined) return sleep(50);
    await until(() => blockedClients() === n);
  };

  it("WATCH races: every increment lands exactly once", async () => {
    server.call("SET", "counter", "0");
    const WORKERS = 8;
    const EACH = 25;
    let aborted = 0;
    const worker = async () => {
      const c = await RawClient.connect(server.port);
      try {
        for (let done = 0; done < EACH;) {
          assert.equal(await c.command("WATCH", "counter"), "+OK\r\n");
          const got = await c.command("GET", "counter");
          const n = Number(got.split("\r\n")[1]);
          // Yield so that other workers interleave between WATCH and EXEC.
          await sleep(0);
          c.send(
            encodeCommand(["MULTI"]) + encodeCommand(["SET", "counter", String(n + 1)]) +
              encodeCommand(["EXEC"]),
          );
          const [m, q, e] = await c.readReplies(3);
          assert.equal(m, "+OK\r\n");
          assert.equal(q, "+QUEUED\r\n");
          if (e === "*-1\r\n") aborted++;
          else {
            assert.equal(e, "*1\r\n+OK\r\n");
            done++;
          }
        }
      } finally {
        c.close();
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    assert.equal(server.call("GET", "counter"), String(WORKERS * EACH));
    assert.ok(aborted > 0, "some EXECs should have lost the race");
  });

  it("pub/sub: pipelined publishes fan out to every subscriber in order", async () => {
    const N = 1000;
    const subs = await Promise.all([0, 1, 2].map(() => RawClient.connect(server.port)));
    assert.equal((await subs[2].command("HELLO", "3")).slice(0, 4), "%7\r\n");
    assert.equal(
      await subs[0].command("SUBSCRIBE", "fan"),
      "*3\r\n$9\r\nsubscribe\r\n$3\r\nfan\r\n:1\r\n",
    );
    assert.equal(
      await subs[1].command("PSUBSCRIBE", "f*"),
      "*3\r\n$10\r\npsubscribe\r\n$2\r\nf*\r\n:1\r\n",
    );
    assert.equal(
      await subs[2].command("SUBSCRIBE", "fan"),
      ">3\r\n$9\r\nsubscribe\r\n$3\r\nfan\r\n:1\r\n",
    );
    const pub = await RawClient.connect(server.port);
    let batch = "";
    for (let i = 0; i < N; i++) batch += encodeCommand(["PUBLISH", "fan", "m" + i]);
    pub.send(batch);
    const replies = await pub.readReplies(N);
    assert.ok(replies.every((r) => r === ":3\r\n"));
    const got0 = await subs[0].readReplies(N);
    const got1 = await subs[1].readReplies(N);
    const got2 = await subs[2].readReplies(N);
    for (let i = 0; i < N; i++) {
      const m = "m" + i;
      assert.equal(got0[i], "*3\r\n" + bulk("message") + bulk("fan") + bulk(m));
      assert.equal(got1[i], "*4\r\n" + bulk("pmessage") + bulk("f*") + bulk("fan") + bulk(m));
      assert.equal(got2[i], ">3\r\n" + bulk("message") + bulk("fan") + bulk(m));
    }
    for (const c of [...subs, pub]) c.close();
  });

  it("a subscriber that never reads is disconnected; memory stays bounded", async () => {
    const sub: Socket = await new Promise((resolve, reject) => {
      const s = connect({ port: server.port, host: "127.0.0.1" });
      s.once("error", reject);
      s.once("connect", () => resolve(s));
    });
    let closed = false;
    sub.on("close", () => (closed = true));
    sub.on("error", () => {});
    sub.write(Buffer.from(encodeCommand(["SUBSCRIBE", "flood"]), "latin1"));
    await until(() => numsub("flood") === 1);
    // From now on the subscriber reads nothing: the kernel buffers fill up.
    sub.pause();
    const pub = await RawClient.connect(server.port);
    const payload = "x".repeat(16 * 1024);
    // The largest unsent output any subscriber had, sampled after every command.
    let peak = 0;
    ferrous.engine.hooks.afterCommand.push(() => {
      for (const c of ferrous.engine.clients.values()) {
        if (c.flags & CLIENT_PUBSUB) peak = Math.max(peak, c.reply.len + c.outputBufferBytes);
      }
    });
    // 64 MB of messages, far over the 1 MB hard limit.
    let lastReply = "";
    for (let round = 0; round < 16; round++) {
      let batch = "";
      for (let i = 0; i < 256; i++) batch += encodeCommand(["PUBLISH", "flood", payload]);
      pub.send(batch);
      const replies = await pub.readReplies(256, 20000);
      lastReply = replies[replies.length - 1];
    }
    assert.equal(lastReply, ":0\r\n", "the subscriber must have been dropped");
    assert.equal(numsub("flood"), 0);
    // Bounded by the 1 MB hard limit plus one message, not by the 64 MB sent.
    assert.ok(peak > 0 && peak < 1024 * 1024 + 17 * 1024, "peak pending output " + peak);
    sub.resume();
    await until(() => closed, 5000);
    pub.close();
  });

  it("a client that stops reading gets every reply in order once it reads again", async () => {
    const SIZE = 256 * 1024;
    const COUNT = 64; // 16 MB of replies: more than the kernel's socket buffers hold
    const values: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      values.push(String(i).padStart(8, "0") + "y".repeat(SIZE - 8));
      server.call("SET", "big:" + i, values[i]);
    }
    const slow: Socket = await new Promise((resolve, reject) => {
      const s = connect({ port: server.port, host: "127.0.0.1" });
      s.once("error", reject);
      s.once("connect", () => resolve(s));
    });
    slow.pause();
    const chunks: Buffer[] = [];
    let received = 0;
    slow.on("data", (c: Buffer) => {
      chunks.push(c);
      received += c.length;
    });
    let batch = "";
    for (let i = 0; i < COUNT; i++) batch += encodeCommand(["GET", "big:" + i]);
    slow.write(Buffer.from(batch, "latin1"));
    // The server holds unsent output (its write waits for the peer)...
    const pendingOutput = () =>
      [...ferrous.engine.clients.values()].some((c) => c.outputBufferBytes > 0);
    await until(pendingOutput);
    await sleep(100);
    assert.ok(pendingOutput(), "the write must still be waiting for the peer");
    // ...and serves everyone else meanwhile.
    const other = await RawClient.connect(server.port);
    assert.equal(await other.command("PING"), "+PONG\r\n");
    other.close();
    const expected = values.map((v) => "$" + SIZE + "\r\n" + v + "\r\n").join("");
    slow.resume();
    await until(() => received >= expected.length, 10000);
    assert.equal(received, expected.length);
    assert.ok(Buffer.concat(chunks).equals(Buffer.from(expected, "latin1")), "replies differ");
    slow.destroy();
    for (let i = 0; i < COUNT; i++) server.call("DEL", "big:" + i);
  });

  it("blocked clients are served in order and hold their pipelines", async () => {
    const waiters: RawClient[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await RawClient.connect(server.port);
      // BLPOP then PING in one write: PING must wait for BLPOP.
      c.send(encodeCommand(["BLPOP", "jobs", "0"]) + encodeCommand(["PING"]));
      await untilBlocked(i + 1);
      waiters.push(c);
    }
    assert.equal(waiters[0].pending(), "");
    const prod = await RawClient.connect(server.port);
    assert.equal(await prod.command("RPUSH", "jobs", "a", "b", "c"), ":3\r\n");
    for (let i = 0; i < 3; i++) {
      const [popped, pong] = await waiters[i].readReplies(2);
      assert.equal(popped, "*2\r\n" + bulk("jobs") + bulk("abc"[i]));
      assert.equal(pong, "+PONG\r\n");
    }
    await sleep(30);
    assert.equal(waiters[3].pending(), "");
    assert.equal(blockedClients() ?? 2, 2);
    // A waiter that disconnects is forgotten; the next one gets the element.
    waiters[3].close();
    await untilBlocked(1);
    assert.equal(await prod.command("LPUSH", "jobs", "d"), ":1\r\n");
    assert.deepEqual(await waiters[4].readReplies(2), [
      "*2\r\n" + bulk("jobs") + bulk("d"),
      "+PONG\r\n",
    ]);
    assert.equal(await prod.command("LLEN", "jobs"), ":0\r\n");
    // Timeouts over sockets.
    assert.equal(await waiters[0].command("BRPOP", "nothing", "0.05"), "*-1\r\n");
    for (const c of [...waiters, prod]) c.close();
  });

  it("CLIENT PAUSE WRITE holds a pipeline and runs it in order after UNPAUSE", async () => {
    const admin = await RawClient.connect(server.port);
    const c = await RawClient.connect(server.port);
    assert.equal(await admin.command("CLIENT", "PAUSE", "100000", "WRITE"), "+OK\r\n");
    c.send(
      encodeCommand(["GET", "p"]) + encodeCommand(["SET", "p", "1"]) + encodeCommand(["GET", "p"]),
    );
    assert.equal(await c.readReply(), "$-1\r\n");
    await sleep(50);
    assert.equal(c.pending(), "");
    assert.equal(await admin.command("CLIENT", "UNPAUSE"), "+OK\r\n");
    assert.deepEqual(await c.readReplies(2), ["+OK\r\n", "$1\r\n1\r\n"]);
    admin.close();
    c.close();
  });
});
