/**
 * The command line of server.ts under each runtime, as redis-server's:
 * options, config files, stdin, fatal config errors (stderr and exit code
 * compared with redis-server's), --version, --help, CONFIG REWRITE of the
 * file it started with, and clean exits on SIGTERM and SIGINT.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ferrousCommand, ROOT, type Runtime, serverRuntimes } from "../helpers/runtime.ts";
import { spawnServer } from "../helpers/process.ts";
import { RawClient } from "../helpers/raw_client.ts";

const PORT_LINE = /Running mode=standalone, port=(\d+)\./;
const BASE = ["--port", "0", "--bind", "127.0.0.1", "--save", ""];

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, with optional stdin. */
function run(cmd: string, args: string[], input = ""): Promise<Result> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    p.stdout!.on("data", (d: Uint8Array) => (stdout += new TextDecoder().decode(d)));
    p.stderr!.on("data", (d: Uint8Array) => (stderr += new TextDecoder().decode(d)));
    p.on("close", (code) => resolve({ code, stdout, stderr }));
    p.stdin!.end(input);
  });
}

function ferrous(rt: Runtime, args: string[], input = ""): Promise<Result> {
  const { cmd, args: argv } = ferrousCommand(rt, args);
  return run(cmd, argv, input);
}

const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;

/** What redis-server prints for the same arguments (when it is installed). */
async function redis(args: string[]): Promise<Result | undefined> {
  return hasRedis ? await run("redis-server", args) : undefined;
}

async function withServer(
  rt: Runtime,
  args: string[],
  body: (port: number, pid: number, output: () => string) => Promise<void>,
  signal: "SIGTERM" | "SIGINT" = "SIGTERM",
): Promise<void> {
  const { cmd, args: argv } = ferrousCommand(rt, args);
  const { child, match } = await spawnServer(cmd, argv, { ready: PORT_LINE, cwd: ROOT });
  try {
    await body(Number(match[1]), child.pid, () => child.output());
    process.kill(child.pid, signal);
    const code = await child.exit;
    assert.equal(code, 0, child.output());
    assert.match(child.output(), new RegExp(`Received ${signal} scheduling shutdown`));
    assert.match(child.output(), /ready to exit, bye bye/);
  } finally {
    await child.stop();
  }
}

async function get(port: number, name: string): Promise<string> {
  const c = await RawClient.connect(port);
  try {
    return await c.command("CONFIG", "GET", name);
  } finally {
    c.close();
  }
}

function bulkPair(k: string, v: string): string {
  return `*2\r\n$${k.length}\r\n${k}\r\n$${v.length}\r\n${v}\r\n`;
}

for (const rt of serverRuntimes()) {
  describe(`server.ts under ${rt}`, () => {
    const fatalCases: string[][] = [
      ["--foo", "bar"],
      ["--port"],
      ["--port", "6379", "6380"],
      ["--port", "--bla", "--loglevel", "verbose"],
      ["--maxmemory", "lots"],
      ["--loglevel", "verbose", "--save", "a"],
    ];
    for (const args of fatalCases) {
      test(`fatal config error: ${args.join(" ")}`, async () => {
        const got = await ferrous(rt, args);
        assert.equal(got.code, 1);
        assert.equal(got.stdout, "");
        assert.match(got.stderr, /^\n\*\*\* FATAL CONFIG FILE ERROR \(Redis 7\.0\.15\) \*\*\*\n/);
        const ref = await redis(args);
        if (ref) {
          assert.equal(got.stderr, ref.stderr);
          assert.equal(got.code, ref.code);
        }
      });
    }

    test("fatal error in a config file names its line", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ferrous-cli-"));
      try {
        const file = join(dir, "bad.conf");
        writeFileSync(file, "# comment\nport 0\n\nnot-a-directive 1\n");
        const got = await ferrous(rt, [file]);
        assert.equal(got.code, 1);
        assert.equal(
          got.stderr,
          "\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line 4\n" +
            ">>> 'not-a-directive 1'\nBad directive or wrong number of arguments\n",
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("missing config file", async () => {
      const got = await ferrous(rt, ["/nonexistent/ferrous.conf"]);
      assert.equal(got.code, 1);
      assert.match(
        got.stdout,
        /^\d+:C \d\d \w{3} \d{4} [\d:.]+ # Fatal error, can't open config file '\/nonexistent\/ferrous\.conf': No such file or directory\n$/,
      );
    });

    test("--version and -v", async () => {
      for (const flag of ["--version", "-v"]) {
        const got = await ferrous(rt, [flag]);
        assert.equal(got.code, 0);
        assert.match(
          got.stdout,
          new RegExp(`^Ferrous server v=\\S+ redis=7\\.0\\.15 runtime=${rt} `),
        );
      }
    });

    test("--help prints the usage on stderr and exits 1, as redis-server", async () => {
      const got = await ferrous(rt, ["--help"]);
      assert.equal(got.code, 1);
      assert.match(
        got.stderr,
        /^Usage: \.\/server\.ts \[\/path\/to\/redis\.conf\] \[options\] \[-\]\n/,
      );
    });

    test("options, start-up log, SIGTERM", async () => {
      await withServer(
        rt,
        [...BASE, "--maxmemory", "2mb", "--hz", "20"],
        async (port, pid, out) => {
          assert.equal(await get(port, "maxmemory"), bulkPair("maxmemory", "2097152"));
          assert.equal(await get(port, "hz"), bulkPair("hz", "20"));
          assert.equal(await get(port, "port"), bulkPair("port", String(port)));
          assert.match(out(), new RegExp(`runtime=${rt} [^,]+, bits=64, pid=${pid}, just started`));
          assert.match(out(), /redis=7\.0\.15/);
        },
      );
    });

    test("SIGINT stops it cleanly too", async () => {
      await withServer(rt, BASE, async () => {}, "SIGINT");
    });

    test("config file, options after it, CONFIG REWRITE", async () => {
      const dir = mkdtempSync(join(tmpdir(), "ferrous-cli-"));
      try {
        const file = join(dir, "redis.conf");
        writeFileSync(
          file,
          "# kept\nmaxmemory 1mb\nhash-max-ziplist-entries 7\n" +
            'rename-command get fetch\nrename-command flushall ""\n',
        );
        await withServer(rt, [file, ...BASE, "--maxmemory", "3mb"], async (port) => {
          assert.equal(await get(port, "maxmemory"), bulkPair("maxmemory", "3145728"));
          assert.equal(
            await get(port, "hash-max-listpack-entries"),
            bulkPair("hash-max-listpack-entries", "7"),
          );
          const c = await RawClient.connect(port);
          try {
            // rename-command: the command answers to its new name only (any case).
            assert.equal(
              await c.command("GET", "k"),
              "-ERR unknown command 'GET', with args beginning with: 'k' \r\n",
            );
            assert.equal(await c.command("Fetch", "k"), "$-1\r\n");
            assert.equal(
              await c.command("FLUSHALL"),
              "-ERR unknown command 'FLUSHALL', with args beginning with: \r\n",
            );
            assert.equal(await c.command("CONFIG", "SET", "maxmemory", "5mb"), "+OK\r\n");
            assert.equal(await c.command("CONFIG", "REWRITE"), "+OK\r\n");
          } finally {
            c.close();
          }
        });
        const text = readFileSync(file, "utf8");
        assert.match(text, /^# kept\nmaxmemory 5mb\nhash-max-listpack-entries 7\n/);
        assert.match(text, /\n# Generated by CONFIG REWRITE\n/);
        assert.match(text, /\nbind 127\.0\.0\.1\n/);
        assert.match(text, /\nsave ""\n/);
        assert.match(text, /\nrename-command get fetch\n/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("config from stdin with a lone -", async () => {
      const { cmd, args } = ferrousCommand(rt, [...BASE, "-"]);
      const p = spawn(cmd, args, { cwd: ROOT });
      let out = "";
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no start: " + out)), 20000);
        p.stdout!.on("data", (d: Uint8Array) => {
          out += new TextDecoder().decode(d);
          const m = out.match(PORT_LINE);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        p.stdin!.end("maxmemory-policy allkeys-lru\n");
      });
      try {
        assert.match(out, /Reading config from stdin/);
        assert.equal(
          await get(port, "maxmemory-policy"),
          bulkPair("maxmemory-policy", "allkeys-lru"),
        );
      } finally {
        const exited = new Promise((resolve) => p.on("exit", resolve));
        process.kill(p.pid!, "SIGTERM");
        assert.equal(await exited, 0);
      }
    });
  });
}
