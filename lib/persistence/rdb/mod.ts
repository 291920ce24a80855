/**
 * Redis 7.0's RDB format (version 10), written without any runtime API: the
 * whole file ({@link rdbChunks}, {@link encodeRdb}) and DUMP's one-value
 * serialization ({@link dumpPayload}).
 *
 * @module
 */
export { ByteWriter } from "./bytes.ts";
export { Crc64, crc64 } from "./crc64.ts";
export { RDB_VERSION } from "./constants.ts";
export { dumpPayload } from "./dump.ts";
export {
  encodeRdb,
  rdbChunks,
  type RdbDatabase,
  type RdbOptions,
  type RdbReplicationInfo,
} from "./encode-db.ts";
export { rdbObjectType, writeObject } from "./encode-object.ts";
export { encodeIntset } from "./intset.ts";
export { ListpackWriter } from "./listpack.ts";
