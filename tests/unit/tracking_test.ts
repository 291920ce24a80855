/**
 * Client-side caching: CLIENT TRACKING (default, REDIRECT, BCAST, PREFIX,
 * OPTIN/OPTOUT, NOLOOP), CLIENT CACHING / GETREDIR / TRACKINGINFO and the
 * invalidation messages, with exact bytes.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import { peer } from "../helpers/peers.ts";

function setup(options = {}): InProcess {
  return createInProcess(options);
}

const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const keys = (...ks: string[]) => "*" + ks.length + "\r\n" + ks.map(bulk).join("");
const push = (...ks: string[]) => ">2\r\n$10\r\ninvalidate\r\n" + keys(...ks);
const redirected = (payload: string) =>
  "*3\r\n" + bulk("message") + bulk("__redis__:invalidate") + payload;
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("default tracking", () => {
  test("RESP3: a fetched key changed by another client is invalidated once", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    assert.equal(t.call("CLIENT", "TRACKING", "on"), "+OK\r\n");
    w.call("SET", "key1", "1");
    t.call("GET", "key1");
    w.call("SET", "key1", "2");
    assert.equal(t.take(), push("key1"));
    w.call("SET", "key1", "3");
    assert.equal(t.take(), "");
  });

  test("keys not fetched are not invalidated; MGET tracks every key", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on");
    t.call("MGET", "a", "b");
    w.call("SET", "c", "1");
    assert.equal(t.take(), "");
    w.call("MSET", "b", "1", "a", "2");
    assert.equal(t.take(), push("b") + push("a"));
  });

  test("the client's own write is invalidated after its reply", () => {
    const r = setup();
    const t = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on");
    t.call("HSET", "h", "f", "1");
    t.call("HGET", "h", "f");
    assert.equal(t.call("HDEL", "h", "f"), ":1\r\n" + push("h"));
  });

  test("inside MULTI the invalidation follows the EXEC reply", () => {
    const r = setup();
    const t = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on");
    t.call("MSET", "a", "1", "b", "2");
    t.call("GET", "a");
    t.call("MULTI");
    t.call("INCR", "a");
    t.call("GET", "b");
    assert.equal(t.call("EXEC"), "*2\r\n:2\r\n$1\r\n2\r\n" + push("a"));
  });

  test("a lazily expired key read by MGET is invalidated after the reply", () => {
    const clock = new ManualClock(1_000_000);
    const r = setup({ clock });
    const t = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on");
    t.call("MSET", "x", "1", "y", "2");
    t.call("PEXPIRE", "y", "100");
    t.call("GET", "y");
    clock.advance(200);
    assert.equal(t.call("MGET", "x", "y"), "*2\r\n$1\r\n1\r\n_\r\n" + push("y"));
  });

  test("NOLOOP skips keys the client changed itself", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "NOLOOP");
    t.call("MGET", "mine", "theirs");
    assert.equal(t.call("SET", "mine", "1"), "+OK\r\n");
    w.call("SET", "theirs", "1");
    assert.equal(t.take(), push("theirs"));
  });

  test("RESP2 without redirection gets nothing", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("CLIENT", "TRACKING", "on");
    t.call("GET", "k");
    w.call("SET", "k", "1");
    assert.equal(t.take(), "");
  });

  test("REDIRECT to a RESP2 subscriber of __redis__:invalidate", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    const sink = peer(r);
    sink.call("SUBSCRIBE", "__redis__:invalidate");
    assert.equal(t.call("CLIENT", "TRACKING", "on", "REDIRECT", String(sink.client.id)), "+OK\r\n");
    w.call("SET", "a", "1");
    w.call("SET", "b", "1");
    t.call("GET", "a");
    w.call("INCR", "b");
    w.call("INCR", "a");
    assert.equal(sink.take(), redirected(keys("a")));
    assert.equal(t.take(), "");
  });

  test("REDIRECT to a RESP3 client sends pushes there", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    const sink = peer(r);
    sink.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "REDIRECT", String(sink.client.id));
    t.call("GET", "k");
    w.call("SET", "k", "v");
    assert.equal(sink.take(), push("k"));
  });

  test("a vanished redirection target is reported to RESP3 clients", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    const sink = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "REDIRECT", String(sink.client.id));
    t.call("GET", "k");
    r.engine.removeClient(sink.client);
    w.call("SET", "k", "v");
    assert.equal(
      t.take(),
      ">2\r\n$21\r\ntracking-redir-broken\r\n:" + sink.client.id + "\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKINGINFO"),
      "%3\r\n" + bulk("flags") + "~2\r\n" + bulk("on") + bulk("broken_redirect") +
        bulk("redirect") + ":" + sink.client.id + "\r\n" + bulk("prefixes") + "*0\r\n",
    );
  });

  test("flushes invalidate everything with a null", () => {
    const r = setup();
    const t = peer(r);
    const sink = peer(r);
    const t3 = peer(r);
    sink.call("SUBSCRIBE", "__redis__:invalidate");
    t.call("CLIENT", "TRACKING", "on", "REDIRECT", String(sink.client.id));
    t3.call("HELLO", "3");
    t3.call("CLIENT", "TRACKING", "on");
    t.call("GET", "k");
    r.engine.dbModified(undefined);
    assert.equal(sink.take(), redirected("$-1\r\n"));
    assert.equal(t3.take(), ">2\r\n$10\r\ninvalidate\r\n_\r\n");
    assert.equal(r.engine.stats.trackingTotalKeys, 0);
  });

  test("OPTIN tracks only after CLIENT CACHING yes, for one command", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "OPTIN");
    t.call("GET", "k1");
    w.call("SET", "k1", "1");
    assert.equal(t.take(), "");
    assert.equal(t.call("CLIENT", "CACHING", "yes"), "+OK\r\n");
    t.call("GET", "k2");
    t.call("GET", "k3");
    w.call("SET", "k2", "1");
    w.call("SET", "k3", "1");
    assert.equal(t.take(), push("k2"));
  });

  test("OPTOUT tracks unless CLIENT CACHING no", () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "OPTOUT");
    t.call("CLIENT", "CACHING", "no");
    t.call("GET", "k1");
    t.call("GET", "k2");
    w.call("MSET", "k1", "1", "k2", "1");
    assert.equal(t.take(), push("k2"));
  });

  test("after switching to BCAST, keys tracked before are not invalidated", async () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on");
    t.call("GET", "key1");
    t.call("CLIENT", "TRACKING", "off");
    t.call("CLIENT", "TRACKING", "on", "BCAST");
    w.call("INCR", "key1");
    await tick();
    assert.equal(t.take(), push("key1"));
  });

  test("tracking-table-max-keys evicts keys with an invalidation", () => {
    const r = setup();
    const t = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on");
    t.call("MGET", "k1", "k2", "k3");
    assert.equal(r.engine.stats.trackingTotalKeys, 3);
    r.engine.config.set("tracking-table-max-keys", "1");
    // Enforced before the next command runs: the pushes precede its reply.
    assert.equal(t.call("PING"), push("k1") + push("k2") + "+PONG\r\n");
    assert.equal(r.engine.stats.trackingTotalKeys, 1);
  });
});

describe("BCAST", () => {
  test("one message per prefix with the changed keys, after the command", async () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    const sink = peer(r);
    sink.call("SUBSCRIBE", "__redis__:invalidate");
    t.call("CLIENT", "TRACKING", "on", "BCAST", "REDIRECT", String(sink.client.id));
    w.call("MSET", "c", "3", "a", "1", "b", "2");
    assert.equal(sink.take(), "");
    await tick();
    assert.equal(sink.take(), redirected(keys("a", "b", "c")));
  });

  test("prefixes filter keys; a transaction's keys come together", async () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "b:", "PREFIX", "a:");
    w.call("MULTI");
    w.call("INCR", "a:1");
    w.call("INCR", "b:1");
    w.call("INCR", "a:2");
    w.call("INCR", "c:1");
    w.call("EXEC");
    await tick();
    assert.equal(t.take(), push("a:1", "a:2") + push("b:1"));
    assert.equal(t.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "c:"), "+OK\r\n");
    w.call("SET", "c:x", "1");
    await tick();
    assert.equal(t.take(), push("c:x"));
  });

  test("NOLOOP leaves out keys the client changed last", async () => {
    const r = setup();
    const t = peer(r);
    const w = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "BCAST", "NOLOOP");
    w.call("SET", "other1", "1");
    t.call("SET", "loop", "1");
    await tick();
    assert.equal(t.take(), push("other1"));
    t.call("SET", "loop", "2");
    await tick();
    assert.equal(t.take(), "");
  });

  test("expired keys are broadcast even to NOLOOP clients", async () => {
    const clock = new ManualClock(1_000_000);
    const r = setup({ clock });
    const t = peer(r);
    t.call("HELLO", "3");
    t.call("CLIENT", "TRACKING", "on", "BCAST", "NOLOOP");
    t.call("SET", "mykey", "v", "PX", "1");
    t.call("SET", "other", "v");
    clock.advance(5);
    t.call("GET", "mykey");
    await tick();
    assert.equal(t.take(), push("mykey"));
  });

  test("prefix collisions and option conflicts", () => {
    const r = setup();
    const t = peer(r);
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "FOOBAR", "PREFIX", "FOO"),
      "-ERR Prefix 'FOOBAR' overlaps with another provided prefix 'FOO'. Prefixes for a single client must not overlap.\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "FOO", "PREFIX", "BAR"),
      "+OK\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "FO"),
      "-ERR Prefix 'FO' overlaps with an existing prefix 'FOO'. Prefixes for a single client must not overlap.\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKING", "on"),
      "-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.\r\n",
    );
    assert.equal(t.call("CLIENT", "TRACKING", "off"), "+OK\r\n");
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "PREFIX", "x"),
      "-ERR PREFIX option requires BCAST mode to be enabled\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "OPTIN", "BCAST"),
      "-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "OPTIN", "OPTOUT"),
      "-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n",
    );
    t.call("CLIENT", "TRACKING", "on", "OPTIN");
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "OPTOUT"),
      "-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.\r\n",
    );
    assert.equal(
      t.call("CLIENT", "TRACKING", "on", "REDIRECT", "9999"),
      "-ERR The client ID you want redirect to does not exist\r\n",
    );
    assert.equal(t.call("CLIENT", "TRACKING", "maybe"), "-ERR syntax error\r\n");
    assert.equal(t.call("CLIENT", "TRACKING", "on", "foo"), "-ERR syntax error\r\n");
  });
});

describe("CLIENT CACHING / GETREDIR / TRACKINGINFO", () => {
  test("CACHING errors", () => {
    const r = setup();
    const t = peer(r);
    assert.equal(
      t.call("CLIENT", "CACHING", "yes"),
      "-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled\r\n",
    );
    t.call("CLIENT", "TRACKING", "on");
    assert.equal(
      t.call("CLIENT", "CACHING", "yes"),
      "-ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.\r\n",
    );
    assert.equal(
      t.call("CLIENT", "CACHING", "no"),
      "-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n",
    );
    assert.equal(t.call("CLIENT", "CACHING", "maybe"), "-ERR syntax error\r\n");
  });

  test("GETREDIR", () => {
    const r = setup();
    const t = peer(r);
    const sink = peer(r);
    assert.equal(t.call("CLIENT", "GETREDIR"), ":-1\r\n");
    t.call("CLIENT", "TRACKING", "on");
    assert.equal(t.call("CLIENT", "GETREDIR"), ":0\r\n");
    t.call("CLIENT", "TRACKING", "on", "REDIRECT", String(sink.client.id));
    assert.equal(t.call("CLIENT", "GETREDIR"), ":" + sink.client.id + "\r\n");
  });

  test("TRACKINGINFO in RESP2 and RESP3", () => {
    const r = setup();
    const t = peer(r);
    assert.equal(
      t.call("CLIENT", "TRACKINGINFO"),
      "*6\r\n" + bulk("flags") + "*1\r\n" + bulk("off") + bulk("redirect") + ":-1\r\n" +
        bulk("prefixes") + "*0\r\n",
    );
    t.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "b", "PREFIX", "a", "NOLOOP");
    t.call("HELLO", "3");
    assert.equal(
      t.call("CLIENT", "TRACKINGINFO"),
      "%3\r\n" + bulk("flags") + "~3\r\n" + bulk("on") + bulk("bcast") + bulk("noloop") +
        bulk("redirect") + ":0\r\n" + bulk("prefixes") + "*2\r\n" + bulk("a") + bulk("b"),
    );
    t.call("CLIENT", "TRACKING", "off");
    t.call("CLIENT", "TRACKING", "on", "OPTIN");
    t.call("CLIENT", "CACHING", "yes");
    assert.ok(
      t.call("CLIENT", "TRACKINGINFO").includes(
        "~3\r\n" + bulk("on") + bulk("optin") + bulk("caching-yes"),
      ),
    );
    t.call("CLIENT", "TRACKING", "off");
    t.call("CLIENT", "TRACKING", "on", "BCAST");
    assert.ok(t.call("CLIENT", "TRACKINGINFO").endsWith(bulk("prefixes") + "*1\r\n$0\r\n\r\n"));
  });

  test("stats: tracking clients, keys, items, prefixes", () => {
    const r = setup();
    const a = peer(r);
    const b = peer(r);
    a.call("CLIENT", "TRACKING", "on");
    a.call("GET", "key1");
    a.call("GET", "key2");
    b.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "prefix:");
    const s = r.engine.stats;
    assert.deepEqual(
      [s.trackingClients, s.trackingTotalKeys, s.trackingTotalItems, s.trackingTotalPrefixes],
      [2, 2, 2, 1],
    );
    r.engine.removeClient(b.client);
    assert.deepEqual([s.trackingClients, s.trackingTotalPrefixes], [1, 0]);
  });
});
