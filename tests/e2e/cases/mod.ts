/**
 * Every family of client cases. Add a family: write `<family>.ts` exporting
 * a {@link Family} and list it here; every client test file picks it up.
 *
 * @module
 */
import type { Family } from "./types.ts";
import { connection } from "./connection.ts";
import { strings } from "./strings.ts";
import { auth } from "./auth.ts";

export const FAMILIES: Family[] = [connection, strings, auth];
