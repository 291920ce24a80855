/**
 * Expiry: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (NX XX GT LT), TTL, PTTL,
 * EXPIRETIME, PEXPIRETIME, PERSIST; lazy and active expiry, their
 * notifications, stats and propagation, with a manual clock (no sleeping).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: (string | number)[]): string {
  return dec.decode(r.callRaw(...argv));
}

const OK = "+OK\r\n";
const NIL = "$-1\r\n";
const int = (n: number | string) => ":" + n + "\r\n";
const err = (m: string) => "-" + m + "\r\n";
const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";

const T0 = 1_700_000_000_000;

function setup(): { r: InProcess; clock: ManualClock } {
  const clock = new ManualClock(T0);
  return { r: createInProcess({ clock }), clock };
}

function events(r: InProcess): string[] {
  const seen: string[] = [];
  r.engine.hooks.publish = (channel, message) => {
    seen.push(channel + " " + message);
    return 0;
  };
  assert.equal(raw(r, "CONFIG", "SET", "notify-keyspace-events", "KEA"), OK);
  return seen;
}

function propagated(r: InProcess): string[][] {
  const out: string[][] = [];
  r.engine.hooks.propagate.push((_db, argv) => out.push([...argv]));
  return out;
}

describe("setting and reading TTLs", () => {
  test("EXPIRE, TTL rounding, PTTL, EXPIRETIME, PEXPIRETIME", () => {
    const { r, clock } = setup();
    raw(r, "SET", "x", "v");
    assert.equal(raw(r, "EXPIRE", "x", 5), int(1));
    assert.equal(raw(r, "TTL", "x"), int(5));
    clock.advance(1499);
    assert.equal(raw(r, "PTTL", "x"), int(3501));
    assert.equal(raw(r, "TTL", "x"), int(4)); // (3501 + 500) / 1000
    clock.advance(1);
    assert.equal(raw(r, "TTL", "x"), int(4));
    clock.advance(1);
    assert.equal(raw(r, "TTL", "x"), int(3)); // 3499 rounds down
    assert.equal(raw(r, "EXPIRETIME", "x"), int((T0 + 5000) / 1000));
    assert.equal(raw(r, "PEXPIRETIME", "x"), int(T0 + 5000));
    assert.equal(raw(r, "PEXPIRE", "x", 2500), int(1));
    assert.equal(raw(r, "PEXPIRETIME", "x"), int(clock.now() + 2500));
    assert.equal(raw(r, "EXPIREAT", "x", T0 / 1000 + 100), int(1));
    assert.equal(raw(r, "PEXPIRETIME", "x"), int(T0 + 100_000));
    assert.equal(raw(r, "PEXPIREAT", "x", T0 + 123_456), int(1));
    assert.equal(raw(r, "PEXPIRETIME", "x"), int(T0 + 123_456));
    assert.equal(raw(r, "EXPIRETIME", "x"), int(Math.floor((T0 + 123_456) / 1000)));
  });

  test("-1 without TTL, -2 without key", () => {
    const { r } = setup();
    raw(r, "SET", "x", "v");
    for (const cmd of ["TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"]) {
      assert.equal(raw(r, cmd, "x"), int(-1), cmd);
      assert.equal(raw(r, cmd, "nokey"), int(-2), cmd);
    }
    assert.equal(raw(r, "EXPIRE", "nokey", 100), int(0));
    for (const f of ["NX", "XX", "GT", "LT"]) {
      assert.equal(raw(r, "EXPIRE", "nokey", 100, f), int(0));
    }
  });

  test("a key lives through its expiry millisecond, as Redis's now > when", () => {
    const { r, clock } = setup();
    raw(r, "SET", "x", "v");
    raw(r, "PEXPIRE", "x", 100);
    clock.advance(100);
    assert.equal(raw(r, "PTTL", "x"), int(0));
    assert.equal(raw(r, "GET", "x"), bulk("v"));
    clock.advance(1);
    assert.equal(raw(r, "GET", "x"), NIL);
    assert.equal(raw(r, "TTL", "x"), int(-2));
  });

  test("PERSIST", () => {
    const { r } = setup();
    raw(r, "SET", "x", "v");
    assert.equal(raw(r, "PERSIST", "x"), int(0));
    assert.equal(raw(r, "PERSIST", "nokey"), int(0));
    raw(r, "EXPIRE", "x", 100);
    const seen = events(r);
    const dirty = r.engine.dirty;
    assert.equal(raw(r, "PERSIST", "x"), int(1));
    assert.deepEqual(seen, ["__keyspace@0__:x persist", "__keyevent@0__:persist x"]);
    assert.equal(r.engine.dirty, dirty + 1);
    assert.equal(raw(r, "TTL", "x"), int(-1));
  });

  test("SET drops the TTL, KEEPTTL keeps it", () => {
    const { r } = setup();
    raw(r, "SET", "x", "v");
    raw(r, "EXPIRE", "x", 100);
    raw(r, "SET", "x", "w");
    assert.equal(raw(r, "TTL", "x"), int(-1));
    raw(r, "EXPIRE", "x", 100);
    raw(r, "SET", "x", "w", "KEEPTTL");
    assert.equal(raw(r, "TTL", "x"), int(100));
  });
});

describe("EXPIRE options", () => {
  test("NX XX GT LT", () => {
    const { r } = setup();
    raw(r, "SET", "foo", "bar");
    raw(r, "SET", "bare", "bar");
    raw(r, "EXPIRE", "foo", 100);
    assert.equal(raw(r, "EXPIRE", "foo", 200, "NX"), int(0));
    assert.equal(raw(r, "TTL", "foo"), int(100));
    assert.equal(raw(r, "EXPIRE", "bare", 200, "nx"), int(1));
    raw(r, "PERSIST", "bare");
    assert.equal(raw(r, "EXPIRE", "foo", 200, "XX"), int(1));
    assert.equal(raw(r, "TTL", "foo"), int(200));
    assert.equal(raw(r, "EXPIRE", "bare", 200, "XX"), int(0));
    assert.equal(raw(r, "EXPIRE", "foo", 100, "GT"), int(0));
    assert.equal(raw(r, "EXPIRE", "foo", 200, "GT"), int(0));
    assert.equal(raw(r, "EXPIRE", "foo", 300, "gt"), int(1));
    assert.equal(raw(r, "EXPIRE", "bare", 300, "GT"), int(0)); // no TTL counts as infinite
    assert.equal(raw(r, "EXPIRE", "foo", 400, "LT"), int(0));
    assert.equal(raw(r, "EXPIRE", "foo", 50, "LT"), int(1));
    assert.equal(raw(r, "TTL", "foo"), int(50));
    assert.equal(raw(r, "EXPIRE", "bare", 50, "LT"), int(1));
    raw(r, "PERSIST", "bare");
    assert.equal(raw(r, "EXPIRE", "bare", 50, "LT", "XX"), int(0));
    assert.equal(raw(r, "EXPIRE", "foo", 40, "LT", "XX"), int(1));
    assert.equal(raw(r, "TTL", "foo"), int(40));
  });

  test("errors, in Redis's order and words", () => {
    const { r } = setup();
    raw(r, "SET", "foo", "bar");
    const nxMix = err("ERR NX and XX, GT or LT options at the same time are not compatible");
    assert.equal(raw(r, "EXPIRE", "foo", 10, "NX", "XX"), nxMix);
    assert.equal(raw(r, "EXPIRE", "foo", 10, "NX", "GT"), nxMix);
    assert.equal(raw(r, "EXPIRE", "foo", 10, "LT", "NX"), nxMix);
    assert.equal(
      raw(r, "EXPIRE", "foo", 10, "GT", "LT"),
      err("ERR GT and LT options at the same time are not compatible"),
    );
    assert.equal(raw(r, "EXPIRE", "foo", 10, "NX", "NX"), int(1));
    assert.equal(raw(r, "EXPIRE", "foo", 10, "AB"), err("ERR Unsupported option AB"));
    assert.equal(raw(r, "EXPIRE", "foo", 10, "NX", "FOO"), err("ERR Unsupported option FOO"));
    // Options are checked before the time.
    assert.equal(raw(r, "EXPIRE", "foo", "abc", "NX", "XX"), nxMix);
    assert.equal(raw(r, "EXPIRE", "foo", ""), err("ERR value is not an integer or out of range"));
    assert.equal(
      raw(r, "EXPIRE", "foo", "1.5"),
      err("ERR value is not an integer or out of range"),
    );
    assert.equal(
      raw(r, "EXPIRE", "foo"),
      err("ERR wrong number of arguments for 'expire' command"),
    );
  });

  test("overflow of the unit conversion or of adding the clock", () => {
    const { r } = setup();
    raw(r, "SET", "foo", "bar");
    const inv = (cmd: string) => err("ERR invalid expire time in '" + cmd + "' command");
    assert.equal(raw(r, "EXPIRE", "foo", "9223370399119966"), inv("expire"));
    assert.equal(raw(r, "EXPIRE", "foo", "9223372036854776"), inv("expire"));
    assert.equal(raw(r, "EXPIRE", "foo", "10000000000000000"), inv("expire"));
    assert.equal(raw(r, "EXPIRE", "foo", "18446744073709561"), inv("expire"));
    assert.equal(raw(r, "EXPIRE", "foo", "-9223372036854776"), inv("expire"));
    assert.equal(raw(r, "EXPIRE", "foo", "-9999999999999999"), inv("expire"));
    assert.equal(raw(r, "PEXPIRE", "foo", "9223372036854770000"), inv("pexpire"));
    assert.equal(raw(r, "EXPIREAT", "foo", "9223372036854776"), inv("expireat"));
    assert.equal(raw(r, "TTL", "foo"), int(-1));
    assert.equal(raw(r, "PEXPIREAT", "foo", "9223372036854770000"), int(1));
    assert.equal(raw(r, "PEXPIREAT", "foo", "-9223372036854770000"), int(1));
    assert.equal(raw(r, "TTL", "foo"), int(-2));
  });
});

describe("times in the past delete the key", () => {
  test("EXPIRE 0, negative, EXPIREAT in the past: del event, DEL propagated", () => {
    const { r } = setup();
    const seen = events(r);
    const prop = propagated(r);
    for (const args of [["EXPIRE", 0], ["PEXPIRE", -1], ["EXPIREAT", 100], ["PEXPIREAT", T0]]) {
      raw(r, "SET", "k", "v");
      seen.length = 0;
      prop.length = 0;
      const dirty = r.engine.dirty;
      assert.equal(raw(r, args[0] as string, "k", args[1]), int(1));
      assert.equal(raw(r, "EXISTS", "k"), int(0));
      assert.deepEqual(seen, ["__keyspace@0__:k del", "__keyevent@0__:del k"]);
      assert.deepEqual(prop, [["DEL", "k"]]);
      assert.equal(r.engine.dirty, dirty + 1);
    }
    assert.equal(r.engine.stats.expiredKeys, 0);
  });

  test("a replica keeps the key with its past TTL", () => {
    const { r } = setup();
    raw(r, "SET", "k", "v");
    r.engine.expiryFrozen = true;
    assert.equal(raw(r, "EXPIRE", "k", -10), int(1));
    assert.equal(r.engine.dbs[0].dict.has("k"), true);
    assert.equal(raw(r, "PEXPIRETIME", "k"), int(-2));
    r.engine.expiryFrozen = false;
  });
});

describe("propagation", () => {
  test("relative and second-based forms go out as PEXPIREAT with the absolute time", () => {
    const { r } = setup();
    const prop = propagated(r);
    raw(r, "SET", "k", "v");
    prop.length = 0;
    raw(r, "EXPIRE", "k", 100);
    raw(r, "PEXPIRE", "k", 200, "XX");
    raw(r, "EXPIREAT", "k", T0 / 1000 + 300);
    raw(r, "PEXPIREAT", "k", T0 + 400_000, "GT");
    raw(r, "EXPIRE", "k", 1, "GT"); // not applied: nothing to propagate
    assert.deepEqual(prop, [
      ["PEXPIREAT", "k", String(T0 + 100_000)],
      ["PEXPIREAT", "k", String(T0 + 200), "XX"],
      ["PEXPIREAT", "k", String(T0 + 300_000)],
      ["PEXPIREAT", "k", String(T0 + 400_000), "GT"],
    ]);
  });
});

describe("lazy expiry", () => {
  test("access removes the key: expired event, stats, DEL propagated", () => {
    const { r, clock } = setup();
    raw(r, "SET", "k", "v");
    raw(r, "PEXPIRE", "k", 10);
    const seen = events(r);
    const prop = propagated(r);
    clock.advance(11);
    assert.equal(raw(r, "GET", "k"), NIL);
    assert.deepEqual(seen, ["__keyspace@0__:k expired", "__keyevent@0__:expired k"]);
    assert.deepEqual(prop, [["DEL", "k"]]);
    assert.equal(r.engine.stats.expiredKeys, 1);
    assert.equal(r.engine.dbs[0].size, 0);
  });

  test("with lazyfree-lazy-expire, deletions by expiry propagate as UNLINK", () => {
    const { r, clock } = setup();
    assert.equal(raw(r, "CONFIG", "SET", "lazyfree-lazy-expire", "yes"), OK);
    const prop = propagated(r);
    raw(r, "SET", "a", "v", "PX", 5);
    raw(r, "SET", "b", "v");
    prop.length = 0;
    clock.advance(6);
    raw(r, "GET", "a");
    raw(r, "EXPIRE", "b", -1);
    assert.deepEqual(prop, [["UNLINK", "a"], ["UNLINK", "b"]]);
  });

  test("EXPIRE does not resurrect an expired key (issue #1026)", () => {
    const { r, clock } = setup();
    raw(r, "SET", "foo", "bar");
    raw(r, "PEXPIRE", "foo", 100);
    clock.advance(101);
    assert.equal(raw(r, "EXPIRE", "foo", 100), int(0));
    assert.equal(raw(r, "EXISTS", "foo"), int(0));
  });

  test("DEL of an expired key answers 0 and emits expired, not del", () => {
    const { r, clock } = setup();
    raw(r, "SET", "k", "v", "PX", 5);
    const seen = events(r);
    clock.advance(6);
    assert.equal(raw(r, "DEL", "k"), int(0));
    assert.deepEqual(seen, ["__keyspace@0__:k expired", "__keyevent@0__:expired k"]);
  });
});

describe("active expiry", () => {
  test("keys never touched are removed by the cron, counted in expired_keys", () => {
    const { r, clock } = setup();
    for (let i = 0; i < 1000; i++) raw(r, "SET", "k" + i, "v", "PX", 100);
    for (let i = 0; i < 100; i++) raw(r, "SET", "keep" + i, "v", "EX", 1000);
    for (let i = 0; i < 100; i++) raw(r, "SET", "plain" + i, "v");
    clock.advance(101);
    const db = r.engine.dbs[0];
    // A few seconds of cron at hz 10 are plenty.
    for (let tick = 0; tick < 30 && db.size > 200; tick++) r.engine.cron();
    assert.equal(db.size, 200);
    assert.equal(r.engine.stats.expiredKeys, 1000);
    assert.equal(db.expires.size, 100);
    assert.ok(db.avgTtl > 900_000 && db.avgTtl <= 1_000_000, String(db.avgTtl));
  });

  test("every database is visited", () => {
    const { r, clock } = setup();
    for (const dbi of [0, 5, 15]) {
      raw(r, "SELECT", dbi);
      for (let i = 0; i < 50; i++) raw(r, "SET", "k" + i, "v", "PX", 10);
    }
    clock.advance(11);
    for (let tick = 0; tick < 10; tick++) r.engine.cron();
    for (const dbi of [0, 5, 15]) assert.equal(r.engine.dbs[dbi].size, 0, "db " + dbi);
  });

  test("DEBUG SET-ACTIVE-EXPIRE 0 (engine.activeExpire) stops it; keys stay logically expired", () => {
    const { r, clock } = setup();
    for (let i = 0; i < 100; i++) raw(r, "SET", "k" + i, "v", "PX", 10);
    r.engine.activeExpire = false;
    clock.advance(11);
    for (let tick = 0; tick < 10; tick++) r.engine.cron();
    assert.equal(r.engine.dbs[0].size, 100);
    assert.equal(raw(r, "EXISTS", "k1"), int(0));
    r.engine.activeExpire = true;
    for (let tick = 0; tick < 10; tick++) r.engine.cron();
    assert.equal(r.engine.dbs[0].size, 0);
  });

  test("replicas do not expire actively", () => {
    const { r, clock } = setup();
    raw(r, "SET", "k", "v", "PX", 10);
    r.engine.expiryFrozen = true;
    clock.advance(11);
    r.engine.cron();
    assert.equal(r.engine.dbs[0].size, 1);
    r.engine.expiryFrozen = false;
  });

  test("a flushed expires table is not swept by a stale position", () => {
    const { r, clock } = setup();
    const db = r.engine.dbs[0];
    for (let i = 0; i < 100; i++) raw(r, "SET", "k" + i, "v", "EX", 1000);
    raw(r, "SET", "old", "v", "PX", 10);
    r.engine.cron(); // leaves the cycle's position inside the old table
    db.flush();
    raw(r, "SET", "old", "v"); // same name, no TTL now
    clock.advance(2000_000);
    for (let tick = 0; tick < 5; tick++) r.engine.cron();
    assert.equal(raw(r, "GET", "old"), bulk("v"));
  });
});
