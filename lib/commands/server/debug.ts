/**
 * DEBUG, as Redis 7.0's debugCommand for what an in-memory server can do:
 * SLEEP, LOG, OBJECT, DIGEST, DIGEST-VALUE, POPULATE, PROTOCOL, ERROR,
 * SET-ACTIVE-EXPIRE, PAUSE-CRON, CHANGE-REPL-ID, HTSTATS and friends.
 * Subcommands that crash, restart or reload the server reply an error.
 * DEBUG is a protected command: the engine refuses it unless
 * enable-debug-command allows it.
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_NO_SUCH_KEY, ERR_NOT_INTEGER, ERR_POSITIVE } from "../../core/errors.ts";
import { memtoull } from "../../config/numbers.ts";
import { newReplicationId, serverState } from "../../server/info.ts";
import type { Database } from "../../store/database.ts";
import {
  accessStamp,
  idleTimeMs,
  lruClock,
  refcount,
  stringEncodingAt,
} from "../../store/object-info.ts";
import type { RedisValue } from "../../store/value.ts";
import { beginPush, endPush } from "../../features/push.ts";
import { toInt64 } from "../parse.ts";
import { replyHelp } from "./help.ts";
import { datasetDigest, valueDigest } from "./digest.ts";
import {
  collectionItems,
  listpackBytes,
  mallocSize,
  quicklistNodes,
  serializedLength,
} from "./object-size.ts";

/** Switches set by DEBUG that other features may read. */
export interface DebugState {
  /** DEBUG SET-DISABLE-DENY-SCRIPTS: scripts may run commands flagged noscript. */
  disableDenyScripts: boolean;
  /** DEBUG SET-SKIP-CHECKSUM-VALIDATION. */
  skipChecksumValidation: boolean;
  /** DEBUG QUICKLIST-PACKED-THRESHOLD: elements this large go to plain nodes. */
  quicklistPackedThreshold: number;
  /** DEBUG REPLYBUFFER PEAK-RESET-TIME (ms, -1: never) and RESIZING. */
  replyBufferPeakResetTime: number;
  replyBufferResizing: boolean;
  /** DEBUG AOF-FLUSH-SLEEP (us). */
  aofFlushSleep: number;
}

const states = new WeakMap<Engine, DebugState>();

/** The DEBUG switches of `engine`. */
export function debugState(engine: Engine): DebugState {
  let s = states.get(engine);
  if (s === undefined) {
    s = {
      disableDenyScripts: false,
      skipChecksumValidation: false,
      quicklistPackedThreshold: 1 << 30,
      replyBufferPeakResetTime: 5000,
      replyBufferResizing: true,
      aofFlushSleep: 0,
    };
    states.set(engine, s);
  }
  return s;
}

const HELP = [
  "AOF-FLUSH-SLEEP <microsec>",
  "    Server will sleep before flushing the AOF, this is used for testing.",
  "ASSERT",
  "    Crash by assertion failed.",
  "CHANGE-REPL-ID",
  "    Change the replication IDs of the instance.",
  "    Dangerous: should be used only for testing the replication subsystem.",
  "CONFIG-REWRITE-FORCE-ALL",
  "    Like CONFIG REWRITE but writes all configuration options, including",
  "    keywords not listed in original configuration file or default values.",
  "CRASH-AND-RECOVER [<milliseconds>]",
  "    Hard crash and restart after a <milliseconds> delay (default 0).",
  "DIGEST",
  "    Output a hex signature representing the current DB content.",
  "DIGEST-VALUE <key> [<key> ...]",
  "    Output a hex signature of the values of all the specified keys.",
  "ERROR <string>",
  "    Return a Redis protocol error with <string> as message. Useful for clients",
  "    unit tests to simulate Redis errors.",
  "LEAK <string>",
  "    Create a memory leak of the input string.",
  "LOG <message>",
  "    Write <message> to the server log.",
  "HTSTATS <dbid>",
  "    Return hash table statistics of the specified Redis database.",
  "HTSTATS-KEY <key>",
  "    Like HTSTATS but for the hash table stored at <key>'s value.",
  "LOADAOF",
  "    Flush the AOF buffers on disk and reload the AOF in memory.",
  "REPLICATE <string>",
  "    Replicates the provided string to replicas, allowing data divergence.",
  "OBJECT <key>",
  "    Show low level info about `key` and associated value.",
  "DROP-CLUSTER-PACKET-FILTER <packet-type>",
  "    Drop all packets that match the filtered type. Set to -1 allow all packets.",
  "OOM",
  "    Crash the server simulating an out-of-memory error.",
  "PANIC",
  "    Crash the server simulating a panic.",
  "POPULATE <count> [<prefix>] [<size>]",
  "    Create <count> string keys named key:<num>. If <prefix> is specified then",
  "    it is used instead of the 'key' prefix. These are not propagated to",
  "    replicas. Cluster slots are not respected so keys not belonging to the",
  "    current node can be created in cluster mode.",
  "PROTOCOL <type>",
  "    Reply with a test value of the specified type. <type> can be: string,",
  "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
  "    true, false.",
  "RELOAD [option ...]",
  "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
  "    * MERGE: conflicting keys will be loaded from RDB.",
  "    * NOFLUSH: the existing database will not be removed before load, but",
  "      conflicting keys will generate an exception and kill the server.",
  "    * NOSAVE: the database will be loaded from an existing RDB file.",
  "    Examples:",
  "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
  "      the database.",
  "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
  "      existing RDB file.",
  "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
  "      file to the database.",
  "RESTART [<milliseconds>]",
  "    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
  "SDSLEN <key>",
  "    Show low level SDS string info representing `key` and value.",
  "SEGFAULT",
  "    Crash the server with sigsegv.",
  "SET-ACTIVE-EXPIRE <0|1>",
  "    Setting it to 0 disables expiring keys in background when they are not",
  "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
  "    default.",
  "QUICKLIST-PACKED-THRESHOLD <size>",
  "    Sets the threshold for elements to be inserted as plain vs packed nodes",
  "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
  "SET-SKIP-CHECKSUM-VALIDATION <0|1>",
  "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
  "SLEEP <seconds>",
  "    Stop the server for <seconds>. Decimals allowed.",
  "STRINGMATCH-TEST",
  "    Run a fuzz tester against the stringmatchlen() function.",
  "STRUCTSIZE",
  "    Return the size of different Redis core C structures.",
  "LISTPACK <key>",
  "    Show low level info about the listpack encoding of <key>.",
  "QUICKLIST <key> [<0|1>]",
  "    Show low level info about the quicklist encoding of <key>.",
  "    The optional argument (0 by default) sets the level of detail",
  "CLIENT-EVICTION",
  "    Show low level client eviction pools info (maxmemory-clients).",
  "PAUSE-CRON <0|1>",
  "    Stop periodic cron job processing.",
  "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
  "    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
  "    In case NEVER is provided the last observed peak will never be reset",
  "    In case RESET is provided the peak reset time will be restored to the default value",
  "REPLYBUFFER RESIZING <0|1>",
  "    Enable or disable the reply buffer resize cron job",
  "CLUSTERLINK KILL <to|from|all> <node-id>",
  "    Kills the link based on the direction to/from (both) with the provided node.",
];

/** C's atoi: leading spaces, an optional sign and digits; 0 when none. */
function atoi(s: string): number {
  const n = parseInt(s, 10);
  return Number.isNaN(n) ? 0 : n;
}

/** Blocks the whole process, as DEBUG SLEEP blocks Redis. */
function sleepMs(ms: number): void {
  if (!(ms > 0)) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Redis's addReplySubcommandSyntaxError. */
function syntaxError(c: Client, argv: string[]): void {
  c.reply.error(
    "ERR unknown subcommand or wrong number of arguments for '" + argv[1].slice(0, 128) +
      "'. Try " + argv[0].toUpperCase() + " HELP.",
  );
}

/** A stable, plausible object address for DEBUG OBJECT's `Value at:`. */
function fakeAddress(db: Database, key: string): string {
  let h = 0x811c9dc5 ^ db.id;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return "0x7f" + ((h & 0xfffffff0) >>> 0).toString(16).padStart(8, "0") + "00";
}

function debugObject(c: Client, key: string): void {
  const db = c.db;
  const v = db.dict.get(key);
  if (v === undefined) return c.reply.error(ERR_NO_SUCH_KEY);
  const engine = c.engine;
  const limits = engine.encodingLimits;
  const now = engine.now();
  const enc = typeof v === "string" ? stringEncodingAt(db, key, v) : v.encoding(limits);
  const lru = accessStamp(db, key, now, engine.config.settings.maxmemoryPolicy) ?? lruClock(now);
  const idle = Math.floor((idleTimeMs(db, key, now) ?? 0) / 1000);
  let extra = "";
  if (enc === "quicklist") {
    const items = [...collectionItems(v)];
    const nodes = quicklistNodes(items, limits.listMaxListpackSize);
    let size = 0;
    for (const n of nodes) size += listpackBytes(n);
    extra = " ql_nodes:" + nodes.length + " ql_avg_node:" +
      (items.length / Math.max(1, nodes.length)).toFixed(2) + " ql_listpack_max:" +
      limits.listMaxListpackSize + " ql_compressed:" + (limits.listCompressDepth !== 0 ? 1 : 0) +
      " ql_uncompressed_size:" + size;
  }
  c.reply.simple(
    "Value at:" + fakeAddress(db, key) + " refcount:" +
      refcount(v, engine.config.settings, db, key) + " encoding:" + enc + " serializedlength:" +
      serializedLength(v, limits) + " lru:" + lru + " lru_seconds_idle:" + idle + extra,
  );
}

function sdslen(c: Client, key: string): void {
  const v = c.db.dict.get(key);
  if (v === undefined) return c.reply.error(ERR_NO_SUCH_KEY);
  const enc = typeof v === "string" ? stringEncodingAt(c.db, key, v) : "";
  if (typeof v !== "string" || enc === "int") {
    return c.reply.error("ERR Not an sds encoded string.");
  }
  const embstr = enc === "embstr";
  const valAlloc = embstr ? v.length : mallocSize(3 + v.length + 1) - 4;
  c.reply.simple(
    "key_sds_len:" + key.length + ", key_sds_avail:0, key_zmalloc: " +
      mallocSize((key.length < 32 ? 1 : 3) + key.length + 1) + ", val_sds_len:" + v.length +
      ", val_sds_avail:" + (valAlloc - v.length) + ", val_zmalloc: " +
      (embstr ? mallocSize(16 + 3 + v.length + 1) - 16 : mallocSize(3 + v.length + 1)),
  );
}

/** Chain statistics of a Redis dict holding `keys` (hashed here with FNV-1a). */
function dictStats(keys: Iterable<string>, count: number): string {
  if (count === 0) {
    return "Hash table 0 stats (main hash table):\nNo stats available for empty dictionaries\n";
  }
  let size = 4;
  while (size < count) size *= 2;
  const chains = new Uint32Array(size);
  for (const k of keys) {
    let h = 0x811c9dc5;
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 16777619);
    chains[(h >>> 0) & (size - 1)]++;
  }
  const vec = new Array<number>(50).fill(0);
  let slots = 0;
  let maxChain = 0;
  let total = 0;
  for (const len of chains) {
    if (len === 0) {
      vec[0]++;
      continue;
    }
    slots++;
    vec[Math.min(len, 49)]++;
    if (len > maxChain) maxChain = len;
    total += len;
  }
  let s = "Hash table 0 stats (main hash table):\n table size: " + size +
    "\n number of elements: " + count + "\n different slots: " + slots +
    "\n max chain length: " + maxChain + "\n avg chain length (counted): " +
    (total / slots).toFixed(2) + "\n avg chain length (computed): " + (count / slots).toFixed(2) +
    "\n Chain length distribution:\n";
  for (let i = 0; i < 49; i++) {
    if (vec[i] === 0) continue;
    s += "   " + i + ": " + vec[i] + " (" + ((vec[i] / size) * 100).toFixed(2) + "%)\n";
  }
  return s;
}

function populate(c: Client, argv: string[]): void {
  const count = toInt64(argv[2]);
  if (count === undefined) return c.reply.error(ERR_NOT_INTEGER);
  if (count < 0) return c.reply.error(ERR_POSITIVE);
  let size = 0;
  if (argv.length === 5) {
    const v = toInt64(argv[4]);
    if (v === undefined) return c.reply.error(ERR_NOT_INTEGER);
    if (v < 0) return c.reply.error(ERR_POSITIVE);
    size = Number(v);
  }
  const prefix = argv.length === 3 ? "key" : argv[3];
  const db = c.db;
  const engine = c.engine;
  for (let j = 0; j < count; j++) {
    const key = prefix + ":" + j;
    if (db.get(key) !== undefined) continue;
    let val = "value:" + j;
    if (size !== 0) val = size <= val.length ? val.slice(0, size) : val.padEnd(size, "\0");
    db.set(key, val);
    engine.keyModified(db, key);
  }
  c.reply.ok();
}

function protocol(c: Client, type: string): void {
  const r = c.reply;
  switch (type.toLowerCase()) {
    case "string":
      return r.bulk("Hello World");
    case "integer":
      return r.int(12345);
    case "double":
      return r.double(3.141);
    case "bignum":
      return r.bigNumber("1234567999999999999999999999999999999");
    case "null":
      return r.nullBulk();
    case "array":
      r.arrayLen(3);
      for (let j = 0; j < 3; j++) r.int(j);
      return;
    case "set":
      r.setLen(3);
      for (let j = 0; j < 3; j++) r.int(j);
      return;
    case "map":
      r.mapLen(3);
      for (let j = 0; j < 3; j++) {
        r.int(j);
        r.bool(j === 1);
      }
      return;
    case "attrib":
      if (c.protocol >= 3) {
        r.attributeLen(1);
        r.bulk("key-popularity");
        r.arrayLen(2);
        r.bulk("key:123");
        r.int(90);
      }
      return r.bulk("Some real reply following the attribute");
    case "push":
      if (c.protocol < 3) return r.error("ERR RESP2 is not supported by this command");
      if (beginPush(c)) {
        r.pushLen(2);
        r.bulk("server-cpu-usage");
        r.int(42);
        endPush(c.engine, c);
      }
      return r.bulk("Some real reply following the push reply");
    case "true":
      return r.bool(true);
    case "false":
      return r.bool(false);
    case "verbatim":
      return r.verbatim("This is a verbatim\nstring");
  }
  r.error(
    "ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false",
  );
}

/** The value of `key` without expiring it or touching its access time, for the inspection subcommands. */
function inspect(c: Client, key: string): RedisValue | undefined {
  const v = c.db.peek(key);
  if (v === undefined) c.reply.error(ERR_NO_SUCH_KEY);
  return v;
}

const NO_PERSISTENCE = "ERR DEBUG RELOAD and LOADAOF need persistence, which this server lacks";

function runDebug(c: Client, argv: string[]): void {
  const engine = c.engine;
  const r = c.reply;
  const sub = argv[1].toLowerCase();
  const argc = argv.length;
  const state = debugState(engine);
  switch (sub) {
    case "help":
      if (argc === 2) return replyHelp(c, argv[0], HELP);
      break;
    case "segfault":
    case "panic":
    case "assert":
    case "oom":
      // Crashing would take down whatever embeds the server; refuse instead.
      return r.error("ERR DEBUG " + sub.toUpperCase() + " would crash the server: not supported");
    case "restart":
    case "crash-and-recover": {
      if (argc >= 3 && toInt64(argv[2]) === undefined) return r.error(ERR_NOT_INTEGER);
      return r.error("ERR failed to restart the server. Check server logs.");
    }
    case "log":
      if (argc !== 3) break;
      engine.log("warning", "DEBUG LOG: " + argv[2]);
      return r.ok();
    case "leak":
      if (argc !== 3) break;
      return r.ok();
    case "reload":
      for (let j = 2; j < argc; j++) {
        const opt = argv[j].toLowerCase();
        if (opt !== "merge" && opt !== "noflush" && opt !== "nosave") {
          return r.error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
        }
      }
      return r.error(NO_PERSISTENCE);
    case "loadaof":
      return r.error(NO_PERSISTENCE);
    case "drop-cluster-packet-filter":
      if (argc !== 3) break;
      if (toInt64(argv[2]) === undefined) return r.error(ERR_NOT_INTEGER);
      return r.ok();
    case "object":
      if (argc !== 3) break;
      return debugObject(c, argv[2]);
    case "sdslen":
      if (argc !== 3) break;
      return sdslen(c, argv[2]);
    case "listpack": {
      if (argc !== 3) break;
      const v = inspect(c, argv[2]);
      if (v === undefined) return;
      if (typeof v === "string" || v.encoding(engine.encodingLimits) !== "listpack") {
        return r.error("ERR Not a listpack encoded object.");
      }
      return r.simple("Listpack structure printed on stdout");
    }
    case "quicklist": {
      if (argc !== 3 && argc !== 4) break;
      const v = inspect(c, argv[2]);
      if (v === undefined) return;
      if (typeof v === "string" || v.encoding(engine.encodingLimits) !== "quicklist") {
        return r.error("ERR Not a quicklist encoded object.");
      }
      return r.simple("Quicklist structure printed on stdout");
    }
    case "populate":
      if (argc < 3 || argc > 5) break;
      return populate(c, argv);
    case "digest":
      if (argc !== 2) break;
      return r.simple(datasetDigest(engine.dbs));
    case "digest-value":
      r.arrayLen(argc - 2);
      for (let j = 2; j < argc; j++) r.simple(valueDigest(c.db, argv[j]));
      return;
    case "protocol":
      if (argc !== 3) break;
      return protocol(c, argv[2]);
    case "sleep":
      if (argc !== 3) break;
      sleepMs(Math.trunc((parseFloat(argv[2]) || 0) * 1e6) / 1000);
      return r.ok();
    case "set-active-expire":
      if (argc !== 3) break;
      engine.activeExpire = atoi(argv[2]) !== 0;
      return r.ok();
    case "quicklist-packed-threshold": {
      if (argc !== 3) break;
      const size = memtoull(argv[2]);
      if (size === undefined || size > (1n << 32n) - (1n << 20n)) {
        return r.error("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
      }
      state.quicklistPackedThreshold = size === 0n ? 1 << 30 : Number(size);
      return r.ok();
    }
    case "set-skip-checksum-validation":
      if (argc !== 3) break;
      state.skipChecksumValidation = atoi(argv[2]) !== 0;
      return r.ok();
    case "aof-flush-sleep":
      if (argc !== 3) break;
      state.aofFlushSleep = atoi(argv[2]);
      return r.ok();
    case "replicate":
      if (argc < 3) break;
      // No replicas to feed.
      return r.ok();
    case "error":
      if (argc !== 3) break;
      // Sent as is: not counted as an error reply, as in Redis.
      return r.rawString("-" + argv[2].replace(/[\r\n]/g, " ") + "\r\n");
    case "structsize":
      if (argc !== 2) break;
      return r.bulk(
        "bits:64 robj:16 dictentry:24 sdshdr5:1 sdshdr8:3 sdshdr16:5 sdshdr32:9 sdshdr64:17 ",
      );
    case "htstats": {
      if (argc !== 3) break;
      const id = toInt64(argv[2]);
      if (id === undefined) return r.error(ERR_NOT_INTEGER);
      if (id < 0 || id >= engine.dbs.length) return r.error("ERR Out of range database");
      const db = engine.dbs[Number(id)];
      return r.verbatim(
        "[Dictionary HT]\n" + dictStats(db.dict.keys(), db.dict.size) + "[Expires HT]\n" +
          dictStats(db.expires.keys(), db.expires.size),
      );
    }
    case "htstats-key": {
      if (argc !== 3) break;
      const v = inspect(c, argv[2]);
      if (v === undefined) return;
      if (typeof v === "string") {
        return r.error(
          "ERR The value stored at the specified key is not represented using an hash table",
        );
      }
      const enc = v.encoding(engine.encodingLimits);
      if (enc !== "hashtable" && enc !== "skiplist") {
        return r.error(
          "ERR The value stored at the specified key is not represented using an hash table",
        );
      }
      const items = [...collectionItems(v)];
      const keys = v.type === "set" ? items : items.filter((_, i) => i % 2 === 0);
      return r.verbatim(dictStats(keys, keys.length));
    }
    case "change-repl-id": {
      if (argc !== 2) break;
      engine.log("warning", "Changing replication IDs after receiving DEBUG change-repl-id");
      const s = serverState(engine);
      s.replId = newReplicationId();
      s.replId2 = "0".repeat(40);
      return r.ok();
    }
    case "stringmatch-test":
      if (argc !== 2) break;
      return r.simple("Apparently Redis did not crash: test passed");
    case "set-disable-deny-scripts":
      if (argc !== 3) break;
      state.disableDenyScripts = atoi(argv[2]) !== 0;
      return r.ok();
    case "config-rewrite-force-all":
      if (argc !== 2) break;
      return r.error("ERR CONFIG-REWRITE-FORCE-ALL failed: not supported");
    case "client-eviction":
      if (argc !== 2) break;
      if (engine.config.settings.maxmemoryClients === 0) {
        return r.error("ERR maxmemory-clients is disabled.");
      }
      return r.verbatim("");
    case "pause-cron":
      if (argc !== 3) break;
      engine.cronPaused = atoi(argv[2]) !== 0;
      return r.ok();
    case "replybuffer": {
      if (argc !== 4) break;
      const what = argv[2].toLowerCase();
      if (what === "peak-reset-time") {
        const v = argv[3].toLowerCase();
        if (v === "never") state.replyBufferPeakResetTime = -1;
        else if (v === "reset") state.replyBufferPeakResetTime = 5000;
        else {
          const n = toInt64(argv[3]);
          if (n === undefined) return r.error(ERR_NOT_INTEGER);
          state.replyBufferPeakResetTime = Number(n);
        }
      } else if (what === "resizing") {
        state.replyBufferResizing = atoi(argv[3]) !== 0;
      } else {
        return syntaxError(c, argv);
      }
      return r.ok();
    }
    case "clusterlink":
      if (argc !== 5 || argv[2].toLowerCase() !== "kill") break;
      return r.error("ERR Debug option only available for cluster mode enabled setup!");
  }
  syntaxError(c, argv);
}

export const debug: CommandDefinition = {
  name: "debug",
  arity: -2,
  flags: ["admin", "noscript", "loading", "stale", "protected"],
  docs: {
    summary: "A container for debugging commands",
    since: "1.0.0",
    group: "server",
    complexity: "Depends on subcommand.",
    docFlags: ["syscmd"],
  },
  handler: runDebug,
};
