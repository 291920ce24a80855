/**
 * Debian's redis-cli against Ferrous (under Deno and Bun), every output
 * compared with what the same redis-cli prints against real redis-server:
 * commands of every family (RESP2, RESP3 with -3, --csv), --pipe mass
 * insertion, --scan, --bigkeys, --memkeys, --stat, --latency, and the
 * interactive mode in a pseudo-terminal (prompts, hints and help built
 * from COMMAND DOCS). --rdb waits for replication.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import process from "node:process";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needsCommands } from "../helpers/commands.ts";
import { encodeCommand } from "../helpers/resp.ts";
import { serverRuntimes } from "../helpers/runtime.ts";
import { type ServerHandle, SLOW_TEST_MS, startRedis } from "../helpers/servers.ts";
import { family, type FamilyName, sleep, useServer } from "./support.ts";

const SLOW = { timeout: SLOW_TEST_MS };

/** Runs redis-cli against `port` to its end; stdout and stderr together. */
function cli(port: number, args: string[], input?: string | Buffer): string {
  const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], {
    input,
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return (r.stdout?.toString("latin1") ?? "") + (r.stderr?.toString("latin1") ?? "");
}

/**
 * Commands per family, fed to redis-cli on stdin. Each script starts with
 * FLUSHALL and avoids replies in no fixed order (set members via SORT).
 */
const SCRIPTS: Record<FamilyName, string[]> = {
  strings: [
    "SET s hello EX 100",
    "GET s",
    "SET s x NX",
    "SET s world GET",
    "INCRBYFLOAT n 1.5",
    "INCRBYFLOAT n 1e3",
    "MSET a 1 b 2",
    "MGET a b nosuch",
    "GETRANGE s 1 -2",
    "INCR s",
  ],
  keyspace: [
    "MSET k1 1 k2 2 k3 3",
    "EXISTS k1 k2 nosuch",
    "EXPIRE k1 100",
    "TTL k1",
    "PERSIST k1",
    "TYPE k1",
    "RENAME k2 k4",
    "KEYS k4",
    "DEL k1 k4 nosuch",
    "OBJECT ENCODING k3",
    "DBSIZE",
  ],
  hashes: [
    "HSET h name ferrous n 1 f 1.5",
    "HGETALL h",
    "HINCRBYFLOAT h f 1",
    "HINCRBY h n 41",
    "HMGET h n nosuch",
    "HKEYS h",
    "HRANDFIELD h 0",
    "HSCAN h 0",
    "HGET h",
  ],
  lists: [
    "RPUSH l a b c d",
    "LRANGE l 0 -1",
    "LPOS l c",
    "LINSERT l BEFORE c bc",
    "LPOP l 2",
    "LMPOP 2 nosuch l RIGHT COUNT 2",
    "BLPOP nosuch 0.01",
    "LINDEX l 0",
    "LSET l 5 x",
  ],
  sets: [
    "SADD st x y z",
    "SORT st ALPHA",
    "SISMEMBER st x",
    "SMISMEMBER st x w",
    "SADD si 3 1 2",
    "SMEMBERS si",
    "SINTERCARD 2 st si",
    "SCARD st",
  ],
  zsets: [
    "ZADD z 1 a 2.5 b 3 c",
    "ZRANGE z 0 -1 WITHSCORES",
    "ZSCORE z b",
    "ZINCRBY z 0.1 a",
    "ZMSCORE z a nosuch",
    "ZPOPMIN z",
    "ZPOPMAX z 2",
    "ZADD z INCR 5 q",
    "ZRANDMEMBER z 0",
    "ZRANGE z (1 +inf BYSCORE LIMIT 0 1",
  ],
  streams: [
    "XADD xs 1-1 f v1",
    "XADD xs 1-2 f v2 g w",
    "XADD xs 1-1 f v",
    "XRANGE xs - +",
    "XREAD COUNT 1 STREAMS xs 0",
    "XGROUP CREATE xs g 0",
    "XREADGROUP GROUP g c1 STREAMS xs >",
    "XPENDING xs g",
    "XINFO STREAM xs",
    "XINFO GROUPS xs",
    "XLEN xs",
  ],
  pubsub: [
    "PUBLISH ch hello",
    "PUBSUB NUMSUB ch",
    "PUBSUB CHANNELS",
    "PUBSUB NUMPAT",
  ],
  transactions: [
    "MULTI",
    "SET t 1",
    "INCR t",
    "HSET t f v",
    "EXEC",
    "MULTI",
    "SET t",
    "EXEC",
    "WATCH t",
    "UNWATCH",
    "DISCARD",
  ],
};

const MODES: string[][] = [["--no-raw"], ["-3", "--no-raw"], ["--csv"]];

/** Keys of every type for --bigkeys and --memkeys (the families Ferrous has). */
function dataset(available: (f: FamilyName) => boolean): string {
  const cmds: string[][] = [];
  // One string far bigger than the others: no tie for "biggest" (ties go by SCAN order).
  for (let i = 0; i < 20; i++) cmds.push(["SET", `str:${i}`, "x".repeat(i < 19 ? i * 3 : 5000)]);
  if (available("hashes")) {
    for (let i = 0; i < 5; i++) {
      const fields = Array.from({ length: i * 40 + 1 }, (_, j) => [`f${j}`, `v${j}`]).flat();
      cmds.push(["HSET", `hash:${i}`, ...fields]);
    }
  }
  if (available("lists")) {
    for (let i = 0; i < 4; i++) {
      cmds.push(["RPUSH", `list:${i}`, ...Array.from({ length: i * 50 + 1 }, (_, j) => `e${j}`)]);
    }
  }
  if (available("sets")) {
    for (let i = 0; i < 4; i++) {
      cmds.push(["SADD", `set:${i}`, ...Array.from({ length: i * 30 + 2 }, (_, j) => `m${j}`)]);
    }
    cmds.push(["SADD", "intset", "1", "2", "3"]);
  }
  if (available("zsets")) {
    for (let i = 0; i < 3; i++) {
      const pairs = Array.from({ length: i * 100 + 1 }, (_, j) => [String(j), `m${j}`]).flat();
      cmds.push(["ZADD", `zset:${i}`, ...pairs]);
    }
  }
  if (available("streams")) {
    for (let i = 1; i <= 30; i++) cmds.push(["XADD", "stream:0", `1-${i}`, "f", `v${i}`]);
  }
  return cmds.map(encodeCommand).join("");
}

/** The part of --bigkeys/--memkeys output that does not depend on SCAN order. */
function summary(out: string): string {
  const at = out.indexOf("-------- summary -------");
  assert.ok(at >= 0, out);
  return out.slice(at);
}

/**
 * Drives redis-cli's interactive mode in a pseudo-terminal (util-linux
 * `script`): types each line once the prompt is back, returns everything
 * the terminal showed. The terminal size is set so linenoise asks no
 * cursor-position questions.
 */
async function interactive(port: number, lines: string[]): Promise<string> {
  const p = spawn(
    "script",
    ["-qfec", `stty cols 200 rows 50; exec redis-cli -h 127.0.0.1 -p ${port}`, "/dev/null"],
    { env: { ...process.env, TERM: "xterm" }, stdio: ["pipe", "pipe", "pipe"] },
  );
  let out = "";
  let sent = 0;
  let mark = -1;
  const exited = new Promise<number | null>((resolve) => p.on("exit", resolve));
  const onData = (d: Buffer) => {
    out += d.toString("latin1");
    // The next line goes once the previous one was answered (a newline after it)
    // and the prompt is back at the end of the output.
    const answered = mark < 0 || out.slice(mark).includes("\r\n");
    if (answered && /> $/.test(out) && sent < lines.length) {
      mark = out.length;
      p.stdin.write(lines[sent++] + "\r");
    }
  };
  p.stdout.on("data", onData);
  const timer = setTimeout(() => p.kill("SIGKILL"), 20_000);
  const code = await exited;
  clearTimeout(timer);
  assert.equal(code, 0, `redis-cli in a terminal: exit ${code}, sent ${sent}; output:\n${out}`);
  return out;
}

const ESC = "\x1b";
const CURSOR_FORWARD = new RegExp(`${ESC}\\[\\d+C`, "g");

/** A terminal transcript without what depends on the port: the prompt and cursor columns. */
function normalizeTranscript(s: string, port: number): string {
  return s.replaceAll(`127.0.0.1:${port}`, "127.0.0.1:PORT").replace(CURSOR_FORWARD, "");
}

describe("redis-cli compat", () => {
  let redis: ServerHandle;
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await redis?.stop();
  });

  for (const rt of serverRuntimes()) {
    describe(`Ferrous on ${rt} prints as redis-server`, () => {
      const server = useServer(rt);
      const available = (f: FamilyName) => family(rt, f).skip === undefined;
      /** redis-cli's output against Ferrous and against redis-server. */
      const both = (args: string[], input?: string | Buffer) => ({
        ferrous: cli(server().port, args, input),
        redis: cli(redis.port, args, input),
      });

      for (const [name, script] of Object.entries(SCRIPTS) as [FamilyName, string[]][]) {
        for (const mode of MODES) {
          it(`${name} commands, ${mode.join(" ")}`, family(rt, name), () => {
            const input = ["FLUSHALL", ...script].join("\n") + "\n";
            const { ferrous, redis } = both(mode, input);
            assert.equal(ferrous, redis);
          });
        }
      }

      it("--pipe mass insertion of every type", SLOW, () => {
        const cmds: string[][] = [];
        for (let i = 0; i < 2000; i++) {
          cmds.push(["SET", `p:s:${i}`, String(i)]);
          if (available("hashes")) cmds.push(["HSET", `p:h:${i % 50}`, `f${i}`, String(i)]);
          if (available("lists")) cmds.push(["RPUSH", `p:l:${i % 10}`, String(i)]);
          if (available("sets")) cmds.push(["SADD", `p:set:${i % 20}`, String(i)]);
          if (available("zsets")) cmds.push(["ZADD", `p:z:${i % 5}`, String(i), `m${i}`]);
          if (available("streams")) cmds.push(["XADD", "p:x", `1-${i + 1}`, "i", String(i)]);
        }
        const input = Buffer.from(
          encodeCommand(["FLUSHALL"]) + cmds.map(encodeCommand).join(""),
          "latin1",
        );
        const { ferrous, redis } = both(["--pipe"], input);
        assert.match(ferrous, new RegExp(`errors: 0, replies: ${cmds.length + 1}\\n$`));
        assert.equal(ferrous, redis);
        const check = ["DBSIZE", "GET p:s:1999"];
        if (available("hashes")) check.push("HLEN p:h:7");
        if (available("lists")) check.push("LRANGE p:l:3 -2 -1");
        if (available("zsets")) check.push("ZRANGE p:z:4 -1 -1 WITHSCORES");
        if (available("streams")) check.push("XLEN p:x");
        const after = both(["--no-raw"], check.join("\n") + "\n");
        assert.equal(after.ferrous, after.redis);
      });

      it("--scan with --pattern and -i", family(rt, "keyspace"), () => {
        const input = encodeCommand(["FLUSHALL"]) +
          Array.from({ length: 300 }, (_, i) => encodeCommand(["SET", `scan:${i}`, "v"])).join(
            "",
          ) + encodeCommand(["SET", "other", "v"]);
        both(["--pipe"], Buffer.from(input, "latin1"));
        const all = both(["--scan"]);
        const lines = (s: string) => s.split("\n").filter((l) => l !== "").sort();
        assert.equal(lines(all.ferrous).length, 301);
        assert.deepEqual(lines(all.ferrous), lines(all.redis));
        const some = both(["--scan", "--pattern", "scan:1?", "-i", "0.001"]);
        assert.deepEqual(lines(some.ferrous), Array.from({ length: 10 }, (_, i) => `scan:1${i}`));
        assert.deepEqual(lines(some.ferrous), lines(some.redis));
      });

      it("--bigkeys summary", SLOW, () => {
        const input = Buffer.from(encodeCommand(["FLUSHALL"]) + dataset(available), "latin1");
        both(["--pipe"], input);
        const { ferrous, redis } = both(["--bigkeys"]);
        assert.match(ferrous, /Biggest string found '"str:19"' has 5000 bytes/);
        assert.equal(summary(ferrous), summary(redis));
      });

      it("--memkeys summary", SLOW, () => {
        const input = Buffer.from(encodeCommand(["FLUSHALL"]) + dataset(available), "latin1");
        both(["--pipe"], input);
        const { ferrous, redis } = both(["--memkeys"]);
        // MEMORY USAGE is an estimate; Ferrous's differs from Redis's for
        // quicklists, hashtable sets, skiplists and streams, so their sizes
        // are not compared (strings and hashes are).
        const mask = (s: string) =>
          summary(s).split("\n").map((l) =>
            /\b(list|set|zset|stream)s? /.test(l)
              ? l.replace(/\d+ bytes/, "N bytes").replace(/avg size [\d.]+/, "avg size N")
              : l
          ).join("\n");
        assert.equal(mask(ferrous), mask(redis));
      });

      it("--stat", SLOW, async () => {
        cli(server().port, ["FLUSHALL"]);
        cli(server().port, ["MSET", "a", "1", "b", "2", "c", "3"]);
        // stdbuf: redis-cli buffers stdout that is not a terminal.
        const p = spawn("stdbuf", [
          "-o0",
          "redis-cli",
          "-h",
          "127.0.0.1",
          "-p",
          String(server().port),
          "--stat",
          "-i",
          "0.05",
        ]);
        let out = "";
        p.stdout.on("data", (d: Buffer) => (out += d.toString("latin1")));
        const exited = new Promise((resolve) => p.on("exit", resolve));
        try {
          for (let i = 0; i < 200 && out.split("\n").length < 6; i++) await sleep(20);
        } finally {
          p.kill("SIGTERM");
          await exited;
        }
        const lines = out.split("\n");
        assert.match(lines[0], /^------- data ------ -+ load -+ - child -$/);
        assert.match(lines[1], /^keys\s+mem\s+clients\s+blocked\s+requests\s+connections\s*$/);
        for (const line of lines.slice(2, 5)) {
          assert.match(line, /^3\s+[\d.]+[BKMG]\s+1\s+0\s+\d+ \(\+\d+\)\s+\d+\s*$/);
        }
        // Each sample's INFO is one more request.
        const requests = lines.slice(3, 5).map((l) => l.match(/\(\+(\d+)\)/)?.[1]);
        assert.deepEqual(requests, ["1", "1"]);
      });

      it("--latency", SLOW, () => {
        const out = cli(server().port, ["--latency", "-i", "0.2"]);
        // Not a terminal: one line after the interval, "min max avg samples".
        const m = out.match(/^(\d+) (\d+) ([\d.]+) (\d+)\n$/);
        assert.ok(m, out);
        assert.ok(Number(m[4]) >= 5, out);
        assert.ok(Number(m[1]) <= Number(m[2]), out);
      });

      it(
        "interactive mode in a terminal",
        { ...SLOW, ...family(rt, "hashes", "zadd") },
        async () => {
          const setup = ["FLUSHALL", "HSET h f v g w", "ZADD z 1 a 2.5 b"].join("\n") + "\n";
          cli(server().port, [], setup);
          cli(redis.port, [], setup);
          const lines = [
            "SET k1 v1",
            "get k1",
            "HGETALL h",
            "SELECT 3",
            "DBSIZE",
            "help GET",
            "help ZADD",
            "nosuch x",
            'SET "quoted key" "a b\\x41"',
            "SELECT 0",
            "ZRANGE z 0 -1 WITHSCORES",
            "quit",
          ];
          const ferrous = normalizeTranscript(
            await interactive(server().port, lines),
            server().port,
          );
          const reference = normalizeTranscript(await interactive(redis.port, lines), redis.port);
          assert.match(ferrous, /127\.0\.0\.1:PORT\[3\]> /);
          assert.match(ferrous, /\r\n\(integer\) 0\r\n/);
          assert.ok(ferrous.includes(`summary:${ESC}[0m Get the value of a key`), ferrous);
          assert.equal(ferrous, reference);
        },
      );

      it("--rdb", { ...SLOW, skip: needsCommands("replconf", "sync") }, () => {
        const setup = ["FLUSHALL", "SET k v", "RPUSH l a b", "SELECT 2", "HSET h f v"].join("\n");
        cli(server().port, [], setup + "\n");
        cli(redis.port, [], setup + "\n");
        const file = join(tmpdir(), `ferrous-cli-${process.pid}.rdb`);
        // Redis waits repl-diskless-sync-delay (5 s) for more replicas; Ferrous sends at once.
        cli(redis.port, ["CONFIG", "SET", "repl-diskless-sync-delay", "0"]);
        try {
          const bytes = /after \d+ bytes/;
          const reference = cli(redis.port, ["--rdb", file]).replace(bytes, "after N bytes");
          const out = cli(server().port, ["--rdb", file]);
          assert.match(out, /Transfer finished with success after \d+ bytes/);
          assert.equal(out.replace(bytes, "after N bytes"), reference);
          assert.equal(readFileSync(file).subarray(0, 9).toString("latin1"), "REDIS0010");
          const check = spawnSync("redis-check-rdb", [file]).stdout?.toString("latin1") ?? "";
          assert.match(check, /RDB looks OK/, check);
          assert.match(check, /\[info\] 3 keys read/, check);
        } finally {
          cli(redis.port, ["CONFIG", "SET", "repl-diskless-sync-delay", "5"]);
          rmSync(file, { force: true });
        }
      });
    });
  }
});
