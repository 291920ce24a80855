/**
 * The differential test: every file in ./cases runs against a real
 * redis-server and against Ferrous (under the runtime running this test),
 * over RESP2 and RESP3; replies must be the same bytes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerHandle, SLOW_TEST_MS, startFerrous, startRedis } from "../helpers/servers.ts";
import { type CaseFile, parseCaseFile } from "./cases.ts";
import { formatDifferences, runCaseFile } from "./runner.ts";

/**
 * Starts redis-server and Ferrous; if one fails, stops the other before throwing.
 * redis-server gets an empty directory of its own: in a shared one it would load a
 * dump.rdb left by other tests (keys, and a replication id that makes ROLE and
 * INFO replication count offsets).
 */
async function startPair(args: string[]): Promise<[ServerHandle, ServerHandle]> {
  const dir = mkdtempSync(join(tmpdir(), "ferrous-diff-"));
  const [r, f] = await Promise.allSettled([
    startRedis({ args: [...args, "--dir", dir] }),
    startFerrous({ args }),
  ]);
  if (r.status === "fulfilled" && f.status === "fulfilled") {
    const redis = r.value;
    const stop = redis.stop;
    return [{
      ...redis,
      stop: () => stop().finally(() => rmSync(dir, { recursive: true, force: true })),
    }, f.value];
  }
  if (r.status === "fulfilled") await r.value.stop();
  if (f.status === "fulfilled") await f.value.stop();
  rmSync(dir, { recursive: true, force: true });
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
