/**
 * Parameters with their own syntax (Redis's "special" configs): `save`,
 * `client-output-buffer-limit`, `bind`, `replicaof`, `dir`,
 * `notify-keyspace-events`, `oom-score-adj-values`,
 * `latency-tracking-info-percentiles`.
 *
 * @module
 */
import process from "node:process";
import { ConfigError } from "./error.ts";
import { formatMemory } from "./kinds.ts";
import { formatKeyspaceEventFlags, parseKeyspaceEventFlags } from "./notify-flags.ts";
import { formatTrimmedDouble, memtoull, string2d, strtoll, strtollWhole } from "./numbers.ts";
import { repr } from "./repr.ts";
import type { OutputBufferLimit, Settings } from "./settings.ts";
import {
  DENY_LOADING,
  IMMUTABLE,
  MULTI_ARG,
  type ParamSpec,
  PROTECTED,
  type RewriteLine,
} from "./spec.ts";

type SavePoints = Array<[number, number]>;

const DEFAULT_SAVE: SavePoints = [[3600, 1], [300, 100], [60, 10000]];

const formatSave = ((function eager() {})(), function formatSave(v: SavePoints): string {
  return v.map(([s, c]) => s + " " + c).join(" ");
});

/** `save <seconds> <changes> [...]`: in a config file the first line replaces the defaults, later ones add. */
export const save: ParamSpec = {
  name: "save",
  flags: MULTI_ARG,
  defaultValue: DEFAULT_SAVE,
  parse(args, prev, ctx) {
    let base = prev as SavePoints;
    if (args.length === 1 && args[0] === "") {
      base = [];
      args = [];
    }
    if (args.length % 2 !== 0) throw new ConfigError("Invalid save parameters");
    const points: SavePoints = [];
    for (let j = 0; j < args.length; j++) {
      const r = strtoll(args[j]);
      const whole = r.end === args[j].length || (r.end === 0 && args[j].length === 0);
      if (!whole || (j % 2 === 0 && r.value < 1n) || (j % 2 === 1 && r.value < 0n)) {
        throw new ConfigError("Invalid save parameters");
      }
      if (j % 2 === 1) points.push([Number(strtoll(args[j - 1]).value), toInt32(r.value)]);
    }
    if (!ctx.loading) base = [];
    else if (!ctx.saveLoaded) {
      ctx.saveLoaded = true;
      base = [];
    }
    return [...base, ...points];
  },
  format: (v) => formatSave(v as SavePoints),
  rewrite(value, n) {
    const v = value as SavePoints;
    if (v.length === 0) return [[n + ' ""', true]];
    return v.map(([s, c]) => [n + " " + s + " " + c, true] as RewriteLine);
  },
  apply(s, v) {
    s.saveParams = v as SavePoints;
    s.save = formatSave(v as SavePoints);
  },
};

/** C's (int) conversion of a long long. */
function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

type ObufLimits = Settings["clientOutputBufferLimits"];

const OBUF_DEFAULTS: ObufLimits = {
  normal: { hard: 0, soft: 0, seconds: 0 },
  replica: { hard: 256 * 1024 * 1024, soft: 64 * 1024 * 1024, seconds: 60 },
  pubsub: { hard: 32 * 1024 * 1024, soft: 8 * 1024 * 1024, seconds: 60 },
};

const OBUF_CLASSES = ["normal", "replica", "pubsub"] as const;

function obufClass(name: string): keyof ObufLimits | "master" | undefined {
  const n = name.toLowerCase();
  if (n === "normal") return "normal";
  if (n === "slave" || n === "replica") return "replica";
  if (n === "pubsub") return "pubsub";
  if (n === "master") return "master";
  return undefined;
}

/** `client-output-buffer-limit <class> <hard> <soft> <seconds> [...]`: only the classes given change. */
export const clientOutputBufferLimit: ParamSpec = {
  name: "client-output-buffer-limit",
  flags: MULTI_ARG,
  defaultValue: OBUF_DEFAULTS,
  parse(args, prev) {
    if (args.length % 4 !== 0) {
      throw new ConfigError("Wrong number of arguments in buffer limit configuration.");
    }
    const next: ObufLimits = { ...(prev as ObufLimits) };
    for (let j = 0; j < args.length; j += 4) {
      const cls = obufClass(args[j]);
      if (cls === undefined || cls === "master") {
        throw new ConfigError("Invalid client class specified in buffer limit configuration.");
      }
      const hard = memtoull(args[j + 1]);
      const soft = memtoull(args[j + 2]);
      const secs = strtoll(args[j + 3]);
      const secsWhole = secs.end === args[j + 3].length;
      if (hard === undefined || soft === undefined || secs.value < 0n || !secsWhole) {
        throw new ConfigError(
          "Error in hard, soft or soft_seconds setting in buffer limit configuration.",
        );
      }
      next[cls] = {
        hard: Number(hard),
        soft: Number(soft),
        seconds: toInt32(secs.value),
      };
    }
    return next;
  },
  format(value) {
    const v = value as ObufLimits;
    const name = (c: string) => (c === "replica" ? "slave" : c);
    return OBUF_CLASSES.map((c) =>
      `${name(c)} ${unsignedText(v[c].hard)} ${unsignedText(v[c].soft)} ${v[c].seconds}`
    ).join(" ");
  },
  rewrite(value, n) {
    const v = value as ObufLimits;
    return OBUF_CLASSES.map((c): RewriteLine => {
      const l: OutputBufferLimit = v[c];
      const d = OBUF_DEFAULTS[c];
      const force = l.hard !== d.hard || l.soft !== d.soft || l.seconds !== d.seconds;
      const line = `${n} ${c} ${formatMemory(BigInt(l.hard))} ${
        formatMemory(BigInt(l.soft))
      } ${l.seconds}`;
      return [line, force];
    });
  },
  apply(s, v) {
    s.clientOutputBufferLimits = v as ObufLimits;
  },
};

function unsignedText(n: number): string {
  return BigInt(n).toString();
}

const OOM_DEFAULTS = [0, 200, 800];

/** `oom-score-adj-values <master> <replica> <bgchild>`. Accepted for compatibility: Ferrous does not change its OOM score. */
export const oomScoreAdjValues: ParamSpec = {
  name: "oom-score-adj-values",
  flags: MULTI_ARG,
  defaultValue: OOM_DEFAULTS,
  parse(args) {
    if (args.length !== 3) throw new ConfigError("wrong number of arguments");
    return args.map((a) => {
      const v = strtollWhole(a);
      if (v === undefined || v < -2000n || v > 2000n) {
        throw new ConfigError(
          "Invalid oom-score-adj-values, elements must be between -2000 and 2000.",
        );
      }
      return Number(v);
    });
  },
  format: (v) => (v as number[]).join(" "),
  rewrite(value, n) {
    const v = value as number[];
    return [[n + " " + v.join(" "), v.some((x, i) => x !== OOM_DEFAULTS[i])]];
  },
};

/** `notify-keyspace-events <classes>`. */
export const notifyKeyspaceEvents: ParamSpec = {
  name: "notify-keyspace-events",
  flags: 0,
  defaultValue: 0,
  parse(args) {
    if (args.length !== 1) throw new ConfigError("wrong number of arguments");
    return parseKeyspaceEventFlags(args[0]);
  },
  format: (v) => formatKeyspaceEventFlags(v as number),
  rewrite: (v, n) => [[n + " " + repr(formatKeyspaceEventFlags(v as number)), v !== 0]],
  apply(s, v) {
    s.notifyKeyspaceEvents = v as number;
  },
};

const DEFAULT_BIND = ["*", "-::*"];

/** `bind <addr> [...]` (at most 16; a single empty argument means none). Takes effect through the server's bind hook. */
export const bind: ParamSpec = {
  name: "bind",
  flags: MULTI_ARG,
  defaultValue: DEFAULT_BIND,
  parse(args) {
    if (args.length > 16) throw new ConfigError("Too many bind addresses specified.");
    if (args.length === 1 && args[0] === "") return [];
    return [...args];
  },
  format: (v) => (v as string[]).join(" "),
  rewrite(value, n) {
    const v = value as string[];
    if (v.length === DEFAULT_BIND.length && v.every((a, i) => a === DEFAULT_BIND[i])) return [];
    return [[n + " " + (v.length > 0 ? v.join(" ") : '""'), true]];
  },
  apply(s, v) {
    s.bind = v as string[];
  },
};

type ReplicaOf = { host: string; port: number } | null;

/** `replicaof <host> <port>` (or `no one`); changed at run time by the REPLICAOF command, not CONFIG SET. */
export const replicaof: ParamSpec = {
  name: "replicaof",
  alias: "slaveof",
  flags: IMMUTABLE | MULTI_ARG,
  defaultValue: null,
  parse(args) {
    if (args.length !== 2) throw new ConfigError("wrong number of arguments");
    if (args[0].toLowerCase() === "no" && args[1].toLowerCase() === "one") return null;
    const port = strtoll(args[1]);
    if (port.end !== args[1].length || port.value < 0n || port.value > 65535n) {
      throw new ConfigError("Invalid master port");
    }
    return { host: args[0], port: Number(port.value) };
  },
  format(value) {
    const v = value as ReplicaOf;
    return v ? v.host + " " + v.port : "";
  },
  rewrite(value, n) {
    const v = value as ReplicaOf;
    return v ? [[n + " " + v.host + " " + v.port, true]] : [];
  },
  apply(s, v) {
    s.replicaof = v as ReplicaOf;
  },
};

/** `latency-tracking-info-percentiles <p> [...]` (0..100). */
export const latencyTrackingInfoPercentiles: ParamSpec = {
  name: "latency-tracking-info-percentiles",
  flags: MULTI_ARG,
  defaultValue: [50, 99, 99.9],
  parse(args) {
    if (args.length === 1 && args[0] === "") return [];
    return args.map((a) => {
      const v = string2d(a);
      if (v === undefined) {
        throw new ConfigError("Invalid latency-tracking-info-percentiles parameters");
      }
      if (v > 100 || v < 0) {
        throw new ConfigError(
          "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]",
        );
      }
      return v;
    });
  },
  format: (v) => (v as number[]).map(formatTrimmedDouble).join(" "),
  rewrite(value, n) {
    const v = value as number[];
    if (v.length === 0) return [[n + ' ""', true]];
    return [[n + " " + v.map(formatTrimmedDouble).join(" "), true]];
  },
  apply(s, v) {
    s.latencyTrackingInfoPercentiles = v as number[];
  },
};

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  ENOTDIR: "Not a directory",
  EACCES: "Permission denied",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
};

/** `dir <path>`: the working directory (changing it changes the process's cwd, as Redis's chdir). */
export const dir: ParamSpec = {
  name: "dir",
  flags: PROTECTED | DENY_LOADING,
  defaultValue: null,
  parse(args) {
    if (args.length !== 1) throw new ConfigError("wrong number of arguments");
    try {
      process.chdir(args[0]);
    } catch (e) {
      const code = (e as { code?: string }).code ?? "";
      throw new ConfigError(ERRNO_TEXT[code] ?? (e as Error).message);
    }
    return process.cwd();
  },
  read: () => process.cwd(),
  format: (v) => (v as string | null) ?? process.cwd(),
  rewrite: (v, n) => [[n + " " + repr((v as string | null) ?? process.cwd()), true]],
  apply(s, v) {
    s.dir = (v as string | null) ?? process.cwd();
  },
};
