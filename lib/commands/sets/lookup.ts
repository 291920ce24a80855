/**
 * Set lookups with the type check, shared by the set commands.
 *
 * @module
 */
import { ERR_WRONGTYPE, fail } from "../../core/errors.ts";
import type { Database } from "../../store/database.ts";
import { SetValue } from "../../store/types/set.ts";

export { SetValue };

/** The set at `key` (lookupKeyWrite: no stats), undefined when missing; throws WRONGTYPE. */
export function setForWrite(db: Database, key: string): SetValue | undefined {
  const v = db.get(key);
  if (v === undefined || v instanceof SetValue) return v;
  fail(ERR_WRONGTYPE);
}

/** As {@link setForWrite}, counting a keyspace hit or miss (lookupKeyRead). */
export function setForRead(db: Database, key: string): SetValue | undefined {
  const v = db.lookupRead(key);
  if (v === undefined || v instanceof SetValue) return v;
  fail(ERR_WRONGTYPE);
}
