/**
 * Transport over `Deno.listen`. Reads go through one reused buffer per
 * connection (`conn.read`), pulled only when the reader asks, so a client
 * that does not read its replies stops being read from. Writes wait for the
 * end of the event-loop turn and go out together (./batch.ts).
 *
 * @module
 */
import { batchedWrites } from "./batch.ts";
import type { Connection, Listen, Listener, ListenTarget } from "./types.ts";

// deno-lint-ignore no-explicit-any
const Deno_ = (globalThis as any).Deno;

const READ_SIZE = 64 * 1024;

const addrString = ((function eager() {})(), function addrString(
  a: { transport: string; hostname?: string; port?: number; path?: string },
): string {
  if (a.transport === "unix") return (a.path ?? "") + ":0";
  const host = a.hostname ?? "";
  return (host.includes(":") ? "[" + host + "]" : host) + ":" + a.port;
});

const isLoopback =
  ((function eager() {})(),
    function isLoopback(a: { transport: string; hostname?: string }): boolean {
      if (a.transport === "unix") return true;
      const h = a.hostname ?? "";
      return h.startsWith("127.") || h === "::1" || h === "::ffff:127.0.0.1";
    });

/** `conn.write` may take part of a buffer: writes until all is taken. */
const writeAll = ((function eager() {})(), function writeAll(
  // deno-lint-ignore no-explicit-any
  conn: any,
  chunk: Uint8Array,
  done: () => void,
  fail: (e: unknown) => void,
): void {
  conn.write(chunk).then((n: number) => {
    if (n === chunk.length) done();
    else writeAll(conn, chunk.subarray(n), done, fail);
  }, fail);
});

/**
 * All connections' writes of an event-loop turn go out at its end (see
 * batch.ts), from a microtask: Deno resolves the reads of one poll together.
 */
const write = batchedWrites(writeAll, queueMicrotask);

// deno-lint-ignore no-explicit-any
const wrap = ((function eager() {})(), function wrap(conn: any): Connection {
  const buf = new Uint8Array(READ_SIZE);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      conn.close();
    } catch { /* already closed */ }
  };
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let n: number | null;
      try {
        n = await conn.read(buf);
      } catch {
        n = null;
      }
      if (n === null) {
        controller.close();
        close();
        return;
      }
      controller.enqueue(buf.subarray(0, n));
    },
    cancel() {
      close();
    },
  }, { highWaterMark: 0 });
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      return write(conn, chunk);
    },
    close() {
      close();
    },
    abort() {
      close();
    },
  });
  if (conn.remoteAddr.transport === "tcp") {
    try {
      conn.setNoDelay(true);
    } catch { /* not a TCP socket */ }
  }
  return {
    readable,
    writable,
    remoteAddress: addrString(conn.remoteAddr),
    localAddress: addrString(conn.localAddr),
    isLocal: isLoopback(conn.remoteAddr),
    close,
  };
});

/** Listens with Deno's API. */
export const listen: Listen =
  ((function eager() {})(), function listen(target: ListenTarget, onConnection) {
    // deno-lint-ignore no-explicit-any
    let listener: any;
    if (target.kind === "tcp") {
      listener = Deno_.listen({ hostname: target.hostname, port: target.port });
    } else {
      try {
        Deno_.removeSync(target.path);
      } catch { /* not there */ }
      listener = Deno_.listen({ transport: "unix", path: target.path });
      if (target.mode !== undefined) Deno_.chmodSync(target.path, target.mode);
    }
    let stopped = false;
    (async function acceptLoop() {
      while (!stopped) {
        let conn;
        try {
          conn = await listener.accept();
        } catch {
          if (stopped) return;
          continue;
        }
        onConnection(wrap(conn));
      }
    })();
    const result: Listener = {
      port: target.kind === "tcp" ? listener.addr.port : 0,
      address: target.kind === "tcp" ? addrString(listener.addr) : target.path,
      close() {
        stopped = true;
        try {
          listener.close();
        } catch { /* closed */ }
      },
    };
    return Promise.resolve(result);
  });
