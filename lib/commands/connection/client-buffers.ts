/**
 * The sizes CLIENT LIST reports for a client's query buffer (qbuf-free) and
 * reply buffer (rbs, rbp), following Redis 7.0's allocation and resizing
 * rules (readQueryFromClient, clientsCronResizeQueryBuffer,
 * clientsCronResizeOutputBuffer) from what the connection really read and
 * wrote. Ferrous's own buffers are managed differently; these numbers show
 * what Redis would hold, so tools and tests that watch them see Redis's
 * behaviour (idle clients shrink, busy ones grow).
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import type { Engine } from "../../core/engine.ts";
import { debugState } from "../server/debug.ts";

/** Redis's read size (PROTO_IOBUF_LEN). */
const IOBUF_LEN = 16 * 1024;
/** Above this a query buffer may be trimmed to its recent peak (PROTO_RESIZE_THRESHOLD). */
const RESIZE_THRESHOLD = 32 * 1024;
/** Arguments this large are read into a buffer of their own size (PROTO_MBULK_BIG_ARG). */
const BIG_ARG = 32 * 1024;
/** Reply buffer bounds (PROTO_REPLY_MIN_BYTES, PROTO_REPLY_CHUNK_BYTES). */
const REPLY_MIN = 1024;
const REPLY_CHUNK = 16 * 1024;
/** Usable bytes of the first query buffer: 16 KB plus the sds header, rounded by jemalloc. */
const FIRST_QUERY_ALLOC = 20474;

/** Redis's view of one client's buffers. */
export interface ClientBuffers {
  queryAlloc: number;
  queryPeak: number;
  replySize: number;
  replyPeak: number;
  peakResetAt: number;
  netIn: number;
  netOut: number;
}

/** The buffer view of `c`, brought up to date with what it read and wrote since last asked. */
export function clientBuffers(c: Client): ClientBuffers {
  let b = c.ext.buffers as ClientBuffers | undefined;
  if (b === undefined) {
    b = {
      queryAlloc: 0,
      queryPeak: 0,
      // As Redis: the peak starts full, and its first reset comes at the first cron
      // (Redis stamps the reset time in seconds but compares it with milliseconds).
      replySize: REPLY_CHUNK,
      replyPeak: REPLY_CHUNK,
      peakResetAt: 0,
      netIn: 0,
      netOut: 0,
    };
    c.ext.buffers = b;
  }
  if (c.netIn !== b.netIn) {
    // Each read makes room for another 16 KB; a big argument gets a buffer of its size.
    const peak = Math.max(c.queryBufferPeak, c.queryBufferBytes);
    if (peak >= BIG_ARG) b.queryAlloc = Math.max(b.queryAlloc, peak);
    else if (b.queryAlloc < IOBUF_LEN) b.queryAlloc = FIRST_QUERY_ALLOC;
    if (peak > b.queryPeak) b.queryPeak = peak;
    b.netIn = c.netIn;
  }
  const written = c.netOut - b.netOut + c.reply.len;
  if (written > 0) {
    // A reply fills the buffer up to its size before spilling over.
    const used = Math.min(written, b.replySize);
    if (used > b.replyPeak) b.replyPeak = used;
    b.netOut = c.netOut;
  }
  return b;
}

/** Bytes the query buffer holds allocated for `c` (qbuf + qbuf-free). */
export function queryAlloc(c: Client, b: ClientBuffers): number {
  return Math.max(b.queryAlloc, c.queryBufferBytes);
}

/** One client's periodic resizing, as Redis's clientsCron. */
function resize(engine: Engine, c: Client, now: number): void {
  const b = clientBuffers(c);
  const len = c.queryBufferBytes;
  const idle = Math.floor(now / 1000) - Math.floor(c.lastInteraction / 1000);
  if (b.queryAlloc - len > 4096) {
    if (idle > 2) b.queryAlloc = len;
    else if (b.queryAlloc > RESIZE_THRESHOLD && b.queryAlloc / 2 > b.queryPeak) {
      b.queryAlloc = Math.max(len, b.queryPeak);
    }
  }
  b.queryPeak = len;
  c.queryBufferPeak = len;

  const debug = debugState(engine);
  if (debug.replyBufferResizing) {
    let next = 0;
    if (b.replySize / 2 >= REPLY_MIN && b.replyPeak < b.replySize / 2) {
      next = Math.max(REPLY_MIN, b.replyPeak + 1);
    } else if (b.replySize * 2 < REPLY_CHUNK * 2 && b.replyPeak === b.replySize) {
      next = Math.min(REPLY_CHUNK, b.replySize * 2);
    }
    if (next !== 0) b.replySize = next;
  }
  const reset = debug.replyBufferPeakResetTime;
  if (reset >= 0 && now - b.peakResetAt >= reset) {
    b.replyPeak = Math.min(c.reply.len, b.replySize);
    b.peakResetAt = now;
  }
}

/** Runs the resizing over the clients, a share of them per cron tick as Redis does. */
export const installClientBuffers =
  ((function eager() {})(), function installClientBuffers(engine: Engine): void {
    let it: IterableIterator<Client> | undefined;
    engine.hooks.cron.push(() => {
      const now = Date.now();
      const n = engine.clients.size;
      let todo = Math.floor(n / engine.config.settings.hz);
      if (todo < 5) todo = Math.min(n, 5);
      while (todo-- > 0) {
        if (it === undefined) it = engine.clients.values();
        let next = it.next();
        if (next.done) {
          it = engine.clients.values();
          next = it.next();
          if (next.done) break;
        }
        resize(engine, next.value, now);
      }
    });
  });
