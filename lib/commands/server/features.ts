/** What the server commands need to observe: INFO's sampling, the slow log and the latency monitor. */
import type { Engine } from "../../core/engine.ts";
import { installInfo } from "../../server/info.ts";
import { installSlowlog } from "./slowlog.ts";

/** Installs the server commands' hooks on `engine`. */
export function installServerFeatures(engine: Engine): void {
  installInfo(engine);
  installSlowlog(engine);
}
