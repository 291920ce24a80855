/**
 * CLIENT: ID, SETNAME, GETNAME, LIST, INFO, KILL, REPLY, NO-EVICT, SETINFO
 * and HELP, in-process and over real connections (addresses, qbuf, kills).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess, startServer } from "../../mod.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { encodeCommand } from "../helpers/resp.ts";

const dec = new TextDecoder("latin1");

function raw(r: InProcess, ...argv: string[]): string {
  return dec.decode(r.callRaw(...argv));
}

function bulkBody(reply: string): string {
  const nl = reply.indexOf("\r\n");
  return reply.slice(nl + 2, -2);
}

/** The fields of a CLIENT LIST line, in order. */
function fields(line: string): Array<[string, string]> {
  return line.split(" ").map((f) => {
    const eq = f.indexOf("=");
    return [f.slice(0, eq), f.slice(eq + 1)];
  });
}

const FIELD_ORDER = [
  "id",
  "addr",
  "laddr",
  "fd",
  "name",
  "age",
  "idle",
  "flags",
  "db",
  "sub",
  "psub",
  "ssub",
  "multi",
  "qbuf",
  "qbuf-free",
  "argv-mem",
  "multi-mem",
  "rbs",
  "rbp",
  "obl",
  "oll",
  "omem",
  "tot-mem",
  "events",
  "cmd",
  "user",
  "redir",
  "resp",
];

describe("CLIENT in-process", () => {
  test("ID, SETNAME, GETNAME", () => {
    const r = createInProcess();
    assert.equal(raw(r, "client", "id"), ":" + r.client.id + "\r\n");
    assert.equal(raw(r, "client", "getname"), "$-1\r\n");
    assert.equal(
      raw(r, "client", "setname", "foo bar"),
      "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
    );
    assert.equal(raw(r, "client", "setname", "myname"), "+OK\r\n");
    assert.equal(raw(r, "client", "getname"), "$6\r\nmyname\r\n");
    assert.equal(raw(r, "client", "setname", ""), "+OK\r\n");
    assert.equal(raw(r, "client", "getname"), "$-1\r\n");
    assert.equal(
      raw(r, "client", "getname", "x"),
      "-ERR wrong number of arguments for 'client|getname' command\r\n",
    );
    assert.equal(raw(r, "client", "foo"), "-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n");
    assert.equal(raw(r, "client"), "-ERR wrong number of arguments for 'client' command\r\n");
  });

  test("INFO has Redis 7.0's fields in order", () => {
    const r = createInProcess();
    raw(r, "select", "3");
    raw(r, "client", "setname", "me");
    const reply = raw(r, "client", "info");
    assert.match(reply, /^\$\d+\r\nid=.*\n\r\n$/);
    const line = bulkBody(reply).trimEnd();
    const f = fields(line);
    assert.deepEqual(f.map(([k]) => k), FIELD_ORDER);
    const m = new Map(f);
    assert.equal(m.get("id"), String(r.client.id));
    assert.equal(m.get("name"), "me");
    assert.equal(m.get("db"), "3");
    assert.equal(m.get("flags"), "N");
    assert.equal(m.get("multi"), "-1");
    assert.equal(m.get("argv-mem"), "10");
    assert.equal(m.get("cmd"), "client|info");
    assert.equal(m.get("user"), "default");
    assert.equal(m.get("redir"), "-1");
    assert.equal(m.get("resp"), "2");
    for (const k of ["age", "idle", "qbuf", "qbuf-free", "rbs", "rbp", "tot-mem", "omem"]) {
      assert.match(m.get(k)!, /^\d+$/, k);
    }
  });

  test("INFO in RESP3 is a verbatim string", () => {
    const r = createInProcess();
    raw(r, "hello", "3");
    const reply = raw(r, "client", "info");
    assert.match(reply, /^=\d+\r\ntxt:id=\d+ .* resp=3\n\r\n$/);
  });

  test("LIST filters", () => {
    const r = createInProcess();
    const other = r.engine.createClient();
    const list = raw(r, "client", "list");
    assert.equal(bulkBody(list).split("\n").filter((l) => l).length, 2);
    const byId = bulkBody(raw(r, "client", "list", "id", String(other.id), "999"));
    assert.match(byId, new RegExp("^id=" + other.id + " .* cmd=NULL .*\n$"));
    assert.equal(raw(r, "client", "list", "type", "pubsub"), "$0\r\n\r\n");
    assert.equal(bulkBody(raw(r, "client", "list", "type", "normal")).split("\n").length, 3);
    assert.equal(raw(r, "client", "list", "type", "x"), "-ERR Unknown client type 'x'\r\n");
    assert.equal(raw(r, "client", "list", "id", "abc"), "-ERR Invalid client ID\r\n");
    assert.equal(raw(r, "client", "list", "id"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "client", "list", "foo", "bar"), "-ERR syntax error\r\n");
  });

  test("KILL argument errors", () => {
    const r = createInProcess();
    assert.equal(
      raw(r, "client", "kill"),
      "-ERR wrong number of arguments for 'client|kill' command\r\n",
    );
    assert.equal(raw(r, "client", "kill", "id", "10", "wrong_arg"), "-ERR syntax error\r\n");
    for (const id of ["str", "-1", "0"]) {
      assert.equal(
        raw(r, "client", "kill", "id", id),
        "-ERR client-id should be greater than 0\r\n",
      );
    }
    assert.equal(
      raw(r, "client", "kill", "type", "wrong_type"),
      "-ERR Unknown client type 'wrong_type'\r\n",
    );
    assert.equal(
      raw(r, "client", "kill", "user", "wrong_user"),
      "-ERR No such user 'wrong_user'\r\n",
    );
    assert.equal(raw(r, "client", "kill", "skipme", "yes_or_no"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "client", "kill", "1.2.3.4:5"), "-ERR No such client\r\n");
    assert.equal(raw(r, "client", "kill", "id", "999"), ":0\r\n");
  });

  test("KILL by id removes the client at once", () => {
    const r = createInProcess();
    const other = r.engine.createClient();
    assert.equal(raw(r, "client", "kill", "id", String(other.id)), ":1\r\n");
    assert.equal(r.engine.clients.has(other.id), false);
    // Skipped by default, killed with SKIPME NO.
    assert.equal(raw(r, "client", "kill", "id", String(r.client.id)), ":0\r\n");
    assert.equal(raw(r, "client", "kill", "id", String(r.client.id), "skipme", "no"), ":1\r\n");
  });

  test("REPLY OFF, ON and SKIP", () => {
    const r = createInProcess();
    assert.equal(raw(r, "client", "reply", "off"), "");
    assert.equal(raw(r, "ping"), "");
    assert.equal(raw(r, "nosuchcommand"), "");
    assert.equal(raw(r, "client", "reply", "on"), "+OK\r\n");
    assert.equal(raw(r, "client", "reply", "skip"), "");
    assert.equal(raw(r, "ping", "a"), "");
    assert.equal(raw(r, "ping", "b"), "$1\r\nb\r\n");
    assert.equal(raw(r, "client", "reply", "skip"), "");
    assert.equal(raw(r, "client", "reply", "on"), "+OK\r\n");
    assert.equal(raw(r, "ping"), "+PONG\r\n");
    assert.equal(raw(r, "client", "reply", "maybe"), "-ERR syntax error\r\n");
    assert.equal(
      raw(r, "client", "reply"),
      "-ERR wrong number of arguments for 'client|reply' command\r\n",
    );
  });

  test("NO-EVICT and SETINFO", () => {
    const r = createInProcess();
    assert.equal(raw(r, "client", "no-evict", "on"), "+OK\r\n");
    assert.match(raw(r, "client", "info"), / flags=e /);
    assert.equal(raw(r, "client", "no-evict", "off"), "+OK\r\n");
    assert.equal(raw(r, "client", "no-evict", "x"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "client", "setinfo", "lib-name", "redis-py"), "+OK\r\n");
    assert.equal(raw(r, "client", "setinfo", "LIB-VER", "5.0.1"), "+OK\r\n");
    assert.equal(r.client.libName, "redis-py");
    assert.equal(r.client.libVer, "5.0.1");
    assert.equal(
      raw(r, "client", "setinfo", "lib-name", "a b"),
      "-ERR lib-name cannot contain spaces, newlines or special characters.\r\n",
    );
    assert.equal(
      raw(r, "client", "setinfo", "other", "x"),
      "-ERR Unrecognized option 'other'\r\n",
    );
  });

  test("HELP", () => {
    const r = createInProcess();
    const reply = raw(r, "client", "help");
    assert.ok(
      reply.startsWith(
        "*48\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CACHING (YES|NO)\r\n",
      ),
    );
    assert.ok(
      reply.endsWith(
        "+NO-EVICT (ON|OFF)\r\n+    Protect current client connection from eviction.\r\n+HELP\r\n+    Prints this help.\r\n",
      ),
    );
  });
});

describe("CLIENT LIST buffer sizes", () => {
  /** The fields of `c`'s line in CLIENT LIST, asked by `r`. */
  function lineOf(r: InProcess, id: number): Map<string, string> {
    const body = bulkBody(raw(r, "client", "list", "id", String(id)));
    return new Map(fields(body.trimEnd()));
  }

  test("follow Redis's allocation and resizing", () => {
    const r = createInProcess();
    const c = r.engine.createClient();
    // A small command read: Redis's 16 KB read buffer.
    c.netIn = 40;
    c.queryBufferPeak = 40;
    c.netOut = 5;
    let f = lineOf(r, c.id);
    assert.equal(f.get("qbuf-free"), "20474");
    assert.equal(f.get("rbs"), "16384");
    assert.equal(f.get("rbp"), "16384");
    // The first cron resets the reply peak, the next shrinks the idle reply buffer.
    r.engine.cron();
    r.engine.cron();
    f = lineOf(r, c.id);
    assert.equal(f.get("rbs"), "1024");
    assert.equal(f.get("tot-mem"), String(776 + 20474 + 1024));
    // A big argument gets a buffer of its size, trimmed once the peak is gone.
    c.netIn += 400_000;
    c.queryBufferPeak = 400_050;
    assert.equal(lineOf(r, c.id).get("qbuf-free"), "400050");
    c.lastInteraction = r.engine.now();
    r.engine.cron();
    c.netIn += 100;
    c.queryBufferPeak = 130;
    r.engine.cron();
    assert.equal(lineOf(r, c.id).get("qbuf-free"), "130");
    // The next read makes room for 16 KB again; idle for more than 2 seconds, it is freed.
    c.netIn += 50;
    c.queryBufferPeak = 50;
    assert.equal(lineOf(r, c.id).get("qbuf-free"), "20474");
    c.lastInteraction = r.engine.now() - 3000;
    r.engine.cron();
    assert.equal(lineOf(r, c.id).get("qbuf-free"), "0");
  });
});

describe("CLIENT over connections", () => {
  test("LIST shows addresses, qbuf and the command running", async () => {
    const server = await startServer();
    const c = await RawClient.connect(server.port);
    try {
      const reply = await c.command("client", "list");
      // startServer's own in-process client is listed too.
      const line = bulkBody(reply).split("\n").find((l) => l.includes("cmd=client|list"))!;
      assert.match(
        line,
        new RegExp(
          "^id=\\d+ addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:" + server.port +
            " fd=\\d+ name= age=\\d+ idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=\\d+ argv-mem=10 multi-mem=0 rbs=\\d+ rbp=\\d+ obl=0 oll=0 omem=0 tot-mem=\\d+ events=r cmd=client\\|list user=default redir=-1 resp=2$",
        ),
      );
    } finally {
      c.close();
      await server.close();
    }
  });

  test("KILL by address, SKIPME and killing oneself", async () => {
    const server = await startServer();
    const a = await RawClient.connect(server.port);
    const b = await RawClient.connect(server.port);
    try {
      const bInfo = bulkBody(await b.command("client", "info"));
      const addr = /addr=(\S+)/.exec(bInfo)![1];
      assert.equal(await a.command("client", "kill", addr), "+OK\r\n");
      assert.equal(await b.closesWithin(2000), true);
      const c2 = await RawClient.connect(server.port);
      await c2.command("ping");
      // Everyone but the caller (startServer's in-process client exists only once used), then the caller too.
      assert.equal(await a.command("client", "kill", "skipme", "yes"), ":1\r\n");
      assert.equal(await c2.closesWithin(2000), true);
      assert.equal(await a.command("client", "kill", "skipme", "no"), ":1\r\n");
      assert.equal(await a.closesWithin(2000), true);
    } finally {
      a.close();
      b.close();
      await server.close();
    }
  });

  test("REPLY OFF silences a pipeline until ON", async () => {
    const server = await startServer();
    const c = await RawClient.connect(server.port);
    try {
      c.send(
        encodeCommand(["client", "reply", "off"]) + encodeCommand(["ping", "pong"]) +
          encodeCommand(["client", "reply", "on"]) + encodeCommand(["ping", "pong3"]),
      );
      assert.deepEqual(await c.readReplies(2), ["+OK\r\n", "$5\r\npong3\r\n"]);
    } finally {
      c.close();
      await server.close();
    }
  });

  test("QUIT: pipelined commands after it do not run", async () => {
    const server = await startServer();
    const c = await RawClient.connect(server.port);
    try {
      c.send(encodeCommand(["quit"]) + encodeCommand(["set", "foo", "bar"]));
      assert.equal(await c.readUntilClose(), "+OK\r\n");
      assert.equal(server.call("get", "foo"), null);
    } finally {
      c.close();
      await server.close();
    }
  });
});
