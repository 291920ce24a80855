/**
 * Pub/Sub (channels, patterns, shard channels), the RESP2 subscribed
 * context, RESP3 pushes, PUBSUB introspection, keyspace notifications and
 * the pubsub output buffer limit, with exact replies.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import { type Peer, peer, raw } from "../helpers/peers.ts";

const bulk = (s: string) => "$" + s.length + "\r\n" + s + "\r\n";
const msg = (ch: string, m: string) => "*3\r\n" + bulk("message") + bulk(ch) + bulk(m);
const pmsg = (p: string, ch: string, m: string) =>
  "*4\r\n" + bulk("pmessage") + bulk(p) + bulk(ch) + bulk(m);
const ack = (kind: string, name: string | null, n: number, push = "*") =>
  push + "3\r\n" + bulk(kind) + (name === null ? "$-1\r\n" : bulk(name)) + ":" + n + "\r\n";

describe("SUBSCRIBE / PUBLISH", () => {
  test("subscribing replies one confirmation per channel with the running count", () => {
    const r = createInProcess();
    const s = peer(r);
    assert.equal(
      s.call("SUBSCRIBE", "a", "b", "a"),
      ack("subscribe", "a", 1) + ack("subscribe", "b", 2) + ack("subscribe", "a", 2),
    );
  });

  test("messages fan out to every subscriber; PUBLISH counts receivers", () => {
    const r = createInProcess();
    const s1 = peer(r);
    const s2 = peer(r);
    s1.call("SUBSCRIBE", "chan");
    s2.call("SUBSCRIBE", "chan", "other");
    assert.equal(raw(r, "PUBLISH", "chan", "hello"), ":2\r\n");
    assert.equal(raw(r, "PUBLISH", "other", "x"), ":1\r\n");
    assert.equal(raw(r, "PUBLISH", "nobody", "x"), ":0\r\n");
    assert.equal(s1.take(), msg("chan", "hello"));
    assert.equal(s2.take(), msg("chan", "hello") + msg("other", "x"));
  });

  test("binary channels and messages pass unchanged", () => {
    const r = createInProcess();
    const s = peer(r);
    const p = peer(r);
    s.call("SUBSCRIBE", "c\r\n\x00\xff");
    assert.equal(p.call("PUBLISH", "c\r\n\x00\xff", "\x00\x01\xfe"), ":1\r\n");
    assert.equal(s.take(), msg("c\r\n\x00\xff", "\x00\x01\xfe"));
  });

  test("UNSUBSCRIBE from some, then all; a null when there was nothing", () => {
    const r = createInProcess();
    const s = peer(r);
    s.call("SUBSCRIBE", "a", "b", "c");
    assert.equal(s.call("UNSUBSCRIBE", "b"), ack("unsubscribe", "b", 2));
    assert.equal(raw(r, "PUBLISH", "b", "x"), ":0\r\n");
    assert.equal(s.call("UNSUBSCRIBE"), ack("unsubscribe", "a", 1) + ack("unsubscribe", "c", 0));
    // Out of the subscribed context: any command runs again.
    assert.equal(s.call("GET", "k"), "$-1\r\n");
    assert.equal(s.call("UNSUBSCRIBE"), ack("unsubscribe", null, 0));
    assert.equal(s.call("PUNSUBSCRIBE"), ack("punsubscribe", null, 0));
    assert.equal(
      s.call("UNSUBSCRIBE", "foo", "bar"),
      ack("unsubscribe", "foo", 0) + ack("unsubscribe", "bar", 0),
    );
  });

  test("PSUBSCRIBE matches glob patterns; counts add channels and patterns", () => {
    const r = createInProcess();
    const s = peer(r);
    assert.equal(s.call("SUBSCRIBE", "foo.bar"), ack("subscribe", "foo.bar", 1));
    assert.equal(
      s.call("PSUBSCRIBE", "foo.*", "b?r.[0-9]"),
      ack("psubscribe", "foo.*", 2) + ack("psubscribe", "b?r.[0-9]", 3),
    );
    assert.equal(raw(r, "PUBLISH", "foo.bar", "m"), ":2\r\n");
    assert.equal(raw(r, "PUBLISH", "bar.1", "n"), ":1\r\n");
    assert.equal(raw(r, "PUBLISH", "bar.x", "n"), ":0\r\n");
    assert.equal(
      s.take(),
      msg("foo.bar", "m") + pmsg("foo.*", "foo.bar", "m") + pmsg("b?r.[0-9]", "bar.1", "n"),
    );
    assert.equal(s.call("PUNSUBSCRIBE", "foo.*"), ack("punsubscribe", "foo.*", 2));
    assert.equal(
      s.call("PUNSUBSCRIBE"),
      ack("punsubscribe", "b?r.[0-9]", 1),
    );
  });

  test("the RESP2 subscribed context allows only (un)subscribe, PING, QUIT, RESET", () => {
    const r = createInProcess();
    const s = peer(r);
    s.call("SUBSCRIBE", "c");
    assert.equal(
      s.call("GET", "k"),
      "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
    );
    assert.equal(
      s.call("PUBSUB", "NUMPAT"),
      "-ERR Can't execute 'pubsub|numpat': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
    );
    assert.equal(s.call("PING"), "*2\r\n$4\r\npong\r\n$0\r\n\r\n");
    assert.equal(s.call("PING", "foo"), "*2\r\n$4\r\npong\r\n$3\r\nfoo\r\n");
    assert.equal(s.call("PSUBSCRIBE", "x*"), ack("psubscribe", "x*", 2));
    assert.equal(s.call("RESET"), "+RESET\r\n");
    assert.equal(s.call("PING"), "+PONG\r\n");
    assert.equal(raw(r, "PUBLISH", "c", "gone"), ":0\r\n");
  });

  test("RESP3 subscribers get pushes and may run any command", () => {
    const r = createInProcess();
    const s = peer(r);
    s.call("HELLO", "3");
    assert.equal(s.call("SUBSCRIBE", "c"), ack("subscribe", "c", 1, ">"));
    assert.equal(s.call("SET", "k", "v"), "+OK\r\n");
    assert.equal(s.call("PING"), "+PONG\r\n");
    raw(r, "PUBLISH", "c", "hi");
    assert.equal(s.take(), ">3\r\n" + bulk("message") + bulk("c") + bulk("hi"));
    // A client publishing to itself gets the push before the reply, as in Redis.
    assert.equal(
      s.call("PUBLISH", "c", "me"),
      ">3\r\n" + bulk("message") + bulk("c") + bulk("me") + ":1\r\n",
    );
    assert.equal(s.call("UNSUBSCRIBE"), ack("unsubscribe", "c", 0, ">"));
  });

  test("SUBSCRIBE inside MULTI runs at EXEC", () => {
    const r = createInProcess();
    const s = peer(r);
    s.call("MULTI");
    assert.equal(s.call("SUBSCRIBE", "c"), "+QUEUED\r\n");
    assert.equal(s.call("EXEC"), "*1\r\n" + ack("subscribe", "c", 1));
    assert.equal(raw(r, "PUBLISH", "c", "m"), ":1\r\n");
  });

  test("a disconnected subscriber is forgotten", () => {
    const r = createInProcess();
    const s = peer(r);
    s.call("SUBSCRIBE", "c");
    s.call("PSUBSCRIBE", "*");
    r.engine.removeClient(s.client);
    assert.equal(raw(r, "PUBLISH", "c", "m"), ":0\r\n");
    assert.equal(raw(r, "PUBSUB", "NUMPAT"), ":0\r\n");
    assert.equal(raw(r, "PUBSUB", "CHANNELS"), "*0\r\n");
  });
});

describe("shard channels", () => {
  test("SSUBSCRIBE / SPUBLISH / SUNSUBSCRIBE", () => {
    const r = createInProcess();
    const s = peer(r);
    assert.equal(s.call("SSUBSCRIBE", "ch1"), ack("ssubscribe", "ch1", 1));
    assert.equal(
      s.call("SSUBSCRIBE", "ch2", "ch2"),
      ack("ssubscribe", "ch2", 2) + ack("ssubscribe", "ch2", 2),
    );
    s.call("PSUBSCRIBE", "*");
    assert.equal(raw(r, "SPUBLISH", "ch1", "hello"), ":1\r\n");
    assert.equal(s.take(), "*3\r\n" + bulk("smessage") + bulk("ch1") + bulk("hello"));
    // Shard messages skip patterns; plain PUBLISH does not reach shard subscribers.
    assert.equal(raw(r, "PUBLISH", "ch1", "x"), ":1\r\n");
    assert.equal(s.take(), pmsg("*", "ch1", "x"));
    assert.equal(
      raw(r, "PUBSUB", "SHARDNUMSUB", "ch1", "nope"),
      "*4\r\n" + bulk("ch1") + ":1\r\n" + bulk("nope") + ":0\r\n",
    );
    assert.equal(s.call("SUNSUBSCRIBE", "ch1"), ack("sunsubscribe", "ch1", 1));
    assert.equal(s.call("SUNSUBSCRIBE"), ack("sunsubscribe", "ch2", 0));
    assert.equal(s.call("SUNSUBSCRIBE"), ack("sunsubscribe", null, 0));
    assert.equal(s.call("SUNSUBSCRIBE", "foo"), ack("sunsubscribe", "foo", 0));
  });

  test("SSUBSCRIBE inside EXEC is refused", () => {
    const r = createInProcess();
    raw(r, "MULTI");
    raw(r, "SSUBSCRIBE", "x");
    assert.equal(
      raw(r, "EXEC"),
      "*1\r\n-ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client\r\n",
    );
  });
});

describe("PUBSUB", () => {
  test("CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS", () => {
    const r = createInProcess();
    const a = peer(r);
    const b = peer(r);
    a.call("SUBSCRIBE", "news.art", "news.music");
    b.call("SUBSCRIBE", "news.art", "sport");
    a.call("PSUBSCRIBE", "foo*", "bar*");
    b.call("PSUBSCRIBE", "foo*", "baz*");
    b.call("SSUBSCRIBE", "shard1");
    const chans = r.call("PUBSUB", "CHANNELS") as string[];
    assert.deepEqual([...chans].sort(), ["news.art", "news.music", "sport"]);
    assert.deepEqual((r.call("PUBSUB", "CHANNELS", "news.*") as string[]).sort(), [
      "news.art",
      "news.music",
    ]);
    assert.equal(
      raw(r, "PUBSUB", "NUMSUB", "news.art", "sport", "none"),
      "*6\r\n" + bulk("news.art") + ":2\r\n" + bulk("sport") + ":1\r\n" + bulk("none") + ":0\r\n",
    );
    assert.equal(raw(r, "PUBSUB", "NUMSUB"), "*0\r\n");
    assert.equal(raw(r, "PUBSUB", "NUMPAT"), ":3\r\n");
    assert.equal(raw(r, "PUBSUB", "SHARDCHANNELS"), "*1\r\n" + bulk("shard1"));
    assert.equal(raw(r, "PUBSUB", "SHARDCHANNELS", "x*"), "*0\r\n");
    assert.equal(
      raw(r, "PUBSUB", "CHANNELS", "a", "b"),
      "-ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.\r\n",
    );
    assert.equal(
      raw(r, "PUBSUB", "NOPE"),
      "-ERR unknown subcommand 'NOPE'. Try PUBSUB HELP.\r\n",
    );
    assert.equal(raw(r, "PUBSUB"), "-ERR wrong number of arguments for 'pubsub' command\r\n");
    assert.equal(r.engine.stats.pubsubChannels, 3);
    assert.equal(r.engine.stats.pubsubPatterns, 3);
    assert.equal(r.engine.stats.pubsubShardChannels, 1);
  });

  test("HELP", () => {
    const r = createInProcess();
    const help = r.call("PUBSUB", "HELP") as string[];
    assert.equal(help.length, 14);
    assert.equal(help[0], "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    assert.equal(help[13], "    Prints this help.");
  });
});

describe("keyspace notifications", () => {
  function listen(r: InProcess, flags: string): Peer {
    r.engine.config.set("notify-keyspace-events", flags);
    const s = peer(r);
    s.call("PSUBSCRIBE", "*");
    return s;
  }
  const ks = (key: string, event: string, db = 0) => pmsg("*", `__keyspace@${db}__:${key}`, event);
  const ke = (key: string, event: string, db = 0) => pmsg("*", `__keyevent@${db}__:${event}`, key);

  test("nothing is published by default", () => {
    const r = createInProcess();
    const s = peer(r);
    s.call("PSUBSCRIBE", "*");
    raw(r, "SET", "foo", "bar");
    assert.equal(s.take(), "");
  });

  test("K and E classes for strings", () => {
    const r = createInProcess();
    const s = listen(r, "KEA");
    raw(r, "SET", "foo", "bar");
    raw(r, "SELECT", "3");
    raw(r, "INCRBY", "n", "2");
    assert.equal(
      s.take(),
      ks("foo", "set") + ke("foo", "set") + ks("n", "incrby", 3) + ke("n", "incrby", 3),
    );
  });

  test("masking by class: only list events", () => {
    const r = createInProcess();
    const s = listen(r, "KEl");
    raw(r, "SET", "foo", "bar");
    raw(r, "LPUSH", "mylist", "a");
    raw(r, "RPUSH", "mylist", "b");
    raw(r, "RPOP", "mylist");
    assert.equal(
      s.take(),
      ks("mylist", "lpush") + ke("mylist", "lpush") + ks("mylist", "rpush") +
        ke("mylist", "rpush") +
        ks("mylist", "rpop") + ke("mylist", "rpop"),
    );
  });

  test("hash, set and sorted set events", () => {
    const r = createInProcess();
    const s = listen(r, "Khsz");
    raw(r, "HSET", "h", "f", "1");
    raw(r, "HINCRBY", "h", "f", "10");
    raw(r, "SADD", "s", "a", "b");
    raw(r, "SREM", "s", "x");
    raw(r, "SREM", "s", "a");
    raw(r, "ZADD", "z", "1", "a");
    raw(r, "ZREM", "z", "a");
    assert.equal(
      s.take(),
      ks("h", "hset") + ks("h", "hincrby") + ks("s", "sadd") + ks("s", "srem") +
        ks("z", "zadd") + ks("z", "zrem"),
    );
  });

  test("generic del event when a pop empties a list", () => {
    const r = createInProcess();
    const s = listen(r, "KEgl");
    raw(r, "RPUSH", "l", "only");
    s.take();
    raw(r, "LPOP", "l");
    assert.equal(s.take(), ks("l", "lpop") + ke("l", "lpop") + ks("l", "del") + ke("l", "del"));
  });

  test("expired events on lazy expiry", () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    const s = listen(r, "Ex");
    raw(r, "SET", "foo", "1", "PX", "100");
    clock.advance(200);
    assert.equal(raw(r, "GET", "foo"), "$-1\r\n");
    assert.equal(s.take(), ke("foo", "expired"));
  });

  test("new-key events (n) only when a key is created", () => {
    const r = createInProcess();
    const s = listen(r, "En");
    raw(r, "SET", "foo", "bar");
    raw(r, "SET", "foo", "baz");
    raw(r, "SET", "bar", "bar");
    const got = s.take();
    // The 'new' event needs the keyspace layer; when it is not emitted yet, nothing else must be.
    if (got !== "") assert.equal(got, ke("foo", "new") + ke("bar", "new"));
  });

  test("events reach RESP3 subscribers as pushes", () => {
    const r = createInProcess();
    r.engine.config.set("notify-keyspace-events", "K$");
    const s = peer(r);
    s.call("HELLO", "3");
    s.call("SUBSCRIBE", "__keyspace@0__:k");
    raw(r, "SET", "k", "v");
    assert.equal(s.take(), ">3\r\n" + bulk("message") + bulk("__keyspace@0__:k") + bulk("set"));
  });
});

describe("pubsub output buffer limit", () => {
  test("a subscriber over the hard limit is closed and its buffer released", async () => {
    const r = createInProcess();
    r.engine.config.set("client-output-buffer-limit", "pubsub 100000 0 0");
    const s = peer(r);
    let closed = false;
    s.client.close = () => {
      closed = true;
    };
    s.call("SUBSCRIBE", "c");
    const payload = "x".repeat(1000);
    let receivers = 0;
    for (let i = 0; i < 200; i++) receivers += r.call("PUBLISH", "c", payload) as number;
    // Delivery stops at the limit: the buffer never grows past it by more than a message.
    assert.ok(s.client.reply.len < 100000 + 1100, String(s.client.reply.len));
    await Promise.resolve();
    assert.equal(closed, true);
    assert.equal(r.engine.clients.has(s.client.id), false);
    assert.equal(raw(r, "PUBLISH", "c", "x"), ":0\r\n");
    // Until it is freed it still counts as a receiver, as in Redis.
    assert.equal(receivers, 200);
  });

  test("the soft limit closes a subscriber that stays above it too long", async () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    r.engine.config.set("client-output-buffer-limit", "pubsub 0 5000 10");
    const s = peer(r);
    s.call("SUBSCRIBE", "c");
    const payload = "y".repeat(1000);
    for (let i = 0; i < 10; i++) r.call("PUBLISH", "c", payload);
    clock.advance(5000);
    r.call("PUBLISH", "c", payload);
    await Promise.resolve();
    assert.equal(r.engine.clients.has(s.client.id), true);
    clock.advance(6000);
    r.call("PUBLISH", "c", payload);
    await Promise.resolve();
    assert.equal(r.engine.clients.has(s.client.id), false);
  });

  test("a subscriber that reads in time stays", async () => {
    const clock = new ManualClock(1_000_000);
    const r = createInProcess({ clock });
    r.engine.config.set("client-output-buffer-limit", "pubsub 0 5000 10");
    const s = peer(r);
    s.call("SUBSCRIBE", "c");
    const payload = "y".repeat(1000);
    for (let i = 0; i < 10; i++) r.call("PUBLISH", "c", payload);
    s.take();
    clock.advance(20000);
    r.call("PUBLISH", "c", payload);
    await Promise.resolve();
    assert.equal(r.engine.clients.has(s.client.id), true);
  });
});
