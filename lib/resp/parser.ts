/**
 * Incremental RESP request parser: multibulk (`*N\r\n$len\r\n...`) and inline
 * commands, fed with chunks split at any byte. Arguments come out as binary
 * strings (one char per byte), the representation the store keeps.
 *
 * The parser keeps no reference to a chunk after {@link RespParser.feed}
 * returns (unconsumed bytes are copied), so transports may reuse read buffers.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { splitInlineArgs } from "./inline.ts";
import {
  ArgumentCache,
  type BinaryDecoder,
  copyHashedWords,
  decodeNative,
  KNOWN_KEY_MAX,
  knownKey,
  rememberKey,
  rememberKeyWords,
  wordHash,
} from "./binary.ts";

/** Longest inline request or count line Redis accepts before a newline. */
const PROTO_INLINE_MAX_SIZE = 64 * 1024;
/** Past this many pending bytes for one bulk we allocate exactly, as Redis does. */
const BIG_ARG = 32 * 1024;

/** Receives what the parser finds. */
export interface CommandSink {
  /**
   * Called synchronously for each complete command. Return `false` to stop
   * parsing this chunk (the rest is kept for the next call of feed).
   */
  onCommand(argv: string[]): boolean | void;
  /**
   * Called once with the error text (e.g. `Protocol error: invalid bulk
   * length`); the connection must reply it and close. An empty message means
   * the query buffer limit was passed: close without a reply, as Redis does.
   */
  onProtocolError(message: string): void;
}

/** Limits a parser applies, as Redis's config parameters. */
export interface ParserLimits {
  /** `proto-max-bulk-len`, default 512 MB. */
  maxBulkLen: number;
  /** `client-query-buffer-limit`, default 1 GB. */
  maxQueryBuffer: number;
}

/**
 * Command names repeat endlessly, short arguments often (hot keys, fields,
 * values): both are cached across all parsers, apart so that arguments
 * cannot evict command names.
 */
const commandNames = new ArgumentCache();
const shortArguments = new ArgumentCache();

/**
 * Parses RESP requests.
 *
 * @example
 * ```ts
 * const p = new RespParser();
 * p.feed(new TextEncoder().encode("*1\r\n$4\r\nPING\r\n"), {
 *   onCommand: (argv) => console.log(argv), // ["PING"]
 *   onProtocolError: (e) => console.error(e),
 * });
 * ```
 */
export class RespParser {
  /** When true, Redis's smaller limits for unauthenticated clients apply. */
  authRequired = false;
  /** Set once a protocol error was reported; the parser then ignores input. */
  failed = false;
  limits: ParserLimits;
  private readonly decode: BinaryDecoder;

  /** Bytes kept from earlier chunks (owned copy), or null. */
  private pending: Buffer | null = null;
  private pendingLen = 0;
  /** Remaining bulks of the current multibulk, 0 when between commands. */
  private multibulkLen = 0;
  /** Length of the bulk being read, -1 when its header is not read yet. */
  private bulkLen = -1;
  private argv: string[] = [];
  /** Arguments of the current multibulk read so far. */
  private argc = 0;
  /**
   * The previous command's short arguments by position (and the key's hash
   * and words): a pipeline repeats its command name, key and values at the
   * same positions, and comparing the bytes with the string found there
   * last time is cheaper than the argument cache's hash and probe.
   */
  private readonly recent: (string | undefined)[] = new Array(RECENT_POSITIONS).fill(undefined);
  private recentKeyHash = 0;
  private readonly recentKeyWords = new Int32Array(KNOWN_KEY_MAX / 4);
  /**
   * Per position, how the last arguments fared: misses in a row of the
   * comparison with the previous command's argument and of the argument
   * cache, and how many more arguments skip either. A position that keeps
   * missing (a random key or member) skips both for a while: the cache's
   * probe (and past the key, whose hash StrMap uses, its hash) is then
   * wasted work, ~13-16 ns per argument.
   */
  private readonly positionStats = new Uint8Array(RECENT_POSITIONS * 4);

  constructor(limits: Partial<ParserLimits> = {}, decode: BinaryDecoder = decodeNative) {
    this.decode = decode;
    this.limits = {
      maxBulkLen: limits.maxBulkLen ?? 512 * 1024 * 1024,
      maxQueryBuffer: limits.maxQueryBuffer ?? 1024 * 1024 * 1024,
    };
  }

  /** Bytes held between calls (the query buffer, for CLIENT LIST `qbuf`). */
  get bufferedBytes(): number {
    return this.pendingLen;
  }

  /** True while a command is partially received. */
  get midCommand(): boolean {
    return this.pendingLen > 0 || this.multibulkLen > 0;
  }

  /** Parses what `chunk` completes; see {@link CommandSink}. */
  declare feed: (chunk: Uint8Array, sink: CommandSink) => void;

  /** Copies bytes into the pending buffer, sizing it for a big bulk when one is being read. */
  private append(bytes: Uint8Array): void {
    const need = this.pendingLen + bytes.length;
    let buf = this.pending;
    if (buf === null || buf.length < need) {
      let cap = buf === null ? 4096 : buf.length * 2;
      if (this.bulkLen >= BIG_ARG) cap = Math.max(cap, this.bulkLen + 2 + 64);
      while (cap < need) cap *= 2;
      const next = Buffer.allocUnsafe(cap);
      if (buf !== null && this.pendingLen > 0) next.set(buf.subarray(0, this.pendingLen), 0);
      buf = this.pending = next;
    }
    buf.set(bytes, this.pendingLen);
    this.pendingLen = need;
  }

  private fail(sink: CommandSink, message: string): number {
    this.failed = true;
    this.multibulkLen = 0;
    this.bulkLen = -1;
    this.argv = [];
    sink.onProtocolError(message);
    return 0;
  }

  /**
   * The previous inline command's name: a line starting with the same bytes
   * reuses it without hashing them (inline clients repeat one command).
   */
  private lastInlineName = "";

  /**
   * An inline line's arguments. A line without quotes, NUL, \v or \f
   * (where sdssplitargs has special rules) splits on space, tab, CR and LF:
   * each word is decoded from the bytes, the command name interned.
   */
  private inlineArgs(buf: Uint8Array, start: number, end: number): string[] | null {
    for (let i = start; i < end; i++) {
      const c = buf[i];
      if (c === 34 || c === 39 || c === 0 || c === 11 || c === 12) {
        return splitInlineArgs(this.decode(buf, start, end));
      }
    }
    let p = start;
    while (p < end && isInlineSpace(buf[p])) p++;
    if (p >= end) return [];
    let s = p;
    while (p < end && !isInlineSpace(buf[p])) p++;
    const last = this.lastInlineName;
    // Sized by its literal: most inline lines are one word (PING), and an
    // empty array would take a backing store of 17 on its first push.
    const out = [
      last.length === p - s && sameChars(buf, s, last)
        ? last
        : (this.lastInlineName = commandNames.get(buf, s, p, this.decode)),
    ];
    while (true) {
      while (p < end && isInlineSpace(buf[p])) p++;
      if (p >= end) return out;
      s = p;
      while (p < end && !isInlineSpace(buf[p])) p++;
      out.push(this.decode(buf, s, p));
    }
  }

  /**
   * Argument `argc` (below RECENT_POSITIONS) of 1-24 bytes at `pos` that is
   * not the previous command's argument at the same position: the argument
   * cache's string, or a fresh one (see positionStats). It becomes the one
   * the next command's argument is compared with, unless the position is
   * paused (`recent` then holds nothing for it).
   */
  declare private unseenArgument: (
    buf: Uint8Array,
    pos: number,
    len: number,
    argc: number,
  ) => string;

  /**
   * The argument cache's string for the bytes, unless the position skips the
   * cache (see positionStats). The key (argument 1) becomes StrMap's known
   * key either way: its hash is needed, only the cache's probe is skipped.
   */
  declare private cachedArgument: (
    buf: Uint8Array,
    pos: number,
    len: number,
    argc: number,
    stats: Uint8Array,
    at: number,
  ) => string;

  /**
   * Parses the inline command at `pos`: returns where parsing goes on, or
   * `-p - 1` to stop with `p` as the first unconsumed byte (a line not
   * complete yet, the sink asking to stop, a protocol error). Apart from
   * {@link RespParser.parse} so that a process's first multibulk command
   * does not compile it.
   */
  private inlineCommand(buf: Uint8Array, pos: number, end: number, sink: CommandSink): number {
    // A short line's newline by hand: TypedArray indexOf's call costs more than the scan.
    let nl = pos;
    const scanEnd = end < pos + 64 ? end : pos + 64;
    while (nl < scanEnd && buf[nl] !== 10) nl++;
    if (nl === scanEnd) nl = scanEnd === end ? -1 : buf.indexOf(10, scanEnd);
    if (nl < 0 || nl >= end) {
      if (end - pos > PROTO_INLINE_MAX_SIZE) {
        return -this.fail(sink, "Protocol error: too big inline request") - 1;
      }
      return -pos - 1;
    }
    let lineEnd = nl;
    if (lineEnd > pos && buf[lineEnd - 1] === 13) lineEnd--;
    const args = this.inlineArgs(buf, pos, lineEnd);
    if (args === null) {
      return -this.fail(sink, "Protocol error: unbalanced quotes in request") - 1;
    }
    pos = nl + 1;
    if (args.length > 0 && sink.onCommand(args) === false) return -pos - 1;
    if (this.failed) return -pos - 1;
    return pos;
  }

  /** Parses from `pos`; returns the position of the first unconsumed byte. */
  declare private parse: (buf: Uint8Array, pos: number, end: number, sink: CommandSink) => number;

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    RespParser.prototype.feed = ((function eager() {})(), function feed(
      this: RespParser,
      chunk: Uint8Array,
      sink: CommandSink,
    ): void {
      if (this.failed) return;
      let buf: Uint8Array;
      let end: number;
      if (this.pending !== null && this.pendingLen > 0) {
        this.append(chunk);
        buf = this.pending;
        end = this.pendingLen;
      } else {
        buf = chunk;
        end = chunk.length;
      }
      const pos = this.parse(buf, 0, end, sink);
      if (this.failed) {
        this.pending = null;
        this.pendingLen = 0;
        return;
      }
      const rest = end - pos;
      if (buf === this.pending) {
        if (rest === 0) {
          this.pendingLen = 0;
          if (this.pending.length > BIG_ARG) this.pending = null;
        } else if (pos > 0) {
          this.pending.copyWithin(0, pos, end);
          this.pendingLen = rest;
        }
      } else if (rest > 0) {
        this.pendingLen = 0;
        this.append(chunk.subarray(pos, end));
      }
      if (this.pendingLen > this.limits.maxQueryBuffer) {
        this.failed = true;
        this.pending = null;
        this.pendingLen = 0;
        sink.onProtocolError("");
      }
    });

    RespParser.prototype.unseenArgument = ((function eager() {})(), function unseenArgument(
      this: RespParser,
      buf: Uint8Array,
      pos: number,
      len: number,
      argc: number,
    ): string {
      const stats = this.positionStats;
      const at = argc * 4;
      const recent = this.recent;
      let pause = stats[at + 1];
      if (pause === 0 && recent[argc] !== undefined && ++stats[at] >= COMPARE_MISSES) {
        stats[at] = 0;
        pause = COMPARE_PAUSE;
        recent[argc] = undefined;
      }
      if (pause !== 0) {
        stats[at + 1] = --pause;
        if (pause !== 0) return this.cachedArgument(buf, pos, len, argc, stats, at);
      }
      const arg = this.cachedArgument(buf, pos, len, argc, stats, at);
      recent[argc] = arg;
      if (argc === 1 && len <= KNOWN_KEY_MAX) {
        this.recentKeyHash = knownKey.hash;
        copyHashedWords(this.recentKeyWords, len);
      }
      return arg;
    });

    RespParser.prototype.cachedArgument = ((function eager() {})(), function cachedArgument(
      this: RespParser,
      buf: Uint8Array,
      pos: number,
      len: number,
      argc: number,
      stats: Uint8Array,
      at: number,
    ): string {
      if (argc === 0) return commandNames.get(buf, pos, pos + len, this.decode);
      const known = argc === 1 && len <= KNOWN_KEY_MAX;
      const pause = stats[at + 3];
      if (pause !== 0) {
        stats[at + 3] = pause - 1;
        if (!known) return this.decode(buf, pos, pos + len);
        const hash = wordHash(buf, pos, pos + len);
        const key = this.decode(buf, pos, pos + len);
        rememberKey(key, hash);
        return key;
      }
      const arg = shortArguments.get(buf, pos, pos + len, this.decode);
      if (shortArguments.lastHit) stats[at + 2] = 0;
      else if (++stats[at + 2] >= CACHE_MISSES) {
        stats[at + 2] = 0;
        stats[at + 3] = CACHE_PAUSE;
      }
      // Most commands' key: hashed for the cache, so StrMap's lookup need not.
      if (known) rememberKey(arg, shortArguments.lastHash);
      return arg;
    });

    RespParser.prototype.parse = ((function eager() {})(), function parse(
      this: RespParser,
      buf: Uint8Array,
      pos: number,
      end: number,
      sink: CommandSink,
    ): number {
      while (pos < end) {
        if (this.multibulkLen === 0) {
          if (buf[pos] !== 42) {
            const next = this.inlineCommand(buf, pos, end, sink);
            if (next < 0) return -next - 1;
            pos = next;
            continue;
          }
          // Multibulk count line.
          const cr = indexOfCR(buf, pos + 1, end);
          if (cr < 0) {
            if (end - pos > PROTO_INLINE_MAX_SIZE) {
              return this.fail(sink, "Protocol error: too big mbulk count string");
            }
            return pos;
          }
          if (cr + 1 >= end) return pos;
          const n = parseLength(buf, pos + 1, cr);
          if (n === INVALID || n > 2147483647) {
            return this.fail(sink, "Protocol error: invalid multibulk length");
          }
          if (n > 10 && this.authRequired) {
            return this.fail(sink, "Protocol error: unauthenticated multibulk length");
          }
          pos = cr + 2;
          if (n <= 0) continue;
          this.multibulkLen = n;
          // Sized up front (no growth while pushing) unless the count is huge:
          // then it grows with the arguments that really arrive.
          this.argv = n <= 1024 ? new Array(n) : [];
          this.argc = 0;
        }
        // Bulk arguments.
        while (this.multibulkLen > 0) {
          if (this.bulkLen === -1) {
            if (pos >= end) return pos;
            const cr = indexOfCR(buf, pos, end);
            if (cr < 0) {
              if (end - pos > PROTO_INLINE_MAX_SIZE) {
                return this.fail(sink, "Protocol error: too big bulk count string");
              }
              return pos;
            }
            if (cr + 1 >= end) return pos;
            if (buf[pos] !== 36) {
              return this.fail(
                sink,
                "Protocol error: expected '$', got '" + String.fromCharCode(buf[pos]) + "'",
              );
            }
            const len = parseLength(buf, pos + 1, cr);
            if (len === INVALID || len < 0 || len > this.limits.maxBulkLen) {
              return this.fail(sink, "Protocol error: invalid bulk length");
            }
            if (len > 16384 && this.authRequired) {
              return this.fail(sink, "Protocol error: unauthenticated bulk length");
            }
            pos = cr + 2;
            this.bulkLen = len;
          }
          if (end - pos < this.bulkLen + 2) return pos;
          const argc = this.argc++;
          const len = this.bulkLen;
          if (argc < RECENT_POSITIONS && len > 0 && len <= ArgumentCache.MAX_LENGTH) {
            const seen = this.recent[argc];
            if (seen !== undefined && seen.length === len && sameChars(buf, pos, seen)) {
              this.positionStats[argc * 4] = 0;
              if (argc === 1 && len <= KNOWN_KEY_MAX) {
                rememberKeyWords(seen, this.recentKeyHash, this.recentKeyWords);
              }
              this.argv[argc] = seen;
            } else this.argv[argc] = this.unseenArgument(buf, pos, len, argc);
          } else if (argc === 0) this.argv[0] = commandNames.get(buf, pos, pos + len, this.decode);
          // Past the remembered positions, or empty, or longer than the cache
          // keeps: never a known key (those are 1-20 bytes at position 1).
          else this.argv[argc] = shortArguments.get(buf, pos, pos + len, this.decode);
          pos += this.bulkLen + 2;
          this.bulkLen = -1;
          this.multibulkLen--;
        }
        const argv = this.argv;
        this.argv = NO_ARGV;
        if (sink.onCommand(argv) === false) return pos;
        if (this.failed) return pos;
      }
      return pos;
    });
  }
}

const INVALID = -0x7fffffff_ffff;
/** Argument positions the parser remembers from one command to the next. */
const RECENT_POSITIONS = 8;
/** Misses in a row after which a position stops comparing with the previous command's argument, */
const COMPARE_MISSES = 4;
/** for this many arguments. */
const COMPARE_PAUSE = 64;
/** Cache misses in a row after which a position decodes without the cache, */
const CACHE_MISSES = 16;
/** for this many arguments. */
const CACHE_PAUSE = 255;

/** True when bytes [pos, pos + s.length) of `buf` are the chars of `s` (compared from the end: keys differ there). */
function sameChars(buf: Uint8Array, pos: number, s: string): boolean {
  for (let i = s.length - 1; i >= 0; i--) if (buf[pos + i] !== s.charCodeAt(i)) return false;
  return true;
}
/** Placeholder between commands: each multibulk gets a fresh array. */
const NO_ARGV: string[] = [];

function isInlineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const indexOfCR =
  ((function eager() {})(), function indexOfCR(buf: Uint8Array, from: number, end: number): number {
    for (let i = from; i < end; i++) if (buf[i] === 13) return i;
    return -1;
  });

/** Parses a signed decimal as Redis's string2ll does (no '+', no leading zeros, no spaces). */
const parseLength =
  ((function eager() {})(),
    function parseLength(buf: Uint8Array, start: number, end: number): number {
      const n = end - start;
      if (n === 0 || n > 20) return INVALID;
      let i = start;
      let neg = false;
      if (buf[i] === 45) {
        neg = true;
        i++;
        if (i === end) return INVALID;
      }
      if (buf[i] === 48) return i + 1 === end && !neg ? 0 : INVALID;
      let v = 0;
      for (; i < end; i++) {
        const c = buf[i] - 48;
        if (c < 0 || c > 9) return INVALID;
        v = v * 10 + c;
      }
      // Values past 2^53 lose precision but are rejected by every caller's limit anyway.
      return neg ? -v : v;
    });
