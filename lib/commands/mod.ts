/**
 * Every command the server knows, gathered from the group folders.
 *
 * @module
 */
import type { CommandDefinition } from "../core/command.ts";
import { connectionCommands } from "./connection/mod.ts";
import { keyspaceCommands } from "./keyspace/mod.ts";
import { serverCommands } from "./server/mod.ts";
import { stringCommands } from "./strings/mod.ts";

/** All command definitions. */
export const ALL_COMMANDS: CommandDefinition[] = [
  ...connectionCommands,
  ...stringCommands,
  ...keyspaceCommands,
  ...serverCommands,
];
