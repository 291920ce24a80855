/** The string group. */
import type { CommandDefinition } from "../../core/command.ts";
import { get, set } from "./get-set.ts";

export const stringsCommands: CommandDefinition[] = [get, set];
