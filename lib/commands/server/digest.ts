/**
 * DEBUG DIGEST and DIGEST-VALUE: SHA-1 based digests of the dataset, built
 * as Redis builds them (xor for unordered elements, chained SHA-1 for
 * ordered ones), so equal datasets give equal digests whatever the order of
 * insertion.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { Buffer } from "node:buffer";
import type { Database } from "../../store/database.ts";
import type { RedisValue } from "../../store/value.ts";
import type { ListValue } from "../../store/types/list.ts";
import type { SetValue } from "../../store/types/set.ts";
import type { HashValue } from "../../store/types/hash.ts";
import type { ZSet } from "../../store/types/zset.ts";
import { formatDouble } from "../../resp/double.ts";
import { genericStrings } from "./object-size.ts";

type Digest = Uint8Array;

function sha1(data: Uint8Array): Uint8Array {
  return createHash("sha1").update(data).digest();
}

function bytes(s: string | Uint8Array): Uint8Array {
  return typeof s === "string" ? Buffer.from(s, "latin1") : s;
}

/** digest ^= SHA1(data): order-independent accumulation. */
function xorDigest(digest: Digest, data: string | Uint8Array): void {
  const h = sha1(bytes(data));
  for (let j = 0; j < 20; j++) digest[j] ^= h[j];
}

/** digest = SHA1(digest ^ SHA1(data)): order-dependent accumulation. */
function mixDigest(digest: Digest, data: string | Uint8Array): void {
  xorDigest(digest, data);
  digest.set(sha1(digest));
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

/** Redis's object type codes (OBJ_STRING ...), hashed into each value's digest. */
const TYPE_CODES: Record<string, number> = { list: 1, set: 2, zset: 3, hash: 4, stream: 6 };

/** Mixes the digest of `value` (at `key` of `db`) into `digest` (Redis's xorObjectDigest). */
export function xorObjectDigest(
  db: Database,
  key: string,
  digest: Digest,
  value: RedisValue,
): void {
  if (typeof value === "string") {
    mixDigest(digest, u32(0));
    mixDigest(digest, value);
  } else {
    mixDigest(digest, u32(TYPE_CODES[value.type] ?? 7));
    switch (value.type) {
      case "list": {
        const l = value as ListValue;
        for (let i = 0; i < l.length; i++) mixDigest(digest, l.at(i)!);
        break;
      }
      case "set":
        for (const m of (value as SetValue).members) xorDigest(digest, m);
        break;
      case "zset": {
        const z = value as ZSet;
        const members = z.members;
        const scores = z.scores;
        for (let i = 0; i < members.length; i++) {
          const ele = new Uint8Array(20);
          mixDigest(ele, members[i]);
          mixDigest(ele, formatDouble(scores[i]));
          xorDigest(digest, ele);
        }
        break;
      }
      case "hash": {
        (value as HashValue).forEach((field, v) => {
          const ele = new Uint8Array(20);
          mixDigest(ele, field);
          mixDigest(ele, v);
          xorDigest(digest, ele);
        });
        break;
      }
      default:
        for (const s of genericStrings(value)) mixDigest(digest, s);
    }
  }
  if (db.expires.has(key)) xorDigest(digest, "!!expire!!");
}

function hex(d: Digest): string {
  let s = "";
  for (let i = 0; i < d.length; i++) s += d[i].toString(16).padStart(2, "0");
  return s;
}

/** DEBUG DIGEST: the digest of every key of every database (40 zeros when empty). */
export function datasetDigest(dbs: Database[]): string {
  const final = new Uint8Array(20);
  for (const db of dbs) {
    if (db.dict.size === 0) continue;
    mixDigest(final, u32(db.id));
    for (const [key, value] of db.dict) {
      const digest = new Uint8Array(20);
      mixDigest(digest, key);
      xorObjectDigest(db, key, digest, value);
      xorDigest(final, digest);
    }
  }
  return hex(final);
}

/** DEBUG DIGEST-VALUE for one key (40 zeros when missing; expired keys still count). */
export function valueDigest(db: Database, key: string): string {
  const digest = new Uint8Array(20);
  const value = db.dict.get(key);
  if (value !== undefined) xorObjectDigest(db, key, digest, value);
  return hex(digest);
}
