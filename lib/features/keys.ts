/**
 * Finds the key arguments of a command from its key specs (Redis's
 * getKeysUsingKeySpecs), or its getKeys function for movable keys.
 *
 * @module
 */
import type { Command } from "../core/command.ts";

/** Positions in `argv` of the keys `cmd` reads or writes (NOT_KEY specs excluded). */
export function keyPositions(cmd: Command, argv: string[]): number[] {
  if (cmd.getKeys !== undefined) {
    return cmd.getKeys(argv).map((k) => (typeof k === "number" ? k : k.pos));
  }
  const out: number[] = [];
  const argc = argv.length;
  for (const spec of cmd.keys) {
    if (spec.flags.includes("NOT_KEY")) continue;
    let first: number;
    const begin = spec.begin;
    if ("index" in begin) first = begin.index;
    else if ("keyword" in begin) {
      const kw = begin.keyword.toLowerCase();
      first = 0;
      if (begin.startfrom >= 0) {
        for (let i = begin.startfrom; i < argc; i++) {
          if (argv[i].toLowerCase() === kw) {
            first = i + 1;
            break;
          }
        }
      } else {
        for (let i = argc + begin.startfrom; i > 0; i--) {
          if (argv[i].toLowerCase() === kw) {
            first = i + 1;
            break;
          }
        }
      }
      if (first === 0) continue;
    } else continue;
    if (first >= argc) continue;
    let last: number;
    let step: number;
    const find = spec.find;
    if ("range" in find) {
      const r = find.range;
      if (r.lastkey >= 0) last = first + r.lastkey;
      else if (r.limit === 0) last = argc + r.lastkey;
      else last = first + Math.floor((argc - first) / r.limit) + r.lastkey;
      step = r.step;
    } else if ("keynum" in find) {
      const k = find.keynum;
      if (first + k.keynumidx >= argc) continue;
      const text = argv[first + k.keynumidx];
      if (!/^\d+$/.test(text)) continue;
      const numkeys = Number(text);
      first += k.firstkey;
      step = k.step;
      last = first + (numkeys - 1) * step;
    } else continue;
    if (step <= 0) continue;
    for (let i = first; i <= last && i < argc; i += step) out.push(i);
  }
  return out;
}
