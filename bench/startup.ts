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
 * @module
 */
import { execFileSync } from "node:child_process";
import { type AddressInfo, connect, createServer } from "node:net";
import process from "node:process";
import { parseArgs } from "node:util";
import { startServer } from "../mod.ts";

const { values: opts } = parseArgs({
  args: process.argv.slice(2),
  options: {
    processes: { type: "string", default: "11" },
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
  return `median ${f(sorted[sorted.length >> 1])} ms (${f(sorted[0])}-${
    f(sorted[sorted.length - 1])
  })`;
}

if (opts.child) {
  await child();
} else {
  // deno-lint-ignore no-explicit-any
  const isDeno = typeof (globalThis as any).Deno !== "undefined";
  const script = new URL(import.meta.url).pathname;
  const args = isDeno ? ["run", "-A", script, "--child"] : [script, "--child"];
  const firsts: number[] = [];
  const later: number[] = [];
  for (let i = 0; i < Number(opts.processes); i++) {
    const out = execFileSync(process.execPath, args, { encoding: "utf8" });
    const runs = JSON.parse(out.trim().split("\n").pop()!) as number[];
    firsts.push(runs[0]);
    later.push(...runs.slice(1));
  }
  console.log(
    `startServer() to first PONG, ${isDeno ? "Deno" : "Bun"}, ${opts.processes} processes:`,
  );
  console.log(`  first start of a process: ${summary(firsts)}`);
  console.log(`  later starts:             ${summary(later)}`);
}
