/**
 * Blocking commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN,
 * BZPOPMAX, BZMPOP) and the blocking framework: FIFO service, timeouts,
 * MULTI, disconnects, CLIENT UNBLOCK, propagation, exact replies.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { peer, raw } from "../helpers/peers.ts";

function setup(): InProcess {
  return createInProcess();
}

/** Records what is propagated (replication/AOF feed). */
function feed(r: InProcess): string[][] {
  const out: string[][] = [];
  r.engine.hooks.propagate.push((_db, argv) => out.push([...argv]));
  return out;
}

const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("BLPOP / BRPOP", () => {
  test("with data: pops at once and replicates as LPOP/RPOP", () => {
    const r = setup();
    const log = feed(r);
    raw(r, "RPUSH", "l", "a", "b", "c");
    assert.equal(raw(r, "BLPOP", "missing", "l", "0"), "*2\r\n" + bulk("l") + bulk("a"));
    assert.equal(raw(r, "BRPOP", "l", "0"), "*2\r\n" + bulk("l") + bulk("c"));
    assert.deepEqual(log.slice(1), [["LPOP", "l"], ["RPOP", "l"]]);
  });

  test("blocks, then a push serves the waiting clients first come first served", () => {
    const r = setup();
    const a = peer(r);
    const b = peer(r);
    const c = peer(r);
    assert.equal(a.call("BLPOP", "q", "0"), "");
    assert.equal(b.call("BRPOP", "q", "0"), "");
    assert.equal(c.call("BLPOP", "q", "0"), "");
    assert.equal(r.engine.stats.blockedClients, 3);
    assert.equal(raw(r, "RPUSH", "q", "1", "2"), ":2\r\n");
    assert.equal(a.take(), "*2\r\n" + bulk("q") + bulk("1"));
    assert.equal(b.take(), "*2\r\n" + bulk("q") + bulk("2"));
    assert.equal(c.take(), "");
    assert.equal(c.blocked(), true);
    assert.equal(raw(r, "EXISTS", "q"), ":0\r\n");
    raw(r, "LPUSH", "q", "3");
    assert.equal(c.take(), "*2\r\n" + bulk("q") + bulk("3"));
    assert.equal(r.engine.stats.blockedClients, 0);
  });

  test("the served pop is replicated after the push", () => {
    const r = setup();
    const log = feed(r);
    const a = peer(r);
    a.call("BLPOP", "q", "0");
    raw(r, "RPUSH", "q", "x");
    assert.deepEqual(log, [["RPUSH", "q", "x"], ["LPOP", "q"]]);
  });

  test("several keys: served from the first that gets data", () => {
    const r = setup();
    const a = peer(r);
    a.call("BLPOP", "k1", "k2", "k2", "0");
    raw(r, "LPUSH", "k2", "v");
    assert.equal(a.take(), "*2\r\n" + bulk("k2") + bulk("v"));
    raw(r, "LPUSH", "k1", "w");
    assert.equal(raw(r, "LLEN", "k1"), ":1\r\n");
  });

  test("a key of another type does not serve; WRONGTYPE when it is there first", () => {
    const r = setup();
    const a = peer(r);
    raw(r, "SET", "s", "str");
    assert.equal(
      a.call("BLPOP", "s", "0"),
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    );
    a.call("BLPOP", "k", "0");
    raw(r, "ZADD", "k", "1", "m");
    assert.equal(a.blocked(), true);
    raw(r, "DEL", "k");
    raw(r, "RPUSH", "k", "v");
    assert.equal(a.take(), "*2\r\n" + bulk("k") + bulk("v"));
  });

  test("times out with a null array (RESP2 *-1, RESP3 _)", async () => {
    const r = setup();
    const a = peer(r);
    const b = peer(r);
    b.call("HELLO", "3");
    a.call("BLPOP", "q", "0.02");
    b.call("BRPOP", "q", "0.02");
    assert.equal(r.engine.stats.clientsInTimeoutTable, 2);
    await sleep(80);
    assert.equal(a.take(), "*-1\r\n");
    assert.equal(b.take(), "_\r\n");
    assert.equal(r.engine.stats.blockedClients, 0);
    assert.equal(r.engine.stats.clientsInTimeoutTable, 0);
  });

  test("timeout argument errors", () => {
    const r = setup();
    assert.equal(raw(r, "BLPOP", "q", "-1"), "-ERR timeout is negative\r\n");
    assert.equal(raw(r, "BLPOP", "q", "abc"), "-ERR timeout is not a float or out of range\r\n");
    assert.equal(raw(r, "BLPOP", "q", " 1"), "-ERR timeout is not a float or out of range\r\n");
    assert.equal(raw(r, "BLPOP", "q", "nan"), "-ERR timeout is not a float or out of range\r\n");
    assert.equal(raw(r, "BLPOP", "q", "inf"), "-ERR timeout is negative\r\n");
    assert.equal(raw(r, "BLPOP", "q", "0x7FFFFFFFFFFFFF"), "-ERR timeout is negative\r\n");
    assert.equal(raw(r, "BLPOP", "q"), "-ERR wrong number of arguments for 'blpop' command\r\n");
  });

  test("inside MULTI they act as the non-blocking forms", () => {
    const r = setup();
    raw(r, "MULTI");
    raw(r, "BLPOP", "e", "0");
    raw(r, "BRPOP", "e", "0");
    raw(r, "BRPOPLPUSH", "e1", "e2", "0");
    raw(r, "BLMOVE", "e1", "e2", "LEFT", "LEFT", "0");
    raw(r, "BZPOPMIN", "z", "0");
    raw(r, "BZPOPMAX", "z", "0");
    raw(r, "BLMPOP", "0", "1", "e", "LEFT");
    raw(r, "BZMPOP", "0", "1", "z", "MIN");
    assert.equal(raw(r, "EXEC"), "*8\r\n*-1\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n*-1\r\n*-1\r\n*-1\r\n");
  });

  test("a push inside EXEC serves blocked clients after the transaction", () => {
    const r = setup();
    const a = peer(r);
    a.call("BLPOP", "q", "0");
    raw(r, "MULTI");
    raw(r, "RPUSH", "q", "1");
    raw(r, "RPUSH", "q", "2");
    raw(r, "LLEN", "q");
    assert.equal(raw(r, "EXEC"), "*3\r\n:1\r\n:2\r\n:2\r\n");
    assert.equal(a.take(), "*2\r\n" + bulk("q") + bulk("1"));
    assert.equal(raw(r, "LRANGE", "q", "0", "-1"), "*1\r\n" + bulk("2"));
  });

  test("a disconnected blocked client is forgotten", () => {
    const r = setup();
    const a = peer(r);
    const b = peer(r);
    a.call("BLPOP", "q", "0");
    b.call("BLPOP", "q", "0");
    r.engine.removeClient(a.client);
    assert.equal(r.engine.stats.blockedClients, 1);
    raw(r, "RPUSH", "q", "v");
    assert.equal(b.take(), "*2\r\n" + bulk("q") + bulk("v"));
  });

  test("keyspace events of a served pop", () => {
    const r = setup();
    r.engine.config.set("notify-keyspace-events", "KEgl");
    const s = peer(r);
    s.call("PSUBSCRIBE", "__keyevent@0__:*");
    const a = peer(r);
    a.call("BLPOP", "q", "0");
    raw(r, "RPUSH", "q", "v");
    const events = s.take().match(/__keyevent@0__:[a-z]+/g);
    assert.deepEqual(events, ["__keyevent@0__:rpush", "__keyevent@0__:lpop", "__keyevent@0__:del"]);
  });
});

describe("BLMOVE / BRPOPLPUSH / BLMPOP", () => {
  test("BLMOVE with data moves at once and replicates as LMOVE", () => {
    const r = setup();
    const log = feed(r);
    raw(r, "RPUSH", "src", "a", "b");
    assert.equal(raw(r, "BLMOVE", "src", "dst", "RIGHT", "LEFT", "0"), bulk("b"));
    assert.deepEqual(log[1], ["LMOVE", "src", "dst", "RIGHT", "LEFT"]);
    assert.equal(raw(r, "BRPOPLPUSH", "src", "dst", "0"), bulk("a"));
    assert.deepEqual(log[2], ["RPOPLPUSH", "src", "dst"]);
    assert.equal(raw(r, "LRANGE", "dst", "0", "-1"), "*2\r\n" + bulk("a") + bulk("b"));
  });

  test("served BLMOVE replies the element and chains to clients waiting on the destination", () => {
    const r = setup();
    const log = feed(r);
    const a = peer(r);
    const b = peer(r);
    a.call("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
    b.call("BLPOP", "dst", "0");
    raw(r, "RPUSH", "src", "v");
    assert.equal(a.take(), bulk("v"));
    assert.equal(b.take(), "*2\r\n" + bulk("dst") + bulk("v"));
    assert.deepEqual(log, [["RPUSH", "src", "v"], ["LMOVE", "src", "dst", "left", "right"], [
      "LPOP",
      "dst",
    ]]);
    assert.equal(raw(r, "EXISTS", "src", "dst"), ":0\r\n");
  });

  test("BRPOPLPUSH onto a destination of another type answers WRONGTYPE when served", () => {
    const r = setup();
    const a = peer(r);
    raw(r, "SET", "target", "nolist");
    a.call("BRPOPLPUSH", "blist", "target", "0");
    raw(r, "RPUSH", "blist", "foo");
    assert.equal(
      a.take(),
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    );
    assert.equal(raw(r, "LRANGE", "blist", "0", "-1"), "*1\r\n" + bulk("foo"));
  });

  test("BLMOVE times out with a null array", async () => {
    const r = setup();
    const a = peer(r);
    a.call("BLMOVE", "src", "dst", "LEFT", "LEFT", "0.01");
    await sleep(60);
    assert.equal(a.take(), "*-1\r\n");
  });

  test("BLMPOP pops up to COUNT and replicates as a pop with a count", () => {
    const r = setup();
    const log = feed(r);
    const a = peer(r);
    raw(r, "RPUSH", "l", "1", "2", "3");
    assert.equal(
      raw(r, "BLMPOP", "0", "2", "none", "l", "RIGHT", "COUNT", "2"),
      "*2\r\n" + bulk("l") + "*2\r\n" + bulk("3") + bulk("2"),
    );
    assert.deepEqual(log[1], ["RPOP", "l", "2"]);
    a.call("BLMPOP", "0", "1", "m", "LEFT", "COUNT", "10");
    raw(r, "RPUSH", "m", "x", "y");
    assert.equal(a.take(), "*2\r\n" + bulk("m") + "*2\r\n" + bulk("x") + bulk("y"));
    assert.deepEqual(log[3], ["LPOP", "m", "2"]);
  });

  test("BLMPOP argument errors", () => {
    const r = setup();
    assert.equal(
      raw(r, "BLMPOP", "0", "0", "l", "LEFT"),
      "-ERR numkeys should be greater than 0\r\n",
    );
    assert.equal(raw(r, "BLMPOP", "0", "2", "l", "LEFT"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "BLMPOP", "0", "1", "l", "UP"), "-ERR syntax error\r\n");
    assert.equal(
      raw(r, "BLMPOP", "0", "1", "l", "LEFT", "COUNT", "0"),
      "-ERR count should be greater than 0\r\n",
    );
    assert.equal(raw(r, "BLMPOP", "-1", "1", "l", "LEFT"), "-ERR timeout is negative\r\n");
  });
});

describe("BZPOPMIN / BZPOPMAX / BZMPOP", () => {
  test("with data and when served", () => {
    const r = setup();
    const log = feed(r);
    raw(r, "ZADD", "z", "1", "a", "2", "b", "3", "c");
    assert.equal(raw(r, "BZPOPMIN", "z", "0"), "*3\r\n" + bulk("z") + bulk("a") + bulk("1"));
    assert.equal(raw(r, "BZPOPMAX", "z", "0"), "*3\r\n" + bulk("z") + bulk("c") + bulk("3"));
    assert.deepEqual(log.slice(1), [["ZPOPMIN", "z"], ["ZPOPMAX", "z"]]);
    const a = peer(r);
    a.call("BZPOPMAX", "y", "0");
    raw(r, "ZADD", "y", "5", "m", "6", "n");
    assert.equal(a.take(), "*3\r\n" + bulk("y") + bulk("n") + bulk("6"));
    assert.deepEqual(log[log.length - 1], ["ZPOPMAX", "y"]);
  });

  test("RESP3 scores are doubles", () => {
    const r = setup();
    const a = peer(r);
    a.call("HELLO", "3");
    a.call("BZPOPMIN", "z", "0");
    raw(r, "ZADD", "z", "1.5", "a");
    assert.equal(a.take(), "*3\r\n" + bulk("z") + bulk("a") + ",1.5\r\n");
  });

  test("BZMPOP nested reply and replication with a count", () => {
    const r = setup();
    const log = feed(r);
    const a = peer(r);
    a.call("BZMPOP", "0", "2", "z1", "z2", "MIN", "COUNT", "3");
    raw(r, "ZADD", "z2", "1", "a", "2", "b");
    assert.equal(
      a.take(),
      "*2\r\n" + bulk("z2") + "*2\r\n*2\r\n" + bulk("a") + bulk("1") + "*2\r\n" + bulk("b") +
        bulk("2"),
    );
    assert.deepEqual(log[1], ["ZPOPMIN", "z2", "2"]);
  });

  test("a list key does not serve sorted set waiters", () => {
    const r = setup();
    const a = peer(r);
    a.call("BZPOPMIN", "k", "0");
    raw(r, "RPUSH", "k", "v");
    assert.equal(a.blocked(), true);
    r.engine.removeClient(a.client);
  });
});

describe("CLIENT UNBLOCK", () => {
  test("TIMEOUT answers the timeout reply, ERROR an UNBLOCKED error", () => {
    const r = setup();
    const a = peer(r);
    a.call("BLPOP", "q", "0");
    assert.equal(raw(r, "CLIENT", "UNBLOCK", String(a.client.id)), ":1\r\n");
    assert.equal(a.take(), "*-1\r\n");
    a.call("BZPOPMIN", "q", "0");
    assert.equal(raw(r, "CLIENT", "UNBLOCK", String(a.client.id), "ERROR"), ":1\r\n");
    assert.equal(a.take(), "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
    assert.equal(raw(r, "CLIENT", "UNBLOCK", String(a.client.id)), ":0\r\n");
    assert.equal(raw(r, "CLIENT", "UNBLOCK", "99999"), ":0\r\n");
    assert.equal(
      raw(r, "CLIENT", "UNBLOCK", "1", "MAYBE"),
      "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n",
    );
    assert.equal(
      raw(r, "CLIENT", "UNBLOCK", "x"),
      "-ERR value is not an integer or out of range\r\n",
    );
  });
});

describe("tracking and blocking", () => {
  test("a served BLMOVE gets its reply before the invalidation of its tracked destination", () => {
    const r = setup();
    const a = peer(r);
    raw(r, "RPUSH", "list2", "a");
    a.call("HELLO", "3");
    a.call("CLIENT", "TRACKING", "on");
    a.call("LRANGE", "list2", "0", "-1");
    a.call("BLMOVE", "list1", "list2", "LEFT", "LEFT", "0");
    raw(r, "RPUSH", "list1", "foo");
    assert.equal(a.take(), bulk("foo") + ">2\r\n$10\r\ninvalidate\r\n*1\r\n" + bulk("list2"));
  });
});
