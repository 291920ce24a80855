/** The sort group. */
import type { CommandDefinition } from "../../core/command.ts";
import { sort, sort_ro } from "./sort.ts";

export const sortCommands: CommandDefinition[] = [sort, sort_ro];
