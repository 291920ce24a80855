/**
 * MEMORY: USAGE (Redis-like estimates of a key's size), STATS, DOCTOR,
 * MALLOC-STATS, PURGE and HELP. Server-wide figures come from the runtime
 * (JS heap and buffers standing for Redis's allocator).
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { memoryFigures } from "../../server/info.ts";
import { fullGc } from "../../server/reclaim.ts";
import { toInt64 } from "../parse.ts";
import { replyHelp } from "./help.ts";
import { sdsSize, valueMemory } from "./object-size.ts";

const REPORT_TIPS = [
  "nondeterministic_output",
  "request_policy:all_shards",
  "response_policy:special",
];

/** Redis's default number of sampled elements (OBJ_COMPUTE_SIZE_DEF_SAMPLES). */
const DEFAULT_SAMPLES = 5;

const HELP = [
  "DOCTOR",
  "    Return memory problems reports.",
  "MALLOC-STATS",
  "    Return internal statistics report from the memory allocator.",
  "PURGE",
  "    Attempt to purge dirty pages for reclamation by the allocator.",
  "STATS",
  "    Return information about the memory usage of the server.",
  "USAGE <key> [SAMPLES <count>]",
  "    Return memory in bytes used by <key> and its value. Nested values are",
  "    sampled up to <count> times (default: 5, 0 means sample all).",
];

const memoryUsage: CommandDefinition = {
  name: "usage",
  arity: -3,
  flags: ["readonly"],
  keys: [{
    flags: ["RO"],
    begin: { index: 2 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Estimate the memory usage of a key",
    since: "4.0.0",
    group: "server",
    complexity: "O(N) where N is the number of samples.",
    syntax: "key [SAMPLES count]",
  },
  handler(c, argv) {
    let samples = DEFAULT_SAMPLES;
    for (let j = 3; j < argv.length; j++) {
      if (argv[j].toLowerCase() === "samples" && j + 1 < argv.length) {
        const v = toInt64(argv[j + 1]);
        if (v === undefined) return c.reply.error("ERR value is not an integer or out of range");
        if (v < 0) return c.reply.error(ERR_SYNTAX);
        samples = v === 0 ? Infinity : Number(v);
        j++;
      } else {
        return c.reply.error(ERR_SYNTAX);
      }
    }
    const key = argv[2];
    // As Redis: the raw dictionary, expired or not, without touching the key.
    const v = c.db.dict.get(key);
    if (v === undefined) return c.reply.nullBulk();
    const size = valueMemory(v, c.engine.encodingLimits, samples) + sdsSize(key.length) + 24;
    c.reply.int(Math.floor(size));
  },
};

interface MemoryStats {
  peak: number;
  total: number;
  startup: number;
  clientsReplicas: number;
  clientsNormal: number;
  overhead: number;
  keys: number;
  dataset: number;
  datasetPerc: number;
  peakPerc: number;
  allocated: number;
  active: number;
  resident: number;
  dbs: Array<{ id: number; main: number; expires: number }>;
}

function memoryStats(engine: Engine): MemoryStats {
  const f = memoryFigures(engine);
  const dbs = [];
  for (const db of engine.dbs) {
    if (db.dict.size === 0 && db.expires.size === 0) continue;
    dbs.push({ id: db.id, main: db.dict.size * 32, expires: db.expires.size * 32 });
  }
  const net = f.used - f.startup;
  return {
    peak: f.peak,
    total: f.used,
    startup: f.startup,
    clientsReplicas: f.clientsReplicas,
    clientsNormal: f.clientsNormal,
    overhead: f.overhead,
    keys: f.keys,
    dataset: f.dataset,
    datasetPerc: net > 0 ? (f.dataset * 100) / net : 0,
    peakPerc: f.peak > 0 ? (f.used * 100) / f.peak : 0,
    allocated: f.used,
    active: f.heapTotal,
    resident: f.rss,
    dbs,
  };
}

const memoryStatsCmd: CommandDefinition = {
  name: "stats",
  arity: 2,
  tips: REPORT_TIPS,
  docs: {
    summary: "Show memory usage details",
    since: "4.0.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    const m = memoryStats(c.engine);
    const r = c.reply;
    const num = (name: string, v: number) => {
      r.bulk(name);
      r.int(Math.floor(v));
    };
    const dbl = (name: string, v: number) => {
      r.bulk(name);
      r.double(Math.fround(v));
    };
    r.mapLen(27 + m.dbs.length);
    num("peak.allocated", m.peak);
    num("total.allocated", m.total);
    num("startup.allocated", m.startup);
    num("replication.backlog", 0);
    num("clients.slaves", m.clientsReplicas);
    num("clients.normal", m.clientsNormal);
    num("cluster.links", 0);
    num("aof.buffer", 0);
    num("lua.caches", 0);
    num("functions.caches", 0);
    for (const db of m.dbs) {
      r.bulk("db." + db.id);
      r.mapLen(3);
      num("overhead.hashtable.main", db.main);
      num("overhead.hashtable.expires", db.expires);
      num("overhead.hashtable.slot-to-keys", 0);
    }
    num("overhead.total", m.overhead);
    num("keys.count", m.keys);
    num("keys.bytes-per-key", m.keys === 0 ? 0 : (m.total - m.startup) / m.keys);
    num("dataset.bytes", m.dataset);
    dbl("dataset.percentage", m.datasetPerc);
    dbl("peak.percentage", m.peakPerc);
    num("allocator.allocated", m.allocated);
    num("allocator.active", m.active);
    num("allocator.resident", m.resident);
    dbl("allocator-fragmentation.ratio", m.allocated > 0 ? m.active / m.allocated : 0);
    num("allocator-fragmentation.bytes", m.active - m.allocated);
    dbl("allocator-rss.ratio", m.active > 0 ? m.resident / m.active : 0);
    num("allocator-rss.bytes", m.resident - m.active);
    dbl("rss-overhead.ratio", 1);
    num("rss-overhead.bytes", 0);
    dbl("fragmentation", m.total > 0 ? m.resident / m.total : 0);
    num("fragmentation.bytes", m.resident - m.total);
  },
};

/** MEMORY DOCTOR's report (Redis's getMemoryDoctorReport) on the runtime's figures. */
function doctorReport(engine: Engine): string {
  const m = memoryStats(engine);
  const issues: string[] = [];
  let empty = false;
  if (m.total < 5 * 1024 * 1024) empty = true;
  else {
    if (m.peak / m.total > 1.5) {
      issues.push(
        " * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n",
      );
    }
    let clients = 0;
    for (const _ of engine.clients.values()) clients++;
    if (clients > 0 && m.clientsNormal / clients > 1024 * 200) {
      issues.push(
        " * Big client buffers: The clients output buffers in this instance are greater than 200K per client (on average). This may result from different causes, like Pub/Sub clients subscribed to channels bot not receiving data fast enough, so that data piles on the Redis instance output buffer, or clients sending commands with large replies or very large sequences of commands in the same pipeline. Please use the CLIENT LIST command in order to investigate the issue if it causes problems in your instance, or to understand better why certain clients are using a big amount of memory.\n\n",
      );
    }
  }
  if (empty) {
    return "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
  }
  if (issues.length === 0) {
    return "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";
  }
  return "Sam, I detected a few issues in this Redis instance memory implants:\n\n" +
    issues.join("") + "I'm here to keep you safe, Sam. I want to help you.\n";
}

const memoryDoctor: CommandDefinition = {
  name: "doctor",
  arity: 2,
  tips: REPORT_TIPS,
  docs: {
    summary: "Outputs memory problems report",
    since: "4.0.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.verbatim(doctorReport(c.engine));
  },
};

const memoryMallocStats: CommandDefinition = {
  name: "malloc-stats",
  arity: 2,
  tips: REPORT_TIPS,
  docs: {
    summary: "Show allocator internal stats",
    since: "4.0.0",
    group: "server",
    complexity: "Depends on how much memory is allocated, could be slow",
  },
  handler(c) {
    // What Redis answers when built without jemalloc (INFO says mem_allocator:libc).
    c.reply.bulk("Stats not supported for the current allocator");
  },
};

const memoryPurge: CommandDefinition = {
  name: "purge",
  arity: 2,
  tips: ["request_policy:all_shards", "response_policy:all_succeeded"],
  docs: {
    summary: "Ask the allocator to release memory",
    since: "4.0.0",
    group: "server",
    complexity: "Depends on how much memory is allocated, could be slow",
  },
  handler(c: Client) {
    // Redis asks jemalloc to return dirty pages; the nearest thing here is a
    // full collection (the allocators return freed pages themselves).
    fullGc();
    c.reply.ok();
  },
};

const memoryHelp: CommandDefinition = {
  name: "help",
  arity: 2,
  flags: ["loading", "stale"],
  docs: {
    summary: "Show helpful text about the different subcommands",
    since: "4.0.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c, argv) {
    replyHelp(c, argv[0], HELP);
  },
};

export const memory: CommandDefinition = {
  name: "memory",
  arity: -2,
  docs: {
    summary: "A container for memory diagnostics commands",
    since: "4.0.0",
    group: "server",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    memoryDoctor,
    memoryHelp,
    memoryMallocStats,
    memoryPurge,
    memoryStatsCmd,
    memoryUsage,
  ],
};
