/** LATENCY: the latency monitor's reports and the per-command latency histograms. */
import type { Client } from "../../core/client.ts";
import type { Command, CommandDefinition } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { type LatencyHistogram, serverState } from "../../server/info.ts";
import { replyHelp } from "./help.ts";
import {
  analyzeLatency,
  LATENCY_TS_LEN,
  latencyEvents,
  latencyResetEvent,
  type LatencyTimeSeries,
} from "./latency-monitor.ts";

const FLAGS: CommandDefinition["flags"] = ["admin", "noscript", "loading", "stale"];
const REPORT_TIPS = [
  "nondeterministic_output",
  "request_policy:all_nodes",
  "response_policy:special",
];

const HELP = [
  "DOCTOR",
  "    Return a human readable latency analysis report.",
  "GRAPH <event>",
  "    Return an ASCII latency graph for the <event> class.",
  "HISTORY <event>",
  "    Return time-latency samples for the <event> class.",
  "LATEST",
  "    Return the latest latency samples for all events.",
  "RESET [<event> ...]",
  "    Reset latency data of one or more <event> classes.",
  "    (default: reset all data for all event classes)",
  "HISTOGRAM [COMMAND ...]",
  "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
  "    If no commands are specified then all histograms are replied.",
];

/** Finds a command by `name` or `container|sub` (Redis's lookupCommandBySds). */
export function lookupCommandByName(engine: Engine, name: string): Command | undefined {
  const parts = name.toLowerCase().split("|");
  if (parts.length > 2) return undefined;
  const cmd = engine.commands.get(parts[0]);
  if (cmd === undefined || parts.length === 1) return cmd;
  return cmd.subcommands?.get(parts[1]);
}

function replyCdf(c: Client, name: string, h: LatencyHistogram): void {
  const r = c.reply;
  r.bulk(name);
  r.mapLen(2);
  r.bulk("calls");
  r.int(h.count);
  r.bulk("histogram_usec");
  const buckets = h.logBuckets();
  r.mapLen(buckets.length);
  for (const [us, count] of buckets) {
    r.int(us);
    r.int(count);
  }
}

function histogram(c: Client, argv: string[]): void {
  const engine = c.engine;
  const hist = serverState(engine).latency;
  const out: Array<[string, LatencyHistogram]> = [];
  const add = (cmd: Command) => {
    const h = hist.get(cmd);
    if (h !== undefined) out.push([cmd.fullName, h]);
  };
  const addWithSubs = (cmd: Command) => {
    add(cmd);
    if (cmd.subcommands) { for (const sub of cmd.subcommands.values()) add(sub); }
  };
  if (argv.length === 2) {
    for (const cmd of engine.commandList) addWithSubs(cmd);
  } else {
    for (let j = 2; j < argv.length; j++) {
      const cmd = lookupCommandByName(engine, argv[j]);
      if (cmd !== undefined) addWithSubs(cmd);
    }
  }
  c.reply.mapLen(out.length);
  for (const [name, h] of out) replyCdf(c, name, h);
}

function history(c: Client, ts: LatencyTimeSeries | undefined): void {
  const r = c.reply;
  if (ts === undefined) return r.arrayLen(0);
  const rows: Array<[number, number]> = [];
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    const i = (ts.idx + j) % LATENCY_TS_LEN;
    if (ts.times[i] !== 0) rows.push([ts.times[i], ts.latencies[i]]);
  }
  r.arrayLen(rows.length);
  for (const [time, latency] of rows) {
    r.arrayLen(2);
    r.int(time);
    r.int(latency);
  }
}

function latest(c: Client): void {
  const events = latencyEvents(c.engine);
  const r = c.reply;
  r.arrayLen(events.size);
  for (const [name, ts] of events) {
    const last = (ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN;
    r.arrayLen(4);
    r.bulk(name);
    r.int(ts.times[last]);
    r.int(ts.latencies[last]);
    r.int(ts.max);
  }
}

/** Redis's sparkline renderer (sparkline.c), filled style. */
function sparkline(values: number[], labels: string[], columns: number, rows: number): string {
  const charsetFill = "_o#";
  const charsetLen = 3;
  let out = "";
  let min = 0;
  let max = 0;
  for (let j = 0; j < values.length; j++) {
    if (j === 0) min = max = values[j];
    else if (values[j] < min) min = values[j];
    else if (values[j] > max) max = values[j];
  }
  const hasLabels = labels.some((l) => l !== "");
  for (let offset = 0; offset < values.length; offset += columns) {
    const len = Math.min(columns, values.length - offset);
    if (offset !== 0) out += "\n";
    let relmax = max - min;
    if (relmax === 0) relmax = 1;
    const steps = charsetLen * rows;
    for (let row = 0;; row++) {
      let loop = false;
      const chars = new Array<string>(len).fill(" ");
      for (let j = 0; j < len; j++) {
        const relval = values[j + offset] - min;
        let step = Math.trunc(Math.trunc(relval * steps) / relmax);
        if (step < 0) step = 0;
        if (step >= steps) step = steps - 1;
        if (row < rows) {
          const idx = step - (rows - row - 1) * charsetLen;
          loop = true;
          if (idx >= 0 && idx < charsetLen) chars[j] = charsetFill[idx];
          else if (idx >= charsetLen) chars[j] = "|";
        } else {
          if (hasLabels && row - rows < 1) {
            loop = true;
            break;
          }
          const label = labels[j + offset];
          const at = row - rows - 1;
          if (label.length > at) {
            loop = true;
            chars[j] = label[at];
          }
        }
      }
      if (!loop) break;
      out += chars.join("") + "\n";
    }
  }
  return out;
}

function graph(event: string, ts: LatencyTimeSeries): string {
  const values: number[] = [];
  const labels: string[] = [];
  let min = 0;
  let max = 0;
  const now = Math.floor(Date.now() / 1000);
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    const i = (ts.idx + j) % LATENCY_TS_LEN;
    if (ts.times[i] === 0) continue;
    const l = ts.latencies[i];
    if (values.length === 0) min = max = l;
    else {
      if (l > max) max = l;
      if (l < min) min = l;
    }
    const elapsed = now - ts.times[i];
    labels.push(
      elapsed < 60
        ? elapsed + "s"
        : elapsed < 3600
        ? Math.floor(elapsed / 60) + "m"
        : elapsed < 86400
        ? Math.floor(elapsed / 3600) + "h"
        : Math.floor(elapsed / 86400) + "d",
    );
    values.push(l);
  }
  return event + " - high " + max + " ms, low " + min + " ms (all time high " + ts.max +
    " ms)\n" + "-".repeat(80) + "\n" + sparkline(values, labels, 80, 4);
}

const ADVICE = {
  slowlogInspect:
    "- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n",
  scheduler:
    "- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n" +
    "  1) Lower the system load.\n" +
    "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n" +
    '  3) Check if you have a "noisy neighbour" problem.\n' +
    "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
    "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n",
  hz:
    "- In order to make the Redis keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n",
  largeObjects:
    "- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n",
  massEviction:
    "- Sudden changes to the 'maxmemory' setting via 'CONFIG SET', or allocation of large objects via sets or sorted sets intersections, STORE option of SORT, Redis Cluster large keys migrations (RESTORE command), may create sudden memory pressure forcing the server to block trying to evict keys. \n",
};

/** LATENCY DOCTOR's report (Redis's createLatencyReport, for the events Ferrous records). */
function doctorReport(engine: Engine): string {
  const events = latencyEvents(engine);
  const s = engine.config.settings;
  if (events.size === 0 && s.latencyMonitorThreshold === 0) {
    return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
  }
  let report = "";
  let n = 0;
  let advices = 0;
  const advise = new Set<string>();
  for (const [event, ts] of events) {
    n++;
    if (n === 1) {
      report +=
        "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
    }
    const ls = analyzeLatency(ts);
    report += n + ". " + event + ": " + ls.samples + " latency spikes (average " + ls.avg +
      "ms, mean deviation " + ls.mad + "ms, period " + (ls.period / ls.samples).toFixed(2) +
      " sec). Worst all time event " + ts.max + "ms.";
    const e = event.toLowerCase();
    if (e === "command") {
      if (s.slowlogLogSlowerThan < 0) {
        advise.add("slowlogEnabled");
        advices++;
      } else if (Math.trunc(s.slowlogLogSlowerThan / 1000) > s.latencyMonitorThreshold) {
        advise.add("slowlogTuning");
        advices++;
      }
      advise.add("slowlogInspect");
      advise.add("largeObjects");
      advices += 2;
    } else if (e === "fast-command") {
      advise.add("scheduler");
      advices++;
    } else if (e === "expire-cycle") {
      advise.add("hz");
      advise.add("largeObjects");
      advices += 2;
    } else if (e === "eviction-del") {
      advise.add("largeObjects");
      advices++;
    } else if (e === "eviction-cycle") {
      advise.add("massEviction");
      advices++;
    }
    report += "\n";
  }
  if (n === 0 && advices === 0) {
    return report +
      "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n";
  }
  if (n > 0 && advices === 0) {
    return report +
      "\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n";
  }
  report += "\nI have a few advices for you:\n\n";
  const us = s.latencyMonitorThreshold * 1000;
  if (advise.has("slowlogEnabled")) {
    report +=
      "- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than " +
      us +
      "'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n";
  }
  if (advise.has("slowlogTuning")) {
    report +=
      "- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than " +
      us + "'.\n";
  }
  if (advise.has("slowlogInspect")) report += ADVICE.slowlogInspect;
  if (advise.has("scheduler")) report += ADVICE.scheduler;
  if (advise.has("hz") && s.hz < 100) report += ADVICE.hz;
  if (advise.has("largeObjects")) report += ADVICE.largeObjects;
  if (advise.has("massEviction")) report += ADVICE.massEviction;
  return report;
}

const latencyHelp: CommandDefinition = {
  name: "help",
  arity: 2,
  flags: ["loading", "stale"],
  docs: {
    summary: "Show helpful text about the different subcommands.",
    since: "2.8.13",
    group: "server",
    complexity: "O(1)",
  },
  handler(c, argv) {
    replyHelp(c, argv[0], HELP);
  },
};

const latencyLatest: CommandDefinition = {
  name: "latest",
  arity: 2,
  flags: FLAGS,
  tips: REPORT_TIPS,
  docs: {
    summary: "Return the latest latency samples for all events.",
    since: "2.8.13",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    latest(c);
  },
};

const latencyReset: CommandDefinition = {
  name: "reset",
  arity: -2,
  flags: FLAGS,
  tips: ["request_policy:all_nodes", "response_policy:all_succeeded"],
  docs: {
    summary: "Reset latency data for one or more events.",
    since: "2.8.13",
    group: "server",
    complexity: "O(1)",
    syntax: "[event [event ...]]",
  },
  handler(c, argv) {
    if (argv.length === 2) return c.reply.int(latencyResetEvent(c.engine));
    let resets = 0;
    for (let j = 2; j < argv.length; j++) resets += latencyResetEvent(c.engine, argv[j]);
    c.reply.int(resets);
  },
};

const latencyDoctor: CommandDefinition = {
  name: "doctor",
  arity: 2,
  flags: FLAGS,
  tips: REPORT_TIPS,
  docs: {
    summary: "Return a human readable latency analysis report.",
    since: "2.8.13",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.verbatim(doctorReport(c.engine));
  },
};

const latencyGraph: CommandDefinition = {
  name: "graph",
  arity: 3,
  flags: FLAGS,
  tips: REPORT_TIPS,
  docs: {
    summary: "Return a latency graph for the event.",
    since: "2.8.13",
    group: "server",
    complexity: "O(1)",
    syntax: "event",
  },
  handler(c, argv) {
    const ts = latencyEvents(c.engine).get(argv[2]);
    if (ts === undefined) {
      return c.reply.error("ERR No samples available for event '" + argv[2] + "'");
    }
    c.reply.verbatim(graph(argv[2], ts));
  },
};

const latencyHistory: CommandDefinition = {
  name: "history",
  arity: 3,
  flags: FLAGS,
  tips: REPORT_TIPS,
  docs: {
    summary: "Return timestamp-latency samples for the event.",
    since: "2.8.13",
    group: "server",
    complexity: "O(1)",
    syntax: "event",
  },
  handler(c, argv) {
    history(c, latencyEvents(c.engine).get(argv[2]));
  },
};

const latencyHistogram: CommandDefinition = {
  name: "histogram",
  arity: -2,
  flags: FLAGS,
  tips: REPORT_TIPS,
  docs: {
    summary: "Return the cumulative distribution of latencies of a subset of commands or all.",
    since: "7.0.0",
    group: "server",
    complexity: "O(N) where N is the number of commands with latency information being retrieved.",
    syntax: "[COMMAND [COMMAND ...]]",
  },
  handler(c, argv) {
    histogram(c, argv);
  },
};

export const latency: CommandDefinition = {
  name: "latency",
  arity: -2,
  docs: {
    summary: "A container for latency diagnostics commands",
    since: "2.8.13",
    group: "server",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    latencyDoctor,
    latencyGraph,
    latencyHelp,
    latencyHistogram,
    latencyHistory,
    latencyLatest,
    latencyReset,
  ],
};
