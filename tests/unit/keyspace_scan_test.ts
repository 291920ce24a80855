/**
 * The cursor machinery behind SCAN/HSCAN/SSCAN/ZSCAN (lib/store/scan.ts):
 * cursor parsing, the guarantee under changes, bounded memory (capacity,
 * refresh of idle cursors, dropping dead ones) and random sampling.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseCursor, RandomWalk, ScanCursors } from "../../lib/store/scan.ts";

function table(options = {}): { cursors: ScanCursors; clock: { t: number } } {
  const clock = { t: 0 };
  return { cursors: new ScanCursors(() => clock.t, options), clock };
}

/** Runs a full iteration, calling `between` after each call. */
function iterate<K>(
  cursors: ScanCursors,
  source: Map<K, unknown> | Set<K>,
  count: number,
  between: () => void = () => {},
): K[] {
  const out: K[] = [];
  let cursor = 0;
  let calls = 0;
  do {
    cursor = cursors.scan(source, cursor, count, (k) => out.push(k));
    between();
    assert.ok(++calls < 1_000_000);
  } while (cursor !== 0);
  return out;
}

describe("parseCursor", () => {
  test("strtoul rules", () => {
    assert.equal(parseCursor("0"), 0);
    assert.equal(parseCursor(""), 0);
    assert.equal(parseCursor("-0"), 0);
    assert.equal(parseCursor("+12"), 12);
    assert.equal(parseCursor("0012"), 12);
    assert.equal(parseCursor("4294967295"), 4294967295);
    assert.equal(parseCursor("-1"), 18446744073709551615);
    assert.equal(parseCursor("18446744073709551615"), 18446744073709551615);
    assert.equal(parseCursor("0".repeat(60) + "7"), 7);
    for (const bad of ["-", "+", " 1", "1 ", "1a", "0x10", "18446744073709551616", "1e3"]) {
      assert.equal(parseCursor(bad), -1, bad);
    }
  });
});

describe("ScanCursors", () => {
  test("a collection that fits in one call keeps no state", () => {
    const { cursors } = table();
    const m = new Map([["a", 1], ["b", 2]]);
    const seen: string[] = [];
    assert.equal(cursors.scan(m, 0, 10, (k) => seen.push(k)), 0);
    assert.deepEqual(seen, ["a", "b"]);
    assert.equal(cursors.size, 0);
  });

  test("Sets work as Maps do; each call issues a new cursor", () => {
    const { cursors } = table();
    const s = new Set<number>();
    for (let i = 0; i < 95; i++) s.add(i);
    const ids = new Set<number>();
    const out: number[] = [];
    let cursor = 0;
    do {
      cursor = cursors.scan(s, cursor, 10, (k) => out.push(k));
      if (cursor !== 0) ids.add(cursor);
    } while (cursor !== 0);
    assert.deepEqual(out, [...s]);
    assert.equal(ids.size, 9);
    assert.equal(cursors.size, 0);
  });

  test("elements present throughout are returned despite heavy churn and rehashing", () => {
    const { cursors } = table();
    for (let trial = 0; trial < 5; trial++) {
      const m = new Map<string, number>();
      for (let i = 0; i < 300; i++) m.set("p" + i, i);
      let n = 0;
      for (let i = 0; i < 3000; i++) m.set("t" + n++, 0);
      const out = iterate(cursors, m, 7, () => {
        for (let j = 0; j < 60; j++) m.delete("t" + Math.floor(Math.random() * n));
        for (let j = 0; j < 3; j++) m.set("t" + n++, 0);
      });
      const seen = new Set(out);
      for (let i = 0; i < 300; i++) assert.ok(seen.has("p" + i));
    }
  });

  test("capacity: the least recently used cursor is evicted, and then restarts", () => {
    const { cursors } = table({ capacity: 2 });
    const m = new Map<number, number>();
    for (let i = 0; i < 100; i++) m.set(i, i);
    const first: number[] = [];
    const a = cursors.scan(m, 0, 10, (k) => first.push(k));
    cursors.scan(m, 0, 10, () => {});
    cursors.scan(m, 0, 10, () => {});
    assert.equal(cursors.size, 2);
    const again: number[] = [];
    cursors.scan(m, a, 10, (k) => again.push(k));
    assert.deepEqual(again, first);
  });

  test("refresh moves idle cursors into their stash, returned first and in order", () => {
    const { cursors, clock } = table({ refreshMs: 1000 });
    const m = new Map<number, number>();
    for (let i = 0; i < 50; i++) m.set(i, i);
    const out: number[] = [];
    let cursor = cursors.scan(m, 0, 10, (k) => out.push(k));
    for (let s = 1; s <= 5; s++) {
      clock.t = s * 1000;
      cursors.refresh();
    }
    m.delete(11); // taken into the stash, then deleted: not returned
    do cursor = cursors.scan(m, cursor, 3, (k) => out.push(k)); while (cursor !== 0);
    const expected = [...Array(50).keys()].filter((k) => k !== 11);
    assert.deepEqual(out, expected);
  });

  test("a cursor idle until its stash is full is dropped", () => {
    const { cursors, clock } = table({ refreshMs: 1000, maxStash: 3 });
    const m = new Map<number, number>();
    for (let i = 0; i < 50; i++) m.set(i, i);
    cursors.scan(m, 0, 10, () => {});
    for (let s = 1; s <= 3; s++) {
      clock.t = s * 1000;
      cursors.refresh();
    }
    assert.equal(cursors.size, 1);
    clock.t = 4000;
    cursors.refresh();
    assert.equal(cursors.size, 0);
  });

  test("recently used cursors are left alone; dead sources are dropped", () => {
    const { cursors, clock } = table({ refreshMs: 1000 });
    const m = new Map<number, number>();
    for (let i = 0; i < 50; i++) m.set(i, i);
    let alive = true;
    const c1 = cursors.scan(m, 0, 10, () => {}, () => alive);
    clock.t = 500;
    cursors.refresh();
    const out: number[] = [];
    cursors.scan(m, c1, 1, (k) => out.push(k));
    assert.deepEqual(out, [10]);
    alive = false;
    clock.t = 5000;
    cursors.refresh();
    assert.equal(cursors.size, 0);
  });
});

describe("RandomWalk", () => {
  test("covers a collection, handles empties and source changes", () => {
    const walk = new RandomWalk<number>();
    assert.equal(walk.sample(new Set<number>(), 0), undefined);
    const s = new Set([1, 2, 3]);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(walk.sample(s, i)!);
    assert.deepEqual([...seen].sort(), [1, 2, 3]);
    const other = new Set([9]);
    assert.equal(walk.sample(other, 0), 9);
    walk.refresh(s);
    assert.equal(walk.sample(s, 0) !== undefined, true);
  });
});
