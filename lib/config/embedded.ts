/**
 * The defaults of an embedded server (mod.ts's startServer and
 * createInProcess), in their parsed form for {@link Config.setParsed}.
 *
 * Parsing them from text ran ~15 functions for the first time in a
 * process, ~0.3 ms of Deno's first in-process start (bench/NOTES.md,
 * eleventh session); a unit test checks each against its text.
 *
 * @module
 */
import type { Config } from "./config.ts";

/** What startServer() changes from redis.conf's defaults: any free port, loopback only, no save points. */
export const serverDefaults =
  ((function eager() {})(), function serverDefaults(): Array<[string, unknown]> {
    return [["port", 0n], ["bind", ["127.0.0.1"]], ["save", []]];
  });

/** What createInProcess() changes: no save points. */
export function inProcessDefaults(): Array<[string, unknown]> {
  return [["save", []]];
}

/** Stores `defaults` (from the functions above) in `config`. */
export const applyDefaults =
  ((function eager() {})(),
    function applyDefaults(config: Config, defaults: Array<[string, unknown]>): void {
      for (let i = 0; i < defaults.length; i++) config.setParsed(defaults[i][0], defaults[i][1]);
    });
