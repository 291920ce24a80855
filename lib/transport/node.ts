/**
 * Transport over `node:net`, for Node.js (the built JavaScript entry in
 * dist/). Data events are queued into the readable stream and the socket is
 * paused while the queue is full; writes wait for `drain` when the kernel
 * buffer is full. Writes wait for the end of the event-loop turn and go out
 * together (./batch.ts).
 *
 * @module
 */
import { createServer, type Socket } from "node:net";
import { chmodSync, rmSync } from "node:fs";
import { batchedWrites } from "./batch.ts";
import type { Connection, Listen, Listener, ListenTarget } from "./types.ts";

function isLoopback(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1" || ip.startsWith("::ffff:127.");
}

function formatAddr(host: string | undefined, port: number | undefined): string {
  const h = host ?? "";
  return (h.includes(":") && !h.startsWith("::ffff:") ? "[" + h + "]" : h.replace(/^::ffff:/, "")) +
    ":" + (port ?? 0);
}

/** Hands `chunk` to node; `done` once written or, when its buffer is full, on `drain`. */
function writeOrWait(
  socket: Socket,
  chunk: Uint8Array,
  done: () => void,
  _fail: (e: unknown) => void,
): void {
  if (socket.destroyed) return done();
  // node copies nothing: hand it a copy, the caller reuses its buffer.
  if (socket.write(chunk.slice())) return done();
  const settle = () => {
    socket.off("drain", settle);
    socket.off("close", settle);
    done();
  };
  socket.on("drain", settle);
  socket.on("close", settle);
}

/** All sockets' writes of an event-loop turn go out at its end (see batch.ts). */
const write = batchedWrites(writeOrWait);

function wrap(socket: Socket, target: ListenTarget): Connection {
  socket.setNoDelay(true);
  let closed = false;
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      socket.on("data", (chunk: Uint8Array) => {
        if (closed) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 1) <= 0) socket.pause();
      });
      const end = () => {
        closed = true;
        try {
          controller.close();
        } catch { /* already closed */ }
      };
      socket.on("end", end);
      socket.on("close", end);
      socket.on("error", end);
    },
    pull() {
      if (!closed && socket.isPaused()) socket.resume();
    },
    cancel() {
      closed = true;
      socket.destroy();
    },
  }, { highWaterMark: 4 });
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      if (closed || socket.destroyed) return;
      return write(socket, chunk);
    },
    close() {
      socket.end();
    },
    abort() {
      socket.destroy();
    },
  });
  const unix = target.kind === "unix";
  return {
    readable,
    writable,
    remoteAddress: unix ? target.path + ":0" : formatAddr(socket.remoteAddress, socket.remotePort),
    localAddress: unix ? target.path + ":0" : formatAddr(socket.localAddress, socket.localPort),
    isLocal: unix || isLoopback(socket.remoteAddress ?? ""),
    close() {
      closed = true;
      socket.destroy();
    },
  };
}

/** Listens with Node's API. */
export const listen: Listen = (target, onConnection) => {
  const server = createServer((socket) => onConnection(wrap(socket, target)));
  return new Promise<Listener>((resolve, reject) => {
    server.once("error", reject);
    const ready = () => {
      server.off("error", reject);
      const addr = server.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      if (target.kind === "unix" && target.mode !== undefined) chmodSync(target.path, target.mode);
      resolve({
        port,
        address: target.kind === "tcp" ? formatAddr(target.hostname, port) : target.path,
        close() {
          server.close();
        },
      });
    };
    if (target.kind === "tcp") server.listen(target.port, target.hostname, 511, ready);
    else {
      rmSync(target.path, { force: true });
      server.listen(target.path, ready);
    }
  });
};
