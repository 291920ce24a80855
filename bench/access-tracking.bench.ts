/**
 * What per-key access stamps (OBJECT IDLETIME/FREQ, lib/store/object-info.ts)
 * cost per GET and SET: a database of 1M keys (random access: every lookup
 * misses the CPU caches) and one of 1k keys (hot), with tracking dropped
 * (the automatic mode past `accessAutoOffKeys`), pinned on (stamp written on
 * every access), and a variant writing the stamp only when it changed.
 * Run under both runtimes:
 *   npx deno run -A bench/access-tracking.bench.ts
 *   npx bun bench/access-tracking.bench.ts
 * Memory: `bench/memory.ts --inproc --tracking auto|pinned`.
 *
 * @module
 */
import { bench, do_not_optimize, group, run } from "mitata";
import { Buffer } from "node:buffer";
import { Config } from "../lib/config/config.ts";
import { createEngine } from "../lib/server/server.ts";
import { Database } from "../lib/store/database.ts";
import { setAccessTracking } from "../lib/store/object-info.ts";
import { pickDecoder } from "../lib/transport/mod.ts";

const decode = pickDecoder();

/** `n` keys shaped as redis-benchmark's (`key:` + 12 digits), decoded as the parser does. */
function makeKeys(n: number): string[] {
  const buf = Buffer.alloc(16);
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    buf.write("key:" + String(i).padStart(12, "0"), 0, "latin1");
    keys.push(decode(buf, 0, 16));
  }
  return keys;
}

/** Writes the stamp only when it differs (one lookup instead of one write when unchanged). */
class ChangedOnlyDatabase extends Database {
  override touch(key: string): void {
    const access = this.access;
    if (access === undefined) return;
    // deno-lint-ignore no-explicit-any
    const clock = (this as any).host.accessClock as number;
    if (access.get(key) !== clock) access.set(key, clock);
  }
}

type Mode = "dropped" | "pinned" | "changed-only";

function makeDb(keys: string[], mode: Mode): Database {
  const config = new Config();
  config.set("save", "");
  const engine = createEngine({ config });
  const db = mode === "changed-only" ? new ChangedOnlyDatabase(0, engine) : engine.dbs[0];
  engine.dbs[0] = db;
  if (mode !== "dropped") setAccessTracking([db], true);
  const value = decode(Buffer.alloc(16, 120), 0, 16);
  for (const k of keys) db.set(k, value);
  if (mode === "dropped") setAccessTracking([db], false);
  return db;
}

/** A fixed pseudo-random visiting order (the same for every variant). */
function order(n: number, len: number): Uint32Array {
  const out = new Uint32Array(len);
  let x = 12345;
  for (let i = 0; i < len; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out[i] = x % n;
  }
  return out;
}

for (const size of [1_000_000, 1000]) {
  const keys = makeKeys(size);
  const idx = order(size, 1 << 16);
  const value = decode(Buffer.alloc(16, 121), 0, 16);
  for (const mode of ["dropped", "pinned", "changed-only"] as Mode[]) {
    const db = makeDb(keys, mode);
    group(`${size} keys, tracking ${mode}`, () => {
      let i = 0;
      bench("GET (db.get)", () => {
        do_not_optimize(db.get(keys[idx[i++ & 0xffff]]));
      });
      bench("SET existing (db.set)", () => {
        db.set(keys[idx[i++ & 0xffff]], value);
      });
    });
  }
}

await run();
