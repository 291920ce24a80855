/**
 * List, hash and set benchmarks at 1k, 10k, 100k and 1M elements, to show
 * that per-operation time stays flat as the collection grows: LPUSH+LPOP and
 * RPUSH+LPOP (deque ends), LINDEX in the middle, SADD/SREM, SISMEMBER, SPOP
 * (random member), HSET/HDEL, HGET, HRANDFIELD. Commands run through the
 * engine as a client would send them (dispatch and reply encoding included).
 * Run:
 *   npx deno run -A bench/datatypes-lists-hashes-sets.bench.ts
 *   npx bun bench/datatypes-lists-hashes-sets.bench.ts
 *
 * @module
 */
import { bench, group, run } from "mitata";
import { Config } from "../lib/config/config.ts";
import { createEngine } from "../lib/server/server.ts";

const config = new Config();
config.set("save", "");
const engine = createEngine({ config });
const client = engine.createClient();

/** One command as a connection runs it (a batch of one: startBatch/endBatch keep timing state bounded). */
function exec(argv: string[]): void {
  engine.startBatch(client);
  engine.execute(client, argv);
  engine.endBatch();
  client.reply.reset();
}

const SIZES = [1_000, 10_000, 100_000, 1_000_000];

function fill(cmd: string, key: string, n: number, item: (i: number) => string[]): void {
  const batch = [cmd, key];
  for (let i = 0; i < n; i++) {
    batch.push(...item(i));
    if (batch.length >= 2002) {
      exec(batch);
      batch.length = 2;
    }
  }
  if (batch.length > 2) exec(batch);
}

for (const n of SIZES) {
  fill("RPUSH", "l" + n, n, (i) => ["e" + i]);
  fill("SADD", "s" + n, n, (i) => ["m" + i]);
  fill("HSET", "h" + n, n, (i) => ["f" + i, "v" + i]);
}

let seq = 0;
for (const n of SIZES) {
  const l = "l" + n;
  const s = "s" + n;
  const h = "h" + n;
  const mid = String(n >> 1);
  group(`${n} elements`, () => {
    bench("LPUSH + LPOP", () => {
      exec(["LPUSH", l, "x"]);
      exec(["LPOP", l]);
    });
    bench("RPUSH + LPOP (queue)", () => {
      exec(["RPUSH", l, "x"]);
      exec(["LPOP", l]);
    });
    bench("LINDEX middle", () => exec(["LINDEX", l, mid]));
    bench("SADD new + SREM", () => {
      const m = "new" + (seq++ & 1023);
      exec(["SADD", s, m]);
      exec(["SREM", s, m]);
    });
    bench("SISMEMBER", () => exec(["SISMEMBER", s, "m" + ((seq++ * 7919) % n)]));
    bench("SPOP + SADD back", () => {
      exec(["SPOP", s]);
      exec(["SADD", s, "m" + (seq++ % n)]);
    });
    bench("HSET new + HDEL", () => {
      const f = "new" + (seq++ & 1023);
      exec(["HSET", h, f, "v"]);
      exec(["HDEL", h, f]);
    });
    bench("HSET existing", () => exec(["HSET", h, "f" + ((seq++ * 7919) % n), "w"]));
    bench("HGET", () => exec(["HGET", h, "f" + ((seq++ * 7919) % n)]));
    bench("HRANDFIELD", () => exec(["HRANDFIELD", h]));
  });
}

await run();
