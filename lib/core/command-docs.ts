/**
 * Builds the `arguments` of COMMAND DOCS from a command's docs syntax, the
 * form Redis's documentation prints (`key value [NX | XX] [GET]
 * [EX seconds | PX milliseconds]`): `[...]` optional, `<... | ...>` or
 * `[... | ...]` one of, `x [x ...]` repeated, UPPERCASE words tokens.
 *
 * The syntax does not say everything Redis's JSON files do: argument names
 * of groups, `since` of each argument and exact types are guessed (see
 * {@link typeOf}, {@link oneofName}); the structure matches Redis's.
 *
 * @module
 */

/** Argument types as COMMAND DOCS prints them. */
export type DocArgType =
  | "string"
  | "integer"
  | "double"
  | "key"
  | "pattern"
  | "unix-time"
  | "pure-token"
  | "oneof"
  | "block";

/** One argument of COMMAND DOCS. */
export interface DocArg {
  name: string;
  type: DocArgType;
  keySpecIndex?: number;
  token?: string;
  optional?: boolean;
  multiple?: boolean;
  multipleToken?: boolean;
  args?: DocArg[];
}

type Item =
  | { kind: "word"; text: string }
  | { kind: "group"; optional: boolean; alts: Item[][] }
  | { kind: "repeat"; body: Item[] }
  | { kind: "ellipsis" };

function tokenize(s: string): string[] {
  const out: string[] = [];
  const re = /\.\.\.|[[\]<>|]|"[^"]*"|[^\s[\]<>|]+/g;
  for (const m of s.matchAll(re)) out.push(m[0]);
  return out;
}

class Parser {
  pos = 0;
  constructor(readonly toks: string[]) {}

  /** A sequence of alternatives until `close` (or the end). */
  alternatives(close: string | undefined): Item[][] {
    const alts: Item[][] = [[]];
    while (this.pos < this.toks.length) {
      const t = this.toks[this.pos];
      if (t === close) {
        this.pos++;
        return alts;
      }
      this.pos++;
      if (t === "|") alts.push([]);
      else if (t === "[" || t === "<") {
        const inner = this.alternatives(t === "[" ? "]" : ">");
        alts[alts.length - 1].push({ kind: "group", optional: t === "[", alts: inner });
      } else if (t === "...") alts[alts.length - 1].push({ kind: "ellipsis" });
      else if (t === "]" || t === ">") continue;
      else alts[alts.length - 1].push({ kind: "word", text: t });
    }
    return alts;
  }
}

function same(a: Item, b: Item): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Folds `x y [x y ...]` into one repeated item. */
function foldRepeats(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    if (it.kind === "group" && it.optional && it.alts.length === 1) {
      const body = it.alts[0];
      if (body.length >= 2 && body[body.length - 1].kind === "ellipsis") {
        const rep = foldRepeats(body.slice(0, -1));
        const k = rep.length;
        if (out.length >= k && rep.every((r, i) => same(r, out[out.length - k + i]))) {
          out.splice(out.length - k, k, { kind: "repeat", body: rep });
          continue;
        }
      }
    }
    if (it.kind === "group") {
      out.push({ ...it, alts: it.alts.map(foldRepeats) });
    } else out.push(it);
  }
  return out;
}

/** Unit words Redis's docs print in lowercase although they are tokens. */
const LOWERCASE_TOKENS = new Set(["m", "km", "ft", "mi"]);

function isToken(text: string): boolean {
  return !/[a-z]/.test(text) || LOWERCASE_TOKENS.has(text);
}

const SYMBOL_NAMES: Record<string, string> = {
  "=": "equal",
  "~": "approximately",
  "*": "auto_id",
  "$": "last_id",
  ">": "greater",
  '""': "empty_string",
};

/** Pure tokens Redis's JSON names other than by their text. */
const TOKEN_NAMES: Record<string, string> = { CH: "change" };

function tokenName(t: string): string {
  if (TOKEN_NAMES[t] !== undefined) return TOKEN_NAMES[t];
  return SYMBOL_NAMES[t] ?? t.replace(/^"|"$/g, "").toLowerCase();
}

const INTEGER_NAMES = new Set([
  "count",
  "numkeys",
  "seconds",
  "milliseconds",
  "offset",
  "start",
  "end",
  "stop",
  "index",
  "db",
  "rank",
  "num-matches",
  "len",
  "decrement",
  "increment",
  "port",
  "numreplicas",
  "destination-db",
  "numerator",
  "bit",
  "cursor",
  "limit",
  "weight",
  "protover",
]);
const DOUBLE_NAMES = new Set(["score", "longitude", "latitude", "radius", "width", "height"]);
const KEY_NAMES = new Set(["key", "destination", "source", "dst", "src"]);

/** Guesses an argument's type from its name, as Redis's JSON files name them. */
export function typeOf(name: string): DocArgType {
  if (KEY_NAMES.has(name) || name.endsWith("key")) return "key";
  if (name.startsWith("unix-time")) return "unix-time";
  if (name === "pattern") return "pattern";
  if (INTEGER_NAMES.has(name)) return "integer";
  if (DOUBLE_NAMES.has(name) || name === "timeout") return "double";
  return "string";
}

const ONEOF_NAMES: Array<[string[], string]> = [
  [["nx", "xx"], "condition"],
  [["nx", "xx", "gt", "lt"], "condition"],
  [["gt", "lt"], "comparison"],
  [["asc", "desc"], "order"],
  [["before", "after"], "where"],
  [["left", "right"], "where"],
  [["m", "km", "ft", "mi"], "unit"],
  [["byte", "bit"], "unit"],
  [["byscore", "bylex"], "sortby"],
  [["async", "sync"], "flush-type"],
  [["sum", "min", "max"], "aggregate"],
  [["equal", "approximately"], "operator"],
  [["maxlen", "minid"], "strategy"],
];

/** Names a oneof after its alternatives, as Redis's JSON files usually do. */
export function oneofName(alts: DocArg[]): string {
  const names = alts.map((a) => a.name);
  const tokens = new Set(alts.map((a) => (a.token ?? a.name).toLowerCase()));
  for (const [set, name] of ONEOF_NAMES) {
    if (set.length === tokens.size && set.every((t) => tokens.has(t))) return name;
  }
  if (alts.some((a) => a.token && ["ex", "px", "exat", "pxat"].includes(a.token.toLowerCase()))) {
    return "expiration";
  }
  const joined = names.join("_or_");
  return joined.length <= 32 ? joined : names[0];
}

/** Turns one sequence (top level or inside a group) into arguments. */
function convert(items: Item[], nested: boolean): DocArg[] {
  const out: DocArg[] = [];
  let i = 0;
  while (i < items.length) {
    const it = items[i];
    if (it.kind === "word" && isToken(it.text)) {
      // A token takes the plain arguments after it; inside a group it takes the rest.
      let j = i + 1;
      while (
        j < items.length &&
        ((items[j].kind === "word" && !isToken((items[j] as { text: string }).text)) ||
          items[j].kind === "repeat" ||
          (items[j].kind === "group" && (nested || !(items[j] as { optional: boolean }).optional)))
      ) j++;
      const rest = convert(items.slice(i + 1, j), true);
      if (rest.length === 0) {
        out.push({ name: tokenName(it.text), type: "pure-token", token: it.text.toUpperCase() });
      } else if (rest.length === 1 && rest[0].token === undefined) {
        out.push({ ...rest[0], token: it.text });
      } else {
        out.push({
          name: rest.map((a) => a.name).join("_"),
          type: "block",
          token: it.text,
          args: rest,
        });
      }
      i = j;
      continue;
    }
    i++;
    if (it.kind === "ellipsis") continue;
    if (it.kind === "word") {
      const name = it.text.replace(/^"|"$/g, "");
      out.push({ name, type: typeOf(name) });
    } else if (it.kind === "repeat") {
      const body = convert(it.body, true);
      const startsWithToken = it.body[0].kind === "word" && isToken(it.body[0].text);
      const arg = body.length === 1
        ? { ...body[0] }
        : { name: blockName(body), type: "block" as const, args: body };
      arg.multiple = true;
      if (startsWithToken) arg.multipleToken = true;
      out.push(arg);
    } else {
      const alts = it.alts.map((a) => convert(a, true)).filter((a) => a.length > 0);
      if (alts.length === 0) continue;
      let arg: DocArg;
      if (alts.length === 1) {
        if (alts[0].length === 1) arg = { ...alts[0][0] };
        else arg = { name: blockName(alts[0]), type: "block", args: alts[0] };
      } else {
        const choices = alts.map((a) =>
          a.length === 1 ? a[0] : { name: blockName(a), type: "block" as const, args: a }
        );
        arg = { name: oneofName(choices), type: "oneof", args: choices };
      }
      if (it.optional) arg.optional = true;
      out.push(arg);
    }
  }
  return out;
}

/** Redis names most blocks after their parts (`offset_count`, `field_value`). */
function blockName(args: DocArg[]): string {
  return args.map((a) => a.name).join("_");
}

function assignKeySpecs(args: DocArg[], counter: { n: number; max: number }): void {
  for (const a of args) {
    if (a.type === "key") {
      a.keySpecIndex = Math.min(counter.n, Math.max(0, counter.max - 1));
      counter.n++;
    }
    if (a.args) assignKeySpecs(a.args, counter);
  }
}

/**
 * Parses a docs syntax string into COMMAND DOCS arguments. `keySpecs` is
 * the number of key specs (key arguments get `key_spec_index` in order).
 *
 * @example
 * ```ts
 * parseDocsSyntax("key [key ...]", 1);
 * // [{ name: "key", type: "key", keySpecIndex: 0, multiple: true }]
 * ```
 */
export function parseDocsSyntax(syntax: string, keySpecs = 0): DocArg[] {
  const items = new Parser(tokenize(syntax)).alternatives(undefined);
  const top = items.length === 1 ? items[0] : [{
    kind: "group" as const,
    optional: false,
    alts: items,
  }];
  const args = convert(foldRepeats(top), false);
  if (keySpecs > 0) assignKeySpecs(args, { n: 0, max: keySpecs });
  else stripKeys(args);
  return args;
}

/** Without key specs a "key" name is only a string (e.g. CLIENT's arguments). */
function stripKeys(args: DocArg[]): void {
  for (const a of args) {
    if (a.type === "key") a.type = "string";
    if (a.args) stripKeys(a.args);
  }
}
