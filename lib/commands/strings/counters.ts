/**
 * INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT. Integers are signed 64-bit as
 * in Redis: plain numbers while the result is a safe integer, bigints beyond
 * 2^53 so large counters stay exact.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_FLOAT, ERR_NOT_INTEGER, ERR_OVERFLOW, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_NEW, NOTIFY_STRING } from "../../config/notify-flags.ts";
import { markStringEmbstr } from "../../store/object-info.ts";
import { toInt64 } from "../parse.ts";
import {
  addLongDouble,
  formatLongDoubleHuman,
  isInfinite,
  parseLongDouble,
} from "../../store/long-double.ts";

const I64_MIN = -9223372036854775808n;
const I64_MAX = 9223372036854775807n;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Stores a counter's new value keeping its TTL (Redis overwrites in place), with the events Redis sends. */
function storeCounter(
  c: Client,
  key: string,
  value: string,
  existed: boolean,
  event: string,
): void {
  const db = c.db;
  const engine = c.engine;
  db.setKeepTtl(key, value);
  if (!existed) engine.notify(NOTIFY_NEW, "new", key, db.id);
  engine.keyModified(db, key);
  engine.notify(NOTIFY_STRING, event, key, db.id);
  engine.dirty++;
}

function incrDecr(c: Client, key: string, incr: number | bigint): void {
  const old = c.db.get(key);
  let value: number | bigint = 0;
  if (old !== undefined) {
    if (typeof old !== "string") return c.reply.error(ERR_WRONGTYPE);
    const v = toInt64(old);
    if (v === undefined) return c.reply.error(ERR_NOT_INTEGER);
    value = v;
  }
  let result: number | bigint | undefined;
  if (typeof value === "number" && typeof incr === "number") {
    // Exact whenever the true sum is a safe integer; otherwise redo it in bigint.
    const sum = value + incr;
    if (sum <= MAX_SAFE && sum >= -MAX_SAFE) result = sum;
    else result = bigSum(value, incr);
  } else result = bigSum(value, incr);
  if (result === undefined) return c.reply.error(ERR_OVERFLOW);
  const digits = String(result);
  storeCounter(c, key, digits, old !== undefined, "incrby");
  c.reply.intDigits(digits);
}

/** The sum in bigint, or undefined when it leaves the signed 64-bit range. */
function bigSum(a: number | bigint, b: number | bigint): bigint | undefined {
  const s = BigInt(a) + BigInt(b);
  return s < I64_MIN || s > I64_MAX ? undefined : s;
}

function counterCommand(
  name: string,
  arity: number,
  summary: string,
  syntax: string,
  handler: (c: Client, argv: string[]) => void,
): CommandDefinition {
  return {
    name,
    arity,
    flags: ["write", "denyoom", "fast"],
    acl: ["string"],
    keys: [singleKey(["RW", "ACCESS", "UPDATE"])],
    docs: {
      summary,
      since: name === "incrbyfloat" ? "2.6.0" : "1.0.0",
      group: "string",
      complexity: "O(1)",
      syntax,
    },
    handler,
  };
}

export const incr = counterCommand(
  "incr",
  2,
  "Increment the integer value of a key by one",
  "key",
  (c, argv) => incrDecr(c, argv[1], 1),
);

export const decr = counterCommand(
  "decr",
  2,
  "Decrement the integer value of a key by one",
  "key",
  (c, argv) => incrDecr(c, argv[1], -1),
);

export const incrby = counterCommand(
  "incrby",
  3,
  "Increment the integer value of a key by the given amount",
  "key increment",
  (c, argv) => {
    const n = toInt64(argv[2]);
    if (n === undefined) return c.reply.error(ERR_NOT_INTEGER);
    incrDecr(c, argv[1], n);
  },
);

export const decrby = counterCommand(
  "decrby",
  3,
  "Decrement the integer value of a key by the given number",
  "key decrement",
  (c, argv) => {
    const n = toInt64(argv[2]);
    if (n === undefined) return c.reply.error(ERR_NOT_INTEGER);
    // -(-2^63) does not fit in 64 bits.
    if (n === I64_MIN) return c.reply.error("ERR decrement would overflow");
    incrDecr(c, argv[1], -n);
  },
);

export const incrbyfloat = counterCommand(
  "incrbyfloat",
  3,
  "Increment the float value of a key by the given amount",
  "key increment",
  (c, argv) => {
    const key = argv[1];
    const old = c.db.get(key);
    if (old !== undefined && typeof old !== "string") return c.reply.error(ERR_WRONGTYPE);
    let out: string | undefined;
    // Integer operands with a safe-integer sum are exact in any precision.
    const a = old === undefined ? 0 : toInt64(old);
    const b = toInt64(argv[2]);
    if (typeof a === "number" && typeof b === "number") {
      const sum = a + b;
      if (sum <= MAX_SAFE && sum >= -MAX_SAFE) out = String(sum);
    }
    if (out === undefined) {
      const x = old === undefined ? parseLongDouble("0") : parseLongDouble(old);
      const y = x === undefined ? undefined : parseLongDouble(argv[2]);
      if (x === undefined || y === undefined) return c.reply.error(ERR_NOT_FLOAT);
      const sum = addLongDouble(x, y);
      if (sum === undefined || isInfinite(sum)) {
        return c.reply.error("ERR increment would produce NaN or Infinity");
      }
      out = formatLongDoubleHuman(sum);
    }
    storeCounter(c, key, out, old !== undefined, "incrbyfloat");
    markStringEmbstr(c.db, key, out);
    c.reply.bulk(out);
    // Replicas get the result, so float formatting can never make them differ.
    c.propagateArgv = ["SET", key, out, "KEEPTTL"];
  },
);
