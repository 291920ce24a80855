/**
 * Installs the features that attach to the engine through hooks and
 * interceptors (transactions, pub/sub, blocking, tracking, ...).
 *
 * @module
 */
import type { Engine } from "./core/engine.ts";

/** Installs every feature on `engine`. */
export function installFeatures(_engine: Engine): void {
}
