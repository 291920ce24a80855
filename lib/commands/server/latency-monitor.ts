/**
 * The latency monitor (Redis's latency.c): per event, the worst latency of
 * each second over the last 160 samples, recorded when an event lasts at
 * least `latency-monitor-threshold` ms. Commands feed the `command` and
 * `fast-command` events; other features may call {@link latencyAddSampleIfNeeded}.
 *
 * @module
 */
import type { Engine } from "../../core/engine.ts";

/** History length of every event (LATENCY_TS_LEN). */
export const LATENCY_TS_LEN = 160;

/** One event's samples (a ring) and its all-time maximum. */
export interface LatencyTimeSeries {
  idx: number;
  max: number;
  /** Unix time (s) of each sample, 0 when unused. */
  times: number[];
  latencies: number[];
}

const monitors = new WeakMap<Engine, Map<string, LatencyTimeSeries>>();

/** The events recorded by `engine`, by name (in creation order). */
export function latencyEvents(engine: Engine): Map<string, LatencyTimeSeries> {
  let m = monitors.get(engine);
  if (m === undefined) monitors.set(engine, m = new Map());
  return m;
}

/** Records `ms` for `event`, keeping one sample (the worst) per second. */
export function latencyAddSample(engine: Engine, event: string, ms: number): void {
  const events = latencyEvents(engine);
  let ts = events.get(event);
  if (ts === undefined) {
    ts = {
      idx: 0,
      max: 0,
      times: new Array(LATENCY_TS_LEN).fill(0),
      latencies: new Array(LATENCY_TS_LEN).fill(0),
    };
    events.set(event, ts);
  }
  if (ms > ts.max) ts.max = ms;
  const now = Math.floor(Date.now() / 1000);
  const prev = (ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN;
  if (ts.times[prev] === now) {
    if (ms > ts.latencies[prev]) ts.latencies[prev] = ms;
    return;
  }
  ts.times[ts.idx] = now;
  ts.latencies[ts.idx] = ms;
  ts.idx = (ts.idx + 1) % LATENCY_TS_LEN;
}

/** Records `ms` for `event` when the monitor is on and `ms` reaches its threshold. */
export function latencyAddSampleIfNeeded(engine: Engine, event: string, ms: number): void {
  const threshold = engine.config.settings.latencyMonitorThreshold;
  if (threshold !== 0 && ms >= threshold) latencyAddSample(engine, event, ms);
}

/** Forgets one event (case-insensitive) or all of them; returns how many were reset. */
export function latencyResetEvent(engine: Engine, event?: string): number {
  const events = latencyEvents(engine);
  let resets = 0;
  for (const name of [...events.keys()]) {
    if (event === undefined || name.toLowerCase() === event.toLowerCase()) {
      events.delete(name);
      resets++;
    }
  }
  return resets;
}

/** Statistics of an event's samples (Redis's analyzeLatencyForEvent). */
export interface LatencyStats {
  allTimeHigh: number;
  avg: number;
  min: number;
  max: number;
  mad: number;
  samples: number;
  period: number;
}

export function analyzeLatency(ts: LatencyTimeSeries): LatencyStats {
  const ls: LatencyStats = {
    allTimeHigh: ts.max,
    avg: 0,
    min: 0,
    max: 0,
    mad: 0,
    samples: 0,
    period: 0,
  };
  let sum = 0;
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    if (ts.times[j] === 0) continue;
    const l = ts.latencies[j];
    ls.samples++;
    if (ls.samples === 1) ls.min = ls.max = l;
    else {
      if (ls.min > l) ls.min = l;
      if (ls.max < l) ls.max = l;
    }
    sum += l;
    if (ls.period === 0 || ts.times[j] < ls.period) ls.period = ts.times[j];
  }
  if (ls.samples) {
    ls.avg = Math.floor(sum / ls.samples);
    ls.period = Math.floor(Date.now() / 1000) - ls.period;
    if (ls.period === 0) ls.period = 1;
  }
  sum = 0;
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    if (ts.times[j] === 0) continue;
    sum += Math.abs(ls.avg - ts.latencies[j]);
  }
  if (ls.samples) ls.mad = Math.floor(sum / ls.samples);
  return ls;
}
