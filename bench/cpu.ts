/**
 * Server CPU per request, side by side with redis-server: the cost that
 * decides a test's throughput once the server, not redis-benchmark, is the
 * busy side (pipeline 16 on 2 cores). Each test runs in its own
 * redis-benchmark invocation; the server's CPU time over it (every thread,
 * user and system, from /proc/PID/task/TID/schedstat, in nanoseconds) is
 * divided by the requests. Far steadier than requests/s on a shared
 * machine: use it for A/B runs of a change (`--variant`, as in vs-redis.ts).
 *
 *   npx deno run -A bench/cpu.ts [--tests lpush,sadd] [--pipeline 16]
 *       [--random] [--requests 300000] [--reps 3] [--runtimes deno,bun]
 *       [--variant 'base=FERROUS_ROOT=/tmp/base/ deno' ...]
 *
 * Linux only. Prints medians: ns of server CPU per request, and the ratio
 * to Redis's (below 1: cheaper than Redis).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { parseArgs } from "node:util";
import { launchOf, parseVariant, type Running, start, stop } from "./servers.ts";
import { geomean, median } from "./stats.ts";

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    tests: {
      type: "string",
      default: "ping_mbulk,set,get,incr,lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin",
    },
    pipeline: { type: "string", default: "16" },
    random: { type: "boolean", default: false },
    requests: { type: "string", default: "300000" },
    reps: { type: "string", default: "3" },
    runtimes: { type: "string", default: "deno,bun" },
    variant: { type: "string", multiple: true, default: [] },
  },
});

/** CPU time of every thread of `pid` so far, in nanoseconds. */
function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch { /* the thread ended */ }
  }
  return total;
}

/** Runs one test against `port`; returns [server CPU ns per request, requests/s]. */
function measure(s: Running, test: string, requests: number): [number, number] {
  const args = ["-p", String(s.port), "-c", "50", "-n", String(requests), "-P", opts.pipeline!];
  if (opts.random) args.push("-r", "100000");
  args.push("--csv", "-t", test);
  const before = cpuNs(s.proc.pid!);
  const r = spawnSync("redis-benchmark", args, { encoding: "utf8" });
  const after = cpuNs(s.proc.pid!);
  const m = /^"[^"]+","([\d.]+)"/m.exec(r.stdout ?? "");
  return [(after - before) / requests, m ? Number(m[1]) : NaN];
}

async function main(): Promise<void> {
  const tests = opts.tests!.split(",");
  const requests = Number(opts.requests);
  const launches = [
    launchOf("redis", "redis", [], {}),
    ...opts.runtimes!.split(",").filter((r) => r !== "").map((r) => launchOf(r, r, [], {})),
    ...opts.variant!.map((v) => parseVariant(v)),
  ];
  const servers: Running[] = [];
  for (const l of launches) servers.push(await start(l));
  try {
    // Warm-up: the JIT runtimes are measured warm, every collection exists.
    for (const s of servers) for (const t of tests) measure(s, t, requests / 3);
    const cpu = new Map<string, number[]>();
    const rps = new Map<string, number[]>();
    for (let rep = 0; rep < Number(opts.reps); rep++) {
      for (const t of tests) {
        for (const s of servers) {
          const [ns, r] = measure(s, t, requests);
          const k = s.launch.name + " " + t;
          (cpu.get(k) ?? cpu.set(k, []).get(k)!).push(ns);
          (rps.get(k) ?? rps.set(k, []).get(k)!).push(r);
        }
      }
    }
    const names = servers.map((s) => s.launch.name);
    console.log(
      `# server CPU per request (ns, all threads, user+sys), median of ${opts.reps}; ` +
        `redis-benchmark -c 50 -P ${opts.pipeline} -n ${requests}${
          opts.random ? " -r 100000" : ""
        }; (ratio to redis) [requests/s]`,
    );
    console.log(["test", ...names].join(" | "));
    const ratios = new Map<string, number[]>(names.map((n) => [n, []]));
    for (const t of tests) {
      const redisNs = median(cpu.get("redis " + t)!);
      const cells = names.map((n) => {
        const ns = median(cpu.get(n + " " + t)!);
        ratios.get(n)!.push(ns / redisNs);
        const r = median(rps.get(n + " " + t)!);
        return `${ns.toFixed(0)} (${(ns / redisNs).toFixed(2)}) [${(r / 1e6).toFixed(2)}M]`;
      });
      console.log([t, ...cells].join(" | "));
    }
    console.log(
      ["geomean ratio", ...names.map((n) => geomean(ratios.get(n)!).toFixed(2))].join(" | "),
    );
  } finally {
    for (const s of servers) await stop(s);
  }
}

await main();
