/** The generic (keyspace) group. */
import type { CommandDefinition } from "../../core/command.ts";

export const keyspaceCommands: CommandDefinition[] = [];
