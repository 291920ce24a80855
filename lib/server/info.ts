/**
 * INFO: the server's state in Redis 7.0's text format (`# Server\r\n
 * redis_version:7.0.15\r\n...`), so tools that parse Redis's INFO read ours.
 * Values are real where the server has them (uptime, clients, memory from the
 * runtime's heap, command and error counters, keyspace); fields of features
 * Ferrous lacks (forks, AOF, defrag, ...) hold what an idle Redis shows.
 *
 * Other features may replace a whole section (e.g. replication, persistence)
 * with {@link setInfoSection}.
 *
 * @module
 */
import process from "node:process";
import os from "node:os";
import type { Command } from "../core/command.ts";
import { CLIENT_BLOCKED, CLIENT_MONITOR, CLIENT_REPLICA } from "../core/client.ts";
import type { Engine } from "../core/engine.ts";
import { runtimeInfo } from "../transport/mod.ts";
import { FERROUS_VERSION, REDIS_VERSION } from "../version.ts";

/** Samples kept per instantaneous metric (Redis's STATS_METRIC_SAMPLES). */
const METRIC_SAMPLES = 16;
/** How often metrics are sampled, in ms (Redis samples every 100 ms). */
const METRIC_PERIOD = 100;

/** A rate averaged over the last samples, as Redis's instantaneous metrics. */
class InstantMetric {
  private samples = new Float64Array(METRIC_SAMPLES);
  private idx = 0;
  private lastTime = 0;
  private lastCount = 0;

  /** Takes a sample of a growing counter at time `now` (ms). */
  track(now: number, count: number): void {
    if (this.lastTime !== 0 && now > this.lastTime) {
      const perSec = ((count - this.lastCount) * 1000) / (now - this.lastTime);
      this.samples[this.idx] = perSec > 0 ? perSec : 0;
      this.idx = (this.idx + 1) % METRIC_SAMPLES;
    }
    this.lastTime = now;
    this.lastCount = count;
  }

  /** The average rate per second. */
  get value(): number {
    let sum = 0;
    for (let i = 0; i < METRIC_SAMPLES; i++) sum += this.samples[i];
    return sum / METRIC_SAMPLES;
  }

  reset(now: number, count: number): void {
    this.samples.fill(0);
    this.idx = 0;
    this.lastTime = now;
    this.lastCount = count;
  }
}

/**
 * A latency histogram with HdrHistogram's layout as Redis configures it
 * (1 ns to 1 s, 2 significant digits), so percentiles come out as Redis
 * prints them (a 10 us call reads `10.047`).
 */
export class LatencyHistogram {
  private static readonly HALF_MAGNITUDE = 7;
  private static readonly HALF = 128;
  private static readonly MAX = 1_000_000_000;
  private counts = new Float64Array(24 * 128);
  private total = 0;

  /** Records `count` calls (default 1) of `ns` nanoseconds each (clamped to 1 ns .. 1 s, as Redis does). */
  declare record: (ns: number, count?: number) => void;

  get count(): number {
    return this.total;
  }

  /**
   * LATENCY HISTOGRAM's buckets, as Redis's log iteration from 1024 ns by
   * powers of 2: [highest equivalent value in us, cumulative count], for
   * the buckets where the count grew.
   */
  logBuckets(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let prev = 0;
    let cum = 0;
    let i = 0;
    for (let level = 1024; prev < this.total && level <= 2 ** 31; level *= 2) {
      const bucket = 32 - Math.clz32(level | 255) - 8;
      const sub = Math.floor(level / 2 ** bucket);
      const idx = ((bucket + 1) << LatencyHistogram.HALF_MAGNITUDE) + (sub - LatencyHistogram.HALF);
      while (i <= idx && i < this.counts.length) cum += this.counts[i++];
      const highest = sub * 2 ** bucket + 2 ** bucket - 1;
      if (cum > prev) out.push([Math.floor(highest / 1000), cum]);
      prev = cum;
    }
    return out;
  }

  /** hdr_value_at_percentile: the highest value equivalent to the one at `p` percent. */
  valueAtPercentile(p: number): number {
    const requested = p < 100 ? p : 100;
    const target = Math.max(1, Math.floor((requested / 100) * this.total + 0.5));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen < target) continue;
      let bucket = (i >> LatencyHistogram.HALF_MAGNITUDE) - 1;
      let sub = (i & (LatencyHistogram.HALF - 1)) + LatencyHistogram.HALF;
      if (bucket < 0) {
        sub -= LatencyHistogram.HALF;
        bucket = 0;
      }
      const lowest = sub * 2 ** bucket;
      return p === 0 ? lowest : lowest + 2 ** bucket - 1;
    }
    return 0;
  }

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    LatencyHistogram.prototype.record = ((function eager() {})(), function record(
      this: LatencyHistogram,
      ns: number,
      count = 1,
    ): void {
      let v = Math.floor(ns);
      if (v < 1) v = 1;
      else if (v > LatencyHistogram.MAX) v = LatencyHistogram.MAX;
      const bucket = 32 - Math.clz32(v | 255) - 8;
      // v <= 1e9 < 2^31, so the shift is the exact floor(v / 2^bucket).
      const sub = v >>> bucket;
      const idx = ((bucket + 1) << LatencyHistogram.HALF_MAGNITUDE) + (sub - LatencyHistogram.HALF);
      this.counts[idx] += count;
      this.total += count;
    });
  }
}

/** Per-engine server state that INFO and the server commands share. */
export interface ServerState {
  /** Random per start, as Redis's run_id (40 hex chars). */
  readonly runId: string;
  /** Replication ids (DEBUG CHANGE-REPL-ID renews the first). */
  replId: string;
  replId2: string;
  /** Unix time (s) of the last successful save; the start time until persistence saves. */
  lastSave: number;
  /** Highest used_memory seen. */
  peakMemory: number;
  /** Used memory right after start (used_memory_startup). */
  startupMemory: number;
  ops: InstantMetric;
  netIn: InstantMetric;
  netOut: InstantMetric;
  /** Per-command latency histograms (INFO latencystats), for commands that ran. */
  latency: Map<Command, LatencyHistogram>;
  /** Sections replaced by features (lowercase name → generator of the lines after the header). */
  sections: Map<string, (engine: Engine) => string>;
}

class State implements ServerState {
  // The ids are drawn when first read: the first random bytes of a process
  // cost ~0.1 ms, a part of a cold in-process start worth saving.
  #runId: string | undefined;
  #replId: string | undefined;
  replId2 = "0".repeat(40);
  peakMemory: number;
  ops = new InstantMetric();
  netIn = new InstantMetric();
  netOut = new InstantMetric();
  latency = new Map<Command, LatencyHistogram>();
  sections = new Map<string, (engine: Engine) => string>();

  constructor(public lastSave: number, readonly startupMemory: number) {
    this.peakMemory = startupMemory;
  }

  get runId(): string {
    return this.#runId ??= randomHex(40);
  }

  get replId(): string {
    return this.#replId ??= randomHex(40);
  }

  set replId(id: string) {
    this.#replId = id;
  }
}

const states = new WeakMap<Engine, ServerState>();

function randomHex(n: number): string {
  const bytes = new Uint8Array(n / 2);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** A new random replication id (40 hex chars). */
export function newReplicationId(): string {
  return randomHex(40);
}

/** The server state of `engine` (created on first use). */
export const serverState =
  ((function eager() {})(), function serverState(engine: Engine): ServerState {
    let s = states.get(engine);
    if (s === undefined) {
      s = new State(Math.floor(engine.startTime / 1000), usedMemory());
      states.set(engine, s);
    }
    return s;
  });

/** Replaces the body of an INFO section (e.g. `replication`) with `generate`'s lines. */
export function setInfoSection(
  engine: Engine,
  name: string,
  generate: (engine: Engine) => string,
): void {
  serverState(engine).sections.set(name.toLowerCase(), generate);
}

/** Bytes the runtime holds for JS objects and buffers: what stands for Redis's used_memory. */
export const usedMemory = ((function eager() {})(), function usedMemory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
});

/** Redis's bytesToHuman: `943.18K`, `11.77M`, `0B`. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return n + "B";
  const units = ["K", "M", "G", "T", "P"];
  let d = n / 1024;
  for (const u of units) {
    if (d < 1024) return d.toFixed(2) + u;
    d /= 1024;
  }
  return n + "B";
}

/** Installs what INFO needs to sample: instantaneous metrics, peak memory, latency histograms. */
export const installInfo = ((function eager() {})(), function installInfo(engine: Engine): void {
  const state = serverState(engine);
  let next = 0;
  engine.hooks.cron.push(() => {
    const now = Date.now();
    if (now < next) return;
    next = now + METRIC_PERIOD - 10;
    const stats = engine.stats;
    state.ops.track(now, stats.totalCommands);
    state.netIn.track(now, stats.netInputBytes);
    state.netOut.track(now, stats.netOutputBytes);
    const mem = usedMemory();
    if (mem > state.peakMemory) state.peakMemory = mem;
  });
  // Pipelined batches time runs of the same command: remember the last histogram.
  let lastCmd: Command | undefined;
  let lastHistogram: LatencyHistogram | undefined;
  engine.hooks.commandTimed.push((c, cmd, _argvs, _from, count, usec) => {
    if (!engine.config.settings.latencyTracking || c.flags & CLIENT_BLOCKED) return;
    let h = cmd === lastCmd ? lastHistogram : state.latency.get(cmd);
    if (h === undefined) state.latency.set(cmd, h = new LatencyHistogram());
    lastCmd = cmd;
    lastHistogram = h;
    h.record(usec * 1000, count);
  });
  engine.hooks.resetStats.push(() => {
    const now = Date.now();
    const stats = engine.stats;
    state.ops.reset(now, stats.totalCommands);
    state.netIn.reset(now, stats.netInputBytes);
    state.netOut.reset(now, stats.netOutputBytes);
    state.latency.clear();
    lastCmd = lastHistogram = undefined;
  });
});

/** The sections INFO prints with no argument or `default`. */
const DEFAULT_SECTIONS = [
  "server",
  "clients",
  "memory",
  "persistence",
  "stats",
  "replication",
  "cpu",
  "module_list",
  "errorstats",
  "cluster",
  "keyspace",
];

/**
 * The INFO text for INFO's arguments (section names, `default`, `all`,
 * `everything`; case-insensitive, several allowed), as Redis's
 * genRedisInfoString: sections in a fixed order, separated by a blank line.
 */
export function genInfo(engine: Engine, args: string[]): string {
  const wanted = new Set<string>();
  // `everything` adds the sections of modules, which Ferrous has none of.
  let all = false;
  if (args.length === 0) { for (const s of DEFAULT_SECTIONS) wanted.add(s); }
  for (const a of args) {
    const name = a.toLowerCase();
    if (name === "default") { for (const s of DEFAULT_SECTIONS) wanted.add(s); }
    else if (name === "all" || name === "everything") all = true;
    else wanted.add(name);
  }
  const state = serverState(engine);
  const parts: string[] = [];
  const section = (name: string, title: string, body: () => string, alias?: string) => {
    if (!all && !wanted.has(name) && (alias === undefined || !wanted.has(alias))) return;
    const custom = state.sections.get(name);
    parts.push("# " + title + "\r\n" + (custom ? custom(engine) : body()));
  };
  section("server", "Server", () => serverSection(engine, state));
  section("clients", "Clients", () => clientsSection(engine));
  section("memory", "Memory", () => memorySection(engine, state));
  section("persistence", "Persistence", () => persistenceSection(engine, state));
  section("stats", "Stats", () => statsSection(engine, state));
  section("replication", "Replication", () => replicationSection(engine, state));
  section("cpu", "CPU", cpuSection);
  section("module_list", "Modules", () => "", "modules");
  section("commandstats", "Commandstats", () => commandStatsSection(engine));
  section("errorstats", "Errorstats", () => errorStatsSection(engine));
  section("latencystats", "Latencystats", () => latencyStatsSection(engine, state));
  section("cluster", "Cluster", () => "cluster_enabled:0\r\n");
  section("keyspace", "Keyspace", () => keyspaceSection(engine));
  return parts.join("\r\n");
}

function lines(fields: Array<[string, string | number]>): string {
  let out = "";
  for (const [k, v] of fields) out += k + ":" + v + "\r\n";
  return out;
}

let buildId: string | undefined;

/** A stable id of this build (Redis prints a hash of its build). */
function redisBuildId(): string {
  if (buildId === undefined) {
    let h = 0x811c9dc5;
    const s = FERROUS_VERSION + "/" + REDIS_VERSION;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    buildId = h.toString(16).padStart(8, "0") +
      ((h ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, "0");
  }
  return buildId.slice(0, 15);
}

function machine(): string {
  const m = (os as { machine?: () => string }).machine;
  if (typeof m === "function") {
    try {
      return m();
    } catch { /* fall through */ }
  }
  const arch = os.arch();
  return arch === "x64" ? "x86_64" : arch === "arm64" ? "aarch64" : arch;
}

function osLine(): string {
  return os.type() + " " + os.release() + " " + machine();
}

function executable(): string {
  const script = process.argv[1];
  return script && /\.(ts|js)$/.test(script) ? script : process.execPath;
}

function serverSection(engine: Engine, state: ServerState): string {
  const nowMs = Date.now();
  const uptime = Math.floor((engine.now() - engine.startTime) / 1000);
  const s = engine.config.settings;
  const rt = runtimeInfo();
  const usec = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  return lines([
    ["redis_version", REDIS_VERSION],
    ["redis_git_sha1", "00000000"],
    ["redis_git_dirty", 0],
    ["redis_build_id", redisBuildId()],
    ["redis_mode", "standalone"],
    ["os", osLine()],
    ["arch_bits", 64],
    ["monotonic_clock", "POSIX clock_gettime"],
    ["multiplexing_api", process.platform === "linux" ? "epoll" : "kqueue"],
    ["atomicvar_api", "c11-builtin"],
    ["gcc_version", "0.0.0"],
    ["process_id", process.pid],
    ["process_supervised", "no"],
    ["run_id", state.runId],
    ["tcp_port", s.port],
    ["server_time_usec", usec],
    ["uptime_in_seconds", uptime],
    ["uptime_in_days", Math.floor(uptime / 86400)],
    ["hz", s.hz],
    ["configured_hz", s.hz],
    ["lru_clock", Math.floor(nowMs / 1000) & 0xffffff],
    ["executable", executable()],
    ["config_file", engine.config.configFile ?? ""],
    ["io_threads_active", 0],
    ["ferrous_version", FERROUS_VERSION],
    ["runtime", rt.name + " " + rt.version],
  ]);
}

function clientsSection(engine: Engine): string {
  let normal = 0;
  let maxIn = 0;
  let maxOut = 0;
  for (const c of engine.clients.values()) {
    if ((c.flags & CLIENT_REPLICA) === 0 || c.flags & CLIENT_MONITOR) normal++;
    if (c.queryBufferBytes > maxIn) maxIn = c.queryBufferBytes;
    const out = c.outputBufferBytes + (c === engine.current ? 0 : c.reply.len);
    if (out > maxOut) maxOut = out;
  }
  const stats = engine.stats;
  return lines([
    ["connected_clients", normal],
    ["cluster_connections", 0],
    ["maxclients", engine.config.settings.maxclients],
    ["client_recent_max_input_buffer", maxIn],
    ["client_recent_max_output_buffer", maxOut],
    ["blocked_clients", stats.blockedClients],
    ["tracking_clients", stats.trackingClients],
    ["clients_in_timeout_table", stats.clientsInTimeoutTable],
  ]);
}

function pct(n: number): string {
  return (Number.isFinite(n) ? n : 0).toFixed(2) + "%";
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** Memory figures shared by INFO memory and MEMORY STATS / DOCTOR. */
export interface MemoryFigures {
  used: number;
  peak: number;
  startup: number;
  rss: number;
  heapTotal: number;
  overhead: number;
  dataset: number;
  keys: number;
  clientsNormal: number;
  clientsReplicas: number;
}

/** What the runtime reports, mapped to Redis's names. */
export function memoryFigures(engine: Engine): MemoryFigures {
  const state = serverState(engine);
  const m = process.memoryUsage();
  const used = m.heapUsed + m.external;
  if (used > state.peakMemory) state.peakMemory = used;
  let clientsNormal = 0;
  let clientsReplicas = 0;
  for (const c of engine.clients.values()) {
    const mem = c.reply.buf.length + c.queryBufferBytes + c.outputBufferBytes;
    if (c.flags & CLIENT_REPLICA && (c.flags & CLIENT_MONITOR) === 0) clientsReplicas += mem;
    else clientsNormal += mem;
  }
  let keys = 0;
  for (const db of engine.dbs) keys += db.dict.size;
  const startup = Math.min(state.startupMemory, used);
  const overhead = startup + clientsNormal + clientsReplicas + keys * 48;
  return {
    used,
    peak: state.peakMemory,
    startup,
    rss: m.rss,
    heapTotal: m.heapTotal + m.external,
    overhead: Math.min(overhead, used),
    dataset: Math.max(0, used - overhead),
    keys,
    clientsNormal,
    clientsReplicas,
  };
}

function memorySection(engine: Engine, _state: ServerState): string {
  const f = memoryFigures(engine);
  const s = engine.config.settings;
  const total = os.totalmem();
  const netUsed = f.used - f.startup;
  return lines([
    ["used_memory", f.used],
    ["used_memory_human", bytesToHuman(f.used)],
    ["used_memory_rss", f.rss],
    ["used_memory_rss_human", bytesToHuman(f.rss)],
    ["used_memory_peak", f.peak],
    ["used_memory_peak_human", bytesToHuman(f.peak)],
    ["used_memory_peak_perc", pct(ratio(f.used, f.peak) * 100)],
    ["used_memory_overhead", f.overhead],
    ["used_memory_startup", f.startup],
    ["used_memory_dataset", f.dataset],
    ["used_memory_dataset_perc", pct(netUsed > 0 ? (f.dataset / netUsed) * 100 : 0)],
    ["allocator_allocated", f.used],
    ["allocator_active", f.heapTotal],
    ["allocator_resident", f.rss],
    ["total_system_memory", total],
    ["total_system_memory_human", bytesToHuman(total)],
    ["used_memory_lua", 0],
    ["used_memory_vm_eval", 0],
    ["used_memory_lua_human", "0B"],
    ["used_memory_scripts_eval", 0],
    ["number_of_cached_scripts", 0],
    ["number_of_functions", 0],
    ["number_of_libraries", 0],
    ["used_memory_vm_functions", 0],
    ["used_memory_vm_total", 0],
    ["used_memory_vm_total_human", "0B"],
    ["used_memory_functions", 0],
    ["used_memory_scripts", 0],
    ["used_memory_scripts_human", "0B"],
    ["maxmemory", s.maxmemory],
    ["maxmemory_human", bytesToHuman(s.maxmemory)],
    ["maxmemory_policy", s.maxmemoryPolicy],
    ["allocator_frag_ratio", ratio(f.heapTotal, f.used).toFixed(2)],
    ["allocator_frag_bytes", Math.max(0, f.heapTotal - f.used)],
    ["allocator_rss_ratio", ratio(f.rss, f.heapTotal).toFixed(2)],
    ["allocator_rss_bytes", f.rss - f.heapTotal],
    ["rss_overhead_ratio", "1.00"],
    ["rss_overhead_bytes", 0],
    ["mem_fragmentation_ratio", ratio(f.rss, f.used).toFixed(2)],
    ["mem_fragmentation_bytes", f.rss - f.used],
    ["mem_not_counted_for_evict", 0],
    ["mem_replication_backlog", 0],
    ["mem_total_replication_buffers", 0],
    ["mem_clients_slaves", f.clientsReplicas],
    ["mem_clients_normal", f.clientsNormal],
    ["mem_cluster_links", 0],
    ["mem_aof_buffer", 0],
    ["mem_allocator", "libc"],
    ["active_defrag_running", 0],
    ["lazyfree_pending_objects", 0],
    ["lazyfreed_objects", 0],
  ]);
}

function persistenceSection(engine: Engine, state: ServerState): string {
  return lines([
    ["loading", 0],
    ["async_loading", 0],
    ["current_cow_peak", 0],
    ["current_cow_size", 0],
    ["current_cow_size_age", 0],
    ["current_fork_perc", "0.00"],
    ["current_save_keys_processed", 0],
    ["current_save_keys_total", 0],
    ["rdb_changes_since_last_save", engine.dirty],
    ["rdb_bgsave_in_progress", 0],
    ["rdb_last_save_time", state.lastSave],
    ["rdb_last_bgsave_status", "ok"],
    ["rdb_last_bgsave_time_sec", -1],
    ["rdb_current_bgsave_time_sec", -1],
    ["rdb_saves", 0],
    ["rdb_last_cow_size", 0],
    ["rdb_last_load_keys_expired", 0],
    ["rdb_last_load_keys_loaded", 0],
    ["aof_enabled", 0],
    ["aof_rewrite_in_progress", 0],
    ["aof_rewrite_scheduled", 0],
    ["aof_last_rewrite_time_sec", -1],
    ["aof_current_rewrite_time_sec", -1],
    ["aof_last_bgrewrite_status", "ok"],
    ["aof_rewrites", 0],
    ["aof_rewrites_consecutive_failures", 0],
    ["aof_last_write_status", "ok"],
    ["aof_last_cow_size", 0],
    ["module_fork_in_progress", 0],
    ["module_fork_last_cow_size", 0],
  ]);
}

function statsSection(engine: Engine, state: ServerState): string {
  const st = engine.stats;
  const cycle = engine.expireCycle;
  return lines([
    ["total_connections_received", st.totalConnections],
    ["total_commands_processed", st.totalCommands],
    ["instantaneous_ops_per_sec", Math.round(state.ops.value)],
    ["total_net_input_bytes", st.netInputBytes],
    ["total_net_output_bytes", st.netOutputBytes],
    ["total_net_repl_input_bytes", 0],
    ["total_net_repl_output_bytes", 0],
    ["instantaneous_input_kbps", (state.netIn.value / 1024).toFixed(2)],
    ["instantaneous_output_kbps", (state.netOut.value / 1024).toFixed(2)],
    ["instantaneous_input_repl_kbps", "0.00"],
    ["instantaneous_output_repl_kbps", "0.00"],
    ["rejected_connections", st.rejectedConnections],
    ["sync_full", 0],
    ["sync_partial_ok", 0],
    ["sync_partial_err", 0],
    ["expired_keys", st.expiredKeys],
    ["expired_stale_perc", (cycle.stalePerc * 100).toFixed(2)],
    ["expired_time_cap_reached_count", cycle.timeCapReached],
    ["expire_cycle_cpu_milliseconds", Math.floor(cycle.cpuMs)],
    ["evicted_keys", st.evictedKeys],
    ["evicted_clients", 0],
    ["total_eviction_exceeded_time", 0],
    ["current_eviction_exceeded_time", 0],
    ["keyspace_hits", st.keyspaceHits],
    ["keyspace_misses", st.keyspaceMisses],
    ["pubsub_channels", st.pubsubChannels],
    ["pubsub_patterns", st.pubsubPatterns],
    ["pubsubshard_channels", st.pubsubShardChannels],
    ["latest_fork_usec", 0],
    ["total_forks", 0],
    ["migrate_cached_sockets", 0],
    ["slave_expires_tracked_keys", 0],
    ["active_defrag_hits", 0],
    ["active_defrag_misses", 0],
    ["active_defrag_key_hits", 0],
    ["active_defrag_key_misses", 0],
    ["total_active_defrag_time", 0],
    ["current_active_defrag_time", 0],
    ["tracking_total_keys", st.trackingTotalKeys],
    ["tracking_total_items", st.trackingTotalItems],
    ["tracking_total_prefixes", st.trackingTotalPrefixes],
    ["unexpected_error_replies", 0],
    ["total_error_replies", st.totalErrorReplies],
    ["dump_payload_sanitizations", 0],
    ["total_reads_processed", 0],
    ["total_writes_processed", 0],
    ["io_threaded_reads_processed", 0],
    ["io_threaded_writes_processed", 0],
    ["reply_buffer_shrinks", 0],
    ["reply_buffer_expands", 0],
  ]);
}

function replicationSection(engine: Engine, state: ServerState): string {
  let replicas = 0;
  for (const c of engine.clients.values()) {
    if (c.flags & CLIENT_REPLICA && (c.flags & CLIENT_MONITOR) === 0) replicas++;
  }
  const role = engine.hooks.role?.() ?? "master";
  return lines([
    ["role", role === "master" ? "master" : "slave"],
    ["connected_slaves", replicas],
    ["master_failover_state", "no-failover"],
    ["master_replid", state.replId],
    ["master_replid2", state.replId2],
    ["master_repl_offset", 0],
    ["second_repl_offset", -1],
    ["repl_backlog_active", 0],
    ["repl_backlog_size", engine.config.settings.replBacklogSize],
    ["repl_backlog_first_byte_offset", 0],
    ["repl_backlog_histlen", 0],
  ]);
}

function seconds(us: number): string {
  const s = Math.floor(us / 1e6);
  return s + "." + String(Math.floor(us - s * 1e6)).padStart(6, "0");
}

function cpuSection(): string {
  const u = process.cpuUsage();
  return lines([
    ["used_cpu_sys", seconds(u.system)],
    ["used_cpu_user", seconds(u.user)],
    ["used_cpu_sys_children", "0.000000"],
    ["used_cpu_user_children", "0.000000"],
    ["used_cpu_sys_main_thread", seconds(u.system)],
    ["used_cpu_user_main_thread", seconds(u.user)],
  ]);
}

/** Redis's getSafeInfoString: `#`, `:`, CR and LF would break the format. */
function safe(s: string): string {
  return /[#:\r\n]/.test(s) ? s.replace(/[#:\r\n]/g, "_") : s;
}

function eachCommand(engine: Engine, fn: (cmd: Command) => void): void {
  for (const cmd of engine.commandList) {
    fn(cmd);
    if (cmd.subcommands) { for (const sub of cmd.subcommands.values()) fn(sub); }
  }
}

function commandStatsSection(engine: Engine): string {
  let out = "";
  eachCommand(engine, (cmd) => {
    const st = cmd.stats;
    if (st.calls === 0 && st.failedCalls === 0 && st.rejectedCalls === 0) return;
    const usec = Math.floor(st.usec);
    out += "cmdstat_" + safe(cmd.fullName) + ":calls=" + st.calls + ",usec=" + usec +
      ",usec_per_call=" + (st.calls === 0 ? 0 : Math.fround(usec / st.calls)).toFixed(2) +
      ",rejected_calls=" + st.rejectedCalls + ",failed_calls=" + st.failedCalls + "\r\n";
  });
  return out;
}

function errorStatsSection(engine: Engine): string {
  // Redis keeps errors in a radix tree: listed in byte order.
  const names = [...engine.stats.errors.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = "";
  for (const name of names) {
    out += "errorstat_" + safe(name) + ":count=" + engine.stats.errors.get(name) + "\r\n";
  }
  return out;
}

/** `%f` then trailing zeros trimmed, as Redis prints percentile names (p50, p99.9). */
function percentileName(p: number): string {
  return p.toFixed(6).replace(/\.?0+$/, "");
}

function latencyStatsSection(engine: Engine, state: ServerState): string {
  if (!engine.config.settings.latencyTracking) return "";
  const percentiles = engine.config.settings.latencyTrackingInfoPercentiles;
  let out = "";
  eachCommand(engine, (cmd) => {
    const h = state.latency.get(cmd);
    if (h === undefined) return;
    out += "latency_percentiles_usec_" + safe(cmd.fullName) + ":";
    out += percentiles.map((p) =>
      "p" + percentileName(p) + "=" + (h.valueAtPercentile(p) / 1000).toFixed(3)
    ).join(",");
    out += "\r\n";
  });
  return out;
}

function keyspaceSection(engine: Engine): string {
  let out = "";
  for (const db of engine.dbs) {
    const keys = db.dict.size;
    const expires = db.expires.size;
    if (keys === 0 && expires === 0) continue;
    out += "db" + db.id + ":keys=" + keys + ",expires=" + expires + ",avg_ttl=" +
      Math.floor(db.avgTtl) + "\r\n";
  }
  return out;
}
