/** The server group. */
import type { CommandDefinition } from "../../core/command.ts";

export const serverCommands: CommandDefinition[] = [];
