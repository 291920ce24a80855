/** The server group. */
import type { CommandDefinition } from "../../core/command.ts";
import { command } from "./command.ts";
import { config } from "./config.ts";
import { monitor } from "./monitor.ts";

export const serverCommands: CommandDefinition[] = [command, config, monitor];
