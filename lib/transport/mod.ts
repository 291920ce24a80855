/**
 * Picks the transport of the runtime we run on.
 *
 * @module
 */
import type { Listen } from "./types.ts";
import { type BinaryDecoder, decodeChunked, decodeNative } from "../resp/binary.ts";
import { listen as bunListen } from "./bun.ts";
import { listen as denoListen } from "./deno.ts";
import { listen as nodeListen } from "./node.ts";

export type { Connection, Listen, Listener, ListenTarget } from "./types.ts";

/** The runtime's name and version, e.g. `deno 2.9.6`. */
export function runtimeInfo(): { name: "deno" | "bun" | "node"; version: string } {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  if (g.Bun) return { name: "bun", version: g.Bun.version };
  if (g.Deno) return { name: "deno", version: g.Deno.version.deno };
  return { name: "node", version: g.process?.versions?.node ?? "unknown" };
}

/**
 * The fastest way to turn bytes into binary strings on this runtime (see
 * lib/resp/binary.ts for the measurements).
 */
export function pickDecoder(): BinaryDecoder {
  return runtimeInfo().name === "deno" ? decodeChunked : decodeNative;
}

/** The listen function for this runtime. */
export const pickTransport = ((function eager() {})(), function pickTransport(): Listen {
  const rt = runtimeInfo().name;
  if (rt === "bun") return bunListen;
  if (rt === "deno") return denoListen;
  return nodeListen;
});
