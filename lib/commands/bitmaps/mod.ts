/** The bitmaps group. */
import type { CommandDefinition } from "../../core/command.ts";

export const bitmapsCommands: CommandDefinition[] = [];
