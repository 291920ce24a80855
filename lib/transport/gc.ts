/**
 * The runtime's full, synchronous garbage collection: runtime-specific, so it
 * lives with the other runtime adapters.
 *
 * @module
 */
import v8 from "node:v8";
import vm from "node:vm";

/** A function running a full collection, or undefined when the runtime offers none. */
export function fullGcFunction(): (() => void) | undefined {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  if (g.Bun) return () => g.Bun.gc(true);
  if (typeof g.gc === "function") return g.gc;
  try {
    // V8 (Deno, Node): `gc` exists only in contexts created while --expose-gc
    // is set; a throw-away context gives it without exposing it globally.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    v8.setFlagsFromString("--no-expose-gc");
    return typeof gc === "function" ? gc : undefined;
  } catch {
    return undefined;
  }
}
