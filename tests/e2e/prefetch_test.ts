/**
 * Pipelined chunks over a real socket against a database large enough for
 * the connection to read keys and members ahead (lib/server/prefetch.ts):
 * the replies must be exactly those of the same commands run one by one
 * in-process on a twin database, under the runtime running the test.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Config } from "../../lib/config/config.ts";
import { type FerrousServer, startFerrous } from "../../lib/server/server.ts";
import { createInProcess, type InProcess } from "../../mod.ts";
import { prefetchTotals } from "../../lib/server/prefetch.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { encodeCommand } from "../helpers/resp.ts";

const KEYS = 40_000;

/** The same data in both: 40k string keys, a set, a hash and a sorted set of 40k members. */
function fill(call: (...argv: string[]) => unknown): void {
  for (let i = 0; i < KEYS; i++) call("SET", "key:" + i, String(i));
  for (let i = 0; i < KEYS; i++) {
    call("SADD", "myset", "element:" + i);
    call("HSET", "myhash", "field:" + i, "v" + i);
    call("ZADD", "myzset", String(i), "member:" + i);
  }
}

describe("pipelined commands on a large database (prefetching)", () => {
  let ferrous: FerrousServer;
  let twin: InProcess;
  let client: RawClient;

  before(async () => {
    const config = new Config();
    config.set("port", "0", true);
    config.set("bind", "127.0.0.1", true);
    config.set("save", "", true);
    ferrous = await startFerrous({ config });
    const engine = ferrous.engine;
    const c = engine.createClient();
    fill((...argv) => {
      engine.execute(c, argv);
      c.reply.take();
    });
    engine.removeClient(c);
    twin = createInProcess();
    fill((...argv) => twin.call(...argv));
    client = await RawClient.connect(ferrous.port);
  });
  after(async () => {
    client.close();
    await ferrous.close();
  });

  it("gives the replies of the same commands run one by one", async () => {
    let seed = 5;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
    const dec = new TextDecoder("latin1");
    const start = prefetchTotals();
    for (let round = 0; round < 20; round++) {
      const commands: string[][] = [];
      for (let i = 0; i < 64; i++) {
        const k = String(rnd(KEYS + 100));
        const pick = rnd(12);
        commands.push(
          pick === 0
            ? ["GET", "key:" + k]
            : pick === 1
            ? ["SET", "key:" + k, "new" + k]
            : pick === 2
            ? ["INCR", "key:" + k]
            : pick === 3
            ? ["SADD", "myset", "element:" + k]
            : pick === 4
            ? ["SISMEMBER", "myset", "element:" + k]
            : pick === 5
            ? ["HSET", "myhash", "field:" + k, "w"]
            : pick === 6
            ? ["HGET", "myhash", "field:" + k]
            : pick === 7
            ? ["ZADD", "myzset", String(rnd(1000)), "member:" + k]
            : pick === 8
            ? ["ZSCORE", "myzset", "member:" + k]
            : pick === 9
            ? ["DEL", "key:" + k]
            : pick === 10
            ? ["SREM", "myset", "element:" + k]
            : ["EXISTS", "key:" + k, "key:" + (Number(k) + 1)],
        );
      }
      // One write: the server reads it as one chunk (or a few), prefetching ahead.
      client.send(commands.map((argv) => encodeCommand(argv)).join(""));
      const got = await client.readReplies(commands.length);
      const want = commands.map((argv) => dec.decode(twin.callRaw(...argv)));
      assert.deepEqual(got, want, `round ${round}`);
    }
    // The chunks were read ahead: keys, and members of the set, hash and sorted set.
    const end = prefetchTotals();
    assert.ok(end.keys - start.keys >= 20 * 2, `keys read ahead: ${end.keys - start.keys}`);
    assert.ok(end.members > start.members, "members read ahead");
  });
});
