/**
 * The differential test: every file in ./cases runs against a real
 * redis-server and against Ferrous (under the runtime running this test),
 * over RESP2 and RESP3; replies must be the same bytes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ServerHandle, SLOW_TEST_MS, startFerrous, startRedis } from "../helpers/servers.ts";
import { type CaseFile, parseCaseFile } from "./cases.ts";
import { formatDifferences, runCaseFile } from "./runner.ts";

/** Starts redis-server and Ferrous; if one fails, stops the other before throwing. */
async function startPair(args: string[]): Promise<[ServerHandle, ServerHandle]> {
  const [r, f] = await Promise.allSettled([startRedis({ args }), startFerrous({ args })]);
  if (r.status === "fulfilled" && f.status === "fulfilled") return [r.value, f.value];
  if (r.status === "fulfilled") await r.value.stop();
  if (f.status === "fulfilled") await f.value.stop();
  throw r.status === "rejected" ? r.reason : (f as PromiseRejectedResult).reason;
}

const DIR = fileURLToPath(new URL("./cases/", import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();

for (const name of FILES) {
  let file: CaseFile;
  try {
    file = parseCaseFile(DIR + name, "tests/diff/cases/" + name);
  } catch (e) {
    it(`diff ${name}: parse`, () => {
      throw e;
    });
    continue;
  }
  describe(`diff ${name}`, () => {
    let redis: ServerHandle | undefined;
    let ferrous: ServerHandle | undefined;
    before(async () => {
      [redis, ferrous] = await startPair(file.serverArgs);
    });
    after(async () => {
      await Promise.all([redis?.stop(), ferrous?.stop()]);
    });
    for (const protocol of file.protocols) {
      it(`RESP${protocol}`, { timeout: SLOW_TEST_MS }, async () => {
        // Each protocol starts from empty servers.
        if (protocol !== file.protocols[0]) {
          await Promise.all([redis?.stop(), ferrous?.stop()]);
          redis = ferrous = undefined;
          [redis, ferrous] = await startPair(file.serverArgs);
        }
        assert.ok(redis && ferrous, "servers did not start");
        const diffs = await runCaseFile(file, protocol, redis.port, ferrous.port);
        if (diffs.length > 0) assert.fail(formatDifferences(file, protocol, diffs));
      });
    }
  });
}
