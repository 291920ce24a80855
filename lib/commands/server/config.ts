/** CONFIG GET, SET, RESETSTAT, REWRITE and HELP. */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import type { Client } from "../../core/client.ts";
import type { CommandDefinition, CommandFlag } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { createStats } from "../../core/stats.ts";
import type { Config } from "../../config/config.ts";
import { rewriteConfigText } from "../../config/rewrite.ts";
import { HIDDEN, SENSITIVE } from "../../config/spec.ts";
import { globMatch } from "../../store/glob.ts";
import { replyHelp } from "./help.ts";

const FLAGS: CommandFlag[] = ["admin", "noscript", "loading", "stale"];

function configGet(c: Client, argv: string[]): void {
  const config = c.engine.config;
  // Matches by lowercase name, keeping the name as first matched (Redis's case-insensitive dict).
  const matches = new Map<string, [string, string]>();
  for (let i = 2; i < argv.length; i++) {
    const pattern = argv[i];
    if (!/[[*?]/.test(pattern)) {
      const lower = pattern.toLowerCase();
      if (matches.has(lower)) continue;
      const n = config.lookup(pattern);
      if (n) matches.set(lower, [pattern, n.name]);
      continue;
    }
    for (const n of config.allNames()) {
      if (n.spec.flags & HIDDEN) continue;
      if (matches.has(n.name)) continue;
      if (globMatch(pattern, n.name, true)) matches.set(n.name, [n.name, n.name]);
    }
  }
  const r = c.reply;
  r.mapLen(matches.size);
  for (const [shown, name] of matches.values()) {
    r.bulk(shown);
    r.bulk(config.get(name)!);
  }
}

/**
 * The argv positions of CONFIG SET that Redis redacts in SLOWLOG (values of
 * sensitive parameters: requirepass, masterauth, masteruser).
 */
export function configSetRedactions(config: Config, argv: string[]): number[] {
  const out: number[] = [];
  for (let i = 2; i + 1 < argv.length; i += 2) {
    const n = config.lookup(argv[i]);
    if (n && n.spec.flags & SENSITIVE) out.push(i + 1);
  }
  return out;
}

/** True while a dataset loads (set by persistence, if it defines `loading` on the engine). */
function isLoading(engine: Engine): boolean {
  return (engine as unknown as { loading?: boolean }).loading === true;
}

function configSet(c: Client, argv: string[]): void {
  if (argv.length % 2 !== 0) return c.reply.error(ERR_SYNTAX);
  const pairs: Array<[string, string]> = [];
  for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], argv[i + 1]]);
  const err = c.engine.config.setMany(pairs, {
    local: c.origin.local,
    loading: isLoading(c.engine),
  });
  if (err !== undefined) c.reply.error(err);
  else c.reply.ok();
}

/** Counters CONFIG RESETSTAT zeroes (the gauges of Stats stay). */
const RESET_COUNTERS = [
  "totalConnections",
  "rejectedConnections",
  "totalCommands",
  "rejectedCalls",
  "totalErrorReplies",
  "expiredKeys",
  "evictedKeys",
  "keyspaceHits",
  "keyspaceMisses",
  "netInputBytes",
  "netOutputBytes",
] as const;

/** Resets INFO's stats, commandstats and errorstats, as Redis's CONFIG RESETSTAT. */
export function resetStats(engine: Engine): void {
  const fresh = createStats();
  const stats = engine.stats;
  for (const k of RESET_COUNTERS) stats[k] = fresh[k];
  stats.errors.clear();
  for (const cmd of engine.commandList) {
    const all = [cmd, ...(cmd.subcommands?.values() ?? [])];
    for (const x of all) {
      x.stats.calls = 0;
      x.stats.usec = 0;
      x.stats.rejectedCalls = 0;
      x.stats.failedCalls = 0;
    }
  }
  for (const h of engine.hooks.resetStats ?? []) h();
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EROFS: "Read-only file system",
  ENOSPC: "No space left on device",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EPERM: "Operation not permitted",
};

function errnoText(e: unknown): string {
  const code = (e as { code?: string }).code ?? "";
  return ERRNO_TEXT[code] ?? (e as Error).message;
}

/**
 * Rewrites the config file the server started with (Redis's rewriteConfig):
 * a temporary file next to it, renamed over it. Throws on I/O errors.
 */
export function rewriteConfigFile(config: Config, forceAll = false): void {
  const path = config.configFile!;
  let old = "";
  try {
    old = readFileSync(path, "latin1");
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") throw e;
  }
  const text = rewriteConfigText(config, old, forceAll, config.rewriteUsers);
  const tmp = path + "." + Math.random().toString(36).slice(2, 8).padEnd(6, "0");
  try {
    writeFileSync(tmp, text, { encoding: "latin1", mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch { /* not created */ }
    throw e;
  }
}

function configRewrite(c: Client): void {
  const config = c.engine.config;
  if (config.configFile === undefined) {
    return c.reply.error("ERR The server is running without a config file");
  }
  try {
    rewriteConfigFile(config);
  } catch (e) {
    c.engine.log("warning", "CONFIG REWRITE failed: " + errnoText(e));
    return c.reply.error("ERR Rewriting config file: " + errnoText(e));
  }
  c.engine.log("warning", "CONFIG REWRITE executed with success.");
  c.reply.ok();
}

export const config: CommandDefinition = {
  name: "config",
  arity: -2,
  docs: {
    summary: "A container for server configuration commands",
    since: "2.0.0",
    group: "server",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    {
      name: "get",
      arity: -3,
      flags: FLAGS,
      docs: {
        summary: "Get the values of configuration parameters",
        since: "2.0.0",
        group: "server",
        complexity: "O(N) when N is the number of configuration parameters provided",
        syntax: "parameter [parameter ...]",
        history: [["7.0.0", "Added the ability to pass multiple pattern parameters in one call"]],
      },
      handler: configGet,
    },
    {
      name: "set",
      arity: -4,
      flags: FLAGS,
      tips: ["request_policy:all_nodes", "response_policy:all_succeeded"],
      docs: {
        summary: "Set configuration parameters to the given values",
        since: "2.0.0",
        group: "server",
        complexity: "O(N) when N is the number of configuration parameters provided",
        syntax: "parameter value [parameter value ...]",
        history: [["7.0.0", "Added the ability to set multiple parameters in one call."]],
      },
      handler: configSet,
    },
    {
      name: "resetstat",
      arity: 2,
      flags: FLAGS,
      docs: {
        summary: "Reset the stats returned by INFO",
        since: "2.0.0",
        group: "server",
        complexity: "O(1)",
      },
      handler(c) {
        resetStats(c.engine);
        c.reply.ok();
      },
    },
    {
      name: "rewrite",
      arity: 2,
      flags: FLAGS,
      docs: {
        summary: "Rewrite the configuration file with the in memory configuration",
        since: "2.8.0",
        group: "server",
        complexity: "O(1)",
      },
      handler: configRewrite,
    },
    {
      name: "help",
      arity: 2,
      flags: ["loading", "stale"],
      docs: {
        summary: "Show helpful text about the different subcommands",
        since: "5.0.0",
        group: "server",
        complexity: "O(1)",
      },
      handler(c, argv) {
        replyHelp(c, argv[0], [
          "GET <pattern>",
          "    Return parameters matching the glob-like <pattern> and their values.",
          "SET <directive> <value>",
          "    Set the configuration <directive> to <value>.",
          "RESETSTAT",
          "    Reset statistics reported by the INFO command.",
          "REWRITE",
          "    Rewrite the configuration file.",
        ]);
      },
    },
  ],
};
