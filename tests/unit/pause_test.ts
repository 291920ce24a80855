/**
 * CLIENT PAUSE / UNPAUSE: postponed commands, their order on resume, what
 * WRITE mode lets through, EXEC, expiry suspension, the timeout; and MONITOR
 * and RESET.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, ManualClock } from "../../mod.ts";
import { CMD_WRITE } from "../../lib/core/command.ts";
import { repr } from "../../lib/features/monitor.ts";
import { unpauseClients } from "../../lib/features/pause.ts";
import { latin1, peer, raw } from "../helpers/peers.ts";

function setup(options = {}): InProcess {
  return createInProcess(options);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("CLIENT PAUSE", () => {
  test("WRITE: writes wait, reads run; UNPAUSE runs the writes", async () => {
    const r = setup();
    const a = peer(r);
    assert.equal(raw(r, "CLIENT", "PAUSE", "100000", "WRITE"), "+OK\r\n");
    assert.equal(a.call("GET", "k"), "$-1\r\n");
    assert.equal(a.call("PING"), "+PONG\r\n");
    assert.equal(a.call("SET", "k", "v"), "");
    assert.equal(a.blocked(), true);
    assert.equal(r.engine.stats.blockedClients, 1);
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
    assert.equal(raw(r, "CLIENT", "UNPAUSE"), "+OK\r\n");
    await tick();
    assert.equal(a.take(), "+OK\r\n");
    assert.equal(raw(r, "GET", "k"), "$1\r\nv\r\n");
    assert.equal(r.engine.stats.blockedClients, 0);
  });

  test("may-replicate commands (PUBLISH) wait too", async () => {
    const r = setup();
    const a = peer(r);
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    assert.equal(a.call("PUBLISH", "ch", "m"), "");
    raw(r, "CLIENT", "UNPAUSE");
    await tick();
    assert.equal(a.take(), ":0\r\n");
  });

  test("ALL: every command waits; clients resume in the order they were paused", async () => {
    const r = setup();
    const clients = [peer(r), peer(r), peer(r)];
    raw(r, "CLIENT", "PAUSE", "100000");
    for (const c of clients) assert.equal(c.call("INCR", "n"), "");
    const p = peer(r);
    assert.equal(p.call("PING"), "");
    // CLIENT UNPAUSE itself waits under ALL, as in Redis: only the timeout (or the engine) ends it.
    assert.equal(raw(r, "CLIENT", "UNPAUSE"), "");
    unpauseClients(r.engine);
    await tick();
    assert.deepEqual(clients.map((c) => c.take()), [":1\r\n", ":2\r\n", ":3\r\n"]);
    assert.equal(p.take(), "+PONG\r\n");
    assert.equal(latin1(r.client.reply.take()), "+OK\r\n");
  });

  test("a less restrictive pause releases ALL-paused reads; a pause keeps the strictest mode", async () => {
    const r = setup();
    const a = peer(r);
    const m = peer(r);
    m.call("MONITOR");
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    raw(r, "CLIENT", "PAUSE", "100000", "ALL");
    assert.equal(a.call("GET", "k"), "");
    // WRITE after ALL keeps ALL (monitors are not paused).
    assert.match(m.call("CLIENT", "PAUSE", "100000", "WRITE"), /^\+OK\r\n/);
    await tick();
    assert.equal(a.take(), "");
    assert.match(m.call("CLIENT", "UNPAUSE"), /^\+OK\r\n/);
    await tick();
    assert.equal(a.take(), "$-1\r\n");
  });

  test("errors and syntax errors are answered at once", () => {
    const r = setup();
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    const a = peer(r);
    assert.equal(a.call("SET", "k"), "-ERR wrong number of arguments for 'set' command\r\n");
    raw(r, "CLIENT", "UNPAUSE");
    assert.equal(
      raw(r, "CLIENT", "PAUSE", "100", "READ"),
      "-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n",
    );
    assert.equal(
      raw(r, "CLIENT", "PAUSE", "abc"),
      "-ERR timeout is not an integer or out of range\r\n",
    );
    assert.equal(raw(r, "CLIENT", "PAUSE", "-1"), "-ERR timeout is negative\r\n");
    assert.equal(
      raw(r, "CLIENT", "PAUSE"),
      "-ERR wrong number of arguments for 'client|pause' command\r\n",
    );
  });

  test("EXEC waits when the transaction writes, not when it only reads", async () => {
    const r = setup();
    const a = peer(r);
    const b = peer(r);
    raw(r, "SET", "foo", "bar");
    a.call("MULTI");
    a.call("SET", "foo", "baz");
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    b.call("MULTI");
    assert.equal(b.call("GET", "foo"), "+QUEUED\r\n");
    assert.equal(b.call("EXEC"), "*1\r\n$3\r\nbar\r\n");
    assert.equal(a.call("EXEC"), "");
    raw(r, "CLIENT", "UNPAUSE");
    await tick();
    assert.equal(a.take(), "*1\r\n+OK\r\n");
  });

  test("a pause issued inside MULTI starts after EXEC", () => {
    const r = setup();
    raw(r, "MULTI");
    raw(r, "SET", "a", "1");
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    raw(r, "SET", "b", "1");
    assert.equal(raw(r, "EXEC"), "*3\r\n+OK\r\n+OK\r\n+OK\r\n");
    const p = peer(r);
    assert.equal(p.call("SET", "c", "1"), "");
    raw(r, "CLIENT", "UNPAUSE");
  });

  test("expiry is suspended while paused", () => {
    const clock = new ManualClock(1_000_000);
    const r = setup({ clock });
    raw(r, "SET", "foo", "bar", "PX", "10");
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    clock.advance(50);
    const before = r.engine.stats.expiredKeys;
    assert.equal(raw(r, "GET", "foo"), "$-1\r\n");
    r.engine.activeExpireCycle();
    assert.equal(r.engine.dbs[0].dict.has("foo"), true);
    assert.equal(r.engine.stats.expiredKeys, before);
    raw(r, "CLIENT", "UNPAUSE");
    assert.equal(raw(r, "GET", "foo"), "$-1\r\n");
    assert.equal(r.engine.stats.expiredKeys, before + 1);
  });

  test("the pause ends by itself after its timeout", async () => {
    const r = setup();
    const a = peer(r);
    raw(r, "CLIENT", "PAUSE", "30", "WRITE");
    a.call("SET", "k", "v");
    assert.equal(a.take(), "");
    await sleep(80);
    assert.equal(a.take(), "+OK\r\n");
    assert.equal(a.call("SET", "k", "w"), "+OK\r\n");
  });

  test("a disconnected paused client is forgotten", async () => {
    const r = setup();
    const a = peer(r);
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    a.call("SET", "k", "v");
    r.engine.removeClient(a.client);
    assert.equal(r.engine.stats.blockedClients, 0);
    raw(r, "CLIENT", "UNPAUSE");
    await tick();
    assert.equal(raw(r, "GET", "k"), "$-1\r\n");
  });

  test("WRITE mode uses a command's effective flags (hooks.commandFlags, e.g. read-only scripts)", async () => {
    const r = setup();
    const a = peer(r);
    // Pretend SET with a "ro" marker argument declares no writes, as a no-writes script would.
    r.engine.hooks.commandFlags = (_c, cmd, argv) =>
      argv[argv.length - 1] === "ro" ? cmd.bits & ~CMD_WRITE : cmd.bits;
    raw(r, "CLIENT", "PAUSE", "100000", "WRITE");
    assert.equal(a.call("ECHO", "ro"), "$2\r\nro\r\n");
    assert.equal(a.call("SET", "k", "ro"), "+OK\r\n");
    a.call("MULTI");
    a.call("SET", "k", "ro");
    assert.equal(a.call("EXEC"), "*1\r\n+OK\r\n");
    assert.equal(a.call("SET", "k", "rw"), "");
    unpauseClients(r.engine);
    await tick();
    assert.equal(a.take(), "+OK\r\n");
  });

  test("monitors are never paused", () => {
    const r = setup();
    const m = peer(r);
    m.call("MONITOR");
    raw(r, "CLIENT", "PAUSE", "100000");
    // A monitor sees its own commands too.
    assert.match(m.call("PING"), /^\+PONG\r\n\+\d+\.\d{6} \[0 \] "PING"\r\n$/);
    unpauseClients(r.engine);
  });
});

describe("MONITOR", () => {
  test("shows commands with time, database and source, quoted as sdscatrepr", () => {
    const r = setup();
    const m = peer(r);
    assert.equal(m.call("MONITOR"), "+OK\r\n");
    raw(r, "SET", "foo", 'bar"\n\x01\xff');
    raw(r, "SELECT", "2");
    raw(r, "GET", "foo");
    const lines = m.take().split("\r\n").filter((l) => l !== "");
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^\+\d{10}\.\d{6} \[0 \] "SET" "foo" "bar\\"\\n\\x01\\xc3\\xbf"$/);
    assert.match(lines[1], /^\+\d+\.\d{6} \[2 \] "SELECT" "2"$/);
    assert.match(lines[2], /^\+\d+\.\d{6} \[2 \] "GET" "foo"$/);
  });

  test("transactions show MULTI, the commands at EXEC, then EXEC", () => {
    const r = setup();
    const m = peer(r);
    m.call("MONITOR");
    raw(r, "MULTI");
    raw(r, "SET", "foo", "bar");
    raw(r, "EXEC");
    raw(r, "MULTI");
    raw(r, "syntax", "error");
    raw(r, "EXEC");
    const cmds = m.take().split("\r\n").filter((l) => l !== "").map((l) => l.replace(/^.*\] /, ""));
    assert.deepEqual(cmds, ['"MULTI"', '"SET" "foo" "bar"', '"EXEC"', '"MULTI"', '"EXEC"']);
  });

  test("admin commands are not shown; AUTH arguments are redacted", () => {
    const r = setup();
    const m = peer(r);
    m.call("MONITOR");
    raw(r, "CLIENT", "PAUSE", "0");
    raw(r, "AUTH", "secret");
    raw(r, "AUTH", "user", "secret");
    raw(r, "HELLO", "2", "AUTH", "user", "pw");
    const cmds = m.take().split("\r\n").filter((l) => l !== "").map((l) => l.replace(/^.*\] /, ""));
    assert.deepEqual(cmds, [
      '"AUTH" "(redacted)"',
      '"AUTH" "(redacted)" "(redacted)"',
      '"HELLO" "2" "AUTH" "(redacted)" "(redacted)"',
    ]);
  });

  test("a monitor may not touch the keyspace", () => {
    const r = setup();
    const m = peer(r);
    m.call("MONITOR");
    assert.equal(m.call("GET", "k"), "-ERR Replica can't interact with the keyspace\r\n");
    assert.equal(m.call("MONITOR"), "");
    assert.equal(m.call("RESET"), "+RESET\r\n");
    assert.equal(m.call("GET", "k"), "$-1\r\n");
    raw(r, "PING");
    assert.equal(m.take(), "");
  });

  test("MONITOR inside MULTI is refused at EXEC", () => {
    const r = setup();
    raw(r, "MULTI");
    raw(r, "MONITOR");
    assert.equal(raw(r, "EXEC"), "*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n");
  });

  test("repr escapes like sdscatrepr", () => {
    assert.equal(
      repr('a\\b"c\n\r\t\x07\x08\x00\x7f\x80 ~'),
      '"a\\\\b\\"c\\n\\r\\t\\a\\b\\x00\\x7f\\x80 ~"',
    );
  });
});

describe("RESET", () => {
  test("clears MULTI, WATCH, subscriptions, db, protocol and name", () => {
    const r = setup();
    const a = peer(r);
    a.call("HELLO", "3", "SETNAME", "me");
    a.call("SELECT", "3");
    a.call("WATCH", "k");
    a.call("SUBSCRIBE", "c");
    a.call("MULTI");
    assert.equal(a.call("RESET"), "+RESET\r\n");
    assert.equal(a.client.protocol, 2);
    assert.equal(a.client.db.id, 0);
    assert.equal(a.client.name, "");
    assert.equal(a.call("EXEC"), "-ERR EXEC without MULTI\r\n");
    assert.equal(raw(r, "PUBLISH", "c", "m"), ":0\r\n");
    a.call("SET", "k", "1");
    a.call("MULTI");
    a.call("PING");
    assert.equal(a.call("EXEC"), "*1\r\n+PONG\r\n");
  });

  test("restores the default user's authentication state", () => {
    const r = setup({ requirepass: "pw" });
    const a = peer(r);
    assert.equal(a.call("AUTH", "pw"), "+OK\r\n");
    assert.equal(a.call("RESET"), "+RESET\r\n");
    assert.equal(a.call("GET", "k"), "-NOAUTH Authentication required.\r\n");
  });
});
