/**
 * Per-key access stamps (OBJECT IDLETIME/FREQ, DEBUG OBJECT): tracked while
 * a database is small, dropped past `accessAutoOffKeys` keys unless an
 * LRU/LFU policy needs them, turned back on for good by the first question,
 * and never reporting a key as more recently used than it was.
 */
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import {
  ACCESS_AUTO,
  ACCESS_OFF,
  ACCESS_PINNED,
  accessAutoOffKeys,
  setAccessAutoOffKeys,
  setAccessTracking,
} from "../../lib/store/object-info.ts";

const dec = new TextDecoder("latin1");
const raw = (r: InProcess, ...argv: (string | number)[]) => dec.decode(r.callRaw(...argv));
const int = (n: number) => ":" + n + "\r\n";

function fill(r: InProcess, n: number, prefix = "k"): void {
  for (let i = 0; i < n; i++) raw(r, "SET", prefix + i, "v");
}

describe("access tracking", () => {
  const saved = accessAutoOffKeys;
  beforeEach(() => setAccessAutoOffKeys(4));
  afterEach(() => setAccessAutoOffKeys(saved));

  test("a small database keeps stamps", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock });
    fill(r, 4);
    clock.advance(7000);
    raw(r, "GET", "k1");
    assert.equal(raw(r, "OBJECT", "IDLETIME", "k0"), int(7));
    assert.equal(raw(r, "OBJECT", "IDLETIME", "k1"), int(0));
    assert.equal(r.engine.dbs[0].accessMode, ACCESS_PINNED);
  });

  test("a large database drops them; the first question restarts tracking for good", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock });
    const db = r.engine.dbs[0];
    fill(r, 5);
    assert.equal(db.access, undefined);
    assert.equal(db.accessMode, ACCESS_AUTO);
    clock.advance(9000);
    // Unknown since the drop: idle at least since tracking restarted, now.
    assert.equal(raw(r, "OBJECT", "IDLETIME", "k0"), int(0));
    assert.equal(db.accessMode, ACCESS_PINNED);
    clock.advance(4000);
    raw(r, "GET", "k1");
    fill(r, 10, "more");
    assert.notEqual(db.access, undefined);
    assert.equal(raw(r, "OBJECT", "IDLETIME", "k0"), int(4));
    assert.equal(raw(r, "OBJECT", "IDLETIME", "k1"), int(0));
    // Other databases are unaffected.
    assert.equal(r.engine.dbs[1].accessMode, ACCESS_AUTO);
  });

  test("DEBUG OBJECT restarts tracking as OBJECT IDLETIME does", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock, "enable-debug-command": "yes" });
    fill(r, 5);
    clock.advance(3000);
    const line = r.call("DEBUG", "OBJECT", "k0") as string;
    assert.match(line, / lru_seconds_idle:0( |$)/);
    clock.advance(2000);
    assert.match(r.call("DEBUG", "OBJECT", "k0") as string, / lru_seconds_idle:2( |$)/);
  });

  test("FLUSHDB makes a database small again: tracking resumes", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock });
    const db = r.engine.dbs[0];
    fill(r, 5);
    assert.equal(db.access, undefined);
    raw(r, "FLUSHDB");
    raw(r, "SET", "a", "1");
    clock.advance(2000);
    assert.equal(raw(r, "OBJECT", "IDLETIME", "a"), int(2));
  });

  test("an LRU or LFU policy keeps the stamps however large the database", () => {
    for (const policy of ["allkeys-lru", "volatile-lfu"]) {
      const r = createInProcess();
      raw(r, "CONFIG", "SET", "maxmemory-policy", policy);
      fill(r, 10);
      assert.equal(r.engine.dbs[0].access?.size, 10, policy);
    }
  });

  test("LFU counters of unstamped keys start at LFU_INIT_VAL when tracking restarts", () => {
    const clock = new ManualClock(1_000_000_000);
    const r = createInProcess({ clock });
    fill(r, 5);
    raw(r, "CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    assert.equal(raw(r, "OBJECT", "FREQ", "k0"), int(5));
  });

  test("turned off for good: errors, not made-up numbers", () => {
    const r = createInProcess();
    raw(r, "SET", "a", "1");
    setAccessTracking(r.engine.dbs, false);
    assert.equal(r.engine.dbs[0].accessMode, ACCESS_OFF);
    assert.equal(raw(r, "OBJECT", "IDLETIME", "a"), "-ERR idle time is not tracked\r\n");
    raw(r, "FLUSHDB");
    assert.equal(r.engine.dbs[0].access, undefined);
    setAccessTracking(r.engine.dbs, true);
    raw(r, "SET", "a", "1");
    assert.equal(raw(r, "OBJECT", "IDLETIME", "a"), int(0));
  });
});
