/**
 * The declarative shape of a command, modelled on Redis's
 * `src/commands/*.json`: arity, flags, ACL categories, key specs and docs.
 * Handlers live beside their spec, one family per file under
 * `lib/commands/<group>/`.
 *
 * @module
 */
import type { Client } from "./client.ts";

/** Command flags as Redis names them (lowercase, as COMMAND INFO prints them). */
export type CommandFlag =
  | "write"
  | "readonly"
  | "denyoom"
  | "module"
  | "admin"
  | "pubsub"
  | "noscript"
  | "blocking"
  | "loading"
  | "stale"
  | "skip_monitor"
  | "skip_slowlog"
  | "asking"
  | "fast"
  | "no_auth"
  | "may_replicate"
  | "sentinel"
  | "only_sentinel"
  | "no_mandatory_keys"
  | "protected"
  | "no_async_loading"
  | "no_multi"
  | "movablekeys"
  | "allow_busy";

/** Key spec flags as in Redis 7.0 (`RW`, `ACCESS`, ...). */
export type KeySpecFlag =
  | "RO"
  | "RW"
  | "OW"
  | "RM"
  | "ACCESS"
  | "UPDATE"
  | "INSERT"
  | "DELETE"
  | "NOT_KEY"
  | "INCOMPLETE"
  | "VARIABLE_FLAGS";

/**
 * Where a command's keys are, as Redis 7.0 key specs: where to begin
 * searching (an index or a keyword) and how to find keys from there (a range
 * or a key count argument).
 */
export interface KeySpec {
  flags: KeySpecFlag[];
  notes?: string;
  /** Begin search: an argv index, or a keyword searched from `startfrom` (negative: from the end). */
  begin: { index: number } | { keyword: string; startfrom: number } | { unknown: true };
  /** Find keys: a range (`lastkey` relative, -1 last arg; `limit` divides the rest) or a keynum. */
  find:
    | { range: { lastkey: number; step: number; limit: number } }
    | { keynum: { keynumidx: number; firstkey: number; step: number } }
    | { unknown: true };
}

/** What a command's documentation says (COMMAND DOCS). */
export interface CommandDocs {
  summary: string;
  since: string;
  group: string;
  complexity?: string;
  /** Syntax in the form Redis's docs print it, e.g. `key value [NX | XX]`; parsed for COMMAND DOCS arguments. */
  syntax?: string;
  history?: [string, string][];
  deprecatedSince?: string;
  replacedBy?: string;
  docFlags?: ("deprecated" | "syscmd")[];
}

/** A command handler: reads `argv` (argv[0] is the name as sent) and writes its reply on `client.reply`. */
export type CommandHandler = (client: Client, argv: string[]) => void;

/** A key found in a command's arguments, with its key spec flags (COMMAND GETKEYSANDFLAGS). */
export interface KeyReference {
  pos: number;
  flags: KeySpecFlag[];
}

/**
 * Extracts keys for commands whose keys are not found by key specs alone
 * (Redis's getkeys_proc): positions, or positions with flags when the flags
 * depend on the arguments (SET with GET, BITFIELD with only GETs).
 */
export type GetKeysFunction = (argv: string[]) => number[] | KeyReference[];

/** The input form of a command definition. */
export interface CommandDefinition {
  /** Lowercase name; for subcommands the part after `|`. */
  name: string;
  /** Redis arity: positive means exact argc, negative means at least -arity. */
  arity: number;
  flags?: CommandFlag[];
  /** Explicit ACL categories without `@` (implicit ones are derived from flags, as Redis does). */
  acl?: string[];
  keys?: KeySpec[];
  tips?: string[];
  docs: CommandDocs;
  handler?: CommandHandler;
  getKeys?: GetKeysFunction;
  subcommands?: CommandDefinition[];
}

/** Per-command counters for INFO commandstats. */
export interface CommandStats {
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

/** Flag bits tested on the hot path. */
export const CMD_WRITE = 1;
export const CMD_READONLY = 2;
export const CMD_DENYOOM = 4;
export const CMD_ADMIN = 8;
export const CMD_PUBSUB = 16;
export const CMD_NOSCRIPT = 32;
export const CMD_BLOCKING = 64;
export const CMD_LOADING = 128;
export const CMD_STALE = 256;
export const CMD_FAST = 512;
export const CMD_NO_AUTH = 1024;
export const CMD_NO_MULTI = 2048;
export const CMD_MOVABLE_KEYS = 4096;
export const CMD_SKIP_MONITOR = 8192;
export const CMD_MAY_REPLICATE = 16384;
export const CMD_ALLOW_BUSY = 32768;
/** DEBUG and MODULE: refused unless enable-debug-command / enable-module-command allow it. */
export const CMD_PROTECTED = 65536;

const FLAG_BITS: Partial<Record<CommandFlag, number>> = {
  write: CMD_WRITE,
  readonly: CMD_READONLY,
  denyoom: CMD_DENYOOM,
  admin: CMD_ADMIN,
  pubsub: CMD_PUBSUB,
  noscript: CMD_NOSCRIPT,
  blocking: CMD_BLOCKING,
  loading: CMD_LOADING,
  stale: CMD_STALE,
  fast: CMD_FAST,
  no_auth: CMD_NO_AUTH,
  no_multi: CMD_NO_MULTI,
  movablekeys: CMD_MOVABLE_KEYS,
  skip_monitor: CMD_SKIP_MONITOR,
  may_replicate: CMD_MAY_REPLICATE,
  allow_busy: CMD_ALLOW_BUSY,
  protected: CMD_PROTECTED,
};

/** Shorthand for the most common key spec: one key at `index`. */
export function singleKey(flags: KeySpecFlag[], index = 1): KeySpec {
  return { flags, begin: { index }, find: { range: { lastkey: 0, step: 1, limit: 0 } } };
}

/** Shorthand: keys from `index` to the end (or `lastkey`), every `step`. */
export function keyRange(
  flags: KeySpecFlag[],
  index: number,
  lastkey = -1,
  step = 1,
  limit = 0,
): KeySpec {
  return { flags, begin: { index }, find: { range: { lastkey, step, limit } } };
}

/** Shorthand: a key count at `keynumidx` (relative to `index`), keys after it. */
export function keyNum(flags: KeySpecFlag[], index: number, step = 1): KeySpec {
  return {
    flags,
    begin: { index },
    find: { keynum: { keynumidx: 0, firstkey: 1, step } },
  };
}

/**
 * Derives Redis's legacy (first, last, step) triple and the movablekeys flag
 * from key specs, as Redis's populateCommandLegacyRangeSpec: a single
 * index+range spec is used as is; otherwise consecutive step-1 range specs
 * are merged and any other spec makes the keys movable. `last` is absolute
 * (or negative, counted from the end).
 */
export function legacyRange(keys: KeySpec[]): [number, number, number, boolean] {
  if (keys.length === 0) return [0, 0, 0, false];
  const isPlain = (s: KeySpec) => "index" in s.begin && "range" in s.find;
  if (keys.length === 1 && isPlain(keys[0])) {
    const s = keys[0];
    const index = (s.begin as { index: number }).index;
    const r = (s.find as { range: { lastkey: number; step: number } }).range;
    const last = r.lastkey >= 0 ? index + r.lastkey : r.lastkey;
    return [index, last, r.step, s.flags.includes("INCOMPLETE")];
  }
  let movable = false;
  let first = Infinity;
  let last = 0;
  let prevLast = 0;
  // Redis compares last keys as unsigned ints: a negative (from the end) one wins.
  const unsigned = (n: number) => (n < 0 ? 2 ** 32 + n : n);
  for (const spec of keys) {
    if (!isPlain(spec)) {
      movable = true;
      continue;
    }
    const index = (spec.begin as { index: number }).index;
    const r = (spec.find as { range: { lastkey: number; step: number } }).range;
    if (r.step !== 1 || (prevLast !== 0 && prevLast !== index - 1)) {
      movable = true;
      continue;
    }
    if (spec.flags.includes("INCOMPLETE")) movable = true;
    first = Math.min(first, index);
    const abs = r.lastkey >= 0 ? r.lastkey + index : r.lastkey;
    if (unsigned(abs) > unsigned(last)) last = abs;
    prevLast = last;
  }
  if (first === Infinity) return [0, 0, 0, true];
  return [first, last, 1, movable];
}

/**
 * What buildCommand derives from a definition; the same for every engine, so
 * computed once. The flag set and ACL categories (for COMMAND and ACL) are
 * made when first read: dispatch needs only the bits and the key range.
 */
interface Derived {
  bits: number;
  range: [number, number, number, boolean];
  flags: Set<CommandFlag> | undefined;
  acl: string[] | undefined;
}

const derivedCache = new WeakMap<CommandDefinition, Derived>();
const NO_KEYS: [number, number, number, boolean] = [0, 0, 0, false];

const derive = ((function eager() {})(), function derive(def: CommandDefinition): Derived {
  let d = derivedCache.get(def);
  if (d !== undefined) return d;
  const range = def.keys === undefined || def.keys.length === 0 ? NO_KEYS : legacyRange(def.keys);
  let bits = range[3] ? CMD_MOVABLE_KEYS : 0;
  for (const f of def.flags ?? []) bits |= FLAG_BITS[f] ?? 0;
  d = { bits, range, flags: undefined, acl: undefined };
  derivedCache.set(def, d);
  return d;
});

function flagSet(def: CommandDefinition, d: Derived): Set<CommandFlag> {
  if (d.flags !== undefined) return d.flags;
  const flags = new Set<CommandFlag>(def.flags ?? []);
  // As Redis: only key specs make keys movable (SET and BITFIELD have a getKeys yet fixed keys).
  if (d.range[3]) flags.add("movablekeys");
  return d.flags = flags;
}

function aclCategories(def: CommandDefinition, d: Derived): string[] {
  return d.acl ??= implicitCategories(flagSet(def, d), def.acl ?? []);
}

/** Turns a definition into a table entry (derived fields are shared; stats are the engine's own). */
export const buildCommand =
  ((function eager() {})(),
    function buildCommand(def: CommandDefinition, parent?: Command, id = 0): Command {
      const cmd = new Command(def, derive(def), parent, id);
      if (def.subcommands) {
        cmd.subcommands = new Map();
        for (const sub of def.subcommands) cmd.subcommands.set(sub.name, buildCommand(sub, cmd));
      }
      return cmd;
    });

/**
 * A command as the table holds it, with derived fields filled in (made by
 * {@link buildCommand}). A class, so that the lazily made flag set and
 * categories are getters on the prototype: getters in an object literal put
 * every command object in V8's slow (dictionary) mode, and dispatch reads
 * several of its fields per command.
 */
export class Command {
  name: string;
  /** `get`, or `config|get` for a subcommand. */
  fullName: string;
  arity: number;
  /** Bit mask of {@link CommandFlag}s that dispatch checks often. */
  bits: number;
  keys: KeySpec[];
  firstKey: number;
  lastKey: number;
  keyStep: number;
  tips: string[];
  docs: CommandDocs;
  handler: CommandHandler | undefined;
  getKeys: GetKeysFunction | undefined;
  parent: Command | undefined;
  subcommands: Map<string, Command> | undefined = undefined;
  /** Index into the stats arrays (commandstats). */
  id: number;
  stats: CommandStats = { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 };
  private readonly def: CommandDefinition;
  private readonly derived: Derived;

  constructor(def: CommandDefinition, d: Derived, parent: Command | undefined, id: number) {
    this.name = def.name;
    this.fullName = parent ? parent.name + "|" + def.name : def.name;
    this.arity = def.arity;
    this.bits = d.bits;
    this.keys = def.keys ?? [];
    this.firstKey = d.range[0];
    this.lastKey = d.range[1];
    this.keyStep = d.range[2];
    this.tips = def.tips ?? [];
    this.docs = def.docs;
    this.handler = def.handler;
    this.getKeys = def.getKeys;
    this.parent = parent;
    this.id = id;
    this.def = def;
    this.derived = d;
  }

  get flags(): Set<CommandFlag> {
    return flagSet(this.def, this.derived);
  }

  /** ACL categories, explicit and derived from the flags, in Redis's order. */
  get acl(): string[] {
    return aclCategories(this.def, this.derived);
  }
}

/** Adds the categories Redis derives from flags (setImplicitACLCategories). */
function implicitCategories(flags: Set<CommandFlag>, explicit: string[]): string[] {
  const out = explicit.map((c) => c.toLowerCase());
  const add = (c: string) => {
    if (!out.includes(c)) out.push(c);
  };
  if (flags.has("write")) add("write");
  if (flags.has("readonly") && !out.includes("scripting")) add("read");
  if (flags.has("admin")) {
    add("admin");
    add("dangerous");
  }
  if (flags.has("pubsub")) add("pubsub");
  if (flags.has("fast")) add("fast");
  if (flags.has("blocking")) add("blocking");
  if (!out.includes("fast")) add("slow");
  return out.sort((a, b) => categoryRank(a) - categoryRank(b));
}

/** ACL categories in the order Redis lists them (its ACLCommandCategories table). */
export const ACL_CATEGORIES = [
  "keyspace",
  "read",
  "write",
  "set",
  "sortedset",
  "list",
  "hash",
  "string",
  "bitmap",
  "hyperloglog",
  "geo",
  "stream",
  "pubsub",
  "admin",
  "fast",
  "slow",
  "blocking",
  "dangerous",
  "connection",
  "transaction",
  "scripting",
] as const;

function categoryRank(c: string): number {
  const i = (ACL_CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? 99 : i;
}
