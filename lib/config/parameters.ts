/**
 * The table of configuration parameters: name, aliases, default, parser and
 * what setting it changes. Parse errors use Redis's wording.
 *
 * @module
 */
import type { Settings } from "./config.ts";
import { ConfigError } from "./error.ts";
import { formatKeyspaceEventFlags, parseKeyspaceEventFlags } from "./notify-flags.ts";

/** A configuration parameter. */
export interface ParamSpec {
  name: string;
  aliases?: string[];
  default: string;
  immutable?: boolean;
  /** Turns the raw string into the typed value; throws ConfigError with Redis's reason. */
  parse?: (raw: string) => unknown;
  /** Canonical string for CONFIG GET. */
  // deno-lint-ignore no-explicit-any
  format?: (v: any) => string;
  /** Stores the typed value into the settings. */
  // deno-lint-ignore no-explicit-any
  apply?: (s: Settings, v: any) => void;
}

type Key = keyof Settings;

function bool(
  name: string,
  def: "yes" | "no",
  key?: Key,
  extra: Partial<ParamSpec> = {},
): ParamSpec {
  return {
    name,
    default: def,
    parse: (raw) => {
      const v = raw.toLowerCase();
      if (v === "yes") return true;
      if (v === "no") return false;
      throw new ConfigError("argument must be 'yes' or 'no'");
    },
    format: (v: boolean) => (v ? "yes" : "no"),
    apply: key
      ? (s, v: boolean) => ((s as unknown as Record<string, unknown>)[key] = v)
      : undefined,
    ...extra,
  };
}

/** Parses an integer the way Redis's config does (strict digits). */
function parseIntStrict(raw: string): number {
  if (!/^-?\d+$/.test(raw)) throw new ConfigError("argument couldn't be parsed into an integer");
  return Number(raw);
}

function int(
  name: string,
  def: number,
  min: number,
  max: number,
  key?: Key,
  extra: Partial<ParamSpec> = {},
): ParamSpec {
  return {
    name,
    default: String(def),
    parse: (raw) => {
      const n = parseIntStrict(raw);
      if (n < min || n > max) {
        throw new ConfigError("argument must be between " + min + " and " + max + " inclusive");
      }
      return n;
    },
    format: (v: number) => String(v),
    apply: key ? (s, v: number) => ((s as unknown as Record<string, unknown>)[key] = v) : undefined,
    ...extra,
  };
}

const MEMORY_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1000,
  kb: 1024,
  m: 1000 * 1000,
  mb: 1024 * 1024,
  g: 1000 * 1000 * 1000,
  gb: 1024 * 1024 * 1024,
};

/** Parses `1gb`, `512mb`, `100` as Redis's memtoull. */
export function parseMemory(raw: string): number {
  const m = /^(-?\d+)([a-z]*)$/i.exec(raw);
  const unit = m ? MEMORY_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new ConfigError("argument must be a memory value");
  return Number(m[1]) * unit;
}

function memory(
  name: string,
  def: number,
  min: number,
  max: number,
  key?: Key,
  extra: Partial<ParamSpec> = {},
): ParamSpec {
  return {
    name,
    default: String(def),
    parse: (raw) => {
      const n = parseMemory(raw);
      if (n < min || n > max) {
        throw new ConfigError("argument must be between " + min + " and " + max + " inclusive");
      }
      return n;
    },
    format: (v: number) => String(v),
    apply: key ? (s, v: number) => ((s as unknown as Record<string, unknown>)[key] = v) : undefined,
    ...extra,
  };
}

function str(name: string, def: string, key?: Key, extra: Partial<ParamSpec> = {}): ParamSpec {
  return {
    name,
    default: def,
    apply: key ? (s, v: string) => ((s as unknown as Record<string, unknown>)[key] = v) : undefined,
    ...extra,
  };
}

function enumeration(
  name: string,
  def: string,
  values: string[],
  key?: Key,
  extra: Partial<ParamSpec> = {},
): ParamSpec {
  return {
    name,
    default: def,
    parse: (raw) => {
      const v = raw.toLowerCase();
      if (!values.includes(v)) {
        throw new ConfigError("argument(s) must be one of the following: " + values.join(", "));
      }
      return v;
    },
    apply: key ? (s, v: string) => ((s as unknown as Record<string, unknown>)[key] = v) : undefined,
    ...extra,
  };
}

const MAX_INT = 2147483647;
const MAX_LONG = Number.MAX_SAFE_INTEGER;

/** Every parameter the server knows. */
export const PARAMETERS: ParamSpec[] = [
  int("port", 6379, 0, 65535, "port"),
  str("bind", "* -::*", undefined, {
    parse: (raw) => raw.split(" ").filter((x) => x.length > 0),
    format: (v: string[]) => v.join(" "),
    apply: (s, v: string[]) => (s.bind = v),
  }),
  str("unixsocket", "", "unixsocket", { immutable: true }),
  int("unixsocketperm", 0, 0, 0o777, "unixsocketperm", { immutable: true }),
  str("requirepass", "", "requirepass"),
  int("databases", 16, 1, MAX_INT, "databases", { immutable: true }),
  str("dir", ".", "dir"),
  str("dbfilename", "dump.rdb", "dbfilename", {
    parse: (raw) => {
      if (raw.includes("/")) throw new ConfigError("dbfilename can't be a path, just a filename");
      return raw;
    },
  }),
  enumeration("loglevel", "notice", ["debug", "verbose", "notice", "warning"], "loglevel"),
  str("logfile", "", "logfile", { immutable: true }),
  memory("proto-max-bulk-len", 512 * 1024 * 1024, 1024 * 1024, MAX_LONG, "protoMaxBulkLen"),
  memory(
    "client-query-buffer-limit",
    1024 * 1024 * 1024,
    1024 * 1024,
    MAX_LONG,
    "clientQueryBufferLimit",
  ),
  int("maxclients", 10000, 1, MAX_INT, "maxclients"),
  int("hz", 10, 0, MAX_INT, "hz", {
    parse: (raw) => Math.min(500, Math.max(1, parseIntStrict(raw))),
  }),
  int("timeout", 0, 0, MAX_INT, "timeout"),
  str("notify-keyspace-events", "", undefined, {
    parse: (raw) => parseKeyspaceEventFlags(raw),
    format: (v: number) => formatKeyspaceEventFlags(v),
    apply: (s, v: number) => (s.notifyKeyspaceEvents = v),
  }),
  int("hash-max-listpack-entries", 128, 0, MAX_LONG, "hashMaxListpackEntries", {
    aliases: ["hash-max-ziplist-entries"],
  }),
  memory("hash-max-listpack-value", 64, 0, MAX_LONG, "hashMaxListpackValue", {
    aliases: ["hash-max-ziplist-value"],
  }),
  int("set-max-intset-entries", 512, 0, MAX_LONG, "setMaxIntsetEntries"),
  int("zset-max-listpack-entries", 128, 0, MAX_LONG, "zsetMaxListpackEntries", {
    aliases: ["zset-max-ziplist-entries"],
  }),
  memory("zset-max-listpack-value", 64, 0, MAX_LONG, "zsetMaxListpackValue", {
    aliases: ["zset-max-ziplist-value"],
  }),
  int("list-max-listpack-size", -2, -5, MAX_INT, "listMaxListpackSize", {
    aliases: ["list-max-ziplist-size"],
  }),
  int("list-compress-depth", 0, 0, MAX_INT, "listCompressDepth"),
  memory("stream-node-max-bytes", 4096, 0, MAX_LONG, "streamNodeMaxBytes"),
  int("stream-node-max-entries", 100, 0, MAX_LONG, "streamNodeMaxEntries"),
  memory("hll-sparse-max-bytes", 3000, 0, MAX_LONG),
  enumeration("enable-debug-command", "no", ["no", "yes", "local"], "enableDebugCommand", {
    immutable: true,
  }),
  enumeration("enable-protected-configs", "no", ["no", "yes", "local"], undefined, {
    immutable: true,
  }),
  enumeration("enable-module-command", "no", ["no", "yes", "local"], undefined, {
    immutable: true,
  }),
  int("lua-time-limit", 5000, 0, MAX_LONG, "luaTimeLimit", { aliases: ["busy-reply-threshold"] }),
  memory("maxmemory", 0, 0, MAX_LONG, "maxmemory"),
  enumeration(
    "maxmemory-policy",
    "noeviction",
    [
      "volatile-lru",
      "volatile-lfu",
      "volatile-random",
      "volatile-ttl",
      "allkeys-lru",
      "allkeys-lfu",
      "allkeys-random",
      "noeviction",
    ],
    "maxmemoryPolicy",
  ),
  int("maxmemory-samples", 5, 1, 64),
  bool("appendonly", "no", "appendonly"),
  str("appendfilename", "appendonly.aof", undefined, { immutable: true }),
  enumeration("appendfsync", "everysec", ["always", "everysec", "no"]),
  str("save", "3600 1 300 100 60 10000", "save", {
    parse: (raw) => {
      const parts = raw.split(" ").filter((x) => x.length > 0);
      if (parts.length % 2 !== 0 || parts.some((p) => !/^\d+$/.test(p))) {
        throw new ConfigError("Invalid save parameters");
      }
      return parts.join(" ");
    },
  }),
  int("slowlog-log-slower-than", 10000, -1, MAX_LONG, "slowlogLogSlowerThan"),
  int("slowlog-max-len", 128, 0, MAX_LONG, "slowlogMaxLen"),
  bool("lazyfree-lazy-eviction", "no"),
  bool("lazyfree-lazy-expire", "no"),
  bool("lazyfree-lazy-server-del", "no"),
  bool("lazyfree-lazy-user-del", "no"),
  bool("lazyfree-lazy-user-flush", "no"),
  bool("activerehashing", "yes"),
  bool("activedefrag", "no"),
  bool("protected-mode", "yes"),
  int("tcp-backlog", 511, 0, MAX_INT, undefined, { immutable: true }),
  int("tcp-keepalive", 300, 0, MAX_INT),
  bool("daemonize", "no", undefined, { immutable: true }),
  str("pidfile", "", undefined, { immutable: true }),
  bool("rdbcompression", "yes"),
  bool("rdbchecksum", "yes"),
  bool("stop-writes-on-bgsave-error", "yes"),
  int("latency-monitor-threshold", 0, 0, MAX_LONG),
  bool("latency-tracking", "yes"),
  str("latency-tracking-info-percentiles", "50 99 99.9", undefined, {
    parse: (raw) => {
      const parts = raw.split(" ").filter((x) => x.length > 0).map(Number);
      if (parts.some((p) => Number.isNaN(p))) {
        throw new ConfigError("Invalid latency-tracking-info-percentiles parameters");
      }
      if (parts.some((p) => p < 0 || p > 100)) {
        throw new ConfigError(
          "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]",
        );
      }
      return parts;
    },
    format: (v: number[]) => v.map((x) => String(x)).join(" "),
    apply: (s, v: number[]) => (s.latencyTrackingInfoPercentiles = v),
  }),
  str(
    "client-output-buffer-limit",
    "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
  ),
  int("active-expire-effort", 1, 1, 10),
  int("lfu-log-factor", 10, 0, MAX_INT),
  int("lfu-decay-time", 1, 0, MAX_INT),
  str("replicaof", "", undefined, { aliases: ["slaveof"] }),
  bool("replica-read-only", "yes", undefined, { aliases: ["slave-read-only"] }),
  bool("replica-serve-stale-data", "yes", undefined, { aliases: ["slave-serve-stale-data"] }),
  int("repl-backlog-size", 1024 * 1024, 1, MAX_LONG),
  int("repl-timeout", 60, 1, MAX_INT),
  bool("repl-diskless-sync", "yes"),
  int("repl-diskless-sync-delay", 5, 0, MAX_INT),
  int("repl-ping-replica-period", 10, 1, MAX_INT, undefined, {
    aliases: ["repl-ping-slave-period"],
  }),
  str("masterauth", ""),
  str("masteruser", ""),
  int("min-replicas-to-write", 0, 0, MAX_INT, undefined, { aliases: ["min-slaves-to-write"] }),
  int("min-replicas-max-lag", 10, 0, MAX_INT, undefined, { aliases: ["min-slaves-max-lag"] }),
  int("io-threads", 1, 1, 128, undefined, { immutable: true }),
  bool("io-threads-do-reads", "no", undefined, { immutable: true }),
  bool("cluster-enabled", "no", undefined, { immutable: true }),
  int("active-defrag-cycle-min", 1, 1, 99),
  int("active-defrag-cycle-max", 25, 1, 99),
  str("oom-score-adj-values", "0 200 800"),
  enumeration("oom-score-adj", "no", ["no", "yes", "relative", "absolute"]),
  int("tracking-table-max-keys", 1000000, 0, MAX_LONG),
  bool("lazyfree-lazy-user-flush", "no"),
  bool("crash-log-enabled", "yes"),
  bool("set-proc-title", "yes"),
  str("proc-title-template", "{title} {listen-addr} {server-mode}"),
  bool("always-show-logo", "no", undefined, { immutable: true }),
  bool("syslog-enabled", "no", undefined, { immutable: true }),
  str("aclfile", "", undefined, { immutable: true }),
  int("acllog-max-len", 128, 0, MAX_LONG),
  enumeration("acl-pubsub-default", "resetchannels", ["allchannels", "resetchannels"]),
  str("rename-command", ""),
  bool("dynamic-hz", "yes"),
  bool("lazyfree-lazy-expire", "no"),
  str("sanitize-dump-payload", "no"),
  str("shutdown-on-sigterm", "default"),
  str("shutdown-on-sigint", "default"),
  int("shutdown-timeout", 10, 0, MAX_INT),
  bool("replica-lazy-flush", "no"),
  bool("aof-use-rdb-preamble", "yes"),
  bool("aof-timestamp-enabled", "no"),
  str("appenddirname", "appendonlydir", undefined, { immutable: true }),
  int("auto-aof-rewrite-percentage", 100, 0, MAX_INT),
  memory("auto-aof-rewrite-min-size", 64 * 1024 * 1024, 0, MAX_LONG),
  int("min-replicas-max-lag", 10, 0, MAX_INT),
].filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);
