/**
 * The differential test: every file in ./cases runs against a real
 * redis-server and against Ferrous (under the runtime running this test),
 * over RESP2 and RESP3; replies must be the same bytes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ServerHandle, startFerrous, startRedis } from "../helpers/servers.ts";
import { parseCaseFile } from "./cases.ts";
import { formatDifferences, runCaseFile } from "./runner.ts";

const DIR = fileURLToPath(new URL("./cases/", import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();

for (const name of FILES) {
  const file = parseCaseFile(DIR + name, "tests/diff/cases/" + name);
  describe(`diff ${name}`, () => {
    let redis: ServerHandle | undefined;
    let ferrous: ServerHandle | undefined;
    before(async () => {
      [redis, ferrous] = await Promise.all([
        startRedis({ args: file.serverArgs }),
        startFerrous({ args: file.serverArgs }),
      ]);
    });
    after(async () => {
      await Promise.all([redis?.stop(), ferrous?.stop()]);
    });
    for (const protocol of file.protocols) {
      it(`RESP${protocol}`, async () => {
        // Each protocol starts from empty servers.
        if (protocol !== file.protocols[0]) {
          await Promise.all([redis!.stop(), ferrous!.stop()]);
          [redis, ferrous] = await Promise.all([
            startRedis({ args: file.serverArgs }),
            startFerrous({ args: file.serverArgs }),
          ]);
        }
        const diffs = await runCaseFile(file, protocol, redis!.port, ferrous!.port);
        if (diffs.length > 0) assert.fail(formatDifferences(file, protocol, diffs));
      });
    }
  });
}
