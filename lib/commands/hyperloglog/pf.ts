/** PFADD, PFCOUNT, PFMERGE, PFDEBUG and PFSELFTEST. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_STRING } from "../../config/notify-flags.ts";
import {
  decodeSparse,
  denseGet,
  denseGetFromString,
  denseSet,
  ERR_INVALID_HLL,
  ERR_NOT_HLL,
  hashElement,
  HLL_DENSE,
  HLL_DENSE_SIZE,
  HLL_HDR_SIZE,
  HLL_REGISTER_MAX,
  HLL_REGISTERS,
  HLL_SPARSE,
  hllAdd,
  HllBuffer,
  hllCount,
  hllMerge,
  hllSet,
  isHll,
  rawCount,
  sparseToDense,
} from "../../store/hll.ts";
import { markStringRaw } from "../../store/object-info.ts";
import type { RedisValue } from "../../store/value.ts";

/** Checks a value is an HLL string; replies the error and returns undefined otherwise. */
function hllString(c: Client, v: RedisValue): string | undefined {
  if (typeof v !== "string") {
    c.reply.error(ERR_WRONGTYPE);
    return undefined;
  }
  if (!isHll(v)) {
    c.reply.error(ERR_NOT_HLL);
    return undefined;
  }
  return v;
}

export const pfadd: CommandDefinition = {
  name: "pfadd",
  arity: -2,
  flags: ["write", "denyoom", "fast"],
  acl: ["hyperloglog"],
  keys: [singleKey(["RW", "INSERT"])],
  docs: {
    summary: "Adds the specified elements to the specified HyperLogLog.",
    since: "2.8.9",
    group: "hyperloglog",
    complexity: "O(1) to add every element.",
    syntax: "key [element [element ...]]",
  },
  handler: pfaddCommand,
};

export const pfcount: CommandDefinition = {
  name: "pfcount",
  arity: -2,
  flags: ["readonly", "may_replicate"],
  acl: ["hyperloglog"],
  keys: [{
    notes:
      "RW because it may change the internal representation of the key, and propagate to replicas",
    flags: ["RW", "ACCESS"],
    begin: { index: 1 },
    find: { range: { lastkey: -1, step: 1, limit: 0 } },
  }],
  docs: {
    summary:
      "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).",
    since: "2.8.9",
    group: "hyperloglog",
    complexity:
      "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.",
    syntax: "key [key ...]",
  },
  handler: pfcountCommand,
};

export const pfmerge: CommandDefinition = {
  name: "pfmerge",
  arity: -2,
  flags: ["write", "denyoom"],
  acl: ["hyperloglog"],
  keys: [singleKey(["RW", "ACCESS", "INSERT"]), {
    flags: ["RO", "ACCESS"],
    begin: { index: 2 },
    find: { range: { lastkey: -1, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Merge N different HyperLogLogs into a single one.",
    since: "2.8.9",
    group: "hyperloglog",
    complexity: "O(N) to merge N HyperLogLogs, but with high constant times.",
    syntax: "destkey sourcekey [sourcekey ...]",
  },
  handler: pfmergeCommand,
};

export const pfdebug: CommandDefinition = {
  name: "pfdebug",
  arity: 3,
  flags: ["write", "denyoom", "admin"],
  acl: ["hyperloglog"],
  keys: [singleKey(["RW", "ACCESS"], 2)],
  docs: {
    summary: "Internal commands for debugging HyperLogLog values",
    since: "2.8.9",
    group: "hyperloglog",
    complexity: "N/A",
    syntax: "subcommand key",
    docFlags: ["syscmd"],
  },
  handler: pfdebugCommand,
};

export const pfselftest: CommandDefinition = {
  name: "pfselftest",
  arity: 1,
  flags: ["admin"],
  acl: ["hyperloglog"],
  docs: {
    summary: "An internal command for testing HyperLogLog values",
    since: "2.8.9",
    group: "hyperloglog",
    complexity: "N/A",
    syntax: "",
    docFlags: ["syscmd"],
  },
  handler: pfselftestCommand,
};

function pfaddCommand(c: Client, argv: string[]): void {
  const key = argv[1];
  const db = c.db;
  const engine = c.engine;
  const old = db.get(key);
  let h: HllBuffer;
  let updated = 0;
  if (old === undefined) {
    h = HllBuffer.create();
    updated++;
  } else {
    const s = hllString(c, old);
    if (s === undefined) return;
    // Redis unshares the value (a plain sds from now on) before adding anything.
    markStringRaw(db, key, s);
    // Dense and nothing to raise: answer without decoding the 12 KB value.
    if (s.charCodeAt(4) === HLL_DENSE) {
      let changes = false;
      for (let j = 2; j < argv.length && !changes; j++) {
        const [index, count] = hashElement(argv[j]);
        if (count > denseGetFromString(s, index)) changes = true;
      }
      if (!changes) return c.reply.int(0);
    }
    h = HllBuffer.fromString(s);
  }
  const maxBytes = engine.config.settings.hllSparseMaxBytes;
  for (let j = 2; j < argv.length; j++) {
    const r = hllAdd(h, argv[j], maxBytes);
    if (r === 1) updated++;
    else if (r === -1) return c.reply.error(ERR_INVALID_HLL);
  }
  if (updated) {
    h.invalidateCache();
    const value = h.toString();
    if (old === undefined) db.set(key, value);
    else db.setKeepTtl(key, value);
    markStringRaw(db, key, value);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_STRING, "pfadd", key, db.id);
    engine.dirty += updated;
  }
  c.reply.int(updated ? 1 : 0);
}

function pfcountCommand(c: Client, argv: string[]): void {
  const db = c.db;
  if (argv.length > 2) {
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argv.length; j++) {
      const v = db.lookupRead(argv[j]);
      if (v === undefined) continue;
      const s = hllString(c, v);
      if (s === undefined) return;
      if (!hllMerge(max, HllBuffer.fromString(s))) return c.reply.error(ERR_INVALID_HLL);
    }
    return c.reply.int(rawCount(max));
  }
  const key = argv[1];
  const v = db.lookupRead(key);
  if (v === undefined) return c.reply.int(0);
  const s = hllString(c, v);
  if (s === undefined) return;
  markStringRaw(db, key, s);
  const h = HllBuffer.fromString(s);
  if (h.cacheValid) return c.reply.int(h.cachedCard);
  const card = hllCount(h);
  if (card < 0) return c.reply.error(ERR_INVALID_HLL);
  h.cachedCard = card;
  // The cache lives in the value, so even this read changes the key.
  const value = h.toString();
  db.setKeepTtl(key, value);
  markStringRaw(db, key, value);
  c.engine.keyModified(db, key);
  c.engine.dirty++;
  c.reply.int(card);
}

function pfmergeCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const engine = c.engine;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  for (let j = 1; j < argv.length; j++) {
    const v = db.lookupRead(argv[j]);
    if (v === undefined) continue;
    const s = hllString(c, v);
    if (s === undefined) return;
    if (s.charCodeAt(4) === HLL_DENSE) useDense = true;
    if (!hllMerge(max, HllBuffer.fromString(s))) return c.reply.error(ERR_INVALID_HLL);
  }
  const key = argv[1];
  const old = db.get(key);
  const h = old === undefined ? HllBuffer.create() : HllBuffer.fromString(old as string);
  if (useDense && !sparseToDense(h)) return c.reply.error(ERR_INVALID_HLL);
  const maxBytes = engine.config.settings.hllSparseMaxBytes;
  for (let j = 0; j < HLL_REGISTERS; j++) {
    if (max[j] !== 0) hllSet(h, j, max[j], maxBytes);
  }
  h.invalidateCache();
  const value = h.toString();
  if (old === undefined) db.set(key, value);
  else db.setKeepTtl(key, value);
  markStringRaw(db, key, value);
  engine.keyModified(db, key);
  engine.notify(NOTIFY_STRING, "pfadd", key, db.id);
  engine.dirty++;
  c.reply.ok();
}

function pfdebugCommand(c: Client, argv: string[]): void {
  const sub = argv[1];
  const key = argv[2];
  const db = c.db;
  const v = db.get(key);
  if (v === undefined) return c.reply.error("ERR The specified key does not exist");
  const s = hllString(c, v);
  if (s === undefined) return;
  markStringRaw(db, key, s);
  const h = HllBuffer.fromString(s);
  const cmd = sub.toLowerCase();
  if (cmd === "getreg") {
    if (h.encoding === HLL_SPARSE) {
      if (!sparseToDense(h)) return c.reply.error(ERR_INVALID_HLL);
      db.setKeepTtl(key, h.toString());
      c.engine.dirty++;
    }
    c.reply.arrayLen(HLL_REGISTERS);
    for (let j = 0; j < HLL_REGISTERS; j++) c.reply.int(denseGet(h.bytes, HLL_HDR_SIZE, j));
  } else if (cmd === "decode") {
    if (h.encoding !== HLL_SPARSE) return c.reply.error("ERR HLL encoding is not sparse");
    c.reply.bulk(decodeSparse(h));
  } else if (cmd === "encoding") {
    c.reply.simple(h.encoding === HLL_DENSE ? "dense" : "sparse");
  } else if (cmd === "todense") {
    let conv = 0;
    if (h.encoding === HLL_SPARSE) {
      if (!sparseToDense(h)) return c.reply.error(ERR_INVALID_HLL);
      db.setKeepTtl(key, h.toString());
      c.engine.dirty++;
      conv = 1;
    }
    c.reply.int(conv);
  } else c.reply.error("ERR Unknown PFDEBUG subcommand '" + sub + "'");
}

/**
 * Redis's PFSELFTEST: register packing round trips, then dense and sparse
 * estimates that agree and stay within error bounds up to 10M elements.
 */
function pfselftestCommand(c: Client, _argv: string[]): void {
  const regs = new Uint8Array(HLL_DENSE_SIZE + 4);
  const bytecounters = new Uint8Array(HLL_REGISTERS);
  for (let j = 0; j < 1000; j++) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const r = Math.floor(Math.random() * 256) & HLL_REGISTER_MAX;
      bytecounters[i] = r;
      denseSet(regs, HLL_HDR_SIZE, i, r);
    }
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const val = denseGet(regs, HLL_HDR_SIZE, i);
      if (val !== bytecounters[i]) {
        return c.reply.error(
          "TESTFAILED Register " + i + " should be " + bytecounters[i] + " but is " + val,
        );
      }
    }
  }
  const dense = HllBuffer.create();
  sparseToDense(dense);
  const sparse = HllBuffer.create();
  const maxBytes = c.engine.config.settings.hllSparseMaxBytes;
  const relerr = 1.04 / Math.sqrt(HLL_REGISTERS);
  let checkpoint = 1;
  const seedHi = Math.floor(Math.random() * 0x100000000);
  const seedLo = Math.floor(Math.random() * 0x100000000);
  const ele = new Uint8Array(8);
  for (let j = 1; j <= 10000000; j++) {
    // The element is the 8 bytes of j ^ seed, as in Redis.
    const lo = (j ^ seedLo) >>> 0;
    ele[0] = lo & 0xff;
    ele[1] = (lo >>> 8) & 0xff;
    ele[2] = (lo >>> 16) & 0xff;
    ele[3] = lo >>> 24;
    ele[4] = seedHi & 0xff;
    ele[5] = (seedHi >>> 8) & 0xff;
    ele[6] = (seedHi >>> 16) & 0xff;
    ele[7] = seedHi >>> 24;
    const s = String.fromCharCode(ele[0], ele[1], ele[2], ele[3], ele[4], ele[5], ele[6], ele[7]);
    const [index, count] = hashElement(s);
    hllSet(dense, index, count, maxBytes);
    hllSet(sparse, index, count, maxBytes);
    if (j !== checkpoint) continue;
    if (j < maxBytes / 2 && sparse.encoding !== HLL_SPARSE) {
      return c.reply.error("TESTFAILED sparse encoding not used");
    }
    const card = hllCount(dense);
    if (card !== hllCount(sparse)) return c.reply.error("TESTFAILED dense/sparse disagree");
    let maxerr = Math.ceil(relerr * 6 * checkpoint);
    if (j === 10) maxerr = 1;
    const abserr = Math.abs(checkpoint - card);
    if (abserr > maxerr) {
      return c.reply.error(
        "TESTFAILED Too big error. card:" + checkpoint + " abserr:" + abserr,
      );
    }
    checkpoint *= 10;
  }
  c.reply.ok();
}
