/** The streams group. */
import type { CommandDefinition } from "../../core/command.ts";

export const streamsCommands: CommandDefinition[] = [];
