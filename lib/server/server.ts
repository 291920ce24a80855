/**
 * A running server: an engine, its listeners (TCP per bind address and an
 * optional Unix socket) and the periodic cron.
 *
 * @module
 */
import { Config, ConfigError } from "../config/config.ts";
import type { Clock } from "../core/clock.ts";
import { Engine } from "../core/engine.ts";
import { ALL_COMMANDS } from "../commands/mod.ts";
import { installFeatures } from "../features.ts";
import { pickTransport } from "../transport/mod.ts";
import type { Connection, Listen, Listener } from "../transport/types.ts";
import { serveConnection } from "./connection.ts";
import { installIdleTimeout } from "./idle.ts";

/** Options for {@link startFerrous}. */
export interface FerrousOptions {
  /** Configuration, already filled in. */
  config?: Config;
  /** Clock for the engine (a ManualClock in tests). */
  clock?: Clock;
  /** Log sink; defaults to nothing. */
  log?: (level: string, message: string) => void;
  /** Called after SHUTDOWN closed the server (the command line exits the process here). */
  onShutdown?: () => void;
}

/** A running server. */
export class FerrousServer {
  readonly engine: Engine;
  readonly listeners: Listener[] = [];
  private cronTimer: ReturnType<typeof setInterval> | undefined;
  private connections = new Set<Connection>();
  private nextFd = 8;
  private closed = false;

  constructor(engine: Engine) {
    this.engine = engine;
    this.accept = this.acceptConnection.bind(this);
  }

  /** The first TCP port listened on (0 when only a Unix socket is used). */
  get port(): number {
    return this.listeners.find((l) => l.port !== 0)?.port ?? 0;
  }

  /** Accepts a connection from a transport (bound: transports call it as a function). */
  readonly accept: (conn: Connection) => void;

  declare private acceptConnection: (conn: Connection) => void;

  /** Stops the cron. */
  stopCron(): void {
    if (this.cronTimer !== undefined) clearInterval(this.cronTimer);
    this.cronTimer = undefined;
  }

  /** Starts the cron at `hz`. */
  startCron(): void {
    const hz = this.engine.config.settings.hz;
    this.cronTimer = setInterval(() => this.engine.cron(), Math.max(1, Math.floor(1000 / hz)));
  }

  /** Stops listening, closes every connection and the cron. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    if (this.cronTimer !== undefined) clearInterval(this.cronTimer);
    for (const l of this.listeners) l.close();
    for (const c of this.connections) c.close();
    for (const client of [...this.engine.clients.values()]) client.close();
    return Promise.resolve();
  }

  static {
    // Methods a first connection runs, compiled with the module (README, "Start-up").
    FerrousServer.prototype.acceptConnection = ((function eager() {})(), function acceptConnection(
      this: FerrousServer,
      conn: Connection,
    ): void {
      if (this.closed) {
        conn.close();
        return;
      }
      const max = this.engine.config.settings.maxclients;
      if (this.engine.clients.size >= max) {
        this.engine.stats.rejectedConnections++;
        const w = conn.writable.getWriter();
        w.write(new TextEncoder().encode("-ERR max number of clients reached\r\n"))
          .finally(() => conn.close());
        return;
      }
      this.connections.add(conn);
      serveConnection(this.engine, conn, this.nextFd++).finally(() =>
        this.connections.delete(conn)
      );
    });
  }
}

/** Creates an engine with every command and feature installed. */
export const createEngine =
  ((function eager() {})(),
    function createEngine(options: { config?: Config; clock?: Clock } = {}): Engine {
      const engine = new Engine({
        config: options.config,
        clock: options.clock,
        commands: ALL_COMMANDS,
      });
      installFeatures(engine);
      return engine;
    });

/** Starts a server: listens as the config says (bind, port, unixsocket). */
// Not async, so that it can be marked: an async function is compiled on its
// first call (see "Start-up" in the README).
export const startFerrous = ((function eager() {})(), function startFerrous(
  options: FerrousOptions = {},
): Promise<FerrousServer> {
  let config: Config, engine: Engine, server: FerrousServer, listen: Listen;
  try {
    config = options.config ?? new Config();
    engine = createEngine({ config, clock: options.clock });
    if (options.log) engine.hooks.log = options.log;
    server = new FerrousServer(engine);
    listen = pickTransport();
  } catch (e) {
    // A failure rejects, as from an async function.
    return Promise.reject(e);
  }
  engine.hooks.shutdown = () => {
    server.close().then(() => options.onShutdown?.());
  };
  return listenAll(server, listen, config).then(
    ((function eager() {})(), function serve(): FerrousServer {
      installIdleTimeout(engine);
      server.startCron();
      followListenConfig(server, listen, config);
      return server;
    }),
  );
});

/** Listens as `config` says; on a failure closes `server` and rejects. */
async function listenAll(server: FerrousServer, listen: Listen, config: Config): Promise<void> {
  const s = config.settings;
  try {
    if (s.port !== 0 || s.unixsocket === "") {
      server.listeners.push(...await listenTcp(listen, s.bind, s.port, server.accept));
      if (s.port === 0 && server.listeners.length > 0) {
        // CONFIG GET port shows the port picked.
        config.setParsed("port", BigInt(server.listeners[0].port));
      }
    }
    if (s.unixsocket !== "") {
      const mode = s.unixsocketperm === 0 ? undefined : s.unixsocketperm;
      server.listeners.push(
        await listen({ kind: "unix", path: s.unixsocket, mode }, server.accept),
      );
    }
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** CONFIG SET port/bind re-listen (a failure makes CONFIG SET roll back); hz restarts the cron. */
const followListenConfig = ((function eager() {})(), function followListenConfig(
  server: FerrousServer,
  listen: Listen,
  config: Config,
): void {
  const s = config.settings;
  const relisten = (port: number, bind: string[], error: string) => {
    let pending: Promise<Listener[]>;
    try {
      pending = listenTcp(listen, bind, port, server.accept);
    } catch {
      throw new ConfigError(error);
    }
    pending.then((fresh) => {
      const old = server.listeners.filter((l) => l.port !== 0);
      for (const l of old) l.close();
      server.listeners.splice(
        0,
        server.listeners.length,
        ...fresh,
        ...server.listeners.filter((l) => l.port === 0),
      );
    }, (e) => server.engine.log("warning", "Failed to re-listen: " + (e as Error).message));
  };
  config.onApply(
    "port",
    (_name, value) =>
      relisten(Number(value), s.bind, "Unable to listen on this port. Check server logs."),
  );
  config.onApply("bind", () => relisten(s.port, s.bind, "Failed to bind to specified addresses."));
  config.onApply("hz", () => {
    server.stopCron();
    server.startCron();
  });
});

/**
 * Listens on every address of `bind` (a leading `-` marks an address that
 * may fail, as in Redis). Deno's and Bun's listen throw synchronously when
 * an address is taken, which lets CONFIG SET report the failure at once.
 */
const listenTcp = ((function eager() {})(), function listenTcp(
  listen: Listen,
  bind: string[],
  port: number,
  accept: (c: Connection) => void,
): Promise<Listener[]> {
  const hosts = bind.length === 0 ? ["0.0.0.0"] : bind;
  const pending: Promise<Listener | null>[] = [];
  for (const raw of hosts) {
    const optional = raw.startsWith("-");
    const host = optional ? raw.slice(1) : raw;
    const hostname = host === "*" ? "0.0.0.0" : host === "::*" ? "::" : host;
    try {
      const p = listen({ kind: "tcp", hostname, port }, accept);
      pending.push(optional ? p.catch(() => null) : p);
    } catch (e) {
      if (!optional) {
        Promise.all(pending).then((ls) => ls.forEach((l) => l?.close()), () => {});
        throw e;
      }
    }
  }
  return Promise.all(pending).then((ls) => ls.filter((l): l is Listener => l !== null));
});
