/** Argument parsing with Redis's rules (string2ll, strtod as string2d). */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { toDouble, toInt64 } from "../../lib/commands/parse.ts";

describe("toDouble", () => {
  test("plain integers (the fast path) and everything else as strtod", () => {
    const cases: [string, number | undefined][] = [
      ["0", 0],
      ["-0", -0],
      ["007", 7],
      ["-007", -7],
      ["123456789012345", 123456789012345],
      ["-123456789012345", -123456789012345],
      ["1234567890123456", 1234567890123456],
      ["+5", 5],
      ["5.", 5],
      ["1e3", 1000],
      ["-inf", -Infinity],
      ["+Infinity", Infinity],
      ["-", undefined],
      ["", undefined],
      ["12a", undefined],
      [" 1", undefined],
      ["1e999", undefined],
      ["1e-999", undefined],
      ["nan", undefined],
    ];
    for (const [s, want] of cases) assert.ok(Object.is(toDouble(s), want), JSON.stringify(s));
  });
});

describe("toInt64", () => {
  test("string2ll's rules", () => {
    assert.equal(toInt64("-9223372036854775808"), -9223372036854775808n);
    assert.equal(toInt64("9223372036854775808"), undefined);
    assert.equal(toInt64("007"), undefined);
    assert.equal(toInt64("+1"), undefined);
    assert.equal(toInt64("-0"), undefined);
    assert.equal(toInt64("42"), 42);
  });
});
