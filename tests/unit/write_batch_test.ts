/**
 * Writes batched to the end of the event-loop turn (lib/transport/batch.ts):
 * nothing is sent during the turn, then everything in call order; each
 * promise settles with its own send.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { batchedWrites } from "../../lib/transport/batch.ts";

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("batchedWrites", () => {
  test("sends nothing during the turn, then every write in call order", async () => {
    const sent: string[] = [];
    const write = batchedWrites((target: string, chunk: Uint8Array, done) => {
      sent.push(target + ":" + text(chunk));
      done();
    });
    const done: string[] = [];
    const a = write("a", bytes("1")).then(() => done.push("a1"));
    const b = write("b", bytes("2")).then(() => done.push("b2"));
    await Promise.resolve();
    const c = write("a", bytes("3")).then(() => done.push("a3"));
    assert.deepEqual(sent, []);
    await Promise.all([a, b, c]);
    assert.deepEqual(sent, ["a:1", "b:2", "a:3"]);
    assert.deepEqual(done, ["a1", "b2", "a3"]);
    // A later turn is a new batch.
    await write("c", bytes("4"));
    assert.deepEqual(sent, ["a:1", "b:2", "a:3", "c:4"]);
  });

  test("a write settles when its send does; failures reach only their own write", async () => {
    let release!: () => void;
    const write = batchedWrites((target: string, _chunk, done, fail) => {
      if (target === "slow") release = done;
      else if (target === "throws") throw new Error("socket gone");
      else if (target === "fails") fail(new Error("reset"));
      else done();
    });
    let slowDone = false;
    const slow = write("slow", bytes("x")).then(() => (slowDone = true));
    const throws = write("throws", bytes("x"));
    const rejects = write("fails", bytes("x"));
    const fine = write("fine", bytes("x"));
    await assert.rejects(throws, /socket gone/);
    await assert.rejects(rejects, /reset/);
    await fine;
    await turn();
    assert.equal(slowDone, false, "waits for its send (backpressure)");
    release();
    await slow;
    assert.equal(slowDone, true);
  });

  test("the transport's scheduler decides when the turn ends (Deno's: a microtask)", async () => {
    const sent: string[] = [];
    let flush: (() => void) | undefined;
    const write = batchedWrites((target: string, chunk: Uint8Array, done) => {
      sent.push(target + ":" + text(chunk));
      done();
    }, (f) => flush = f);
    const a = write("a", bytes("1"));
    const b = write("b", bytes("2"));
    await turn();
    assert.equal(sent.length, 0);
    flush!();
    await Promise.all([a, b]);
    assert.deepEqual(sent, ["a:1", "b:2"]);
    // With queueMicrotask, the writes of one synchronous run go out together before the next turn.
    const micro = batchedWrites((target: string, chunk: Uint8Array, done) => {
      sent.push(target + ":" + text(chunk));
      done();
    }, queueMicrotask);
    const c = micro("c", bytes("3"));
    const d = micro("d", bytes("4"));
    assert.deepEqual(sent.length, 2);
    await Promise.resolve();
    assert.deepEqual(sent, ["a:1", "b:2", "c:3", "d:4"]);
    await Promise.all([c, d]);
  });
});
