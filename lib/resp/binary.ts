/**
 * Decoding bytes into binary strings (one char per byte). Which way is
 * fastest differs by runtime (measured with bench/core.bench.ts: on Deno,
 * `String.fromCharCode` over 8 bytes at a time beats `latin1Slice`, which
 * crosses into Rust; on Bun, `latin1Slice` wins at every length), so the
 * transport picks one and hands it to the parser.
 *
 * @module
 */
import { Buffer } from "node:buffer";

/** Decodes bytes [start, end) of `buf` into a binary string. */
export type BinaryDecoder = (buf: Uint8Array, start: number, end: number) => string;

const latin1Slice = Buffer.prototype.latin1Slice as (
  this: Uint8Array,
  start: number,
  end: number,
) => string;

/** Native decoder: best on Bun, and for long strings everywhere. */
export const decodeNative: BinaryDecoder = (buf, start, end) =>
  end === start ? "" : latin1Slice.call(buf, start, end);

const fcc = String.fromCharCode;

/**
 * JS decoder for short strings: one `String.fromCharCode` call with one
 * argument per byte (a flat string: concatenating pieces would leave cons
 * strings that cost memory for every stored key and value); native past 24
 * bytes (at 20 bytes Deno's `latin1Slice` takes ~40 ns, `fromCharCode` ~24).
 * Best under V8 (Deno).
 */
export const decodeChunked: BinaryDecoder =
  ((function eager() {})(), function decodeChunked(b: Uint8Array, s: number, e: number): string {
    switch (e - s) {
      case 0:
        return "";
      case 1:
        return fcc(b[s]);
      case 2:
        return fcc(b[s], b[s + 1]);
      case 3:
        return fcc(b[s], b[s + 1], b[s + 2]);
      case 4:
        return fcc(b[s], b[s + 1], b[s + 2], b[s + 3]);
      case 5:
        return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
      case 6:
        return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
      case 7:
        return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
      case 8:
        return fcc(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    }
    return decodeChunkedLong(b, s, e);
  });

/**
 * {@link decodeChunked} past 8 bytes, apart so that a process's first short
 * decode (a command name) compiles only the short cases (~0.1 ms cold on Deno
 * for all 24).
 */
const decodeChunkedLong: BinaryDecoder =
  ((function eager() {})(),
    function decodeChunkedLong(b: Uint8Array, s: number, e: number): string {
      switch (e - s) {
        case 9:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
          );
        case 10:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
          );
        case 11:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
          );
        case 12:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
          );
        case 13:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
          );
        case 14:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
          );
        case 15:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
          );
        case 16:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
          );
        case 17:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
          );
        case 18:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
          );
        case 19:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
            b[s + 18],
          );
        case 20:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
            b[s + 18],
            b[s + 19],
          );
        case 21:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
            b[s + 18],
            b[s + 19],
            b[s + 20],
          );
        case 22:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
            b[s + 18],
            b[s + 19],
            b[s + 20],
            b[s + 21],
          );
        case 23:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
            b[s + 18],
            b[s + 19],
            b[s + 20],
            b[s + 21],
            b[s + 22],
          );
        case 24:
          return fcc(
            b[s],
            b[s + 1],
            b[s + 2],
            b[s + 3],
            b[s + 4],
            b[s + 5],
            b[s + 6],
            b[s + 7],
            b[s + 8],
            b[s + 9],
            b[s + 10],
            b[s + 11],
            b[s + 12],
            b[s + 13],
            b[s + 14],
            b[s + 15],
            b[s + 16],
            b[s + 17],
            b[s + 18],
            b[s + 19],
            b[s + 20],
            b[s + 21],
            b[s + 22],
            b[s + 23],
          );
      }
      return latin1Slice.call(b, s, e);
    });

/**
 * The words of the bytes {@link wordHash} last hashed (four bytes per word,
 * little end first, the last one zero-padded), so a cache can compare words
 * instead of chars.
 */
const hashedWords = new Int32Array(8);

/** Longest key StrMap keeps packed (and inline in its slots): 5 words. */
export const KNOWN_KEY_MAX = 20;

/**
 * A short key whose hash and packed words are already known, so that the
 * lookups of it that follow hash nothing. StrMap's `hashKey` fills it with
 * every short key it hashes, and the parser with each command's first
 * argument, hashed from the bytes for the argument cache anyway: the
 * handler's key lookup then costs no hash (~20 ns on Deno). A content-equal
 * string has the same hash and words, so any `s === knownKey.key` may use
 * them.
 */
export const knownKey: { key: string | undefined; hash: number; readonly words: Int32Array } = {
  key: undefined,
  hash: 0,
  words: new Int32Array(KNOWN_KEY_MAX / 4),
};

/**
 * Makes `s` the {@link knownKey}: `hash` and the words are those of the
 * bytes {@link wordHash} (or an {@link ArgumentCache} lookup) just hashed,
 * which must be the bytes of `s` (at most {@link KNOWN_KEY_MAX}).
 */
export function rememberKey(s: string, hash: number): void {
  setKnownKey(s, hash, hashedWords);
}

/** Copies the words {@link wordHash} last packed, those of a key of `length` bytes (at most {@link KNOWN_KEY_MAX}), into `to`. */
export function copyHashedWords(to: Int32Array, length: number): void {
  for (let j = 0, end = (length + 3) >> 2; j < end; j++) to[j] = hashedWords[j];
}

/** As {@link rememberKey}, with the words given (kept by {@link copyHashedWords} when `s` was hashed). */
export function rememberKeyWords(s: string, hash: number, words: Int32Array): void {
  if (knownKey.key !== s) setKnownKey(s, hash, words);
}

function setKnownKey(s: string, hash: number, words: Int32Array): void {
  const known = knownKey.words;
  for (let j = 0, end = (s.length + 3) >> 2; j < end; j++) known[j] = words[j];
  knownKey.hash = hash;
  knownKey.key = s;
}

/**
 * A per-process seed of {@link wordHash} (and of StrMap's `hashKey`, the
 * same hash over a string's chars), so colliding keys cannot simply be
 * precomputed. The hash is not a keyed cryptographic one (Redis uses
 * SipHash): a client able to find seed-independent collisions could
 * lengthen chains; V8's and JSC's own string hashes share that limit.
 */
export const HASH_SEED = (Math.random() * 0x100000000) | 0;

/** One step of the hash: a multiply and a fold per word (the final mix spreads the rest). */
export const mixWord = ((function eager() {})(), function mixWord(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x5bd1e995);
  return h ^ (h >>> 15);
});

/** MurmurHash3's finalizer over the running hash and the length. */
export const finalMix = ((function eager() {})(), function finalMix(h: number, n: number): number {
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
});

/**
 * A 32-bit hash of bytes [start, end), four bytes per step (a byte-wise
 * FNV-1a took as long as decoding the string it was to save): a multiply
 * and fold per word, seeded, then MurmurHash3's final mix. It is StrMap's
 * `hashKey` of the binary string the bytes decode to, so a key can be
 * hashed before it is a string (lib/server/prefetch.ts). Leaves the first
 * 32 bytes packed in `hashedWords`.
 */
export const wordHash =
  ((function eager() {})(), function wordHash(buf: Uint8Array, start: number, end: number): number {
    let h = HASH_SEED;
    let i = start;
    let j = 0;
    for (; i + 4 <= end; i += 4, j++) {
      const w = buf[i] | buf[i + 1] << 8 | buf[i + 2] << 16 | buf[i + 3] << 24;
      if (j < 8) hashedWords[j] = w;
      h = mixWord(h, w);
    }
    if (i < end) {
      let w = 0;
      for (let shift = 0; i < end; i++, shift += 8) w |= buf[i] << shift;
      if (j < 8) hashedWords[j] = w;
      h = mixWord(h, w);
    }
    return finalMix(h, end - start);
  });

/**
 * Remembers recently seen short strings (command names, keys, fields, small
 * values) so that bytes seen again decode to the string already made,
 * without allocating, and with its hash for the command table lookup
 * already computed: on Bun making any string costs ~25 ns (JavaScriptCore
 * allocates a cell and a separate character buffer), about as much as a
 * whole GET, and every string made is garbage to collect or memory to keep.
 * Hot keys, field names, command options and repeated values hit.
 *
 * The cache is direct-mapped: a 32-bit hash of the bytes ({@link wordHash}) picks the
 * slot and is kept beside it, so a miss reads no string memory. A slot is
 * replaced only after 8 misses in a row: with random keys (every lookup
 * a miss) replacing on every miss kept a stream of young strings reachable
 * and made GET ~2x slower in-process on Bun, while this policy measured
 * neutral there and still lets a new hot argument in after a few uses.
 *
 * @example
 * ```ts
 * import { ArgumentCache, decodeNative } from "./binary.ts";
 * const cache = new ArgumentCache();
 * const bytes = new TextEncoder().encode("user:42");
 * const a = cache.get(bytes, 0, bytes.length, decodeNative);
 * const b = cache.get(bytes, 0, bytes.length, decodeNative);
 * console.log(a === b && a === "user:42"); // true
 * ```
 */
export class ArgumentCache {
  /** Longest argument cached; longer ones are decoded every time. */
  static readonly MAX_LENGTH = 24;
  private static readonly SLOTS = 4096;
  private static readonly MISSES_BEFORE_REPLACE = 8;
  private readonly strings: (string | undefined)[] = new Array(ArgumentCache.SLOTS);
  private readonly hashes = new Int32Array(ArgumentCache.SLOTS);
  private readonly misses = new Uint8Array(ArgumentCache.SLOTS);
  /** Int32 words per slot: the bytes of its string, packed as {@link wordHash} packs them. */
  private static readonly WORDS = 6;
  private readonly words = new Int32Array(ArgumentCache.SLOTS * ArgumentCache.WORDS);
  /** The hash of the last argument of 1-24 bytes looked up ({@link wordHash} of its bytes). */
  lastHash = 0;
  /** Whether the last lookup of 1-24 bytes found its string in the cache. */
  lastHit = false;

  /** The string for bytes [start, end): the cached one when the same bytes were seen. */
  declare get: (buf: Uint8Array, start: number, end: number, decode: BinaryDecoder) => string;

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    ArgumentCache.prototype.get = ((function eager() {})(), function get(
      this: ArgumentCache,
      buf: Uint8Array,
      start: number,
      end: number,
      decode: BinaryDecoder,
    ): string {
      const n = end - start;
      if (n === 0 || n > ArgumentCache.MAX_LENGTH) return decode(buf, start, end);
      const h = this.lastHash = wordHash(buf, start, end);
      const slot = (h ^ (h >>> 12)) & (ArgumentCache.SLOTS - 1);
      const cached = this.strings[slot];
      const o = slot * ArgumentCache.WORDS;
      const words = this.words;
      if (cached !== undefined && this.hashes[slot] === h && cached.length === n) {
        // Compare the words wordHash packed (from the last: keys that share a
        // prefix differ there) with the bytes the slot's string was made from.
        let j = (n + 3) >> 2;
        while (j > 0 && words[o + j - 1] === hashedWords[j - 1]) j--;
        if (j === 0) {
          this.misses[slot] = 0;
          this.lastHit = true;
          return cached;
        }
      }
      this.lastHit = false;
      const s = decode(buf, start, end);
      if (cached === undefined || ++this.misses[slot] >= ArgumentCache.MISSES_BEFORE_REPLACE) {
        this.misses[slot] = 0;
        this.strings[slot] = s;
        this.hashes[slot] = h;
        for (let j = 0, e = (n + 3) >> 2; j < e; j++) words[o + j] = hashedWords[j];
      }
      return s;
    });
  }
}
