/**
 * Ferrous: a Redis 7.0 compatible server for Deno and Bun.
 *
 * Start a real server in-process (for tests or an app), or drive the engine
 * without any socket.
 *
 * @example
 * ```ts
 * import { startServer } from "@ferrous/server";
 * await using server = await startServer({ port: 0 });
 * console.log(server.url); // redis://127.0.0.1:PORT
 * ```
 *
 * @module
 */
import { Config } from "./lib/config/config.ts";
import { ConfigError } from "./lib/config/error.ts";
import { applyDefaults, inProcessDefaults, serverDefaults } from "./lib/config/embedded.ts";
import { type Clock, ManualClock } from "./lib/core/clock.ts";
import type { Client } from "./lib/core/client.ts";
import type { Engine } from "./lib/core/engine.ts";
import { decodeReply, type ReplyValue } from "./lib/resp/decode.ts";
import { createEngine, type FerrousServer, startFerrous } from "./lib/server/server.ts";
import { FERROUS_VERSION, REDIS_VERSION } from "./lib/version.ts";

export { FERROUS_VERSION, ManualClock, REDIS_VERSION };
export type { Clock, ReplyValue };

/** Configuration for {@link startServer} and {@link createInProcess}: any redis.conf directive, by its name. */
export interface ServerOptions {
  /** TCP port; 0 (the default here) picks a free one. */
  port?: number;
  /** Address to bind; default `127.0.0.1`. */
  bind?: string;
  /** A clock to control expiry from tests (see {@link ManualClock}). */
  clock?: Clock;
  /** Receives log lines; silent by default. */
  log?: (level: string, message: string) => void;
  /** Any other redis.conf directive, e.g. `{ requirepass: "secret", databases: 4 }`. */
  [directive: string]:
    | string
    | number
    | boolean
    | Clock
    | ((level: string, message: string) => void)
    | undefined;
}

const buildConfig =
  ((function eager() {})(),
    function buildConfig(options: ServerOptions, defaults: Array<[string, unknown]>): Config {
      const config = new Config();
      applyDefaults(config, defaults);
      for (const [name, value] of Object.entries(options)) {
        if (name === "clock" || name === "log" || value === undefined) continue;
        const text = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
        try {
          config.set(name, text, true);
        } catch (e) {
          if (e instanceof ConfigError) throw new Error(`Invalid option '${name}': ${e.message}`);
          throw e;
        }
      }
      return config;
    });

/**
 * A server started by {@link startServer}.
 *
 * @example
 * ```ts
 * const server = await startServer();
 * await server.flushAll();
 * await server.close();
 * ```
 */
export interface RunningServer extends AsyncDisposable {
  /** The TCP port it listens on. */
  readonly port: number;
  /** The host it listens on. */
  readonly hostname: string;
  /** `redis://host:port`, for client constructors. */
  readonly url: string;
  /** Removes every key of every database, at once (no socket round trip). */
  flushAll(): Promise<void>;
  /** Runs a command in-process, as an authenticated client, and returns its decoded reply. */
  call(...argv: (string | number | Uint8Array)[]): ReplyValue;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

/**
 * Starts a server on `127.0.0.1` and a free port (unless `port` is given).
 *
 * @example
 * ```ts
 * import { startServer } from "@ferrous/server";
 * import Redis from "ioredis";
 * await using server = await startServer();
 * const redis = new Redis(server.port);
 * await redis.set("k", "v");
 * ```
 */
export function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startEmbedded(options);
}

// startServer's work, marked (startServer stays a declaration for JSR's
// types): compiled with the module rather than on the first call, as an
// async function would be (see "Start-up" in the README).
const startEmbedded = ((function eager() {})(), function startEmbedded(
  options: ServerOptions,
): Promise<RunningServer> {
  let config: Config;
  try {
    config = buildConfig(options, serverDefaults());
  } catch (e) {
    // Bad options reject, as from an async function.
    return Promise.reject(e);
  }
  return startFerrous({ config, clock: options.clock, log: options.log }).then(
    ((function eager() {})(), function running(server: FerrousServer): RunningServer {
      const hostname = config.settings.bind[0] ?? "127.0.0.1";
      // Created on first use, so an embedded server shows no extra client in
      // CLIENT LIST or INFO until the test calls call() or flushAll().
      let local: InProcess | undefined;
      const inProcess = () => {
        if (local !== undefined) return local;
        local = new InProcess(server.engine);
        // The embedder owns the server: its calls need no AUTH (else flushAll()
        // would silently fail under requirepass).
        local.client.authenticated = true;
        return local;
      };
      return {
        port: server.port,
        hostname,
        url: `redis://${hostname}:${server.port}`,
        flushAll() {
          inProcess().call("FLUSHALL");
          return Promise.resolve();
        },
        call: (...argv) => inProcess().call(...argv),
        close: () => server.close(),
        [Symbol.asyncDispose]: () => server.close(),
      };
    }),
  );
});

/**
 * An engine driven without any socket: the fastest way to run commands in
 * unit tests. Replies are decoded from the exact bytes a client would get.
 *
 * @example
 * ```ts
 * const redis = createInProcess();
 * redis.call("SET", "k", "v"); // "OK"
 * redis.call("GET", "k"); // "v"
 * ```
 */
export class InProcess {
  /** The engine (for advanced use: hooks, databases). */
  readonly engine: Engine;
  /** The client the calls run as. */
  readonly client: Client;

  constructor(engine: Engine) {
    this.engine = engine;
    this.client = engine.createClient();
  }

  /** Runs one command and returns its decoded reply (errors come back as {@link ReplyError} values, not thrown). */
  call(...argv: (string | number | Uint8Array)[]): ReplyValue {
    return decodeReply(this.callRaw(...argv));
  }

  /** Runs one command and returns the exact reply bytes. */
  callRaw(...argv: (string | number | Uint8Array)[]): Uint8Array {
    const args = argv.map(toBinaryString);
    this.engine.startBatch(this.client);
    this.engine.execute(this.client, args);
    this.engine.endBatch();
    return this.client.reply.take();
  }
}

/** Creates an in-process engine. Takes the same options as {@link startServer}. */
export function createInProcess(options: ServerOptions = {}): InProcess {
  const config = buildConfig(options, inProcessDefaults());
  return new InProcess(createEngine({ config, clock: options.clock }));
}

export { ReplyError } from "./lib/resp/decode.ts";

function toBinaryString(v: string | number | Uint8Array): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    // UTF-8 encode, then one char per byte: what a socket client would send.
    const bytes = new TextEncoder().encode(v);
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 127) ascii = false;
    if (ascii) return v;
    v = bytes;
  }
  let s = "";
  for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i]);
  return s;
}
