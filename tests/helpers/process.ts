/**
 * Child server processes: started with a log line to wait for, stopped by
 * PID (SIGTERM, then SIGKILL), and killed on exit if a test forgot to.
 *
 * @module
 */
import process from "node:process";
import { type ChildProcess, spawn } from "node:child_process";

/** A child process we started. */
export interface ChildServer {
  readonly pid: number;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** True once it exited. */
  readonly exited: boolean;
  /** Resolves when it exited. */
  readonly exit: Promise<number | null>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooked = false;

function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const child of live) {
      try {
        if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      } catch { /* already gone */ }
    }
  });
}

/** Options of {@link spawnServer}. */
export interface SpawnOptions {
  /** Resolves the start once the output matches; its first group, if any, is returned. */
  ready: RegExp;
  /** Give up (and kill the child) after this long. */
  timeoutMs?: number;
  env?: Record<string, string>;
  cwd?: string;
}

/**
 * Spawns `cmd args` and waits for `ready` in its output. Rejects with the
 * output when the child exits first or the timeout passes.
 */
export function spawnServer(
  cmd: string,
  args: string[],
  options: SpawnOptions,
): Promise<{ child: ChildServer; match: RegExpMatchArray }> {
  killAllOnExit();
  const proc = spawn(cmd, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
  });
  live.add(proc);
  let out = "";
  let exited = false;
  let onExit!: (code: number | null) => void;
  const exit = new Promise<number | null>((resolve) => (onExit = resolve));
  proc.on("exit", (code) => {
    exited = true;
    live.delete(proc);
    onExit(code);
  });
  proc.on("error", (e) => {
    out += String(e) + "\n";
    exited = true;
    live.delete(proc);
    onExit(null);
  });
  const child: ChildServer = {
    get pid() {
      return proc.pid ?? -1;
    },
    output: () => out,
    get exited() {
      return exited;
    },
    exit,
    async stop(graceMs = 3000) {
      if (exited || proc.pid === undefined) return;
      try {
        process.kill(proc.pid, "SIGTERM");
      } catch { /* already gone */ }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          try {
            if (!exited) process.kill(proc.pid!, "SIGKILL");
          } catch { /* gone */ }
          resolve();
        }, graceMs);
      });
      await Promise.race([exit, killed]);
      await exit;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      child.stop(500).finally(() =>
        reject(new Error(`${cmd} did not start in time; output:\n${out}`))
      );
    }, options.timeoutMs ?? 20000);
    const onData = (chunk: Uint8Array) => {
      out += new TextDecoder().decode(chunk);
      if (done) return;
      const m = out.match(options.ready);
      if (m) {
        done = true;
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    exit.then((code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code} before it was ready; output:\n${out}`));
    });
  });
}
