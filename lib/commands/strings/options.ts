/**
 * The option parser SET and GETEX share (Redis's
 * parseExtendedStringArgumentsOrReply), with its quirks: an expiry option may
 * repeat (the last one wins), NX/XX conflict only with each other.
 *
 * @module
 */
import { ERR_SYNTAX, fail } from "../../core/errors.ts";
import { keywordIs } from "./shared.ts";

export const OBJ_NX = 1;
export const OBJ_XX = 2;
export const OBJ_EX = 4;
export const OBJ_PX = 8;
export const OBJ_KEEPTTL = 16;
export const OBJ_GET = 32;
export const OBJ_EXAT = 64;
export const OBJ_PXAT = 128;
export const OBJ_PERSIST = 256;

/** Any of the options that set an expiry. */
export const OBJ_EXPIRY = OBJ_EX | OBJ_PX | OBJ_EXAT | OBJ_PXAT;

/** Parsed options: flag bits and the expiry argument, if any. */
export interface StringOptions {
  flags: number;
  expire: string | undefined;
}

/**
 * Parses options from `argv[start]` on; `forSet` selects SET's options
 * (NX, XX, GET, KEEPTTL) over GETEX's (PERSIST). Throws a syntax error.
 */
export function parseStringOptions(argv: string[], start: number, forSet: boolean): StringOptions {
  let flags = 0;
  let expire: string | undefined;
  const argc = argv.length;
  for (let j = start; j < argc; j++) {
    const opt = argv[j];
    const hasNext = j !== argc - 1;
    if (forSet && keywordIs(opt, "NX") && !(flags & OBJ_XX)) flags |= OBJ_NX;
    else if (forSet && keywordIs(opt, "XX") && !(flags & OBJ_NX)) flags |= OBJ_XX;
    else if (forSet && keywordIs(opt, "GET")) flags |= OBJ_GET;
    else if (forSet && keywordIs(opt, "KEEPTTL") && !(flags & (OBJ_PERSIST | OBJ_EXPIRY))) {
      flags |= OBJ_KEEPTTL;
    } else if (!forSet && keywordIs(opt, "PERSIST") && !(flags & (OBJ_EXPIRY | OBJ_KEEPTTL))) {
      flags |= OBJ_PERSIST;
    } else {
      const bit = expiryOption(opt);
      // The same expiry option may repeat; a different one is a conflict.
      if (bit === 0 || !hasNext || flags & (OBJ_KEEPTTL | OBJ_PERSIST | (OBJ_EXPIRY & ~bit))) {
        fail(ERR_SYNTAX);
      }
      flags |= bit;
      expire = argv[++j];
    }
  }
  return { flags, expire };
}

function expiryOption(opt: string): number {
  if (keywordIs(opt, "EX")) return OBJ_EX;
  if (keywordIs(opt, "PX")) return OBJ_PX;
  if (keywordIs(opt, "EXAT")) return OBJ_EXAT;
  if (keywordIs(opt, "PXAT")) return OBJ_PXAT;
  return 0;
}
