/** The connection group. */
import type { CommandDefinition } from "../../core/command.ts";
import { echo, ping } from "./ping.ts";
import { quit, select } from "./select.ts";
import { auth, hello } from "./auth.ts";
import { reset } from "./reset.ts";
import { client } from "./client.ts";

export const connectionCommands: CommandDefinition[] = [
  ping,
  echo,
  select,
  quit,
  auth,
  hello,
  reset,
  client,
];
