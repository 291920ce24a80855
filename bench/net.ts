/**
 * Small network helpers shared by the macro benchmarks.
 *
 * @module
 */
import { connect, createServer } from "node:net";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** True when a server on `port` answers an inline PING with +PONG. */
export function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    let got = "";
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", (d) => {
      got += d.toString();
      if (got.includes("\r\n")) {
        sock.destroy();
        resolve(got.startsWith("+PONG"));
      }
    });
    sock.on("error", () => resolve(false));
  });
}
