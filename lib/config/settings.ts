/**
 * Typed view of the parameters the server reads on its paths, kept in step
 * with the parameter table. Parameters not listed here are read with
 * `config.get(name)`.
 *
 * @module
 */

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
