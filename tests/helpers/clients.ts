/**
 * The real clients the e2e tests drive, behind one small interface that
 * sends an argv and returns the reply in a common shape ({@link Reply}), so
 * that data-driven cases run unchanged through every client.
 *
 * Shape of a normalized reply: bulk and simple strings are binary strings
 * (one char per byte), integers are numbers, nil is null, arrays and sets are
 * arrays, maps are flat `[k1, v1, k2, v2]` arrays, RESP3 booleans are 1 or 0,
 * errors are `{ error: "ERR full text" }`. Doubles come back as each client
 * gives them (a string in RESP2; cases set `expect3` where that differs).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";
import { Redis as IORedis } from "ioredis";
import { createClient, RESP_TYPES } from "redis";
import { latin1 } from "./resp.ts";

/** Longest a client may take to connect or to answer one command. */
export const CLIENT_TIMEOUT_MS = 15000;

/** Resolves as `p` does, or rejects after `ms` with a message naming `what`. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A reply in the common shape. */
export type Reply = string | number | null | Reply[] | { error: string };

/** How to connect. */
export interface ConnectOptions {
  port: number;
  host?: string;
  protocol: 2 | 3;
  /** Password of the default user, sent by the client when it connects. */
  password?: string;
}

/** One connection of a client library. */
export interface ClientConnection {
  call(argv: string[]): Promise<Reply>;
  close(): Promise<void>;
}

/** A client library the tests can use. */
export interface ClientKind {
  name: string;
  /** Protocols the library speaks. */
  protocols: (2 | 3)[];
  /** Set when the library cannot run here (the reason), e.g. Bun's client under Deno. */
  unavailable?: string;
  connect(options: ConnectOptions): Promise<ClientConnection>;
}

function toBuffer(s: string): Buffer {
  return Buffer.from(s, "latin1");
}

/** Maps a JS value from a client library into the common shape. */
export function normalize(v: unknown): Reply {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Uint8Array) return latin1(v);
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Map) {
    const out: Reply[] = [];
    for (const [k, val] of v) out.push(normalize(k), normalize(val));
    return out;
  }
  if (v instanceof Set) return [...v].map(normalize);
  if (v instanceof Error) return { error: v.message };
  if (typeof v === "object") {
    const out: Reply[] = [];
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      out.push(k, normalize(val));
    }
    return out;
  }
  return String(v);
}

/** ioredis (6), speaking RESP2 or RESP3 (its default), with Buffers both ways. */
export const ioredis: ClientKind = {
  name: "ioredis",
  protocols: [2, 3],
  async connect(o) {
    const r = new IORedis({
      port: o.port,
      host: o.host ?? "127.0.0.1",
      protocol: o.protocol,
      password: o.password,
      lazyConnect: true,
      // The ready check sends INFO; the INFO family has its own test.
      enableReadyCheck: false,
      connectTimeout: CLIENT_TIMEOUT_MS,
      commandTimeout: CLIENT_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    r.on("error", () => {});
    await r.connect();
    return {
      async call(argv) {
        try {
          return normalize(await r.callBuffer(argv[0], ...argv.slice(1).map(toBuffer)));
        } catch (e) {
          return { error: (e as Error).message };
        }
      },
      close: async () => {
        r.disconnect();
        await Promise.resolve();
      },
    };
  },
};

/** node-redis (the `redis` package, v6), RESP2 or RESP3, bulk strings mapped to Buffers. */
export const nodeRedis: ClientKind = {
  name: "node-redis",
  protocols: [2, 3],
  async connect(o) {
    const c = createClient({
      socket: {
        port: o.port,
        host: o.host ?? "127.0.0.1",
        reconnectStrategy: false,
        connectTimeout: CLIENT_TIMEOUT_MS,
      },
      RESP: o.protocol,
      password: o.password,
    }).withTypeMapping({
      [RESP_TYPES.BLOB_STRING]: Buffer,
      [RESP_TYPES.SIMPLE_STRING]: Buffer,
      [RESP_TYPES.VERBATIM_STRING]: Buffer,
    });
    c.on("error", () => {});
    await c.connect();
    return {
      async call(argv) {
        try {
          return normalize(await c.sendCommand(argv.map(toBuffer)));
        } catch (e) {
          return { error: (e as Error).message };
        }
      },
      close: async () => {
        try {
          c.destroy();
        } catch { /* closed already */ }
        await Promise.resolve();
      },
    };
  },
};

// deno-lint-ignore no-explicit-any
const BunGlobal = (globalThis as any).Bun;

/**
 * Bun's built-in client (`Bun.RedisClient`): only under Bun. It always says
 * `HELLO 3` first, so it speaks RESP3 only; replies are decoded as UTF-8, so
 * cases for it stay ASCII.
 */
export const bunRedis: ClientKind = {
  name: "Bun.RedisClient",
  protocols: [3],
  unavailable: BunGlobal?.RedisClient ? undefined : "Bun.RedisClient exists only under Bun",
  async connect(o) {
    const auth = o.password === undefined ? "" : `:${encodeURIComponent(o.password)}@`;
    const c = new BunGlobal.RedisClient(`redis://${auth}${o.host ?? "127.0.0.1"}:${o.port}`, {
      autoReconnect: false,
      enableOfflineQueue: false,
      connectionTimeout: CLIENT_TIMEOUT_MS,
    });
    await c.connect();
    return {
      async call(argv) {
        try {
          return normalize(await c.send(argv[0], argv.slice(1)));
        } catch (e) {
          return { error: (e as Error).message };
        }
      },
      close: async () => {
        c.close();
        await Promise.resolve();
      },
    };
  },
};

/** Debian's python3-redis (redis-py 4.3, RESP2 only); the system Python, not a pyenv one. */
export const PYTHON = "/usr/bin/python3";

/**
 * A Python program that runs batches of commands through redis-py and
 * prints the raw replies as JSON (bytes as latin1 text). Response callbacks
 * are cleared and error codes kept, so replies are what the server sent.
 */
const PY_RUNNER = String.raw`
import json, sys
import redis
from redis.connection import BaseParser
from redis.exceptions import ResponseError
BaseParser.parse_error = lambda self, response: ResponseError(response)

def norm(v):
    if isinstance(v, bytes):
        return v.decode("latin1")
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, ResponseError):
        return {"error": str(v)}
    return v

job = json.load(sys.stdin)
out = []
for case in job["cases"]:
    r = redis.Redis(host=job["host"], port=job["port"], password=case.get("password"),
                    socket_timeout=job["timeout"], socket_connect_timeout=job["timeout"])
    r.response_callbacks.clear()
    replies = []
    for argv in case["steps"]:
        args = [a.encode("latin1") for a in argv]
        try:
            replies.append(norm(r.execute_command(*args)))
        except ResponseError as e:
            replies.append({"error": str(e)})
        except Exception as e:
            replies.append({"error": "client: " + type(e).__name__ + ": " + str(e)})
    r.close()
    out.append(replies)
print(json.dumps(out))
`;

/** One case for {@link runPython}: a connection that sends `steps`. */
export interface PythonCase {
  steps: string[][];
  password?: string;
}

/** Runs cases through redis-py in one Python process; replies per case. */
export function runPython(port: number, cases: PythonCase[]): Promise<Reply[][]> {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, ["-c", PY_RUNNER], {
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 4 * CLIENT_TIMEOUT_MS,
    });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Uint8Array) => (out += new TextDecoder().decode(d)));
    p.stderr.on("data", (d: Uint8Array) => (err += new TextDecoder().decode(d)));
    p.on("error", reject);
    p.on("exit", (code, signal) => {
      if (code !== 0) reject(new Error(`python exited ${code ?? signal}: ${err}`));
      else resolve(JSON.parse(out));
    });
    const timeout = CLIENT_TIMEOUT_MS / 1000;
    p.stdin.end(JSON.stringify({ host: "127.0.0.1", port, timeout, cases }));
  });
}
