/**
 * Stream benchmarks at 1k, 100k and 10M entries: XADD, XRANGE / XREVRANGE
 * COUNT 10 (start found by binary search, so flat in the stream size),
 * XDEL + re-add, and a consumer group's XREADGROUP COUNT 10 + XACK. Commands
 * run through the engine as a client would send them (dispatch and reply
 * encoding included). Run:
 *   npx deno run -A --v8-flags=--max-old-space-size=8192 bench/streams.bench.ts
 *   npx bun bench/streams.bench.ts
 * Set STREAM_BENCH_SIZES=1000,100000 to skip the 10M stream.
 *
 * @module
 */
import process from "node:process";
import { bench, group, run } from "mitata";
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

const SIZES = (process.env.STREAM_BENCH_SIZES ?? "1000,100000,10000000").split(",").map(Number);

// Entry i has ID (i+1)-0 and one field, so IDs of any position are known.
for (const n of SIZES) {
  const key = "s" + n;
  const argv = ["XADD", key, "", "field", ""];
  for (let i = 0; i < n; i++) {
    argv[2] = String(i + 1);
    argv[4] = "v" + i;
    exec(argv);
  }
  exec(["XGROUP", "CREATE", key, "g", "0"]);
}

let seq = 0;
for (const n of SIZES) {
  const key = "s" + n;
  const addKey = "add" + n;
  const midStart = String(n >> 1);
  const readCursor = { at: 0 };
  group(`stream of ${n} entries`, () => {
    bench("XADD * (one field)", () => exec(["XADD", key, "*", "field", "value"]));
    bench("XRANGE - + COUNT 10", () => exec(["XRANGE", key, "-", "+", "COUNT", "10"]));
    bench("XRANGE mid COUNT 10", () => exec(["XRANGE", key, midStart, "+", "COUNT", "10"]));
    bench("XRANGE random COUNT 10", () => {
      const at = String(((seq++ * 7919) % n) + 1);
      exec(["XRANGE", key, at, "+", "COUNT", "10"]);
    });
    bench("XREVRANGE + - COUNT 10", () => exec(["XREVRANGE", key, "+", "-", "COUNT", "10"]));
    bench("XREADGROUP COUNT 10 + XACK", () => {
      if (readCursor.at + 10 > n) {
        exec(["XGROUP", "SETID", key, "g", "0"]);
        readCursor.at = 0;
      }
      exec(["XREADGROUP", "GROUP", "g", "c", "COUNT", "10", "STREAMS", key, ">"]);
      const ack = ["XACK", key, "g"];
      for (let i = 1; i <= 10; i++) ack.push(readCursor.at + i + "-0");
      exec(ack);
      readCursor.at += 10;
    });
    bench("XADD MAXLEN ~ 1000 (capped stream)", () => {
      exec(["XADD", addKey, "MAXLEN", "~", "1000", "*", "field", "value"]);
    });
    bench("XLEN", () => exec(["XLEN", key]));
  });
}

await run();
