/** MONITOR. */
import type { CommandDefinition } from "../../core/command.ts";
import { startMonitor } from "../../features/monitor.ts";

export const monitor: CommandDefinition = {
  name: "monitor",
  arity: 1,
  flags: ["admin", "noscript", "loading", "stale"],
  docs: {
    summary: "Listen for all requests received by the server in real time",
    since: "1.0.0",
    group: "server",
  },
  handler(c) {
    startMonitor(c.engine, c);
  },
};
