/** What the server commands need to observe: INFO's sampling, the slow log, the latency monitor, CLIENT LIST's buffer sizes. */
import type { Engine } from "../../core/engine.ts";
import { installInfo } from "../../server/info.ts";
import { installSlowlog } from "./slowlog.ts";
import { installClientBuffers } from "../connection/client-buffers.ts";

/** Installs the server commands' hooks on `engine`. */
export const installServerFeatures =
  ((function eager() {})(), function installServerFeatures(engine: Engine): void {
    installInfo(engine);
    installSlowlog(engine);
    installClientBuffers(engine);
  });
