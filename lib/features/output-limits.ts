/**
 * `client-output-buffer-limit` for clients that receive data they did not
 * ask for (pub/sub messages, invalidations, MONITOR lines): a client whose
 * unsent output passes the hard limit, or stays above the soft limit longer
 * than the soft seconds, is closed, as Redis's checkClientOutputBufferLimits.
 *
 * @module
 */
import {
  type Client,
  CLIENT_CLOSE_ASAP,
  CLIENT_MASTER,
  CLIENT_MONITOR,
  CLIENT_PUBSUB,
  CLIENT_REPLICA,
} from "../core/client.ts";
import type { Engine } from "../core/engine.ts";

/** One class's limits: bytes (0 = none) and seconds. */
interface ClassLimit {
  hard: number;
  soft: number;
  softSeconds: number;
}

interface Limits {
  normal: ClassLimit;
  replica: ClassLimit;
  pubsub: ClassLimit;
}

const DEFAULTS = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

let cachedText = "";
let cached: Limits = parseLimits(DEFAULTS);

/** Parses a memory amount with Redis's units (`8mb`, `1gb`, `100k`). */
function parseMemory(s: string): number {
  const m = /^(\d+)([a-z]*)$/i.exec(s);
  if (m === null) return 0;
  const n = Number(m[1]);
  switch (m[2].toLowerCase()) {
    case "":
    case "b":
      return n;
    case "k":
      return n * 1000;
    case "kb":
      return n * 1024;
    case "m":
      return n * 1000 * 1000;
    case "mb":
      return n * 1024 * 1024;
    case "g":
      return n * 1000 * 1000 * 1000;
    case "gb":
      return n * 1024 * 1024 * 1024;
  }
  return 0;
}

function parseLimits(text: string): Limits {
  const limits: Limits = {
    normal: { hard: 0, soft: 0, softSeconds: 0 },
    replica: { hard: 268435456, soft: 67108864, softSeconds: 60 },
    pubsub: { hard: 33554432, soft: 8388608, softSeconds: 60 },
  };
  const parts = text.trim().split(/\s+/);
  for (let i = 0; i + 3 < parts.length; i += 4) {
    const cls = parts[i].toLowerCase();
    const limit = {
      hard: parseMemory(parts[i + 1]),
      soft: parseMemory(parts[i + 2]),
      softSeconds: Number(parts[i + 3]) || 0,
    };
    if (cls === "normal") limits.normal = limit;
    else if (cls === "slave" || cls === "replica") limits.replica = limit;
    else if (cls === "pubsub") limits.pubsub = limit;
  }
  return limits;
}

function currentLimits(engine: Engine): Limits {
  const text = engine.config.get("client-output-buffer-limit") ?? DEFAULTS;
  if (text !== cachedText) {
    cached = parseLimits(text);
    cachedText = text;
  }
  return cached;
}

/** The class limits that apply to `c` (Redis's getClientType; masters count as normal). */
function limitFor(engine: Engine, c: Client): ClassLimit {
  const limits = currentLimits(engine);
  const f = c.flags;
  if (f & CLIENT_MASTER) return limits.normal;
  if (f & CLIENT_REPLICA && !(f & CLIENT_MONITOR)) return limits.replica;
  if (f & CLIENT_PUBSUB) return limits.pubsub;
  return limits.normal;
}

/** Output not yet handed to the socket: the reply buffer plus the write in flight. */
export function pendingOutput(c: Client): number {
  return c.reply.len + c.outputBufferBytes;
}

/** When the soft limit was first passed, per client (ms), while it stays passed. */
const softSince = new WeakMap<Client, number>();

/**
 * Checks `c` after output was added; closes it (asynchronously, as Redis's
 * freeClientAsync) when a limit is passed. Returns true when it was closed.
 */
export function enforceOutputLimits(engine: Engine, c: Client): boolean {
  const limit = limitFor(engine, c);
  if (limit.hard === 0 && limit.soft === 0) return false;
  const used = pendingOutput(c);
  let over = limit.hard !== 0 && used >= limit.hard;
  if (!over && limit.soft !== 0 && used >= limit.soft) {
    const now = engine.now();
    const since = softSince.get(c);
    if (since === undefined) softSince.set(c, now);
    else if (now - since > limit.softSeconds * 1000) over = true;
  } else if (!over) softSince.delete(c);
  if (!over) return false;
  closeAsap(engine, c);
  return true;
}

/** Closes a client whose output overflowed: nothing more is written, the memory is released. */
export function closeAsap(engine: Engine, c: Client): void {
  if (c.flags & CLIENT_CLOSE_ASAP) return;
  c.flags |= CLIENT_CLOSE_ASAP;
  engine.log(
    "warning",
    "Client id=" + c.id + " addr=" + c.origin.addr +
      " scheduled to be closed ASAP for overcoming of output buffer limits.",
  );
  c.reply.reset();
  softSince.delete(c);
  queueMicrotask(() => {
    c.close();
    engine.removeClient(c);
  });
}
