/** The server group. */
import type { CommandDefinition } from "../../core/command.ts";
import { command } from "./command.ts";
import { config } from "./config.ts";
import { monitor } from "./monitor.ts";
import { dbsize, flushall, flushdb, swapdb } from "./db.ts";
import { debug } from "./debug.ts";
import { functionCommand } from "./function.ts";
import { info, lastsave, lolwut, role, time } from "./info.ts";
import { latency } from "./latency.ts";
import { memory } from "./memory.ts";
import { bgsave, save, shutdown } from "./shutdown.ts";
import { slowlog } from "./slowlog.ts";
import { psync, replconf, sync } from "./sync.ts";

export const serverCommands: CommandDefinition[] = [
  command,
  config,
  monitor,
  info,
  dbsize,
  flushdb,
  flushall,
  swapdb,
  time,
  lastsave,
  role,
  lolwut,
  debug,
  memory,
  latency,
  slowlog,
  save,
  bgsave,
  shutdown,
  sync,
  psync,
  replconf,
  functionCommand,
];
