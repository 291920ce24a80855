/**
 * Start-up time of an in-process server from mod.ts: from calling
 * startServer() to the first PONG over TCP. Run under both runtimes:
 *   npx deno run -A bench/startup.ts
 *   npx bun bench/startup.ts
 * (The CLI's start-up is measured by `bench/vs-redis.ts --startup`.)
 *
 * @module
 */
import { type AddressInfo, connect, createServer } from "node:net";
import { startServer } from "../mod.ts";

function ping(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, "127.0.0.1");
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", () => {
      sock.destroy();
      resolve();
    });
    sock.on("error", reject);
  });
}

// The client's own first connection (node:net's first use) costs 2-5 ms:
// make it on a throwaway server, so that the runs time the server only.
const warm = createServer((s) => s.on("data", () => s.end("+PONG\r\n")));
await new Promise<void>((resolve) => warm.listen(0, "127.0.0.1", () => resolve()));
await ping((warm.address() as AddressInfo).port);
warm.close();

const runs: number[] = [];
// The first start runs the server's code cold (modules are loaded by then:
// the imports above); report it apart.
for (let i = 0; i < 21; i++) {
  const t0 = performance.now();
  const server = await startServer();
  await ping(server.port);
  runs.push(performance.now() - t0);
  await server.close();
}
const first = runs.shift()!;
runs.sort((a, b) => a - b);
console.log(
  `startServer() to first PONG: first ${first.toFixed(2)} ms, then median ${
    runs[runs.length >> 1].toFixed(2)
  } ms (min ${runs[0].toFixed(2)}, max ${runs[runs.length - 1].toFixed(2)})`,
);
