/**
 * Active expiry, as Redis's activeExpireCycle (slow cycle, run from the cron
 * `hz` times a second): keys with a TTL are sampled in rounds of 20 (more
 * with `active-expire-effort`) per database, and a database is sampled again
 * while more than 10% of a round had expired, within 25% of the cron period.
 * So keys nobody touches are still removed within a few seconds, and a
 * database full of expired keys is cleaned as fast as the budget allows.
 *
 * Redis samples random hash buckets; here each database keeps a live
 * iterator over its `expires` Map that goes round, which visits every key
 * with a TTL in turn (so none is starved). The iterator is dropped when the
 * Map is replaced (FLUSHDB, SWAPDB) or empties, so it never pins memory.
 *
 * @module
 */
import type { Database } from "./database.ts";
import type { StrMap } from "./str-map.ts";

/** What the cycle needs from the engine. */
export interface ExpireCycleHost {
  readonly dbs: Database[];
  now(): number;
  onExpired(db: Database, key: string): void;
  readonly config: { readonly settings: { hz: number; activeExpireEffort: number } };
}

/** Keys sampled per round at effort 1 (ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP). */
const KEYS_PER_LOOP = 20;
/** Percent of each cron period the cycle may use at effort 1. */
const SLOW_TIME_PERC = 25;
/** Percent of expired keys in a round below which a database is left alone. */
const ACCEPTABLE_STALE = 10;
/** Databases visited per call (CRON_DBS_PER_CALL). */
const DBS_PER_CALL = 16;

interface Position {
  map: StrMap<number>;
  it: Iterator<[string, number]>;
}

/** The cycle's state across calls. */
export class ActiveExpireCycle {
  private positions: Array<Position | undefined> = [];
  private currentDb = 0;
  private timelimitExit = false;
  /** Estimated share of sampled keys that were expired (INFO expired_stale_perc). */
  stalePerc = 0;
  /** Cycles that stopped on their time limit (INFO expired_time_cap_reached_count). */
  timeCapReached = 0;
  /** Time spent, in ms (INFO expire_cycle_cpu_milliseconds). */
  cpuMs = 0;

  /** Forgets positions (while active expiry is off, so they pin nothing). */
  reset(): void {
    this.positions = [];
  }

  /** Runs one slow cycle. */
  run(host: ExpireCycleHost): void {
    const start = performance.now();
    const settings = host.config.settings;
    const effort = settings.activeExpireEffort - 1;
    const perLoop = KEYS_PER_LOOP + (KEYS_PER_LOOP / 4) * effort;
    const acceptableStale = ACCEPTABLE_STALE - effort;
    const hz = settings.hz > 0 ? settings.hz : 1;
    const timelimitMs = ((SLOW_TIME_PERC + 2 * effort) * 10) / hz;
    const dbs = host.dbs;
    let dbsPerCall = DBS_PER_CALL;
    if (dbsPerCall > dbs.length || this.timelimitExit) dbsPerCall = dbs.length;
    this.timelimitExit = false;
    let totalSampled = 0;
    let totalExpired = 0;
    let iteration = 0;

    for (let j = 0; j < dbsPerCall && !this.timelimitExit; j++) {
      const index = this.currentDb % dbs.length;
      const db = dbs[index];
      this.currentDb = (this.currentDb + 1) % dbs.length;
      while (true) {
        iteration++;
        const expires = db.expires;
        if (expires.size === 0) {
          db.avgTtl = 0;
          this.positions[index] = undefined;
          break;
        }
        const now = host.now();
        const num = Math.min(expires.size, perLoop);
        let sampled = 0;
        let expired = 0;
        let ttlSum = 0;
        let ttlSamples = 0;
        let pos = this.positions[index];
        while (sampled < num) {
          if (pos === undefined || pos.map !== db.expires) {
            if (db.expires.size === 0) break;
            pos = this.positions[index] = { map: db.expires, it: db.expires.entries() };
          }
          const r = pos.it.next();
          if (r.done) {
            pos = this.positions[index] = undefined;
            continue;
          }
          sampled++;
          const when = r.value[1];
          const ttl = when - now;
          // Expired once now passes the expiry millisecond (Redis's now > t).
          if (now > when) {
            const key = r.value[0];
            db.dict.delete(key);
            db.expires.delete(key);
            db.strEnc?.delete(key);
            host.onExpired(db, key);
            expired++;
          } else if (ttl > 0) {
            ttlSum += ttl;
            ttlSamples++;
          }
        }
        totalSampled += sampled;
        totalExpired += expired;
        if (ttlSamples > 0) {
          const avg = Math.floor(ttlSum / ttlSamples);
          if (db.avgTtl === 0) db.avgTtl = avg;
          db.avgTtl = Math.floor(db.avgTtl / 50) * 49 + Math.floor(avg / 50);
        }
        if ((iteration & 0xf) === 0 && performance.now() - start > timelimitMs) {
          this.timelimitExit = true;
          this.timeCapReached++;
          break;
        }
        if (sampled !== 0 && Math.floor((expired * 100) / sampled) <= acceptableStale) break;
      }
    }
    this.cpuMs += performance.now() - start;
    const perc = totalSampled ? totalExpired / totalSampled : 0;
    this.stalePerc = perc * 0.05 + this.stalePerc * 0.95;
  }
}
