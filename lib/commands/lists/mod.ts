/** The lists group. */
import type { CommandDefinition } from "../../core/command.ts";

export const listsCommands: CommandDefinition[] = [];
