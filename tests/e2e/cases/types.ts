/**
 * Data-driven cases that every client library runs (see ../harness.ts).
 * Replies are written in the common shape of tests/helpers/clients.ts:
 * strings, numbers, null, arrays, `{ error: "ERR full text" }`.
 *
 * @module
 */
import type { Reply } from "../../helpers/clients.ts";

export type { Reply };

/** One command and the reply it must get. */
export interface Step {
  cmd: string[];
  expect: Reply;
  /** The reply over RESP3, when it differs (maps, doubles, booleans as each client shows them). */
  expect3?: Reply;
}

/** Commands sent on one fresh connection, in order. */
export interface ClientCase {
  name: string;
  steps: Step[];
  /** Connect with this password (the client authenticates as it connects). */
  password?: string;
  /** Client name (or `name RESP3`) -> why this case does not apply to it. */
  skip?: Record<string, string>;
}

/**
 * A family of cases sharing a server. Cases run in order against one
 * server (emptied between protocols), so each case uses keys of its own.
 */
export interface Family {
  name: string;
  /** redis-server style arguments for this family's server. */
  serverArgs?: string[];
  cases: ClientCase[];
}

/** Shorthand for a step. */
export function step(cmd: string[], expect: Reply, expect3?: Reply): Step {
  return expect3 === undefined ? { cmd, expect } : { cmd, expect, expect3 };
}

/** Shorthand for an error reply. */
export function err(text: string): { error: string } {
  return { error: text };
}
