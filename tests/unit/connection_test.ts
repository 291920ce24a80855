/**
 * Connection commands (PING, ECHO, SELECT, QUIT, AUTH, HELLO): replies byte
 * for byte as Redis 7.0.15 gives them.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: string[]): string {
  return dec.decode(r.callRaw(...argv));
}

function bulk(s: string): string {
  return "$" + s.length + "\r\n" + s + "\r\n";
}

describe("PING and ECHO", () => {
  test("PING replies PONG or its argument", () => {
    const r = createInProcess();
    assert.equal(raw(r, "PING"), "+PONG\r\n");
    assert.equal(raw(r, "ping", "redis"), "$5\r\nredis\r\n");
    assert.equal(
      raw(r, "ping", "hello", "redis"),
      "-ERR wrong number of arguments for 'ping' command\r\n",
    );
  });

  test("ECHO", () => {
    const r = createInProcess();
    assert.equal(raw(r, "echo", "a\r\nb"), "$4\r\na\r\nb\r\n");
    assert.equal(raw(r, "echo"), "-ERR wrong number of arguments for 'echo' command\r\n");
  });
});

describe("SELECT", () => {
  test("switches databases and checks the index", () => {
    const r = createInProcess();
    assert.equal(raw(r, "select", "9"), "+OK\r\n");
    assert.equal(raw(r, "set", "k", "v"), "+OK\r\n");
    assert.equal(raw(r, "select", "0"), "+OK\r\n");
    assert.equal(raw(r, "get", "k"), "$-1\r\n");
    assert.equal(raw(r, "select", "16"), "-ERR DB index is out of range\r\n");
    assert.equal(raw(r, "select", "-1"), "-ERR DB index is out of range\r\n");
    assert.equal(raw(r, "select", "x"), "-ERR value is not an integer or out of range\r\n");
    assert.equal(
      raw(r, "select", "4294967296"),
      "-ERR value is out of range, value must between -2147483648 and 2147483647\r\n",
    );
  });
});

describe("QUIT", () => {
  test("replies OK and marks the client to close", () => {
    const r = createInProcess();
    assert.equal(raw(r, "quit"), "+OK\r\n");
    assert.ok(r.client.flags & 1);
  });
});

describe("AUTH", () => {
  test("without a password configured", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "auth", "pw"),
      "-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n",
    );
    // The default user has no password: any password logs in as it.
    assert.equal(raw(r, "auth", "default", "whatever"), "+OK\r\n");
    assert.equal(
      raw(r, "auth", "bob", "x"),
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
    );
    assert.equal(raw(r, "auth", "a", "b", "c"), "-ERR syntax error\r\n");
  });

  test("with requirepass", () => {
    const r = createInProcess({ requirepass: "secret" });
    assert.equal(raw(r, "get", "k"), "-NOAUTH Authentication required.\r\n");
    assert.equal(
      raw(r, "auth", "nope"),
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
    );
    assert.equal(raw(r, "auth", "secret"), "+OK\r\n");
    assert.equal(raw(r, "get", "k"), "$-1\r\n");
  });
});

describe("HELLO", () => {
  const hello = (proto: number, id: number) =>
    (proto === 3 ? "%7\r\n" : "*14\r\n") + bulk("server") + bulk("redis") + bulk("version") +
    bulk("7.0.15") + bulk("proto") + ":" + proto + "\r\n" + bulk("id") + ":" + id + "\r\n" +
    bulk("mode") + bulk("standalone") + bulk("role") + bulk("master") + bulk("modules") +
    "*0\r\n";

  test("reports the connection and switches protocol", () => {
    const r = createInProcess();
    const id = r.client.id;
    assert.equal(raw(r, "hello"), hello(2, id));
    assert.equal(raw(r, "hello", "3"), hello(3, id));
    assert.equal(raw(r, "get", "nokey"), "_\r\n");
    assert.equal(raw(r, "hello", "2"), hello(2, id));
  });

  test("errors", () => {
    const r = createInProcess();
    assert.equal(raw(r, "hello", "4"), "-NOPROTO unsupported protocol version\r\n");
    assert.equal(raw(r, "hello", "1"), "-NOPROTO unsupported protocol version\r\n");
    assert.equal(
      raw(r, "hello", "03"),
      "-ERR Protocol version is not an integer or out of range\r\n",
    );
    assert.equal(raw(r, "hello", "3", "foo"), "-ERR Syntax error in HELLO option 'foo'\r\n");
    assert.equal(raw(r, "hello", "3", "auth", "u"), "-ERR Syntax error in HELLO option 'auth'\r\n");
    assert.equal(
      raw(r, "hello", "3", "setname", "a b"),
      "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
    );
    // Failed options leave the protocol as it was.
    assert.equal(raw(r, "get", "nokey"), "$-1\r\n");
  });

  test("SETNAME and AUTH", () => {
    const r = createInProcess({ requirepass: "pw" });
    assert.equal(
      raw(r, "hello", "3"),
      "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n",
    );
    assert.equal(
      raw(r, "hello", "3", "auth", "default", "bad"),
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
    );
    assert.equal(
      raw(r, "hello", "2", "auth", "default", "pw", "setname", "me"),
      hello(2, r.client.id),
    );
    assert.equal(raw(r, "client", "getname"), "$2\r\nme\r\n");
  });
});
