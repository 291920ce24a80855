/**
 * The table of configuration parameters, as Redis 7.0.15 defines them (its
 * `static_configs`, without the TLS ones: Ferrous has no TLS, like a Redis
 * built without OpenSSL). Names, aliases, bounds, defaults, flags and error
 * texts are Redis's, so CONFIG GET/SET and redis.conf behave the same.
 *
 * Parameters marked "compat" are accepted, remembered, reported by CONFIG
 * GET and rewritten by CONFIG REWRITE, but Ferrous does not act on them
 * (clustering, TLS-less networking knobs, fork/AOF tuning, defrag, ...):
 * Redis tools, client libraries and the Redis test suite set them, and a
 * server that refused them would break those clients.
 *
 * @module
 */
import { ConfigError } from "./error.ts";
import { bool, enumeration, MEMORY, numeric, OCTAL, PERCENT, string } from "./kinds.ts";
import { INT_MAX, INT_MIN, LLONG_MAX, LONG_MAX, UINT_MAX, ULLONG_MAX } from "./numbers.ts";
import {
  bind,
  clientOutputBufferLimit,
  dir,
  latencyTrackingInfoPercentiles,
  notifyKeyspaceEvents,
  oomScoreAdjValues,
  replicaof,
  save,
} from "./special.ts";
import {
  DEBUG,
  DENY_LOADING,
  HIDDEN,
  IMMUTABLE,
  MULTI_ARG,
  type ParamSpec,
  PROTECTED,
  SENSITIVE,
  setField,
} from "./spec.ts";

export type { ParamSpec } from "./spec.ts";

const MAXMEMORY_POLICIES: Array<[string, number]> = [
  ["volatile-lru", 0],
  ["volatile-lfu", 1],
  ["volatile-random", 2],
  ["volatile-ttl", 3],
  ["allkeys-lru", 4],
  ["allkeys-lfu", 5],
  ["allkeys-random", 6],
  ["noeviction", 7],
];
const SYSLOG_FACILITIES: Array<[string, number]> = [
  ["user", 0],
  ["local0", 1],
  ["local1", 2],
  ["local2", 3],
  ["local3", 4],
  ["local4", 5],
  ["local5", 6],
  ["local6", 7],
  ["local7", 8],
];
const LOGLEVELS: Array<[string, number]> = [
  ["debug", 0],
  ["verbose", 1],
  ["notice", 2],
  ["warning", 3],
];
const SUPERVISED: Array<[string, number]> = [
  ["upstart", 1],
  ["systemd", 2],
  ["auto", 3],
  ["no", 0],
];
const AOF_FSYNC: Array<[string, number]> = [["everysec", 2], ["always", 1], ["no", 0]];
const SHUTDOWN_SAVE = 1;
const SHUTDOWN_NOSAVE = 2;
const SHUTDOWN_ON_SIG: Array<[string, number]> = [
  ["default", 0],
  ["save", SHUTDOWN_SAVE],
  ["nosave", SHUTDOWN_NOSAVE],
  ["now", 4],
  ["force", 8],
];
const REPL_DISKLESS_LOAD: Array<[string, number]> = [
  ["disabled", 0],
  ["on-empty-db", 1],
  ["swapdb", 2],
];
const OOM_SCORE_ADJ: Array<[string, number]> = [
  ["no", 0],
  ["yes", 1],
  ["relative", 1],
  ["absolute", 2],
];
const ACL_PUBSUB_DEFAULT: Array<[string, number]> = [["allchannels", 1], ["resetchannels", 0]];
const SANITIZE_DUMP: Array<[string, number]> = [["no", 0], ["yes", 1], ["clients", 2]];
const PROTECTED_ACTION: Array<[string, number]> = [["no", 0], ["yes", 1], ["local", 2]];
const ENDPOINT_TYPE: Array<[string, number]> = [
  ["ip", 0],
  ["hostname", 1],
  ["unknown-endpoint", 2],
];
const PROPAGATION_ERROR: Array<[string, number]> = [
  ["ignore", 0],
  ["panic", 1],
  ["panic-on-replicas", 2],
];

function validShutdownFlags(v: number): void {
  if (v & SHUTDOWN_SAVE && v & SHUTDOWN_NOSAVE) {
    throw new ConfigError("shutdown options SAVE and NOSAVE can't be used simultaneously");
  }
}

function baseName(what: string, kind = "filename") {
  return (v: string) => {
    if (what !== "dbfilename" && v === "") throw new ConfigError(what + " can't be empty");
    if (v.includes("/") || v.includes("\\")) {
      throw new ConfigError(`${what} can't be a path, just a ${kind}`);
    }
  };
}

const TITLE_VARS = new Set([
  "title",
  "listen-addr",
  "server-mode",
  "config-file",
  "port",
  "tls-port",
  "unixsocket",
]);

/** Redis's validateProcTitleTemplate: known `{variables}` only, and not blank once expanded. */
function validProcTitle(t: string): void {
  const bad = () => {
    throw new ConfigError("template format is invalid or contains unknown variables");
  };
  let out = "";
  let p = 0;
  while (p < t.length) {
    const sv = t.indexOf("{", p);
    if (sv < 0) {
      out += t.slice(p);
      break;
    }
    out += t.slice(p, sv);
    if (sv + 1 >= t.length) bad();
    if (t[sv + 1] === "{") {
      out += "{";
      p = sv + 2;
      continue;
    }
    const ev = t.indexOf("}", sv + 1);
    if (ev < 0) bad();
    const name = t.slice(sv + 1, ev);
    if (!TITLE_VARS.has(name)) bad();
    // Variables that always expand to something (the listen address, ports, config file name).
    if (name !== "title" && name !== "server-mode" && name !== "unixsocket") out += "x";
    p = ev + 1;
  }
  if (out.replace(/^ +| +$/g, "") === "") bad();
}

function validHostname(v: string): void {
  if (v.length >= 256) throw new ConfigError("Hostnames must be less than 256 characters");
  if (!/^[A-Za-z0-9.-]*$/.test(v)) {
    throw new ConfigError("Hostnames may only contain alphanumeric characters, hyphens or dots");
  }
}

const MB = 1024n * 1024n;

/** Every parameter, primary names first in Redis's table order. */
export const PARAMETERS: ParamSpec[] = [
  // Booleans.
  bool("rdbchecksum", true, { flags: IMMUTABLE, apply: setField("rdbchecksum") }),
  bool("daemonize", false, { flags: IMMUTABLE }), // compat: Ferrous never forks
  bool("io-threads-do-reads", false, { flags: DEBUG | IMMUTABLE }), // compat
  bool("always-show-logo", false, { flags: IMMUTABLE }), // compat
  bool("protected-mode", true, { apply: setField("protectedMode") }),
  bool("rdbcompression", true, { apply: setField("rdbcompression") }),
  bool("rdb-del-sync-files", false), // compat
  bool("activerehashing", true, { apply: setField("activerehashing") }),
  bool("stop-writes-on-bgsave-error", true, { apply: setField("stopWritesOnBgsaveError") }),
  bool("set-proc-title", true, { flags: IMMUTABLE }), // compat
  bool("dynamic-hz", true, { apply: setField("dynamicHz") }),
  bool("lazyfree-lazy-eviction", false, {
    flags: DEBUG,
    apply: setField("lazyfreeLazyEviction"),
  }),
  bool("lazyfree-lazy-expire", false, { flags: DEBUG, apply: setField("lazyfreeLazyExpire") }),
  bool("lazyfree-lazy-server-del", false, {
    flags: DEBUG,
    apply: setField("lazyfreeLazyServerDel"),
  }),
  bool("lazyfree-lazy-user-del", false, {
    flags: DEBUG,
    apply: setField("lazyfreeLazyUserDel"),
  }),
  bool("lazyfree-lazy-user-flush", false, {
    flags: DEBUG,
    apply: setField("lazyfreeLazyUserFlush"),
  }),
  bool("repl-disable-tcp-nodelay", false), // compat
  bool("repl-diskless-sync", true, { flags: DEBUG, apply: setField("replDisklessSync") }),
  bool("aof-rewrite-incremental-fsync", true), // compat
  bool("no-appendfsync-on-rewrite", false), // compat
  bool("cluster-require-full-coverage", true), // compat: no cluster mode
  bool("rdb-save-incremental-fsync", true), // compat
  bool("aof-load-truncated", true), // compat
  bool("aof-use-rdb-preamble", true, { apply: setField("aofUseRdbPreamble") }),
  bool("aof-timestamp-enabled", false, { apply: setField("aofTimestampEnabled") }),
  bool("cluster-replica-no-failover", false, { alias: "cluster-slave-no-failover" }), // compat
  bool("replica-lazy-flush", false, {
    alias: "slave-lazy-flush",
    apply: setField("replicaLazyFlush"),
  }),
  bool("replica-serve-stale-data", true, {
    alias: "slave-serve-stale-data",
    apply: setField("replicaServeStaleData"),
  }),
  bool("replica-read-only", true, {
    alias: "slave-read-only",
    flags: DEBUG,
    apply: setField("replicaReadOnly"),
  }),
  bool("replica-ignore-maxmemory", true, { alias: "slave-ignore-maxmemory" }),
  bool("jemalloc-bg-thread", true), // compat: no jemalloc
  bool("activedefrag", false, { flags: DEBUG }), // compat: no defragmentation
  bool("syslog-enabled", false, { flags: IMMUTABLE }), // compat
  bool("cluster-enabled", false, {
    flags: IMMUTABLE,
    validate: (v) => {
      if (v) throw new ConfigError("cluster mode is not supported by Ferrous");
    },
  }),
  bool("appendonly", false, { flags: DENY_LOADING, apply: setField("appendonly") }),
  bool("cluster-allow-reads-when-down", false), // compat
  bool("cluster-allow-pubsubshard-when-down", true), // compat
  bool("crash-log-enabled", true), // compat
  bool("crash-memcheck-enabled", true), // compat
  bool("use-exit-on-panic", false, { flags: HIDDEN }), // compat
  bool("disable-thp", true, { flags: IMMUTABLE }), // compat
  bool("cluster-allow-replica-migration", true), // compat
  bool("replica-announced", true), // compat
  bool("latency-tracking", true, { apply: setField("latencyTracking") }),
  bool("aof-disable-auto-gc", false), // compat
  bool("replica-ignore-disk-write-errors", false), // compat

  // Strings.
  string("aclfile", "", { flags: IMMUTABLE }),
  string("unixsocket", null, {
    flags: IMMUTABLE,
    emptyIsNull: true,
    apply: setField("unixsocket"),
  }),
  string("pidfile", null, { flags: IMMUTABLE, emptyIsNull: true }),
  string("replica-announce-ip", null, { alias: "slave-announce-ip", emptyIsNull: true }),
  string("masteruser", null, {
    flags: SENSITIVE,
    emptyIsNull: true,
    apply: setField("masteruser"),
  }),
  string("cluster-announce-ip", null, { emptyIsNull: true }), // compat
  string("cluster-config-file", "nodes.conf", { flags: IMMUTABLE }), // compat
  string("cluster-announce-hostname", null, { emptyIsNull: true, validate: validHostname }), // compat
  string("syslog-ident", "redis", { flags: IMMUTABLE }), // compat
  string("dbfilename", "dump.rdb", {
    flags: PROTECTED,
    validate: baseName("dbfilename"),
    apply: setField("dbfilename"),
  }),
  string("appendfilename", "appendonly.aof", {
    flags: IMMUTABLE,
    validate: baseName("appendfilename"),
    apply: setField("appendfilename"),
  }),
  string("appenddirname", "appendonlydir", {
    flags: IMMUTABLE,
    validate: baseName("appenddirname", "dirname"),
    apply: setField("appenddirname"),
  }),
  string("server_cpulist", null, { flags: IMMUTABLE, emptyIsNull: true }), // compat
  string("bio_cpulist", null, { flags: IMMUTABLE, emptyIsNull: true }), // compat
  string("aof_rewrite_cpulist", null, { flags: IMMUTABLE, emptyIsNull: true }), // compat
  string("bgsave_cpulist", null, { flags: IMMUTABLE, emptyIsNull: true }), // compat
  string("ignore-warnings", ""), // compat
  string("proc-title-template", "{title} {listen-addr} {server-mode}", {
    validate: validProcTitle,
  }), // compat: the process title is the runtime's
  string("bind-source-addr", null, { emptyIsNull: true }), // compat
  string("logfile", "", { flags: IMMUTABLE, apply: setField("logfile") }),
  string("masterauth", null, {
    flags: SENSITIVE,
    emptyIsNull: true,
    apply: setField("masterauth"),
  }),
  string("requirepass", null, {
    flags: SENSITIVE,
    emptyIsNull: true,
    apply: setField("requirepass"),
  }),

  // Enumerations.
  enumeration("supervised", SUPERVISED, 0, { flags: IMMUTABLE }), // compat
  enumeration("syslog-facility", SYSLOG_FACILITIES, 1, { flags: IMMUTABLE }), // compat
  enumeration("repl-diskless-load", REPL_DISKLESS_LOAD, 0, { flags: DEBUG | DENY_LOADING }),
  enumeration("loglevel", LOGLEVELS, 2, { apply: setField("loglevel") }),
  enumeration("maxmemory-policy", MAXMEMORY_POLICIES, 7, { apply: setField("maxmemoryPolicy") }),
  enumeration("appendfsync", AOF_FSYNC, 2, { apply: setField("appendfsync") }),
  enumeration("oom-score-adj", OOM_SCORE_ADJ, 0), // compat
  enumeration("acl-pubsub-default", ACL_PUBSUB_DEFAULT, 0, {
    apply: setField("aclPubsubDefault"),
  }),
  enumeration("sanitize-dump-payload", SANITIZE_DUMP, 0, {
    flags: DEBUG,
    apply: setField("sanitizeDumpPayload"),
  }),
  enumeration("enable-protected-configs", PROTECTED_ACTION, 0, {
    flags: IMMUTABLE,
    apply: setField("enableProtectedConfigs"),
  }),
  enumeration("enable-debug-command", PROTECTED_ACTION, 0, {
    flags: IMMUTABLE,
    apply: setField("enableDebugCommand"),
  }),
  enumeration("enable-module-command", PROTECTED_ACTION, 0, {
    flags: IMMUTABLE,
    apply: setField("enableModuleCommand"),
  }),
  enumeration("cluster-preferred-endpoint-type", ENDPOINT_TYPE, 0), // compat
  enumeration("propagation-error-behavior", PROPAGATION_ERROR, 0, {
    apply: setField("propagationErrorBehavior"),
  }),
  enumeration("shutdown-on-sigint", SHUTDOWN_ON_SIG, 0, {
    flags: MULTI_ARG,
    validate: validShutdownFlags,
    apply: setField("shutdownOnSigint"),
  }),
  enumeration("shutdown-on-sigterm", SHUTDOWN_ON_SIG, 0, {
    flags: MULTI_ARG,
    validate: validShutdownFlags,
    apply: setField("shutdownOnSigterm"),
  }),

  // Integers.
  numeric("databases", "int", 1n, INT_MAX, 16n, {
    flags: IMMUTABLE,
    apply: setField("databases"),
  }),
  numeric("port", "int", 0n, 65535n, 6379n, { apply: setField("port") }),
  numeric("io-threads", "int", 1n, 128n, 1n, { flags: DEBUG | IMMUTABLE }), // compat
  numeric("auto-aof-rewrite-percentage", "int", 0n, INT_MAX, 100n),
  numeric("cluster-replica-validity-factor", "int", 0n, INT_MAX, 10n, {
    alias: "cluster-slave-validity-factor",
  }), // compat
  numeric("list-max-listpack-size", "int", INT_MIN, INT_MAX, -2n, {
    alias: "list-max-ziplist-size",
    apply: setField("listMaxListpackSize"),
  }),
  numeric("tcp-keepalive", "int", 0n, INT_MAX, 300n, { apply: setField("tcpKeepalive") }),
  numeric("cluster-migration-barrier", "int", 0n, INT_MAX, 1n), // compat
  numeric("active-defrag-cycle-min", "int", 1n, 99n, 1n), // compat
  numeric("active-defrag-cycle-max", "int", 1n, 99n, 25n), // compat
  numeric("active-defrag-threshold-lower", "int", 0n, 1000n, 10n), // compat
  numeric("active-defrag-threshold-upper", "int", 0n, 1000n, 100n), // compat
  numeric("lfu-log-factor", "int", 0n, INT_MAX, 10n, { apply: setField("lfuLogFactor") }),
  numeric("lfu-decay-time", "int", 0n, INT_MAX, 1n, { apply: setField("lfuDecayTime") }),
  numeric("replica-priority", "int", 0n, INT_MAX, 100n, { alias: "slave-priority" }),
  numeric("repl-diskless-sync-delay", "int", 0n, INT_MAX, 5n, {
    apply: setField("replDisklessSyncDelay"),
  }),
  numeric("maxmemory-samples", "int", 1n, INT_MAX, 5n, { apply: setField("maxmemorySamples") }),
  numeric("maxmemory-eviction-tenacity", "int", 0n, 100n, 10n, {
    apply: setField("maxmemoryEvictionTenacity"),
  }),
  numeric("timeout", "int", 0n, INT_MAX, 0n, { apply: setField("timeout") }),
  numeric("replica-announce-port", "int", 0n, 65535n, 0n, { alias: "slave-announce-port" }),
  numeric("tcp-backlog", "int", 0n, INT_MAX, 511n, { flags: IMMUTABLE }), // compat
  numeric("cluster-port", "int", 0n, 65535n, 0n, { flags: IMMUTABLE }), // compat
  numeric("cluster-announce-bus-port", "int", 0n, 65535n, 0n), // compat
  numeric("cluster-announce-port", "int", 0n, 65535n, 0n), // compat
  numeric("cluster-announce-tls-port", "int", 0n, 65535n, 0n), // compat
  numeric("repl-timeout", "int", 1n, INT_MAX, 60n, { apply: setField("replTimeout") }),
  numeric("repl-ping-replica-period", "int", 1n, INT_MAX, 10n, {
    alias: "repl-ping-slave-period",
    apply: setField("replPingReplicaPeriod"),
  }),
  numeric("list-compress-depth", "int", 0n, INT_MAX, 0n, {
    flags: DEBUG,
    apply: setField("listCompressDepth"),
  }),
  numeric("rdb-key-save-delay", "int", INT_MIN, INT_MAX, 0n, {
    flags: HIDDEN,
    apply: setField("rdbKeySaveDelay"),
  }),
  numeric("key-load-delay", "int", INT_MIN, INT_MAX, 0n, {
    flags: HIDDEN,
    apply: setField("keyLoadDelay"),
  }),
  numeric("active-expire-effort", "int", 1n, 10n, 1n, { apply: setField("activeExpireEffort") }),
  numeric("hz", "int", 0n, INT_MAX, 10n, { clamp: [1n, 500n], apply: setField("hz") }),
  numeric("min-replicas-to-write", "int", 0n, INT_MAX, 0n, {
    alias: "min-slaves-to-write",
    apply: setField("minReplicasToWrite"),
  }),
  numeric("min-replicas-max-lag", "int", 0n, INT_MAX, 10n, {
    alias: "min-slaves-max-lag",
    apply: setField("minReplicasMaxLag"),
  }),
  numeric("watchdog-period", "int", 0n, INT_MAX, 0n, { flags: HIDDEN }), // compat
  numeric("shutdown-timeout", "int", 0n, INT_MAX, 10n, { apply: setField("shutdownTimeout") }),
  numeric("repl-diskless-sync-max-replicas", "int", 0n, INT_MAX, 0n),
  numeric("maxclients", "uint", 1n, UINT_MAX, 10000n, { apply: setField("maxclients") }),
  numeric("unixsocketperm", "uint", 0n, 0o777n, 0n, {
    flags: IMMUTABLE,
    format: OCTAL,
    apply: setField("unixsocketperm"),
  }),
  numeric("socket-mark-id", "uint", 0n, UINT_MAX, 0n, { flags: IMMUTABLE }), // compat
  numeric("active-defrag-max-scan-fields", "ulong", 1n, LONG_MAX, 1000n), // compat
  numeric("slowlog-max-len", "ulong", 0n, LONG_MAX, 128n, { apply: setField("slowlogMaxLen") }),
  numeric("acllog-max-len", "ulong", 0n, LONG_MAX, 128n, { apply: setField("acllogMaxLen") }),
  numeric("busy-reply-threshold", "longlong", 0n, LONG_MAX, 5000n, {
    alias: "lua-time-limit",
    apply: setField("luaTimeLimit"),
  }),
  numeric("cluster-node-timeout", "longlong", 0n, LLONG_MAX, 15000n), // compat
  numeric("slowlog-log-slower-than", "longlong", -1n, LLONG_MAX, 10000n, {
    apply: setField("slowlogLogSlowerThan"),
  }),
  numeric("latency-monitor-threshold", "longlong", 0n, LLONG_MAX, 0n, {
    apply: setField("latencyMonitorThreshold"),
  }),
  numeric("proto-max-bulk-len", "longlong", MB, LONG_MAX, 512n * MB, {
    flags: DEBUG,
    format: MEMORY,
    apply: setField("protoMaxBulkLen"),
  }),
  numeric("stream-node-max-entries", "longlong", 0n, LLONG_MAX, 100n, {
    apply: setField("streamNodeMaxEntries"),
  }),
  numeric("repl-backlog-size", "longlong", 1n, LLONG_MAX, MB, {
    format: MEMORY,
    apply: setField("replBacklogSize"),
  }),
  numeric("maxmemory", "ulonglong", 0n, ULLONG_MAX, 0n, {
    format: MEMORY,
    apply: setField("maxmemory"),
  }),
  numeric("cluster-link-sendbuf-limit", "ulonglong", 0n, ULLONG_MAX, 0n, { format: MEMORY }), // compat
  numeric("hash-max-listpack-entries", "size_t", 0n, LONG_MAX, 512n, {
    alias: "hash-max-ziplist-entries",
    apply: setField("hashMaxListpackEntries"),
  }),
  numeric("set-max-intset-entries", "size_t", 0n, LONG_MAX, 512n, {
    apply: setField("setMaxIntsetEntries"),
  }),
  numeric("zset-max-listpack-entries", "size_t", 0n, LONG_MAX, 128n, {
    alias: "zset-max-ziplist-entries",
    apply: setField("zsetMaxListpackEntries"),
  }),
  numeric("active-defrag-ignore-bytes", "size_t", 1n, LLONG_MAX, 100n * MB, { format: MEMORY }), // compat
  numeric("hash-max-listpack-value", "size_t", 0n, LONG_MAX, 64n, {
    alias: "hash-max-ziplist-value",
    format: MEMORY,
    apply: setField("hashMaxListpackValue"),
  }),
  numeric("stream-node-max-bytes", "size_t", 0n, LONG_MAX, 4096n, {
    format: MEMORY,
    apply: setField("streamNodeMaxBytes"),
  }),
  numeric("zset-max-listpack-value", "size_t", 0n, LONG_MAX, 64n, {
    alias: "zset-max-ziplist-value",
    format: MEMORY,
    apply: setField("zsetMaxListpackValue"),
  }),
  numeric("hll-sparse-max-bytes", "size_t", 0n, LONG_MAX, 3000n, {
    format: MEMORY,
    apply: setField("hllSparseMaxBytes"),
  }),
  numeric("tracking-table-max-keys", "size_t", 0n, LONG_MAX, 1000000n, {
    apply: setField("trackingTableMaxKeys"),
  }),
  numeric("client-query-buffer-limit", "size_t", MB, LONG_MAX, 1024n * MB, {
    flags: DEBUG,
    format: MEMORY,
    apply: setField("clientQueryBufferLimit"),
  }),
  numeric("maxmemory-clients", "ssize_t", -100n, LLONG_MAX, 0n, {
    format: MEMORY | PERCENT,
    apply: setField("maxmemoryClients"),
  }),
  numeric("repl-backlog-ttl", "time_t", 0n, LONG_MAX, 3600n, { apply: setField("replBacklogTtl") }),
  numeric("auto-aof-rewrite-min-size", "off_t", 0n, LLONG_MAX, 64n * MB, { format: MEMORY }),
  numeric("loading-process-events-interval-bytes", "off_t", 1024n, INT_MAX, 2n * MB, {
    flags: HIDDEN,
  }), // compat

  // Parameters with their own syntax.
  dir,
  save,
  clientOutputBufferLimit,
  oomScoreAdjValues, // compat
  notifyKeyspaceEvents,
  bind,
  replicaof,
  latencyTrackingInfoPercentiles,
];
