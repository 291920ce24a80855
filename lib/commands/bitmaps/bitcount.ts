/** BITCOUNT and BITPOS, with byte or (since 7.0) bit ranges. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { toInt64 } from "../parse.ts";
import { keywordIs } from "../strings/shared.ts";
import { bitposBytes, firstBit, POPCOUNT, popcount } from "./bits.ts";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Indexes past 2^53 act as ±2^53: no string is that long. */
function clamp(v: number | bigint): number {
  if (typeof v === "number") return v;
  return v > 0 ? MAX_SAFE : -MAX_SAFE;
}

/** Parses BYTE or BIT; undefined for anything else. */
function parseUnit(arg: string): boolean | undefined {
  if (keywordIs(arg, "BIT")) return true;
  if (keywordIs(arg, "BYTE")) return false;
  return undefined;
}

/** A resolved range: bytes [start, end] plus masks of the edge bits outside a bit range. */
interface Range {
  start: number;
  end: number;
  firstMask: number;
  lastMask: number;
}

/** Normalizes a range as Redis does: negative indexes from the end, clamped; bit ranges become bytes plus edge masks. */
function resolve(s: number, e: number, totalBytes: number, isBit: boolean): Range {
  const total = isBit ? totalBytes * 8 : totalBytes;
  let start = s;
  let end = e;
  if (start < 0) start += total;
  if (end < 0) end += total;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  let firstMask = 0;
  let lastMask = 0;
  if (isBit && start <= end) {
    firstMask = ~((1 << (8 - (start & 7))) - 1) & 0xff;
    lastMask = (1 << (7 - (end & 7))) - 1;
    start = Math.floor(start / 8);
    end = Math.floor(end / 8);
  }
  return { start, end, firstMask, lastMask };
}

export const bitcount: CommandDefinition = {
  name: "bitcount",
  arity: -2,
  flags: ["readonly"],
  acl: ["bitmap"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Count set bits in a string",
    since: "2.6.0",
    group: "bitmap",
    complexity: "O(N)",
    syntax: "key [start end [BYTE | BIT]]",
    history: [["7.0.0", "Added the `BYTE|BIT` option."]],
  },
  handler(c, argv) {
    const v = c.db.lookupRead(argv[1]);
    if (v === undefined) return c.reply.int(0);
    if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
    const argc = argv.length;
    if (argc === 2) return c.reply.int(v.length === 0 ? 0 : popcount(v, 0, v.length - 1));
    if (argc !== 4 && argc !== 5) return c.reply.error(ERR_SYNTAX);
    const s = toInt64(argv[2]);
    if (s === undefined) return c.reply.error(ERR_NOT_INTEGER);
    const e = toInt64(argv[3]);
    if (e === undefined) return c.reply.error(ERR_NOT_INTEGER);
    if (s < 0 && e < 0 && s > e) return c.reply.int(0);
    let isBit = false;
    if (argc === 5) {
      const unit = parseUnit(argv[4]);
      if (unit === undefined) return c.reply.error(ERR_SYNTAX);
      isBit = unit;
    }
    const r = resolve(clamp(s), clamp(e), v.length, isBit);
    if (r.start > r.end) return c.reply.int(0);
    let count = popcount(v, r.start, r.end);
    if (r.firstMask) count -= POPCOUNT[v.charCodeAt(r.start) & r.firstMask];
    if (r.lastMask) count -= POPCOUNT[v.charCodeAt(r.end) & r.lastMask];
    c.reply.int(count);
  },
};

export const bitpos: CommandDefinition = {
  name: "bitpos",
  arity: -3,
  flags: ["readonly"],
  acl: ["bitmap"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Find first bit set or clear in a string",
    since: "2.8.7",
    group: "bitmap",
    complexity: "O(N)",
    syntax: "key bit [start [end [BYTE | BIT]]]",
    history: [["7.0.0", "Added the `BYTE|BIT` option."]],
  },
  handler(c, argv) {
    const bitArg = toInt64(argv[2]);
    if (bitArg === undefined) return c.reply.error(ERR_NOT_INTEGER);
    if (bitArg !== 0 && bitArg !== 1) return c.reply.error("ERR The bit argument must be 1 or 0.");
    const bit = bitArg;
    const v = c.db.lookupRead(argv[1]);
    // A missing key is an endless run of zeros.
    if (v === undefined) return c.reply.int(bit ? -1 : 0);
    if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
    const argc = argv.length;
    let endGiven = false;
    let r: Range;
    if (argc === 3) r = { start: 0, end: v.length - 1, firstMask: 0, lastMask: 0 };
    else if (argc <= 6) {
      const s = toInt64(argv[3]);
      if (s === undefined) return c.reply.error(ERR_NOT_INTEGER);
      let isBit = false;
      if (argc === 6) {
        const unit = parseUnit(argv[5]);
        if (unit === undefined) return c.reply.error(ERR_SYNTAX);
        isBit = unit;
      }
      let e: number | bigint = v.length - 1;
      if (argc >= 5) {
        const parsed = toInt64(argv[4]);
        if (parsed === undefined) return c.reply.error(ERR_NOT_INTEGER);
        e = parsed;
        endGiven = true;
      }
      r = resolve(clamp(s), clamp(e), v.length, isBit);
    } else return c.reply.error(ERR_SYNTAX);
    c.reply.int(findBit(v, r, bit, endGiven));
  },
};

/** BITPOS over a resolved range, with Redis's handling of partial edge bytes. */
function findBit(v: string, r: Range, bit: number, endGiven: boolean): number {
  let start = r.start;
  const end = r.end;
  if (start > end) return -1;
  let bytes = end - start + 1;
  let pos: number;
  done: {
    if (r.firstMask) {
      // Bits outside the range read as the opposite of what is searched for.
      let ch = bit ? v.charCodeAt(start) & ~r.firstMask : v.charCodeAt(start) | r.firstMask;
      if (r.lastMask && bytes === 1) ch = bit ? ch & ~r.lastMask : ch | r.lastMask;
      pos = bitposByte(ch & 255, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break done;
      start++;
      bytes--;
    }
    const whole = bytes - (r.lastMask ? 1 : 0);
    if (whole > 0) {
      pos = bitposBytes(v, start, whole, bit);
      if (bytes === whole || (pos !== -1 && pos !== whole * 8)) break done;
      start += whole;
      bytes -= whole;
    }
    const ch = bit ? v.charCodeAt(end) & ~r.lastMask : v.charCodeAt(end) | r.lastMask;
    pos = bitposByte(ch & 255, bit);
  }
  // With an explicit end, running past the range is "no clear bit", not "the first bit after it".
  if (endGiven && bit === 0 && pos === bytes * 8) return -1;
  return pos === -1 ? -1 : pos + start * 8;
}

/** {@link bitposBytes} for a single byte value. */
function bitposByte(b: number, bit: number): number {
  if (bit) return b === 0 ? -1 : firstBit(b);
  return b === 255 ? 8 : firstBit(~b & 255);
}
