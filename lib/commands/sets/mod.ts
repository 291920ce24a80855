/** The sets group. */
import type { CommandDefinition } from "../../core/command.ts";
import { sadd, scard, sismember, smembers, smismember, smove, srem } from "./members.ts";
import { spop, srandmember } from "./random.ts";
import {
  sdiff,
  sdiffstore,
  sinter,
  sintercard,
  sinterstore,
  sunion,
  sunionstore,
} from "./algebra.ts";
import { sscan } from "./scan.ts";

export const setsCommands: CommandDefinition[] = [
  sadd,
  srem,
  sismember,
  smismember,
  scard,
  smembers,
  spop,
  srandmember,
  smove,
  sinter,
  sintercard,
  sinterstore,
  sunion,
  sunionstore,
  sdiff,
  sdiffstore,
  sscan,
];
