/** The geo group. */
import type { CommandDefinition } from "../../core/command.ts";

export const geoCommands: CommandDefinition[] = [];
