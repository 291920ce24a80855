/**
 * Ferrous on Node, from the npm package's build (`npm run build`: bun build
 * bundles dist/mod.js and dist/server.js): Node imports the package by
 * name (package.json `exports`, default condition) and embeds a server that
 * ioredis talks to, with the ManualClock, many servers, createInProcess and
 * a clean exit once everything is closed; `node dist/server.js` serves,
 * prints its version, and stops on SIGTERM with exit code 0; the packed
 * tarball installs into another project, which imports it by name and
 * runs its `ferrous` bin.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { spawn } from "node:child_process";
import { Buffer } from "node:buffer";
import { connect } from "node:net";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FERROUS_VERSION, REDIS_VERSION } from "../../mod.ts";
import { spawnServer } from "../helpers/process.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { ROOT } from "../helpers/runtime.ts";
import { SLOW_TEST_MS } from "../helpers/servers.ts";

const SLOW = { timeout: SLOW_TEST_MS };
const NODE = "node";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after `timeoutMs`). */
function run(cmd: string, args: string[], timeoutMs = 60_000, cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Uint8Array) => (stdout += new TextDecoder().decode(d)));
    p.stderr.on("data", (d: Uint8Array) => (stderr += new TextDecoder().decode(d)));
    const timer = setTimeout(() => p.kill("SIGKILL"), timeoutMs);
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

/**
 * Runs under Node, from the repository root, so that `ferrous` resolves to
 * this package (its `exports`) and `ioredis` to node_modules. It must end
 * by itself: a handle left open (a timer, a socket) would keep it running.
 */
const EMBED_SCRIPT = String.raw`
import { createInProcess, FERROUS_VERSION, ManualClock, ReplyError, startServer } from "ferrous";
import { Redis } from "ioredis";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const out = { version: FERROUS_VERSION };
const clock = new ManualClock(1_700_000_000_000);
const server = await startServer({ clock, hz: 100 });
out.url = server.url === "redis://127.0.0.1:" + server.port;
// ioredis with its defaults: RESP3, and the ready check (INFO).
const r = new Redis({ port: server.port, host: "127.0.0.1", retryStrategy: () => null });
const sub = r.duplicate();
out.ping = await r.ping();
out.set = await r.set("k", "v", "PX", 1000);
out.hash = [await r.hset("h", { a: "1", b: "2" }), await r.hgetall("h")];
out.zset = [await r.zadd("z", 1.5, "m"), await r.zscore("z", "m")];
out.multi = await r.multi().incr("n").incr("n").exec();
const message = new Promise((resolve) => sub.on("message", (ch, m) => resolve([ch, m])));
await sub.subscribe("ch");
out.published = await r.publish("ch", "hi");
out.message = await message;
clock.advance(1001);
out.lazy = await r.get("k");
// Active expiry: DBSIZE reads no key, so only the cron can remove "e".
server.call("SET", "e", "v", "PX", "10");
clock.advance(20);
const keys = server.call("DBSIZE");
for (let i = 0; i < 100 && server.call("DBSIZE") === keys; i++) await sleep(10);
out.active = [keys, server.call("DBSIZE"), server.call("INFO", "stats").match(/expired_keys:(\d+)/)[1]];
out.call = server.call("HGET", "h", "a");
await server.flushAll();
out.flushed = server.call("DBSIZE");
const many = await Promise.all([1, 2, 3, 4, 5].map(() => startServer()));
for (const [i, s] of many.entries()) s.call("SET", "who", String(i));
out.many = [new Set(many.map((s) => s.port)).size, many.map((s) => s.call("GET", "who"))];
await Promise.all(many.map((s) => s[Symbol.asyncDispose]()));
const local = createInProcess();
out.inProcess = [
  local.call("SET", "x", "1"),
  new TextDecoder().decode(local.callRaw("GET", "x")),
  local.call("INCR", "nope", "extra") instanceof ReplyError,
];
r.disconnect();
sub.disconnect();
await server.close();
console.log(JSON.stringify(out));
`;

describe("Node (the npm build)", () => {
  let built: Run | undefined;
  before(async () => {
    built = await run("npm", ["run", "build"], 120_000);
  });
  const dist = (f: string) => join(ROOT, "dist", f);

  it("npm run build bundles dist/mod.js and dist/server.js", SLOW, () => {
    assert.equal(built?.code, 0, `${built?.stdout}\n${built?.stderr}`);
    assert.ok(existsSync(dist("mod.js")) && existsSync(dist("server.js")));
    assert.match(readFileSync(dist("server.js"), "utf8"), /^#!\/usr\/bin\/env node\n/);
  });

  it("package.json, deno.json and the code agree on the version and entry points", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const deno = JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8"));
    assert.equal(pkg.version, FERROUS_VERSION);
    assert.equal(deno.version, FERROUS_VERSION);
    assert.equal(pkg.exports["."].default, "./dist/mod.js");
    assert.equal(pkg.bin.ferrous, "./dist/server.js");
    assert.equal(deno.exports["."], "./mod.ts");
  });

  it(
    "Node imports the package, embeds servers, serves ioredis, exits by itself",
    SLOW,
    async () => {
      assert.equal(built?.code, 0, "build failed");
      const r = await run(NODE, ["--input-type=module", "-e", EMBED_SCRIPT], 30_000);
      assert.equal(r.code, 0, `node exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
      assert.deepEqual(JSON.parse(r.stdout), {
        version: FERROUS_VERSION,
        url: true,
        ping: "PONG",
        set: "OK",
        hash: [2, { a: "1", b: "2" }],
        zset: [1, "1.5"],
        multi: [[null, 1], [null, 2]],
        published: 1,
        message: ["ch", "hi"],
        lazy: null,
        active: [4, 3, "2"],
        call: "1",
        flushed: 0,
        many: [5, ["0", "1", "2", "3", "4"]],
        inProcess: ["OK", "$1\r\n1\r\n", true],
      });
    },
  );

  it("node dist/server.js serves and stops on SIGTERM with exit code 0", SLOW, async () => {
    assert.equal(built?.code, 0, "build failed");
    const { child, match } = await spawnServer(
      NODE,
      [dist("server.js"), "--port", "0", "--bind", "127.0.0.1", "--save", ""],
      { ready: /Running mode=standalone, port=(\d+)\./, cwd: ROOT },
    );
    try {
      assert.match(child.output(), /runtime=node \d+\.\d+\.\d+/);
      const c = await RawClient.connect(Number(match[1]));
      try {
        assert.equal(await c.command("PING"), "+PONG\r\n");
        assert.equal(await c.command("SET", "k", "v"), "+OK\r\n");
        assert.equal(await c.command("GET", "k"), "$1\r\nv\r\n");
        assert.equal(await c.command("RPUSH", "l", "a", "b"), ":2\r\n");
        // A client that stops reading while 16 MB of replies are due: its
        // writes wait (node's transport batches them per turn), others are
        // served, and every byte arrives in order once it reads again.
        const values: string[] = [];
        for (let i = 0; i < 64; i++) {
          values.push(String(i).padStart(8, "0") + "v".repeat(256 * 1024 - 8));
          assert.equal(await c.command("SET", "big:" + i, values[i]), "+OK\r\n");
        }
        const slow = connect({ port: Number(match[1]), host: "127.0.0.1" });
        await new Promise((resolve) => slow.once("connect", resolve));
        slow.pause();
        let received = 0;
        const chunks: Buffer[] = [];
        slow.on("data", (b: Buffer) => {
          chunks.push(b);
          received += b.length;
        });
        let batch = "";
        for (let i = 0; i < 64; i++) {
          const key = "big:" + i;
          batch += "*2\r\n$3\r\nGET\r\n$" + key.length + "\r\n" + key + "\r\n";
        }
        slow.write(batch);
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(await c.command("PING"), "+PONG\r\n");
        const expected = values.map((v) => "$" + v.length + "\r\n" + v + "\r\n").join("");
        slow.resume();
        const deadline = Date.now() + 10000;
        while (received < expected.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.equal(received, expected.length);
        assert.ok(Buffer.concat(chunks).equals(Buffer.from(expected, "latin1")), "replies differ");
        slow.destroy();
      } finally {
        c.close();
      }
      process.kill(child.pid, "SIGTERM");
      assert.equal(await child.exit, 0, child.output());
      assert.match(child.output(), /ready to exit, bye bye/);
    } finally {
      await child.stop();
    }
  });

  it("node dist/server.js --version names the runtime and its version", SLOW, async () => {
    assert.equal(built?.code, 0, "build failed");
    const nodeVersion = (await run(NODE, ["-p", "process.versions.node"])).stdout.trim();
    const r = await run(NODE, [dist("server.js"), "--version"]);
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      `Ferrous server v=${FERROUS_VERSION} redis=${REDIS_VERSION} runtime=node ${nodeVersion} bits=64\n`,
    );
  });

  it(
    "the npm tarball installs into another project: import by name, the ferrous bin",
    SLOW,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "ferrous-npm-"));
      try {
        // npm pack runs prepack (the build) and packs what package.json's "files" lists.
        const packed = await run("npm", ["pack", "--pack-destination", dir], 120_000);
        assert.equal(packed.code, 0, packed.stderr);
        const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
        assert.ok(tarball, "no tarball");
        const app = join(dir, "app");
        const json = JSON.stringify({
          name: "app",
          version: "1.0.0",
          type: "module",
          private: true,
        });
        mkdirSync(app);
        writeFileSync(join(app, "package.json"), json);
        // No dependencies to fetch: the install works offline.
        const installed = await run(
          "npm",
          ["install", "--offline", "--no-audit", "--no-fund", join(dir, tarball)],
          120_000,
          app,
        );
        assert.equal(installed.code, 0, installed.stderr);
        const script = 'import { startServer } from "ferrous"; const s = await startServer(); ' +
          'console.log(s.call("SET", "k", "v"), s.call("GET", "k")); await s.close();';
        const used = await run(NODE, ["--input-type=module", "-e", script], 30_000, app);
        assert.equal(used.stdout, "OK v\n", used.stderr);
        const bin = await run(
          join(app, "node_modules", ".bin", "ferrous"),
          ["--version"],
          30_000,
          app,
        );
        assert.match(
          bin.stdout,
          new RegExp(`^Ferrous server v=${FERROUS_VERSION} .*runtime=node `),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
