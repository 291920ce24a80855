/**
 * What a transport gives the server: listeners that yield connections as web
 * streams of bytes. Only the adapters in this folder touch runtime APIs.
 *
 * @module
 */

/** A client connection as web streams. */
export interface Connection {
  /**
   * Bytes from the peer. Chunks may be views into a buffer the adapter reuses:
   * a reader must finish with a chunk before it reads the next one.
   */
  readonly readable: ReadableStream<Uint8Array>;
  /**
   * Bytes to the peer. Adapters send the writes of one event-loop turn
   * together at its end (./batch.ts). A write resolves once the bytes were
   * handed to the kernel (or copied into the adapter's queue), so the caller
   * may reuse its buffer; a peer that does not read makes writes wait
   * (backpressure).
   */
  readonly writable: WritableStream<Uint8Array>;
  /** `ip:port` of the peer (`/path:0` for Unix sockets). */
  readonly remoteAddress: string;
  /** `ip:port` of our end. */
  readonly localAddress: string;
  /** True when the peer is on loopback or a Unix socket. */
  readonly isLocal: boolean;
  /** Closes the socket at once. */
  close(): void;
}

/** Where to listen. */
export type ListenTarget =
  | { kind: "tcp"; hostname: string; port: number }
  | { kind: "unix"; path: string; mode?: number };

/** A bound listener. */
export interface Listener {
  /** The bound port (0 for Unix sockets). */
  readonly port: number;
  readonly address: string;
  /** Stops accepting; existing connections stay open. */
  close(): void;
}

/** Starts listening; `onConnection` is called for every accepted connection. */
export type Listen = (
  target: ListenTarget,
  onConnection: (conn: Connection) => void,
) => Promise<Listener>;
