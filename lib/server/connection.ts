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
import type { ReplyWriter } from "../resp/writer.ts";
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
  // Async, so that a failure while setting up rejects rather than throws into the transport.
  await new ConnectionLoop(engine, conn, fd).run();
}

/**
 * One connection's state and loop. A class rather than one function with
 * closures: a process's first connection compiles only the methods it runs
 * (the function of closures took ~0.12 ms to compile on Deno, its blocking,
 * close and error paths included).
 */
class ConnectionLoop implements CommandSink {
  private readonly client: Client;
  private readonly parser: RespParser;
  private readonly reply: ReplyWriter;
  private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private closing = false;
  private writing: Promise<void> | null = null;
  /** Read chunks left to run without reading ahead (see prefetchKeys). */
  private prefetchPause = 0;
  /** Chunks read while the client is blocked (blocking command, CLIENT PAUSE); run on resume. */
  private held: Uint8Array[] | null = null;

  constructor(private readonly engine: Engine, private readonly conn: Connection, fd: number) {
    const client = engine.createClient({
      addr: conn.remoteAddress,
      laddr: conn.localAddress,
      fd,
      local: conn.isLocal,
    });
    this.client = client;
    const settings = engine.config.settings;
    this.parser = new RespParser({
      maxBulkLen: settings.protoMaxBulkLen,
      maxQueryBuffer: settings.clientQueryBufferLimit,
    }, decoder);
    this.reply = client.reply;
    this.writer = conn.writable.getWriter();
    this.reader = conn.readable.getReader();
    client.flush = () => {
      this.flush();
    };
    client.close = () => this.close();
    client.resume = () => this.resume();
    this.parser.authRequired = !client.authenticated;
  }

  declare onCommand: (argv: string[]) => boolean | void;

  onProtocolError(message: string): void {
    if (message !== "") this.reply.error("ERR " + message);
    this.closing = true;
  }

  async run(): Promise<void> {
    const reader = this.reader;
    try {
      while (!this.closing) {
        const { value, done } = await reader.read();
        if (done) break;
        const writing = this.onChunk(value);
        if (writing !== undefined) await writing;
      }
    } catch {
      // The peer went away mid-read; nothing to answer.
    } finally {
      this.closing = true;
      this.engine.removeClient(this.client);
      try {
        await this.flushFinal();
      } catch { /* peer gone */ }
      this.conn.close();
    }
  }

  /**
   * Runs the commands a read chunk completes; returns the write to wait for
   * before the next read, if any. Stops the loop by setting `closing`.
   */
  declare private onChunk: (value: Uint8Array) => Promise<void> | undefined;

  declare private flush: () => Promise<void>;

  private async pump(): Promise<void> {
    const { engine, client, reply, writer } = this;
    try {
      while (reply.len > 0 && !this.closing) {
        const chunk = reply.swap();
        engine.stats.netOutputBytes += chunk.length;
        client.netOut += chunk.length;
        // Unwritten output counts toward client-output-buffer-limit.
        client.outputBufferBytes = chunk.length;
        await writer.write(chunk);
        client.outputBufferBytes = 0;
      }
    } catch {
      this.closing = true;
    } finally {
      this.writing = null;
    }
  }

  private close(): void {
    this.closing = true;
    this.reader.cancel().catch(() => {});
    this.conn.close();
  }

  private resume(): void {
    if (this.closing) return;
    const { engine, parser } = this;
    engine.startBatch(this.client);
    try {
      parser.feed(EMPTY, this);
      while (this.held !== null && !this.closing && (this.client.flags & CLIENT_BLOCKED) === 0) {
        const chunk = this.held.shift()!;
        if (this.held.length === 0) this.held = null;
        parser.feed(chunk, this);
      }
    } finally {
      engine.endBatch();
    }
    this.client.queryBufferBytes = parser.bufferedBytes;
    if (this.closing) this.flushFinal().finally(() => this.reader.cancel().catch(() => {}));
    else this.flush();
  }

  /** Writes what is left (e.g. the error before a protocol-error close). */
  private async flushFinal(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.reply.len > 0) {
      const chunk = this.reply.swap();
      try {
        await this.writer.write(chunk);
      } catch { /* peer gone */ }
    }
  }

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    ConnectionLoop.prototype.onCommand = ((function eager() {})(), function onCommand(
      this: ConnectionLoop,
      argv: string[],
    ): boolean | void {
      const client = this.client;
      this.engine.execute(client, argv);
      if (client.flags & CLIENT_CLOSE_AFTER_REPLY) {
        this.closing = true;
        return false;
      }
      this.parser.authRequired = !client.authenticated;
      // A blocked client's next commands wait until it is unblocked.
      if (client.flags & CLIENT_BLOCKED) return false;
    });

    ConnectionLoop.prototype.onChunk = ((function eager() {})(), function onChunk(
      this: ConnectionLoop,
      value: Uint8Array,
    ): Promise<void> | undefined {
      const { engine, client, parser } = this;
      engine.stats.netInputBytes += value.length;
      client.netIn += value.length;
      if (this.held !== null || client.flags & CLIENT_BLOCKED) {
        // The reader reuses its buffer: keep a copy.
        (this.held ??= []).push(value.slice());
        client.queryBufferBytes += value.length;
        // What a blocked client sends is bounded like any query buffer.
        if (client.queryBufferBytes > engine.config.settings.clientQueryBufferLimit) {
          engine.log("warning", "Closing client that reached max query buffer length");
          this.closing = true;
        }
        return undefined;
      }
      engine.startBatch(client);
      // While the chunk's commands run, CLIENT LIST reports them as buffered (qbuf), as Redis does.
      const buffered = parser.bufferedBytes + value.length;
      client.queryBufferBytes = buffered;
      if (buffered > client.queryBufferPeak) client.queryBufferPeak = buffered;
      if (value.length >= PREFETCH_MIN_CHUNK) {
        if (this.prefetchPause > 0) this.prefetchPause--;
        else if (!prefetchKeys(value, client.db, engine.commands)) {
          this.prefetchPause = PREFETCH_PAUSE;
        }
      }
      try {
        parser.feed(value, this);
      } finally {
        engine.endBatch();
      }
      client.queryBufferBytes = parser.bufferedBytes;
      if (this.reply.len > 0 || this.writing !== null) {
        return this.closing ? this.flushFinal() : this.flush();
      }
      return undefined;
    });

    ConnectionLoop.prototype.flush = ((function eager() {})(), function flush(
      this: ConnectionLoop,
    ): Promise<void> {
      if (this.writing === null && this.reply.len > 0) this.writing = this.pump();
      return this.writing ?? Promise.resolve();
    });
  }
}
