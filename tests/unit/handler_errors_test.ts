/**
 * A handler that throws after writing part of its reply must not leave that
 * part behind: the client would read it as the start of the error reply and
 * stay out of step for every later reply.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createInProcess } from "../../mod.ts";
import type { CommandDefinition } from "../../lib/core/command.ts";
import { fail } from "../../lib/core/errors.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function withBrokenCommands() {
  const srv = createInProcess();
  // A bug (not a RedisError) thrown halfway through an array reply.
  const broken: CommandDefinition = {
    name: "halfreply",
    arity: 1,
    docs: { summary: "test", since: "0.0.0", group: "server" },
    handler(c) {
      c.reply.arrayLen(2);
      c.reply.bulk("first");
      throw new Error("boom");
    },
  };
  // A RedisError thrown after some output, as a deep helper's fail() would.
  const failing: CommandDefinition = {
    name: "halffail",
    arity: 1,
    docs: { summary: "test", since: "0.0.0", group: "server" },
    handler(c) {
      c.reply.arrayLen(1);
      fail("ERR deep failure");
    },
  };
  srv.engine.register(broken);
  srv.engine.register(failing);
  srv.engine.hooks.log = () => {};
  return srv;
}

describe("handler errors", () => {
  it("replace the partial reply with the error", () => {
    const srv = withBrokenCommands();
    assert.equal(text(srv.callRaw("HALFREPLY")), "-ERR boom\r\n");
    assert.equal(text(srv.callRaw("HALFFAIL")), "-ERR deep failure\r\n");
    assert.equal(text(srv.callRaw("PING")), "+PONG\r\n");
  });

  it("inside EXEC keep the replies before them", () => {
    const srv = withBrokenCommands();
    srv.callRaw("MULTI");
    srv.callRaw("SET", "k", "v");
    srv.callRaw("HALFREPLY");
    srv.callRaw("GET", "k");
    assert.equal(text(srv.callRaw("EXEC")), "*3\r\n+OK\r\n-ERR boom\r\n$1\r\nv\r\n");
  });
});
