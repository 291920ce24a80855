import { test } from "node:test";
import assert from "node:assert/strict";
import { type RequestBatch, RespRequestStream } from "../../lib/resp/stream.ts";

function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function collect(chunks: string[]): Promise<RequestBatch[]> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(bytes(c));
      controller.close();
    },
  });
  const out: RequestBatch[] = [];
  const reader = source.pipeThrough(new RespRequestStream()).getReader();
  while (true) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

test("one batch per chunk, commands split across chunks", async () => {
  const input = "*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv\xff\r\nGET k\r\n";
  const batches = await collect([input.slice(0, 20), input.slice(20, 31), input.slice(31)]);
  assert.deepEqual(batches.flatMap((b) => b.commands), [["PING"], ["SET", "k", "v\xff"], [
    "GET",
    "k",
  ]]);
  assert.equal(batches.length, 2);
  assert.deepEqual(batches[0].commands, [["PING"]]);
});

test("a protocol error ends the stream after the commands before it", async () => {
  const batches = await collect(["*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n", "*1\r\n$4\r\nPING\r\n"]);
  assert.equal(batches.length, 1);
  assert.deepEqual(batches[0].commands, [["PING"]]);
  assert.equal(batches[0].error, "Protocol error: invalid bulk length");
});
