/**
 * Sorted set benchmarks at 1k, 100k and 1M members, to show the O(log n)
 * growth of ZADD and of range starts (ZRANGE 0 9, a 10-element range in the
 * middle by rank and by score, ZRANK). Commands run through the engine as a
 * client would send them (dispatch and reply encoding included). Run:
 *   npx deno run -A bench/datatypes-zset.bench.ts [size ...]
 *   npx bun bench/datatypes-zset.bench.ts [size ...]
 * One size per process gives steadier numbers (the big sets' heap makes
 * garbage collection pauses that smear over the small sets' figures).
 *
 * @module
 */
import { bench, group, run } from "mitata";
import process from "node:process";
import { Config } from "../lib/config/config.ts";
import { createEngine } from "../lib/server/server.ts";

const config = new Config();
config.set("save", "");
const engine = createEngine({ config });
const client = engine.createClient();

function exec(argv: string[]): void {
  engine.execute(client, argv);
  client.reply.reset();
}

const args = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = args.length ? args : [1_000, 100_000, 1_000_000];

// Members "m<i>" with scores i * 2, so odd scores are free for new inserts.
for (const n of SIZES) {
  const key = "z" + n;
  const batch: string[] = ["ZADD", key];
  for (let i = 0; i < n; i++) {
    batch.push(String(i * 2), "m" + i);
    if (batch.length >= 2 + 2 * 1000) {
      exec(batch);
      batch.length = 2;
    }
  }
  if (batch.length > 2) exec(batch);
}

let seq = 0;
for (const n of SIZES) {
  const key = "z" + n;
  const mid = String(n >> 1);
  const midEnd = String((n >> 1) + 9);
  const midScore = String(n);
  const midScoreEnd = String(n + 18);
  group(`sorted set of ${n} members`, () => {
    bench("ZADD new member (then ZREM)", () => {
      const m = "new" + (seq++ & 1023);
      const score = String(((seq * 7919) % n) * 2 + 1);
      exec(["ZADD", key, score, m]);
      exec(["ZREM", key, m]);
    });
    bench("ZADD existing member, score update", () => {
      const i = (seq++ * 7919) % n;
      exec(["ZADD", key, String(i * 2 + (seq & 1 ? 0 : 0.5)), "m" + i]);
    });
    bench("ZRANGE 0 9", () => exec(["ZRANGE", key, "0", "9"]));
    bench("ZRANGE mid 10 WITHSCORES", () => exec(["ZRANGE", key, mid, midEnd, "WITHSCORES"]));
    bench("ZRANGEBYSCORE mid 10", () => exec(["ZRANGEBYSCORE", key, midScore, midScoreEnd]));
    bench("ZRANK", () => exec(["ZRANK", key, "m" + ((seq++ * 7919) % n)]));
    bench("ZSCORE", () => exec(["ZSCORE", key, "m" + ((seq++ * 7919) % n)]));
  });
}

await run();
