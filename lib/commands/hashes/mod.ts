/** The hashes group. */
import type { CommandDefinition } from "../../core/command.ts";

export const hashesCommands: CommandDefinition[] = [];
