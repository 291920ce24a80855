/**
 * Prefetching the key table's entries for a chunk of pipelined commands.
 *
 * With a large keyspace, each lookup waits for two cache misses in turn: the
 * bucket head, then the slot it names (lib/store/str-map.ts). Commands run
 * one after the other, so at pipeline depth 16 a chunk waits for 32 misses
 * one at a time. Before the chunk runs, this scan finds the first argument
 * of each complete command (the key of most commands), hashes its bytes and
 * reads all the bucket heads, then all the slots they lead to: independent
 * loads the CPU overlaps, so the commands find those lines in the cache.
 * Valkey 8 and Redis 8 prefetch their dictionary entries for a batch of
 * commands in the same way (memory_prefetch.c). Commands with more keys
 * (MSET, MGET, DEL…) have them read too, where the command table's key
 * range puts them; members elsewhere (ZADD's after options) are not looked
 * for. The same goes for the members of a large set, hash or sorted
 * set, also when the key table itself is small (one key holding 100k
 * members).
 *
 * It is only a hint: nothing is looked up, expired or counted, and a wrong
 * guess (an argument that is not a key, another database after SELECT, a
 * chunk that starts inside a command) reads a few lines for nothing.
 *
 * @module
 */
import { ArgumentCache, decodeChunked, wordHash } from "../resp/binary.ts";
import type { Database } from "../store/database.ts";
import type { StrMap } from "../store/str-map.ts";
import type { RedisValue } from "../store/value.ts";

/**
 * Tables smaller than this stay in the CPU's caches anyway (a slot is 32
 * bytes plus 4 for its bucket: 32k slots are ~1.2 MB), so the scan would
 * only cost.
 */
const PREFETCH_MIN_ENTRIES = 32768;
/**
 * The shortest chunk that names two keys (`*3 $3 DEL $0 $0`: 25 bytes):
 * a shorter one is never prefetched, so the caller need not call (nor, the
 * first time, compile) {@link prefetchKeys} for it.
 */
export const PREFETCH_MIN_CHUNK = 25;
/**
 * Chunks a connection skips after one that was not worth reading ahead
 * (see {@link prefetchKeys}): the workload changes rarely, and when it does
 * the reads resume within a few chunks.
 */
export const PREFETCH_PAUSE = 7;
/** Commands scanned per chunk at most. */
const MAX_COMMANDS = 64;
/** Keys past each command's first read ahead per chunk at most (MSET, MGET, DEL…). */
const MAX_EXTRA_KEYS = 256;
const MAX_KEYS = MAX_COMMANDS + MAX_EXTRA_KEYS;
/** Every key's hash and its bucket's head slot, in the order the chunk names them. */
const keyHashes = new Int32Array(MAX_KEYS);
const slots = new Int32Array(MAX_KEYS);
/**
 * Per command: the key entry of its first argument. A chunk of one command
 * on one key (LPUSH mylist, SADD myset) names its key once: the commands
 * after the first share its entry instead of hashing and reading it again.
 */
const commandKeys = new Int32Array(MAX_COMMANDS);
/** Per key entry: the large member table its key holds, if any. */
const keyTables: (StrMap<unknown> | undefined)[] = new Array(MAX_KEYS);
/** Bytes [start, end) of each command's second and third arguments (possible members), -1 when absent. */
const memberStarts = new Int32Array(MAX_COMMANDS * 2);
const memberEnds = new Int32Array(MAX_COMMANDS * 2);
const memberTables: (StrMap<unknown> | undefined)[] = new Array(MAX_COMMANDS * 2);
const memberHashes = new Int32Array(MAX_COMMANDS * 2);
const memberSlots = new Int32Array(MAX_COMMANDS * 2);
/** Command names as strings, made once per distinct name's bytes. */
const names = new ArgumentCache();

/** Where a command's keys are (Redis's legacy first/last/step range, as COMMAND INFO gives). */
export interface KeyRange {
  readonly firstKey: number;
  /** Negative: counted from the end (-1 is the last argument). */
  readonly lastKey: number;
  readonly keyStep: number;
}

/** Where the reads go, so the engine cannot drop them as unused. */
let sink = 0;
/** Keys and members the last call read ahead, and all calls together (for tests). */
let lastKeys = 0;
let lastMembers = 0;
let totalKeys = 0;
let totalMembers = 0;
/** Position after the CR LF that ended the last {@link readLength}. */
let next = 0;

/** Reads a decimal number ending in CR LF at `p` (setting `next`), or -1. */
function readLength(buf: Uint8Array, p: number, end: number): number {
  let n = 0;
  const first = p;
  for (; p < end; p++) {
    const c = buf[p];
    if (c === 13) {
      next = p + 2;
      return p > first && p - first < 10 ? n : -1;
    }
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return -1;
}

/** True when bytes [a, a + n) and [b, b + m) of `buf` are the same. */
function sameBytes(buf: Uint8Array, a: number, n: number, b: number, m: number): boolean {
  if (n !== m || b < 0) return false;
  for (let i = 0; i < n; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** True when the key hashed `h` likely holds a collection with a large member table. */
function holdsLargeCollection(dict: StrMap<RedisValue>, h: number): boolean {
  const e = dict.slotWithHash(dict.chainHead(h), h);
  if (e < 0) return false;
  const v = dict.slotValue(e);
  if (typeof v === "string") return false;
  const table = v.memberIndex?.();
  return table !== undefined && table.size >= PREFETCH_MIN_ENTRIES;
}

/**
 * Brings in the cache lines that the commands of `buf` (a read chunk) will
 * read first: each command's first argument in `db`'s key table (and its
 * other keys, when `commands` gives the command a key range past the first
 * argument) and, when that key holds a large set, hash or sorted set, the
 * next two arguments in its member table. Does nothing for fewer than two
 * commands, nor for a small key table unless the first command's key holds
 * a large collection.
 *
 * Returns whether the chunk was worth it: two keys or more, or members. A
 * chunk of one command on one key without a large member table (LPUSH
 * mylist) is not: its key is cached after the first command anyway, and the
 * scan costs ~25 ns per command. A connection that sends such chunks skips
 * the next few ({@link PREFETCH_PAUSE}).
 *
 * @example
 * ```ts
 * prefetchKeys(chunk, client.db, engine.commands); // then parse and run the chunk as usual
 * ```
 */
export function prefetchKeys(
  buf: Uint8Array,
  db: Database,
  commands?: { get(name: string): KeyRange | undefined },
): boolean {
  lastKeys = 0;
  lastMembers = 0;
  const dict = db.dict;
  // A small key table stays cached, but one of its keys may hold a large
  // collection (redis-benchmark's SADD, HSET, ZADD with -r): then the first
  // command's key decides.
  const smallKeyTable = dict.size < PREFETCH_MIN_ENTRIES;
  const end = buf.length;
  // Commands and keys found; `x` of the keys are not first arguments.
  let n = 0;
  let k = 0;
  let x = 0;
  // The last command name resolved in this chunk: its bytes and its multi-key range.
  let nameStart = -1;
  let nameLength = -1;
  let nameRange: KeyRange | null = null;
  // The bytes of the last first argument hashed, and its key entry.
  let keyStart = -1;
  let keyLength = -1;
  let p = 0;
  while (n < MAX_COMMANDS && p < end && buf[p] === 42) {
    const argc = readLength(buf, p + 1, end);
    if (argc < 2) break;
    p = next;
    const firstKey = k;
    // Arguments past the first that are keys too: none unless the command
    // table says so (its name is looked up only for commands with 3+ arguments).
    let lastKey = 1;
    let keyStep = 1;
    let a = 0;
    for (; a < argc && p < end; a++) {
      if (buf[p] !== 36) break;
      const len = readLength(buf, p + 1, end);
      if (len < 0) break;
      const start = next;
      p = start + len + 2;
      if (a === 0) {
        if (commands !== undefined && argc > 2 && start + len <= end) {
          // A chunk usually repeats one command: its name's bytes decide again.
          if (!sameBytes(buf, start, len, nameStart, nameLength)) {
            const range = commands.get(names.get(buf, start, start + len, decodeChunked));
            nameRange = range !== undefined && range.firstKey === 1 && range.lastKey !== 1
              ? range
              : null;
            nameStart = start;
            nameLength = len;
          }
          if (nameRange !== null) {
            lastKey = nameRange.lastKey < 0 ? argc + nameRange.lastKey : nameRange.lastKey;
            keyStep = nameRange.keyStep > 0 ? nameRange.keyStep : 1;
          }
        }
      } else if (a === 1) {
        if (start + len > end) break;
        if (sameBytes(buf, start, len, keyStart, keyLength)) commandKeys[n] = k - 1;
        else {
          commandKeys[n] = k;
          keyHashes[k++] = wordHash(buf, start, start + len);
          keyStart = start;
          keyLength = len;
        }
        memberStarts[2 * n] = -1;
        memberStarts[2 * n + 1] = -1;
      } else {
        if (start + len > end) break;
        if (a === 2 || a === 3) {
          memberStarts[2 * n + a - 2] = start;
          memberEnds[2 * n + a - 2] = start + len;
        }
        if (a <= lastKey && (a - 1) % keyStep === 0 && x < MAX_EXTRA_KEYS && !smallKeyTable) {
          keyHashes[k++] = wordHash(buf, start, start + len);
          // The next command's key is compared with its own first argument only.
          keyStart = -1;
          x++;
        }
      }
    }
    if (a >= 2) n++;
    else k = firstKey;
    if (a < argc) break;
    if (n === 1 && smallKeyTable && !holdsLargeCollection(dict, keyHashes[0])) return false;
  }
  // One command is worth it only for its several keys (MSET at pipeline 1).
  if (k < 2 && n < 2) return false;
  // Rounds of independent loads: every bucket head, then every slot (and
  // the value it holds), then the same in the member tables.
  for (let i = 0; i < k; i++) slots[i] = dict.chainHead(keyHashes[i]);
  let s = 0;
  let m = 0;
  // keyTables holds nothing between calls (cleared below): only large tables are set.
  for (let i = 0; i < k; i++) {
    const e = dict.slotWithHash(slots[i], keyHashes[i]);
    if (e < 0) continue;
    const v = dict.slotValue(e);
    if (typeof v === "string") {
      s ^= v.length;
      continue;
    }
    const table = v.memberIndex?.();
    if (table === undefined || table.size < PREFETCH_MIN_ENTRIES) s ^= e;
    else keyTables[i] = table;
  }
  for (let c = 0; c < n; c++) {
    const table = keyTables[commandKeys[c]];
    if (table === undefined) continue;
    for (let j = 2 * c; j < 2 * c + 2; j++) {
      const start = memberStarts[j];
      if (start < 0) continue;
      memberTables[m] = table;
      memberHashes[m++] = wordHash(buf, start, memberEnds[j]);
    }
  }
  for (let i = 0; i < k; i++) keyTables[i] = undefined;
  for (let j = 0; j < m; j++) memberSlots[j] = memberTables[j]!.chainHead(memberHashes[j]);
  for (let j = 0; j < m; j++) {
    const table = memberTables[j]!;
    const e = table.slotWithHash(memberSlots[j], memberHashes[j]);
    if (e >= 0) {
      const value = table.slotValue(e);
      s ^= typeof value === "number" ? value : e;
    }
    memberTables[j] = undefined;
  }
  sink ^= s;
  lastKeys = k;
  lastMembers = m;
  totalKeys += k;
  totalMembers += m;
  return k >= 2 || m > 0;
}

/** @internal For tests: how many keys and members the last call read ahead. */
export function lastPrefetch(): { keys: number; members: number } {
  return { keys: lastKeys, members: lastMembers };
}

/** @internal For tests: how many keys and members all calls read ahead. */
export function prefetchTotals(): { keys: number; members: number } {
  return { keys: totalKeys, members: totalMembers };
}

/** @internal For tests: the value the reads were folded into. */
export function prefetchSink(): number {
  return sink;
}
