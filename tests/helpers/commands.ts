/**
 * Which commands Ferrous has, read from its command table: lets a test that
 * needs a command not written yet skip with a reason, and run by itself
 * once the command lands.
 *
 * @module
 */
import { ALL_COMMANDS } from "../../lib/commands/mod.ts";

const NAMES = new Set(ALL_COMMANDS.map((c) => c.name.toLowerCase()));

/** A skip reason naming the commands Ferrous lacks, or undefined when it has them all. */
export function needsCommands(...names: string[]): string | undefined {
  const missing = names.filter((n) => !NAMES.has(n.toLowerCase()));
  return missing.length === 0 ? undefined : `Ferrous has no ${missing.join(", ")} yet`;
}
