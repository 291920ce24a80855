/**
 * Ferrous and real redis-server as child processes on 127.0.0.1, each on a
 * port picked at run time.
 *
 * @example
 * ```ts
 * const server = await startFerrous({ args: ["--requirepass", "pw"] });
 * try {
 *   // talk to server.port
 * } finally {
 *   await server.stop();
 * }
 * ```
 *
 * @module
 */
import { type ChildServer, spawnServer } from "./process.ts";
import { freePort } from "./ports.ts";
import { currentRuntime, ferrousCommand, ROOT, type Runtime } from "./runtime.ts";

/** A server we started. */
export interface ServerHandle {
  readonly kind: "ferrous" | "redis";
  /** `deno`/`bun` for Ferrous, `redis` for redis-server. */
  readonly runtime: Runtime | "redis";
  readonly port: number;
  readonly host: string;
  readonly pid: number;
  /** What the server printed (its log). */
  output(): string;
  stop(): Promise<void>;
}

/** Options for starting a server. */
export interface StartOptions {
  /** Extra arguments, as for redis-server (`["--requirepass", "pw"]`). */
  args?: string[];
  /** Runtime for Ferrous; the current one by default. */
  runtime?: Runtime;
}

/**
 * Time limit for a test that talks to servers (`it(name, { timeout: SLOW_TEST_MS }, fn)`):
 * Bun stops a test after 5 s by default, too little on a loaded machine.
 */
export const SLOW_TEST_MS = 60_000;

const PORT_LINE = /Running mode=standalone, port=(\d+)\./;

/** Starts `server.ts` on a free port (it binds port 0 and logs the port it got). */
export async function startFerrous(options: StartOptions = {}): Promise<ServerHandle> {
  const runtime = options.runtime ?? currentRuntime();
  const args = [
    "--port",
    "0",
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--enable-debug-command",
    "yes",
    ...(options.args ?? []),
  ];
  const { cmd, args: argv } = ferrousCommand(runtime, args);
  const { child, match } = await spawnServer(cmd, argv, { ready: PORT_LINE, cwd: ROOT });
  return handle("ferrous", runtime, Number(match[1]), child);
}

/** Starts a real redis-server on a free port (retrying if another process took it first). */
export async function startRedis(options: StartOptions = {}): Promise<ServerHandle> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
      "--enable-debug-command",
      "yes",
      "--logfile",
      "",
      "--dir",
      "/tmp",
      ...(options.args ?? []),
    ];
    try {
      const { child } = await spawnServer("redis-server", args, {
        ready: /Ready to accept connections/,
      });
      return handle("redis", "redis", port, child);
    } catch (e) {
      lastError = e;
      if (!/Address already in use/.test(String(e))) throw e;
    }
  }
  throw lastError;
}

function handle(
  kind: "ferrous" | "redis",
  runtime: Runtime | "redis",
  port: number,
  child: ChildServer,
): ServerHandle {
  return {
    kind,
    runtime,
    port,
    host: "127.0.0.1",
    pid: child.pid,
    output: () => child.output(),
    stop: () => child.stop(),
  };
}
