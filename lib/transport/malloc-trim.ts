/**
 * glibc's `malloc_trim(0)`, reached through Deno's FFI: it gives the free
 * pages inside the C heap back to the OS.
 *
 * Why: Deno allocates the contents of ArrayBuffers (the key tables' typed
 * arrays, Buffers) with the C allocator, and glibc keeps what is freed in
 * its heap for reuse. After redis-benchmark's tests, a FLUSHALL and its
 * 1M-key load, a Deno server held 201 MB resident for 58 MB live after its
 * idle collection, and 114 MB once this had run (1-10 ms per call). Bun
 * needs none: JavaScriptCore keeps ArrayBuffer contents in its own
 * allocator, which its full collection already empties (the same run: 111
 * MB with or without it).
 *
 * Only where it is safe to ask for: Linux with glibc (`libc.so.6`; not
 * musl), and only when `--allow-ffi` is granted already (querying never
 * prompts). Elsewhere there is nothing to call.
 *
 * @module
 */

/** A function calling `malloc_trim(0)`, or undefined when it cannot be reached. */
export function mallocTrimFunction(): (() => void) | undefined {
  // deno-lint-ignore no-explicit-any
  const deno = (globalThis as any).Deno;
  if (deno === undefined || deno.build?.os !== "linux") return undefined;
  try {
    if (deno.permissions.querySync({ name: "ffi" }).state !== "granted") return undefined;
    const lib = deno.dlopen("libc.so.6", {
      malloc_trim: { parameters: ["usize"], result: "i32" },
    });
    return () => void lib.symbols.malloc_trim(0n);
  } catch {
    return undefined;
  }
}
