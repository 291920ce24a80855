/**
 * RDB interoperability with real Redis: Ferrous (under Deno and under Bun)
 * filled with every type and encoding, expiries, several databases, big and
 * binary keys and values; `redis-cli --rdb FILE` fetches its snapshot over
 * the replication handshake; `redis-check-rdb` accepts the file; and
 * redis-server 7.0 loads it (with `sanitize-dump-payload yes`, so every
 * listpack and intset is validated deeply) and holds the same keys, types,
 * encodings, values and expiry times. Also the `$<len>` form
 * (`repl-diskless-sync no`), `--functions-rdb`, and a PSYNC replica that is
 * not rdb-only staying connected.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeReply, type ReplyValue } from "../../lib/resp/decode.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { bytes, encodeCommand, latin1 } from "../helpers/resp.ts";
import { serverRuntimes } from "../helpers/runtime.ts";
import { type ServerHandle, SLOW_TEST_MS, startFerrous, startRedis } from "../helpers/servers.ts";

const SLOW = { timeout: SLOW_TEST_MS };

/** redis-check-rdb comes with redis-server in Debian's packages; its checks run where it is. */
const HAS_CHECK_RDB = spawnSync("sh", ["-c", "command -v redis-check-rdb"]).status === 0;

/** redis-check-rdb's report on `file`, which must say the file is fine ("" without the tool). */
async function checkRdb(file: string): Promise<string> {
  if (!HAS_CHECK_RDB) return "";
  const check = await run("redis-check-rdb", [file]);
  assert.match(check.out, /Checksum OK/, check.out);
  assert.match(check.out, /RDB looks OK/, check.out);
  return check.out;
}

/** Runs a program to its end; stdout and stderr together, and the exit code. */
function run(cmd: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const add = (d: Uint8Array) => (out += latin1(d));
    p.stdout.on("data", add);
    p.stderr.on("data", add);
    const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
    p.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, out: out + String(e) });
    });
    p.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function cli(port: number, args: string[]): Promise<{ code: number | null; out: string }> {
  return run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args]);
}

/** Sends commands without waiting, then reads all their replies (errors fail the test). */
async function pipeline(c: RawClient, cmds: string[][]): Promise<void> {
  for (let i = 0; i < cmds.length; i += 500) {
    const batch = cmds.slice(i, i + 500);
    c.send(batch.map(encodeCommand).join(""));
    const replies = await c.readReplies(batch.length, 30_000);
    replies.forEach((r, j) => assert.ok(!r.startsWith("-"), batch[j].join(" ") + ": " + r));
  }
}

async function call(c: RawClient, ...argv: string[]): Promise<ReplyValue> {
  return decodeReply(bytes(await c.command(...argv)), { strings: "binary" });
}

function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

/** Deterministic pseudo-random bytes as a binary string. */
function noise(n: number, seed: number): string {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return latin1(out);
}

const ALL_BYTES = latin1(Uint8Array.from(range(256, (i) => i)));
/** A fixed expiry time far ahead (2100-01-01), and relative TTLs long enough for the test. */
const FAR = "4102444800000";

/** The dataset, per database: the commands that make it. */
const DATA: Record<number, string[][]> = {
  0: [
    ["SET", "str", "hello world"],
    ["SET", "int", "12345"],
    ["SET", "neg", "-1"],
    ["SET", "big-int", "9223372036854775807"],
    ["SET", "empty", ""],
    ["SET", "123", "an integer-looking key"],
    ["SET", "-7", "another"],
    ["SET", "\x00\xff\r\nbin", ALL_BYTES],
    ["SET", "big-string", noise(2_000_000, 7)],
    ["SET", "appended", "abc"],
    ["APPEND", "appended", "def"],
    ["SET", "str-ttl", "expiring", "EX", "100000"],
    ["SET", "str-pxat", "expiring", "PXAT", FAR],
    ["RPUSH", "list-small", "a", "b", "1", "-5", "300", "70000", "9999999999", ALL_BYTES],
    ["RPUSH", "list-big", ...range(5000, (i) => (i % 3 ? "item:" + i : String(i * 31)))],
    ["RPUSH", "list-big", ...range(5000, (i) => "more:" + i)],
    ["RPUSH", "list-fat", "x".repeat(9000), "y", noise(20000, 3), "z"],
    ["LPUSH", "list-ttl", "c", "b", "a"],
    ["PEXPIREAT", "list-ttl", FAR],
    ["SADD", "set-int16", "1", "2", "3", "-100"],
    ["SADD", "set-int64", "1", "9223372036854775807", "-9223372036854775808"],
    ["SADD", "set-ht", "a", "b", "c", "1", ALL_BYTES],
    ["SADD", "set-big", ...range(2000, (i) => "member:" + i)],
    ["SADD", "set-big-int", ...range(1000, (i) => String(i * 1000003))],
    ["HSET", "hash-lp", "f", "v", "n", "42", "float", "1.5", "neg", "-3"],
    ["HDEL", "hash-lp", "n"],
    ["HSET", "hash-ht", ...range(1000, (i) => (i % 2 ? "value-" : "field-") + (i >> 1))],
    ["HSET", "hash-long", "a", "1", "b", "q".repeat(100)],
    ["HSET", "hash-bin", ALL_BYTES, ALL_BYTES],
    ["ZADD", "zset-lp", "1", "a", "2.5", "b", "-3", "c", "inf", "d", "0.1", "e", "7", "100"],
    ["ZADD", "zset-sl", ...range(2000, (i) => (i % 2 ? "m" + i : String(i * 0.25)))],
    ["ZADD", "zset-long", "1", "m".repeat(100), "-inf", "x"],
    ["EXPIRE", "zset-long", "100000"],
    ...range(3000, (i) => ["XADD", "stream", `${1000 + i}-${i % 7}`, "f", "v" + i, "n", String(i)]),
    ["XADD", "stream", "5000-0", "other", "fields", "here", "too"],
    ["XDEL", "stream", "1001-1", "1500-3", "2000-5"],
    ["XTRIM", "stream", "MINID", "1010"],
    ["XGROUP", "CREATE", "stream", "g1", "0"],
    ["XGROUP", "CREATE", "stream", "g2", "$"],
    ["XGROUP", "CREATE", "stream", "123", "1500-0", "ENTRIESREAD", "490"],
    ["XREADGROUP", "GROUP", "g1", "alice", "COUNT", "5", "STREAMS", "stream", ">"],
    ["XREADGROUP", "GROUP", "g1", "bob", "COUNT", "3", "STREAMS", "stream", ">"],
    ["XACK", "stream", "g1", "1012-5"],
    ["XCLAIM", "stream", "g1", "carol", "0", "1013-6", "1014-0"],
    ["XGROUP", "CREATECONSUMER", "stream", "g2", "dave"],
    ["XADD", "stream-empty", "1-1", "f", "v"],
    ["XDEL", "stream-empty", "1-1"],
    ["XGROUP", "CREATE", "stream-mk", "g", "$", "MKSTREAM"],
    ["XADD", "stream-bigid", "18446744073709551615-18446744073709551614", "f", "v"],
  ],
  1: [
    ["SET", "one", "1", "EX", "200000"],
    ["HSET", "h", "a", "b"],
    ["PEXPIREAT", "h", FAR],
    ["ZADD", "z", "1", "one"],
  ],
  5: [
    ["XADD", "s", "1-1", "a", "b"],
    ["SADD", "s2", "x"],
    ["RPUSH", "l", "only"],
  ],
  15: [["SET", "last", "db"]],
};

/** Everything readable about every key of every database, in a comparable form. */
async function snapshot(c: RawClient): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (let db = 0; db < 16; db++) {
    assert.equal(await c.command("SELECT", String(db)), "+OK\r\n");
    const keys = (await call(c, "KEYS", "*") as string[]).sort();
    for (const key of keys) {
      const type = await call(c, "TYPE", key) as string;
      const entry: Record<string, unknown> = {
        type,
        pexpiretime: await call(c, "PEXPIRETIME", key),
      };
      // String encodings (embstr, raw) say how a value was made, not what it is.
      if (type !== "string") entry.encoding = await call(c, "OBJECT", "ENCODING", key);
      if (type === "string") entry.value = await call(c, "GET", key);
      else if (type === "list") entry.value = await call(c, "LRANGE", key, "0", "-1");
      else if (type === "set") entry.value = (await call(c, "SMEMBERS", key) as string[]).sort();
      else if (type === "hash") {
        const flat = await call(c, "HGETALL", key) as string[];
        entry.value = range(flat.length / 2, (i) => flat[2 * i] + "=" + flat[2 * i + 1]).sort();
      } else if (type === "zset") {
        entry.value = await call(c, "ZRANGE", key, "0", "-1", "WITHSCORES");
      } else if (type === "stream") {
        entry.value = await c.command("XINFO", "STREAM", key, "FULL", "COUNT", "0");
      }
      out[db + ":" + JSON.stringify(key)] = entry;
    }
  }
  return out;
}

for (const rt of serverRuntimes()) {
  describe(`RDB from Ferrous on ${rt} into redis-server`, () => {
    let ferrous: ServerHandle;
    let dir: string;
    let client: RawClient;

    before(async () => {
      ferrous = await startFerrous({ runtime: rt });
      dir = mkdtempSync(join(tmpdir(), "ferrous-rdb-"));
      client = await RawClient.connect(ferrous.port);
      for (const [db, cmds] of Object.entries(DATA)) {
        assert.equal(await client.command("SELECT", db), "+OK\r\n");
        await pipeline(client, cmds);
      }
      assert.equal(await client.command("SELECT", "0"), "+OK\r\n");
    });

    after(async () => {
      client?.close();
      await ferrous?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("redis-cli --rdb; redis-check-rdb; redis-server loads the same data", SLOW, async () => {
      const file = join(dir, "ferrous.rdb");
      const got = await cli(ferrous.port, ["--rdb", file]);
      assert.equal(got.code, 0, got.out);
      assert.match(got.out, /sending REPLCONF capa eof\nsending REPLCONF rdb-only 1\n/);
      assert.match(got.out, /writing bytes of bulk transfer until EOF marker/);
      assert.match(got.out, /Transfer finished with success after \d+ bytes/);
      assert.equal(latin1(readFileSync(file).subarray(0, 9)), "REDIS0010");
      const want = await snapshot(client);
      const total = Object.keys(want).length;
      assert.equal(total, 39);
      const check = await checkRdb(file);
      if (HAS_CHECK_RDB) {
        assert.match(check, new RegExp(`\\[info\\] ${total} keys read\\n`), check);
        assert.match(check, /\[info\] 0 already expired/, check);
      }
      const redis = await startRedis({
        args: ["--dir", dir, "--dbfilename", "ferrous.rdb", "--sanitize-dump-payload", "yes"],
      });
      try {
        assert.match(
          redis.output(),
          new RegExp(`Done loading RDB, keys loaded: ${total}, keys expired: 0`),
        );
        const rc = await RawClient.connect(redis.port);
        try {
          const loaded = await snapshot(rc);
          for (const key of Object.keys(want)) assert.deepEqual(loaded[key], want[key], key);
          assert.deepEqual(Object.keys(loaded).sort(), Object.keys(want).sort());
        } finally {
          rc.close();
        }
      } finally {
        await redis.stop();
      }
    });

    it("repl-diskless-sync no: the $<len> form", SLOW, async () => {
      const file = join(dir, "disk.rdb");
      assert.equal(await client.command("CONFIG", "SET", "repl-diskless-sync", "no"), "+OK\r\n");
      try {
        const got = await cli(ferrous.port, ["--rdb", file]);
        const m = /SYNC sent to master, writing (\d+) bytes to/.exec(got.out);
        assert.ok(m, got.out);
        assert.match(got.out, /Transfer finished with success\./);
        assert.equal(readFileSync(file).length, Number(m[1]));
        await checkRdb(file);
      } finally {
        await client.command("CONFIG", "SET", "repl-diskless-sync", "yes");
      }
    });

    it("--functions-rdb: a file without data", SLOW, async () => {
      const file = join(dir, "functions.rdb");
      const got = await cli(ferrous.port, ["--functions-rdb", file]);
      assert.equal(got.code, 0, got.out);
      assert.match(got.out, /Transfer finished with success/);
      const check = await checkRdb(file);
      if (HAS_CHECK_RDB) assert.match(check, /\[info\] 0 keys read/, check);
      const redis = await startRedis({ args: ["--dir", dir, "--dbfilename", "functions.rdb"] });
      try {
        assert.match(redis.output(), /Done loading RDB, keys loaded: 0, keys expired: 0/);
      } finally {
        await redis.stop();
      }
    });

    it(
      "PSYNC: +FULLRESYNC and the payload; a replica that is not rdb-only stays connected",
      SLOW,
      async () => {
        const r = await RawClient.connect(ferrous.port);
        try {
          assert.equal(await r.command("REPLCONF", "listening-port", "6380"), "+OK\r\n");
          assert.equal(await r.command("REPLCONF", "capa", "eof", "capa", "psync2"), "+OK\r\n");
          r.send(encodeCommand(["PSYNC", "?", "-1"]));
          const replid = ((await call(client, "INFO", "replication")) as string)
            .match(/master_replid:([0-9a-f]{40})/)![1];
          // The whole payload: until the end mark announced after $EOF:.
          const deadline = Date.now() + 20_000;
          let data = "";
          let mark = "";
          while (Date.now() < deadline) {
            data = r.pending();
            const m = /^\+FULLRESYNC ([0-9a-f]{40}) 0\r\n\$EOF:([0-9a-f]{40})\r\n/.exec(data);
            if (m) {
              assert.equal(m[1], replid);
              mark = m[2];
              if (data.length > m[0].length + 40 && data.endsWith(mark)) break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          assert.ok(mark !== "" && data.endsWith(mark), "payload with end mark");
          assert.ok(data.includes("REDIS0010"));
          assert.equal(await r.closesWithin(300), false);
          assert.match(
            (await call(client, "INFO", "replication")) as string,
            /connected_slaves:1\r\n/,
          );
          // REPLCONF ACK gets no reply; the connection stays.
          r.send(encodeCommand(["REPLCONF", "ACK", "0"]));
          assert.equal(await r.closesWithin(300), false);
        } finally {
          r.close();
        }
      },
    );
  });
}
