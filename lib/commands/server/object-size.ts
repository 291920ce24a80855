/**
 * Estimates of what a value would cost in Redis: memory as Redis's
 * objectComputeSize counts it (MEMORY USAGE), the RDB length (DEBUG OBJECT
 * serializedlength) and listpack/quicklist shapes. Sizes follow Redis's
 * structures and jemalloc's size classes, so the numbers are close to what
 * Redis 7.0 reports for the same data.
 *
 * @module
 */
import type { EncodingLimits, RedisValue } from "../../store/value.ts";
import type { ListValue } from "../../store/types/list.ts";
import type { SetValue } from "../../store/types/set.ts";
import type { HashValue } from "../../store/types/hash.ts";
import type { ZSet } from "../../store/types/zset.ts";
import { toInt64 } from "../parse.ts";

const ROBJ = 16;
const DICT_ENTRY = 24;
const DICT = 56;
const QUICKLIST = 40;
const QUICKLIST_NODE = 32;
const ZSET_STRUCT = 16;
const SKIPLIST_HEADER = 32 + 32 * 16;

/** jemalloc's size class for an allocation of `n` bytes. */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const group = 2 ** Math.floor(Math.log2(n - 1));
  const step = group / 4;
  return Math.ceil(n / step) * step;
}

/** Bytes of an sds string holding `len` bytes (header by length, plus the terminator). */
export function sdsSize(len: number): number {
  const header = len < 32 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : 9;
  return mallocSize(header + len + 1);
}

/** Memory of a string value (int, embstr or raw encoding). */
function stringSize(s: string): number {
  if (s.length <= 20 && toInt64(s) !== undefined) return ROBJ;
  if (s.length <= 44) return mallocSize(ROBJ + 3 + s.length + 1);
  return ROBJ + mallocSize(3 + s.length + 1);
}

/** Bytes a listpack entry takes for `s` (encoding, data and back-length). */
export function listpackEntrySize(s: string): number {
  let enc: number;
  const v = s.length <= 20 ? toInt64(s) : undefined;
  if (v !== undefined) {
    const n = Number(v);
    if (n >= 0 && n <= 127) enc = 1;
    else if (n >= -4096 && n <= 4095) enc = 2;
    else if (n >= -32768 && n <= 32767) enc = 3;
    else if (n >= -8388608 && n <= 8388607) enc = 4;
    else if (n >= -2147483648 && n <= 2147483647) enc = 5;
    else enc = 9;
  } else {
    const len = s.length;
    enc = (len <= 63 ? 1 : len <= 4095 ? 2 : 5) + len;
  }
  const back = enc < 128 ? 1 : enc < 16384 ? 2 : enc < 2097152 ? 3 : enc < 268435456 ? 4 : 5;
  return enc + back;
}

/** Total listpack bytes for the given entries (header and end byte included). */
export function listpackBytes(items: Iterable<string>): number {
  let n = 7;
  for (const s of items) n += listpackEntrySize(s);
  return n;
}

/** The element strings of a collection, in order (members and scores for zsets, fields and values for hashes). */
export function* collectionItems(v: RedisValue): Generator<string> {
  if (typeof v === "string") {
    yield v;
    return;
  }
  switch (v.type) {
    case "list": {
      const l = v as ListValue;
      for (let i = 0; i < l.length; i++) yield l.at(i)!;
      return;
    }
    case "set":
      yield* (v as SetValue).members;
      return;
    case "hash": {
      const h = v as HashValue;
      const fields = h.fields;
      const values = h.values;
      for (let i = 0; i < fields.length; i++) {
        yield fields[i];
        yield values[i];
      }
      return;
    }
    case "zset": {
      const z = v as ZSet;
      const members = z.members;
      const scores = z.scores;
      for (let i = 0; i < members.length; i++) {
        yield members[i];
        yield String(scores[i]);
      }
      return;
    }
    default:
      yield* genericStrings(v);
  }
}

/** Number of elements (pairs count once for hashes and zsets). */
export function collectionLength(v: RedisValue): number {
  if (typeof v === "string") return 1;
  switch (v.type) {
    case "list":
      return (v as ListValue).length;
    case "set":
      return (v as SetValue).size;
    case "hash":
      return (v as HashValue).size;
    case "zset":
      return (v as ZSet).size;
  }
  let n = 0;
  for (const _ of genericStrings(v)) n++;
  return n;
}

/**
 * The strings inside a value whose layout is not known here (streams and
 * future types): own fields walked depth-first, Maps and arrays in order.
 */
export function* genericStrings(v: unknown, depth = 0): Generator<string> {
  if (depth > 8 || v === null || v === undefined) return;
  if (typeof v === "string") yield v;
  else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") {
    yield String(v);
  } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    for (const x of v as ArrayLike<unknown> & Iterable<unknown>) {
      yield* genericStrings(x, depth + 1);
    }
  } else if (v instanceof Map) {
    for (const [k, x] of v) {
      yield* genericStrings(k, depth + 1);
      yield* genericStrings(x, depth + 1);
    }
  } else if (v instanceof Set) {
    for (const x of v) yield* genericStrings(x, depth + 1);
  } else if (typeof v === "object") {
    for (const k of Object.keys(v).sort()) {
      yield* genericStrings((v as Record<string, unknown>)[k], depth + 1);
    }
  }
}

function pow2AtLeast(n: number): number {
  let p = 4;
  while (p < n) p *= 2;
  return p;
}

/** Quicklist node layout of a list: elements per node as list-max-listpack-size allows. */
export function quicklistNodes(items: string[], fill: number): string[][] {
  const nodes: string[][] = [];
  let cur: string[] = [];
  let bytes = 7;
  const maxBytes = fill < 0 ? 4096 * 2 ** Math.min(4, -fill - 1) : Infinity;
  const maxCount = fill > 0 ? fill : Infinity;
  for (const s of items) {
    const size = listpackEntrySize(s);
    if (cur.length > 0 && (cur.length >= maxCount || bytes + size > maxBytes)) {
      nodes.push(cur);
      cur = [];
      bytes = 7;
    }
    cur.push(s);
    bytes += size;
  }
  if (cur.length > 0) nodes.push(cur);
  return nodes;
}

/**
 * Bytes Redis would use for `v` (objectComputeSize): exact sums for small
 * values, the average of the first `samples` elements times the count
 * for large hash-table encoded ones, as Redis does.
 */
export function valueMemory(v: RedisValue, limits: EncodingLimits, samples: number): number {
  if (typeof v === "string") return stringSize(v);
  const enc = v.encoding(limits);
  const count = collectionLength(v);
  const sample = (items: Iterable<string>, per: (s: string) => number, group: number) => {
    let total = 0;
    let seen = 0;
    let i = 0;
    let acc = 0;
    for (const s of items) {
      acc += per(s);
      if (++i % group !== 0) continue;
      total += acc;
      acc = 0;
      if (++seen >= samples) break;
    }
    return seen === 0 ? 0 : (total / seen) * count;
  };
  switch (enc) {
    case "quicklist": {
      const items = [...collectionItems(v)];
      const nodes = quicklistNodes(items, limits.listMaxListpackSize);
      let size = ROBJ + QUICKLIST;
      for (const n of nodes) size += QUICKLIST_NODE + mallocSize(listpackBytes(n));
      return size;
    }
    case "listpack":
      return ROBJ + mallocSize(listpackBytes(collectionItems(v)));
    case "intset": {
      let width = 2;
      for (const s of collectionItems(v)) {
        const n = Number(toInt64(s) ?? 0);
        if (n < -2147483648 || n > 2147483647) width = 8;
        else if ((n < -32768 || n > 32767) && width < 4) width = 4;
      }
      return ROBJ + mallocSize(8 + width * count);
    }
    case "hashtable": {
      const buckets = pow2AtLeast(count) * 8;
      if (v.type === "set") {
        return ROBJ + DICT + buckets +
          sample(collectionItems(v), (s) => DICT_ENTRY + sdsSize(s.length), 1);
      }
      return ROBJ + DICT + buckets +
        sample(collectionItems(v), (s) => sdsSize(s.length), 2) + DICT_ENTRY * count;
    }
    case "skiplist": {
      const buckets = pow2AtLeast(count) * 8;
      const z = v as ZSet;
      let total = 0;
      let seen = 0;
      for (let slot = 0, top = z.slotTop; slot < top && seen < samples; slot++) {
        if (!z.slotLive(slot)) continue;
        total += mallocSize(24 + 16 * 1.33) + sdsSize(z.memberAt(slot).length) + DICT_ENTRY;
        seen++;
      }
      return ROBJ + ZSET_STRUCT + DICT + buckets + SKIPLIST_HEADER +
        (seen === 0 ? 0 : (total / seen) * count);
    }
  }
  let size = ROBJ;
  for (const s of genericStrings(v)) size += mallocSize(s.length + 8);
  return size;
}

/** Bytes of Redis's RDB length prefix for `n`. */
export function rdbLenSize(n: number): number {
  return n < 64 ? 1 : n < 16384 ? 2 : n <= 0xffffffff ? 5 : 9;
}

/** Bytes of a string in an RDB file (integer encoded when it can be). */
function rdbStringSize(s: string): number {
  if (s.length <= 11) {
    const v = toInt64(s);
    if (v !== undefined) {
      const n = Number(v);
      if (n >= -128 && n <= 127) return 2;
      if (n >= -32768 && n <= 32767) return 3;
      if (n >= -2147483648 && n <= 2147483647) return 5;
    }
  }
  return rdbLenSize(s.length) + s.length;
}

/** What the value would take in an RDB file, uncompressed (DEBUG OBJECT serializedlength). */
export function serializedLength(v: RedisValue, limits: EncodingLimits): number {
  if (typeof v === "string") return rdbStringSize(v);
  const enc = v.encoding(limits);
  switch (enc) {
    case "quicklist": {
      const nodes = quicklistNodes([...collectionItems(v)], limits.listMaxListpackSize);
      let n = rdbLenSize(nodes.length);
      for (const node of nodes) {
        const b = listpackBytes(node);
        n += 1 + rdbLenSize(b) + b;
      }
      return n;
    }
    case "listpack": {
      const b = listpackBytes(collectionItems(v));
      return rdbLenSize(b) + b;
    }
    case "intset": {
      const b = valueMemory(v, limits, 0) - ROBJ;
      return rdbLenSize(b) + b;
    }
  }
  let n = rdbLenSize(collectionLength(v));
  if (v.type === "zset") {
    const z = v as ZSet;
    for (const m of z.members) n += rdbStringSize(m) + 8;
    return n;
  }
  for (const s of collectionItems(v)) n += rdbStringSize(s);
  return n;
}
