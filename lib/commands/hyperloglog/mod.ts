/** The HyperLogLog group. */
import type { CommandDefinition } from "../../core/command.ts";
import { pfadd, pfcount, pfdebug, pfmerge, pfselftest } from "./pf.ts";

export const hyperloglogCommands: CommandDefinition[] = [
  pfadd,
  pfcount,
  pfmerge,
  pfdebug,
  pfselftest,
];
