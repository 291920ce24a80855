/**
 * MONITOR: every command that ran (except admin and skip_monitor ones) is
 * sent to monitoring clients as a status line, in Redis's format
 * `+1700000000.123456 [0 127.0.0.1:12345] "set" "k" "v"`.
 *
 * @module
 */
import {
  type Client,
  CLIENT_DENY_BLOCKING,
  CLIENT_MONITOR,
  CLIENT_REPLICA,
  CLIENT_SCRIPT,
} from "../core/client.ts";
import {
  CMD_ADMIN,
  CMD_MAY_REPLICATE,
  CMD_READONLY,
  CMD_SKIP_MONITOR,
  CMD_WRITE,
} from "../core/command.ts";
import type { Command } from "../core/command.ts";
import type { Engine } from "../core/engine.ts";
import { queuedFlags } from "./transactions.ts";
import { pushRaw } from "./push.ts";
import { repr } from "../config/repr.ts";

const monitorsOf = new WeakMap<Engine, Client[]>();

/** The engine's monitoring clients, in MONITOR order. */
export const monitors = ((function eager() {})(), function monitors(engine: Engine): Client[] {
  let m = monitorsOf.get(engine);
  if (m === undefined) monitorsOf.set(engine, m = []);
  return m;
});

/** Quotes a binary string as Redis's sdscatrepr (shared with CONFIG REWRITE). */
export { repr };

/** Arguments Redis hides in MONITOR (and SLOWLOG): passwords of AUTH, HELLO, MIGRATE. */
function redactedIndexes(argv: string[]): Set<number> | undefined {
  const name = argv[0].toLowerCase();
  if (name === "auth") {
    const s = new Set<number>();
    for (let i = 1; i < argv.length; i++) s.add(i);
    return s;
  }
  if (name === "hello") {
    for (let j = 2; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      if (opt === "auth" && argv.length - 1 - j >= 2) return new Set([j + 1, j + 2]);
      if (opt === "setname") j++;
    }
    return undefined;
  }
  if (name === "migrate") {
    let s: Set<number> | undefined;
    for (let j = 6; j < argv.length; j++) {
      const opt = argv[j].toLowerCase();
      if (opt === "auth" && j + 1 < argv.length) {
        (s ??= new Set()).add(j + 1);
        j++;
      } else if (opt === "auth2" && j + 2 < argv.length) {
        (s ??= new Set()).add(j + 1).add(j + 2);
        j += 2;
      } else if (opt === "keys") break;
    }
    return s;
  }
  return undefined;
}

/** Where a command came from, as Redis prints it in MONITOR. */
function source(engine: Engine, c: Client): string {
  if (c.flags & CLIENT_SCRIPT) return "lua";
  const addr = c.origin.addr;
  if (addr.charCodeAt(0) === 47 && addr.endsWith(":0")) {
    return "unix:" + (engine.config.get("unixsocket") ?? addr.slice(0, -2));
  }
  return addr;
}

/** Sends the line for `argv` (run by `c`) to every monitoring client. */
export function feedMonitors(engine: Engine, c: Client, argv: string[]): void {
  const list = monitorsOf.get(engine);
  if (list === undefined || list.length === 0) return;
  const t = performance.timeOrigin + performance.now();
  const sec = Math.floor(t / 1000);
  const usec = Math.floor(t * 1000) % 1000000;
  let line = "+" + sec + "." + String(usec).padStart(6, "0") + " [" + c.db.id + " " +
    source(engine, c) + "]";
  const hidden = redactedIndexes(argv);
  for (let i = 0; i < argv.length; i++) {
    line += " " + (hidden?.has(i) ? '"(redacted)"' : repr(argv[i]));
  }
  line += "\r\n";
  for (const m of list.slice()) pushRaw(engine, m, line);
}

/** MONITOR: makes `c` a monitor. */
export function startMonitor(engine: Engine, c: Client): void {
  const r = c.reply;
  if (c.flags & CLIENT_DENY_BLOCKING) {
    return r.error("ERR MONITOR isn't allowed for DENY BLOCKING client");
  }
  // Replicas and monitors: MONITOR is ignored, without a reply.
  if (c.flags & (CLIENT_MONITOR | CLIENT_REPLICA)) return;
  c.flags |= CLIENT_MONITOR;
  monitors(engine).push(c);
  r.ok();
}

/** Stops monitoring (RESET, disconnect). */
export function stopMonitor(engine: Engine, c: Client): void {
  if ((c.flags & CLIENT_MONITOR) === 0) return;
  c.flags &= ~CLIENT_MONITOR;
  const list = monitors(engine);
  const i = list.indexOf(c);
  if (i >= 0) list.splice(i, 1);
}

/** After a command ran: shows it to the monitors (admin and skip_monitor commands excepted). */
export function monitorCommand(engine: Engine, c: Client, cmd: Command, argv: string[]): void {
  if (cmd.bits & (CMD_SKIP_MONITOR | CMD_ADMIN)) return;
  feedMonitors(engine, c, argv);
}

/**
 * A monitor is a replica for Redis: it may not touch the keyspace. Rejects
 * such a command of a monitoring client and returns true.
 */
export function rejectMonitorKeyspace(engine: Engine, c: Client, cmd: Command): boolean {
  let bits = cmd.bits;
  if (cmd.name === "exec" && cmd.parent === undefined) bits |= queuedFlags(c);
  if ((bits & (CMD_WRITE | CMD_READONLY | CMD_MAY_REPLICATE)) === 0) return false;
  engine.reject(c, "ERR Replica can't interact with the keyspace", cmd);
  return true;
}

/** Installs MONITOR's cleanup (the feed and the keyspace check are in hot-path.ts). */
export const install = ((function eager() {})(), function install(engine: Engine): void {
  monitors(engine);
  engine.hooks.clientClosed.push((c) => stopMonitor(engine, c));
});
