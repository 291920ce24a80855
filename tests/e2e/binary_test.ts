/**
 * Ferrous as a single executable: `bun build --compile server.ts` (what
 * `npm run build:binary` does), started from a directory without the
 * sources, answering redis-cli and a raw socket, stopping on SIGTERM with
 * exit code 0. The same for `deno compile` when Deno's denort runtime is at
 * hand (DENORT_BIN). And `--version` everywhere Ferrous runs: it names
 * Ferrous's version, the runtime and the runtime's version.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FERROUS_VERSION, REDIS_VERSION } from "../../mod.ts";
import { spawnServer } from "../helpers/process.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { ferrousCommand, ROOT, type Runtime, runtimeBinary } from "../helpers/runtime.ts";
import { SLOW_TEST_MS } from "../helpers/servers.ts";

const SLOW = { timeout: SLOW_TEST_MS };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Uint8Array) => (stdout += new TextDecoder().decode(d)));
    p.stderr.on("data", (d: Uint8Array) => (stderr += new TextDecoder().decode(d)));
    const timer = setTimeout(() => p.kill("SIGKILL"), 120_000);
    p.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + String(e) });
    });
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The version line a runtime must print. */
function versionLine(runtime: string, version: string): string {
  return `Ferrous server v=${FERROUS_VERSION} redis=${REDIS_VERSION} runtime=${runtime} ${version} bits=64\n`;
}

/** The version a runtime reports of itself. */
async function runtimeVersion(rt: Runtime): Promise<string> {
  const out = (await run(runtimeBinary(rt), ["--version"])).stdout;
  // "deno 2.9.6 (stable, ...)\nv8 ..." or "1.4.5"
  return rt === "deno" ? out.split(" ")[1] : out.trim();
}

/**
 * Starts a compiled server from `cwd` (a directory with no sources), checks
 * it answers, stops it with SIGTERM and expects exit code 0.
 */
async function smoke(binary: string, cwd: string): Promise<void> {
  const { child, match } = await spawnServer(
    binary,
    ["--port", "0", "--bind", "127.0.0.1", "--save", ""],
    { ready: /Running mode=standalone, port=(\d+)\./, cwd },
  );
  try {
    const port = Number(match[1]);
    const c = await RawClient.connect(port);
    try {
      assert.equal(await c.command("PING"), "+PONG\r\n");
      assert.equal(await c.command("SET", "k", "v"), "+OK\r\n");
      assert.equal(await c.command("GET", "k"), "$1\r\nv\r\n");
    } finally {
      c.close();
    }
    const cli = (...args: string[]) =>
      spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], {
        encoding: "utf8",
        timeout: 10_000,
      }).stdout;
    assert.equal(cli("PING"), "PONG\n");
    assert.equal(cli("SET", "cli", "hello"), "OK\n");
    assert.equal(cli("GET", "cli"), "hello\n");
    assert.equal(cli("DBSIZE"), "2\n");
    process.kill(child.pid, "SIGTERM");
    assert.equal(await child.exit, 0, child.output());
    assert.match(child.output(), /Received SIGTERM scheduling shutdown/);
  } finally {
    await child.stop();
  }
}

describe("single binary", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ferrous-binary-"));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("bun build --compile", () => {
    let built: Run | undefined;
    const binary = () => join(dir, "ferrous");
    before(async () => {
      built = await run(runtimeBinary("bun"), [
        "build",
        "--compile",
        join(ROOT, "server.ts"),
        "--outfile",
        binary(),
      ]);
    });

    it("builds one executable", SLOW, () => {
      assert.equal(built?.code, 0, `${built?.stdout}\n${built?.stderr}`);
      assert.ok(statSync(binary()).mode & 0o111, "not executable");
    });

    it("serves from a directory without the sources; SIGTERM exits 0", SLOW, async () => {
      assert.equal(built?.code, 0, "build failed");
      await smoke(binary(), dir);
    });

    it("--version names Ferrous, bun and its version", SLOW, async () => {
      assert.equal(built?.code, 0, "build failed");
      const r = await run(binary(), ["--version"], { cwd: dir });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, versionLine("bun", await runtimeVersion("bun")));
    });
  });

  describe("deno compile", () => {
    const denort = process.env.DENORT_BIN;
    const skip = denort
      ? undefined
      : "deno compile needs Deno's denort runtime, which cannot be downloaded here: " +
        "set DENORT_BIN to a denort binary to run this test";
    if (skip) process.stderr.write(`deno compile test skipped: ${skip}\n`);
    let built: Run | undefined;
    const binary = () => join(dir, "ferrous-deno");
    before(async () => {
      if (skip) return;
      built = await run(
        runtimeBinary("deno"),
        ["compile", "-A", "--no-check", "--output", binary(), join(ROOT, "server.ts")],
        { env: { DENORT_BIN: denort! } },
      );
    });

    it(
      "serves from a directory without the sources; SIGTERM exits 0",
      { ...SLOW, skip },
      async () => {
        assert.equal(built?.code, 0, `${built?.stdout}\n${built?.stderr}`);
        await smoke(binary(), dir);
      },
    );

    it("--version names Ferrous, deno and its version", { ...SLOW, skip }, async () => {
      assert.equal(built?.code, 0, "build failed");
      const r = await run(binary(), ["--version"], { cwd: dir });
      assert.equal(r.stdout, versionLine("deno", await runtimeVersion("deno")));
    });
  });
});

describe("--version of server.ts", () => {
  for (const rt of ["deno", "bun"] as const) {
    it(`under ${rt} names Ferrous, the runtime and its version`, SLOW, async () => {
      const { cmd, args } = ferrousCommand(rt, ["--version"]);
      const r = await run(cmd, args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, versionLine(rt, await runtimeVersion(rt)));
    });
  }
});
