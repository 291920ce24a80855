/**
 * SORT and SORT_RO, as Redis's sortCommandGeneric: elements of a list, set
 * or sorted set sorted numerically or by bytes (ALPHA), optionally by the
 * values of other keys or hash fields (BY pattern), with LIMIT, GET patterns
 * and STORE into a list.
 */
import type { Client } from "../../core/client.ts";
import { CLIENT_SCRIPT } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX, ERR_WRONGTYPE } from "../../core/errors.ts";
import { NOTIFY_GENERIC, NOTIFY_LIST } from "../../config/notify-flags.ts";
import type { Database } from "../../store/database.ts";
import type { HashValue } from "../../store/types/hash.ts";
import { ListValue } from "../../store/types/list.ts";
import type { SetValue } from "../../store/types/set.ts";
import type { ZSet } from "../../store/types/zset.ts";
import { toInt64 } from "../parse.ts";
import { strtodWhole } from "../zsets/parse.ts";

/** One element being sorted: its value and what it sorts by. */
interface SortItem {
  obj: string;
  score: number;
  cmp: string | undefined;
}

/** Key positions of SORT: the key and the last STORE destination. */
function sortKeys(argv: string[]): number[] {
  const out = [1];
  let store = -1;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i].toLowerCase();
    if (a === "limit") i += 2;
    else if (a === "get" || a === "by") i++;
    else if (a === "store" && i + 1 < argv.length) store = ++i;
  }
  if (store > 0) out.push(store);
  return out;
}

/** Key positions of SORT_RO: the key. */
function sortRoKeys(_argv: string[]): number[] {
  return [1];
}

export const sort: CommandDefinition = {
  name: "sort",
  arity: -2,
  flags: ["write", "denyoom"],
  acl: ["set", "sortedset", "list", "dangerous"],
  keys: [singleKey(["RO", "ACCESS"]), {
    notes:
      "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort",
    flags: ["RO", "ACCESS"],
    begin: { unknown: true },
    find: { unknown: true },
  }, {
    notes:
      "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array",
    flags: ["OW", "UPDATE"],
    begin: { unknown: true },
    find: { unknown: true },
  }],
  docs: {
    summary: "Sort the elements in a list, set or sorted set",
    since: "1.0.0",
    group: "generic",
    complexity:
      "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).",
    syntax:
      "key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] [STORE destination]",
  },
  handler: sortCommand,
  getKeys: sortKeys,
};

export const sort_ro: CommandDefinition = {
  name: "sort_ro",
  arity: -2,
  flags: ["readonly"],
  acl: ["set", "sortedset", "list", "dangerous"],
  keys: [singleKey(["RO", "ACCESS"]), {
    notes:
      "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort",
    flags: ["RO", "ACCESS"],
    begin: { unknown: true },
    find: { unknown: true },
  }],
  docs: {
    summary: "Sort the elements in a list, set or sorted set. Read-only variant of SORT.",
    since: "7.0.0",
    group: "generic",
    complexity:
      "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).",
    syntax:
      "key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA]",
  },
  handler: sortRoCommand,
  getKeys: sortRoKeys,
};

function sortCommand(c: Client, argv: string[]): void {
  sortGeneric(c, argv, false);
}

function sortRoCommand(c: Client, argv: string[]): void {
  sortGeneric(c, argv, true);
}

/**
 * The value a pattern names for `subst` (Redis's lookupKeyByPattern): `#` is
 * the element itself, the first `*` is replaced by it, and `key->field`
 * reads a hash field. Undefined when missing or of another type.
 */
function lookupByPattern(db: Database, pattern: string, subst: string): string | undefined {
  if (pattern === "#") return subst;
  const star = pattern.indexOf("*");
  if (star < 0) return undefined;
  const arrow = pattern.indexOf("->", star + 1);
  let fieldLen = 0;
  let field = "";
  if (arrow >= 0 && arrow + 2 < pattern.length) {
    field = pattern.slice(arrow + 2);
    fieldLen = field.length;
  }
  const postEnd = pattern.length - (fieldLen ? fieldLen + 2 : 0);
  const key = pattern.slice(0, star) + subst + pattern.slice(star + 1, postEnd);
  const o = db.lookupRead(key);
  if (o === undefined) return undefined;
  if (fieldLen) {
    if (typeof o === "string" || o.type !== "hash") return undefined;
    return (o as HashValue).get(field);
  }
  return typeof o === "string" ? o : undefined;
}

/** strtod's ERANGE: overflow to ±inf or underflow to zero or a subnormal. */
function outOfRange(text: string, d: number): boolean {
  if (d === Infinity || d === -Infinity) return !/^\s*[+-]?inf/i.test(text);
  if (d === 0) return /[1-9]/.test(text.replace(/[eEpP].*$/, ""));
  return Math.abs(d) < 2.2250738585072014e-308;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortGeneric(c: Client, argv: string[], readonly: boolean): void {
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let dontsort = false;
  let sortby: string | undefined;
  let storeKey: string | undefined;
  const gets: string[] = [];
  const r = c.reply;
  for (let j = 2; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const opt = argv[j].toLowerCase();
    if (opt === "asc") desc = false;
    else if (opt === "desc") desc = true;
    else if (opt === "alpha") alpha = true;
    else if (opt === "limit" && left >= 2) {
      const s = toInt64(argv[j + 1]);
      const n = s === undefined ? undefined : toInt64(argv[j + 2]);
      if (s === undefined || n === undefined) return r.error(ERR_NOT_INTEGER);
      limitStart = Number(s);
      limitCount = Number(n);
      j += 2;
    } else if (!readonly && opt === "store" && left >= 1) {
      storeKey = argv[++j];
    } else if (opt === "by" && left >= 1) {
      sortby = argv[++j];
      // A pattern without '*' names one key for all: nothing to sort by.
      if (sortby.indexOf("*") < 0) dontsort = true;
    } else if (opt === "get" && left >= 1) {
      gets.push(argv[++j]);
    } else return r.error(ERR_SYNTAX);
  }

  const db = c.db;
  const v = db.lookupRead(argv[1]);
  if (
    v !== undefined &&
    (typeof v === "string" || (v.type !== "set" && v.type !== "list" && v.type !== "zset"))
  ) {
    return r.error(ERR_WRONGTYPE);
  }
  const type = v === undefined ? "list" : v.type;
  if (dontsort && type === "set" && (storeKey !== undefined || c.flags & CLIENT_SCRIPT)) {
    // A set's order is arbitrary: sort it so replicas and scripts agree.
    dontsort = false;
    alpha = true;
    sortby = undefined;
  }
  // Redis converts a listpack sorted set for SORT, for good.
  if (type === "zset") (v as ZSet).listpack = false;

  let vectorlen = v === undefined
    ? 0
    : type === "list"
    ? (v as ListValue).length
    : type === "set"
    ? (v as SetValue).size
    : (v as ZSet).size;
  let start = Math.min(Math.max(limitStart, 0), vectorlen);
  const count = Math.min(Math.max(limitCount, -1), vectorlen);
  let end = count < 0 ? vectorlen - 1 : start + count - 1;
  if (start >= vectorlen) {
    start = vectorlen - 1;
    end = vectorlen - 2;
  }
  if (end >= vectorlen) end = vectorlen - 1;
  if ((type === "zset" || type === "list") && dontsort && (start !== 0 || end !== vectorlen - 1)) {
    vectorlen = end - start + 1;
  }

  const vector: SortItem[] = [];
  const push = (obj: string) => {
    vector.push({ obj, score: 0, cmp: undefined });
  };
  if (v === undefined) {
    // Nothing to load.
  } else if (type === "list" && dontsort) {
    if (end >= start) {
      const l = v as ListValue;
      const from = desc ? l.length - start - 1 : start;
      const step = desc ? -1 : 1;
      for (let i = from, n = 0; n < vectorlen && i >= 0 && i < l.length; i += step, n++) {
        push(l.get(i));
      }
      end -= start;
      start = 0;
    }
  } else if (type === "list") {
    const l = v as ListValue;
    for (let i = 0; i < l.length; i++) push(l.get(i));
  } else if (type === "set") {
    const members = (v as SetValue).members;
    for (let i = 0; i < members.length; i++) push(members[i]);
  } else if (dontsort) {
    const z = v as ZSet;
    if (vectorlen > 0) {
      const first = desc ? z.size - 1 - start : start;
      z.forRange(first, vectorlen, desc, (m) => push(m));
    }
    end -= start;
    start = 0;
  } else {
    const members = (v as ZSet).members;
    for (let i = 0; i < members.length; i++) push(members[i]);
  }

  let conversionError = false;
  if (!dontsort) {
    for (let j = 0; j < vector.length; j++) {
      const item = vector[j];
      let byval: string | undefined;
      if (sortby !== undefined) {
        byval = lookupByPattern(db, sortby, item.obj);
        if (byval === undefined) continue;
      } else byval = item.obj;
      if (alpha) {
        if (sortby !== undefined) item.cmp = byval;
      } else {
        const d = strtodWhole(byval);
        if (d === undefined || d !== d || outOfRange(byval, d)) conversionError = true;
        item.score = d === undefined || d !== d ? 0 : d;
      }
    }
    const sign = desc ? -1 : 1;
    const byPattern = sortby !== undefined;
    let cmp: (a: SortItem, b: SortItem) => number;
    if (!alpha) {
      cmp = (a, b) =>
        sign * (a.score > b.score ? 1 : a.score < b.score ? -1 : byteCompare(a.obj, b.obj));
    } else if (byPattern) {
      cmp = (a, b) => {
        if (a.cmp === undefined || b.cmp === undefined) {
          if (a.cmp === b.cmp) return 0;
          return sign * (a.cmp === undefined ? -1 : 1);
        }
        return sign * byteCompare(a.cmp, b.cmp);
      };
    } else cmp = (a, b) => sign * byteCompare(a.obj, b.obj);
    vector.sort(cmp);
  }

  const getop = gets.length;
  const outputlen = getop ? getop * (end - start + 1) : end - start + 1;
  if (conversionError) return r.error("ERR One or more scores can't be converted into double");
  if (storeKey === undefined) {
    r.arrayLen(outputlen);
    for (let j = start; j <= end; j++) {
      const obj = vector[j].obj;
      if (!getop) r.bulk(obj);
      for (let g = 0; g < getop; g++) r.bulkOrNull(lookupByPattern(db, gets[g], obj));
    }
    return;
  }
  const items: string[] = [];
  for (let j = start; j <= end; j++) {
    const obj = vector[j].obj;
    if (!getop) items.push(obj);
    for (let g = 0; g < getop; g++) items.push(lookupByPattern(db, gets[g], obj) ?? "");
  }
  const engine = c.engine;
  if (outputlen) {
    db.set(storeKey, ListValue.from(items));
    engine.keyModified(db, storeKey);
    engine.notify(NOTIFY_LIST, "sortstore", storeKey, db.id);
    engine.dirty += outputlen;
    engine.keyReady(db, storeKey);
  } else if (db.delete(storeKey)) {
    engine.keyModified(db, storeKey);
    engine.notify(NOTIFY_GENERIC, "del", storeKey, db.id);
    engine.dirty++;
  }
  r.int(outputlen);
}
