/** The transactions group. */
import type { CommandDefinition } from "../../core/command.ts";
import { discard, exec, multi, unwatch, watch } from "./multi.ts";

export const transactionsCommands: CommandDefinition[] = [multi, exec, discard, watch, unwatch];
