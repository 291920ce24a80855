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
 * runs by ±0.3 ms (up to ±0.8 ms from one hour to the next), but
 * alternating runs agree within ~0.1 ms.
 *
 * `--floor` adds, in alternate processes, a minimal server of the same shape
 * and no Ferrous code: the runtime's listen and accept, a pulled
 * `ReadableStream` and a `WritableStream` per connection, a `setInterval`
 * (the cron), PONG for any read. What it takes is the part of a first start
 * that any server of this shape pays on this runtime, in the same run.
 *
 * With either, the processes run in rounds (one of each, the order turning),
 * and the script also prints this checkout's first start minus the other's
 * per round: the steadiest figure, as a round's processes share the
 * machine's speed of the moment.
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
    floor: { type: "boolean", default: false },
    child: { type: "boolean", default: false },
    "floor-server": { type: "boolean", default: false },
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

/** A started server, Ferrous's or the floor's. */
interface Started {
  port: number;
  close(): unknown;
}

const PONG = new TextEncoder().encode("+PONG\r\n");

/** The floor server's connection: PONG for every chunk read. */
async function answerPong(
  readable: ReadableStream<Uint8Array>,
  writable: WritableStream<Uint8Array>,
) {
  const reader = readable.getReader();
  const writer = writable.getWriter();
  try {
    while (!(await reader.read()).done) await writer.write(PONG);
  } catch { /* the client went away */ }
}

/** The floor (see the module doc) over `Deno.listen`. */
function floorDeno(): Promise<Started> {
  // deno-lint-ignore no-explicit-any
  const listener = (globalThis as any).Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const cron = setInterval(() => {}, 100);
  (async () => {
    for (;;) {
      // deno-lint-ignore no-explicit-any
      let conn: any;
      try {
        conn = await listener.accept();
      } catch {
        return;
      }
      const buf = new Uint8Array(64 * 1024);
      const readable = new ReadableStream<Uint8Array>({
        async pull(c) {
          const n = await conn.read(buf).catch(() => null);
          if (n === null) {
            c.close();
            conn.close();
          } else c.enqueue(buf.subarray(0, n));
        },
        cancel: () => conn.close(),
      }, { highWaterMark: 0 });
      const writable = new WritableStream<Uint8Array>({
        write: (chunk) => conn.write(chunk).then(() => {}),
      });
      answerPong(readable, writable);
    }
  })();
  return Promise.resolve({
    port: listener.addr.port,
    close() {
      clearInterval(cron);
      listener.close();
    },
  });
}

/** The floor (see the module doc) over `Bun.listen`. */
function floorBun(): Promise<Started> {
  const cron = setInterval(() => {}, 100);
  // deno-lint-ignore no-explicit-any
  const server = (globalThis as any).Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      // deno-lint-ignore no-explicit-any
      open(socket: any) {
        let controller!: ReadableStreamDefaultController<Uint8Array>;
        const readable = new ReadableStream<Uint8Array>({
          start: (c) => void (controller = c),
        }, { highWaterMark: 4 });
        socket.data = () => controller;
        const writable = new WritableStream<Uint8Array>({
          write: (chunk) => void socket.write(chunk),
        });
        answerPong(readable, writable);
      },
      // deno-lint-ignore no-explicit-any
      data: (socket: any, data: Uint8Array) => socket.data().enqueue(data),
      // deno-lint-ignore no-explicit-any
      close: (socket: any) => socket.data().close(),
    },
  });
  return Promise.resolve({
    port: server.port,
    close() {
      clearInterval(cron);
      server.stop(true);
    },
  });
}

// deno-lint-ignore no-explicit-any
const isDeno = typeof (globalThis as any).Deno !== "undefined";

/** One process: the first start, then 20 more; prints the times in ms as JSON. */
async function child(): Promise<void> {
  const start: () => Promise<Started> = opts["floor-server"]
    ? (isDeno ? floorDeno : floorBun)
    : startServer;
  // The client's own first connection (node:net's first use) costs 2-5 ms:
  // make it on a throwaway server, so that the runs time the server only.
  const warm = createServer((s) => s.on("data", () => s.end("+PONG\r\n")));
  await new Promise<void>((resolve) => warm.listen(0, "127.0.0.1", () => resolve()));
  await ping((warm.address() as AddressInfo).port);
  warm.close();
  const runs: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    const server = await start();
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
function runChild(script: string, extra: string[]): number[] {
  const args = isDeno ? ["run", "-A", script, "--child", ...extra] : [script, "--child", ...extra];
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as number[];
}

if (opts.child) {
  await child();
} else {
  const own = fileURLToPath(import.meta.url);
  const runs: Array<{ label: string; script: string; extra: string[] }> = [
    { label: "this checkout", script: own, extra: [] },
  ];
  if (opts.compare !== undefined) {
    runs.push({
      label: opts.compare,
      script: join(resolve(opts.compare), "bench", "startup.ts"),
      extra: [],
    });
  }
  if (opts.floor) {
    runs.push({
      label: "floor (the same shape, no Ferrous code)",
      script: own,
      extra: ["--floor-server"],
    });
  }
  const firsts = runs.map(() => [] as number[]);
  const later = runs.map(() => [] as number[]);
  for (let i = 0; i < Number(opts.processes); i++) {
    // Each goes first in turn, so none gets the quieter turn.
    const order = [...runs.keys()];
    for (let r = 0; r < i % runs.length; r++) order.push(order.shift()!);
    for (const k of order) {
      const times = runChild(runs[k].script, runs[k].extra);
      firsts[k].push(times[0]);
      later[k].push(...times.slice(1));
    }
  }
  console.log(
    `startServer() to first PONG, ${isDeno ? "Deno" : "Bun"}, ${opts.processes} processes:`,
  );
  for (let k = 0; k < runs.length; k++) {
    if (runs.length > 1) console.log(`${runs[k].label}:`);
    console.log(`  first start of a process: ${summary(firsts[k])}`);
    console.log(`  later starts:             ${summary(later[k])}`);
  }
  // Processes run in rounds of one per script, so a round's difference
  // cancels most of the machine's speed at that moment.
  for (let k = 1; k < runs.length; k++) {
    const diffs = firsts[0].map((t, i) => t - firsts[k][i]);
    console.log(`this checkout minus ${runs[k].label}, first starts, per round: ${summary(diffs)}`);
  }
}
