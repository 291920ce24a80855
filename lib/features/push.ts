/**
 * Writing data a client did not ask for (pub/sub messages, subscription
 * confirmations, invalidations, MONITOR lines) into its reply buffer: it
 * gets through CLIENT REPLY OFF, as Redis's CLIENT_PUSHING, is sent at once
 * to clients other than the one running a command, and counts toward
 * client-output-buffer-limit.
 *
 * @module
 */
import { type Client, CLIENT_CLOSE_ASAP } from "../core/client.ts";
import type { Engine } from "../core/engine.ts";
import { enforceOutputLimits } from "./output-limits.ts";

/**
 * Starts a push to `c`; returns false when nothing may be written (the
 * client is being closed). Pair with {@link endPush}.
 */
export function beginPush(c: Client): boolean {
  if (c.flags & CLIENT_CLOSE_ASAP) return false;
  // A silenced command's replies are dropped; the push is kept.
  if (c.muteMark >= 0) c.reply.len = c.muteMark;
  return true;
}

/** Ends a push: keeps it past CLIENT REPLY OFF, applies limits, sends it. */
export function endPush(engine: Engine, c: Client): void {
  if (c.muteMark >= 0) c.muteMark = c.reply.len;
  if (enforceOutputLimits(engine, c)) return;
  // The running client's output goes out when its command batch ends.
  if (c !== engine.current) c.flush();
}

/** Writes pre-encoded protocol bytes (a binary string) as a push to `c`. */
export function pushRaw(engine: Engine, c: Client, frame: string): void {
  if (!beginPush(c)) return;
  c.reply.rawString(frame);
  endPush(engine, c);
}

/** Encodes a bulk string as a binary string (for pre-encoded frames). */
export function bulkFrame(s: string): string {
  return "$" + s.length + "\r\n" + s + "\r\n";
}
