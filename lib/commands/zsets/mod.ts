/** The zsets group. */
import type { CommandDefinition } from "../../core/command.ts";

export const zsetsCommands: CommandDefinition[] = [];
