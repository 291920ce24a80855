/**
 * Server-wide counters shown by INFO stats.
 *
 * @module
 */

/** The counters. */
export interface Stats {
  totalConnections: number;
  rejectedConnections: number;
  totalCommands: number;
  rejectedCalls: number;
  totalErrorReplies: number;
  /** Error replies by their first word (INFO errorstats). */
  errors: Map<string, number>;
  expiredKeys: number;
  evictedKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  netInputBytes: number;
  netOutputBytes: number;
  pubsubChannels: number;
  /** Live gauges kept by lib/features (INFO clients / stats). */
  pubsubPatterns: number;
  pubsubShardChannels: number;
  /** Clients blocked on keys or postponed by CLIENT PAUSE. */
  blockedClients: number;
  /** Blocked clients with a timeout (clients_in_timeout_table). */
  clientsInTimeoutTable: number;
  trackingClients: number;
  trackingTotalKeys: number;
  trackingTotalItems: number;
  trackingTotalPrefixes: number;
}

/** Fresh counters. */
export const createStats = ((function eager() {})(), function createStats(): Stats {
  return {
    totalConnections: 0,
    rejectedConnections: 0,
    totalCommands: 0,
    rejectedCalls: 0,
    totalErrorReplies: 0,
    errors: new Map(),
    expiredKeys: 0,
    evictedKeys: 0,
    keyspaceHits: 0,
    keyspaceMisses: 0,
    netInputBytes: 0,
    netOutputBytes: 0,
    pubsubChannels: 0,
    pubsubPatterns: 0,
    pubsubShardChannels: 0,
    blockedClients: 0,
    clientsInTimeoutTable: 0,
    trackingClients: 0,
    trackingTotalKeys: 0,
    trackingTotalItems: 0,
    trackingTotalPrefixes: 0,
  };
});
