/**
 * A raw TCP client for exact-bytes tests: sends whatever bytes it is given
 * and reads replies framed by RESP type, or everything up to the close.
 *
 * @example
 * ```ts
 * const c = await RawClient.connect(port);
 * await c.command("PING"); // "+PONG\r\n"
 * c.close();
 * ```
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { connect, type Socket } from "node:net";
import { bytes, encodeCommand, latin1, replyEnd, show } from "./resp.ts";

/** Raised when a reply does not come in time. */
export class ReplyTimeout extends Error {}

export class RawClient {
  private buf = new Uint8Array(0);
  private waiter: (() => void) | null = null;
  /** True once the server closed its side (or the socket failed). */
  ended = false;

  private constructor(private socket: Socket) {
    socket.on("data", (chunk: Uint8Array) => {
      const next = new Uint8Array(this.buf.length + chunk.length);
      next.set(this.buf, 0);
      next.set(chunk, this.buf.length);
      this.buf = next;
      this.wake();
    });
    const end = () => {
      this.ended = true;
      this.wake();
    };
    socket.on("end", end);
    socket.on("close", end);
    socket.on("error", end);
  }

  /** Connects to 127.0.0.1:`port` (or `host`). */
  static connect(port: number, host = "127.0.0.1"): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host });
      s.setNoDelay(true);
      s.once("error", reject);
      s.once("connect", () => {
        s.off("error", reject);
        resolve(new RawClient(s));
      });
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** Waits for more data or the end; false on timeout. */
  private waitData(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(false);
      }, left);
      this.waiter = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /** Sends bytes (a binary string or bytes) as they are. */
  send(data: string | Uint8Array): void {
    this.socket.write(Buffer.from(typeof data === "string" ? bytes(data) : data));
  }

  /** Sends a command as a multibulk request and reads its reply. */
  command(...argv: string[]): Promise<string> {
    this.send(encodeCommand(argv));
    return this.readReply();
  }

  /** Reads one complete reply, as a binary string. Throws {@link ReplyTimeout}. */
  async readReply(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const e = replyEnd(this.buf);
      if (e >= 0) {
        const out = latin1(this.buf.subarray(0, e));
        this.buf = this.buf.slice(e);
        return out;
      }
      if (this.ended) {
        throw new ReplyTimeout("connection closed; partial reply " + show(latin1(this.buf)));
      }
      if (!(await this.waitData(deadline))) {
        throw new ReplyTimeout(
          `no reply within ${timeoutMs} ms; got ${show(latin1(this.buf))}`,
        );
      }
    }
  }

  /** Reads `n` replies. */
  async readReplies(n: number, timeoutMs = 5000): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await this.readReply(timeoutMs));
    return out;
  }

  /**
   * Reads everything until the server closes the connection; throws when it
   * stays open past the timeout.
   */
  async readUntilClose(timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (!(await this.waitData(deadline))) {
        throw new ReplyTimeout(
          `connection still open after ${timeoutMs} ms; got ${show(latin1(this.buf))}`,
        );
      }
    }
    const out = latin1(this.buf);
    this.buf = new Uint8Array(0);
    return out;
  }

  /** True when the server closes within `timeoutMs` (buffered data is kept). */
  async closesWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (!(await this.waitData(deadline))) return false;
    }
    return true;
  }

  /** Bytes received but not read yet. */
  pending(): string {
    return latin1(this.buf);
  }

  /** Closes our side. */
  close(): void {
    this.socket.destroy();
  }
}
