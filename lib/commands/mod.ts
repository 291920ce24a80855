/**
 * Every command the server knows, gathered from the group folders.
 *
 * @module
 */
import type { CommandDefinition } from "../core/command.ts";
import { connectionCommands } from "./connection/mod.ts";
import { stringsCommands } from "./strings/mod.ts";
import { bitmapsCommands } from "./bitmaps/mod.ts";
import { keyspaceCommands } from "./keyspace/mod.ts";
import { serverCommands } from "./server/mod.ts";
import { listsCommands } from "./lists/mod.ts";
import { hashesCommands } from "./hashes/mod.ts";
import { setsCommands } from "./sets/mod.ts";
import { zsetsCommands } from "./zsets/mod.ts";
import { geoCommands } from "./geo/mod.ts";
import { hyperloglogCommands } from "./hyperloglog/mod.ts";
import { sortCommands } from "./sort/mod.ts";
import { transactionsCommands } from "./transactions/mod.ts";
import { pubsubCommands } from "./pubsub/mod.ts";
import { streamsCommands } from "./streams/mod.ts";

/** All command definitions. */
export const ALL_COMMANDS: CommandDefinition[] = [
  ...connectionCommands,
  ...stringsCommands,
  ...bitmapsCommands,
  ...keyspaceCommands,
  ...serverCommands,
  ...listsCommands,
  ...hashesCommands,
  ...setsCommands,
  ...zsetsCommands,
  ...geoCommands,
  ...hyperloglogCommands,
  ...sortCommands,
  ...transactionsCommands,
  ...pubsubCommands,
  ...streamsCommands,
];
