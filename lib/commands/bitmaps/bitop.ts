/** BITOP AND | OR | XOR | NOT. */
import { type CommandDefinition, keyRange, singleKey } from "../../core/command.ts";
import { ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_STRING } from "../../config/notify-flags.ts";
import { markStringRaw } from "../../store/object-info.ts";
import { keywordIs, setStringKey } from "../strings/shared.ts";
import { bytesToBinary } from "./bits.ts";

const AND = 0;
const OR = 1;
const XOR = 2;
const NOT = 3;

function parseOp(name: string): number {
  if (keywordIs(name, "AND")) return AND;
  if (keywordIs(name, "OR")) return OR;
  if (keywordIs(name, "XOR")) return XOR;
  if (keywordIs(name, "NOT")) return NOT;
  return -1;
}

/** Combines the sources byte by byte; shorter sources read as zero bytes past their end. */
function compute(op: number, srcs: string[], maxlen: number): string {
  const out = new Uint8Array(maxlen);
  const first = srcs[0];
  const n = srcs.length;
  if (op === NOT) {
    for (let j = 0; j < maxlen; j++) out[j] = ~(j < first.length ? first.charCodeAt(j) : 0);
    return bytesToBinary(out, maxlen);
  }
  for (let j = 0; j < first.length; j++) out[j] = first.charCodeAt(j);
  for (let i = 1; i < n; i++) {
    const s = srcs[i];
    const len = s.length;
    if (op === AND) {
      const lim = len < maxlen ? len : maxlen;
      for (let j = 0; j < lim; j++) out[j] &= s.charCodeAt(j);
      out.fill(0, lim);
    } else if (op === OR) {
      for (let j = 0; j < len; j++) out[j] |= s.charCodeAt(j);
    } else {
      for (let j = 0; j < len; j++) out[j] ^= s.charCodeAt(j);
    }
  }
  return bytesToBinary(out, maxlen);
}

export const bitop: CommandDefinition = {
  name: "bitop",
  arity: -4,
  flags: ["write", "denyoom"],
  acl: ["bitmap"],
  keys: [singleKey(["OW", "UPDATE"], 2), keyRange(["RO", "ACCESS"], 3)],
  docs: {
    summary: "Perform bitwise operations between strings",
    since: "2.6.0",
    group: "bitmap",
    complexity: "O(N)",
    syntax: "operation destkey key [key ...]",
  },
  handler(c, argv) {
    const op = parseOp(argv[1]);
    if (op < 0) return c.reply.error(ERR_SYNTAX);
    if (op === NOT && argv.length !== 4) {
      return c.reply.error("ERR BITOP NOT must be called with a single source key.");
    }
    const db = c.db;
    const dest = argv[2];
    const srcs: string[] = [];
    let maxlen = 0;
    for (let j = 3; j < argv.length; j++) {
      const v = db.lookupRead(argv[j]);
      if (v === undefined) srcs.push("");
      else if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
      else {
        srcs.push(v);
        if (v.length > maxlen) maxlen = v.length;
      }
    }
    const engine = c.engine;
    if (maxlen > 0) {
      const result = compute(op, srcs, maxlen);
      setStringKey(c, db, dest, result);
      markStringRaw(db, dest, result);
      engine.notify(NOTIFY_STRING, "set", dest, db.id);
      engine.dirty++;
    } else if (db.delete(dest)) {
      engine.keyModified(db, dest);
      engine.notify(NOTIFY_GENERIC, "del", dest, db.id);
      engine.dirty++;
    }
    c.reply.int(maxlen);
  },
};
