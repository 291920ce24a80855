/**
 * Free TCP ports on 127.0.0.1, for servers that cannot be told `--port 0`
 * (redis-server). Another process may take the port between the check and
 * the bind: callers retry on a failed start.
 *
 * @module
 */
import { createServer } from "node:net";

/** Asks the kernel for a free port by binding port 0 and closing again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
