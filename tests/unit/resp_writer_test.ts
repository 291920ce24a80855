/**
 * ReplyWriter: the exact bytes of every method in RESP2 and RESP3, as Redis
 * 7.0 writes them (networking.c's addReply* functions).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { type Protocol, ReplyWriter } from "../../lib/resp/writer.ts";
import { formatDouble } from "../../lib/resp/double.ts";
import { latin1, show } from "../helpers/resp.ts";

function bytesOf(protocol: Protocol, write: (w: ReplyWriter) => void): string {
  const w = new ReplyWriter(64);
  w.protocol = protocol;
  write(w);
  return latin1(w.take());
}

function expectBytes(
  write: (w: ReplyWriter) => void,
  resp2: string,
  resp3: string = resp2,
): void {
  const got2 = bytesOf(2, write);
  const got3 = bytesOf(3, write);
  assert.equal(show(got2), show(resp2), "RESP2");
  assert.equal(show(got3), show(resp3), "RESP3");
}

const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");

describe("ReplyWriter: simple types", () => {
  const cases: [string, (w: ReplyWriter) => void, string, string?][] = [
    ["ok", (w) => w.ok(), "+OK\r\n"],
    ["simple", (w) => w.simple("PONG"), "+PONG\r\n"],
    ["simple with newlines", (w) => w.simple("a\r\nb\nc"), "+a  b c\r\n"],
    ["simple, empty", (w) => w.simple(""), "+\r\n"],
    ["error", (w) => w.error("ERR syntax error"), "-ERR syntax error\r\n"],
    ["error with a leading dash", (w) => w.error("-WRONGTYPE x"), "-WRONGTYPE x\r\n"],
    ["error with newlines", (w) => w.error("ERR a\r\nb"), "-ERR a  b\r\n"],
    ["int 0", (w) => w.int(0), ":0\r\n"],
    ["int 1", (w) => w.int(1), ":1\r\n"],
    ["int 9 and 10", (w) => (w.int(9), w.int(10)), ":9\r\n:10\r\n"],
    ["int -1", (w) => w.int(-1), ":-1\r\n"],
    ["int 2^53-1", (w) => w.int(Number.MAX_SAFE_INTEGER), ":9007199254740991\r\n"],
    ["int bigint max", (w) => w.int(9223372036854775807n), ":9223372036854775807\r\n"],
    ["int bigint min", (w) => w.int(-9223372036854775808n), ":-9223372036854775808\r\n"],
    ["bulk", (w) => w.bulk("hello"), "$5\r\nhello\r\n"],
    ["bulk, empty", (w) => w.bulk(""), "$0\r\n\r\n"],
    ["bulk, 10 bytes", (w) => w.bulk("0123456789"), "$10\r\n0123456789\r\n"],
    ["bulk, binary", (w) => w.bulk("\x00\r\n\xff"), "$4\r\n\x00\r\n\xff\r\n"],
    ["bulk, all 256 bytes", (w) => w.bulk(ALL_BYTES), "$256\r\n" + ALL_BYTES + "\r\n"],
    [
      "bulkBytes",
      (w) => w.bulkBytes(new Uint8Array([0, 13, 10, 255])),
      "$4\r\n\x00\r\n\xff\r\n",
    ],
    ["bulkOrNull with a value", (w) => w.bulkOrNull("v"), "$1\r\nv\r\n"],
    ["bulkOrNull undefined", (w) => w.bulkOrNull(undefined), "$-1\r\n", "_\r\n"],
    ["bulkOrNull null", (w) => w.bulkOrNull(null), "$-1\r\n", "_\r\n"],
    ["nullBulk", (w) => w.nullBulk(), "$-1\r\n", "_\r\n"],
    ["nullArray", (w) => w.nullArray(), "*-1\r\n", "_\r\n"],
    ["bool true", (w) => w.bool(true), ":1\r\n", "#t\r\n"],
    ["bool false", (w) => w.bool(false), ":0\r\n", "#f\r\n"],
    [
      "bigNumber",
      (w) => w.bigNumber("1234567890123456789012345678901234567890"),
      "$40\r\n1234567890123456789012345678901234567890\r\n",
      "(1234567890123456789012345678901234567890\r\n",
    ],
    ["bigNumber negative", (w) => w.bigNumber("-5"), "$2\r\n-5\r\n", "(-5\r\n"],
    ["verbatim txt", (w) => w.verbatim("hello"), "$5\r\nhello\r\n", "=9\r\ntxt:hello\r\n"],
    ["verbatim md", (w) => w.verbatim("# x", "mkd"), "$3\r\n# x\r\n", "=7\r\nmkd:# x\r\n"],
    [
      "verbatim with a short format is padded with spaces",
      (w) => w.verbatim("x", "md"),
      "$1\r\nx\r\n",
      "=5\r\nmd :x\r\n",
    ],
    ["verbatim, empty", (w) => w.verbatim(""), "$0\r\n\r\n", "=4\r\ntxt:\r\n"],
    ["doubleString", (w) => w.doubleString("10.5"), "$4\r\n10.5\r\n", ",10.5\r\n"],
    ["doubleString inf", (w) => w.doubleString("inf"), "$3\r\ninf\r\n", ",inf\r\n"],
    ["raw", (w) => w.raw(new Uint8Array([43, 79, 75, 13, 10])), "+OK\r\n"],
    ["rawString", (w) => w.rawString(":1\r\n"), ":1\r\n"],
  ];
  for (const [name, write, resp2, resp3] of cases) {
    test(name, () => expectBytes(write, resp2, resp3));
  }
});

describe("ReplyWriter: aggregates", () => {
  const cases: [string, (w: ReplyWriter) => void, string, string?][] = [
    ["arrayLen", (w) => w.arrayLen(2), "*2\r\n"],
    ["arrayLen 0", (w) => w.arrayLen(0), "*0\r\n"],
    ["arrayLen 12", (w) => w.arrayLen(12), "*12\r\n"],
    ["mapLen", (w) => w.mapLen(2), "*4\r\n", "%2\r\n"],
    ["mapLen 0", (w) => w.mapLen(0), "*0\r\n", "%0\r\n"],
    ["mapLen 5", (w) => w.mapLen(5), "*10\r\n", "%5\r\n"],
    ["setLen", (w) => w.setLen(3), "*3\r\n", "~3\r\n"],
    ["setLen 0", (w) => w.setLen(0), "*0\r\n", "~0\r\n"],
    ["pushLen", (w) => w.pushLen(3), "*3\r\n", ">3\r\n"],
    [
      "bulkArray",
      (w) => w.bulkArray(["a", "", "bc"]),
      "*3\r\n$1\r\na\r\n$0\r\n\r\n$2\r\nbc\r\n",
    ],
    ["bulkArray empty", (w) => w.bulkArray([]), "*0\r\n"],
    [
      "a map of mixed values",
      (w) => {
        w.mapLen(2);
        w.bulk("k");
        w.int(1);
        w.bulk("n");
        w.nullBulk();
      },
      "*4\r\n$1\r\nk\r\n:1\r\n$1\r\nn\r\n$-1\r\n",
      "%2\r\n$1\r\nk\r\n:1\r\n$1\r\nn\r\n_\r\n",
    ],
  ];
  for (const [name, write, resp2, resp3] of cases) {
    test(name, () => expectBytes(write, resp2, resp3));
  }

  test("attributeLen (RESP3 only)", () => {
    assert.equal(bytesOf(3, (w) => w.attributeLen(1)), "|1\r\n");
  });
});

describe("ReplyWriter: doubles (%.17g)", () => {
  // Expected texts are C's printf("%.17g"), as Redis's addReplyDouble writes them.
  const cases: [number, string][] = [
    [0, "0"],
    [-0, "-0"],
    [1, "1"],
    [-1, "-1"],
    [1.5, "1.5"],
    [-2.5, "-2.5"],
    [100, "100"],
    [1234567, "1234567"],
    // Integral values in 32 bits take the digits-in-place path; its edges.
    [9, "9"],
    [10, "10"],
    [-10, "-10"],
    [-987654321, "-987654321"],
    [2147483647, "2147483647"],
    [-2147483648, "-2147483648"],
    [2147483648, "2147483648"],
    [-2147483649, "-2147483649"],
    [0.1, "0.10000000000000001"],
    [-0.1, "-0.10000000000000001"],
    [1 / 3, "0.33333333333333331"],
    [2 / 3, "0.66666666666666663"],
    [0.30000000000000004, "0.30000000000000004"],
    [3.14159, "3.1415899999999999"],
    [123.456, "123.456"],
    [1e-5, "1.0000000000000001e-05"],
    [1e-4, "0.0001"],
    [0.001, "0.001"],
    [1e-7, "9.9999999999999995e-08"],
    [123e-20, "1.23e-18"],
    [-1e-100, "-1e-100"],
    [1e15, "1000000000000000"],
    [1e16, "10000000000000000"],
    [1e17, "1e+17"],
    [1.5e17, "1.5e+17"],
    [99999999999999984, "99999999999999984"],
    [12345678901234567, "12345678901234568"],
    [2 ** 53, "9007199254740992"],
    [2 ** 53 + 2, "9007199254740994"],
    [2 ** 60, "1.152921504606847e+18"],
    [1e21, "1e+21"],
    [1e22, "1e+22"],
    [1e100, "1e+100"],
    [5e-324, "4.9406564584124654e-324"],
    [2.2250738585072014e-308, "2.2250738585072014e-308"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [-1.7976931348623157e308, "-1.7976931348623157e+308"],
  ];
  for (const [d, text] of cases) {
    test(`${d} -> ${text}`, () => {
      expectBytes(
        (w) => w.double(d),
        "$" + text.length + "\r\n" + text + "\r\n",
        "," + text + "\r\n",
      );
    });
  }

  test("inf and -inf", () => {
    expectBytes((w) => w.double(Infinity), "$3\r\ninf\r\n", ",inf\r\n");
    expectBytes((w) => w.double(-Infinity), "$4\r\n-inf\r\n", ",-inf\r\n");
  });

  // glibc rounds exact decimal ties to even; JS's toExponential/toFixed round them up.
  const ties: [number, string][] = [
    [2 ** -25, "2.9802322387695312e-08"],
    [999999900000000.1, "999999900000000.12"],
    [-999999900000000.1, "-999999900000000.12"],
  ];
  for (const [d, text] of ties) {
    test(`exact tie ${d} -> ${text}`, () => assert.equal(formatDouble(d), text));
  }
});

describe("ReplyWriter: deferred lengths", () => {
  function deferred(n: number, kind?: "array" | "map" | "set"): (w: ReplyWriter) => void {
    return (w) => {
      const mark = w.beginDeferred();
      for (let i = 0; i < n * (kind === "map" ? 2 : 1); i++) w.bulk(String(i % 10));
      w.endDeferred(mark, n, kind);
    };
  }
  const items = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += "$1\r\n" + (i % 10) + "\r\n";
    return s;
  };

  test("array of 0, 3 and 12", () => {
    expectBytes(deferred(0), "*0\r\n");
    expectBytes(deferred(3), "*3\r\n" + items(3));
    expectBytes(deferred(12, "array"), "*12\r\n" + items(12));
  });

  test("map", () => {
    expectBytes(deferred(2, "map"), "*4\r\n" + items(4), "%2\r\n" + items(4));
    expectBytes(deferred(6, "map"), "*12\r\n" + items(12), "%6\r\n" + items(12));
  });

  test("set", () => {
    expectBytes(deferred(3, "set"), "*3\r\n" + items(3), "~3\r\n" + items(3));
  });

  test("nested, with replies before and after", () => {
    expectBytes(
      (w) => {
        w.ok();
        const outer = w.beginDeferred();
        w.int(7);
        const inner = w.beginDeferred();
        w.bulk("a");
        w.bulk("b");
        w.endDeferred(inner, 2, "set");
        w.endDeferred(outer, 2);
        w.ok();
      },
      "+OK\r\n*2\r\n:7\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n+OK\r\n",
      "+OK\r\n*2\r\n:7\r\n~2\r\n$1\r\na\r\n$1\r\nb\r\n+OK\r\n",
    );
  });

  test("a large body that makes the buffer grow", () => {
    const n = 5000;
    const write = (w: ReplyWriter) => {
      const mark = w.beginDeferred();
      for (let i = 0; i < n; i++) w.bulk("value-" + i);
      w.endDeferred(mark, n);
    };
    let expected = "*" + n + "\r\n";
    for (let i = 0; i < n; i++) {
      const v = "value-" + i;
      expected += "$" + v.length + "\r\n" + v + "\r\n";
    }
    expectBytes(write, expected);
  });
});

describe("ReplyWriter: buffer handling", () => {
  test("grows past its capacity, keeping earlier bytes", () => {
    const w = new ReplyWriter(16);
    const big = "x".repeat(100_000);
    w.ok();
    w.bulk(big);
    w.int(5);
    assert.equal(latin1(w.take()), "+OK\r\n$100000\r\n" + big + "\r\n:5\r\n");
  });

  test("take copies and resets", () => {
    const w = new ReplyWriter();
    w.ok();
    const first = w.take();
    w.int(1);
    assert.equal(latin1(first), "+OK\r\n");
    assert.equal(latin1(w.take()), ":1\r\n");
    assert.equal(w.len, 0);
  });

  test("swap hands out the bytes and continues in another buffer", () => {
    const w = new ReplyWriter();
    w.bulk("one");
    const a = w.swap();
    w.bulk("two");
    assert.equal(latin1(a), "$3\r\none\r\n");
    assert.equal(latin1(w.view()), "$3\r\ntwo\r\n");
    const b = w.swap();
    assert.equal(latin1(b), "$3\r\ntwo\r\n");
    assert.equal(w.len, 0);
  });

  test("count counts replies; onError sees error texts", () => {
    const w = new ReplyWriter();
    const errors: string[] = [];
    w.onError = (m) => errors.push(m);
    w.ok();
    w.error("ERR one");
    w.error("-WRONGTYPE two");
    w.bulkArray(["a", "b"]);
    assert.equal(w.count, 6);
    assert.deepEqual(errors, ["ERR one", "WRONGTYPE two"]);
  });

  test("long strings with every byte value are written byte for byte", () => {
    const s = ALL_BYTES.repeat(3);
    const w = new ReplyWriter(8);
    w.simple(s.replace(/[\r\n]/g, ""));
    w.bulk(s);
    const expectSimple = "+" + s.replace(/[\r\n]/g, "") + "\r\n";
    assert.equal(latin1(w.take()), expectSimple + "$768\r\n" + s + "\r\n");
  });
});

describe("ReplyWriter: integers written digit by digit", () => {
  test("every magnitude and sign, bigints and counter digits", () => {
    const w = new ReplyWriter();
    const values = [0, 9, 10, -1, -9, -10, 99, 100, 2147483647, -2147483647, 2147483648];
    values.push(-2147483648, 2 ** 53 - 1, -(2 ** 53 - 1), 1e15, -1e15);
    for (let e = 0; e < 53; e++) values.push(2 ** e, 2 ** e - 1, -(2 ** e), 1 - 2 ** e);
    for (const v of values) {
      w.int(v);
      assert.equal(latin1(w.take()), ":" + v + "\r\n");
    }
    w.int(-9223372036854775808n);
    w.intDigits("42");
    assert.equal(latin1(w.take()), ":-9223372036854775808\r\n:42\r\n");
  });
});
