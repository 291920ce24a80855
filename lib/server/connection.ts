/**
 * Serves one connection: bytes from the transport's readable stream go
 * through the RESP parser into the engine; all replies produced while
 * handling one read chunk are written with one write.
 *
 * @module
 */
import { type Client, CLIENT_CLOSE_AFTER_REPLY } from "../core/client.ts";
import type { Engine } from "../core/engine.ts";
import { type CommandSink, RespParser } from "../resp/parser.ts";
import type { Connection } from "../transport/types.ts";

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
  });
  const reply = client.reply;
  const writer = conn.writable.getWriter();
  const reader = conn.readable.getReader();
  let closing = false;
  let writing: Promise<void> | null = null;

  const pump = async (): Promise<void> => {
    try {
      while (reply.len > 0 && !closing) {
        const chunk = reply.swap();
        engine.stats.netOutputBytes += chunk.length;
        client.netOut += chunk.length;
        await writer.write(chunk);
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

  const sink: CommandSink = {
    onCommand(argv) {
      engine.execute(client, argv);
      if (client.flags & CLIENT_CLOSE_AFTER_REPLY) {
        closing = true;
        return false;
      }
      parser.authRequired = !client.authenticated;
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
      parser.feed(value, sink);
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
