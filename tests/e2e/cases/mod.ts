/**
 * Every family of client cases. Add a family: write `<family>.ts` exporting
 * a {@link Family} and list it here; every client test file picks it up.
 *
 * Families of data types share one server per client and target (see
 * {@link combine}): a server start costs more than all their cases.
 *
 * @module
 */
import type { Family } from "./types.ts";
import { connection } from "./connection.ts";
import { strings } from "./strings.ts";
import { auth } from "./auth.ts";
import { keyspace } from "./keyspace.ts";
import { hashes } from "./hashes.ts";
import { lists } from "./lists.ts";
import { sets } from "./sets.ts";
import { zsets } from "./zsets.ts";
import { streams } from "./streams.ts";
import { transactions } from "./transactions.ts";

/**
 * One family holding the cases of `families` (which must use the same
 * server arguments), each case named `family: case`.
 */
export function combine(name: string, families: Family[]): Family {
  return {
    name,
    serverArgs: families[0]?.serverArgs,
    cases: families.flatMap((f) => f.cases.map((c) => ({ ...c, name: `${f.name}: ${c.name}` }))),
  };
}

export const FAMILIES: Family[] = [
  connection,
  strings,
  auth,
  combine("data types", [keyspace, hashes, lists, sets, zsets, streams, transactions]),
];
