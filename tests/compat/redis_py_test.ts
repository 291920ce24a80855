/**
 * redis-py (Debian's python3-redis, RESP2) through its everyday API against
 * Ferrous (under Deno and Bun) and real redis-server: the scenarios in
 * redis_py_scenarios.py (typed commands of every family, PubSub objects,
 * transactional pipelines with WATCH and `transaction()`, plain
 * pipelines), run in one Python process per server, values compared as
 * redis-py hands them to the caller (JSON-normalized).
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PYTHON } from "../helpers/clients.ts";
import { FAMILIES, family, type FamilyName, targetLabel, targets, useServer } from "./support.ts";

const SCRIPT = fileURLToPath(new URL("./redis_py_scenarios.py", import.meta.url));

const WRONGTYPE = {
  error: "ResponseError: WRONGTYPE Operation against a key holding the wrong kind of value",
};
const NOT_INT = { error: "ResponseError: value is not an integer or out of range" };

/** What each scenario must see, value by value. */
const EXPECTED: Record<FamilyName, unknown[]> = {
  strings: [
    true,
    "hello",
    100,
    11,
    "hello",
    null,
    "hello world",
    1,
    10,
    10.5,
    true,
    [
      "1",
      "2",
      null,
    ],
    "1",
    1,
    true,
    true,
    NOT_INT,
  ],
  keyspace: [
    "string",
    true,
    30,
    true,
    -1,
    true,
    1,
    24,
    Array.from({ length: 10 }, (_, i) => `py:k:1${i}`),
  ],
  hashes: [
    3,
    "ferrous",
    { name: "ferrous", n: "1", f: "1.5" },
    ["1", null],
    5,
    2.5,
    true,
    3,
    [
      "name",
      "n",
      "f",
    ],
    ["ferrous", "5", "2.5"],
    1,
    30,
  ],
  lists: [2, 3, ["a", "b", "c"], 4, 2, "c", true, 4, "A", ["c", "bb"], "b", 1, [[
    "py:q",
    "job",
  ]], null],
  sets: [
    3,
    3,
    ["x", "y", "z"],
    true,
    [1, 0],
    3,
    ["y", "z"],
    ["w", "x", "y", "z"],
    ["x"],
    1,
    true,
    "z",
    0,
  ],
  zsets: [
    3,
    [["a", 1], ["b", 2.5], ["c", 3]],
    2.5,
    [1, null],
    3.25,
    2,
    ["c"],
    ["b"],
    2,
    [["a", 1]],
    [["c", 3.25], ["b", 2.5]],
    2,
    [["x", 1], ["y", 12]],
  ],
  streams: [
    "1-1",
    "1-2",
    2,
    [["1-1", { f: "v1" }], ["1-2", { f: "v2", g: "w" }]],
    [["1-2", { f: "v2", g: "w" }]],
    [["py:xs", [["1-1", { f: "v1" }]]]],
    true,
    [["py:xs", [["1-1", { f: "v1" }], ["1-2", { f: "v2", g: "w" }]]]],
    1,
    { pending: 1, min: "1-2", max: "1-2", consumers: [{ name: "c1", pending: 1 }] },
    1,
    1,
  ],
  pubsub: [
    [["py:ch", 1], ["py:none", 0]],
    1,
    ["py:ch"],
    2,
    [
      { type: "subscribe", pattern: null, channel: "py:ch", data: 1 },
      { type: "psubscribe", pattern: null, channel: "py:c*", data: 2 },
      { type: "message", pattern: null, channel: "py:ch", data: "hello" },
      { type: "pmessage", pattern: "py:c*", channel: "py:ch", data: "hello" },
    ],
    [
      { type: "unsubscribe", pattern: null, channel: "py:ch", data: 1 },
      { type: "punsubscribe", pattern: null, channel: "py:c*", data: 0 },
    ],
    0,
  ],
  transactions: [
    [true, 2, "2"],
    [true, NOT_INT, "x"],
    "x",
    "WatchError",
    "theirs",
    [true],
    "2",
    [601, true, WRONGTYPE, "0", "299"],
  ],
};

/** Runs the scenarios of `families` against `port`; their results by family. */
function runScenarios(port: number, families: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, [SCRIPT, String(port), ...families], {
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Uint8Array) => (out += new TextDecoder().decode(d)));
    p.stderr.on("data", (d: Uint8Array) => (err += new TextDecoder().decode(d)));
    p.on("error", reject);
    p.on("exit", (code, signal) => {
      if (code !== 0) reject(new Error(`python exited ${code ?? signal}: ${err}`));
      else resolve(JSON.parse(out));
    });
  });
}

const NAMES = Object.keys(FAMILIES) as FamilyName[];

for (const target of targets()) {
  describe(`redis-py compat: ${targetLabel(target)}`, () => {
    const server = useServer(target);
    let results: Record<string, unknown> = {};
    before(async () => {
      const runnable = NAMES.filter((n) => family(target, n).skip === undefined);
      if (runnable.length > 0) results = await runScenarios(server().port, runnable);
    });
    for (const name of NAMES) {
      it(name, family(target, name), () => {
        assert.deepEqual(results[name], EXPECTED[name]);
      });
    }
  });
}
