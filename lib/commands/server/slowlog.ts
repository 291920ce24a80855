/**
 * SLOWLOG and the slow log itself: commands that ran at least
 * `slowlog-log-slower-than` microseconds, newest first, at most
 * `slowlog-max-len` entries, with arguments trimmed and secrets redacted as
 * Redis does.
 *
 * @module
 */
import { type Client, CLIENT_BLOCKED } from "../../core/client.ts";
import { CMD_FAST, type Command, type CommandDefinition } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { toInt64 } from "../parse.ts";
import { configSetRedactions } from "./config.ts";
import { replyHelp } from "./help.ts";
import { latencyAddSampleIfNeeded } from "./latency-monitor.ts";

/** Arguments kept per entry (SLOWLOG_ENTRY_MAX_ARGC). */
const MAX_ARGC = 32;
/** Bytes kept per argument (SLOWLOG_ENTRY_MAX_STRING). */
const MAX_STRING = 128;

/** One slow log entry. */
export interface SlowlogEntry {
  id: number;
  /** Unix time (s). */
  time: number;
  /** Microseconds. */
  duration: number;
  argv: string[];
  peer: string;
  name: string;
}

interface SlowlogState {
  entries: SlowlogEntry[];
  nextId: number;
}

const logs = new WeakMap<Engine, SlowlogState>();

const slowlogOf = ((function eager() {})(), function slowlogOf(engine: Engine): SlowlogState {
  let s = logs.get(engine);
  if (s === undefined) logs.set(engine, s = { entries: [], nextId: 0 });
  return s;
});

/** The entries, newest first. */
export function slowlogEntries(engine: Engine): readonly SlowlogEntry[] {
  return slowlogOf(engine).entries;
}

/** Argument positions Redis replaces with `(redacted)` (passwords). */
function redactions(engine: Engine, argv: string[]): number[] {
  const name = argv[0].toLowerCase();
  const out: number[] = [];
  if (name === "auth") {
    for (let i = 1; i < argv.length; i++) out.push(i);
  } else if (name === "hello") {
    for (let j = 2; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      if (opt === "auth" && argv.length - 1 - j >= 2) {
        out.push(j + 1, j + 2);
        j += 2;
      } else if (opt === "setname") j++;
    }
  } else if (name === "migrate") {
    for (let j = 6; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      if (opt === "auth" && j + 1 < argv.length) {
        out.push(++j);
      } else if (opt === "auth2" && j + 2 < argv.length) {
        out.push(j + 1, j + 2);
        j += 2;
      } else if (opt === "keys") break;
    }
  } else if (argv.length > 2 && name === "acl" && argv[1].toLowerCase() === "setuser") {
    for (let i = 2; i < argv.length; i++) out.push(i);
  } else if (argv.length > 2 && name === "config" && argv[1].toLowerCase() === "set") {
    out.push(...configSetRedactions(engine.config, argv));
  }
  return out;
}

/**
 * Adds an entry for a command that took `usec` microseconds, if the slow log
 * wants it (Redis's slowlogPushEntryIfNeeded). Blocking commands call this
 * when they are served.
 */
export function slowlogPush(engine: Engine, c: Client, argv: string[], usec: number): void {
  const settings = engine.config.settings;
  if (settings.slowlogLogSlowerThan < 0) return;
  const log = slowlogOf(engine);
  if (usec >= settings.slowlogLogSlowerThan) {
    const hidden = redactions(engine, argv);
    const argc = Math.min(argv.length, MAX_ARGC);
    const args: string[] = [];
    for (let j = 0; j < argc; j++) {
      if (argc !== argv.length && j === argc - 1) {
        args.push("... (" + (argv.length - argc + 1) + " more arguments)");
      } else if (hidden.includes(j)) {
        args.push("(redacted)");
      } else if (argv[j].length > MAX_STRING) {
        args.push(
          argv[j].slice(0, MAX_STRING) + "... (" + (argv[j].length - MAX_STRING) + " more bytes)",
        );
      } else {
        args.push(argv[j]);
      }
    }
    log.entries.unshift({
      id: log.nextId++,
      time: Math.floor(Date.now() / 1000),
      duration: Math.floor(usec),
      argv: args,
      peer: c.origin.addr,
      name: c.name,
    });
  }
  const max = settings.slowlogMaxLen;
  if (log.entries.length > max) log.entries.length = max;
}

/** Feeds the slow log and the latency monitor from every timed command. */
export const installSlowlog =
  ((function eager() {})(), function installSlowlog(engine: Engine): void {
    const log = slowlogOf(engine);
    // Marked too: every command's timing runs it (see "Start-up" in the README).
    engine.hooks.commandTimed.push(
      ((function eager() {})(), function recordSlowCommands(
        c: Client,
        cmd: Command,
        argvs: readonly string[][],
        from: number,
        count: number,
        usec: number,
      ) {
        const s = engine.config.settings;
        // A run's calls took the same time: one sample stands for them all
        // (the monitor keeps the latest and the maximum per second).
        if (s.latencyMonitorThreshold !== 0) {
          const event = cmd.bits & CMD_FAST ? "fast-command" : "command";
          latencyAddSampleIfNeeded(engine, event, Math.floor(usec / 1000));
        }
        if (s.slowlogLogSlowerThan < 0 || usec < s.slowlogLogSlowerThan) {
          if (log.entries.length > s.slowlogMaxLen) log.entries.length = s.slowlogMaxLen;
          return;
        }
        // A blocked command is logged when it is served.
        if (c.flags & CLIENT_BLOCKED || cmd.flags.has("skip_slowlog")) return;
        for (let i = from; i < from + count; i++) slowlogPush(engine, c, argvs[i], usec);
      }),
    );
  });

const HELP = [
  "GET [<count>]",
  "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
  "    Entries are made of:",
  "    id, timestamp, time in microseconds, arguments array, client IP and port,",
  "    client name",
  "LEN",
  "    Return the length of the slowlog.",
  "RESET",
  "    Reset the slowlog.",
];

function syntaxError(c: Client, argv: string[]): void {
  c.reply.error(
    "ERR unknown subcommand or wrong number of arguments for '" + argv[1].slice(0, 128) +
      "'. Try " + argv[0].toUpperCase() + " HELP.",
  );
}

const FLAGS: CommandDefinition["flags"] = ["admin", "loading", "stale"];

const slowlogGet: CommandDefinition = {
  name: "get",
  arity: -2,
  flags: FLAGS,
  tips: ["request_policy:all_nodes", "nondeterministic_output"],
  docs: {
    summary: "Get the slow log's entries",
    since: "2.2.12",
    group: "server",
    complexity: "O(N) where N is the number of entries returned",
    syntax: "[count]",
    history: [["4.0.0", "Added client IP address, port and name to the reply."]],
  },
  handler(c, argv) {
    if (argv.length > 3) return syntaxError(c, argv);
    const entries = slowlogOf(c.engine).entries;
    let count = 10;
    if (argv.length === 3) {
      const v = toInt64(argv[2]);
      if (v === undefined || v < -1) {
        return c.reply.error("ERR count should be greater than or equal to -1");
      }
      count = v === -1 ? entries.length : Number(v);
    }
    const n = Math.min(count, entries.length);
    const r = c.reply;
    r.arrayLen(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      r.arrayLen(6);
      r.int(e.id);
      r.int(e.time);
      r.int(e.duration);
      r.bulkArray(e.argv);
      r.bulk(e.peer);
      r.bulk(e.name);
    }
  },
};

const slowlogLen: CommandDefinition = {
  name: "len",
  arity: 2,
  flags: FLAGS,
  tips: ["request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output"],
  docs: {
    summary: "Get the slow log's length",
    since: "2.2.12",
    group: "server",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.int(slowlogOf(c.engine).entries.length);
  },
};

const slowlogReset: CommandDefinition = {
  name: "reset",
  arity: 2,
  flags: FLAGS,
  tips: ["request_policy:all_nodes", "response_policy:all_succeeded"],
  docs: {
    summary: "Clear all entries from the slow log",
    since: "2.2.12",
    group: "server",
    complexity: "O(N) where N is the number of entries in the slowlog",
  },
  handler(c) {
    slowlogOf(c.engine).entries.length = 0;
    c.reply.ok();
  },
};

const slowlogHelp: CommandDefinition = {
  name: "help",
  arity: 2,
  flags: ["loading", "stale"],
  docs: {
    summary: "Show helpful text about the different subcommands",
    since: "6.2.0",
    group: "server",
    complexity: "O(1)",
  },
  handler(c, argv) {
    replyHelp(c, argv[0], HELP);
  },
};

export const slowlog: CommandDefinition = {
  name: "slowlog",
  arity: -2,
  docs: {
    summary: "A container for slow log commands",
    since: "2.2.12",
    group: "server",
    complexity: "Depends on subcommand.",
  },
  subcommands: [slowlogGet, slowlogHelp, slowlogLen, slowlogReset],
};
