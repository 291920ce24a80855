/**
 * Hash lookups with the type check, shared by the hash commands.
 *
 * @module
 */
import { ERR_WRONGTYPE, fail } from "../../core/errors.ts";
import type { Database } from "../../store/database.ts";
import { HashValue } from "../../store/types/hash.ts";

export { HashValue };

/** The hash at `key` (lookupKeyWrite: no stats), undefined when missing; throws WRONGTYPE. */
export function hashForWrite(db: Database, key: string): HashValue | undefined {
  const v = db.get(key);
  if (v === undefined || v instanceof HashValue) return v;
  fail(ERR_WRONGTYPE);
}

/** As {@link hashForWrite}, counting a keyspace hit or miss (lookupKeyRead). */
export function hashForRead(db: Database, key: string): HashValue | undefined {
  const v = db.lookupRead(key);
  if (v === undefined || v instanceof HashValue) return v;
  fail(ERR_WRONGTYPE);
}

/** The hash at `key`, created empty when missing (Redis's hashTypeLookupWriteOrCreate). */
export function hashOrCreate(db: Database, key: string): HashValue {
  const v = db.get(key);
  if (v === undefined) {
    const h = new HashValue();
    db.set(key, h);
    return h;
  }
  if (v instanceof HashValue) return v;
  fail(ERR_WRONGTYPE);
}
