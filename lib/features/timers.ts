/**
 * Timers that do not keep the process alive (a server's listeners do; tests
 * that forget a pause or a blocked client must still be able to exit).
 *
 * @module
 */

/** A timer handle of either runtime. */
export type Timer = ReturnType<typeof setTimeout>;

/** setTimeout, unreferenced. */
export function unrefTimeout(fn: () => void, ms: number): Timer {
  const t = setTimeout(fn, ms);
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  if (typeof t === "number") deno?.unrefTimer?.(t);
  else (t as { unref?: () => void }).unref?.();
  return t;
}
