/**
 * BITFIELD and BITFIELD_RO: signed and unsigned integers of 1 to 64 bits
 * (unsigned up to 63) at any bit offset. Arithmetic is done on bigints
 * wrapped to 64 bits exactly as Redis's C code wraps, so the corner cases of
 * its overflow checks come out the same.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_STRING } from "../../config/notify-flags.ts";
import { toInt64 } from "../parse.ts";
import { keywordIs } from "../strings/shared.ts";
import {
  type BitTarget,
  bitTarget,
  bytesToBinary,
  parseBitOffset,
  storeBitTarget,
} from "./bits.ts";

const OP_GET = 0;
const OP_SET = 1;
const OP_INCRBY = 2;

const WRAP = 0;
const SAT = 1;
const FAIL = 2;

const ERR_TYPE =
  "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

interface Op {
  opcode: number;
  offset: number;
  value: bigint;
  overflow: number;
  bits: number;
  signed: boolean;
}

function parseType(arg: string): { signed: boolean; bits: number } | undefined {
  const k = arg.charCodeAt(0);
  if (k !== 105 && k !== 117) return undefined; // 'i' or 'u', lowercase only
  const n = toInt64(arg.slice(1));
  const signed = k === 105;
  if (n === undefined || n < 1 || n > (signed ? 64 : 63)) return undefined;
  return { signed, bits: Number(n) };
}

/** Reads `bits` bits at bit `offset` from a byte source (zeros past its end). */
function readBits(get: (i: number) => number, offset: number, bits: number): bigint {
  // Gather the (at most 9) bytes spanned, then cut the field out of them.
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let acc = 0n;
  for (let i = first; i <= last; i++) acc = (acc << 8n) | BigInt(get(i));
  const tail = (last + 1) * 8 - (offset + bits);
  return (acc >> BigInt(tail)) & ((1n << BigInt(bits)) - 1n);
}

/** Writes the low `bits` bits of `value` at bit `offset` into `buf`. */
function writeBits(buf: Uint8Array, offset: number, bits: number, value: bigint): void {
  const u = BigInt.asUintN(bits, value);
  for (let j = 0; j < bits; j++) {
    const bit = Number((u >> BigInt(bits - 1 - j)) & 1n);
    const pos = offset + j;
    const byte = Math.floor(pos / 8);
    const mask = 1 << (7 - (pos % 8));
    buf[byte] = bit ? buf[byte] | mask : buf[byte] & ~mask;
  }
}

const i64 = (v: bigint) => BigInt.asIntN(64, v);

/**
 * Redis's overflow check for a signed field: 0, or 1 / -1 with the value to
 * store in `out[0]` under WRAP or SAT. Intermediate differences wrap at 64
 * bits as the C code's do.
 */
function signedOverflow(
  value: bigint,
  incr: bigint,
  bits: number,
  mode: number,
  out: bigint[],
): number {
  const max = bits === 64 ? 9223372036854775807n : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxincr = i64(max - value);
  const minincr = i64(min - value);
  let r = 0;
  if (
    value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)
  ) {
    r = 1;
    if (mode === SAT) out[0] = max;
  } else if (
    value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr)
  ) {
    r = -1;
    if (mode === SAT) out[0] = min;
  }
  if (r !== 0 && mode === WRAP) out[0] = BigInt.asIntN(bits, value + incr);
  return r;
}

/** The same for an unsigned field (`value` is an unsigned 64-bit quantity). */
function unsignedOverflow(
  value: bigint,
  incr: bigint,
  bits: number,
  mode: number,
  out: bigint[],
): number {
  const max = (1n << BigInt(bits)) - 1n;
  const maxincr = i64(max - value);
  const minincr = i64(-value);
  let r = 0;
  if (value > max || (incr > 0n && incr > maxincr)) {
    r = 1;
    if (mode === SAT) out[0] = max;
  } else if (incr < 0n && incr < minincr) {
    r = -1;
    if (mode === SAT) out[0] = 0n;
  }
  if (r !== 0 && mode === WRAP) out[0] = BigInt.asUintN(bits, value + incr);
  return r;
}

function bitfieldGeneric(c: Client, argv: string[], readonlyCommand: boolean): void {
  const ops: Op[] = [];
  let overflow = WRAP;
  let writes = false;
  let highest = 0;
  const argc = argv.length;
  for (let j = 2; j < argc; j++) {
    const rem = argc - j - 1;
    const sub = argv[j];
    let opcode: number;
    if (keywordIs(sub, "GET") && rem >= 2) opcode = OP_GET;
    else if (keywordIs(sub, "SET") && rem >= 3) opcode = OP_SET;
    else if (keywordIs(sub, "INCRBY") && rem >= 3) opcode = OP_INCRBY;
    else if (keywordIs(sub, "OVERFLOW") && rem >= 1) {
      const mode = argv[++j];
      if (keywordIs(mode, "WRAP")) overflow = WRAP;
      else if (keywordIs(mode, "SAT")) overflow = SAT;
      else if (keywordIs(mode, "FAIL")) overflow = FAIL;
      else return c.reply.error("ERR Invalid OVERFLOW type specified");
      continue;
    } else return c.reply.error(ERR_SYNTAX);
    const type = parseType(argv[j + 1]);
    if (type === undefined) return c.reply.error(ERR_TYPE);
    const offset = parseBitOffset(c, argv[j + 2], type.bits);
    let value = 0n;
    if (opcode !== OP_GET) {
      writes = true;
      if (offset + type.bits - 1 > highest) highest = offset + type.bits - 1;
      const v = toInt64(argv[j + 3]);
      if (v === undefined) return c.reply.error(ERR_NOT_INTEGER);
      value = BigInt(v);
    }
    ops.push({ opcode, offset, value, overflow, bits: type.bits, signed: type.signed });
    j += opcode === OP_GET ? 2 : 3;
  }

  const key = argv[1];
  let src = "";
  let target: BitTarget | undefined;
  let buf: Uint8Array | undefined;
  if (!writes) {
    const v = c.db.lookupRead(key);
    if (v !== undefined && typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
    src = v ?? "";
  } else {
    if (readonlyCommand) return c.reply.error("ERR BITFIELD_RO only supports the GET subcommand");
    target = bitTarget(c, key, highest);
    src = target.value;
    buf = new Uint8Array(src.length);
    for (let i = 0; i < src.length; i++) buf[i] = src.charCodeAt(i);
  }

  const reply = c.reply;
  reply.arrayLen(ops.length);
  let changes = 0;
  const out: bigint[] = [0n];
  const fromString = (i: number) => (i < src.length ? src.charCodeAt(i) : 0);
  for (const op of ops) {
    if (op.opcode === OP_GET) {
      const get = buf ? (i: number) => (i < buf!.length ? buf![i] : 0) : fromString;
      let v = readBits(get, op.offset, op.bits);
      if (op.signed) v = BigInt.asIntN(op.bits, v);
      reply.int(toReplyInt(v));
      continue;
    }
    const b = buf!;
    const raw = readBits((i) => b[i], op.offset, op.bits);
    const oldval = op.signed ? BigInt.asIntN(op.bits, raw) : raw;
    let newval: bigint;
    let retval: bigint;
    let of: number;
    if (op.opcode === OP_INCRBY) {
      of = op.signed
        ? signedOverflow(oldval, op.value, op.bits, op.overflow, out)
        : unsignedOverflow(oldval, op.value, op.bits, op.overflow, out);
      newval = of ? out[0] : oldval + op.value;
      retval = newval;
    } else {
      // SET checks the new value itself; an unsigned field sees it as a 64-bit unsigned.
      const v = op.signed ? op.value : BigInt.asUintN(64, op.value);
      of = op.signed
        ? signedOverflow(v, 0n, op.bits, op.overflow, out)
        : unsignedOverflow(v, 0n, op.bits, op.overflow, out);
      newval = of ? out[0] : v;
      retval = oldval;
    }
    if (of !== 0 && op.overflow === FAIL) {
      reply.nullBulk();
      continue;
    }
    reply.int(toReplyInt(retval));
    writeBits(b, op.offset, op.bits, newval);
    if (target!.grown || oldval !== newval) changes++;
  }
  if (target !== undefined) {
    // The key is created or padded even when every write failed, as in Redis.
    if (changes > 0 || target.grown) {
      storeBitTarget(c, key, target, bytesToBinary(buf!, buf!.length));
    }
    if (changes > 0) {
      const engine = c.engine;
      engine.keyModified(c.db, key);
      engine.notify(NOTIFY_STRING, "setbit", key, c.db.id);
      engine.dirty += changes;
    }
  }
}

/** Reply integers as numbers when exact, bigints otherwise. */
function toReplyInt(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

export const bitfield: CommandDefinition = {
  name: "bitfield",
  arity: -2,
  flags: ["write", "denyoom"],
  acl: ["bitmap"],
  keys: [{
    notes: "This command allows both access and modification of the key",
    flags: ["RW", "UPDATE", "ACCESS", "VARIABLE_FLAGS"],
    begin: { index: 1 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Perform arbitrary bitfield integer operations on strings",
    since: "3.2.0",
    group: "bitmap",
    complexity: "O(1) for each subcommand specified",
    syntax:
      "key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value | INCRBY encoding offset increment> [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>] <SET encoding offset value | INCRBY encoding offset increment> ...]]",
  },
  handler(c, argv) {
    bitfieldGeneric(c, argv, false);
  },
};

export const bitfieldRo: CommandDefinition = {
  name: "bitfield_ro",
  arity: -2,
  flags: ["readonly", "fast"],
  acl: ["bitmap"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD",
    since: "6.0.0",
    group: "bitmap",
    complexity: "O(1) for each subcommand specified",
    syntax: "key [GET encoding offset [GET encoding offset ...]]",
  },
  handler(c, argv) {
    bitfieldGeneric(c, argv, true);
  },
};
