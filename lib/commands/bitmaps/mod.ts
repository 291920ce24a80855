/** The bitmaps group. */
import type { CommandDefinition } from "../../core/command.ts";
import { getbit, setbit } from "./setbit.ts";
import { bitcount, bitpos } from "./bitcount.ts";
import { bitop } from "./bitop.ts";
import { bitfield, bitfieldRo } from "./bitfield.ts";

export const bitmapsCommands: CommandDefinition[] = [
  setbit,
  getbit,
  bitcount,
  bitpos,
  bitop,
  bitfield,
  bitfieldRo,
];
