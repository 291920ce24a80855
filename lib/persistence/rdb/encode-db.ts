/**
 * A whole RDB file as Redis 7.0 writes it (rdbSaveRio):
 *
 *     "REDIS0010"
 *     AUX redis-ver 7.0.15, redis-bits 64, ctime, used-mem,
 *         [repl-stream-db, repl-id, repl-offset: when made for a replica,]
 *         aof-base 0
 *     FUNCTION2 <library code>            (per library)
 *     per non-empty database:
 *       SELECTDB <id>  RESIZEDB <keys> <keys with a TTL>
 *       per key: [EXPIRETIME_MS <ms>] [IDLE <s> | FREQ <n>] <type> <key> <value>
 *     EOF <CRC-64, little endian; 0 when rdbchecksum is off>
 *
 * Keys come in the database's order and include keys whose TTL passed but
 * that were not removed yet (Redis saves those too; a loading master drops
 * them).
 *
 * The writer is an incremental producer: {@link rdbChunks} is a generator
 * that yields the file in chunks of about `chunkSize` bytes, one key at a
 * time, so a caller can interleave it with serving clients (a fork-less
 * background save). Between two chunks the caller must keep the data from
 * changing under it (or accept a snapshot that is not point-in-time): the
 * generator reads the databases' live Maps. {@link encodeRdb} runs it to
 * the end at once.
 *
 * @module
 */
import type { EncodingLimits, RedisValue } from "../../store/value.ts";
import { ByteWriter } from "./bytes.ts";
import {
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_FREQ,
  RDB_OPCODE_FUNCTION2,
  RDB_OPCODE_IDLE,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  RDB_VERSION,
} from "./constants.ts";
import { Crc64 } from "./crc64.ts";
import { rdbObjectType, writeObject } from "./encode-object.ts";
import { writeLen, writeMillis, writeString } from "./primitives.ts";

/** What the writer reads of a database (a {@link Database} has it). */
export interface RdbDatabase {
  readonly id: number;
  /** Keys and values, in the order to write them. */
  readonly dict: { readonly size: number; [Symbol.iterator](): Iterator<[string, RedisValue]> };
  /** Absolute expiry times in ms. */
  readonly expires: { readonly size: number; get(key: string): number | undefined };
}

/** Replication info saved as aux fields when the RDB is for a replica (Redis's rdbSaveInfo). */
export interface RdbReplicationInfo {
  /** The database the replication stream has selected (repl-stream-db). */
  streamDb: number;
  /** The master's replication ID (40 hex chars). */
  replId: string;
  /** The master's replication offset. */
  offset: number;
}

/** How to write the file. */
export interface RdbOptions {
  /** Encoding thresholds (the engine's config), as OBJECT ENCODING uses them. */
  limits: EncodingLimits;
  /** The redis-ver aux field. */
  redisVersion: string;
  /** Unix time in seconds (the ctime aux field). */
  ctime: number;
  /** Bytes in use (the used-mem aux field). */
  usedMem: number;
  /** Set for a replica's RDB: adds repl-stream-db, repl-id and repl-offset. */
  replication?: RdbReplicationInfo;
  /** Write the CRC-64 (Redis's rdbchecksum); when false the checksum is 8 zero bytes. Default true. */
  checksum?: boolean;
  /** Write the databases (false for REPLCONF rdb-filter-only). Default true. */
  includeData?: boolean;
  /** Function library codes to write as FUNCTION2 records (none by default). */
  functions?: readonly string[];
  /**
   * Per-key access info, written before the type as Redis does under an
   * eviction policy: `lru` gives the idle time in seconds (RDB_OPCODE_IDLE,
   * LRU policies), `lfu` the LFU counter (RDB_OPCODE_FREQ, LFU policies).
   */
  access?: {
    kind: "lru" | "lfu";
    get(db: RdbDatabase, key: string): number;
  };
  /** Bytes per yielded chunk (a chunk ends at a key boundary, so it may be larger). Default 64 KB. */
  chunkSize?: number;
}

const MAGIC = "REDIS" + String(RDB_VERSION).padStart(4, "0");

function writeAux(w: ByteWriter, key: string, value: string): void {
  w.u8(RDB_OPCODE_AUX);
  writeString(w, key);
  writeString(w, value);
}

/**
 * Yields the RDB file of `dbs` in chunks (each a new array the caller owns).
 *
 * @example
 * ```ts
 * for (const chunk of rdbChunks(engine.dbs, options)) socket.write(chunk);
 * ```
 */
export function* rdbChunks(
  dbs: readonly RdbDatabase[],
  options: RdbOptions,
): Generator<Uint8Array, void, void> {
  const chunkSize = options.chunkSize ?? 65536;
  const limits = options.limits;
  const checksum = options.checksum ?? true;
  const crc = new Crc64();
  const w = new ByteWriter(Math.min(chunkSize * 2, 1 << 20));
  const cut = (): Uint8Array => {
    const chunk = w.take();
    if (checksum) crc.update(chunk);
    return chunk;
  };

  w.binary(MAGIC);
  writeAux(w, "redis-ver", options.redisVersion);
  writeAux(w, "redis-bits", "64");
  writeAux(w, "ctime", String(Math.floor(options.ctime)));
  writeAux(w, "used-mem", String(Math.floor(options.usedMem)));
  const repl = options.replication;
  if (repl !== undefined) {
    writeAux(w, "repl-stream-db", String(repl.streamDb));
    writeAux(w, "repl-id", repl.replId);
    writeAux(w, "repl-offset", String(repl.offset));
  }
  writeAux(w, "aof-base", "0");
  for (const code of options.functions ?? []) {
    w.u8(RDB_OPCODE_FUNCTION2);
    writeString(w, code);
  }

  if (options.includeData ?? true) {
    const access = options.access;
    const accessOp = access?.kind === "lfu" ? RDB_OPCODE_FREQ : RDB_OPCODE_IDLE;
    for (const db of dbs) {
      const dict = db.dict;
      if (dict.size === 0) continue;
      const expires = db.expires;
      w.u8(RDB_OPCODE_SELECTDB);
      writeLen(w, db.id);
      w.u8(RDB_OPCODE_RESIZEDB);
      writeLen(w, dict.size);
      writeLen(w, expires.size);
      for (const [key, value] of dict) {
        const when = expires.size === 0 ? undefined : expires.get(key);
        if (when !== undefined) {
          w.u8(RDB_OPCODE_EXPIRETIME_MS);
          writeMillis(w, when);
        }
        if (access !== undefined) {
          w.u8(accessOp);
          const n = access.get(db, key);
          if (accessOp === RDB_OPCODE_FREQ) w.u8(n & 0xff);
          else writeLen(w, n);
        }
        const type = rdbObjectType(value, limits);
        w.u8(type);
        writeString(w, key);
        writeObject(w, value, type, limits);
        if (w.len >= chunkSize) yield cut();
      }
    }
  }

  w.u8(RDB_OPCODE_EOF);
  const last = cut();
  const sum = checksum ? crc.bytesLE() : new Uint8Array(8);
  const out = new Uint8Array(last.length + 8);
  out.set(last);
  out.set(sum, last.length);
  yield out;
}

/** The whole RDB file of `dbs` at once. */
export function encodeRdb(dbs: readonly RdbDatabase[], options: RdbOptions): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (const chunk of rdbChunks(dbs, options)) {
    chunks.push(chunk);
    total += chunk.length;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
