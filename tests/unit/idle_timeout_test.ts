import { test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../mod.ts";
import { RawClient } from "../helpers/raw_client.ts";

test("timeout closes idle connections but not subscribers", async () => {
  const server = await startServer({ timeout: 1 });
  const idle = await RawClient.connect(server.port);
  const subscriber = await RawClient.connect(server.port);
  try {
    assert.equal(await idle.command("PING"), "+PONG\r\n");
    assert.match(await subscriber.command("SUBSCRIBE", "ch"), /^\*3\r\n/);
    assert.equal(await idle.closesWithin(4000), true);
    assert.equal(await subscriber.command("PING"), "*2\r\n$4\r\npong\r\n$0\r\n\r\n");
  } finally {
    idle.close();
    subscriber.close();
    await server.close();
  }
});
