/** The pubsub group. */
import type { CommandDefinition } from "../../core/command.ts";
import {
  psubscribe,
  punsubscribe,
  ssubscribe,
  subscribe,
  sunsubscribe,
  unsubscribe,
} from "./subscribe.ts";
import { publish, pubsub, spublish } from "./publish.ts";

export const pubsubCommands: CommandDefinition[] = [
  subscribe,
  unsubscribe,
  psubscribe,
  punsubscribe,
  publish,
  ssubscribe,
  sunsubscribe,
  spublish,
  pubsub,
];
