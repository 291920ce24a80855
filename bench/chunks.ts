/**
 * In-process cost per command of redis-benchmark's payloads, fed as
 * pipelined 16-command chunks through the parser, the engine and the reply
 * writer exactly as a connection does (startBatch, feed, endBatch, swap),
 * without sockets. It isolates what the server's own code costs from the
 * kernel and the runtime's I/O, which dominate a redis-benchmark run.
 *
 *   npx deno run -A bench/chunks.ts [--random] [--only SET,GET] [--rounds 100000]
 *   npx bun bench/chunks.ts [--random]
 *
 * --random: keys and members drawn from 100k (redis-benchmark -r 100000),
 * with the keyspace filled first, from 4096 pre-built chunks (40000 for
 * ZADD: 4096 chunks name each member about once, so from the second pass on
 * every ZADD gave a member the score it already had, a no-op instead of a
 * move in the tree; with 40000 a member comes back with other scores).
 * --pops: instead, SPOP and ZPOPMIN timed only while there is something to
 * pop: each collection is filled by 300k random SADD/ZADD first (as
 * redis-benchmark's earlier tests fill it), then popped until empty.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import process from "node:process";
import { parseArgs } from "node:util";
import { type CommandSink, RespParser } from "../lib/resp/parser.ts";
import { createEngine } from "../lib/server/server.ts";
import { Config } from "../lib/config/config.ts";
import { pickDecoder } from "../lib/transport/mod.ts";

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    random: { type: "boolean", default: false },
    only: { type: "string" },
    rounds: { type: "string", default: "100000" },
    pops: { type: "boolean", default: false },
  },
});

const RANGE = 100_000;
/** redis-benchmark's commands (its defaults: 3-byte values, `__rand_int__` keys). */
const TESTS: Record<string, string[]> = {
  PING_INLINE: [],
  PING_MBULK: ["PING"],
  SET: ["SET", "key:__rand_int__", "xxx"],
  GET: ["GET", "key:__rand_int__"],
  INCR: ["INCR", "counter:__rand_int__"],
  LPUSH: ["LPUSH", "mylist", "xxx"],
  SADD: ["SADD", "myset", "element:__rand_int__"],
  HSET: ["HSET", "myhash", "element:__rand_int__", "xxx"],
  // redis-benchmark scores ZADD with __rand_int__ under -r, 0 otherwise.
  ZADD: ["ZADD", "myzset", "__score__", "element:__rand_int__"],
  ZPOPMIN: ["ZPOPMIN", "myzset"],
  XADD: ["XADD", "mystream", "*", "field", "value"],
  MSET: ["MSET", ...Array.from({ length: 10 }, () => ["key:__rand_int__", "xxx"]).flat()],
};

function resp(args: string[]): string {
  return "*" + args.length + "\r\n" +
    args.map((a) => "$" + a.length + "\r\n" + a + "\r\n").join("");
}

/** One command with `__rand_int__` replaced as redis-benchmark -r does (12 digits). */
function command(args: string[]): string {
  if (args.length === 0) return "PING\r\n";
  if (!opts.random) return resp(args.map((a) => a === "__score__" ? "0" : a));
  args = args.map((a) => a === "__score__" ? "__rand_int__" : a);
  return resp(args.map((a) =>
    a.replaceAll(
      "__rand_int__",
      () => String(Math.floor(Math.random() * RANGE)).padStart(12, "0"),
    )
  ));
}

const config = new Config();
config.set("save", "");
const engine = createEngine({ config });
const client = engine.createClient();
const parser = new RespParser({}, pickDecoder());
const sink: CommandSink = {
  onCommand(argv) {
    engine.execute(client, argv);
  },
  onProtocolError(e) {
    throw new Error(e);
  },
};

function run(chunks: Buffer[], n: number): void {
  for (let i = 0; i < n; i++) {
    engine.startBatch(client);
    parser.feed(chunks[i % chunks.length], sink);
    engine.endBatch();
    client.reply.swap();
  }
}

function chunksOf(args: string[], count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let c = 0; c < count; c++) {
    let s = "";
    for (let i = 0; i < 16; i++) s += command(args);
    out.push(Buffer.from(s, "latin1"));
    if (!opts.random) break;
  }
  return out;
}

if (opts.random) {
  // Fill the keyspace the way the -r runs find it (SET before GET).
  const fill: Buffer[] = [];
  for (let c = 0; c < RANGE / 16; c++) {
    let s = "";
    for (let i = 0; i < 16; i++) {
      s += resp(["SET", "key:" + String(c * 16 + i).padStart(12, "0"), "xxx"]);
    }
    fill.push(Buffer.from(s, "latin1"));
  }
  run(fill, fill.length);
}

if (opts.pops) {
  opts.random = true;
  const pairs: [string, string[], string[]][] = [
    ["SPOP", TESTS.SADD, ["SPOP", "myset"]],
    ["ZPOPMIN", TESTS.ZADD, ["ZPOPMIN", "myzset"]],
  ];
  console.log(
    "# ns per pop from a collection of ~95k random members, 16-command chunks, " +
      (typeof Deno !== "undefined" ? "Deno " + Deno.version.deno : "Bun " + process.versions.bun),
  );
  for (let round = 0; round < 3; round++) {
    for (const [name, fillArgs, popArgs] of pairs) {
      run(chunksOf(fillArgs, 300_000 / 16), 300_000 / 16);
      const size = (engine.dbs[0].get(popArgs[1]) as { size: number } | undefined)?.size ?? 0;
      const pops = chunksOf(popArgs, 1);
      const n = Math.floor(size / 16);
      const t0 = performance.now();
      run(pops, n);
      const ns = (performance.now() - t0) * 1e6 / (n * 16);
      console.log(name.padEnd(12), ns.toFixed(0), `(${size} members)`);
      engine.dbs[0].delete(popArgs[1]);
    }
  }
  process.exit(0);
}

const only = opts.only?.toUpperCase().split(",");
const rounds = Number(opts.rounds);
console.log(
  `# ns per command, 16-command chunks, ${rounds} chunks${opts.random ? ", -r 100000" : ""}, ` +
    (typeof Deno !== "undefined" ? "Deno " + Deno.version.deno : "Bun " + process.versions.bun),
);
for (const [name, args] of Object.entries(TESTS)) {
  if (only && !only.includes(name)) continue;
  const chunks = chunksOf(args, name === "ZADD" && opts.random ? 40_000 : 4096);
  run(chunks, Math.min(rounds / 5, 20_000));
  const t0 = performance.now();
  run(chunks, rounds);
  const ns = (performance.now() - t0) * 1e6 / rounds / 16;
  console.log(name.padEnd(12), ns.toFixed(0));
  if (name === "XADD") engine.dbs[0].delete("mystream");
}
