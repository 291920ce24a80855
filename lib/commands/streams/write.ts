/**
 * XADD, XTRIM, XDEL and XSETID: the commands that add, trim and delete
 * stream entries or set the stream's IDs.
 *
 * @module
 */
import { type Client, CLIENT_MASTER } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NO_SUCH_KEY, ERR_SYNTAX, fail, wrongArity } from "../../core/errors.ts";
import { NOTIFY_STREAM } from "../../config/notify-flags.ts";
import { parseStreamId, StreamId, TWO32 } from "../../store/types/stream-id.ts";
import {
  StreamValue,
  TRIM_MAXLEN,
  TRIM_MINID,
  TRIM_NONE,
  type TrimArgs,
} from "../../store/types/stream.ts";
import { addKey } from "../keyspace/common.ts";
import {
  ERR_INVALID_ID,
  is,
  lookupStream,
  parseLongLong,
  parseLongLongExact,
  parseStrictId,
} from "./args.ts";
import { idBulk } from "./reply.ts";

/** XADD/XTRIM options (Redis's streamAddTrimArgs). */
interface AddTrimArgs extends TrimArgs {
  id: StreamId;
  idGiven: boolean;
  seqGiven: boolean;
  noMkstream: boolean;
  /** Index of the MAXLEN/MINID value (rewritten for propagation after `~`). */
  argIdx: number;
  /** Index of XADD's ID argument. */
  idPos: number;
}

const MAX_LIMIT_DEFAULT = 1000000;

/** Parses XADD's or XTRIM's options (streamParseAddOrTrimArgsOrReply); fails with Redis's errors. */
function parseAddOrTrim(c: Client, argv: string[], xadd: boolean): AddTrimArgs {
  const a: AddTrimArgs = {
    strategy: TRIM_NONE,
    approx: false,
    limit: 0,
    maxlen: 0,
    minid: new StreamId(),
    id: new StreamId(),
    idGiven: false,
    seqGiven: true,
    noMkstream: false,
    argIdx: 0,
    idPos: 0,
  };
  const argc = argv.length;
  let limitGiven = false;
  let i = 2;
  for (; i < argc; i++) {
    const more = argc - 1 - i;
    const opt = argv[i];
    if (xadd && opt === "*") break;
    const maxlen = is(opt, "maxlen");
    if ((maxlen || is(opt, "minid")) && more > 0) {
      if (a.strategy !== TRIM_NONE) {
        fail("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
      }
      a.approx = false;
      const next = argv[i + 1];
      if (more >= 2 && next === "~") {
        a.approx = true;
        i++;
      } else if (more >= 2 && next === "=") i++;
      if (maxlen) {
        a.maxlen = parseLongLong(argv[i + 1]);
        if (a.maxlen < 0) fail("ERR The MAXLEN argument must be >= 0.");
        a.strategy = TRIM_MAXLEN;
      } else {
        parseStrictId(argv[i + 1], a.minid);
        a.strategy = TRIM_MINID;
      }
      i++;
      a.argIdx = i;
    } else if (is(opt, "limit") && more > 0) {
      a.limit = parseLongLong(argv[i + 1]);
      if (a.limit < 0) fail("ERR The LIMIT argument must be >= 0.");
      limitGiven = true;
      i++;
    } else if (xadd && is(opt, "nomkstream")) {
      a.noMkstream = true;
    } else if (xadd) {
      const r = parseStreamId(opt, a.id, "zero", true, true);
      if (r < 0) fail(ERR_INVALID_ID);
      a.seqGiven = r === 0;
      a.idGiven = true;
      break;
    } else fail(ERR_SYNTAX);
  }
  a.idPos = i;
  if (a.limit !== 0 && a.strategy === TRIM_NONE) {
    fail("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
  }
  if (!xadd && a.strategy === TRIM_NONE) {
    fail("ERR syntax error, XTRIM must be called with a trimming strategy");
  }
  if (c.flags & CLIENT_MASTER) {
    // The master (or AOF) sent the exact trim: no work limit.
    a.limit = 0;
  } else if (limitGiven) {
    if (!a.approx) fail("ERR syntax error, LIMIT cannot be used without the special ~ option");
  } else if (a.approx) {
    const perNode = c.engine.config.settings.streamNodeMaxEntries;
    let limit = 100 * perNode;
    // C's long long product wraps for huge settings.
    if (limit > 9e18) limit = Number(BigInt.asIntN(64, BigInt(perNode) * 100n));
    if (limit <= 0) limit = 10000;
    if (limit > MAX_LIMIT_DEFAULT) limit = MAX_LIMIT_DEFAULT;
    a.limit = limit;
  } else a.limit = 0;
  return a;
}

/** The argv to propagate after an approximate trim: `=` and the resulting threshold. */
function rewriteTrim(c: Client, argv: string[], s: StreamValue, a: AddTrimArgs): string[] {
  const out = c.propagateArgv ?? argv.slice();
  out[a.argIdx - 1] = "=";
  out[a.argIdx] = a.strategy === TRIM_MAXLEN
    ? String(s.length)
    : s.firstEdgeId(new StreamId()).toString();
  return out;
}

/** The options of `XADD key * ...` (read only). */
const PLAIN_ADD: AddTrimArgs = {
  strategy: TRIM_NONE,
  approx: false,
  limit: 0,
  maxlen: 0,
  minid: new StreamId(),
  id: new StreamId(),
  idGiven: false,
  seqGiven: true,
  noMkstream: false,
  argIdx: 0,
  idPos: 2,
};

const ERR_TOP = "ERR The ID specified in XADD is equal or smaller than the target stream top item";
const ERR_TOO_LARGE = "ERR Elements are too large to be stored";
const NEW_ID = new StreamId();

/** The ID of a new entry (streamNextID / streamAppendItem's checks), or an error text. */
function newEntryId(c: Client, s: StreamValue, a: AddTrimArgs): StreamId | string {
  const last = s.lastId;
  const id = NEW_ID;
  if (!a.idGiven) {
    const now = c.engine.now();
    const hi = Math.floor(now / TWO32);
    const lo = now - hi * TWO32;
    if (hi > last.msHi || (hi === last.msHi && lo > last.msLo)) id.setWords(hi, lo, 0, 0);
    else {
      id.set(last);
      id.incr();
    }
  } else if (!a.seqGiven && last.sameMs(a.id)) {
    if (last.seqHi === 0xffffffff && last.seqLo === 0xffffffff) return ERR_TOO_LARGE;
    id.set(last);
    id.incr();
  } else id.set(a.id);
  if (id.compare(last) <= 0) return ERR_TOP;
  return id;
}

export const xadd: CommandDefinition = {
  name: "xadd",
  arity: -5,
  flags: ["write", "denyoom", "fast"],
  acl: ["stream"],
  tips: ["nondeterministic_output"],
  keys: [{
    notes: "UPDATE instead of INSERT because of the optional trimming feature",
    flags: ["RW", "UPDATE"],
    begin: { index: 1 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary: "Appends a new entry to a stream",
    since: "5.0.0",
    group: "stream",
    complexity:
      "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.",
    syntax:
      "key [NOMKSTREAM] [<MAXLEN | MINID> [= | ~] threshold [LIMIT count]] <* | ID> field value [field value ...]",
    history: [
      ["6.2.0", "Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option."],
      ["7.0.0", "Added support for the `<ms>-*` explicit ID form."],
    ],
  },
  handler(c, argv) {
    // `XADD key * ...` (no options) is the hot path: no option parsing.
    const a = argv[2] === "*" ? PLAIN_ADD : parseAddOrTrim(c, argv, true);
    const fieldPos = a.idPos + 1;
    const pairs = argv.length - fieldPos;
    if (pairs < 2 || pairs % 2 === 1) return c.reply.error(wrongArity("xadd"));
    if (a.idGiven && a.seqGiven && a.id.isZero()) {
      return c.reply.error("ERR The ID specified in XADD must be greater than 0-0");
    }
    const db = c.db;
    const engine = c.engine;
    const key = argv[1];
    let s = lookupStream(c, key, false);
    if (s === undefined) {
      if (a.noMkstream) return c.reply.nullBulk();
      s = new StreamValue();
      addKey(engine, db, key, s);
    }
    if (s.lastId.isMax()) {
      return c.reply.error(
        "ERR The stream has exhausted the last possible ID, unable to add more items",
      );
    }
    const id = newEntryId(c, s, a);
    if (typeof id === "string") return c.reply.error(id);
    let total = 0;
    for (let j = fieldPos; j < argv.length; j++) total += argv[j].length;
    if (total > 1 << 30) return c.reply.error(ERR_TOO_LARGE);
    s.append(id, argv, fieldPos, pairs >> 1, engine.config.settings);
    idBulk(c.reply, id.msHi, id.msLo, id.seqHi, id.seqLo);
    engine.keyModified(db, key);
    engine.notify(NOTIFY_STREAM, "xadd", key, db.id);
    engine.dirty++;
    if (a.strategy !== TRIM_NONE) {
      if (s.trim(a) !== 0) engine.notify(NOTIFY_STREAM, "xtrim", key, db.id);
      if (a.approx && engine.hooks.propagate.length !== 0) {
        c.propagateArgv = rewriteTrim(c, argv, s, a);
      }
    }
    if ((!a.idGiven || !a.seqGiven) && engine.hooks.propagate.length !== 0) {
      const out = c.propagateArgv ?? argv.slice();
      out[a.idPos] = s.lastId.toString();
      c.propagateArgv = out;
    }
    engine.keyReady(db, key);
  },
};

export const xtrim: CommandDefinition = {
  name: "xtrim",
  arity: -4,
  flags: ["write"],
  acl: ["stream"],
  tips: ["nondeterministic_output"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary: "Trims the stream to (approximately if '~' is passed) a certain size",
    since: "5.0.0",
    group: "stream",
    complexity:
      "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.",
    syntax: "key <MAXLEN | MINID> [= | ~] threshold [LIMIT count]",
    history: [["6.2.0", "Added the `MINID` trimming strategy and the `LIMIT` option."]],
  },
  handler(c, argv) {
    const a = parseAddOrTrim(c, argv, false);
    const key = argv[1];
    const s = lookupStream(c, key, false);
    if (s === undefined) return c.reply.int(0);
    const deleted = s.trim(a);
    if (deleted !== 0) {
      const engine = c.engine;
      engine.notify(NOTIFY_STREAM, "xtrim", key, c.db.id);
      if (a.approx && engine.hooks.propagate.length !== 0) {
        c.propagateArgv = rewriteTrim(c, argv, s, a);
      }
      engine.keyModified(c.db, key);
      engine.dirty += deleted;
    }
    c.reply.int(deleted);
  },
};

export const xdel: CommandDefinition = {
  name: "xdel",
  arity: -3,
  flags: ["write", "fast"],
  acl: ["stream"],
  keys: [singleKey(["RW", "DELETE"])],
  docs: {
    summary:
      "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.",
    since: "5.0.0",
    group: "stream",
    complexity: "O(1) for each single item to delete in the stream, regardless of the stream size.",
    syntax: "key ID [ID ...]",
  },
  handler(c, argv) {
    const key = argv[1];
    const s = lookupStream(c, key, false);
    if (s === undefined) return c.reply.int(0);
    const ids: StreamId[] = [];
    for (let j = 2; j < argv.length; j++) ids.push(parseStrictId(argv[j]));
    let deleted = 0;
    let first = false;
    for (const id of ids) {
      if (!s.deleteEntry(id)) continue;
      if (id.compare(s.firstId) === 0) first = true;
      s.noteDeleted(id);
      deleted++;
    }
    if (deleted !== 0) {
      if (s.length === 0) s.firstId.setWords(0, 0, 0, 0);
      else if (first) s.firstLiveId(s.firstId);
      const engine = c.engine;
      engine.keyModified(c.db, key);
      engine.notify(NOTIFY_STREAM, "xdel", key, c.db.id);
      engine.dirty += deleted;
    }
    c.reply.int(deleted);
  },
};

export const xsetid: CommandDefinition = {
  name: "xsetid",
  arity: -3,
  flags: ["write", "denyoom", "fast"],
  acl: ["stream"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary: "An internal command for replicating stream values",
    since: "5.0.0",
    group: "stream",
    complexity: "O(1)",
    syntax: "key last-id [ENTRIESADDED entries_added] [MAXDELETEDID max_deleted_entry_id]",
    history: [["7.0.0", "Added the `entries_added` and `max_deleted_entry_id` arguments."]],
  },
  handler(c, argv) {
    const id = parseStrictId(argv[2]);
    const maxDeleted = new StreamId();
    let entriesAdded: number | bigint = -1;
    for (let i = 3; i < argv.length; i += 2) {
      const more = argv.length - 1 - i;
      if (is(argv[i], "entriesadded") && more > 0) {
        entriesAdded = parseLongLongExact(argv[i + 1]);
        if (entriesAdded < 0) fail("ERR entries_added must be positive");
      } else if (is(argv[i], "maxdeletedid") && more > 0) {
        parseStrictId(argv[i + 1], maxDeleted);
        if (id.compare(maxDeleted) < 0) {
          fail("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
        }
      } else fail(ERR_SYNTAX);
    }
    const key = argv[1];
    const s = lookupStream(c, key, false);
    if (s === undefined) return c.reply.error(ERR_NO_SUCH_KEY);
    if (s.length > 0) {
      if (id.compare(s.lastValidId(new StreamId())) < 0) {
        return c.reply.error(
          "ERR The ID specified in XSETID is smaller than the target stream top item",
        );
      }
      if (entriesAdded !== -1 && s.length > entriesAdded) {
        return c.reply.error(
          "ERR The entries_added specified in XSETID is smaller than the target stream length",
        );
      }
    }
    s.lastId.set(id);
    if (entriesAdded !== -1) s.entriesAdded = entriesAdded;
    if (!maxDeleted.isZero()) s.maxDeletedId.set(maxDeleted);
    c.reply.ok();
    c.engine.dirty++;
    c.engine.notify(NOTIFY_STREAM, "xsetid", key, c.db.id);
  },
};
