/**
 * Starting and stopping the servers the macro benchmarks compare:
 * redis-server, Ferrous as the README's "Run" section starts it, and
 * variants (runtime flags, environment, another checkout) for A/B runs.
 *
 * A variant spec is `NAME=[ENV=V ...] redis|deno|bun [runtime flags]`, e.g.
 *   'smol=bun --smol'
 *   'base=FERROUS_ROOT=/tmp/base/ deno'   (the server.ts of another checkout)
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import process from "node:process";
import { freePort, ping } from "./net.ts";

/** This checkout, or the one FERROUS_ROOT names (with a trailing slash). */
export const ROOT = process.env.FERROUS_ROOT ?? new URL("..", import.meta.url).pathname;
/** The runtimes: always this checkout's (a bare worktree has no node_modules). */
const OWN_ROOT = new URL("..", import.meta.url).pathname;
export const DENO = OWN_ROOT + "node_modules/.bin/deno";
export const BUN = OWN_ROOT + "node_modules/.bin/bun";

/** How to start one server: a command line and extra environment. */
export interface Launch {
  name: string;
  cmd: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * The documented launch commands (README "Run"); runtime flags go before
 * the script name, as the README's command puts them.
 */
export function launchOf(
  name: string,
  runtime: string,
  flags: string[],
  env: Record<string, string>,
  script = (env.FERROUS_ROOT ?? ROOT) + "server.ts",
): Launch {
  if (runtime === "redis") return { name, cmd: "redis-server", args: [...flags], env };
  if (runtime === "deno") return { name, cmd: DENO, args: ["run", "-A", ...flags, script], env };
  if (runtime === "bun") return { name, cmd: BUN, args: [...flags, script], env };
  throw new Error("unknown runtime " + runtime);
}

/** Parses a variant spec (see the module doc); `script` replaces server.ts. */
export function parseVariant(spec: string, script?: string): Launch {
  const eq = spec.indexOf("=");
  const name = spec.slice(0, eq);
  const words = spec.slice(eq + 1).trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const w = words.shift()!;
    const i = w.indexOf("=");
    env[w.slice(0, i)] = w.slice(i + 1);
  }
  const runtime = words.shift()!;
  return launchOf(name, runtime, words, env, script);
}

/** A started server. */
export interface Running {
  launch: Launch;
  port: number;
  proc: ChildProcess;
  /** Milliseconds from spawn to the first PONG. */
  startupMs: number;
}

/** Starts `launch` on a free port (no persistence) and waits for its first PONG. */
export async function start(launch: Launch): Promise<Running> {
  const port = await freePort();
  const common = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ];
  const t0 = performance.now();
  const proc = spawn(launch.cmd, [...launch.args, ...common], {
    stdio: "ignore",
    env: { ...process.env, ...launch.env },
  });
  while (!(await ping(port))) {
    if (performance.now() - t0 > 15000) {
      proc.kill("SIGKILL");
      throw new Error(launch.name + " did not answer PING");
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return { launch, port, proc, startupMs: performance.now() - t0 };
}

/** Stops a server by its PID (SIGTERM, then SIGKILL after 3 s). */
export function stop(s: Running): Promise<void> {
  return new Promise((resolve) => {
    if (s.proc.exitCode !== null) return resolve();
    s.proc.once("exit", () => resolve());
    s.proc.kill("SIGTERM");
    setTimeout(() => {
      if (s.proc.exitCode === null) s.proc.kill("SIGKILL");
    }, 3000);
  });
}
