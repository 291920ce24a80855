/** SETBIT and GETBIT. */
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_STRING } from "../../config/notify-flags.ts";
import { toInt64 } from "../parse.ts";
import { bitTarget, parseBitOffset, replaceByte, storeBitTarget } from "./bits.ts";

const ERR_BIT_VALUE = "ERR bit is not an integer or out of range";

export const setbit: CommandDefinition = {
  name: "setbit",
  arity: 4,
  flags: ["write", "denyoom"],
  acl: ["bitmap"],
  keys: [singleKey(["RW", "ACCESS", "UPDATE"])],
  docs: {
    summary: "Sets or clears the bit at offset in the string value stored at key",
    since: "2.2.0",
    group: "bitmap",
    complexity: "O(1)",
    syntax: "key offset value",
  },
  handler(c, argv) {
    const key = argv[1];
    const offset = parseBitOffset(c, argv[2]);
    const on = toInt64(argv[3]);
    if (on !== 0 && on !== 1) return c.reply.error(ERR_BIT_VALUE);
    const t = bitTarget(c, key, offset);
    const byte = Math.floor(offset / 8);
    const shift = 7 - (offset % 8);
    const old = t.value.charCodeAt(byte);
    const was = (old >> shift) & 1;
    if (t.grown || was !== on) {
      const next = on ? old | (1 << shift) : old & ~(1 << shift);
      storeBitTarget(c, key, t, next === old ? t.value : replaceByte(t.value, byte, next));
      const engine = c.engine;
      engine.keyModified(c.db, key);
      engine.notify(NOTIFY_STRING, "setbit", key, c.db.id);
      engine.dirty++;
    }
    c.reply.int(was);
  },
};

export const getbit: CommandDefinition = {
  name: "getbit",
  arity: 3,
  flags: ["readonly", "fast"],
  acl: ["bitmap"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Returns the bit value at offset in the string value stored at key",
    since: "2.2.0",
    group: "bitmap",
    complexity: "O(1)",
    syntax: "key offset",
  },
  handler(c, argv) {
    const offset = parseBitOffset(c, argv[2]);
    const v = c.db.lookupRead(argv[1]);
    if (v === undefined) return c.reply.int(0);
    if (typeof v !== "string") return c.reply.error(ERR_WRONGTYPE);
    const byte = Math.floor(offset / 8);
    if (byte >= v.length) return c.reply.int(0);
    c.reply.int((v.charCodeAt(byte) >> (7 - (offset % 8))) & 1);
  },
};
