/**
 * RespParser: pipelined input split at every byte, multibulk and inline
 * syntax, binary safety, malformed input with Redis's error texts, limits.
 */
import { splitInlineArgs } from "../../lib/resp/inline.ts";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { type ParserLimits, RespParser } from "../../lib/resp/parser.ts";
import {
  ArgumentCache,
  type BinaryDecoder,
  decodeChunked,
  decodeNative,
  wordHash,
} from "../../lib/resp/binary.ts";
import { bytes, encodeCommand } from "../helpers/resp.ts";

interface Outcome {
  commands: string[][];
  /** Protocol errors reported (Redis replies the text, then closes). */
  errors: string[];
}

const DECODERS: [string, BinaryDecoder][] = [["native", decodeNative], [
  "chunked",
  decodeChunked,
]];

function newParser(
  limits: Partial<ParserLimits> = {},
  decode: BinaryDecoder = decodeNative,
  authRequired = false,
): RespParser {
  const p = new RespParser(limits, decode);
  p.authRequired = authRequired;
  return p;
}

/**
 * Feeds `chunks` in order; each chunk's buffer is overwritten after feed
 * returns, as transports reuse their read buffers.
 */
function run(parser: RespParser, chunks: Uint8Array[]): Outcome {
  const out: Outcome = { commands: [], errors: [] };
  const sink = {
    onCommand: (argv: string[]) => {
      out.commands.push([...argv]);
    },
    onProtocolError: (message: string) => {
      out.errors.push(message);
    },
  };
  for (const chunk of chunks) {
    const copy = chunk.slice();
    parser.feed(copy, sink);
    copy.fill(0x58);
  }
  return out;
}

function parse(input: string, limits: Partial<ParserLimits> = {}, authRequired = false): Outcome {
  return run(newParser(limits, decodeNative, authRequired), [bytes(input)]);
}

/** Every 256 byte values, in a binary string. */
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");

/** Real pipelined traffic: multibulk and inline commands mixed, with binary and empty arguments. */
const PIPELINE: { input: string; commands: string[][] } = (() => {
  const cmds: string[][] = [
    ["SET", "key:1", "hello world"],
    ["GET", "key:1"],
    ["SET", "bin\r\n\x00key", "\r\n$3\r\n*1\r\n\x00\xff"],
    ["ECHO", ""],
    ["MSET", "a", "1", "b", "2", "c", "3"],
    ["SET", "big", "x".repeat(300)],
    ["PING"],
  ];
  let input = "";
  const commands: string[][] = [];
  for (const c of cmds) {
    input += encodeCommand(c);
    commands.push(c);
  }
  input += "PING\r\n";
  commands.push(["PING"]);
  input += 'set "quoted key" \'single \\\' q\' "esc\\x41\\n"\n';
  commands.push(["set", "quoted key", "single ' q", "escA\n"]);
  input += "\r\n"; // An empty inline line is skipped.
  input += "*0\r\n"; // As is an empty multibulk.
  input += "  get   spaced\t\r\n";
  commands.push(["get", "spaced"]);
  input += encodeCommand(["GET", ALL_BYTES]);
  commands.push(["GET", ALL_BYTES]);
  return { input, commands };
})();

describe("RespParser: split points", () => {
  for (const [name, decode] of DECODERS) {
    test(`whole input, ${name} decoder`, () => {
      const out = run(newParser({}, decode), [bytes(PIPELINE.input)]);
      assert.deepEqual(out.errors, []);
      assert.deepEqual(out.commands, PIPELINE.commands);
    });

    test(`2 pieces at every split position, ${name} decoder`, () => {
      const all = bytes(PIPELINE.input);
      for (let i = 0; i <= all.length; i++) {
        const out = run(newParser({}, decode), [all.subarray(0, i), all.subarray(i)]);
        assert.deepEqual(out.errors, [], `split at ${i}`);
        assert.deepEqual(out.commands, PIPELINE.commands, `split at ${i}`);
      }
    });
  }

  for (const [name, decode] of DECODERS) {
    test(`long random pipelines split at random points, ${name} decoder`, () => {
      // Arguments repeat at their positions for a while, then change every
      // command (as with -r), so that each position's comparison with the
      // previous command and its cache lookups start, miss, pause and resume,
      // with commands of every size split across chunks anywhere.
      let seed = 12345;
      const random = () => {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        return seed / 0x100000000;
      };
      const pool = ["SET", "GET", "k", "key:000000000001", "", "x".repeat(24), "\x00\xff\r\n"];
      const fresh = () => {
        const n = Math.floor(random() * 30);
        let s = "";
        for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(random() * 256));
        return s;
      };
      const commands: string[][] = [];
      let regime = 0;
      for (let c = 0; c < 4000; c++) {
        if (c % 300 === 0) regime = Math.floor(random() * 3);
        const argc = 1 + Math.floor(random() * 10);
        const argv: string[] = [];
        for (let a = 0; a < argc; a++) {
          const repeat = regime === 0 ? 0.95 : regime === 1 ? 0.5 : 0.02;
          const previous = commands.length > 0 ? commands[commands.length - 1][a] : undefined;
          if (previous !== undefined && random() < repeat) argv.push(previous);
          else if (random() < 0.3) argv.push(pool[Math.floor(random() * pool.length)]);
          else argv.push(fresh());
        }
        commands.push(argv);
      }
      const all = bytes(commands.map(encodeCommand).join(""));
      const chunks: Uint8Array[] = [];
      for (let p = 0; p < all.length;) {
        const n = 1 + Math.floor(random() * 200);
        chunks.push(all.subarray(p, p + n));
        p += n;
      }
      const out = run(newParser({}, decode), chunks);
      assert.deepEqual(out.errors, []);
      assert.deepEqual(out.commands, commands);
    });
  }

  test("3 pieces at every pair of split positions", () => {
    // A shorter input keeps the O(n^2) pairs quick while covering every state.
    const cmds = [["SET", "k\r\n", "v\x00"], ["GET", "k"], ["DEL", "a", ""]];
    let input = cmds.map(encodeCommand).join("") + 'ECHO "a b"\r\n';
    const expected = [...cmds, ["ECHO", "a b"]];
    input += encodeCommand(["X"]);
    expected.push(["X"]);
    const all = bytes(input);
    for (let i = 0; i <= all.length; i++) {
      for (let j = i; j <= all.length; j++) {
        const out = run(newParser(), [all.subarray(0, i), all.subarray(i, j), all.subarray(j)]);
        assert.deepEqual(out.errors, [], `split at ${i}, ${j}`);
        assert.deepEqual(out.commands, expected, `split at ${i}, ${j}`);
      }
    }
  });

  test("one byte at a time", () => {
    const all = bytes(PIPELINE.input);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < all.length; i++) chunks.push(all.subarray(i, i + 1));
    const out = run(newParser(), chunks);
    assert.deepEqual(out.commands, PIPELINE.commands);
  });

  test("a protocol error is reported the same at every split", () => {
    const input = encodeCommand(["PING"]) + "*2\r\n$3\r\nGET\r\n$x\r\n" + encodeCommand(["PING"]);
    const all = bytes(input);
    for (let i = 0; i <= all.length; i++) {
      const out = run(newParser(), [all.subarray(0, i), all.subarray(i)]);
      assert.deepEqual(out.commands, [["PING"]], `split at ${i}`);
      assert.deepEqual(out.errors, ["Protocol error: invalid bulk length"], `split at ${i}`);
    }
  });

  test("large bulk arriving in many chunks", () => {
    const value = "v".repeat(200_000) + ALL_BYTES;
    const all = bytes(encodeCommand(["SET", "k", value]) + encodeCommand(["GET", "k"]));
    for (const size of [1000, 4096, 65536, 99_999]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
      const out = run(newParser(), chunks);
      assert.deepEqual(out.commands, [["SET", "k", value], ["GET", "k"]], `chunks of ${size}`);
    }
  });
});

describe("RespParser: multibulk", () => {
  const cases: [string, string, string[][]][] = [
    ["simple", "*1\r\n$4\r\nPING\r\n", [["PING"]]],
    ["empty argument", "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", [["ECHO", ""]]],
    ["zero count is skipped", "*0\r\n*1\r\n$1\r\nA\r\n", [["A"]]],
    ["negative count is skipped", "*-1\r\n*-99\r\n*1\r\n$1\r\nA\r\n", [["A"]]],
    ["bulk terminator bytes are not checked", "*1\r\n$1\r\nAxy*1\r\n$1\r\nB\r\n", [["A"], ["B"]]],
    ["count line ends at \\r", "*1\rX$1\r\nA\r\n", [["A"]]],
    ["lowercase and mixed command names come out as sent", "*1\r\n$4\r\npInG\r\n", [["pInG"]]],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const out = parse(input);
      assert.deepEqual(out.errors, []);
      assert.deepEqual(out.commands, expected);
    });
  }

  test("incomplete input waits", () => {
    for (const input of ["*", "*1", "*1\r", "*1\r\n", "*1\r\n$", "*1\r\n$4\r", "*1\r\n$4\r\nPIN"]) {
      const p = newParser();
      const out = run(p, [bytes(input)]);
      assert.deepEqual(out, { commands: [], errors: [] }, input);
      assert.equal(p.midCommand, true, input);
    }
  });

  test("bufferedBytes and midCommand", () => {
    const p = newParser();
    run(p, [bytes("*2\r\n$3\r\nGET\r\n$5\r\nab")]);
    assert.equal(p.midCommand, true);
    assert.ok(p.bufferedBytes > 0);
    const out = run(p, [bytes("cde\r\n")]);
    assert.deepEqual(out.commands, [["GET", "abcde"]]);
    assert.equal(p.midCommand, false);
    assert.equal(p.bufferedBytes, 0);
  });

  test("onCommand returning false pauses; the rest is parsed on the next feed", () => {
    const p = newParser();
    const seen: string[][] = [];
    const stopping = {
      onCommand: (argv: string[]) => {
        seen.push(argv);
        return false;
      },
      onProtocolError: () => assert.fail("no error expected"),
    };
    p.feed(bytes(encodeCommand(["A"]) + encodeCommand(["B"]) + "C\r\n"), stopping);
    assert.deepEqual(seen, [["A"]]);
    p.feed(new Uint8Array(0), stopping);
    assert.deepEqual(seen, [["A"], ["B"]]);
    p.feed(new Uint8Array(0), stopping);
    assert.deepEqual(seen, [["A"], ["B"], ["C"]]);
  });
});

describe("RespParser: inline commands", () => {
  // What sdssplitargs makes of a line, as redis-server and redis-cli split it.
  const cases: [string, string[] | null][] = [
    ["PING", ["PING"]],
    ["set k v", ["set", "k", "v"]],
    ["  set \t k    v  ", ["set", "k", "v"]],
    ['set k "a b"', ["set", "k", "a b"]],
    ["set k 'a b'", ["set", "k", "a b"]],
    ['set k ""', ["set", "k", ""]],
    ["set k ''", ["set", "k", ""]],
    ['echo "\\x41\\x62\\x00\\xff\\xFf"', ["echo", "Ab\x00\xff\xff"]],
    ['echo "\\x4g"', ["echo", "x4g"]],
    ['echo "\\x4"', ["echo", "x4"]],
    ['echo "\\n\\r\\t\\b\\a\\q\\\\\\""', ["echo", '\n\r\t\b\x07q\\"']],
    ["echo 'it\\'s'", ["echo", "it's"]],
    ["echo 'a\\nb\\\\ c'", ["echo", "a\\nb\\\\ c"]],
    ["echo 'a\\\\'", null],
    ['echo a"b c"', ["echo", "ab c"]],
    ["echo a'b c'", ["echo", "ab c"]],
    ['echo "a b"  "c"', ["echo", "a b", "c"]],
    ['echo "a"\t"b"', ["echo", "a", "b"]],
    ["echo \xe2\x82\xac \xff", ["echo", "\xe2\x82\xac", "\xff"]],
    ['echo "unterminated', null],
    ["echo 'unterminated", null],
    ['echo "a"b', null],
    ["echo 'a'b", null],
    ['echo "a""b"', null],
    ['echo "\\"', null],
  ];
  for (const [line, expected] of cases) {
    test(JSON.stringify(line), () => {
      for (const eol of ["\r\n", "\n"]) {
        const out = parse(line + eol);
        if (expected === null) {
          assert.deepEqual(out.commands, []);
          assert.deepEqual(out.errors, ["Protocol error: unbalanced quotes in request"]);
        } else {
          assert.deepEqual(out.errors, []);
          assert.deepEqual(out.commands, [expected]);
        }
      }
    });
  }

  test("empty and blank lines are skipped", () => {
    const out = parse("\r\n\n   \r\n\t\nPING\r\n");
    assert.deepEqual(out, { commands: [["PING"]], errors: [] });
  });

  test("a lone \\r inside a line is whitespace", () => {
    assert.deepEqual(parse("ECHO a\rb\r\n").commands, [["ECHO", "a", "b"]]);
  });

  test("inline lines that look like protocol are commands", () => {
    assert.deepEqual(parse("$3\r\n").commands, [["$3"]]);
  });

  test("an inline line waits for its newline", () => {
    const p = newParser();
    assert.deepEqual(run(p, [bytes("PI")]).commands, []);
    assert.deepEqual(run(p, [bytes("NG\r")]).commands, []);
    assert.deepEqual(run(p, [bytes("\n")]).commands, [["PING"]]);
  });
});

describe("binary decoders", () => {
  test("both decoders return exactly the bytes at every length up to 64", () => {
    for (let len = 0; len <= 64; len++) {
      for (let first = 0; first < 256; first += 17) {
        const buf = new Uint8Array(len + 3);
        for (let i = 0; i < len; i++) buf[1 + i] = (first + i * 41) & 255;
        const want = Array.from(buf.subarray(1, 1 + len), (b) => String.fromCharCode(b)).join("");
        assert.equal(decodeChunked(buf, 1, 1 + len), want, `chunked, ${len} bytes`);
        assert.equal(decodeNative(buf, 1, 1 + len), want, `native, ${len} bytes`);
      }
    }
  });
});

describe("RespParser: binary safety", () => {
  for (const [name, decode] of DECODERS) {
    test(`all 256 byte values in keys and values (${name} decoder)`, () => {
      const cmds: string[][] = [["SET", ALL_BYTES, ALL_BYTES]];
      for (let b = 0; b < 256; b++) {
        const c = String.fromCharCode(b);
        cmds.push(["SET", c, c + c]);
        cmds.push(["SET", "k" + c + "k", "\r\n" + c]);
      }
      const out = run(newParser({}, decode), [bytes(cmds.map(encodeCommand).join(""))]);
      assert.deepEqual(out.errors, []);
      assert.deepEqual(out.commands, cmds);
    });

    test(`every byte value as a command name (${name} decoder)`, () => {
      // Command names go through an intern table: it must not confuse similar names.
      const cmds: string[][] = [];
      for (let b = 0; b < 256; b++) {
        const c = String.fromCharCode(b);
        cmds.push([c], ["GE" + c], [c + "ET"], ["G" + c + "T"], ["get"], ["GET"]);
      }
      const out = run(newParser({}, decode), [bytes(cmds.map(encodeCommand).join(""))]);
      assert.deepEqual(out.commands, cmds);
    });
  }
});

describe("RespParser: malformed input (Redis's error texts)", () => {
  const big = 64 * 1024;
  // [name, input, error, commands parsed before the error]
  const cases: [string, string, string, string[][]][] = [
    ["count not a number", "*x\r\n", "Protocol error: invalid multibulk length", []],
    ["count with a plus sign", "*+1\r\n", "Protocol error: invalid multibulk length", []],
    ["count with a leading zero", "*01\r\n", "Protocol error: invalid multibulk length", []],
    ["count -0", "*-0\r\n", "Protocol error: invalid multibulk length", []],
    ["count with a space", "*1 \r\n", "Protocol error: invalid multibulk length", []],
    ["empty count", "*\r\n", "Protocol error: invalid multibulk length", []],
    ["count past INT_MAX", "*2147483648\r\n", "Protocol error: invalid multibulk length", []],
    [
      "count of 21 digits",
      "*100000000000000000000\r\n",
      "Protocol error: invalid multibulk length",
      [],
    ],
    ["bulk length not a number", "*1\r\n$x\r\n", "Protocol error: invalid bulk length", []],
    ["negative bulk length", "*1\r\n$-1\r\n", "Protocol error: invalid bulk length", []],
    ["empty bulk length", "*1\r\n$\r\n", "Protocol error: invalid bulk length", []],
    ["bulk length with leading zero", "*1\r\n$03\r\n", "Protocol error: invalid bulk length", []],
    [
      "bulk length past proto-max-bulk-len",
      "*1\r\n$536870913\r\n",
      "Protocol error: invalid bulk length",
      [],
    ],
    ["missing $", "*1\r\nx3\r\n", "Protocol error: expected '$', got 'x'", []],
    [
      "inline where a bulk is due",
      "*2\r\n$3\r\nGET\r\nk\r\n",
      "Protocol error: expected '$', got 'k'",
      [],
    ],
    ["empty line where a bulk is due", "*1\r\n\r\n", "Protocol error: expected '$', got '\r'", []],
    [
      "bulk longer than said",
      "*2\r\n$1\r\nab$1\r\nx\r\n",
      "Protocol error: expected '$', got '1'",
      [],
    ],
    [
      "unbalanced quotes after good commands",
      "PING\r\n" + encodeCommand(["PING"]) + 'ECHO "x\r\n',
      "Protocol error: unbalanced quotes in request",
      [["PING"], ["PING"]],
    ],
    ["too big inline request", "A".repeat(big + 1), "Protocol error: too big inline request", []],
    [
      "too big mbulk count string",
      "*" + "1".repeat(big),
      "Protocol error: too big mbulk count string",
      [],
    ],
    [
      "too big bulk count string",
      "*1\r\n$" + "1".repeat(big),
      "Protocol error: too big bulk count string",
      [],
    ],
  ];
  for (const [name, input, error, before] of cases) {
    test(name, () => {
      const p = newParser();
      const out = run(p, [bytes(input)]);
      assert.deepEqual(out.errors, [error]);
      assert.deepEqual(out.commands, before);
      assert.equal(p.failed, true);
      // After an error the connection closes: later bytes are ignored.
      assert.deepEqual(run(p, [bytes(encodeCommand(["PING"]))]), { commands: [], errors: [] });
    });
  }

  test("limits are not hit one byte short of them", () => {
    assert.deepEqual(parse("A".repeat(big)).errors, []);
    assert.deepEqual(parse("*" + "1".repeat(big - 1)).errors, []);
    assert.deepEqual(parse("*1\r\n$" + "1".repeat(big - 1)).errors, []);
    assert.deepEqual(parse("*2147483647\r\n").errors, []);
    assert.deepEqual(parse("*1\r\n$536870912\r\n").errors, []);
    // A long inline line is fine once its newline is there.
    const long = "ECHO " + "a".repeat(big + 10);
    assert.deepEqual(parse(long + "\r\n").commands, [["ECHO", "a".repeat(big + 10)]]);
  });

  test("too big inline request across chunks", () => {
    const p = newParser();
    const out = run(p, [bytes("A".repeat(40000)), bytes("A".repeat(40000))]);
    assert.deepEqual(out.errors, ["Protocol error: too big inline request"]);
  });

  test("commands before the error in the same chunk still run", () => {
    const out = parse(encodeCommand(["SET", "a", "1"]) + "GET a\r\n*1\r\n$-5\r\n");
    assert.deepEqual(out.commands, [["SET", "a", "1"], ["GET", "a"]]);
    assert.deepEqual(out.errors, ["Protocol error: invalid bulk length"]);
  });
});

describe("RespParser: limits", () => {
  test("unauthenticated multibulk length", () => {
    assert.deepEqual(parse("*11\r\n", {}, true).errors, [
      "Protocol error: unauthenticated multibulk length",
    ]);
    const ten = encodeCommand(Array.from({ length: 10 }, (_, i) => "a" + i));
    assert.deepEqual(parse(ten, {}, true), {
      commands: [Array.from({ length: 10 }, (_, i) => "a" + i)],
      errors: [],
    });
  });

  test("unauthenticated bulk length", () => {
    assert.deepEqual(parse("*2\r\n$4\r\nAUTH\r\n$16385\r\n", {}, true).errors, [
      "Protocol error: unauthenticated bulk length",
    ]);
    const ok = encodeCommand(["AUTH", "p".repeat(16384)]);
    assert.deepEqual(parse(ok, {}, true).commands, [["AUTH", "p".repeat(16384)]]);
  });

  test("authenticated clients have no such limits", () => {
    const many = Array.from({ length: 11 }, () => "x");
    assert.deepEqual(parse(encodeCommand(many)).commands, [many]);
    assert.deepEqual(parse(encodeCommand(["SET", "k", "v".repeat(20000)])).errors, []);
  });

  test("inline commands have no unauthenticated limit", () => {
    const args = Array.from({ length: 20 }, () => "a").join(" ");
    assert.deepEqual(parse(args + "\r\n", {}, true).errors, []);
  });

  test("the limit follows authRequired between commands", () => {
    const p = newParser({}, decodeNative, true);
    const out: string[][] = [];
    const errors: string[] = [];
    p.feed(
      bytes(encodeCommand(["AUTH", "pw"]) + "*11\r\n"),
      {
        onCommand(argv) {
          out.push(argv);
          p.authRequired = false;
        },
        onProtocolError: (m) => errors.push(m),
      },
    );
    assert.deepEqual(out, [["AUTH", "pw"]]);
    assert.deepEqual(errors, []);
  });

  test("proto-max-bulk-len", () => {
    const limits = { maxBulkLen: 10 };
    assert.deepEqual(parse("*1\r\n$11\r\n", limits).errors, [
      "Protocol error: invalid bulk length",
    ]);
    assert.deepEqual(parse(encodeCommand(["0123456789"]), limits).commands, [["0123456789"]]);
  });

  test("client-query-buffer-limit closes without a reply", () => {
    const p = newParser({ maxQueryBuffer: 1000 });
    const head = "*2\r\n$3\r\nSET\r\n$5000\r\n";
    const out = run(p, [bytes(head + "x".repeat(900)), bytes("x".repeat(900))]);
    assert.deepEqual(out.commands, []);
    assert.deepEqual(out.errors, [""]);
    assert.equal(p.failed, true);
  });

  test("a query buffer under the limit is fine", () => {
    const p = newParser({ maxQueryBuffer: 100_000 });
    const value = "x".repeat(50_000);
    const all = bytes(encodeCommand(["SET", "k", value]));
    const out = run(p, [all.subarray(0, 30_000), all.subarray(30_000)]);
    assert.deepEqual(out.commands, [["SET", "k", value]]);
  });
});

describe("RespParser: inline lines", () => {
  test("the byte-level fast path splits as sdssplitargs (random lines vs splitInlineArgs)", () => {
    const alphabet = [
      "a",
      "b",
      " ",
      "\t",
      "\r",
      "\x0b",
      "\x0c",
      "\x00",
      '"',
      "'",
      "\\",
      "x",
      "1",
      "\xff",
      "PING",
    ];
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 0x100000000;
    for (let i = 0; i < 20_000; i++) {
      let line = "";
      const len = Math.floor(rnd() * 12);
      for (let j = 0; j < len; j++) line += alphabet[Math.floor(rnd() * alphabet.length)];
      const got: (string[] | null)[] = [];
      const parser = new RespParser();
      parser.feed(Uint8Array.from(line + "\n", (c) => c.charCodeAt(0)), {
        onCommand(argv) {
          got.push(argv);
        },
        onProtocolError() {
          got.push(null);
        },
      });
      const want = splitInlineArgs(line.endsWith("\r") ? line.slice(0, -1) : line);
      assert.deepEqual(
        got,
        want === null ? [null] : want.length > 0 ? [want] : [],
        JSON.stringify(line),
      );
    }
  });
});

describe("RespParser: inline lines in sequence", () => {
  // One parser for every line: the previous line's command name is reused
  // when the bytes match, and lines past 64 bytes find their newline with
  // indexOf. Names repeat, share prefixes, differ in case or by one byte.
  const NAMES = ["PING", "PING", "ping", "PIN", "PINGX", "PINH", "SET", "\xffP", "ECHO"];
  const WORDS = ["a", "bb", "PING", "x".repeat(70), "\xff"];

  test("a line's words match splitInlineArgs, whatever the line before it", () => {
    let seed = 11;
    const rnd = (n: number) =>
      Math.floor(((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 0x100000000) * n);
    for (const chunkSize of [1, 7, 64, 100_000]) {
      const want: string[][] = [];
      let input = "";
      for (let i = 0; i < 3000; i++) {
        const words = [NAMES[rnd(NAMES.length)]];
        for (let k = rnd(3); k > 0; k--) words.push(WORDS[rnd(WORDS.length)]);
        const line = (rnd(4) === 0 ? "  " : "") + words.join(rnd(2) ? " " : "\t");
        input += line + (rnd(2) ? "\r\n" : "\n");
        want.push(splitInlineArgs(line)!);
      }
      const all = bytes(input);
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < all.length; i += chunkSize) chunks.push(all.subarray(i, i + chunkSize));
      const out = run(newParser(), chunks);
      assert.deepEqual(out.errors, []);
      assert.deepEqual(out.commands, want, `chunks of ${chunkSize}`);
    }
  });
});

describe("ArgumentCache", () => {
  /** A decoder that counts its calls per decoded string. */
  function countingDecoder(): { decode: BinaryDecoder; calls: Map<string, number> } {
    const calls = new Map<string, number>();
    const decode: BinaryDecoder = (b, s, e) => {
      const str = decodeNative(b, s, e);
      calls.set(str, (calls.get(str) ?? 0) + 1);
      return str;
    };
    return { decode, calls };
  }
  const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  /** The slot ArgumentCache picks (its hash folded to 12 bits), to build collisions. */
  function slotOf(s: string): number {
    const h = wordHash(latin1(s), 0, s.length);
    return (h ^ (h >>> 12)) & 4095;
  }

  test("returns exactly the bytes, every length and byte value, on misses and hits", () => {
    const cache = new ArgumentCache();
    for (let len = 0; len <= 40; len++) {
      for (let first = 0; first < 256; first += 15) {
        const buf = new Uint8Array(len + 4);
        for (let i = 0; i < len; i++) buf[2 + i] = (first + i * 37) & 255;
        const want = decodeNative(buf, 2, 2 + len);
        for (let round = 0; round < 3; round++) {
          assert.equal(cache.get(buf, 2, 2 + len, decodeNative), want);
        }
      }
    }
  });

  test("keys sharing a prefix and colliding slots never return another key", () => {
    const cache = new ArgumentCache();
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 200_000; i++) {
      const key = "key:" + String(rnd() % 20_000).padStart(12, "0");
      assert.equal(cache.get(latin1("  " + key), 2, 2 + key.length, decodeNative), key);
    }
  });

  test("a repeated short argument is decoded once; long ones every time", () => {
    const { decode, calls } = countingDecoder();
    const cache = new ArgumentCache();
    const short = latin1("user:1000:name");
    const long = latin1("x".repeat(ArgumentCache.MAX_LENGTH + 1));
    for (let i = 0; i < 10; i++) {
      cache.get(short, 0, short.length, decode);
      cache.get(long, 0, long.length, decode);
    }
    assert.equal(calls.get("user:1000:name"), 1);
    assert.equal(calls.get("x".repeat(ArgumentCache.MAX_LENGTH + 1)), 10);
  });

  test("wordHash spreads keys that differ in one byte over the slots", () => {
    const used = new Set<number>();
    for (let i = 0; i < 4096; i++) used.add(slotOf("key:" + String(i).padStart(12, "0")));
    // A uniform hash fills ~63% of 4096 slots with 4096 keys.
    assert.ok(used.size > 2400, `only ${used.size} slots used`);
  });

  test("a slot changes hands only after 8 misses in a row", () => {
    const hot = "hot";
    let rival = "";
    for (let i = 0; rival === ""; i++) if (slotOf("r" + i) === slotOf(hot)) rival = "r" + i;
    const { decode, calls } = countingDecoder();
    const cache = new ArgumentCache();
    const get = (s: string) => cache.get(latin1(s), 0, s.length, decode);
    get(hot);
    for (let i = 0; i < 7; i++) get(rival);
    get(hot); // still cached: 7 misses, and a hit resets the count
    for (let i = 0; i < 7; i++) get(rival);
    get(hot);
    assert.equal(calls.get(hot), 1);
    assert.equal(calls.get(rival), 14);
    for (let i = 0; i < 8; i++) get(rival); // the 8th miss in a row takes the slot
    get(rival);
    assert.equal(calls.get(rival), 22);
    get(hot);
    assert.equal(calls.get(hot), 2);
  });
});
