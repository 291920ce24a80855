/**
 * Lookups in the keyspace's table (`StrMap`, lib/store/str-map.ts) against a
 * JS `Map`, with 100k keys: keys kept inline in their slot (16 bytes, as
 * redis-benchmark's `key:` + 12 digits) and keys kept as strings (32
 * bytes), each looked up either as a string just decoded from bytes (a
 * fresh key off the wire: no cached hash, another object than the stored
 * key) or as the same string every time (a hot key from the argument
 * cache). `decode only` is the part of the first rows that is not the
 * lookup. Run under both runtimes:
 *   npx deno run -A bench/str-map.bench.ts
 *   npx bun bench/str-map.bench.ts
 *
 * @module
 */
import { bench, do_not_optimize, group, run } from "mitata";
import { Buffer } from "node:buffer";
import { hashKey, StrMap } from "../lib/store/str-map.ts";
import { pickDecoder } from "../lib/transport/mod.ts";

const decode = pickDecoder();
const N = 100_000;

/** `n` keys `prefix` + 12 digits. */
function makeKeys(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => prefix + String(i).padStart(12, "0"));
}

for (
  const [label, prefix] of [["16-byte keys (inline)", "key:"], [
    "32-byte keys (strings)",
    "a-longer-key-prefix:",
  ]] as const
) {
  const strings = makeKeys(prefix, N);
  const strMap = new StrMap<number>();
  const map = new Map<string, number>();
  for (let i = 0; i < N; i++) {
    strMap.set(strings[i], i);
    map.set(strings[i], i);
  }
  // 4096 random keys' bytes back to back, as in a read buffer (cache-resident,
  // like the network's bytes): the tables' misses are what is measured.
  const len = strings[0].length;
  const ring = Buffer.alloc(4096 * len);
  let seed = 7;
  for (let i = 0; i < 4096; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    ring.write(strings[seed % N], i * len, "latin1");
  }
  let next = 0;
  const fresh = () => {
    const at = (next++ & 4095) * len;
    return decode(ring, at, at + len);
  };
  // Decoded, as the parser makes it (a concatenated string is a rope on V8,
  // slower to read char by char).
  const hot = decode(ring, 0, len);

  group(label + ", random key decoded from bytes", () => {
    bench("decode only", () => do_not_optimize(fresh()));
    bench("StrMap", () => {
      const k = fresh();
      return do_not_optimize(strMap.getH(k, hashKey(k)));
    });
    bench("Map", () => do_not_optimize(map.get(fresh())));
  });

  group(label + ", the same string every time", () => {
    bench("StrMap", () => do_not_optimize(strMap.getH(hot, hashKey(hot))));
    bench("Map", () => do_not_optimize(map.get(hot)));
  });
}

await run();
