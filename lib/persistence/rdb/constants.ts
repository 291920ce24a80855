/**
 * Numbers of the RDB format as Redis 7.0 writes it (src/rdb.h): the version,
 * object type bytes, opcodes and length/encoding prefixes.
 *
 * @module
 */

/** RDB_VERSION of Redis 7.0. */
export const RDB_VERSION = 10;

/** Object types (the byte before a key, and the first byte of a DUMP payload). */
export const RDB_TYPE_STRING = 0;
export const RDB_TYPE_SET = 2;
export const RDB_TYPE_HASH = 4;
export const RDB_TYPE_ZSET_2 = 5;
export const RDB_TYPE_SET_INTSET = 11;
export const RDB_TYPE_HASH_LISTPACK = 16;
export const RDB_TYPE_ZSET_LISTPACK = 17;
export const RDB_TYPE_LIST_QUICKLIST_2 = 18;
export const RDB_TYPE_STREAM_LISTPACKS_2 = 19;

/** Opcodes. */
export const RDB_OPCODE_FUNCTION2 = 245;
export const RDB_OPCODE_IDLE = 248;
export const RDB_OPCODE_FREQ = 249;
export const RDB_OPCODE_AUX = 250;
export const RDB_OPCODE_RESIZEDB = 251;
export const RDB_OPCODE_EXPIRETIME_MS = 252;
export const RDB_OPCODE_SELECTDB = 254;
export const RDB_OPCODE_EOF = 255;

/** Length prefixes: the top two bits of the first byte (6 and 14 bit), or a whole byte (32/64 bit). */
export const RDB_6BITLEN = 0;
export const RDB_14BITLEN = 1;
export const RDB_32BITLEN = 0x80;
export const RDB_64BITLEN = 0x81;
/** Top bits `11`: a special string encoding follows in the low 6 bits. */
export const RDB_ENCVAL = 3;
export const RDB_ENC_INT8 = 0;
export const RDB_ENC_INT16 = 1;
export const RDB_ENC_INT32 = 2;

/** Quicklist node containers (src/quicklist.h). */
export const QUICKLIST_NODE_CONTAINER_PLAIN = 1;
export const QUICKLIST_NODE_CONTAINER_PACKED = 2;
