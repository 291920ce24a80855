/**
 * Which runtime runs the tests, and how to start Ferrous under either one.
 *
 * @module
 */
import process from "node:process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root (with a trailing slash). */
export const ROOT: string = fileURLToPath(new URL("../../", import.meta.url));

/** A runtime Ferrous runs on. */
export type Runtime = "deno" | "bun";

/** The runtime executing this code. */
export function currentRuntime(): Runtime {
  // deno-lint-ignore no-explicit-any
  return (globalThis as any).Bun ? "bun" : "deno";
}

/**
 * The executable of a runtime: our own one when it is the current runtime
 * (no npx wrapper, so its PID is the server's), else the npm-installed one.
 */
export function runtimeBinary(rt: Runtime): string {
  if (rt === currentRuntime()) return process.execPath;
  const local = ROOT + "node_modules/.bin/" + rt;
  return existsSync(local) ? local : rt;
}

/** Command line that runs `server.ts` with `args` under `rt`. */
export function ferrousCommand(rt: Runtime, args: string[]): { cmd: string; args: string[] } {
  const script = ROOT + "server.ts";
  const runArgs = rt === "deno" ? ["run", "-A", script, ...args] : [script, ...args];
  return { cmd: runtimeBinary(rt), args: runArgs };
}

/**
 * Runtimes to start servers under in e2e tests: `FERROUS_SERVER_RUNTIMES`
 * (`deno,bun`), else both.
 */
export function serverRuntimes(): Runtime[] {
  const env = process.env.FERROUS_SERVER_RUNTIMES;
  if (!env) return ["deno", "bun"];
  return env.split(",").map((s) => s.trim()).filter((s): s is Runtime =>
    s === "deno" || s === "bun"
  );
}
