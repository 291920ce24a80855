/** The transactions group. */
import type { CommandDefinition } from "../../core/command.ts";

export const transactionsCommands: CommandDefinition[] = [];
