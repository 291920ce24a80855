/** The lists group. */
import type { CommandDefinition } from "../../core/command.ts";
import { linsert, lpush, lpushx, rpush, rpushx } from "./push.ts";
import { lmpop, lpop, rpop } from "./pop.ts";
import { lindex, llen, lpos, lrange } from "./read.ts";
import { lrem, lset, ltrim } from "./edit.ts";
import { lmove, rpoplpush } from "./move.ts";
import { blmove, blmpop, blpop, brpop, brpoplpush } from "./blocking.ts";

export const listsCommands: CommandDefinition[] = [
  lpush,
  rpush,
  lpushx,
  rpushx,
  linsert,
  lpop,
  rpop,
  lmpop,
  llen,
  lrange,
  lindex,
  lpos,
  lset,
  lrem,
  ltrim,
  lmove,
  rpoplpush,
  blpop,
  brpop,
  blmove,
  brpoplpush,
  blmpop,
];
