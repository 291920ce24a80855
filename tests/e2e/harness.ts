/**
 * Runs the data-driven client cases (./cases) through one client library,
 * against Ferrous under each runtime and against real redis-server (which
 * checks the cases themselves), over every protocol the library speaks.
 *
 * @module
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CLIENT_TIMEOUT_MS, type ClientKind, type Reply, withTimeout } from "../helpers/clients.ts";
import { serverRuntimes } from "../helpers/runtime.ts";
import { RawClient } from "../helpers/raw_client.ts";
import { type ServerHandle, startFerrous, startRedis } from "../helpers/servers.ts";
import { FAMILIES } from "./cases/mod.ts";
import type { ClientCase, Family } from "./cases/types.ts";

/** Where the cases run: Ferrous under a runtime, or real Redis. */
export type Target = "deno" | "bun" | "redis";

/** Ferrous under each runtime (FERROUS_SERVER_RUNTIMES), then real Redis. */
export function targets(): Target[] {
  return [...serverRuntimes(), "redis"];
}

/** Starts the server a target names. */
export function startTarget(target: Target, args: string[] = []): Promise<ServerHandle> {
  return target === "redis" ? startRedis({ args }) : startFerrous({ runtime: target, args });
}

/**
 * Empties a server between runs: FLUSHALL when the server has it, else a
 * restart (Ferrous before FLUSHALL existed). Returns the server to use.
 */
export async function resetServer(
  server: ServerHandle,
  target: Target,
  args: string[] = [],
): Promise<ServerHandle> {
  const c = await RawClient.connect(server.port);
  let reply = "";
  try {
    const pass = args.indexOf("--requirepass");
    if (pass >= 0) await c.command("AUTH", args[pass + 1]);
    reply = await c.command("FLUSHALL");
  } finally {
    c.close();
  }
  if (reply === "+OK\r\n") return server;
  await server.stop();
  return startTarget(target, args);
}

/** Why case `c` is skipped for client `name` on protocol `p` (keys: `name` or `name RESPp`). */
export function skipReason(c: ClientCase, name: string, p: 2 | 3): string | undefined {
  return c.skip?.[name] ?? c.skip?.[name + " RESP" + p];
}

/** Runs every case of a family on one protocol; replies per case, per step. */
export type BatchRunner = (
  port: number,
  protocol: 2 | 3,
  cases: ClientCase[],
) => Promise<Reply[][]>;

/** A batch runner over a client library: one connection per case. */
export function perConnection(kind: ClientKind): BatchRunner {
  return async (port, protocol, cases) => {
    const out: Reply[][] = [];
    for (const c of cases) {
      const replies: Reply[] = [];
      let conn;
      try {
        conn = await withTimeout(
          kind.connect({ port, protocol, password: c.password }),
          CLIENT_TIMEOUT_MS,
          "connect",
        );
        for (const s of c.steps) {
          replies.push(await withTimeout(conn.call(s.cmd), CLIENT_TIMEOUT_MS, s.cmd[0]));
        }
      } catch (e) {
        replies.push({ error: "client: " + (e as Error).message });
      } finally {
        await conn?.close();
      }
      out.push(replies);
    }
    return out;
  };
}

/** Options of {@link clientSuite}. */
export interface SuiteOptions {
  name: string;
  protocols: (2 | 3)[];
  run: BatchRunner;
  /** Why the whole suite is skipped here, if it is. */
  unavailable?: string;
  families?: Family[];
}

/** Declares the tests: target > family > `RESPn: case`. */
export function clientSuite(o: SuiteOptions): void {
  for (const target of targets()) {
    describe(`${o.name} against ${target === "redis" ? "redis-server" : "Ferrous on " + target}`, () => {
      for (const family of o.families ?? FAMILIES) {
        describe(family.name, () => {
          let server: ServerHandle | undefined;
          const results = new Map<number, Reply[][]>();
          const active = (p: 2 | 3) => family.cases.filter((c) => !skipReason(c, o.name, p));
          before(async () => {
            if (o.unavailable) return;
            const args = family.serverArgs ?? [];
            server = await startTarget(target, args);
            for (const p of o.protocols) {
              if (results.size > 0) server = await resetServer(server, target, args);
              results.set(p, await o.run(server.port, p, active(p)));
            }
          });
          after(async () => {
            await server?.stop();
          });
          for (const p of o.protocols) {
            for (const c of family.cases) {
              const skip = o.unavailable ?? skipReason(c, o.name, p);
              it(`RESP${p}: ${c.name}`, skip ? { skip } : {}, () => {
                const got = results.get(p)?.[active(p).indexOf(c)];
                assert.ok(got, "no replies (the server did not start?)");
                const expected = c.steps.map((
                  s,
                ) => (p === 3 && s.expect3 !== undefined ? s.expect3 : s.expect));
                for (let i = 0; i < c.steps.length; i++) {
                  assert.deepEqual(
                    got[i],
                    expected[i],
                    `step ${i + 1}: ${JSON.stringify(c.steps[i].cmd)}`,
                  );
                }
              });
            }
          }
        });
      }
    });
  }
}
