/** The sets group. */
import type { CommandDefinition } from "../../core/command.ts";

export const setsCommands: CommandDefinition[] = [];
