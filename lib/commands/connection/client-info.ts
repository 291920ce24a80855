/**
 * The one-line description of a client that CLIENT LIST and CLIENT INFO
 * print, in Redis 7.0's field order (networking.c catClientInfoString).
 * Memory fields are estimates built from what the connection really holds
 * (query bytes, reply buffer, pending output).
 *
 * @module
 */
import {
  type Client,
  CLIENT_BLOCKED,
  CLIENT_CLOSE_AFTER_REPLY,
  CLIENT_CLOSE_ASAP,
  CLIENT_DIRTY_CAS,
  CLIENT_MASTER,
  CLIENT_MONITOR,
  CLIENT_MULTI,
  CLIENT_NO_EVICT,
  CLIENT_PUBSUB,
  CLIENT_REPLICA,
  CLIENT_TRACKING,
  CLIENT_TRACKING_BCAST,
  CLIENT_TRACKING_BROKEN_REDIR,
} from "../../core/client.ts";
import { subscriptionsOf } from "../../features/pubsub.ts";
import { trackingRedirect } from "../../features/tracking.ts";
import { queuedCount, queuedMemory } from "../../features/transactions.ts";
import { clientBuffers, queryAlloc } from "./client-buffers.ts";

/** Client types for CLIENT LIST TYPE and CLIENT KILL TYPE (Redis's getClientType). */
export type ClientType = "normal" | "replica" | "pubsub" | "master";

/** Parses a client type name as Redis's getClientTypeByName (`slave` is `replica`). */
export function clientTypeByName(name: string): ClientType | undefined {
  switch (name.toLowerCase()) {
    case "normal":
      return "normal";
    case "slave":
    case "replica":
      return "replica";
    case "pubsub":
      return "pubsub";
    case "master":
      return "master";
  }
  return undefined;
}

/** The type of a client (monitors count as normal clients, as in Redis). */
export function clientType(c: Client): ClientType {
  if (c.flags & CLIENT_MASTER) return "master";
  if (c.flags & CLIENT_REPLICA && (c.flags & CLIENT_MONITOR) === 0) return "replica";
  if (c.flags & CLIENT_PUBSUB) return "pubsub";
  return "normal";
}

function flagLetters(c: Client): string {
  const f = c.flags;
  let s = "";
  if (f & CLIENT_MONITOR) s += "O";
  else if (f & CLIENT_REPLICA) s += "S";
  if (f & CLIENT_MASTER) s += "M";
  if (f & CLIENT_PUBSUB) s += "P";
  if (f & CLIENT_MULTI) s += "x";
  if (f & CLIENT_BLOCKED) s += "b";
  if (f & CLIENT_TRACKING) s += "t";
  if (f & CLIENT_TRACKING_BROKEN_REDIR) s += "R";
  if (f & CLIENT_TRACKING_BCAST) s += "B";
  if (f & CLIENT_DIRTY_CAS) s += "d";
  if (f & CLIENT_CLOSE_AFTER_REPLY) s += "c";
  if (f & CLIENT_CLOSE_ASAP) s += "A";
  if (isUnixSocket(c)) s += "U";
  if (f & CLIENT_NO_EVICT) s += "e";
  return s === "" ? "N" : s;
}

/** True for a client on the Unix socket (its address is `/path:0`). */
export function isUnixSocket(c: Client): boolean {
  return c.origin.addr.charCodeAt(0) === 47;
}

/** What a client's structure costs besides its buffers (Redis's sizeof(client) and lists). */
const CLIENT_BASE_MEMORY = 776;

/**
 * The CLIENT LIST line of `c` (without the newline). `argvMem` is the size
 * of the command being run when `c` is the client asking.
 */
export function clientInfoLine(c: Client, argvMem = 0): string {
  const nowMs = c.engine.now();
  const now = Math.floor(nowMs / 1000);
  const buffers = clientBuffers(c);
  const qbuf = c.queryBufferBytes;
  const qbufAlloc = queryAlloc(c, buffers);
  const subs = subscriptionsOf(c);
  const rbs = buffers.replySize;
  const rbp = buffers.replyPeak;
  const multiMem = queuedMemory(c);
  const omem = c.outputBufferBytes;
  const totMem = CLIENT_BASE_MEMORY + qbufAlloc + argvMem + multiMem + rbs + omem;
  const events = c.origin.fd < 0 ? "" : omem > 0 ? "rw" : "r";
  return "id=" + c.id +
    " addr=" + c.origin.addr +
    " laddr=" + c.origin.laddr +
    " fd=" + c.origin.fd +
    " name=" + c.name +
    " age=" + (now - Math.floor(c.createdAt / 1000)) +
    " idle=" + (now - Math.floor(c.lastInteraction / 1000)) +
    " flags=" + flagLetters(c) +
    " db=" + c.db.id +
    " sub=" + (subs?.channels.size ?? 0) +
    " psub=" + (subs?.patterns.length ?? 0) +
    " ssub=" + (subs?.shardChannels.size ?? 0) +
    " multi=" + queuedCount(c) +
    " qbuf=" + qbuf +
    " qbuf-free=" + (qbufAlloc - qbuf) +
    " argv-mem=" + argvMem +
    " multi-mem=" + multiMem +
    " rbs=" + rbs +
    " rbp=" + rbp +
    " obl=" + c.reply.len +
    " oll=0" +
    " omem=" + omem +
    " tot-mem=" + totMem +
    " events=" + events +
    " cmd=" + c.lastCommand +
    " user=" + c.user +
    " redir=" + trackingRedirect(c) +
    " resp=" + c.protocol;
}

/** Sum of the argument lengths of a command (Redis's argv_len_sum). */
export function argvLength(argv: string[]): number {
  let n = 0;
  for (let i = 0; i < argv.length; i++) n += argv[i].length;
  return n;
}
