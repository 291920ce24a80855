/** The streams group. */
import type { CommandDefinition } from "../../core/command.ts";
import { xautoclaim, xclaim } from "./claim.ts";
import { xgroup } from "./group.ts";
import { xinfo } from "./info.ts";
import { xack, xpending } from "./pending.ts";
import { xlen, xrange, xrevrange } from "./range.ts";
import { xread, xreadgroup } from "./read.ts";
import { xadd, xdel, xsetid, xtrim } from "./write.ts";

export const streamsCommands: CommandDefinition[] = [
  xadd,
  xrange,
  xrevrange,
  xlen,
  xread,
  xreadgroup,
  xdel,
  xtrim,
  xsetid,
  xack,
  xpending,
  xclaim,
  xautoclaim,
  xgroup,
  xinfo,
];
