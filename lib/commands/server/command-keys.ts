/**
 * Finds the keys of a command's arguments as Redis 7.0 does
 * (getKeysFromCommandWithSpecs): from key specs when they are complete and
 * their flags fixed, else from the command's getKeys function. Used by
 * COMMAND GETKEYS / GETKEYSANDFLAGS; other features (ACL, tracking) may use
 * it too.
 *
 * @module
 */
import type { Command, KeyReference, KeySpec, KeySpecFlag } from "../../core/command.ts";

/** True when some key spec is a real key (not NOT_KEY), or a getKeys function exists. */
export function commandHasKeys(cmd: Command): boolean {
  return cmd.getKeys !== undefined || cmd.keys.some((s) => !s.flags.includes("NOT_KEY"));
}

/** Redis's string2ll for keynum arguments. */
function parseKeyCount(s: string): number | undefined {
  if (!/^(0|-?[1-9][0-9]*)$/.test(s) || s.length > 20) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Where a spec's keys begin, or 0 when its keyword is absent, or -1 when it cannot say. */
function beginOf(spec: KeySpec, argv: string[]): number {
  const argc = argv.length;
  const b = spec.begin;
  if ("index" in b) return b.index;
  if ("keyword" in b) {
    const start = b.startfrom > 0 ? b.startfrom : argc + b.startfrom;
    const end = b.startfrom > 0 ? argc - 1 : 1;
    const kw = b.keyword.toLowerCase();
    for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
      if (i >= argc || i < 1) break;
      if (argv[i].toLowerCase() === kw) return i + 1;
    }
    return 0;
  }
  return -1;
}

/**
 * Keys from the specs (Redis's getKeysUsingKeySpecs). Returns undefined when
 * a spec cannot find its keys (unknown, incomplete, out of range), unless
 * `partial` is set: then such specs are skipped.
 */
export function keysFromSpecs(
  specs: readonly KeySpec[],
  argv: string[],
  partial = false,
): KeyReference[] | undefined {
  const out: KeyReference[] = [];
  const argc = argv.length;
  for (const spec of specs) {
    if (spec.flags.includes("NOT_KEY")) continue;
    let first = beginOf(spec, argv);
    if (first === 0) continue;
    let last: number;
    let step: number;
    let ok = first > 0;
    const f = spec.find;
    if (ok && "range" in f) {
      step = f.range.step;
      if (f.range.lastkey >= 0) last = first + f.range.lastkey;
      else if (f.range.limit === 0) last = argc + f.range.lastkey;
      else last = first + (Math.trunc((argc - first) / f.range.limit) + f.range.lastkey);
    } else if (ok && "keynum" in f) {
      step = f.keynum.step;
      const at = first + f.keynum.keynumidx;
      const n = f.keynum.keynumidx >= argc || at >= argc ? undefined : parseKeyCount(argv[at]);
      if (n === undefined || n < 0) {
        ok = false;
        last = 0;
      } else {
        first += f.keynum.firstkey;
        last = first + n - 1;
      }
    } else {
      ok = false;
      step = 1;
      last = 0;
    }
    if (ok && (last >= argc || last < first || first >= argc)) ok = false;
    if (ok) {
      for (let i = first; i <= last; i += step) {
        if (i >= argc || i < first) continue;
        out.push({ pos: i, flags: spec.flags });
      }
      if (spec.flags.includes("INCOMPLETE")) ok = false;
    }
    if (!ok) {
      if (partial) continue;
      return undefined;
    }
  }
  return out;
}

/** Flags of SET's key: as with the GET option or without (Redis's setGetKeys). */
export function setKeys(argv: string[]): KeyReference[] {
  for (let i = 3; i < argv.length; i++) {
    if (argv[i].length === 3 && argv[i].toLowerCase() === "get") {
      return [{ pos: 1, flags: ["RW", "ACCESS", "UPDATE"] }];
    }
  }
  return [{ pos: 1, flags: ["OW", "UPDATE"] }];
}

/** Flags of BITFIELD's key: read-only when only GET (and OVERFLOW) are used (Redis's bitfieldGetKeys). */
export function bitfieldKeys(argv: string[]): KeyReference[] {
  let readonly = true;
  for (let i = 2; i < argv.length; i++) {
    const rem = argv.length - i - 1;
    const a = argv[i].toLowerCase();
    if (a === "get" && rem >= 2) i += 2;
    else if ((a === "set" || a === "incrby") && rem >= 3) {
      readonly = false;
      break;
    } else if (a === "overflow" && rem >= 1) i += 1;
    else {
      readonly = false;
      break;
    }
  }
  return [{ pos: 1, flags: readonly ? ["RO", "ACCESS"] : ["RW", "ACCESS", "UPDATE"] }];
}

/** Redis's own getkeys procs for the commands whose key flags vary, used when a definition has none. */
const NATIVE_VARIABLE_FLAGS: Record<string, (argv: string[]) => KeyReference[]> = {
  set: setKeys,
  bitfield: bitfieldKeys,
};

/**
 * The keys of a command call with their flags (Redis's
 * getKeysFromCommandWithSpecs). `argv[0]` is the command name.
 */
export function commandKeys(cmd: Command, argv: string[]): KeyReference[] {
  const hasKeySpec = cmd.keys.some((s) => !s.flags.includes("NOT_KEY"));
  const varFlags = cmd.keys.some((s) => s.flags.includes("VARIABLE_FLAGS"));
  if (hasKeySpec && !varFlags) {
    const keys = keysFromSpecs(cmd.keys, argv);
    if (keys !== undefined) return keys;
  }
  const fn = cmd.getKeys ?? (varFlags ? NATIVE_VARIABLE_FLAGS[cmd.fullName] : undefined);
  if (fn === undefined) {
    // A spec with variable flags but no function: its positions still hold.
    return varFlags ? keysFromSpecs(cmd.keys, argv, true) ?? [] : [];
  }
  const found = fn(argv);
  if (found.length === 0 || typeof found[0] !== "number") return found as KeyReference[];
  return withSpecFlags(cmd, argv, found as number[]);
}

/**
 * Gives positions from a getKeys function the flags of the spec that covers
 * them; positions no usable spec finds (the STORE key of SORT, ...) take the
 * flags of the last spec that found nothing (Redis lists such specs last).
 */
function withSpecFlags(cmd: Command, argv: string[], positions: number[]): KeyReference[] {
  const byPos = new Map<number, KeySpecFlag[]>();
  let fallback: KeySpecFlag[] | undefined;
  for (const spec of cmd.keys) {
    if (spec.flags.includes("NOT_KEY")) continue;
    const keys = keysFromSpecs([spec], argv, true) ?? [];
    if (keys.length === 0) fallback = spec.flags;
    for (const k of keys) if (!byPos.has(k.pos)) byPos.set(k.pos, k.flags);
  }
  const last = cmd.keys[cmd.keys.length - 1]?.flags ?? [];
  return positions.map((pos) => ({ pos, flags: byPos.get(pos) ?? fallback ?? last }));
}
