/**
 * Debian's redis-cli against Ferrous and redis-server: output as a user
 * sees it (raw and --no-raw, RESP3 with -3), commands from stdin, -x, -n,
 * -a, -r, and --pipe mass insertion.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { encodeCommand } from "../helpers/resp.ts";
import { startTarget, targets } from "./harness.ts";

interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

function cli(port: number, args: string[], input?: string | Buffer): CliResult {
  const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], {
    input,
    timeout: 20000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    stdout: r.stdout?.toString("latin1") ?? "",
    stderr: r.stderr?.toString("latin1") ?? "",
    status: r.status,
  };
}

interface CliCase {
  name: string;
  /**
   * Invocations in order, sharing the flavour's server: [args, expected
   * output (stdout, then stderr), stdin?].
   */
  runs: [string[], string | RegExp, string?][];
}

const PASSWORD = "cli pass";
const SLOW = { timeout: SLOW_TEST_MS };

/** Cases per server flavour; the cases of a flavour share one server. */
const CASES: { serverArgs: string[]; cases: CliCase[] }[] = [
  {
    serverArgs: [],
    cases: [
      {
        name: "raw output (stdout is not a terminal)",
        runs: [
          [["PING"], "PONG\n"],
          [["SET", "cli:a", "hello world"], "OK\n"],
          [["GET", "cli:a"], "hello world\n"],
          [["GET", "cli:missing"], "\n"],
          [["ECHO", "a\nb"], "a\nb\n"],
          [["SET", "cli:a", "v", "EX", "x"], "ERR value is not an integer or out of range\n\n"],
        ],
      },
      {
        name: "--no-raw output",
        runs: [
          [["--no-raw", "PING"], "PONG\n"],
          [["--no-raw", "GET", "cli:a"], '"hello world"\n'],
          [["--no-raw", "GET", "cli:missing"], "(nil)\n"],
          [["--no-raw", "ECHO", "a\nb\x01"], '"a\\nb\\x01"\n'],
          [["--no-raw", "SELECT", "20"], "(error) ERR DB index is out of range\n"],
          [
            ["--no-raw", "NOSUCH", "x"],
            "(error) ERR unknown command 'NOSUCH', with args beginning with: 'x' \n",
          ],
        ],
      },
      {
        name: "RESP3 (-3)",
        runs: [
          [["-3", "PING"], "PONG\n"],
          [["-3", "--no-raw", "GET", "cli:missing"], "(nil)\n"],
          [["-3", "--no-raw", "GET", "cli:a"], '"hello world"\n'],
          [
            ["-3", "--no-raw", "HELLO"],
            /^1# "server" => "redis"\n2# "version" => "7\.0\.15"\n3# "proto" => \(integer\) 3\n4# "id" => \(integer\) \d+\n5# "mode" => "standalone"\n6# "role" => "master"\n7# "modules" => \(empty array\)\n$/,
          ],
        ],
      },
      {
        name: "commands from stdin, -x, -n and -r",
        runs: [
          [[], "OK\n1\nPONG\n", "SET cli:s 1\nGET cli:s\nPING\n"],
          [["-x", "SET", "cli:x"], "OK\n", "from stdin"],
          [["GET", "cli:x"], "from stdin\n"],
          [["-n", "4", "SET", "cli:n", "four"], "OK\n"],
          [["-n", "4", "GET", "cli:n"], "four\n"],
          [["GET", "cli:n"], "\n"],
          [["-r", "3", "ECHO", "x"], "x\nx\nx\n"],
        ],
      },
    ],
  },
  {
    serverArgs: ["--requirepass", PASSWORD],
    cases: [
      {
        name: "-a and --user/--pass",
        runs: [
          [["--no-raw", "GET", "cli:k"], "(error) NOAUTH Authentication required.\n"],
          [["-a", PASSWORD, "--no-auth-warning", "SET", "cli:k", "v"], "OK\n"],
          [["--user", "default", "--pass", PASSWORD, "--no-auth-warning", "GET", "cli:k"], "v\n"],
          [
            ["-a", "wrong", "--no-auth-warning", "--no-raw", "PING"],
            "(error) NOAUTH Authentication required.\n" +
            "AUTH failed: WRONGPASS invalid username-password pair or user is disabled.\n",
          ],
        ],
      },
    ],
  },
];

for (const target of targets()) {
  describe(`redis-cli against ${target === "redis" ? "redis-server" : "Ferrous on " + target}`, () => {
    for (const flavour of CASES) {
      describe(flavour.serverArgs.length ? flavour.serverArgs.join(" ") : "default server", () => {
        let server: ServerHandle;
        before(async () => {
          server = await startTarget(target, flavour.serverArgs);
        });
        after(async () => {
          await server.stop();
        });
        for (const c of flavour.cases) {
          it(c.name, SLOW, () => {
            for (const [args, expected, input] of c.runs) {
              const r = cli(server.port, args, input);
              const out = r.stdout + r.stderr;
              if (typeof expected === "string") {
                assert.equal(out, expected, `redis-cli ${args.join(" ")}`);
              } else {
                assert.match(out, expected, `redis-cli ${args.join(" ")}`);
              }
            }
          });
        }
      });
    }

    describe("--pipe mass insertion", () => {
      let server: ServerHandle;
      before(async () => {
        server = await startTarget(target);
      });
      after(async () => {
        await server.stop();
      });

      it("20000 SETs in RESP", SLOW, () => {
        const n = 20000;
        let input = "";
        for (let i = 0; i < n; i++) input += encodeCommand(["SET", "pipe:" + i, "value:" + i]);
        const r = cli(server.port, ["--pipe"], Buffer.from(input, "latin1"));
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, new RegExp(`errors: 0, replies: ${n}\\n$`));
        assert.equal(cli(server.port, ["GET", "pipe:0"]).stdout, "value:0\n");
        assert.equal(cli(server.port, ["GET", "pipe:" + (n - 1)]).stdout, `value:${n - 1}\n`);
      });

      it("inline commands and errors are counted", SLOW, () => {
        const input = "SET pipe:inline 1\r\nGET\r\n" + encodeCommand(["GET", "pipe:inline"]) +
          "NOSUCHCMD\r\n";
        const r = cli(server.port, ["--pipe"], input);
        assert.match(r.stdout, /errors: 2, replies: 4\n$/);
        assert.equal(cli(server.port, ["GET", "pipe:inline"]).stdout, "1\n");
      });

      it("binary values with every byte", SLOW, () => {
        const all = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");
        const input = encodeCommand(["SET", "pipe:bin", all]);
        const r = cli(server.port, ["--pipe"], Buffer.from(input, "latin1"));
        assert.match(r.stdout, /errors: 0, replies: 1\n$/);
        const back = spawnSync(
          "redis-cli",
          ["-h", "127.0.0.1", "-p", String(server.port), "--raw", "GET", "pipe:bin"],
        );
        assert.equal(back.stdout.toString("latin1"), all + "\n");
      });
    });
  });
}
