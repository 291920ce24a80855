/** redis-py (Debian's python3-redis, RESP2) against Ferrous and redis-server. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { CLIENT_TIMEOUT_MS, PYTHON, runPython } from "../helpers/clients.ts";
import { type ServerHandle, SLOW_TEST_MS } from "../helpers/servers.ts";
import { clientSuite, startTarget, targets } from "./harness.ts";

clientSuite({
  name: "redis-py",
  protocols: [2],
  run: (port, _protocol, cases) =>
    runPython(port, cases.map((c) => ({ steps: c.steps.map((s) => s.cmd), password: c.password }))),
});

function python(script: string): string {
  const r = spawnSync(PYTHON, ["-c", script], { encoding: "utf8", timeout: 4 * CLIENT_TIMEOUT_MS });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}

for (const target of targets()) {
  describe(`redis-py specifics against ${target}`, () => {
    let server: ServerHandle;
    before(async () => {
      server = await startTarget(target);
    });
    after(async () => {
      await server.stop();
    });

    it("typed API, pipeline without a transaction, decode_responses", {
      timeout: SLOW_TEST_MS,
    }, () => {
      const out = python(`
import redis, json
r = redis.Redis(host="127.0.0.1", port=${server.port}, decode_responses=True)
res = [r.ping(), r.set("py:a", "é"), r.get("py:a"), r.set("py:a", "x", nx=True), r.echo("hi")]
p = r.pipeline(transaction=False)
for i in range(100):
    p.set("py:p:%d" % i, i)
for i in range(100):
    p.get("py:p:%d" % i)
got = p.execute()
res.append(got[:100] == [True] * 100)
res.append(got[100:] == [str(i) for i in range(100)])
r2 = redis.Redis(host="127.0.0.1", port=${server.port}, db=5)
r2.set("py:db", "five")
res.append(r.get("py:db"))
res.append(r2.get("py:db").decode())
print(json.dumps(res))
`);
      assert.deepEqual(JSON.parse(out), [true, true, "é", null, "hi", true, true, null, "five"]);
    });
  });
}
