/**
 * One logical database (SELECT index): the key dictionary and the expiry
 * table, with lazy expiration on lookup.
 *
 * Keys live in a {@link StrMap} (a Map with cheap lookups for keys fresh
 * off the wire) in insertion order. SCAN cursors keep its live iterators
 * (see `scan.ts`), which visit every entry present for the whole
 * iteration, even while the map changes. Each operation hashes its key once
 * for the key, expiry and access tables.
 *
 * @module
 */
import { NOTIFY_KEY_MISS } from "../config/notify-flags.ts";
import {
  ACCESS_AUTO,
  ACCESS_OFF,
  accessAutoOffKeys,
  type AccessStamps,
  isLruOrLfuPolicy,
  lfuTouch,
} from "./object-info.ts";
import type { RedisValue } from "./value.ts";
import { hashKey, StrMap } from "./str-map.ts";

/** What the database needs from its owner: the clock and the expiry hook. */
export interface DatabaseHost {
  /** Current time in milliseconds (a controllable clock in tests). */
  now(): number;
  /** Called after a key was removed because its TTL passed. */
  onExpired(db: Database, key: string): void;
  /** True when lazy expiry must not delete (a replica keeps keys until its master says). */
  readonly expiryFrozen: boolean;
  stats: { keyspaceHits: number; keyspaceMisses: number };
  /**
   * The stamp a key access records (see object-info.ts): the LRU clock, or
   * under an LFU policy `-(minutes + 1)`.
   */
  readonly accessClock: number;
  readonly config: {
    readonly settings: {
      lfuLogFactor: number;
      lfuDecayTime: number;
      notifyKeyspaceEvents: number;
      maxmemoryPolicy: string;
    };
  };
  /** Keyspace notification (the "keymiss" event of read lookups). */
  notify(type: number, event: string, key: string, dbId: number): void;
}

/**
 * A database.
 *
 * @example
 * ```ts
 * db.set("k", "v");
 * db.get("k"); // "v"
 * ```
 */
export class Database {
  readonly id: number;
  dict: StrMap<RedisValue> = new StrMap();
  /** Absolute expiry time in ms, for keys that have one. */
  expires: StrMap<number> = new StrMap();
  /** Average TTL estimate for INFO keyspace (updated by the active expiry cycle). */
  avgTtl = 0;
  /**
   * Last access of each key, as Redis's per-object `lru` field (OBJECT
   * IDLETIME/FREQ, eviction): see object-info.ts. The stamps live in the
   * dictionary beside each entry (no second lookup); this is a by-key view
   * of them, undefined while tracking is off (a large database nobody asked
   * about: see {@link accessMode}). Code that writes `dict` directly leaves
   * them unset: use the methods.
   */
  access: KeyStamps | undefined;
  /** When tracking (re)started (ms): keys with no stamp count as accessed then. */
  accessSince: number;
  /** ACCESS_AUTO, ACCESS_PINNED or ACCESS_OFF (object-info.ts). */
  accessMode: number = ACCESS_AUTO;
  /**
   * OBJECT ENCODING of string values whose Redis encoding the bytes alone do
   * not tell (see object-info.ts stringEncoding): `raw` for short strings
   * Redis edited in place, `embstr` for integer-looking INCRBYFLOAT results.
   * Created on first use; set, setKeepTtl and delete drop a key's entry, so
   * whoever stores such a value marks it again after storing.
   */
  strEnc: StrMap<string> | undefined = undefined;
  private host: DatabaseHost;
  /**
   * Where the last get() found its key: a read-modify-write command (INCR,
   * APPEND...) stores back to the same key, and needs neither its hash nor
   * a second probe when the slot still holds it.
   */
  private lastKey: string | undefined = undefined;
  private lastHash = 0;
  private lastSlot = -1;
  private lastDict: StrMap<RedisValue> | undefined = undefined;

  constructor(id: number, host: DatabaseHost) {
    this.id = id;
    this.host = host;
    this.accessSince = host.now();
    this.trackAccess(true);
  }

  /** Starts (all keys unstamped) or stops keeping access stamps. */
  trackAccess(on: boolean): void {
    this.dict.trackStamps(on);
    this.access = on ? new KeyStamps(this) : undefined;
  }

  /** Number of keys, including logically expired ones not yet removed (as DBSIZE in Redis). */
  get size(): number {
    return this.dict.size;
  }

  /** Removes `key` if its TTL has passed; returns true when it was removed. */
  expireIfNeeded(key: string): boolean {
    return this.expireIfNeededH(key, hashKey(key));
  }

  /** {@link Database.expireIfNeeded} with the key's {@link hashKey}. */
  private expireIfNeededH(key: string, h: number): boolean {
    const when = this.expires.getH(key, h);
    // Redis's keyIsExpired: a key lives through its expiry millisecond.
    if (when === undefined || when >= this.host.now()) return false;
    if (this.host.expiryFrozen) return true;
    this.dict.deleteH(key, h);
    this.expires.deleteH(key, h);
    this.strEnc?.deleteH(key, h);
    this.host.onExpired(this, key);
    return true;
  }

  /** The value at `key` (undefined when missing or expired), without touching stats; records the access. */
  get(key: string): RedisValue | undefined {
    const h = hashKey(key);
    const dict = this.dict;
    const e = dict.slotOf(key, h);
    if (e < 0) return undefined;
    if (this.expires.size !== 0 && this.expireIfNeededH(key, h)) return undefined;
    if (this.access !== undefined) this.touchSlot(key, e);
    this.lastKey = key;
    this.lastHash = h;
    this.lastSlot = e;
    this.lastDict = dict;
    return dict.slotValue(e);
  }

  /** Drops the last lookup's references: a replaced dictionary must not stay reachable through them. */
  private forgetLastLookup(): void {
    this.lastKey = undefined;
    this.lastDict = undefined;
    this.lastSlot = -1;
  }

  /** Stores `value` under `key`; returns its slot and leaves its hash in lastHash. */
  private store(key: string, value: RedisValue): number {
    const dict = this.dict;
    const e = this.lastSlot;
    // The slot check also covers deletions and rehashes since that get().
    if (key === this.lastKey && this.lastDict === dict && dict.slotHolds(e, key)) {
      dict.setSlotValue(e, value);
      return e;
    }
    const h = hashKey(key);
    const slot = dict.setSlotH(key, h, value);
    this.lastKey = key;
    this.lastHash = h;
    this.lastSlot = slot;
    this.lastDict = dict;
    return slot;
  }

  /** As {@link Database.get} without recording an access (Redis's LOOKUP_NOTOUCH: TTL, TYPE, EXISTS, OBJECT). */
  peek(key: string): RedisValue | undefined {
    const h = hashKey(key);
    const v = this.dict.getH(key, h);
    if (v === undefined) return undefined;
    if (this.expires.size !== 0 && this.expireIfNeededH(key, h)) return undefined;
    return v;
  }

  /** Records an access to `key` (Redis's LRU/LFU update in lookupKey). */
  touch(key: string): void {
    if (this.access === undefined) return;
    const e = this.dict.slotOf(key, hashKey(key));
    if (e >= 0) this.touchSlot(key, e);
  }

  /** Stamps the entry in slot `e` of the dictionary. */
  private touchSlot(key: string, e: number): void {
    const clock = this.host.accessClock;
    if (clock >= 0) this.dict.setStampAt(e, clock);
    else lfuTouch(this.access!, key, -clock - 1, this.host.config.settings);
  }

  /** Records the access of a write, and stops automatic tracking when the database grew too big. */
  private touchNew(key: string, e: number): void {
    this.touchSlot(key, e);
    if (this.dict.size > accessAutoOffKeys && this.accessMode === ACCESS_AUTO) this.autoOff();
  }

  /**
   * Drops the stamps of a large database (4 bytes per slot, and a write to
   * another cache line on every access) unless eviction may need them;
   * OBJECT IDLETIME/FREQ turn tracking back on (see object-info.ts).
   */
  private autoOff(): void {
    if (isLruOrLfuPolicy(this.host.config.settings.maxmemoryPolicy)) return;
    this.trackAccess(false);
  }

  /** As {@link Database.get}, counting a keyspace hit or miss (Redis's lookupKeyRead). */
  lookupRead(key: string): RedisValue | undefined {
    const v = this.get(key);
    if (v === undefined) this.miss(key);
    else this.host.stats.keyspaceHits++;
    return v;
  }

  /** As {@link Database.lookupRead} without recording an access (LOOKUP_NOTOUCH: TTL, TYPE, EXISTS). */
  lookupReadNoTouch(key: string): RedisValue | undefined {
    const v = this.peek(key);
    if (v === undefined) this.miss(key);
    else this.host.stats.keyspaceHits++;
    return v;
  }

  /** A read lookup missed: counted, and the "keymiss" event (class `m`). */
  private miss(key: string): void {
    const host = this.host;
    host.stats.keyspaceMisses++;
    if (host.config.settings.notifyKeyspaceEvents & NOTIFY_KEY_MISS) {
      host.notify(NOTIFY_KEY_MISS, "keymiss", key, this.id);
    }
  }

  /** True when `key` exists and is not expired. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key`, dropping any TTL (Redis's setKey without KEEPTTL). */
  set(key: string, value: RedisValue): void {
    this.setKeepTtl(key, value);
    if (this.expires.size !== 0) this.expires.deleteH(key, this.lastHash);
  }

  /** Sets `key`, keeping its TTL if it has one. */
  setKeepTtl(key: string, value: RedisValue): void {
    const e = this.store(key, value);
    const h = this.lastHash;
    if (this.access !== undefined) this.touchNew(key, e);
    if (this.strEnc !== undefined) this.strEnc.deleteH(key, h);
  }

  /** Deletes `key`; returns whether it existed (expired keys count as missing). */
  delete(key: string): boolean {
    const h = hashKey(key);
    if (this.dict.getH(key, h) === undefined) return false;
    if (this.expires.size !== 0 && this.expireIfNeededH(key, h)) return false;
    this.dict.deleteH(key, h);
    if (this.expires.size !== 0) this.expires.deleteH(key, h);
    this.strEnc?.deleteH(key, h);
    return true;
  }

  /** Sets the absolute expiry time (ms) of an existing key. */
  setExpire(key: string, when: number): void {
    this.expires.set(key, when);
  }

  /** Absolute expiry time in ms, or -1 when the key has none. */
  getExpire(key: string): number {
    const when = this.expires.get(key);
    return when === undefined ? -1 : when;
  }

  /** Removes the TTL; returns whether there was one. */
  persist(key: string): boolean {
    return this.expires.delete(key);
  }

  /** Removes every key; returns how many there were. */
  flush(): number {
    const n = this.dict.size;
    this.forgetLastLookup();
    this.dict = new StrMap();
    this.expires = new StrMap();
    this.strEnc = undefined;
    // An emptied database is small again: automatic tracking resumes.
    if (this.accessMode !== ACCESS_OFF) {
      this.trackAccess(true);
      this.accessSince = this.host.now();
    } else this.access = undefined;
    this.avgTtl = 0;
    return n;
  }

  /** Exchanges contents with `other` (SWAPDB). */
  swapWith(other: Database): void {
    this.forgetLastLookup();
    other.forgetLastLookup();
    const d = this.dict;
    const e = this.expires;
    const a = this.avgTtl;
    const t = this.access !== undefined;
    const ts = this.accessSince;
    const tm = this.accessMode;
    const se = this.strEnc;
    this.dict = other.dict;
    this.expires = other.expires;
    this.avgTtl = other.avgTtl;
    this.access = other.access !== undefined ? new KeyStamps(this) : undefined;
    this.accessSince = other.accessSince;
    this.accessMode = other.accessMode;
    this.strEnc = other.strEnc;
    other.dict = d;
    other.expires = e;
    other.avgTtl = a;
    other.access = t ? new KeyStamps(other) : undefined;
    other.accessSince = ts;
    other.accessMode = tm;
    other.strEnc = se;
  }
}

/**
 * The access stamps of a database's keys, by key: a view of the stamps its
 * dictionary keeps beside each entry (see {@link StrMap.trackStamps}).
 */
export class KeyStamps implements AccessStamps {
  constructor(private readonly db: Database) {}

  /** The stamp of `key`, undefined when missing or never stamped. */
  get(key: string): number | undefined {
    const dict = this.db.dict;
    const e = dict.slotOf(key, hashKey(key));
    if (e < 0) return undefined;
    const stamp = dict.stampAt(e);
    return stamp < 0 ? undefined : stamp;
  }

  /** Stamps an existing key (a missing key is ignored: its stamp goes with its entry). */
  set(key: string, stamp: number): void {
    const dict = this.db.dict;
    const e = dict.slotOf(key, hashKey(key));
    if (e >= 0) dict.setStampAt(e, stamp);
  }

  /** Number of stamped keys (a full scan: for tests and introspection). */
  get size(): number {
    const dict = this.db.dict;
    const it = dict.cursor();
    let n = 0;
    for (let e = it.advance(); e >= 0; e = it.advance()) if (dict.stampAt(e) >= 0) n++;
    return n;
  }
}
