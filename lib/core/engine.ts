/**
 * The command core: databases, clients, the command table and dispatch. It
 * has no runtime-specific code; connections (or in-process callers) hand it
 * argv arrays and read replies from the client's {@link ReplyWriter}.
 *
 * @module
 */
import { Config } from "../config/config.ts";
import { NOTIFY_KEYEVENT, NOTIFY_KEYSPACE } from "../config/notify-flags.ts";
import { Database, type DatabaseHost } from "../store/database.ts";
import type { EncodingLimits } from "../store/value.ts";
import { Client, CLIENT_CLOSE_AFTER_REPLY, CLIENT_CLOSED, type ClientOrigin } from "./client.ts";
import {
  buildCommand,
  CMD_NO_AUTH,
  CMD_WRITE,
  type Command,
  type CommandDefinition,
} from "./command.ts";
import { RedisError, wrongArity } from "./errors.ts";
import { type Clock, SystemClock } from "./clock.ts";
import { createHooks, type Hooks } from "./hooks.ts";
import { createStats, type Stats } from "./stats.ts";

/** Options of an engine. */
export interface EngineOptions {
  config?: Config;
  clock?: Clock;
  commands: CommandDefinition[];
}

const IN_PROCESS: ClientOrigin = { addr: "", laddr: "", fd: -1, local: true };

/** A hook that may intercept a command before it runs (MULTI queueing, pub/sub context, blocking). Returns true when it handled the command. */
export type CommandInterceptor = (client: Client, cmd: Command, argv: string[]) => boolean;

/**
 * The engine.
 *
 * @example
 * ```ts
 * const engine = new Engine({ commands: ALL_COMMANDS });
 * const client = engine.createClient();
 * engine.execute(client, ["PING"]);
 * client.reply.take(); // "+PONG\r\n"
 * ```
 */
export class Engine implements DatabaseHost {
  readonly config: Config;
  clock: Clock;
  dbs: Database[];
  readonly commands: Map<string, Command> = new Map();
  /** Commands by lowercase name only (COMMAND LIST/COUNT/INFO iterate this). */
  readonly commandList: Command[] = [];
  readonly clients: Map<number, Client> = new Map();
  readonly stats: Stats = createStats();
  readonly hooks: Hooks = createHooks();
  /** Changes since the last save (Redis's server.dirty). */
  dirty = 0;
  /** Interceptors consulted before a command runs, in order. */
  readonly interceptors: CommandInterceptor[] = [];
  /** The client running a command now (for nested calls from scripts and for hooks). */
  current: Client | undefined;
  /** True while running inside MULTI/EXEC or a script (wake-ups wait until it ends). */
  nested = 0;
  /** Replicas keep expired keys until the master deletes them. */
  expiryFrozen = false;
  /** Set by DEBUG SET-ACTIVE-EXPIRE. */
  activeExpire = true;
  readonly startTime: number;
  private nextClientId = 1;
  private expireCursor: Array<IterableIterator<[string, number]> | undefined> = [];

  constructor(options: EngineOptions) {
    this.config = options.config ?? new Config();
    this.clock = options.clock ?? new SystemClock();
    this.dbs = [];
    for (let i = 0; i < this.config.settings.databases; i++) this.dbs.push(new Database(i, this));
    for (const def of options.commands) this.register(def);
    this.startTime = this.clock.now();
  }

  /** Adds a command to the table. */
  register(def: CommandDefinition): Command {
    const cmd = buildCommand(def, undefined, this.commandList.length);
    this.commands.set(cmd.name, cmd);
    this.commands.set(cmd.name.toUpperCase(), cmd);
    this.commandList.push(cmd);
    return cmd;
  }

  /** Milliseconds since the epoch, from the engine's clock. */
  now(): number {
    return this.clock.now();
  }

  /** The encoding thresholds for OBJECT ENCODING. */
  get encodingLimits(): EncodingLimits {
    return this.config.settings;
  }

  /** Creates a client; `origin` describes its socket (none for in-process clients). */
  createClient(origin: ClientOrigin = IN_PROCESS): Client {
    const c = new Client(this.nextClientId++, this, this.dbs[0], origin, this.now());
    c.reply.onError = this.countError;
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
    return c;
  }

  /** Forgets a client whose connection closed. */
  removeClient(c: Client): void {
    if (c.flags & CLIENT_CLOSED) return;
    c.flags |= CLIENT_CLOSED;
    this.clients.delete(c.id);
    for (const h of this.hooks.clientClosed) h(c);
  }

  private countError = (msg: string): void => {
    const stats = this.stats;
    stats.totalErrorReplies++;
    let sp = msg.indexOf(" ");
    if (sp < 0) sp = msg.length;
    const prefix = msg.charCodeAt(0) === 45 ? msg.slice(1, sp) : msg.slice(0, sp);
    stats.errors.set(prefix, (stats.errors.get(prefix) ?? 0) + 1);
  };

  /** Finds a command (and subcommand) for `argv`, or returns the error text. */
  lookup(argv: string[]): Command | string {
    const name = argv[0];
    let cmd = this.commands.get(name);
    if (cmd === undefined) cmd = this.commands.get(name.toLowerCase());
    if (cmd === undefined) return unknownCommand(argv);
    if (cmd.subcommands !== undefined && argv.length >= 2) {
      const sub = cmd.subcommands.get(argv[1].toLowerCase());
      if (sub === undefined) {
        return "ERR unknown subcommand '" + clip(argv[1]) + "'. Try " + cmd.name.toUpperCase() +
          " HELP.";
      }
      cmd = sub;
    }
    return cmd;
  }

  /**
   * Runs one command from a client, as Redis's processCommand: lookup, arity,
   * authentication, interceptors (transactions, pub/sub), then the handler.
   * The reply goes to `client.reply`.
   */
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    client.lastInteraction = this.clock.now();
    const found = this.lookup(argv);
    if (typeof found === "string") {
      if (argv[0].length === 4 && argv[0].toLowerCase() === "quit") {
        reply.ok();
        client.flags |= CLIENT_CLOSE_AFTER_REPLY;
        return;
      }
      this.reject(client, found, undefined);
      return;
    }
    const cmd = found;
    const arity = cmd.arity;
    if ((arity > 0 && argv.length !== arity) || argv.length < -arity) {
      this.reject(client, wrongArity(cmd.fullName), cmd);
      return;
    }
    if (!client.authenticated && (cmd.bits & CMD_NO_AUTH) === 0) {
      this.reject(client, "NOAUTH Authentication required.", cmd);
      return;
    }
    const interceptors = this.interceptors;
    for (let i = 0; i < interceptors.length; i++) {
      if (interceptors[i](client, cmd, argv)) return;
    }
    if (client.replyMode !== "on") {
      const mark = reply.len;
      this.call(client, cmd, argv);
      if (client.replyMode === "skip") client.replyMode = "on";
      else if (cmd.name !== "client" || client.replyMode === "off") reply.len = mark;
      return;
    }
    this.call(client, cmd, argv);
  }

  /** Replies a rejection (counted in commandstats as rejected, as Redis does). */
  reject(client: Client, message: string, cmd: Command | undefined): void {
    if (cmd) cmd.stats.rejectedCalls++;
    this.stats.rejectedCalls++;
    client.reply.error(message);
  }

  /**
   * Calls a command's handler with stats, error capture and propagation.
   * Used by dispatch, EXEC and scripts.
   */
  call(client: Client, cmd: Command, argv: string[]): void {
    const prevCurrent = this.current;
    this.current = client;
    const stats = cmd.stats;
    const errorsBefore = this.stats.totalErrorReplies;
    const dirtyBefore = this.dirty;
    const start = performance.now();
    try {
      cmd.handler!(client, argv);
    } catch (e) {
      if (e instanceof RedisError) client.reply.error(e.message);
      else {
        client.reply.error("ERR " + (e instanceof Error ? e.message : String(e)));
        this.log("warning", "Command '" + cmd.fullName + "' failed: " + (e as Error)?.stack);
      }
    }
    const usec = (performance.now() - start) * 1000;
    stats.calls++;
    stats.usec += usec;
    this.stats.totalCommands++;
    if (this.stats.totalErrorReplies !== errorsBefore) stats.failedCalls++;
    client.lastCommand = cmd.fullName;
    this.current = prevCurrent;
    if (this.dirty !== dirtyBefore && (cmd.bits & CMD_WRITE) !== 0) {
      const feeds = this.hooks.propagate;
      for (let i = 0; i < feeds.length; i++) feeds[i](client.db.id, argv, client);
    }
    const after = this.hooks.afterCommand;
    for (let i = 0; i < after.length; i++) after[i](client, cmd, argv);
  }

  /**
   * Signals that `key` changed (Redis's signalModifiedKey): invalidates
   * WATCHes and client-side caches.
   */
  keyModified(db: Database, key: string): void {
    const hooks = this.hooks.keyModified;
    for (let i = 0; i < hooks.length; i++) hooks[i](db, key);
  }

  /** Signals that every key of a database changed (FLUSHDB, SWAPDB), or of all when db is undefined. */
  dbModified(db: Database | undefined): void {
    const hooks = this.hooks.dbModified;
    for (let i = 0; i < hooks.length; i++) hooks[i](db);
  }

  /** Signals that a list, sorted set or stream got data (wakes blocked clients). */
  keyReady(db: Database, key: string): void {
    const hooks = this.hooks.keyReady;
    for (let i = 0; i < hooks.length; i++) hooks[i](db, key);
  }

  /**
   * Publishes a keyspace notification when `notify-keyspace-events` enables
   * its class (Redis's notifyKeyspaceEvent).
   */
  notify(type: number, event: string, key: string, dbId: number): void {
    const flags = this.config.settings.notifyKeyspaceEvents;
    if ((flags & type) === 0) return;
    const publish = this.hooks.publish;
    if (publish === undefined) return;
    if (flags & NOTIFY_KEYSPACE) publish("__keyspace@" + dbId + "__:" + key, event);
    if (flags & NOTIFY_KEYEVENT) publish("__keyevent@" + dbId + "__:" + event, key);
  }

  /** Called by a database when lazy or active expiry removed a key. */
  onExpired(db: Database, key: string): void {
    this.stats.expiredKeys++;
    this.keyModified(db, key);
    this.notify(1 << 8, "expired", key, db.id);
    const feeds = this.hooks.propagate;
    for (let i = 0; i < feeds.length; i++) feeds[i](db.id, ["DEL", key], undefined);
  }

  /**
   * One active expiry cycle, as Redis's activeExpireCycle: per database,
   * sample keys with a TTL and delete the expired ones, repeating while more
   * than a quarter of a sample was expired, within a time budget.
   */
  activeExpireCycle(budgetMs = 25): void {
    if (!this.activeExpire || this.expiryFrozen) return;
    const deadline = performance.now() + budgetMs;
    const now = this.now();
    for (let i = 0; i < this.dbs.length; i++) {
      const db = this.dbs[i];
      if (db.expires.size === 0) continue;
      let ttlSum = 0;
      let ttlSamples = 0;
      while (true) {
        let sampled = 0;
        let expired = 0;
        let it = this.expireCursor[i];
        if (it === undefined) it = this.expireCursor[i] = db.expires.entries();
        while (sampled < 20) {
          const next = it.next();
          if (next.done) {
            this.expireCursor[i] = undefined;
            break;
          }
          sampled++;
          const [key, when] = next.value;
          if (when <= now) {
            db.dict.delete(key);
            db.expires.delete(key);
            this.onExpired(db, key);
            expired++;
          } else {
            ttlSum += when - now;
            ttlSamples++;
          }
        }
        if (sampled === 0 || expired * 4 <= sampled || performance.now() > deadline) break;
      }
      if (ttlSamples > 0) {
        const avg = ttlSum / ttlSamples;
        db.avgTtl = db.avgTtl === 0 ? avg : (db.avgTtl / 50) * 49 + avg / 50;
      }
    }
  }

  /** Periodic work (called `hz` times a second by the server). */
  cron(): void {
    this.activeExpireCycle();
    for (const h of this.hooks.cron) h();
  }

  /** Writes a log line through the log hook (the server prints it). */
  log(level: "debug" | "verbose" | "notice" | "warning", message: string): void {
    this.hooks.log(level, message);
  }
}

function clip(s: string): string {
  return s.length > 128 ? s.slice(0, 128) : s;
}

/** Redis's wording for an unknown command, with up to 128 chars of arguments. */
function unknownCommand(argv: string[]): string {
  let args = "";
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += "'" + argv[i].slice(0, 128 - args.length) + "' ";
  }
  return ("ERR unknown command '" + clip(argv[0]) + "', with args beginning with: " + args)
    .replace(/[\r\n]/g, " ");
}
