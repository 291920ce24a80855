/** The sort group. */
import type { CommandDefinition } from "../../core/command.ts";

export const sortCommands: CommandDefinition[] = [];
