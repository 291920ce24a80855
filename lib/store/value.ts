/**
 * What a key holds. Strings are kept as binary strings (one char per byte):
 * that is the most compact and fastest form on both runtimes. Other types are
 * objects carrying a `type` tag.
 *
 * @module
 */
import type { StrMap } from "./str-map.ts";

/** The type tags of non-string values, as TYPE prints them. */
export type CollectionType = "list" | "hash" | "set" | "zset" | "stream";

/** A collection value (list, hash, set, sorted set, stream). */
export interface CollectionValue {
  readonly type: CollectionType;
  /** OBJECT ENCODING name, decided with Redis's thresholds from the engine's config. */
  encoding(limits: EncodingLimits): string;
  /** A deep copy with the same encoding (COPY, and anything that must not share the value). */
  clone(): CollectionValue;
  /**
   * The table its members (hash fields) are looked up in, when it has one
   * (large sets, hashes and sorted sets): lets lib/server/prefetch.ts bring
   * a pipelined chunk's members into the cache before the commands run.
   */
  memberIndex?(): StrMap<unknown> | undefined;
}

/** Config thresholds Redis uses to choose compact encodings. */
export interface EncodingLimits {
  hashMaxListpackEntries: number;
  hashMaxListpackValue: number;
  setMaxIntsetEntries: number;
  zsetMaxListpackEntries: number;
  zsetMaxListpackValue: number;
  listMaxListpackSize: number;
  listCompressDepth: number;
  streamNodeMaxBytes: number;
  streamNodeMaxEntries: number;
}

/** Any value stored under a key. */
export type RedisValue = string | CollectionValue;

/** TYPE's answer for a value. */
export function typeName(v: RedisValue): string {
  return typeof v === "string" ? "string" : v.type;
}
