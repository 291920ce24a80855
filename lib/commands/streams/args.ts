/**
 * Argument parsing and lookups shared by the stream commands, with Redis's
 * error texts (t_stream.c).
 *
 * @module
 */
import type { Client } from "../../core/client.ts";
import { ERR_NOT_INTEGER, ERR_WRONGTYPE, fail } from "../../core/errors.ts";
import { parseStreamId, StreamId } from "../../store/types/stream-id.ts";
import { StreamValue } from "../../store/types/stream.ts";
import { toInt64 } from "../parse.ts";

export const ERR_INVALID_ID = "ERR Invalid stream ID specified as stream command argument";

/** Parses an ID that may not be `-` or `+` (streamParseStrictIDOrReply). */
export function parseStrictId(arg: string, id = new StreamId()): StreamId {
  if (parseStreamId(arg, id, "zero", true) < 0) fail(ERR_INVALID_ID);
  return id;
}

/** Parses an ID where `-`/`+` mean the smallest/greatest (streamParseIDOrReply). */
export function parseId(arg: string, missingSeq: "zero" | "max", id = new StreamId()): StreamId {
  if (parseStreamId(arg, id, missingSeq, false) < 0) fail(ERR_INVALID_ID);
  return id;
}

/**
 * Parses a range bound, `(` making it exclusive (streamParseIntervalIDOrReply):
 * returns the inclusive bound, moving an exclusive one by one ID, or fails
 * with `ERR invalid <start|end> ID for the interval`.
 */
export function parseBound(arg: string, isStart: boolean): StreamId {
  const id = new StreamId();
  const exclusive = arg.length > 1 && arg.charCodeAt(0) === 40;
  if (exclusive) {
    if (parseStreamId(arg.slice(1), id, isStart ? "zero" : "max", true) < 0) fail(ERR_INVALID_ID);
    if (isStart ? !id.incr() : !id.decr()) {
      fail(
        isStart ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval",
      );
    }
  } else if (parseStreamId(arg, id, isStart ? "zero" : "max", false) < 0) fail(ERR_INVALID_ID);
  return id;
}

/** getLongLongFromObjectOrReply: a 64-bit integer (a number; huge ones lose precision only where irrelevant). */
export function parseLongLong(arg: string, message = ERR_NOT_INTEGER): number {
  const v = toInt64(arg);
  if (v === undefined) fail(message);
  return Number(v);
}

/** As {@link parseLongLong} keeping bigints (counters that must stay exact). */
export function parseLongLongExact(arg: string, message = ERR_NOT_INTEGER): number | bigint {
  const v = toInt64(arg);
  if (v === undefined) fail(message);
  return v;
}

/** The stream at `key`, or undefined; fails with WRONGTYPE for another type. `read` counts keyspace hits. */
export function lookupStream(c: Client, key: string, read: boolean): StreamValue | undefined {
  const v = read ? c.db.lookupRead(key) : c.db.get(key);
  if (v === undefined) return undefined;
  if (!(v instanceof StreamValue)) fail(ERR_WRONGTYPE);
  return v;
}

/** Case-insensitive keyword test (strcasecmp with an ASCII keyword). */
export function is(arg: string, lower: string): boolean {
  return arg.length === lower.length && arg.toLowerCase() === lower;
}

/** What C's `%s` prints of a binary string: up to the first NUL. */
export function cstr(s: string): string {
  const i = s.indexOf("\0");
  return i < 0 ? s : s.slice(0, i);
}

/** addReplySubcommandSyntaxError's text. */
export function subcommandSyntaxError(argv: string[]): string {
  return "ERR unknown subcommand or wrong number of arguments for '" + cstr(argv[1]).slice(0, 128) +
    "'. Try " + cstr(argv[0]).replace(/[a-z]+/g, (m) => m.toUpperCase()) + " HELP.";
}
