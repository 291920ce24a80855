/**
 * Side-by-side benchmark: redis-server 7.0.15 and Ferrous under Deno and
 * under Bun, measured with redis-benchmark in the same run, alternating
 * servers (A B C A B C ...) and reporting medians and ratios to Redis.
 *
 * Usage (from the repository root):
 *   npx deno run -A bench/vs-redis.ts [--reps 3] [--quick] [--memory] [--startup]
 *       [--pipelines 1,16] [--random] [--runtimes deno,bun] [--markdown]
 *       [--variant 'NAME=[ENV=V ...] deno|bun [flags]' ...]
 *
 * --quick: three tests (PING_MBULK, SET, GET), one repetition: for CI.
 * --random: add `-r 100000` runs (keys and members spread over 100k).
 * --random-only: only the `-r 100000` runs (for focused A/B runs).
 * --memory: resident memory after `redis-benchmark -t set -r 1000000 -n 2000000 -d 16`.
 * --startup: time from spawn to the first PONG, for each server (median of 5 starts).
 * --variant: one more server, measured in the same alternation, for A/B
 *   runs of runtime flags, environment or another checkout
 *   (`'base=FERROUS_ROOT=/tmp/base/ deno'`; see bench/servers.ts).
 *
 * Before measuring, each server gets one unmeasured pass of the tests
 * (pipeline 16, 100k requests each), so the JIT runtimes are measured warm.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { launchOf, parseVariant, type Running, start, stop } from "./servers.ts";
import process from "node:process";
import { parseArgs } from "node:util";
import { geomean, median } from "./stats.ts";

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    reps: { type: "string", default: "3" },
    quick: { type: "boolean", default: false },
    memory: { type: "boolean", default: false },
    startup: { type: "boolean", default: false },
    random: { type: "boolean", default: false },
    "random-only": { type: "boolean", default: false },
    pipelines: { type: "string", default: "1,16" },
    runtimes: { type: "string", default: "deno,bun" },
    tests: { type: "string" },
    clients: { type: "string", default: "50" },
    markdown: { type: "boolean", default: false },
    variant: { type: "string", multiple: true, default: [] },
  },
});

const ALL_TESTS = [
  "ping_inline",
  "ping_mbulk",
  "set",
  "get",
  "incr",
  "lpush",
  "rpush",
  "lpop",
  "rpop",
  "sadd",
  "hset",
  "spop",
  "zadd",
  "zpopmin",
  "lrange_100",
  "mset",
];
const QUICK_TESTS = ["ping_mbulk", "set", "get"];
/** Starts per server for --startup. */
const STARTUP_SAMPLES = 5;

/** A running server under the name its column gets. */
interface Server extends Running {
  name: string;
}

async function startServer(name: string, spec?: string): Promise<Server> {
  const launch = spec === undefined ? launchOf(name, name, [], {}) : parseVariant(spec);
  return { name: launch.name, ...(await start(launch)) };
}

function redisCli(port: number, ...args: string[]): string {
  const r = spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" });
  return (r.stdout ?? "").trim();
}

/** Runs redis-benchmark; returns requests/s by test name. */
function benchmark(
  port: number,
  tests: string[],
  pipeline: number,
  random: boolean,
  requests?: number,
): Map<string, number> {
  // Sized so that the full run (--random --memory --startup, 3 repetitions)
  // stays under 10 minutes on 2 cores: each test lasts ~0.2-0.6 s per server.
  const n = requests ?? (pipeline === 1 ? 60000 : 300000);
  const out = new Map<string, number>();
  const base = [
    "-p",
    String(port),
    "-c",
    opts.clients!,
    "-n",
    String(n),
    "-P",
    String(pipeline),
    "--csv",
  ];
  if (random) base.push("-r", "100000");
  const std = tests.filter((t) => t !== "xadd");
  if (std.length > 0) {
    const r = spawnSync("redis-benchmark", [...base, "-t", std.join(",")], { encoding: "utf8" });
    for (const line of (r.stdout ?? "").split("\n")) {
      const m = /^"([^"]+)","([\d.]+)"/.exec(line);
      if (m) out.set(m[1].split(" ")[0].toLowerCase(), Number(m[2]));
    }
  }
  if (tests.includes("xadd")) {
    const key = random ? "mystream:__rand_int__" : "mystream";
    const r = spawnSync("redis-benchmark", [...base, "XADD", key, "*", "field", "value"], {
      encoding: "utf8",
    });
    for (const line of (r.stdout ?? "").split("\n")) {
      const m = /^"([^"]+)","([\d.]+)"/.exec(line);
      if (m) out.set("xadd", Number(m[2]));
    }
  }
  return out;
}

/** CPU time (user + system, in clock ticks of 10 ms) the process has used. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until the server that was just measured has been quiet for 500 ms
 * (at most 3 s). Ferrous collects garbage once input has stopped for 0.3 s
 * (lib/server/reclaim.ts): on 2 cores, a collection of ~100-300 ms running
 * while the next server is measured took a third off that server's SET at
 * pipeline 16 with -r (Bun 1.06 → 0.71), the test that started then.
 */
async function settle(pid: number): Promise<void> {
  const deadline = performance.now() + 3000;
  let last = cpuTicks(pid);
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const now = cpuTicks(pid);
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= 500) return;
  }
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) : NaN;
}

async function main(): Promise<void> {
  const runtimes = opts.runtimes!.split(",").filter((r) => r === "deno" || r === "bun");
  const reps = opts.quick ? 1 : Number(opts.reps);
  const pipelines = opts.pipelines!.split(",").map(Number);
  let tests = opts.tests
    ? opts.tests.split(",")
    : opts.quick
    ? QUICK_TESTS
    : [...ALL_TESTS, "xadd"];
  const modes = opts["random-only"] ? [true] : opts.random && !opts.quick ? [false, true] : [false];
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout.trim();
  console.log(
    `# Ferrous vs redis-server, ${new Date().toISOString().slice(0, 10)}, ${nproc} cores`,
  );
  console.log(
    `# redis-benchmark -c ${opts.clients}, one warm-up pass, ${reps} repetition(s), alternating servers, medians`,
  );

  const servers: Server[] = [];
  try {
    for (const n of ["redis", ...runtimes]) servers.push(await startServer(n));
    for (const v of opts.variant!) servers.push(await startServer("", v));
    // Only benchmark commands every server knows (e.g. XADD before streams land).
    for (const t of [...tests]) {
      if (t !== "xadd") continue;
      for (const s of servers) {
        if (redisCli(s.port, "XADD", "probe", "*", "f", "v").startsWith("ERR")) {
          console.log(`# skipping xadd: ${s.name} does not implement it yet`);
          tests = tests.filter((x) => x !== "xadd");
          break;
        }
      }
    }
    if (opts.startup) {
      // One start is one sample of a noisy machine: start each server a few
      // more times (stopped at once) and report the median and the range.
      console.log(`\n## Start-up to first PONG (ms, median of ${STARTUP_SAMPLES} starts, range)`);
      for (const s of servers) {
        const times = [s.startupMs];
        for (let i = 1; i < STARTUP_SAMPLES; i++) {
          const extra = await start(s.launch);
          times.push(extra.startupMs);
          await stop(extra);
        }
        times.sort((a, b) => a - b);
        const mid = times[times.length >> 1];
        console.log(
          `${s.name}: ${mid.toFixed(1)} (${times[0].toFixed(1)}-${
            times[times.length - 1].toFixed(1)
          })`,
        );
      }
    }
    // One unmeasured pass per server first: the JIT runtimes reach steady
    // state (a cold first test would measure compilation), Redis is unaffected.
    for (const s of servers) {
      benchmark(s.port, tests, 16, false, 100000);
      await settle(s.proc.pid!);
    }
    for (const random of modes) {
      for (const p of pipelines) {
        const results = new Map<string, Map<string, number[]>>();
        for (const s of servers) results.set(s.name, new Map());
        for (let rep = 0; rep < reps; rep++) {
          for (const s of servers) {
            redisCli(s.port, "FLUSHALL");
            const r = benchmark(s.port, tests, p, random);
            await settle(s.proc.pid!);
            for (const [t, v] of r) {
              const per = results.get(s.name)!;
              if (!per.has(t)) per.set(t, []);
              per.get(t)!.push(v);
            }
          }
        }
        printTable(
          `pipeline ${p}${random ? ", -r 100000" : ""}`,
          tests,
          servers.map((s) => s.name),
          results,
        );
      }
    }
    if (opts.memory) {
      console.log(
        "\n## Memory after `redis-benchmark -t set -r 1000000 -n 2000000 -d 16 -P 16` (RSS)",
      );
      const base = new Map<string, number>();
      for (const s of servers) {
        redisCli(s.port, "FLUSHALL");
        spawnSync("redis-benchmark", [
          "-p",
          String(s.port),
          "-t",
          "set",
          "-r",
          "1000000",
          "-n",
          "2000000",
          "-d",
          "16",
          "-P",
          "16",
          "-q",
        ], { stdio: "ignore" });
        await new Promise((r) => setTimeout(r, 1000));
        base.set(s.name, rssKb(s.proc.pid!));
        const keys = redisCli(s.port, "DBSIZE");
        console.log(
          `${s.name}: ${(base.get(s.name)! / 1024).toFixed(1)} MB, ${keys} keys` +
            (s.name === "redis"
              ? ""
              : `, ${(base.get(s.name)! / base.get("redis")!).toFixed(2)}x redis`),
        );
      }
    }
  } finally {
    for (const s of servers) await stop(s);
  }
}

function printTable(
  title: string,
  tests: string[],
  names: string[],
  results: Map<string, Map<string, number[]>>,
): void {
  const others = names.filter((n) => n !== "redis");
  console.log(`\n## ${title} (requests/s, median; ratio = Ferrous / Redis)`);
  const head = ["test", "redis", ...others.flatMap((n) => [n, n + " ratio"])];
  console.log("| " + head.join(" | ") + " |");
  console.log("|" + head.map(() => "---").join("|") + "|");
  const ratios = new Map<string, number[]>(others.map((n) => [n, []]));
  for (const t of tests) {
    const r = results.get("redis")!.get(t);
    if (!r) continue;
    const rm = median(r);
    const row = [t.toUpperCase(), rm.toFixed(0)];
    for (const n of others) {
      const v = results.get(n)!.get(t);
      if (!v) {
        row.push("-", "-");
        continue;
      }
      const vm = median(v);
      ratios.get(n)!.push(vm / rm);
      row.push(vm.toFixed(0), (vm / rm).toFixed(2));
    }
    console.log("| " + row.join(" | ") + " |");
  }
  const gm = ["**geomean**", ""];
  for (const n of others) gm.push("", "**" + geomean(ratios.get(n)!).toFixed(2) + "**");
  console.log("| " + gm.join(" | ") + " |");
}

await main();
