/** The hyperloglog group. */
import type { CommandDefinition } from "../../core/command.ts";

export const hyperloglogCommands: CommandDefinition[] = [];
