/**
 * A client's state: selected database, protocol, authentication, name, reply
 * buffer and the hooks its connection gives (flush, close). In-process
 * clients have no connection; their hooks do nothing.
 *
 * @module
 */
import { ReplyWriter } from "../resp/writer.ts";
import type { Database } from "../store/database.ts";
import type { Engine } from "./engine.ts";

/** How CLIENT REPLY set the client. */
export type ReplyMode = "on" | "off" | "skip";

/** Client flags that dispatch tests. */
export const CLIENT_CLOSE_AFTER_REPLY = 1;
export const CLIENT_MULTI = 2;
export const CLIENT_DIRTY_EXEC = 4;
export const CLIENT_PUBSUB = 8;
export const CLIENT_MONITOR = 16;
export const CLIENT_BLOCKED = 32;
export const CLIENT_CLOSED = 64;
export const CLIENT_REPLICA = 128;
export const CLIENT_MASTER = 256;
export const CLIENT_NO_EVICT = 512;
export const CLIENT_SCRIPT = 1024;
export const CLIENT_READONLY_SCRIPT = 2048;
export const CLIENT_TRACKING = 4096;
/** A WATCHed key changed: EXEC will fail. */
export const CLIENT_DIRTY_CAS = 1 << 13;
/** Blocking commands act as their non-blocking forms (inside EXEC, scripts). */
export const CLIENT_DENY_BLOCKING = 1 << 14;
/** Scheduled to be closed (output buffer limits): nothing more is written to it. */
export const CLIENT_CLOSE_ASAP = 1 << 15;
/** Tracking options (CLIENT TRACKING), shown by CLIENT LIST flags t/R/B. */
export const CLIENT_TRACKING_BROKEN_REDIR = 1 << 16;
export const CLIENT_TRACKING_BCAST = 1 << 17;
export const CLIENT_TRACKING_OPTIN = 1 << 18;
export const CLIENT_TRACKING_OPTOUT = 1 << 19;
export const CLIENT_TRACKING_CACHING = 1 << 20;
export const CLIENT_TRACKING_NOLOOP = 1 << 21;

/** Where a client comes from, for CLIENT LIST and CLIENT KILL. */
export interface ClientOrigin {
  /** `ip:port` of the peer, or `/path:0` for a Unix socket, or empty in-process. */
  addr: string;
  /** `ip:port` of our end. */
  laddr: string;
  /** A number standing for the socket (Redis prints the fd). */
  fd: number;
  /** True for a Unix socket or loopback peer (for enable-debug-command local). */
  local: boolean;
}

/**
 * One client.
 *
 * @example
 * ```ts
 * const c = engine.createClient();
 * engine.execute(c, ["SET", "k", "v"]);
 * c.reply.take(); // "+OK\r\n"
 * ```
 */
export class Client {
  readonly id: number;
  readonly engine: Engine;
  db: Database;
  readonly reply: ReplyWriter = new ReplyWriter();
  flags = 0;
  name = "";
  libName = "";
  libVer = "";
  user = "default";
  authenticated: boolean;
  replyMode: ReplyMode = "on";
  readonly origin: ClientOrigin;
  /** Creation time in ms. */
  readonly createdAt: number;
  /** Last time a command arrived, in ms (CLIENT LIST idle). */
  lastInteraction: number;
  /** Name of the last command run (CLIENT LIST cmd). */
  lastCommand = "NULL";
  /** Bytes in the query buffer and pending output, reported by the connection. */
  queryBufferBytes = 0;
  /** Most query bytes buffered at once since CLIENT LIST's buffer model last looked (Redis's querybuf_peak). */
  queryBufferPeak = 0;
  outputBufferBytes = 0;
  /** Total bytes read and written (CLIENT INFO tot-net-in / tot-net-out). */
  netIn = 0;
  netOut = 0;
  /** Ask the connection to send what is in {@link Client.reply} now (for replies outside a read, e.g. pub/sub). */
  flush: () => void = noop;
  /** Ask the connection to close. */
  close: () => void = noop;
  /**
   * Ask the connection to go on with the commands it held while the client
   * was blocked (CLIENT_BLOCKED: a blocking command, or CLIENT PAUSE).
   * Called from a microtask after the client was unblocked.
   */
  resume: () => void = noop;
  /**
   * While CLIENT REPLY OFF/SKIP silences a command's replies: the reply length
   * to cut back to after the command (-1 otherwise). Push writers (pub/sub,
   * tracking) cut non-push output and move it past their push, as Redis lets
   * pushes through.
   */
  muteMark = -1;
  /**
   * What to replicate instead of the command as sent, set by a handler that
   * rewrites its command for propagation (Redis's rewriteClientCommandVector,
   * e.g. SET .. EX becoming SET .. PXAT); the engine clears it after each call.
   * An empty array propagates nothing (the handler fed its own commands).
   */
  propagateArgv: string[] | undefined = undefined;
  /** Per-feature state owned by other modules (transactions, pub/sub, blocking, tracking), keyed by module. */
  readonly ext: Record<string, unknown> = {};

  constructor(id: number, engine: Engine, db: Database, origin: ClientOrigin, now: number) {
    this.id = id;
    this.engine = engine;
    this.db = db;
    this.origin = origin;
    this.createdAt = now;
    this.lastInteraction = now;
    this.authenticated = engine.config.settings.requirepass === "";
  }

  /** RESP version in use. */
  get protocol(): 2 | 3 {
    return this.reply.protocol;
  }

  set protocol(v: 2 | 3) {
    this.reply.protocol = v;
  }
}

function noop(): void {}
