/**
 * The wire protocol over raw sockets, byte for byte: inline and multibulk
 * requests, pipelining, protocol errors (error reply, then the server
 * closes), QUIT, HELLO and RESP3, auth limits, binary data. Every case also
 * runs against real redis-server, which checks the expectations.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { RawClient } from "../helpers/raw_client.ts";
import { bytes, encodeCommand, show, splitReplies } from "../helpers/resp.ts";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { startTarget, targets } from "./harness.ts";

interface RawCase {
  name: string;
  /** Bytes to send (binary string); several chunks are sent as separate writes. */
  send: string | string[];
  /** Every byte the server must answer (`:<id>` stands for a client id). */
  expect: string;
  /** True when the server must close the connection after answering. */
  closes?: boolean;
}

/** Client ids differ between servers; HELLO replies show them. */
function maskIds(s: string): string {
  return s.replace(/(\$2\r\nid\r\n):\d+\r\n/g, "$1:<id>\r\n");
}

const helloMap = (proto: 2 | 3) =>
  (proto === 3 ? "%7\r\n" : "*14\r\n") +
  "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n" +
  `$5\r\nproto\r\n:${proto}\r\n$2\r\nid\r\n:<id>\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n` +
  "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";

const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");
const BIG = 64 * 1024;

const SLOW = { timeout: SLOW_TEST_MS };
const PIPELINE_N = 2000;
const pipelined = (() => {
  let send = "";
  let expect = "";
  for (let i = 0; i < PIPELINE_N; i++) {
    send += encodeCommand(["SET", "pl:" + i, "v" + i]) + encodeCommand(["GET", "pl:" + i]);
    const v = "v" + i;
    expect += "+OK\r\n$" + v.length + "\r\n" + v + "\r\n";
  }
  return { send, expect };
})();

const CASES: RawCase[] = [
  { name: "inline PING", send: "PING\r\n", expect: "+PONG\r\n" },
  { name: "inline with \\n only", send: "PING\n", expect: "+PONG\r\n" },
  { name: "inline with quotes", send: 'ECHO "a b\\x41"\r\n', expect: "$4\r\na bA\r\n" },
  { name: "empty inline lines are ignored", send: "\r\n\r\n  \r\nPING\r\n", expect: "+PONG\r\n" },
  { name: "multibulk", send: encodeCommand(["ECHO", "hi"]), expect: "$2\r\nhi\r\n" },
  { name: "empty multibulk is ignored", send: "*0\r\n*-1\r\nPING\r\n", expect: "+PONG\r\n" },
  { name: "lowercase command", send: encodeCommand(["ping"]), expect: "+PONG\r\n" },
  {
    name: "one command split over many writes",
    send: ["*2\r", "\n$4\r\nEC", "HO\r\n$5\r", "\nhel", "lo\r", "\n"],
    expect: "$5\r\nhello\r\n",
  },
  {
    name: `${PIPELINE_N * 2} pipelined commands in one write`,
    send: pipelined.send,
    expect: pipelined.expect,
  },
  {
    name: "every byte value in keys and values",
    send: encodeCommand(["SET", ALL_BYTES, ALL_BYTES]) + encodeCommand(["GET", ALL_BYTES]),
    expect: "+OK\r\n$256\r\n" + ALL_BYTES + "\r\n",
  },
  {
    name: "a 4 MB value",
    send: encodeCommand(["SET", "big", "z".repeat(4 << 20)]) + encodeCommand(["GET", "big"]),
    expect: "+OK\r\n$" + (4 << 20) + "\r\n" + "z".repeat(4 << 20) + "\r\n",
  },
  {
    name: "unknown command",
    send: "FOO bar\r\n",
    expect: "-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n",
  },
  {
    name: "unknown command with a long argument is clipped",
    send: encodeCommand(["FOO", "a".repeat(200)]),
    expect: "-ERR unknown command 'FOO', with args beginning with: '" + "a".repeat(128) + "' \r\n",
  },
  // HELLO and RESP3.
  { name: "HELLO 3", send: "HELLO 3\r\n", expect: helloMap(3) },
  { name: "HELLO 2", send: "HELLO 2\r\n", expect: helloMap(2) },
  { name: "HELLO without a version", send: "HELLO\r\n", expect: helloMap(2) },
  {
    name: "RESP3 null, then back to RESP2",
    send: "HELLO 3\r\nGET nokey\r\nHELLO 2\r\nGET nokey\r\n",
    expect: helloMap(3) + "_\r\n" + helloMap(2) + "$-1\r\n",
  },
  {
    name: "HELLO errors",
    send: 'HELLO 4\r\nHELLO 1\r\nHELLO x\r\nHELLO 3 FOO\r\nHELLO 3 SETNAME "a b"\r\n',
    expect: "-NOPROTO unsupported protocol version\r\n" +
      "-NOPROTO unsupported protocol version\r\n" +
      "-ERR Protocol version is not an integer or out of range\r\n" +
      "-ERR Syntax error in HELLO option 'FOO'\r\n" +
      "-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
  },
  // QUIT and protocol errors close the connection.
  { name: "QUIT", send: "QUIT\r\n", expect: "+OK\r\n", closes: true },
  { name: "nothing after QUIT runs", send: "QUIT\r\nPING\r\n", expect: "+OK\r\n", closes: true },
  {
    name: "QUIT with arguments",
    send: encodeCommand(["QUIT", "x", "y"]),
    expect: "+OK\r\n",
    closes: true,
  },
  ...([
    ["*x\r\n", "invalid multibulk length"],
    ["*2147483648\r\n", "invalid multibulk length"],
    ["*1\r\n$x\r\n", "invalid bulk length"],
    ["*1\r\n$-1\r\n", "invalid bulk length"],
    ["*1\r\n$536870913\r\n", "invalid bulk length"],
    ["*1\r\nx4\r\nPING\r\n", "expected '$', got 'x'"],
    ["*1\r\n\r\n", "expected '$', got ' '"],
    ["*1\r\n\xff\r\n", "expected '$', got '\xff'"],
    ['ECHO "abc\r\n', "unbalanced quotes in request"],
    ["ECHO 'a'b\r\n", "unbalanced quotes in request"],
    ["A".repeat(BIG + 1), "too big inline request"],
    ["*" + "1".repeat(BIG + 1), "too big mbulk count string"],
    ["*1\r\n$" + "1".repeat(BIG + 1), "too big bulk count string"],
  ] as const).map(([send, error]): RawCase => ({
    name: `protocol error ${show(error)} after ${show(send.slice(0, 20))}`,
    send,
    expect: `-ERR Protocol error: ${error}\r\n`,
    closes: true,
  })),
  {
    name: "replies before a protocol error are sent",
    send: "PING\r\n" + encodeCommand(["ECHO", "x"]) + "*1\r\n$-5\r\n",
    expect: "+PONG\r\n$1\r\nx\r\n-ERR Protocol error: invalid bulk length\r\n",
    closes: true,
  },
];

const PASSWORD = "pw";
const AUTH_CASES: RawCase[] = [
  {
    name: "NOAUTH before AUTH",
    send: "GET k\r\nAUTH wrong\r\nAUTH pw\r\nGET k\r\n",
    expect: "-NOAUTH Authentication required.\r\n" +
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n+OK\r\n$-1\r\n",
  },
  {
    name: "unauthenticated multibulk length",
    send: "*11\r\n",
    expect: "-ERR Protocol error: unauthenticated multibulk length\r\n",
    closes: true,
  },
  {
    name: "unauthenticated bulk length",
    send: "*2\r\n$4\r\nAUTH\r\n$16385\r\n",
    expect: "-ERR Protocol error: unauthenticated bulk length\r\n",
    closes: true,
  },
  {
    name: "no limits once authenticated",
    send: encodeCommand(["AUTH", PASSWORD]) +
      encodeCommand(["SET", "k", "v".repeat(20000)]) +
      encodeCommand(["ECHO", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]),
    expect: "+OK\r\n+OK\r\n-ERR wrong number of arguments for 'echo' command\r\n",
  },
  {
    name: "HELLO needs authentication",
    send: "HELLO 3\r\nHELLO 3 AUTH default wrong\r\nHELLO 3 AUTH default pw\r\n",
    expect: "-NOAUTH HELLO must be called with the client already authenticated, otherwise " +
      "the HELLO AUTH <user> <pass> option can be used to authenticate the client " +
      "and select the RESP protocol version at the same time\r\n" +
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n" + helloMap(3),
  },
  { name: "QUIT needs no auth", send: "QUIT\r\n", expect: "+OK\r\n", closes: true },
];

const SERVERS: { args: string[]; cases: RawCase[] }[] = [
  { args: [], cases: CASES },
  { args: ["--requirepass", PASSWORD], cases: AUTH_CASES },
];

async function runCase(port: number, c: RawCase): Promise<void> {
  const conn = await RawClient.connect(port);
  try {
    const chunks = typeof c.send === "string" ? [c.send] : c.send;
    for (const chunk of chunks) {
      conn.send(chunk);
      if (chunks.length > 1) await new Promise((r) => setTimeout(r, 5));
    }
    let got: string;
    if (c.closes) {
      got = await conn.readUntilClose();
    } else {
      const n = splitReplies(bytes(c.expect.replace(/:<id>/g, ":0"))).length;
      got = (await conn.readReplies(n)).join("");
    }
    got = maskIds(got);
    if (got !== c.expect) {
      assert.fail(
        `reply differs\n  expected ${show(c.expect.slice(0, 400))}\n  got      ${
          show(got.slice(0, 400))
        }`,
      );
    }
    if (!c.closes) {
      // Still open and in sync: one more round trip works.
      assert.equal(await conn.command("ECHO", "sync"), "$4\r\nsync\r\n");
    }
  } finally {
    conn.close();
  }
}

for (const target of targets()) {
  describe(`protocol against ${target === "redis" ? "redis-server" : "Ferrous on " + target}`, () => {
    for (const group of SERVERS) {
      describe(group.args.length ? group.args.join(" ") : "default server", () => {
        let server: ServerHandle;
        before(async () => {
          server = await startTarget(target, group.args);
        });
        after(async () => {
          await server.stop();
        });
        for (const c of group.cases) it(c.name, SLOW, () => runCase(server.port, c));
      });
    }

    describe("client-query-buffer-limit", () => {
      let server: ServerHandle;
      before(async () => {
        server = await startTarget(target, ["--client-query-buffer-limit", "1mb"]);
      });
      after(async () => {
        await server.stop();
      });
      it("a client past the limit is closed without a reply", SLOW, async () => {
        const conn = await RawClient.connect(server.port);
        try {
          conn.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n" + "x".repeat(1_100_000));
          assert.equal(await conn.readUntilClose(), "");
        } finally {
          conn.close();
        }
      });
    });
  });
}
