/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH with exact replies, several in-process
 * clients, and a manual clock for expiry, compared with Redis 7.0.15.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, ManualClock } from "../../mod.ts";
import { peer, raw } from "../helpers/peers.ts";

describe("MULTI / EXEC", () => {
  test("queues commands and replies with every result in order", () => {
    const r = createInProcess();
    assert.equal(raw(r, "MULTI"), "+OK\r\n");
    assert.equal(raw(r, "SET", "k", "v"), "+QUEUED\r\n");
    assert.equal(raw(r, "GET", "k"), "+QUEUED\r\n");
    assert.equal(raw(r, "PING"), "+QUEUED\r\n");
    assert.equal(raw(r, "EXEC"), "*3\r\n+OK\r\n$1\r\nv\r\n+PONG\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\nv\r\n");
  });

  test("an empty transaction replies an empty array", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    assert.equal(raw(r, "EXEC"), "*0\r\n");
  });

  test("nested MULTI is refused without aborting the transaction", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    assert.equal(raw(r, "MULTI"), "-ERR MULTI calls can not be nested\r\n");
    raw(r, "SET", "a", "1");
    assert.equal(raw(r, "EXEC"), "*1\r\n+OK\r\n");
  });

  test("EXEC and DISCARD without MULTI", () => {
    const r = createInProcess();
    assert.equal(raw(r, "EXEC"), "-ERR EXEC without MULTI\r\n");
    assert.equal(raw(r, "DISCARD"), "-ERR DISCARD without MULTI\r\n");
  });

  test("DISCARD drops the queue", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    raw(r, "SET", "k", "v");
    assert.equal(raw(r, "DISCARD"), "+OK\r\n");
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
    assert.equal(raw(r, "EXEC"), "-ERR EXEC without MULTI\r\n");
  });

  test("an unknown command while queueing aborts EXEC with EXECABORT", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    raw(r, "SET", "a", "1");
    assert.equal(
      raw(r, "NOSUCH", "x"),
      "-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n",
    );
    raw(r, "SET", "b", "2");
    assert.equal(
      raw(r, "EXEC"),
      "-EXECABORT Transaction discarded because of previous errors.\r\n",
    );
    assert.equal(raw(r, "GET", "a"), "$-1\r\n");
    // The client left the transaction.
    assert.equal(raw(r, "PING"), "+PONG\r\n");
  });

  test("a wrong arity while queueing aborts EXEC", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    assert.equal(raw(r, "GET"), "-ERR wrong number of arguments for 'get' command\r\n");
    assert.equal(
      raw(r, "EXEC"),
      "-EXECABORT Transaction discarded because of previous errors.\r\n",
    );
  });

  test("EXEC rejected itself answers EXECABORT with the reason", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    raw(r, "SET", "a", "1");
    assert.equal(
      raw(r, "EXEC", "extra"),
      "-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
    );
    assert.equal(raw(r, "EXEC"), "-ERR EXEC without MULTI\r\n");
    assert.equal(raw(r, "GET", "a"), "$-1\r\n");
  });

  test("errors at run time are replied in place, the rest runs", () => {
    const r = createInProcess();
    raw(r, "SET", "s", "abc");
    raw(r, "MULTI");
    raw(r, "INCR", "s");
    raw(r, "SET", "x", "1");
    raw(r, "LPUSH", "s", "a");
    assert.equal(
      raw(r, "EXEC"),
      "*3\r\n-ERR value is not an integer or out of range\r\n+OK\r\n" +
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    );
    assert.equal(raw(r, "GET", "x"), "$1\r\n1\r\n");
  });

  test("commands keep the database selected inside the transaction", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    raw(r, "SELECT", "1");
    raw(r, "SET", "k", "db1");
    assert.equal(raw(r, "EXEC"), "*2\r\n+OK\r\n+OK\r\n");
    assert.equal(raw(r, "GET", "k"), "$3\r\ndb1\r\n");
    raw(r, "SELECT", "0");
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
  });

  test("RESP3 transaction replies use RESP3 types", () => {
    const r = createInProcess();
    raw(r, "HELLO", "3");
    raw(r, "MULTI");
    raw(r, "GET", "missing");
    assert.equal(raw(r, "EXEC"), "*1\r\n_\r\n");
  });

  test("engine.nested is set while EXEC runs", () => {
    const r = createInProcess();
    const seen: number[] = [];
    r.engine.hooks.afterCommand.push((_c, cmd) => {
      if (cmd.name === "ping") seen.push(r.engine.nested);
    });
    raw(r, "PING");
    raw(r, "MULTI");
    raw(r, "PING");
    raw(r, "EXEC");
    assert.deepEqual(seen, [0, 1]);
    assert.equal(r.engine.nested, 0);
  });
});

describe("WATCH", () => {
  test("a key changed by another client makes EXEC return a null array", () => {
    const r = createInProcess();
    const other = peer(r);
    raw(r, "SET", "k", "1");
    assert.equal(raw(r, "WATCH", "k"), "+OK\r\n");
    other.call("SET", "k", "2");
    raw(r, "MULTI");
    raw(r, "SET", "k", "3");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\n2\r\n");
  });

  test("the null array is _ in RESP3", () => {
    const r = createInProcess();
    const other = peer(r);
    raw(r, "HELLO", "3");
    raw(r, "WATCH", "k");
    other.call("SET", "k", "2");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "_\r\n");
  });

  test("unmodified watched keys let EXEC run", () => {
    const r = createInProcess();
    const other = peer(r);
    raw(r, "WATCH", "a", "b", "c");
    other.call("SET", "z", "1");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("one modified key among several watched is enough", () => {
    const r = createInProcess();
    raw(r, "SET", "x", "30");
    raw(r, "WATCH", "a", "b", "x", "k", "z");
    raw(r, "SET", "x", "40");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
  });

  test("modifications of other types count (list push, hash set, zadd, pop to empty)", () => {
    const r = createInProcess();
    const other = peer(r);
    for (const write of [["LPUSH", "k", "a"], ["HSET", "k", "f", "v"], ["ZADD", "k", "1", "m"]]) {
      raw(r, "WATCH", "k");
      other.call(...write);
      raw(r, "MULTI");
      raw(r, "PING");
      assert.equal(raw(r, "EXEC"), "*-1\r\n", write.join(" "));
      r.engine.dbs[0].delete("k");
    }
    other.call("RPUSH", "l", "only");
    raw(r, "WATCH", "l");
    other.call("LPOP", "l");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
  });

  test("WATCH inside MULTI is refused; the transaction still runs", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    assert.equal(raw(r, "WATCH", "x"), "-ERR WATCH inside MULTI is not allowed\r\n");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("keys are unwatched after EXEC, successful or not", () => {
    const r = createInProcess();
    raw(r, "SET", "x", "30");
    raw(r, "WATCH", "x");
    raw(r, "SET", "x", "40");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
    raw(r, "SET", "x", "50");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("UNWATCH forgets keys and the dirty state", () => {
    const r = createInProcess();
    raw(r, "WATCH", "x");
    raw(r, "SET", "x", "1");
    assert.equal(raw(r, "UNWATCH"), "+OK\r\n");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
    assert.equal(raw(r, "UNWATCH"), "+OK\r\n");
  });

  test("DISCARD clears the dirty flag and unwatches", () => {
    const r = createInProcess();
    raw(r, "WATCH", "x");
    raw(r, "SET", "x", "10");
    raw(r, "MULTI");
    raw(r, "DISCARD");
    raw(r, "SET", "x", "10");
    raw(r, "MULTI");
    raw(r, "INCR", "x");
    assert.equal(raw(r, "EXEC"), "*1\r\n:11\r\n");
  });

  test("WATCH remembers the database of the key", () => {
    const r = createInProcess();
    raw(r, "SELECT", "5");
    raw(r, "SET", "x", "30");
    raw(r, "WATCH", "x");
    raw(r, "SELECT", "1");
    raw(r, "SET", "x", "10");
    raw(r, "SELECT", "5");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("a watched key that expires before EXEC counts as modified", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "k", "v", "PX", "100");
    raw(r, "WATCH", "k");
    clock.advance(200);
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
  });

  test("a lazily expired watched key counts as modified", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    const other = peer(r);
    raw(r, "SET", "k", "v", "PX", "100");
    raw(r, "WATCH", "k");
    clock.advance(200);
    assert.equal(other.call("GET", "k"), "$-1\r\n");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
  });

  test("a key already stale when watched does not fail EXEC (7.0 behaviour)", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    raw(r, "SET", "k", "v", "PX", "1");
    clock.advance(2);
    raw(r, "WATCH", "k");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
    // Deleting the stale key (lazy expiry) is no change either.
    raw(r, "SET", "k", "v", "PX", "1");
    clock.advance(2);
    raw(r, "WATCH", "k");
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("flushing a database touches its existing watched keys only", () => {
    const r = createInProcess();
    const e = r.engine;
    raw(r, "SET", "x", "30");
    raw(r, "WATCH", "x");
    e.dbModified(e.dbs[0]);
    e.dbs[0].flush();
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
    raw(r, "WATCH", "missing");
    e.dbModified(undefined);
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("swapping databases touches keys that exist on either side", () => {
    const r = createInProcess();
    const e = r.engine;
    const swap = () => {
      e.dbModified(e.dbs[0], e.dbs[1]);
      e.dbModified(e.dbs[1], e.dbs[0]);
      e.dbs[0].swapWith(e.dbs[1]);
    };
    raw(r, "SELECT", "1");
    raw(r, "SET", "x", "30");
    raw(r, "SELECT", "0");
    raw(r, "WATCH", "x"); // missing here, created by the swap
    swap();
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*-1\r\n");
    raw(r, "WATCH", "nowhere");
    swap();
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });

  test("a disconnected watcher is forgotten", () => {
    const r = createInProcess();
    const other = peer(r);
    other.call("WATCH", "k");
    r.engine.removeClient(other.client);
    raw(r, "SET", "k", "1");
    raw(r, "WATCH", "k");
    raw(r, "MULTI");
    raw(r, "PING");
    assert.equal(raw(r, "EXEC"), "*1\r\n+PONG\r\n");
  });
});
