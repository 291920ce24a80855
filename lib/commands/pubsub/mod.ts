/** The pubsub group. */
import type { CommandDefinition } from "../../core/command.ts";

export const pubsubCommands: CommandDefinition[] = [];
