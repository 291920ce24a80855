/**
 * Transport over `Bun.listen`. Bun pushes data through callbacks: chunks are
 * queued into the readable stream and the socket is paused while the queue
 * is full. `socket.write` writes what the kernel takes; the rest is kept and
 * flushed on `drain`, and the write's promise waits for it (backpressure).
 * Writes wait for the end of the event-loop turn and go out together
 * (./batch.ts).
 *
 * @module
 */
import { chmodSync } from "node:fs";
import { batchedWrites } from "./batch.ts";
import type { Listen, Listener, ListenTarget } from "./types.ts";

// deno-lint-ignore no-explicit-any
const Bun_ = (globalThis as any).Bun;

interface SocketState {
  controller: ReadableStreamDefaultController<Uint8Array>;
  /** Bytes the kernel did not take yet. */
  pending: Uint8Array | null;
  drained: (() => void) | null;
  paused: boolean;
  closed: boolean;
}

// deno-lint-ignore no-explicit-any
type BunSocket = any;

function isLoopback(ip: string): boolean {
  return ip.startsWith("127.") || ip === "::1" || ip.startsWith("::ffff:127.");
}

/**
 * Writes what the kernel takes and keeps the rest for `drain`, which calls
 * `done` once it is written (backpressure).
 */
function writeOrQueue(
  socket: BunSocket,
  chunk: Uint8Array,
  done: () => void,
  _fail: (e: unknown) => void,
): void {
  const state: SocketState = socket.data;
  if (state.closed) return done();
  const n = socket.write(chunk);
  if (n === chunk.length) return done();
  // Copy the rest: the caller reuses its buffer once this resolves.
  state.pending = chunk.slice(n < 0 ? 0 : n);
  state.drained = done;
}

/** All sockets' writes of an event-loop turn go out at its end (see batch.ts). */
const write = batchedWrites(writeOrQueue);

/** Listens with Bun's API. */
export const listen: Listen = (target: ListenTarget, onConnection) => {
  const unix = target.kind === "unix";
  const handlers = {
    open(socket: BunSocket) {
      let state!: SocketState;
      const readable = new ReadableStream<Uint8Array>({
        start(controller) {
          state = { controller, pending: null, drained: null, paused: false, closed: false };
        },
        pull() {
          if (state.paused && !state.closed) {
            state.paused = false;
            socket.resume();
          }
        },
        cancel() {
          state.closed = true;
          socket.end();
        },
      }, { highWaterMark: 4 });
      socket.data = state;
      const writable = new WritableStream<Uint8Array>({
        write(chunk) {
          if (state.closed) return;
          return write(socket, chunk);
        },
        close() {
          state.closed = true;
          socket.end();
        },
        abort() {
          state.closed = true;
          socket.terminate?.() ?? socket.end();
        },
      });
      const remote = unix
        ? target.path + ":0"
        : formatAddr(socket.remoteAddress, socket.remotePort);
      const local = unix ? target.path + ":0" : formatAddr(socket.localAddress, socket.localPort);
      socket.setNoDelay?.(true);
      onConnection({
        readable,
        writable,
        remoteAddress: remote,
        localAddress: local,
        isLocal: unix || isLoopback(socket.remoteAddress ?? ""),
        close() {
          if (state.closed) return;
          state.closed = true;
          socket.end();
        },
      });
    },
    data(socket: BunSocket, chunk: Uint8Array) {
      const state: SocketState = socket.data;
      if (state.closed) return;
      state.controller.enqueue(chunk);
      if ((state.controller.desiredSize ?? 1) <= 0 && !state.paused) {
        state.paused = true;
        socket.pause();
      }
    },
    drain(socket: BunSocket) {
      const state: SocketState = socket.data;
      const pending = state.pending;
      if (pending === null) return;
      const n = socket.write(pending);
      if (n === pending.length) {
        state.pending = null;
        const done = state.drained;
        state.drained = null;
        done?.();
      } else if (n > 0) {
        state.pending = pending.subarray(n);
      }
    },
    close(socket: BunSocket) {
      const state: SocketState = socket.data;
      if (!state) return;
      state.closed = true;
      try {
        state.controller.close();
      } catch { /* already closed or cancelled */ }
      const done = state.drained;
      state.drained = null;
      done?.();
    },
    error(socket: BunSocket) {
      handlers.close(socket);
    },
  };
  const server = target.kind === "tcp"
    ? Bun_.listen({ hostname: target.hostname, port: target.port, socket: handlers })
    : Bun_.listen({ unix: target.path, socket: handlers });
  if (target.kind === "unix" && target.mode !== undefined) {
    chmodSync(target.path, target.mode);
  }
  const result: Listener = {
    port: target.kind === "tcp" ? server.port : 0,
    address: target.kind === "tcp" ? formatAddr(server.hostname, server.port) : target.path,
    close() {
      server.stop(false);
    },
  };
  return Promise.resolve(result);
};

function formatAddr(host: string, port: number): string {
  return (host.includes(":") ? "[" + host + "]" : host) + ":" + port;
}
