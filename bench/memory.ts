/**
 * Memory benchmark: resident memory of redis-server 7.0.15 and of Ferrous
 * under Deno and Bun after the same redis-benchmark load (by default the one
 * of `bench/vs-redis.ts --memory`: `-t set -r 1000000 -n 2000000 -d 16
 * -P 16`, about 865k keys), fresh servers, side by side, with the runtime's
 * heap figures (INFO memory) next to the RSS.
 *
 * Usage (from the repository root; a few minutes):
 *   npx deno run -A bench/memory.ts [--reps 1] [--throughput]
 *       [--servers redis,deno,bun] [--variant 'NAME=[ENV=V ...] deno|bun [flags]' ...]
 *       [--requests 2000000] [--range 1000000] [--size 16] [--distinct]
 *   npx deno run -A bench/memory.ts --hotpath [--reps 3] [--runtimes deno,bun] [--variant ...]
 *   npx deno run -A bench/memory.ts --inproc [--keys 865000] [--tracking auto|pinned|off]
 *
 * --distinct: the load sends distinct 16-byte values (`SET key:__rand_int__
 *   val:__rand_int__`) instead of redis-benchmark's identical `-d` bytes,
 *   which Ferrous's short-argument cache stores once.
 *
 * Columns: RSS 1 s after the load ended (what vs-redis.ts reports), 5 s
 * later, after MEMORY PURGE (a full collection), the peak (VmHWM), INFO's
 * used_memory and allocator_active (heap used / total plus external).
 *
 * The named servers start exactly as the README's "Run" section says
 * (`deno run -A server.ts`, `bun server.ts`). A variant adds runtime flags
 * or environment, to compare settings A/B in the same run, e.g.
 *   --variant 'ss1=deno --v8-flags=--max-semi-space-size=1'
 *   --variant 'smol=bun --smol' --variant 'jsc=BUN_JSC_useGenerationalGC=0 bun'
 * FERROUS_ROOT=/path/to/checkout/ measures another checkout (before/after).
 *
 * --throughput: after the memory figures, redis-benchmark SET and GET
 *   (`-r 100000`) at pipeline 1 and 16 on every server, alternating, at least
 *   3 times (medians).
 * --hotpath: no sockets: parser + engine + reply encoding over pipelined
 *   chunks of 16 SETs (then GETs) with random keys, in a child per runtime
 *   and variant, alternating `--reps` times: the CPU cost of runtime flags
 *   without the network's noise (ns per command, RSS at the end).
 * --inproc: no sockets; fills a database of `--keys` keys with the same key
 *   and value shapes directly through the engine, in a child process per
 *   runtime, and prints process.memoryUsage() and (Deno) V8 heap spaces:
 *   where the bytes go, without the network path's garbage.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import {
  BUN,
  DENO,
  type Launch,
  launchOf,
  parseVariant,
  ROOT,
  type Running,
  start,
  stop,
} from "./servers.ts";
import process from "node:process";
import { parseArgs } from "node:util";
import { median } from "./stats.ts";

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    reps: { type: "string", default: "1" },
    servers: { type: "string", default: "redis,deno,bun" },
    variant: { type: "string", multiple: true, default: [] },
    requests: { type: "string", default: "2000000" },
    range: { type: "string", default: "1000000" },
    size: { type: "string", default: "16" },
    throughput: { type: "boolean", default: false },
    distinct: { type: "boolean", default: false },
    inproc: { type: "boolean", default: false },
    hotpath: { type: "boolean", default: false },
    "child-hotpath": { type: "boolean", default: false },
    child: { type: "boolean", default: false },
    keys: { type: "string", default: "865000" },
    runtimes: { type: "string", default: "deno,bun" },
    tracking: { type: "string", default: "auto" },
  },
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

function hwmKb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

function cli(port: number, ...args: string[]): string {
  return (spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" }).stdout ?? "")
    .trim();
}

function infoField(info: string, field: string): number {
  const m = new RegExp("^" + field + ":(\\d+)", "m").exec(info);
  return m ? Number(m[1]) : NaN;
}

/** Runs redis-benchmark; returns requests per second by test name. */
function benchmark(port: number, args: string[]): Map<string, number> {
  const r = spawnSync("redis-benchmark", ["-p", String(port), "--csv", ...args], {
    encoding: "utf8",
  });
  const out = new Map<string, number>();
  for (const line of (r.stdout ?? "").split("\n")) {
    const m = /^"([^"]+)","([\d.]+)"/.exec(line);
    if (m) out.set(m[1].split(" ")[0].toLowerCase(), Number(m[2]));
  }
  return out;
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

async function serverMode(): Promise<void> {
  const launches: Launch[] = [];
  for (const n of opts.servers!.split(",").filter((x) => x !== "")) {
    launches.push(launchOf(n, n, [], {}));
  }
  for (const v of opts.variant!) launches.push(parseVariant(v));
  // redis-benchmark fills every value with the same bytes; --distinct
  // sends `val:` + 12 random digits instead (16 bytes, like -d 16), so
  // servers that share equal short strings cannot profit from it.
  const load = opts.distinct
    ? [
      "-r",
      opts.range!,
      "-n",
      opts.requests!,
      "-P",
      "16",
      "SET",
      "key:__rand_int__",
      "val:__rand_int__",
    ]
    : ["-t", "set", "-r", opts.range!, "-n", opts.requests!, "-d", opts.size!, "-P", "16"];
  console.log(`# Memory after \`redis-benchmark ${load.join(" ")}\` (fresh servers)`);
  console.log(
    "| server | RSS MB | x redis | +5 s | purged | peak | heap used | heap total | keys | SET/s (load) |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  const reps = Number(opts.reps);
  const rss = new Map<string, number[]>();
  for (let rep = 0; rep < reps; rep++) {
    let redisRss = NaN;
    for (const launch of launches) {
      const s = await start(launch);
      try {
        const rps = benchmark(s.port, load).get("set") ?? NaN;
        await sleep(1000);
        const r1 = rssKb(s.proc.pid!) * 1024;
        await sleep(5000);
        const r2 = rssKb(s.proc.pid!) * 1024;
        const info = cli(s.port, "INFO", "memory");
        cli(s.port, "MEMORY", "PURGE");
        await sleep(1000);
        const r3 = rssKb(s.proc.pid!) * 1024;
        const hwm = hwmKb(s.proc.pid!) * 1024;
        const keys = cli(s.port, "DBSIZE");
        if (launch.name === "redis") redisRss = r1;
        if (!rss.has(launch.name)) rss.set(launch.name, []);
        rss.get(launch.name)!.push(r1);
        const used = infoField(info, "used_memory");
        const total = infoField(info, "allocator_active");
        console.log(
          `| ${launch.name} | ${mb(r1)} | ${(r1 / redisRss).toFixed(2)} | ${mb(r2)} | ${mb(r3)} | ${
            mb(hwm)
          } | ${mb(used)} | ${mb(total)} | ${keys} | ${rps.toFixed(0)} |`,
        );
      } finally {
        await stop(s);
      }
    }
  }
  if (reps > 1) {
    const base = median(rss.get("redis") ?? [NaN]);
    for (const [n, xs] of rss) {
      console.log(`median ${n}: ${mb(median(xs))} MB, ${(median(xs) / base).toFixed(2)}x redis`);
    }
  }
  if (opts.throughput) await throughput(launches, reps);
}

async function throughput(launches: Launch[], reps: number): Promise<void> {
  console.log("\n# Throughput (requests/s, median; -c 50, -r 100000, fresh servers)");
  const servers: Running[] = [];
  try {
    for (const l of launches) servers.push(await start(l));
    const cols = ["set P1", "get P1", "set P16", "get P16"];
    const res = new Map<string, Map<string, number[]>>();
    for (const s of servers) res.set(s.launch.name, new Map(cols.map((c) => [c, []])));
    for (let rep = 0; rep < Math.max(reps, 3); rep++) {
      for (const p of [1, 16]) {
        for (const s of servers) {
          const n = p === 1 ? "100000" : "500000";
          const r = benchmark(s.port, ["-t", "set,get", "-r", "100000", "-n", n, "-P", String(p)]);
          for (const t of ["set", "get"]) {
            res.get(s.launch.name)!.get(`${t} P${p}`)!.push(r.get(t) ?? NaN);
          }
        }
      }
    }
    console.log("| server | " + cols.join(" | ") + " |");
    console.log("|---|" + cols.map(() => "---").join("|") + "|");
    for (const s of servers) {
      const row = cols.map((c) => median(res.get(s.launch.name)!.get(c)!).toFixed(0));
      console.log(`| ${s.launch.name} | ${row.join(" | ")} |`);
    }
  } finally {
    for (const s of servers) await stop(s);
  }
}

function inprocMode(): void {
  for (const rt of opts.runtimes!.split(",")) {
    const self = ROOT + "bench/memory.ts";
    const extra = [
      "--child",
      "--keys",
      opts.keys!,
      "--size",
      opts.size!,
      "--tracking",
      opts.tracking!,
    ];
    const [cmd, args] = rt === "bun"
      ? [BUN, [self, ...extra]]
      : [DENO, ["run", "-A", "--v8-flags=--expose-gc", self, ...extra]];
    console.log(`## ${rt}`);
    spawnSync(cmd, args, { stdio: "inherit" });
  }
}

/** Child of --inproc: fills one database and prints where the memory is. */
async function childMode(): Promise<void> {
  const { createEngine } = await import("../lib/server/server.ts");
  const { Config } = await import("../lib/config/config.ts");
  const { Buffer } = await import("node:buffer");
  const { pickDecoder } = await import("../lib/transport/mod.ts");
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  const gc = (): void => {
    if (g.Bun) g.Bun.gc(true);
    else g.gc?.();
  };
  const report = (label: string): void => {
    gc();
    const m = process.memoryUsage();
    console.log(
      `${label}: rss ${mb(m.rss)} MB, heapUsed ${mb(m.heapUsed)}, heapTotal ${mb(m.heapTotal)}, ` +
        `external ${mb(m.external)}`,
    );
  };
  report("empty process");
  const config = new Config();
  config.set("save", "");
  const engine = createEngine({ config });
  const db = engine.dbs[0];
  g.__keep = engine; // the report's GC must not collect what it measures
  // Access stamps: "auto" (the default: dropped past accessAutoOffKeys), "pinned" (kept), "off".
  if (opts.tracking === "off" || opts.tracking === "pinned") {
    const { setAccessTracking } = await import("../lib/store/object-info.ts");
    setAccessTracking(engine.dbs, opts.tracking === "pinned");
  }
  const decode = pickDecoder();
  const keys = Number(opts.keys);
  const size = Number(opts.size);
  // Keys and values decoded from bytes, as the parser makes them.
  const buf = Buffer.alloc(16 + size);
  buf.fill("x".charCodeAt(0), 16);
  const t0 = performance.now();
  for (let i = 0; i < keys; i++) {
    buf.write("key:" + String(i).padStart(12, "0"), 0, "latin1");
    db.set(decode(buf, 0, 16), decode(buf, 16, 16 + size));
  }
  const t1 = performance.now();
  report(`${keys} keys (${((t1 - t0) * 1e6 / keys).toFixed(0)} ns/SET)`);
  if (!g.Bun) {
    const v8 = await import("node:v8");
    for (const s of v8.getHeapSpaceStatistics()) {
      if (s.space_size === 0) continue;
      console.log(
        `  ${s.space_name.padEnd(24)} size ${mb(s.space_size).padStart(6)}  used ${
          mb(s.space_used_size).padStart(6)
        }`,
      );
    }
  }
}

if (opts["child-hotpath"]) await hotpathChild();
else if (opts.hotpath) hotpathMode();
else if (opts.child) await childMode();
else if (opts.inproc) inprocMode();
else await serverMode();

function hotpathMode(): void {
  const self = ROOT + "bench/memory.ts";
  const launches = [
    ...opts.runtimes!.split(",").filter((x) => x !== "").map((rt) =>
      launchOf(rt, rt, [], {}, self)
    ),
    ...opts.variant!.map((v) => parseVariant(v, self)),
  ];
  const extra = ["--child-hotpath", "--requests", opts.requests!, "--range", opts.range!];
  const res = new Map<string, { set: number[]; get: number[]; rss: number[] }>();
  for (const l of launches) res.set(l.name, { set: [], get: [], rss: [] });
  console.log(`# Hot path: ${opts.requests} SETs then GETs over ${opts.range} keys, -P 16`);
  for (let rep = 0; rep < Number(opts.reps); rep++) {
    for (const l of launches) {
      const r = spawnSync(l.cmd, [...l.args, ...extra], {
        encoding: "utf8",
        env: { ...process.env, ...l.env },
      });
      const m = /set (\S+) get (\S+) rss (\S+)/.exec(r.stdout ?? "");
      if (!m) {
        console.log(l.name, "failed:", r.stderr);
        continue;
      }
      const e = res.get(l.name)!;
      e.set.push(Number(m[1]));
      e.get.push(Number(m[2]));
      e.rss.push(Number(m[3]));
    }
  }
  console.log("| variant | SET ns/cmd | GET ns/cmd | RSS MB (end) | SET runs |");
  console.log("|---|---|---|---|---|");
  for (const [n, e] of res) {
    if (e.set.length === 0) continue;
    console.log(
      `| ${n} | ${median(e.set).toFixed(0)} | ${median(e.get).toFixed(0)} | ${
        median(e.rss).toFixed(0)
      } | ${e.set.map((x) => x.toFixed(0)).join(" ")} |`,
    );
  }
}

/** Child of --hotpath: drives the parser and engine as a connection does. */
async function hotpathChild(): Promise<void> {
  const { createEngine } = await import("../lib/server/server.ts");
  const { Config } = await import("../lib/config/config.ts");
  const { RespParser } = await import("../lib/resp/parser.ts");
  const { pickDecoder } = await import("../lib/transport/mod.ts");
  const { Buffer } = await import("node:buffer");
  const config = new Config();
  config.set("save", "");
  const engine = createEngine({ config });
  const client = engine.createClient();
  const parser = new RespParser({}, pickDecoder());
  const sink = {
    onCommand(argv: string[]) {
      engine.execute(client, argv);
    },
    onProtocolError(e: string) {
      throw new Error(e);
    },
  };
  const range = Number(opts.range);
  const total = Number(opts.requests);
  const value = "x".repeat(16);
  // 16 pipelined commands; `digits` are where each key's 12 random digits go (as redis-benchmark -r).
  const chunkOf = (cmd: string): { buf: Uint8Array; digits: number[] } => {
    let text = "";
    const digits: number[] = [];
    for (let i = 0; i < 16; i++) {
      const args = cmd === "SET" ? ["SET", "key:000000000000", value] : ["GET", "key:000000000000"];
      text += `*${args.length}\r\n`;
      for (const a of args) {
        if (a.startsWith("key:")) digits.push(text.length + `$${a.length}\r\n`.length + 4);
        text += `$${a.length}\r\n${a}\r\n`;
      }
    }
    return { buf: Buffer.from(text, "latin1"), digits };
  };
  let x = 12345;
  const run = (cmd: string): number => {
    const { buf, digits } = chunkOf(cmd);
    const t0 = performance.now();
    for (let done = 0; done < total; done += 16) {
      for (const at of digits) {
        x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
        let k = x % range;
        for (let d = 11; d >= 0; d--) {
          buf[at + d] = 48 + (k % 10);
          k = Math.floor(k / 10);
        }
      }
      engine.startBatch(client);
      parser.feed(buf, sink);
      engine.endBatch();
      client.reply.reset();
    }
    return (performance.now() - t0) * 1e6 / total;
  };
  const set = run("SET");
  const get = run("GET");
  const rss = process.memoryUsage().rss / 1048576;
  console.log(
    `set ${set.toFixed(1)} get ${get.toFixed(1)} rss ${rss.toFixed(1)} keys ${engine.dbs[0].size}`,
  );
}
