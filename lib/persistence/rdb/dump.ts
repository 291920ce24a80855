/**
 * DUMP's serialization of one value (Redis's createDumpPayload): the RDB
 * type byte and payload, then the RDB version as 2 little-endian bytes and
 * the CRC-64 of everything before it as 8 little-endian bytes. RESTORE on a
 * Redis 7.0 accepts it; for the listpack, intset and integer encodings the
 * bytes are the ones Redis's own DUMP gives (with `rdbcompression no`: no
 * LZF here, see primitives.ts).
 *
 * @module
 */
import type { EncodingLimits, RedisValue } from "../../store/value.ts";
import { ByteWriter } from "./bytes.ts";
import { RDB_VERSION } from "./constants.ts";
import { Crc64 } from "./crc64.ts";
import { rdbObjectType, writeObject } from "./encode-object.ts";

/**
 * The DUMP payload of `v`.
 *
 * @example
 * ```ts
 * dumpPayload("hello", limits); // 00 05 68 65 6c 6c 6f 0a 00 + 8 CRC bytes
 * ```
 */
export function dumpPayload(v: RedisValue, limits: EncodingLimits): Uint8Array {
  const w = new ByteWriter(typeof v === "string" ? v.length + 32 : 256);
  const type = rdbObjectType(v, limits);
  w.u8(type);
  writeObject(w, v, type, limits);
  w.u16le(RDB_VERSION);
  const crc = new Crc64();
  crc.update(w.written());
  w.bytes(crc.bytesLE());
  return w.take();
}
