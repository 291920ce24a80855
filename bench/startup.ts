/**
 * Start-up time of an in-process server from mod.ts: from calling
 * startServer() to the first PONG over TCP. Run under both runtimes:
 *   npx deno run -A bench/startup.ts [--processes 11]
 *   npx bun bench/startup.ts [--processes 11]
 * (The CLI's start-up is measured by `bench/vs-redis.ts --startup`.)
 *
 * A process's first start runs the server's code cold (its modules are
 * loaded by then: the imports below), so it costs several times what later
 * starts do, and it happens once per process: the script runs that many
 * fresh processes of the same runtime and reports the median and range of
 * their first starts, then of the later starts (20 per process).
 *
 * `--compare DIR` runs the same script of another checkout (DIR is its root,
 * e.g. a `git worktree add /tmp/base HEAD` with node_modules linked) in
 * alternate processes, its first in each pair by turns, and reports both
 * with their quartiles: the machine's load moves the medians of separate
 * runs by ±0.3 ms, but alternating runs agree within ~0.1 ms.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { type AddressInfo, connect, createServer } from "node:net";
import { join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "../mod.ts";

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    processes: { type: "string", default: "11" },
    compare: { type: "string" },
    child: { type: "boolean", default: false },
  },
});

/** A client's first request, as redis-cli and the client libraries send it (multibulk). */
const PING = "*1\r\n$4\r\nPING\r\n";

function ping(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, "127.0.0.1");
    sock.on("connect", () => sock.write(PING));
    sock.on("data", () => {
      sock.destroy();
      resolve();
    });
    sock.on("error", reject);
  });
}

/** One process: the first start, then 20 more; prints the times in ms as JSON. */
async function child(): Promise<void> {
  // The client's own first connection (node:net's first use) costs 2-5 ms:
  // make it on a throwaway server, so that the runs time the server only.
  const warm = createServer((s) => s.on("data", () => s.end("+PONG\r\n")));
  await new Promise<void>((resolve) => warm.listen(0, "127.0.0.1", () => resolve()));
  await ping((warm.address() as AddressInfo).port);
  warm.close();
  const runs: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    const server = await startServer();
    await ping(server.port);
    runs.push(performance.now() - t0);
    await server.close();
  }
  console.log(JSON.stringify(runs));
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2);
  const at = (q: number) => f(sorted[Math.floor((sorted.length - 1) * q)]);
  return `median ${f(sorted[sorted.length >> 1])} ms (${f(sorted[0])}-${
    f(sorted[sorted.length - 1])
  }; quartiles ${at(0.25)}-${at(0.75)})`;
}

/** Runs one child process of the script at `script`; returns its times. */
function runChild(script: string, isDeno: boolean): number[] {
  const args = isDeno ? ["run", "-A", script, "--child"] : [script, "--child"];
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as number[];
}

if (opts.child) {
  await child();
} else {
  // deno-lint-ignore no-explicit-any
  const isDeno = typeof (globalThis as any).Deno !== "undefined";
  const own = fileURLToPath(import.meta.url);
  const scripts = [own];
  if (opts.compare !== undefined) scripts.push(join(resolve(opts.compare), "bench", "startup.ts"));
  const firsts = scripts.map(() => [] as number[]);
  const later = scripts.map(() => [] as number[]);
  for (let i = 0; i < Number(opts.processes); i++) {
    // Each script goes first in every other pair, so neither gets the quieter turn.
    const order = i % 2 === 0 ? scripts.keys() : [...scripts.keys()].reverse();
    for (const k of order) {
      const runs = runChild(scripts[k], isDeno);
      firsts[k].push(runs[0]);
      later[k].push(...runs.slice(1));
    }
  }
  console.log(
    `startServer() to first PONG, ${isDeno ? "Deno" : "Bun"}, ${opts.processes} processes:`,
  );
  for (let k = 0; k < scripts.length; k++) {
    if (scripts.length > 1) console.log(`${k === 0 ? "this checkout" : opts.compare}:`);
    console.log(`  first start of a process: ${summary(firsts[k])}`);
    console.log(`  later starts:             ${summary(later[k])}`);
  }
}
