/**
 * The RDB encoder (lib/persistence/rdb): CRC-64, DUMP payloads compared byte
 * for byte with a real redis-server's DUMP after the same commands (with
 * `rdbcompression no`, since Ferrous writes no LZF), or, where Redis's
 * hashtable order makes bytes differ, RESTOREd into redis-server and read
 * back; whole files read back with a small RDB reader; and the master side
 * of the replication handshake (REPLCONF, SYNC, PSYNC) in-process.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { type Client, CLIENT_CLOSE_AFTER_REPLY, CLIENT_REPLICA } from "../../lib/core/client.ts";
import {
  Crc64,
  crc64,
  encodeRdb,
  ListpackWriter,
  rdbChunks,
  type RdbOptions,
} from "../../lib/persistence/rdb/mod.ts";
import { decodeReply } from "../../lib/resp/decode.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { bytes, latin1 } from "../helpers/resp.ts";
import { type ServerHandle, SLOW_TEST_MS, startRedis } from "../helpers/servers.ts";

const SLOW = { timeout: SLOW_TEST_MS };

// ---------------------------------------------------------------------------
// A small RDB reader: the file's structure, with string values only.

interface ReadKey {
  value: string;
  expire?: bigint;
  idle?: number;
  freq?: number;
}

interface ReadRdb {
  version: string;
  aux: Map<string, string>;
  /** Per database: RESIZEDB sizes and keys in file order. */
  dbs: Map<number, { size: number; expires: number; keys: Map<string, ReadKey> }>;
  functions: string[];
  checksumOk: boolean;
  checksumZero: boolean;
}

function readRdb(b: Uint8Array): ReadRdb {
  let p = 0;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u8 = () => b[p++];
  const len = (): number => {
    const first = u8();
    const kind = first >> 6;
    if (kind === 0) return first & 63;
    if (kind === 1) return ((first & 63) << 8) | u8();
    if (first === 0x80) {
      p += 4;
      return view.getUint32(p - 4, false);
    }
    if (first === 0x81) {
      p += 8;
      return Number(view.getBigUint64(p - 8, false));
    }
    throw new Error("bad length byte " + first + " at " + (p - 1));
  };
  const str = (): string => {
    const first = b[p];
    if (first >> 6 === 3) {
      p++;
      const enc = first & 63;
      if (enc === 0) return String(view.getInt8(p++));
      if (enc === 1) {
        p += 2;
        return String(view.getInt16(p - 2, true));
      }
      if (enc === 2) {
        p += 4;
        return String(view.getInt32(p - 4, true));
      }
      throw new Error("unexpected string encoding " + enc);
    }
    const n = len();
    p += n;
    return latin1(b.subarray(p - n, p));
  };
  const out: ReadRdb = {
    version: latin1(b.subarray(0, 9)),
    aux: new Map(),
    dbs: new Map(),
    functions: [],
    checksumOk: false,
    checksumZero: false,
  };
  p = 9;
  let db = -1;
  let pending: Partial<ReadKey> = {};
  while (true) {
    const op = u8();
    if (op === 250) out.aux.set(str(), str());
    else if (op === 245) out.functions.push(str());
    else if (op === 254) {
      db = len();
      out.dbs.set(db, { size: 0, expires: 0, keys: new Map() });
    } else if (op === 251) {
      const d = out.dbs.get(db)!;
      d.size = len();
      d.expires = len();
    } else if (op === 252) {
      pending.expire = view.getBigInt64(p, true);
      p += 8;
    } else if (op === 248) pending.idle = len();
    else if (op === 249) pending.freq = u8();
    else if (op === 0) {
      const key = str();
      out.dbs.get(db)!.keys.set(key, { ...pending, value: str() });
      pending = {};
    } else if (op === 255) break;
    else throw new Error("unexpected opcode " + op + " at " + (p - 1));
  }
  assert.equal(p + 8, b.length, "the checksum ends the file");
  const sum = view.getBigUint64(p, true);
  out.checksumZero = sum === 0n;
  out.checksumOk = sum === crc64(b.subarray(0, p));
  return out;
}

// ---------------------------------------------------------------------------

describe("CRC-64", () => {
  test("Redis's check value, and fed in pieces", () => {
    const data = new TextEncoder().encode("123456789");
    assert.equal(crc64(data), 0xe9c6d914c4b8d9can);
    const c = new Crc64();
    c.update(data.subarray(0, 4));
    c.update(data.subarray(4));
    assert.equal(c.value(), 0xe9c6d914c4b8d9can);
    assert.deepEqual([...c.bytesLE()], [0xca, 0xd9, 0xb8, 0xc4, 0x14, 0xd9, 0xc6, 0xe9]);
    assert.equal(crc64(new Uint8Array(0)), 0n);
  });
});

describe("listpack", () => {
  test("integer and string element encodings", () => {
    const lp = new ListpackWriter();
    for (const s of ["0", "127", "-1", "4095", "-4096", "32767", "8388607", "2147483647"]) {
      lp.appendString(s);
    }
    lp.appendString("9223372036854775807");
    lp.appendString("-0");
    lp.appendString("");
    const hex = Array.from(lp.finish(), (x) => x.toString(16).padStart(2, "0")).join(" ");
    assert.equal(
      hex,
      "33 00 00 00 0b 00 " + // 51 bytes, 11 elements
        "00 01 7f 01 df ff 02 cf ff 02 d0 00 02 f1 ff 7f 03 f2 ff ff 7f 04 f3 ff ff ff 7f 05 " +
        "f4 ff ff ff ff ff ff ff 7f 09 82 2d 30 03 80 01 ff",
    );
  });
});

// ---------------------------------------------------------------------------
// DUMP against redis-server.

/** One case: the same commands on both servers, then DUMP of `keys` compared. */
interface Scenario {
  name: string;
  /** CONFIG SET pairs for both servers (on top of the defaults below). */
  config?: Record<string, string>;
  setup: string[][];
  keys?: string[];
  /**
   * `bytes`: DUMP must be identical. Otherwise the command (KEY stands for
   * the key) whose replies must match on redis-server between the original
   * key and Ferrous's payload RESTOREd there.
   */
  compare: "bytes" | string[];
}

/** The thresholds the cases touch, at Redis's defaults (reset before each case). */
const DEFAULTS: Record<string, string> = {
  "list-max-listpack-size": "-2",
  "hash-max-listpack-entries": "128",
  "hash-max-listpack-value": "64",
  "set-max-intset-entries": "512",
  "zset-max-listpack-entries": "128",
  "zset-max-listpack-value": "64",
  "stream-node-max-entries": "100",
  "stream-node-max-bytes": "4096",
};

function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}
const allBytes = latin1(Uint8Array.from(range(256, (i) => String(i)), Number));

const SCENARIOS: Scenario[] = [
  {
    name: "strings: integer encodings and raw bytes",
    setup: [
      ...[
        "hello",
        "",
        "0",
        "-1",
        "127",
        "128",
        "-128",
        "-129",
        "32767",
        "32768",
        "-32768",
        "-32769",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "12345678901",
        "007",
        "-0",
        "+1",
        "1.5",
        " 1",
        "9223372036854775807",
        allBytes,
        "x".repeat(70000),
      ].map((v, i) => ["SET", "s" + i, v]),
      ["SET", "n", "10"],
      ["INCRBY", "n", "100000"],
      ["SET", "m", "-5"],
      ["APPEND", "m", "0"],
    ],
    keys: [...range(25, (i) => "s" + i), "n", "m"],
    compare: "bytes",
  },
  {
    name: "list: one listpack node, every element encoding",
    setup: [[
      "RPUSH",
      "k",
      "a",
      "",
      "0",
      "-1",
      "127",
      "128",
      "-4096",
      "4095",
      "4096",
      "-32769",
      "8388607",
      "8388608",
      "2147483648",
      "9223372036854775807",
      "-9223372036854775808",
      "9223372036854775808",
      "x".repeat(63),
      "y".repeat(64),
      "01",
      "1.5",
      allBytes,
    ]],
    compare: "bytes",
  },
  {
    name: "list: 8 KB nodes (list-max-listpack-size -2)",
    setup: [
      ["RPUSH", "k", ...range(1500, (i) => "item:" + i)],
      ["RPUSH", "k", ...range(1500, (i) => String(i * 7919))],
      ["RPUSH", "k", "z".repeat(4095), "w".repeat(4096), "v".repeat(5000)],
    ],
    compare: "bytes",
  },
  {
    name: "list: size classes -1 and -5",
    config: { "list-max-listpack-size": "-1" },
    setup: [["RPUSH", "k", ...range(700, (i) => "abcdefghij" + i)]],
    compare: "bytes",
  },
  {
    name: "list: size class -5",
    config: { "list-max-listpack-size": "-5" },
    setup: [["RPUSH", "k", ...range(9000, (i) => "abcdefghij" + i)]],
    compare: "bytes",
  },
  {
    name: "list: count-limited nodes (list-max-listpack-size 5)",
    config: { "list-max-listpack-size": "5" },
    setup: [["RPUSH", "k", ...range(23, (i) => "e" + i)]],
    compare: "bytes",
  },
  {
    name: "list: count limit under the 8 KB safety limit",
    config: { "list-max-listpack-size": "1000" },
    setup: [["RPUSH", "k", ...range(40, (i) => "q".repeat(500) + i)]],
    compare: "bytes",
  },
  {
    name: "list: LPUSH into one node",
    setup: [["LPUSH", "k", "a", "b", "c", "1", "2", "3"], ["RPUSH", "k", "tail"]],
    compare: "bytes",
  },
  {
    name: "set: intset with 16-bit values",
    setup: [["SADD", "k", "1", "2", "3", "-5", "32767", "-32768"], ["SREM", "k", "2"]],
    compare: "bytes",
  },
  {
    name: "set: intset with 32-bit values",
    setup: [["SADD", "k", "1", "32768", "-2147483648", "2147483647"]],
    compare: "bytes",
  },
  {
    name: "set: intset with 64-bit values",
    setup: [["SADD", "k", "-9223372036854775808", "9223372036854775807", "2147483648", "0"]],
    compare: "bytes",
  },
  {
    name: "set: hashtable (a non-integer member)",
    setup: [["SADD", "k", "a", "b", "1", "", allBytes]],
    compare: ["SMEMBERS", "KEY"],
  },
  {
    name: "set: hashtable (past set-max-intset-entries)",
    setup: [["SADD", "k", ...range(600, (i) => String(i * 3))]],
    compare: ["SORT", "KEY"],
  },
  {
    name: "hash: listpack, in place updates and deletions keep the order",
    setup: [
      [
        "HSET",
        "k",
        "f",
        "v",
        "num",
        "42",
        "neg",
        "-7",
        "big",
        "9223372036854775807",
        "float",
        "1.5",
        "empty",
        "",
        "x".repeat(64),
        "y".repeat(64),
        "123",
        "456",
      ],
      ["HDEL", "k", "num"],
      ["HSET", "k", "f", "v2"],
      ["HINCRBY", "k", "counter", "5"],
      ["HINCRBYFLOAT", "k", "fl", "0.1"],
    ],
    compare: "bytes",
  },
  {
    name: "hash: hashtable (past hash-max-listpack-entries)",
    setup: [["HSET", "k", ...range(400, (i) => (i % 2 ? "v" : "f") + (i >> 1))]],
    compare: ["HGETALL", "KEY"],
  },
  {
    name: "hash: hashtable (a value past hash-max-listpack-value)",
    setup: [["HSET", "k", "a", "1", "b", "z".repeat(65)]],
    compare: ["HGETALL", "KEY"],
  },
  {
    name: "sorted set: listpack, every kind of score",
    setup: [
      [
        "ZADD",
        "k",
        "1",
        "a",
        "2.5",
        "b",
        "-3",
        "c",
        "inf",
        "d",
        "-inf",
        "e",
        "1e300",
        "f",
        "0.1",
        "g",
        "0",
        "h",
        "-0",
        "i",
        "4611686018427387904",
        "j",
        "4611686018427387906",
        "k",
        "1e18",
        "l",
        "123456789012",
        "m",
        "5e-324",
        "n",
        "-2.2250738585072014e-308",
        "o",
        "100",
        "200",
      ],
      ["ZINCRBY", "k", "0.5", "a"],
      ["ZREM", "k", "c"],
    ],
    compare: "bytes",
  },
  {
    name: "sorted set: skiplist, highest score first",
    setup: [["ZADD", "k", ...range(400, (i) => (i % 2 ? "m" + (i >> 1) : String((i >> 3) * 1.5)))]],
    compare: "bytes",
  },
  {
    name: "sorted set: skiplist from a long member, back to listpack with ZRANGESTORE",
    setup: [
      ["ZADD", "k", "1", "m".repeat(65), "2", "b", "2", "a"],
      ["ZADD", "big", ...range(400, (i) => (i % 2 ? "m" + i : String(i)))],
      ["ZRANGESTORE", "small", "big", "0", "9"],
    ],
    keys: ["k", "big", "small"],
    compare: "bytes",
  },
  {
    name: "stream: one node, same and different fields, deletions",
    setup: [
      ["XADD", "k", "1-1", "a", "1", "b", "2"],
      ["XADD", "k", "1-2", "a", "3", "b", "4"],
      ["XADD", "k", "2-0", "a", "x"],
      ["XADD", "k", "2-1", "c", "y", "d", "z"],
      ["XADD", "k", "3-0", "a", "5", "b", allBytes],
      ["XDEL", "k", "1-2"],
    ],
    compare: "bytes",
  },
  {
    name: "stream: several nodes, exact and approximate trims",
    config: { "stream-node-max-entries": "3" },
    setup: [
      ...range(14, (i) => ["XADD", "k", `${i + 1}-0`, "f", "v" + i, "g", String(i)]),
      ["XDEL", "k", "5-0", "9-0"],
      ["XTRIM", "k", "MAXLEN", "~", "8"],
      ["XTRIM", "k", "MAXLEN", "6"],
    ],
    compare: "bytes",
  },
  {
    name: "stream: node byte limit",
    setup: range(60, (i) => ["XADD", "k", `${i + 1}-${i}`, "field", "v".repeat(200) + i]),
    compare: "bytes",
  },
  {
    name: "stream: 64-bit IDs and negative deltas",
    setup: [
      ["XADD", "k", "5-10", "f", "v"],
      ["XADD", "k", "6-0", "f", "w"],
      ["XADD", "k", "9007199254740993-3", "f", "x"],
      ["XADD", "k", "18446744073709551615-18446744073709551615", "f", "y"],
    ],
    compare: "bytes",
  },
  {
    name: "stream: consumer groups without consumers, XSETID",
    setup: [
      ["XADD", "k", "1-1", "f", "v"],
      ["XADD", "k", "2-1", "f", "v"],
      ["XGROUP", "CREATE", "k", "g1", "0"],
      ["XGROUP", "CREATE", "k", "g2", "$"],
      ["XGROUP", "CREATE", "k", "123", "1-1", "ENTRIESREAD", "1"],
      ["XSETID", "k", "100-0", "ENTRIESADDED", "50", "MAXDELETEDID", "3-0"],
    ],
    compare: "bytes",
  },
  {
    name: "stream: empty, with and without a group",
    setup: [
      ["XADD", "k", "1-1", "f", "v"],
      ["XDEL", "k", "1-1"],
      ["XGROUP", "CREATE", "e", "g", "$", "MKSTREAM"],
    ],
    keys: ["k", "e"],
    compare: "bytes",
  },
  {
    name: "stream: consumers and pending entries (times differ: restored and compared)",
    setup: [
      ...range(6, (i) => ["XADD", "k", `${i + 1}-1`, "f", "v" + i]),
      ["XGROUP", "CREATE", "k", "g", "0"],
      ["XGROUP", "CREATE", "k", "h", "0"],
      ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "k", ">"],
      ["XREADGROUP", "GROUP", "g", "bob", "STREAMS", "k", ">"],
      ["XACK", "k", "g", "1-1"],
      ["XCLAIM", "k", "g", "carol", "0", "4-1", "5-1"],
      ["XREADGROUP", "GROUP", "h", "alice", "COUNT", "1", "STREAMS", "k", ">"],
      ["XGROUP", "CREATECONSUMER", "k", "h", "idle"],
    ],
    compare: ["XINFO", "STREAM", "KEY", "FULL"],
  },
];

/** Ferrous in-process, with arguments as binary strings (one char per byte). */
function ferrous(r: InProcess, argv: string[]): string {
  return latin1(r.callRaw(...argv.map((a) => bytes(a))));
}

/** A reply with every millisecond timestamp (13 digits) masked. */
function maskTimes(reply: string): string {
  return reply.replace(/:1\d{12}\r\n/g, ":<ms>\r\n");
}

/** A reply in a form that does not depend on element order (sets, hashes). */
function canonical(cmd: string, reply: string): string {
  if (cmd !== "HGETALL" && cmd !== "SMEMBERS") return maskTimes(reply);
  const items = decodeReply(bytes(reply), { strings: "binary" }) as string[];
  if (cmd === "SMEMBERS") return JSON.stringify(items.sort());
  const pairs: string[][] = [];
  for (let i = 0; i < items.length; i += 2) pairs.push([items[i], items[i + 1]]);
  return JSON.stringify(pairs.sort());
}

describe("DUMP compared with redis-server's", () => {
  let redis: ServerHandle;
  let rc: RawClient;

  before(async () => {
    redis = await startRedis({ args: ["--rdbcompression", "no"] });
    rc = await RawClient.connect(redis.port);
  });

  after(async () => {
    rc?.close();
    await redis?.stop();
  });

  for (const sc of SCENARIOS) {
    test(sc.name, SLOW, async () => {
      const r = createInProcess();
      assert.equal(await rc.command("FLUSHALL"), "+OK\r\n");
      for (const [name, value] of Object.entries({ ...DEFAULTS, ...sc.config })) {
        assert.equal(await rc.command("CONFIG", "SET", name, value), "+OK\r\n");
        assert.equal(ferrous(r, ["CONFIG", "SET", name, value]), "+OK\r\n");
      }
      for (const cmd of sc.setup) {
        const theirs = await rc.command(...cmd);
        const ours = ferrous(r, cmd);
        // Both servers must have done the same (times aside) for the DUMPs to match.
        assert.equal(maskTimes(ours), maskTimes(theirs), cmd.join(" ").slice(0, 80));
      }
      for (const key of sc.keys ?? ["k"]) {
        const enc = await rc.command("OBJECT", "ENCODING", key);
        assert.equal(ferrous(r, ["OBJECT", "ENCODING", key]), enc, key + " encoding");
        const ours = ferrous(r, ["DUMP", key]);
        if (sc.compare === "bytes") {
          assert.equal(ours, await rc.command("DUMP", key), key + " (" + enc.trim() + ")");
          continue;
        }
        // Load ours into redis-server and read both keys there.
        const payload = ours.slice(ours.indexOf("\r\n") + 2, -2);
        assert.equal(await rc.command("RESTORE", "restored", "0", payload), "+OK\r\n");
        assert.equal(await rc.command("OBJECT", "ENCODING", "restored"), enc);
        const read = (k: string) =>
          sc.compare !== "bytes" && sc.compare.map((a) => a === "KEY" ? k : a);
        const want = await rc.command(...(read(key) as string[]));
        const got = await rc.command(...(read("restored") as string[]));
        assert.equal(canonical(sc.compare[0], got), canonical(sc.compare[0], want));
        assert.equal(await rc.command("DEL", "restored"), ":1\r\n");
      }
    });
  }

  test("COMMAND INFO and COMMAND DOCS of DUMP, SYNC, PSYNC, REPLCONF", async () => {
    const r = createInProcess();
    for (const sub of ["INFO", "DOCS"]) {
      for (const name of ["dump", "sync", "psync", "replconf"]) {
        assert.equal(ferrous(r, ["COMMAND", sub, name]), await rc.command("COMMAND", sub, name));
      }
    }
  });

  test("DUMP of a missing key", () => {
    const r = createInProcess();
    assert.equal(ferrous(r, ["DUMP", "nosuch"]), "$-1\r\n");
    assert.equal(ferrous(r, ["HELLO", "3"]).startsWith("%"), true);
    assert.equal(ferrous(r, ["DUMP", "nosuch"]), "_\r\n");
    assert.equal(ferrous(r, ["DUMP"]), "-ERR wrong number of arguments for 'dump' command\r\n");
  });
});

// ---------------------------------------------------------------------------
// Whole files.

const LIMITS = createInProcess().engine.encodingLimits;

function options(extra: Partial<RdbOptions> = {}): RdbOptions {
  return {
    limits: LIMITS,
    redisVersion: "7.0.15",
    ctime: 1700000000,
    usedMem: 123456789,
    ...extra,
  };
}

describe("RDB file", () => {
  test("header, aux fields, databases, expiries and checksum", () => {
    const r = createInProcess();
    r.call("SET", "a", "1");
    r.call("SET", "123", "hello");
    r.call("SET", "b", "x", "PXAT", "4102444800000");
    r.call("SELECT", "7");
    r.call("SET", "c", "-70000");
    const file = encodeRdb(r.engine.dbs, options());
    const rdb = readRdb(file);
    assert.equal(rdb.version, "REDIS0010");
    assert.deepEqual([...rdb.aux], [
      ["redis-ver", "7.0.15"],
      ["redis-bits", "64"],
      ["ctime", "1700000000"],
      ["used-mem", "123456789"],
      ["aof-base", "0"],
    ]);
    assert.deepEqual([...rdb.dbs.keys()], [0, 7]);
    const db0 = rdb.dbs.get(0)!;
    assert.equal(db0.size, 3);
    assert.equal(db0.expires, 1);
    assert.deepEqual([...db0.keys], [
      ["a", { value: "1" }],
      ["123", { value: "hello" }],
      ["b", { value: "x", expire: 4102444800000n }],
    ]);
    assert.deepEqual([...rdb.dbs.get(7)!.keys], [["c", { value: "-70000" }]]);
    assert.ok(rdb.checksumOk);
    // Exact bytes of the start: magic, then AUX "redis-ver" "7.0.15".
    assert.equal(latin1(file.subarray(0, 28)), "REDIS0010\xfa\x09redis-ver\x067.0.15\xfa");
  });

  test("an empty dataset, the replication aux fields, no checksum", () => {
    const rdb = readRdb(encodeRdb(
      [],
      options({
        replication: { streamDb: 0, replId: "f".repeat(40), offset: 0 },
        checksum: false,
      }),
    ));
    assert.deepEqual([...rdb.aux.keys()], [
      "redis-ver",
      "redis-bits",
      "ctime",
      "used-mem",
      "repl-stream-db",
      "repl-id",
      "repl-offset",
      "aof-base",
    ]);
    assert.equal(rdb.aux.get("repl-id"), "f".repeat(40));
    assert.equal(rdb.dbs.size, 0);
    assert.ok(rdb.checksumZero);
  });

  test("chunks: the same bytes as one piece, cut at key boundaries", () => {
    const r = createInProcess();
    for (let i = 0; i < 500; i++) r.call("SET", "key:" + i, "v".repeat(i));
    const whole = encodeRdb(r.engine.dbs, options());
    const chunks = [...rdbChunks(r.engine.dbs, options({ chunkSize: 1000 }))];
    assert.ok(chunks.length > 50);
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let p = 0;
    for (const c of chunks) {
      joined.set(c, p);
      p += c.length;
    }
    assert.deepEqual(joined, whole);
    assert.equal(readRdb(whole).dbs.get(0)!.keys.size, 500);
    assert.ok(readRdb(whole).checksumOk);
  });

  test("functions, and data left out (rdb-filter-only)", () => {
    const r = createInProcess();
    r.call("SET", "a", "1");
    const rdb = readRdb(encodeRdb(
      r.engine.dbs,
      options({
        includeData: false,
        functions: ["#!lua name=lib\nredis.register_function('f', function() return 1 end)"],
      }),
    ));
    assert.equal(rdb.dbs.size, 0);
    assert.deepEqual(rdb.functions, [
      "#!lua name=lib\nredis.register_function('f', function() return 1 end)",
    ]);
  });
});

// ---------------------------------------------------------------------------
// REPLCONF, SYNC, PSYNC in-process, through a client that looks connected.

function replica(r: InProcess): { c: Client; run: (...argv: string[]) => string } {
  const c = r.engine.createClient({
    addr: "127.0.0.1:40000",
    laddr: "127.0.0.1:6379",
    fd: 9,
    local: true,
  });
  const run = (...argv: string[]) => {
    r.engine.execute(c, argv);
    return latin1(c.reply.take());
  };
  return { c, run };
}

describe("REPLCONF, SYNC and PSYNC", () => {
  test("SYNC sends $<len> and the RDB, without CRLF; the replica stays connected", () => {
    const r = createInProcess();
    r.call("SET", "k", "v");
    const { c, run } = replica(r);
    const out = run("SYNC");
    const m = /^\$(\d+)\r\n/.exec(out)!;
    assert.ok(m, out.slice(0, 40));
    const rdb = out.slice(m[0].length);
    assert.equal(rdb.length, Number(m[1]));
    const parsed = readRdb(bytes(rdb));
    assert.ok(parsed.checksumOk);
    assert.equal(parsed.aux.get("repl-id"), infoField(r, "master_replid"));
    assert.equal(parsed.aux.get("repl-offset"), "0");
    assert.deepEqual([...parsed.dbs.get(0)!.keys], [["k", { value: "v" }]]);
    assert.ok(c.flags & CLIENT_REPLICA);
    assert.equal(c.flags & CLIENT_CLOSE_AFTER_REPLY, 0);
    assert.equal(infoField(r, "connected_slaves"), "1");
    // Asking again does nothing; ACKs get no reply.
    assert.equal(run("SYNC"), "");
    assert.equal(run("REPLCONF", "ACK", "0"), "");
    assert.equal(run("REPLCONF", "GETACK", "*"), "");
  });

  test("PSYNC: +FULLRESYNC <replid> 0, then the diskless $EOF form for capa eof; rdb-only closes", () => {
    const r = createInProcess();
    r.call("SET", "k", "v");
    const { c, run } = replica(r);
    assert.equal(run("REPLCONF", "capa", "eof", "capa", "psync2"), "+OK\r\n");
    assert.equal(run("REPLCONF", "listening-port", "6380", "rdb-only", "1"), "+OK\r\n");
    const out = run("PSYNC", "?", "-1");
    const m = /^\+FULLRESYNC ([0-9a-f]{40}) 0\r\n\$EOF:([0-9a-f]{40})\r\n/.exec(out)!;
    assert.ok(m, out.slice(0, 100));
    assert.equal(m[1], infoField(r, "master_replid"));
    assert.ok(out.endsWith(m[2]));
    const rdb = out.slice(m[0].length, -40);
    assert.ok(readRdb(bytes(rdb)).checksumOk);
    assert.ok(c.flags & CLIENT_CLOSE_AFTER_REPLY);
  });

  test("repl-diskless-sync no: $<len> even for capa eof", () => {
    const r = createInProcess({ "repl-diskless-sync": "no" });
    const { run } = replica(r);
    run("REPLCONF", "capa", "eof");
    assert.match(run("SYNC"), /^\$\d+\r\nREDIS0010/);
  });

  test("rdb-filter-only: needs capa eof; an empty filter leaves the data out", () => {
    const r = createInProcess();
    r.call("SET", "k", "v");
    let { run } = replica(r);
    assert.equal(run("REPLCONF", "rdb-filter-only", ""), "+OK\r\n");
    assert.equal(run("SYNC"), "-ERR Filtered replica requires EOF capability\r\n");
    ({ run } = replica(r));
    run("REPLCONF", "capa", "eof", "rdb-only", "1", "rdb-filter-only", "functions");
    const out = run("SYNC");
    const rdb = readRdb(bytes(out.slice(47, -40)));
    assert.equal(rdb.dbs.size, 0);
  });

  test("errors and replies as Redis's replconfCommand and syncCommand", () => {
    const r = createInProcess();
    let { run } = replica(r);
    assert.equal(run("REPLCONF"), "+OK\r\n");
    assert.equal(run("REPLCONF", "a"), "-ERR syntax error\r\n");
    assert.equal(
      run("REPLCONF", "listening-port", "x"),
      "-ERR value is not an integer or out of range\r\n",
    );
    assert.equal(
      run("REPLCONF", "rdb-only", "2"),
      "-ERR value is out of range, value must between 0 and 1\r\n",
    );
    assert.equal(
      run("REPLCONF", "rdb-filter-only", "foo"),
      "-ERR Unsupported rdb-filter-only option: foo\r\n",
    );
    assert.equal(
      run("REPLCONF", "rdb-filter-only", '"x'),
      "-ERR Missing rdb-filter-only values\r\n",
    );
    assert.equal(run("REPLCONF", "Nope", "1"), "-ERR Unrecognized REPLCONF option: Nope\r\n");
    assert.equal(
      run("REPLCONF", "ip-address", "x".repeat(256)),
      "-ERR REPLCONF ip-address provided by replica instance is too long: 256 bytes\r\n",
    );
    assert.equal(run("REPLCONF", "capa", "whatever"), "+OK\r\n");
    // ACK from a client that is not a replica: no reply at all.
    assert.equal(run("REPLCONF", "ack", "5"), "");
    // (A failed rdb-filter-only still set the filter, as in Redis: start over.)
    run = replica(r).run;
    assert.equal(
      run("PSYNC", "a", "b", "failover"),
      "-ERR PSYNC FAILOVER can't be sent to a master.\r\n",
    );
    assert.equal(run("PSYNC", "?", "x"), "-ERR value is not an integer or out of range\r\n");
    assert.equal(run("SYNC", "x"), "-ERR wrong number of arguments for 'sync' command\r\n");
    // Pipelined behind another command's reply.
    r.engine.execute(replica(r).c, ["PING"]);
    const p = replica(r);
    r.engine.execute(p.c, ["PING"]);
    assert.equal(p.run("SYNC"), "+PONG\r\n-ERR SYNC and PSYNC are invalid with pending output\r\n");
    // An in-process client cannot read the snapshot.
    assert.match(latin1(r.callRaw("SYNC")), /^-ERR SYNC and PSYNC need a connection/);
    assert.equal(run("MULTI"), "+OK\r\n");
    assert.equal(run("SYNC"), "-ERR Command not allowed inside a transaction\r\n");
  });

  test("IDLE or FREQ before each key under an LRU or LFU policy; rdbchecksum no", () => {
    const lru = createInProcess({ "maxmemory-policy": "allkeys-lru", rdbchecksum: "no" });
    lru.call("SET", "k", "v");
    let out = replica(lru).run("SYNC");
    let rdb = readRdb(bytes(out.slice(out.indexOf("\n") + 1)));
    // Idle seconds (1 if a second boundary passed since the SET).
    const idle = rdb.dbs.get(0)!.keys.get("k")!;
    assert.equal(idle.value, "v");
    assert.ok(idle.idle === 0 || idle.idle === 1, String(idle.idle));
    assert.equal(idle.freq, undefined);
    assert.ok(rdb.checksumZero);
    const lfu = createInProcess({ "maxmemory-policy": "volatile-lfu" });
    lfu.call("SET", "k", "v");
    out = replica(lfu).run("SYNC");
    rdb = readRdb(bytes(out.slice(out.indexOf("\n") + 1)));
    // LFU_INIT_VAL (4 if a minute boundary passed and decayed it).
    const freq = rdb.dbs.get(0)!.keys.get("k")!;
    assert.ok(freq.freq === 5 || freq.freq === 4, String(freq.freq));
    assert.equal(freq.idle, undefined);
  });
});

function infoField(r: InProcess, field: string): string {
  const text = latin1(r.callRaw("INFO", "replication"));
  const m = new RegExp("\\r\\n" + field + ":([^\\r]*)\\r\\n").exec(text);
  return m ? m[1] : "";
}
