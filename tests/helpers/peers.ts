/**
 * Several in-process clients of one engine, for tests of features where
 * clients interact (blocking, pub/sub, tracking, pause, streams).
 *
 * @module
 */
import type { InProcess } from "../../mod.ts";
import { type Client, CLIENT_BLOCKED } from "../../lib/core/client.ts";

/** Bytes as a binary string (one char per byte), for exact reply comparisons. */
export function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Runs a command on the InProcess's own client and returns the exact reply bytes. */
export function raw(r: InProcess, ...argv: string[]): string {
  return latin1(r.callRaw(...argv));
}

/** Another client of the same engine. */
export interface Peer {
  client: Client;
  /** Runs a command and returns what the client received since the last take. */
  call(...argv: string[]): string;
  /** What the client received (pushes, replies of unblocked commands). */
  take(): string;
  blocked(): boolean;
}

/** Creates a {@link Peer} on `r`'s engine. */
export function peer(r: InProcess): Peer {
  const client = r.engine.createClient();
  return {
    client,
    call(...argv: string[]): string {
      r.engine.startBatch(client);
      r.engine.execute(client, argv);
      r.engine.endBatch();
      return latin1(client.reply.take());
    },
    take: () => latin1(client.reply.take()),
    blocked: () => (client.flags & CLIENT_BLOCKED) !== 0,
  };
}
