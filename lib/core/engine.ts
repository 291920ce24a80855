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
import { ActiveExpireCycle } from "../store/expire-cycle.ts";
import { accessClockFor } from "../store/object-info.ts";
import {
  Client,
  CLIENT_CLOSE_AFTER_REPLY,
  CLIENT_CLOSED,
  CLIENT_MULTI,
  type ClientOrigin,
} from "./client.ts";
import {
  CMD_FAST,
  CMD_NO_AUTH,
  CMD_PROTECTED,
  CMD_WRITE,
  type Command,
  type CommandDefinition,
} from "./command.ts";
import { RedisError, wrongArity } from "./errors.ts";
import { type Clock, SystemClock } from "./clock.ts";
import { createHooks, type Hooks } from "./hooks.ts";
import { createStats, type Stats } from "./stats.ts";
import { CommandTable } from "./command-table.ts";

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
  /** Commands by name, built on first lookup. */
  readonly commands: CommandTable;
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
  private frozenByRole = false;
  /** Set while CLIENT PAUSE is in effect: expired keys are kept, as Redis does during a pause. */
  expiryPaused = false;
  /** True while keyModified runs for an expired key (the change is no client's). */
  expiring = false;
  /** Set by DEBUG SET-ACTIVE-EXPIRE. */
  activeExpire = true;
  /** Set by DEBUG PAUSE-CRON: the periodic work is skipped. */
  cronPaused = false;
  readonly startTime: number;

  /** True when expiry must not delete keys (a replica, or clients paused). */
  get expiryFrozen(): boolean {
    return this.frozenByRole || this.expiryPaused;
  }

  set expiryFrozen(v: boolean) {
    this.frozenByRole = v;
  }

  /** Batch timing (see startBatch/endBatch). */
  private batchStart = 0;
  private batchExact = 0;
  private batchFast = 0;
  /** Open startBatch calls; outside a batch every command is timed by itself. */
  private batchDepth = 0;
  private readonly sharedCmds: Command[] = [];
  private readonly sharedClients: Client[] = [];
  private readonly sharedArgv: string[][] = [];
  /** The argument vector of an individually timed call, as its hooks take it (a run of one). */
  private readonly timedArgv: string[][] = [[]];
  private nextClientId = 1;
  /** State of active expiry across cron calls (INFO reads its counters). */
  readonly expireCycle: ActiveExpireCycle = new ActiveExpireCycle();
  /** What a key access stamps (see lib/store/object-info.ts); set per batch and by the cron. */
  accessClock = 0;

  constructor(options: EngineOptions) {
    this.config = options.config ?? new Config();
    this.clock = options.clock ?? new SystemClock();
    this.dbs = [];
    for (let i = 0; i < this.config.settings.databases; i++) this.dbs.push(new Database(i, this));
    this.commands = new CommandTable(options.commands);
    this.startTime = this.clock.now();
    this.accessClock = accessClockFor(this.startTime, this.config.settings.maxmemoryPolicy);
  }

  /** Adds a command to the table (replacing one of the same name) and returns it built. */
  register(def: CommandDefinition): Command {
    this.commands.define(def);
    return this.commands.get(def.name)!;
  }

  /** Every command, in registration order (COMMAND LIST/COUNT/INFO, INFO commandstats). */
  get commandList(): readonly Command[] {
    return this.commands.list();
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
  declare createClient: (origin?: ClientOrigin) => Client;

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
  declare lookup: (argv: string[]) => Command | string;

  /**
   * Marks the start of a batch of commands from `client` (one read chunk, or
   * one in-process call): the time base for command timing and the client's
   * last interaction time.
   */
  declare startBatch: (client: Client) => void;

  /**
   * Ends a batch: the time not spent in individually timed commands is shared
   * among the cheap commands of the batch (see {@link Engine.call}). Reading
   * the clock twice per cheap command would cost more than the command on
   * some runtimes (performance.now is ~80 ns on Deno); at pipeline 1 a batch
   * is one command, so its time is exact.
   */
  declare endBatch: () => void;

  /**
   * Runs one command from a client, as Redis's processCommand: lookup, arity,
   * authentication, interceptors (transactions, pub/sub), then the handler.
   * The reply goes to `client.reply`.
   */
  declare execute: (client: Client, argv: string[]) => void;

  declare private dispatch: (client: Client, argv: string[]) => void;

  /** enable-debug-command / enable-module-command: `yes`, or `local` for loopback and Unix socket clients. */
  private protectedAllowed(client: Client, cmd: Command): boolean {
    const s = this.config.settings;
    const mode = (cmd.parent ?? cmd).name === "debug"
      ? s.enableDebugCommand
      : s.enableModuleCommand;
    return mode === "yes" || (mode === "local" && client.origin.local);
  }

  /** Replies a rejection (counted in commandstats as rejected, as Redis does). */
  reject(client: Client, message: string, cmd: Command | undefined): void {
    if (cmd) cmd.stats.rejectedCalls++;
    this.stats.rejectedCalls++;
    // Inside MULTI a rejection dooms the transaction (EXECABORT), as Redis's
    // flagTransaction; a rejected EXEC answers EXECABORT even outside MULTI.
    const isExec = cmd !== undefined && cmd.parent === undefined && cmd.name === "exec";
    if (
      (client.flags & CLIENT_MULTI || isExec) && this.hooks.rejectInMulti?.(client, message, cmd)
    ) return;
    client.reply.error(message);
  }

  /**
   * Calls a command's handler with stats, error capture and propagation.
   * Used by dispatch, EXEC and scripts.
   */
  declare call: (client: Client, cmd: Command, argv: string[]) => void;

  /**
   * Signals that `key` changed (Redis's signalModifiedKey): invalidates
   * WATCHes and client-side caches.
   */
  keyModified(db: Database, key: string): void {
    const hooks = this.hooks.keyModified;
    for (let i = 0; i < hooks.length; i++) hooks[i](db, key);
  }

  /**
   * Signals that every key of a database changed, or of all when db is
   * undefined (Redis's signalFlushedDb / touchAllWatchedKeysInDb). Call it
   * BEFORE the data changes: WATCH checks which watched keys exist. FLUSHDB:
   * `dbModified(db)`; FLUSHALL: `dbModified(undefined)`; SWAPDB a b: before
   * swapping, `dbModified(a, b)` and `dbModified(b, a)` (`replacedWith` is the
   * database whose contents will replace `db`'s).
   */
  dbModified(db: Database | undefined, replacedWith?: Database): void {
    const hooks = this.hooks.dbModified;
    for (let i = 0; i < hooks.length; i++) hooks[i](db, replacedWith);
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
    // Expiry is nobody's change: tracking's NOLOOP must not filter it.
    this.expiring = true;
    this.keyModified(db, key);
    this.expiring = false;
    this.notify(1 << 8, "expired", key, db.id);
    const feeds = this.hooks.propagate;
    if (feeds.length === 0) return;
    // Redis's propagateDeletion: UNLINK when lazyfree-lazy-expire is on.
    const argv = [this.config.settings.lazyfreeLazyExpire ? "UNLINK" : "DEL", key];
    for (let i = 0; i < feeds.length; i++) feeds[i](db.id, argv, undefined);
  }

  /**
   * One active expiry cycle, as Redis's activeExpireCycle (see
   * lib/store/expire-cycle.ts). Off while DEBUG SET-ACTIVE-EXPIRE 0 (either
   * flag), on replicas and while clients are paused.
   */
  activeExpireCycle(): void {
    if (!this.activeExpire || !this.config.settings.activeExpireEnabled || this.expiryFrozen) {
      this.expireCycle.reset();
      return;
    }
    this.expireCycle.run(this);
  }

  /** Periodic work (called `hz` times a second by the server). */
  cron(): void {
    if (this.cronPaused) return;
    this.accessClock = accessClockFor(this.clock.now(), this.config.settings.maxmemoryPolicy);
    this.activeExpireCycle();
    for (const h of this.hooks.cron) h();
  }

  /** Writes a log line through the log hook (the server prints it). */
  log(level: "debug" | "verbose" | "notice" | "warning", message: string): void {
    this.hooks.log(level, message);
  }

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    Engine.prototype.createClient = ((function eager() {})(), function createClient(
      this: Engine,
      origin: ClientOrigin = IN_PROCESS,
    ): Client {
      const c = new Client(this.nextClientId++, this, this.dbs[0], origin, this.now());
      c.reply.onError = this.countError;
      this.clients.set(c.id, c);
      this.stats.totalConnections++;
      return c;
    });

    Engine.prototype.lookup = ((function eager() {})(), function lookup(
      this: Engine,
      argv: string[],
    ): Command | string {
      const name = argv[0];
      let cmd = this.commands.get(name);
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
    });

    Engine.prototype.startBatch = ((function eager() {})(), function startBatch(
      this: Engine,
      client: Client,
    ): void {
      // A batch started inside another (a blocked client resumed by a command)
      // joins the outer one.
      if (this.batchDepth++ === 0) {
        this.batchStart = performance.now();
        this.batchExact = 0;
        this.batchFast = 0;
      }
      const now = this.clock.now();
      client.lastInteraction = now;
      this.accessClock = accessClockFor(now, this.config.settings.maxmemoryPolicy);
    });

    Engine.prototype.endBatch = ((function eager() {})(), function endBatch(
      this: Engine,
    ): void {
      if (this.batchDepth > 0 && --this.batchDepth > 0) return;
      const n = this.batchFast;
      if (n === 0) return;
      const elapsed = performance.now() - this.batchStart - this.batchExact;
      const per = elapsed > 0 ? (elapsed * 1000) / n : 0;
      const cmds = this.sharedCmds;
      const clients = this.sharedClients;
      const argvs = this.sharedArgv;
      const timed = this.hooks.commandTimed;
      // Runs of the same command from the same client (a pipeline) are
      // reported once: the hooks cost ~15% of a PING when called per command.
      for (let i = 0; i < n;) {
        const cmd = cmds[i];
        const client = clients[i];
        let end = i + 1;
        while (end < n && cmds[end] === cmd && clients[end] === client) end++;
        const count = end - i;
        cmd.stats.usec += per * count;
        for (let j = 0; j < timed.length; j++) timed[j](client, cmd, argvs, i, count, per);
        i = end;
      }
      for (let i = 0; i < n; i++) {
        cmds[i] = undefined!;
        clients[i] = undefined!;
        argvs[i] = undefined!;
      }
      this.batchFast = 0;
    });

    Engine.prototype.execute = ((function eager() {})(), function execute(
      this: Engine,
      client: Client,
      argv: string[],
    ): void {
      if (client.replyMode === "on") {
        this.dispatch(client, argv);
        return;
      }
      // CLIENT REPLY OFF/SKIP: every reply of this command is dropped, rejections
      // included (pushes still go out: their writers move muteMark past them).
      const reply = client.reply;
      const before = client.replyMode;
      client.muteMark = reply.len;
      this.dispatch(client, argv);
      const mark = client.muteMark;
      client.muteMark = -1;
      // Only CLIENT REPLY ON (or RESET) turns replies back on, and its own reply goes out.
      const after: string = client.replyMode;
      if (after !== "on") reply.len = mark;
      if (before === "skip" && after === "skip" && client.lastCommand !== "client|reply") {
        client.replyMode = "on";
      }
    });

    Engine.prototype.dispatch = ((function eager() {})(), function dispatch(
      this: Engine,
      client: Client,
      argv: string[],
    ): void {
      const reply = client.reply;
      const found = this.lookup(argv);
      if (typeof found === "string") {
        client.lastCommand = "NULL";
        if (argv[0].length === 4 && argv[0].toLowerCase() === "quit") {
          reply.ok();
          client.flags |= CLIENT_CLOSE_AFTER_REPLY;
          return;
        }
        this.reject(client, found, undefined);
        return;
      }
      const cmd = found;
      // As Redis's processCommand: CLIENT LIST shows the command being run (or rejected).
      client.lastCommand = cmd.fullName;
      const arity = cmd.arity;
      if ((arity > 0 && argv.length !== arity) || argv.length < -arity) {
        this.reject(client, wrongArity(cmd.fullName), cmd);
        return;
      }
      if ((cmd.bits & CMD_PROTECTED) !== 0 && !this.protectedAllowed(client, cmd)) {
        const debug = (cmd.parent ?? cmd).name === "debug";
        this.reject(
          client,
          "ERR " + (debug ? "DEBUG" : "MODULE") + " command not allowed. If the " +
            (debug ? "enable-debug-command" : "enable-module-command") +
            ' option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
          cmd,
        );
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
      this.call(client, cmd, argv);
    });

    Engine.prototype.call = ((function eager() {})(), function call(
      this: Engine,
      client: Client,
      cmd: Command,
      argv: string[],
    ): void {
      const prevCurrent = this.current;
      this.current = client;
      const stats = cmd.stats;
      const errorsBefore = this.stats.totalErrorReplies;
      const dirtyBefore = this.dirty;
      // Top-level cheap commands share their batch's time (see endBatch): the
      // ones flagged fast (O(1)) and those whose calls so far averaged under
      // 20 us. The others, and nested calls, are timed one by one.
      const shared = prevCurrent === undefined && this.batchDepth > 0 &&
        ((cmd.bits & CMD_FAST) !== 0 || (stats.calls >= 8 && stats.usec < stats.calls * 20));
      const start = shared ? 0 : performance.now();
      const reply = client.reply;
      const replyLen = reply.len;
      const replyCount = reply.count;
      try {
        cmd.handler!(client, argv);
      } catch (e) {
        // Drop what the handler wrote before failing: half a reply followed by
        // an error would desynchronize the client for every later reply.
        if (reply === client.reply && reply.len >= replyLen) {
          reply.len = replyLen;
          reply.count = replyCount;
        }
        if (e instanceof RedisError) client.reply.error(e.message);
        else {
          client.reply.error("ERR " + (e instanceof Error ? e.message : String(e)));
          this.log("warning", "Command '" + cmd.fullName + "' failed: " + (e as Error)?.stack);
        }
      }
      if (shared) {
        const i = this.batchFast++;
        this.sharedCmds[i] = cmd;
        this.sharedClients[i] = client;
        this.sharedArgv[i] = argv;
      } else {
        const ms = performance.now() - start;
        if (prevCurrent === undefined) this.batchExact += ms;
        stats.usec += ms * 1000;
        const timed = this.hooks.commandTimed;
        if (timed.length !== 0) {
          const one = this.timedArgv;
          one[0] = argv;
          for (let i = 0; i < timed.length; i++) timed[i](client, cmd, one, 0, 1, ms * 1000);
          one[0] = undefined!;
        }
      }
      stats.calls++;
      this.stats.totalCommands++;
      if (this.stats.totalErrorReplies !== errorsBefore) stats.failedCalls++;
      this.current = prevCurrent;
      const rewritten = client.propagateArgv;
      if (rewritten !== undefined) client.propagateArgv = undefined;
      // An empty rewrite means the command propagated its effects itself
      // (Redis's preventCommandPropagation, e.g. XREADGROUP as XCLAIMs).
      if (this.dirty !== dirtyBefore && (cmd.bits & CMD_WRITE) !== 0 && rewritten?.length !== 0) {
        const pargv = rewritten ?? argv;
        const feeds = this.hooks.propagate;
        for (let i = 0; i < feeds.length; i++) feeds[i](client.db.id, pargv, client);
      }
      const after = this.hooks.afterCommand;
      for (let i = 0; i < after.length; i++) after[i](client, cmd, argv);
    });
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
