/**
 * Serves one connection: bytes from the transport's readable stream go
 * through the RESP parser into the engine; all replies produced while
 * handling one read chunk are written with one write.
 *
 * @module
 */
import { type Client, CLIENT_BLOCKED, CLIENT_CLOSE_AFTER_REPLY } from "../core/client.ts";
import type { Engine } from "../core/engine.ts";
import { type CommandSink, RespParser } from "../resp/parser.ts";
import type { Connection } from "../transport/types.ts";
import { pickDecoder } from "../transport/mod.ts";
import { PREFETCH_MIN_CHUNK, PREFETCH_PAUSE, prefetchKeys } from "./prefetch.ts";

const decoder = pickDecoder();

const EMPTY = new Uint8Array(0);

/**
 * Runs the read-execute-write loop of a connection until the peer closes,
 * a protocol error, QUIT or CLIENT KILL.
 */
export async function serveConnection(engine: Engine, conn: Connection, fd: number): Promise<void> {
  const client: Client = engine.createClient({
    addr: conn.remoteAddress,
    laddr: conn.localAddress,
    fd,
    local: conn.isLocal,
  });
  const settings = engine.config.settings;
  const parser = new RespParser({
    maxBulkLen: settings.protoMaxBulkLen,
    maxQueryBuffer: settings.clientQueryBufferLimit,
  }, decoder);
  const reply = client.reply;
  const writer = conn.writable.getWriter();
  const reader = conn.readable.getReader();
  let closing = false;
  let writing: Promise<void> | null = null;
  /** Read chunks left to run without reading ahead (see prefetchKeys). */
  let prefetchPause = 0;

  const pump = async (): Promise<void> => {
    try {
      while (reply.len > 0 && !closing) {
        const chunk = reply.swap();
        engine.stats.netOutputBytes += chunk.length;
        client.netOut += chunk.length;
        // Unwritten output counts toward client-output-buffer-limit.
        client.outputBufferBytes = chunk.length;
        await writer.write(chunk);
        client.outputBufferBytes = 0;
      }
    } catch {
      closing = true;
    } finally {
      writing = null;
    }
  };
  const flush = (): Promise<void> => {
    if (writing === null && reply.len > 0) writing = pump();
    return writing ?? Promise.resolve();
  };
  client.flush = () => {
    flush();
  };
  client.close = () => {
    closing = true;
    reader.cancel().catch(() => {});
    conn.close();
  };

  /** Chunks read while the client is blocked (blocking command, CLIENT PAUSE); run on resume. */
  let held: Uint8Array[] | null = null;
  client.resume = () => {
    if (closing) return;
    engine.startBatch(client);
    try {
      parser.feed(EMPTY, sink);
      while (held !== null && !closing && (client.flags & CLIENT_BLOCKED) === 0) {
        const chunk = held.shift()!;
        if (held.length === 0) held = null;
        parser.feed(chunk, sink);
      }
    } finally {
      engine.endBatch();
    }
    client.queryBufferBytes = parser.bufferedBytes;
    if (closing) flushFinal().finally(() => reader.cancel().catch(() => {}));
    else flush();
  };

  const sink: CommandSink = {
    onCommand(argv) {
      engine.execute(client, argv);
      if (client.flags & CLIENT_CLOSE_AFTER_REPLY) {
        closing = true;
        return false;
      }
      parser.authRequired = !client.authenticated;
      // A blocked client's next commands wait until it is unblocked.
      if (client.flags & CLIENT_BLOCKED) return false;
    },
    onProtocolError(message) {
      if (message !== "") reply.error("ERR " + message);
      closing = true;
    },
  };
  parser.authRequired = !client.authenticated;

  try {
    while (!closing) {
      const { value, done } = await reader.read();
      if (done) break;
      engine.stats.netInputBytes += value.length;
      client.netIn += value.length;
      if (held !== null || client.flags & CLIENT_BLOCKED) {
        // The reader reuses its buffer: keep a copy.
        (held ??= []).push(value.slice());
        client.queryBufferBytes += value.length;
        // What a blocked client sends is bounded like any query buffer.
        if (client.queryBufferBytes > settings.clientQueryBufferLimit) {
          engine.log("warning", "Closing client that reached max query buffer length");
          break;
        }
        continue;
      }
      engine.startBatch(client);
      // While the chunk's commands run, CLIENT LIST reports them as buffered (qbuf), as Redis does.
      const buffered = parser.bufferedBytes + value.length;
      client.queryBufferBytes = buffered;
      if (buffered > client.queryBufferPeak) client.queryBufferPeak = buffered;
      if (value.length >= PREFETCH_MIN_CHUNK) {
        if (prefetchPause > 0) prefetchPause--;
        else if (!prefetchKeys(value, client.db, engine.commands)) prefetchPause = PREFETCH_PAUSE;
      }
      try {
        parser.feed(value, sink);
      } finally {
        engine.endBatch();
      }
      client.queryBufferBytes = parser.bufferedBytes;
      if (reply.len > 0 || writing !== null) {
        const w = closing ? flushFinal() : flush();
        await w;
      }
    }
  } catch {
    // The peer went away mid-read; nothing to answer.
  } finally {
    closing = true;
    engine.removeClient(client);
    try {
      await flushFinal();
    } catch { /* peer gone */ }
    conn.close();
  }

  async function flushFinal(): Promise<void> {
    // Write what is left (e.g. the error before a protocol-error close).
    while (writing !== null) await writing;
    if (reply.len > 0) {
      const chunk = reply.swap();
      try {
        await writer.write(chunk);
      } catch { /* peer gone */ }
    }
  }
}
