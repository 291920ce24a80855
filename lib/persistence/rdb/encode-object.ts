/**
 * One value in the RDB format (rdbSaveObjectType + rdbSaveObject of Redis
 * 7.0): the type byte follows the encoding OBJECT ENCODING reports under the
 * engine's thresholds, and compact encodings are written as the very
 * listpack or intset Redis would hold:
 *
 * | value                 | type                    | payload                                   |
 * | --------------------- | ----------------------- | ----------------------------------------- |
 * | string                | STRING                  | integer-encoded when it can be, else raw  |
 * | list                  | LIST_QUICKLIST_2        | listpack nodes (see quicklist.ts)         |
 * | set, intset           | SET_INTSET              | the intset                                |
 * | set, hashtable        | SET                     | count, members                            |
 * | hash, listpack        | HASH_LISTPACK           | field, value, ... in order                |
 * | hash, hashtable       | HASH                    | count, field/value pairs                  |
 * | sorted set, listpack  | ZSET_LISTPACK           | member, score, ... by (score, member)     |
 * | sorted set, skiplist  | ZSET_2                  | count, member + binary score, highest first |
 * | stream                | STREAM_LISTPACKS_2      | see stream.ts                             |
 *
 * Hashtable encodings come out in Ferrous's order, not in the order of
 * Redis's dict; the loaded value is the same.
 *
 * @module
 */
import { formatDouble } from "../../resp/double.ts";
import type { HashValue } from "../../store/types/hash.ts";
import type { ListValue } from "../../store/types/list.ts";
import type { SetValue } from "../../store/types/set.ts";
import type { StreamValue } from "../../store/types/stream.ts";
import type { ZSet } from "../../store/types/zset.ts";
import type { EncodingLimits, RedisValue } from "../../store/value.ts";
import type { ByteWriter } from "./bytes.ts";
import {
  RDB_TYPE_HASH,
  RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_LIST_QUICKLIST_2,
  RDB_TYPE_SET,
  RDB_TYPE_SET_INTSET,
  RDB_TYPE_STREAM_LISTPACKS_2,
  RDB_TYPE_STRING,
  RDB_TYPE_ZSET_2,
  RDB_TYPE_ZSET_LISTPACK,
} from "./constants.ts";
import { encodeIntset } from "./intset.ts";
import { ListpackWriter } from "./listpack.ts";
import { writeBinaryDouble, writeBlob, writeLen, writeString } from "./primitives.ts";
import { writeQuicklist } from "./quicklist.ts";
import { writeStream } from "./stream.ts";

/** The RDB type byte of `v` (rdbSaveObjectType). */
export function rdbObjectType(v: RedisValue, limits: EncodingLimits): number {
  if (typeof v === "string") return RDB_TYPE_STRING;
  switch (v.type) {
    case "list":
      return RDB_TYPE_LIST_QUICKLIST_2;
    case "set":
      return v.encoding(limits) === "intset" ? RDB_TYPE_SET_INTSET : RDB_TYPE_SET;
    case "hash":
      return v.encoding(limits) === "listpack" ? RDB_TYPE_HASH_LISTPACK : RDB_TYPE_HASH;
    case "zset":
      return v.encoding(limits) === "listpack" ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_ZSET_2;
    case "stream":
      return RDB_TYPE_STREAM_LISTPACKS_2;
  }
}

/** Writes the payload of `v` (rdbSaveObject) for the type {@link rdbObjectType} gave. */
export function writeObject(
  w: ByteWriter,
  v: RedisValue,
  type: number,
  limits: EncodingLimits,
): void {
  if (typeof v === "string") return writeString(w, v);
  switch (type) {
    case RDB_TYPE_LIST_QUICKLIST_2:
      return writeQuicklist(w, v as ListValue, limits.listMaxListpackSize);
    case RDB_TYPE_SET_INTSET:
      return writeBlob(w, encodeIntset((v as SetValue).members));
    case RDB_TYPE_SET:
      return writeSet(w, v as SetValue);
    case RDB_TYPE_HASH_LISTPACK:
      return writeBlob(w, hashListpack(v as HashValue));
    case RDB_TYPE_HASH:
      return writeHash(w, v as HashValue);
    case RDB_TYPE_ZSET_LISTPACK:
      return writeBlob(w, zsetListpack(v as ZSet));
    case RDB_TYPE_ZSET_2:
      return writeSkiplist(w, v as ZSet);
    case RDB_TYPE_STREAM_LISTPACKS_2:
      return writeStream(w, v as StreamValue);
  }
  throw new Error("no RDB encoding for type " + type);
}

function writeSet(w: ByteWriter, s: SetValue): void {
  const m = s.members;
  writeLen(w, m.length);
  for (let i = 0; i < m.length; i++) writeString(w, m[i]);
}

function hashListpack(h: HashValue): Uint8Array {
  const lp = new ListpackWriter();
  h.forEach((field, value) => {
    lp.appendString(field);
    lp.appendString(value);
  });
  return lp.finish();
}

function writeHash(w: ByteWriter, h: HashValue): void {
  writeLen(w, h.size);
  h.forEach((field, value) => {
    writeString(w, field);
    writeString(w, value);
  });
}

/** `(double)(LLONG_MAX/2)`: double2ll's bound. */
const LL_HALF = 4611686018427387904;

/**
 * Appends a listpack score as zzlInsertAt does: integral values within
 * double2ll's range as integers, the others as d2string's text (`%.17g`,
 * `inf`, `-inf`).
 */
function appendScore(lp: ListpackWriter, d: number): void {
  if (Number.isInteger(d) && d >= -LL_HALF && d <= LL_HALF) {
    lp.appendInteger(Number.isSafeInteger(d) ? (d === 0 ? 0 : d) : BigInt(d));
  } else lp.appendString(formatDouble(d));
}

function zsetListpack(z: ZSet): Uint8Array {
  const lp = new ListpackWriter();
  z.forRange(0, z.size, false, (member, score) => {
    lp.appendString(member);
    appendScore(lp, score);
  });
  return lp.finish();
}

function writeSkiplist(w: ByteWriter, z: ZSet): void {
  const n = z.size;
  writeLen(w, n);
  // From the highest to the lowest, as Redis walks its skiplist backwards.
  z.forRange(n - 1, n, true, (member, score) => {
    writeString(w, member);
    writeBinaryDouble(w, score);
  });
}
