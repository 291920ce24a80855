/**
 * Typed view of the parameters the server reads on its paths, kept in step
 * with the parameter table. Parameters not listed here are read with
 * `config.get(name)`.
 *
 * @module
 */
import process from "node:process";

/** One class of `client-output-buffer-limit`. */
export interface OutputBufferLimit {
  hard: number;
  soft: number;
  seconds: number;
}

/** The typed settings. */
export interface Settings {
  port: number;
  bind: string[];
  unixsocket: string;
  unixsocketperm: number;
  requirepass: string;
  masterauth: string;
  masteruser: string;
  databases: number;
  dir: string;
  dbfilename: string;
  loglevel: string;
  logfile: string;
  protoMaxBulkLen: number;
  clientQueryBufferLimit: number;
  maxclients: number;
  hz: number;
  dynamicHz: boolean;
  /** Not a Redis parameter (DEBUG SET-ACTIVE-EXPIRE switches it): always true from the table. */
  activeExpireEnabled: boolean;
  activeExpireEffort: number;
  notifyKeyspaceEvents: number;
  hashMaxListpackEntries: number;
  hashMaxListpackValue: number;
  setMaxIntsetEntries: number;
  zsetMaxListpackEntries: number;
  zsetMaxListpackValue: number;
  listMaxListpackSize: number;
  listCompressDepth: number;
  streamNodeMaxBytes: number;
  streamNodeMaxEntries: number;
  hllSparseMaxBytes: number;
  timeout: number;
  tcpKeepalive: number;
  protectedMode: boolean;
  enableDebugCommand: string;
  enableProtectedConfigs: string;
  enableModuleCommand: string;
  /** busy-reply-threshold (alias lua-time-limit), in ms. */
  luaTimeLimit: number;
  latencyTracking: boolean;
  latencyTrackingInfoPercentiles: number[];
  latencyMonitorThreshold: number;
  maxmemory: number;
  maxmemoryPolicy: string;
  maxmemorySamples: number;
  maxmemoryEvictionTenacity: number;
  /** Bytes, or a negative number for a percentage of maxmemory (as Redis stores it). */
  maxmemoryClients: number;
  lfuLogFactor: number;
  lfuDecayTime: number;
  appendonly: boolean;
  appendfsync: string;
  appendfilename: string;
  appenddirname: string;
  aofUseRdbPreamble: boolean;
  aofTimestampEnabled: boolean;
  /** The save points as CONFIG GET prints them (`3600 1 300 100 60 10000`). */
  save: string;
  /** The save points: [seconds, changes] pairs. */
  saveParams: Array<[number, number]>;
  rdbcompression: boolean;
  rdbchecksum: boolean;
  stopWritesOnBgsaveError: boolean;
  rdbKeySaveDelay: number;
  keyLoadDelay: number;
  slowlogLogSlowerThan: number;
  slowlogMaxLen: number;
  acllogMaxLen: number;
  aclPubsubDefault: string;
  trackingTableMaxKeys: number;
  clientOutputBufferLimits: {
    normal: OutputBufferLimit;
    replica: OutputBufferLimit;
    pubsub: OutputBufferLimit;
  };
  /** The master of this replica, from `replicaof` (null on a master). */
  replicaof: { host: string; port: number } | null;
  replicaReadOnly: boolean;
  replicaServeStaleData: boolean;
  replicaLazyFlush: boolean;
  replBacklogSize: number;
  replBacklogTtl: number;
  replTimeout: number;
  replPingReplicaPeriod: number;
  replDisklessSync: boolean;
  replDisklessSyncDelay: number;
  minReplicasToWrite: number;
  minReplicasMaxLag: number;
  lazyfreeLazyEviction: boolean;
  lazyfreeLazyExpire: boolean;
  lazyfreeLazyServerDel: boolean;
  lazyfreeLazyUserDel: boolean;
  lazyfreeLazyUserFlush: boolean;
  activerehashing: boolean;
  sanitizeDumpPayload: string;
  /** shutdown-on-sigint / -sigterm as CONFIG GET prints them (`default`, `nosave now`, ...). */
  shutdownOnSigint: string;
  shutdownOnSigterm: string;
  shutdownTimeout: number;
  propagationErrorBehavior: string;
}

/**
 * The settings of a configuration with every parameter at its default (a
 * new object each call). Written out rather than made by applying each
 * parameter's default (which is what the parameter table defines them by,
 * and what a test checks this against): applying them runs ~25 functions
 * for the first time in a process, ~0.3 ms of a cold in-process start, and
 * an object literal is one V8 keeps in fast mode.
 *
 * @example
 * ```ts
 * defaultSettings().maxmemoryPolicy; // "noeviction"
 * ```
 */
export const defaultSettings = ((function eager() {})(), function defaultSettings(): Settings {
  return {
    port: 6379,
    bind: ["*", "-::*"],
    unixsocket: "",
    unixsocketperm: 0,
    requirepass: "",
    masterauth: "",
    masteruser: "",
    databases: 16,
    dir: process.cwd(),
    dbfilename: "dump.rdb",
    loglevel: "notice",
    logfile: "",
    protoMaxBulkLen: 536870912,
    clientQueryBufferLimit: 1073741824,
    maxclients: 10000,
    hz: 10,
    dynamicHz: true,
    activeExpireEnabled: true,
    activeExpireEffort: 1,
    notifyKeyspaceEvents: 0,
    hashMaxListpackEntries: 512,
    hashMaxListpackValue: 64,
    setMaxIntsetEntries: 512,
    zsetMaxListpackEntries: 128,
    zsetMaxListpackValue: 64,
    listMaxListpackSize: -2,
    listCompressDepth: 0,
    streamNodeMaxBytes: 4096,
    streamNodeMaxEntries: 100,
    hllSparseMaxBytes: 3000,
    timeout: 0,
    tcpKeepalive: 300,
    protectedMode: true,
    enableDebugCommand: "no",
    enableProtectedConfigs: "no",
    enableModuleCommand: "no",
    luaTimeLimit: 5000,
    latencyTracking: true,
    latencyTrackingInfoPercentiles: [50, 99, 99.9],
    latencyMonitorThreshold: 0,
    maxmemory: 0,
    maxmemoryPolicy: "noeviction",
    maxmemorySamples: 5,
    maxmemoryEvictionTenacity: 10,
    maxmemoryClients: 0,
    lfuLogFactor: 10,
    lfuDecayTime: 1,
    appendonly: false,
    appendfsync: "everysec",
    appendfilename: "appendonly.aof",
    appenddirname: "appendonlydir",
    aofUseRdbPreamble: true,
    aofTimestampEnabled: false,
    save: "3600 1 300 100 60 10000",
    saveParams: [[3600, 1], [300, 100], [60, 10000]],
    rdbcompression: true,
    rdbchecksum: true,
    stopWritesOnBgsaveError: true,
    rdbKeySaveDelay: 0,
    keyLoadDelay: 0,
    slowlogLogSlowerThan: 10000,
    slowlogMaxLen: 128,
    acllogMaxLen: 128,
    aclPubsubDefault: "resetchannels",
    trackingTableMaxKeys: 1000000,
    clientOutputBufferLimits: {
      normal: { hard: 0, soft: 0, seconds: 0 },
      replica: { hard: 268435456, soft: 67108864, seconds: 60 },
      pubsub: { hard: 33554432, soft: 8388608, seconds: 60 },
    },
    replicaof: null,
    replicaReadOnly: true,
    replicaServeStaleData: true,
    replicaLazyFlush: false,
    replBacklogSize: 1048576,
    replBacklogTtl: 3600,
    replTimeout: 60,
    replPingReplicaPeriod: 10,
    replDisklessSync: true,
    replDisklessSyncDelay: 5,
    minReplicasToWrite: 0,
    minReplicasMaxLag: 10,
    lazyfreeLazyEviction: false,
    lazyfreeLazyExpire: false,
    lazyfreeLazyServerDel: false,
    lazyfreeLazyUserDel: false,
    lazyfreeLazyUserFlush: false,
    activerehashing: true,
    sanitizeDumpPayload: "no",
    shutdownOnSigint: "default",
    shutdownOnSigterm: "default",
    shutdownTimeout: 10,
    propagationErrorBehavior: "ignore",
  };
});
