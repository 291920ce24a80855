/**
 * Wake-ups for clients blocked in XREAD/XREADGROUP beyond XADD's: Redis
 * signals a key as ready when a stream is deleted or replaced (dbDelete,
 * dbOverwrite, flushes, SWAPDB), so that XREADGROUP readers learn that their
 * stream is gone, and when a stream key is added. Commands elsewhere only
 * say that a key changed (`keyModified`), so for keys with blocked stream
 * readers this module remembers the value last seen and signals the key
 * when a stream left it or one arrived in an empty key.
 *
 * @module
 */
import { blockedOnKeys } from "../../features/blocking.ts";
import type { Client } from "../../core/client.ts";
import type { Engine } from "../../core/engine.ts";
import type { Database } from "../../store/database.ts";
import type { RedisValue } from "../../store/value.ts";
import { StreamValue } from "../../store/types/stream.ts";

interface Tracked {
  prev: RedisValue | undefined | typeof UNKNOWN;
  waiters: Set<Client>;
}

/** The value of a key after a flush or swap, until looked at again. */
const UNKNOWN = Symbol("unknown");

interface State {
  byDb: Map<string, Tracked>[];
}

const states = new WeakMap<Engine, State>();

/** Set (c.ext) while a client waits in XREAD/XREADGROUP: where it waits. */
const EXT = "streamWait";

interface Wait {
  db: Database;
  keys: readonly string[];
}

function install(engine: Engine): State {
  const s: State = { byDb: engine.dbs.map(() => new Map()) };
  states.set(engine, s);
  engine.hooks.keyModified.push((db, key) => {
    const map = s.byDb[db.id];
    if (map.size === 0) return;
    const t = map.get(key);
    if (t === undefined) return;
    if (!prune(t)) {
      map.delete(key);
      return;
    }
    const cur = db.dict.get(key);
    const prev = t.prev;
    if (cur === prev) return;
    t.prev = cur;
    if (prev instanceof StreamValue || (prev === undefined && cur instanceof StreamValue)) {
      engine.keyReady(db, key);
    }
  });
  // Flushes and SWAPDB change keys without keyModified: look at every waited key.
  engine.hooks.dbModified.push((db) => {
    const dbs = db === undefined ? engine.dbs : [db];
    for (const d of dbs) {
      const map = s.byDb[d.id];
      for (const [key, t] of map) {
        if (!prune(t)) {
          map.delete(key);
          continue;
        }
        t.prev = UNKNOWN;
        engine.keyReady(d, key);
      }
    }
  });
  engine.hooks.clientClosed.push((c) => {
    const w = c.ext[EXT] as Wait | undefined;
    if (w !== undefined) untrackWait(c, w.db, w.keys);
  });
  return s;
}

/** Drops waiters no longer blocked on their stream wait; false when none is left. */
function prune(t: Tracked): boolean {
  for (const c of t.waiters) {
    if (!blockedOnKeys(c) || c.ext[EXT] === undefined) t.waiters.delete(c);
  }
  return t.waiters.size > 0;
}

/** Registers `c` (about to block in its database) as waiting on `keys`. */
export function trackWait(c: Client, keys: readonly string[]): void {
  const engine = c.engine;
  const s = states.get(engine) ?? install(engine);
  const map = s.byDb[c.db.id];
  c.ext[EXT] = { db: c.db, keys } satisfies Wait;
  for (const key of keys) {
    let t = map.get(key);
    if (t === undefined) {
      t = { prev: c.db.dict.get(key), waiters: new Set() };
      map.set(key, t);
    }
    t.waiters.add(c);
  }
}

/** Forgets `c`'s wait (served or timed out). */
export function untrackWait(c: Client, db: Database, keys: readonly string[]): void {
  c.ext[EXT] = undefined;
  const s = states.get(c.engine);
  if (s === undefined) return;
  const map = s.byDb[db.id];
  for (const key of keys) {
    const t = map.get(key);
    if (t === undefined) continue;
    t.waiters.delete(c);
    if (t.waiters.size === 0) map.delete(key);
  }
}

/** Notes what a key holds after a serve round looked at it. */
export function refreshSeen(c: Client, db: Database, key: string): void {
  const t = states.get(c.engine)?.byDb[db.id].get(key);
  if (t !== undefined) t.prev = db.dict.get(key);
}
