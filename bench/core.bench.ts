/**
 * Micro-benchmarks of the hot path: parsing a pipelined chunk, dispatching
 * the commands and encoding the replies. Run under both runtimes:
 *   npx deno run -A bench/core.bench.ts
 *   npx bun bench/core.bench.ts
 *
 * @module
 */
import { bench, group, run } from "mitata";
import { Buffer } from "node:buffer";
import { type CommandSink, RespParser } from "../lib/resp/parser.ts";
import { ReplyWriter } from "../lib/resp/writer.ts";
import { createEngine } from "../lib/server/server.ts";
import { Config } from "../lib/config/config.ts";
import { ArgumentCache, decodeChunked, decodeNative } from "../lib/resp/binary.ts";

function resp(...args: string[]): string {
  return `*${args.length}\r\n` + args.map((a) => `$${a.length}\r\n${a}\r\n`).join("");
}

const setChunk = Buffer.from(
  Array.from({ length: 16 }, (_, i) => resp("SET", "key:" + (100000 + i), "xxxxxxxxxxxxxxxx")).join(
    "",
  ),
  "latin1",
);
const getChunk = Buffer.from(
  Array.from({ length: 16 }, (_, i) => resp("GET", "key:" + (100000 + i))).join(""),
  "latin1",
);

const config = new Config();
config.set("save", "");
const engine = createEngine({ config });
const client = engine.createClient();
let parsed = 0;
const countSink: CommandSink = {
  onCommand() {
    parsed++;
  },
  onProtocolError(e) {
    throw new Error(e);
  },
};
const execSink: CommandSink = {
  onCommand(argv) {
    engine.execute(client, argv);
  },
  onProtocolError(e) {
    throw new Error(e);
  },
};
const parser = new RespParser();

group("parse 16 pipelined commands", () => {
  bench("SET key value (16)", () => parser.feed(setChunk, countSink));
  bench("GET key (16)", () => parser.feed(getChunk, countSink));
});

group("parse + execute + encode 16 commands", () => {
  bench("SET (16)", () => {
    parser.feed(setChunk, execSink);
    client.reply.reset();
  });
  bench("GET (16)", () => {
    parser.feed(getChunk, execSink);
    client.reply.reset();
  });
});

const w = new ReplyWriter();
const value = "xxxxxxxxxxxxxxxx";
group("encode", () => {
  bench("16 x bulk(16 bytes)", () => {
    for (let i = 0; i < 16; i++) w.bulk(value);
    w.reset();
  });
  bench("16 x ok()", () => {
    for (let i = 0; i < 16; i++) w.ok();
    w.reset();
  });
});

// The parser's short-argument cache against decoding every time: the same
// 16-byte key again (hit), and 100k distinct keys in turn (every lookup a
// miss, as with redis-benchmark -r 100000).
const keyBytes = Buffer.from(
  Array.from({ length: 100_000 }, (_, i) => "key:" + String(i).padStart(12, "0")).join(""),
  "latin1",
);
const cache = new ArgumentCache();
let next = 0;
group("decode a 16-byte argument", () => {
  bench("decodeNative, same bytes", () => decodeNative(keyBytes, 0, 16));
  bench("decodeChunked, same bytes", () => decodeChunked(keyBytes, 0, 16));
  bench("ArgumentCache, same bytes (hit)", () => cache.get(keyBytes, 0, 16, decodeNative));
  bench("ArgumentCache, 100k distinct (miss)", () => {
    const at = (next = (next + 7919) % 100_000) * 16;
    return cache.get(keyBytes, at, at + 16, decodeNative);
  });
  bench("decodeNative, 100k distinct", () => {
    const at = (next = (next + 7919) % 100_000) * 16;
    return decodeNative(keyBytes, at, at + 16);
  });
});

await run();
