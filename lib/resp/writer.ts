/**
 * The reply encoder: RESP2 and RESP3 replies written into one growable byte
 * buffer that a connection reuses for every reply of a read chunk, so a whole
 * pipeline is answered with a single socket write.
 *
 * Strings are "binary strings": one JS char per byte (latin1), which is how
 * keys and values are kept in the store.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { formatDouble } from "./double.ts";

const CR = 13;
const LF = 10;
const MIN_CAPACITY = 16 * 1024;
/** Past this size the buffer is shrunk back after a flush, so one huge reply does not pin memory. */
const SHRINK_ABOVE = 1024 * 1024;

/** Digits of a non-negative integer below 2^31 (2^31 itself: 10). */
function decimalLength(v: number): number {
  let digits = 1;
  for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
  return digits;
}

/** Buffer's latin1Write, present in Node, Deno and Bun but missing from the type definitions. */
interface Latin1Writable {
  latin1Write(s: string, offset: number, length: number): number;
}

/** The protocol version spoken on a connection. */
export type Protocol = 2 | 3;

/**
 * Encodes replies into a reusable buffer.
 *
 * @example
 * ```ts
 * const w = new ReplyWriter();
 * w.bulk("hello");
 * w.take(); // bytes of "$5\r\nhello\r\n"
 * ```
 */
export class ReplyWriter {
  buf: Buffer;
  len = 0;
  private spare: Buffer | null = null;
  /** RESP version of the connection: decides how nulls, maps, doubles, booleans are sent. */
  protocol: Protocol = 2;
  /** Number of replies written since the last reset (used by transactions and scripts). */
  count = 0;
  /** Told of every error reply (the engine counts them for INFO errorstats). */
  onError: ((message: string) => void) | undefined;

  constructor(capacity = MIN_CAPACITY) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** The encoded bytes (a view into the internal buffer, valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  /**
   * Hands out the encoded bytes and continues in a second buffer, so the
   * bytes stay valid while a socket write is in flight and new replies (e.g.
   * pub/sub messages) can be written meanwhile. The view is valid until the
   * next call of swap.
   */
  declare swap: () => Uint8Array;

  /** A copy of the encoded bytes; resets the writer. */
  take(): Uint8Array {
    // Buffer#slice is a view (as subarray); copy, since the buffer is reused.
    const out = new Uint8Array(this.buf.subarray(0, this.len));
    this.reset();
    return out;
  }

  /** Forgets what was written, keeping the buffer (shrunk if it grew very large). */
  reset(): void {
    this.len = 0;
    this.count = 0;
    if (this.buf.length > SHRINK_ABOVE) this.buf = Buffer.allocUnsafe(MIN_CAPACITY);
  }

  /** Ensures room for `extra` more bytes. */
  declare reserve: (extra: number) => void;

  /** Writes an ASCII/latin1 string with no framing. */
  declare private str: (s: string) => void;

  declare private crlf: () => void;

  /** Writes `prefix` followed by a decimal integer and CRLF. */
  declare private header: (prefix: number, n: number) => void;

  /** Writes a number's decimal form (room for it reserved by the caller, 23 bytes at most for the digits). */
  declare private decimal: (n: number) => void;

  /** An integer reply from its decimal digits (a counter that already has them as a string). */
  intDigits(digits: string): void {
    this.reserve(1);
    this.buf[this.len++] = 58;
    this.str(digits);
    this.crlf();
    this.count++;
  }

  /** Raw pre-encoded protocol bytes. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    this.count++;
  }

  /** Raw pre-encoded protocol as a binary string. */
  rawString(s: string): void {
    this.str(s);
    this.count++;
  }

  /** `+OK`. */
  declare ok: () => void;

  /** A status (simple string) reply: `+text`. Newlines are replaced as Redis does. */
  declare simple: (s: string) => void;

  /**
   * An error reply. `msg` is the full text such as `ERR syntax error`; a
   * leading `-` is tolerated. Newlines become spaces, as in Redis.
   */
  declare error: (msg: string) => void;

  /** An integer reply. */
  declare int: (n: number | bigint) => void;

  /** A bulk string reply of a binary string. */
  declare bulk: (s: string) => void;

  /** A bulk string reply of bytes. */
  bulkBytes(b: Uint8Array): void {
    this.header(36, b.length);
    this.reserve(b.length + 2);
    this.buf.set(b, this.len);
    this.len += b.length;
    this.crlf();
    this.count++;
  }

  /** A bulk reply, or the null bulk when `s` is undefined or null. */
  bulkOrNull(s: string | undefined | null): void {
    if (s === undefined || s === null) this.nullBulk();
    else this.bulk(s);
  }

  /** The null bulk string: `$-1` in RESP2, `_` in RESP3. */
  declare nullBulk: () => void;

  /** The null array: `*-1` in RESP2, `_` in RESP3. */
  nullArray(): void {
    if (this.protocol === 3) this.str("_\r\n");
    else this.str("*-1\r\n");
    this.count++;
  }

  /** Array header; the `n` elements follow. */
  declare arrayLen: (n: number) => void;

  /** Map header with `n` pairs (RESP2: array of 2n). */
  declare mapLen: (n: number) => void;

  /** Set header (RESP2: array). */
  setLen(n: number): void {
    this.header(this.protocol === 3 ? 126 : 42, n);
    this.count++;
  }

  /** Push header (RESP2: array), for out-of-band messages. */
  pushLen(n: number): void {
    this.header(this.protocol === 3 ? 62 : 42, n);
    this.count++;
  }

  /** Attribute header (RESP3 only; callers must not use it on RESP2). */
  attributeLen(n: number): void {
    this.header(124, n);
  }

  /** A double: `,1.5` in RESP3, a bulk string in RESP2, formatted as Redis does. */
  double(d: number): void {
    // Integral scores (the common case) as digits written in place, without
    // the string formatDouble would make; -0 keeps its sign through it.
    if ((d | 0) === d && (d !== 0 || 1 / d > 0)) {
      if (this.protocol === 3) this.header(44, d);
      else {
        this.header(36, d < 0 ? 1 + decimalLength(-d) : decimalLength(d));
        this.reserve(24);
        this.decimal(d);
        this.crlf();
      }
      this.count++;
      return;
    }
    const s = formatDouble(d);
    if (this.protocol === 3) {
      this.reserve(1);
      this.buf[this.len++] = 44;
      this.str(s);
      this.crlf();
      this.count++;
    } else this.bulk(s);
  }

  /** A double already formatted (as with INCRBYFLOAT's human form): RESP3 `,`, RESP2 bulk. */
  doubleString(s: string): void {
    if (this.protocol === 3) {
      this.reserve(1);
      this.buf[this.len++] = 44;
      this.str(s);
      this.crlf();
      this.count++;
    } else this.bulk(s);
  }

  /** A boolean: `#t`/`#f` in RESP3, `:1`/`:0` in RESP2. */
  bool(b: boolean): void {
    if (this.protocol === 3) this.str(b ? "#t\r\n" : "#f\r\n");
    else this.str(b ? ":1\r\n" : ":0\r\n");
    this.count++;
  }

  /** A big number: `(` in RESP3, bulk string in RESP2. */
  bigNumber(digits: string): void {
    if (this.protocol === 3) {
      this.reserve(1);
      this.buf[this.len++] = 40;
      this.str(digits);
      this.crlf();
      this.count++;
    } else this.bulk(digits);
  }

  /** Verbatim string (RESP3 `=` with a 3-letter format), bulk in RESP2. */
  verbatim(s: string, format = "txt"): void {
    if (this.protocol === 3) {
      this.header(61, s.length + 4);
      this.str(format.length === 3 ? format : (format + "   ").slice(0, 3));
      this.reserve(1);
      this.buf[this.len++] = 58;
      this.str(s);
      this.crlf();
      this.count++;
    } else this.bulk(s);
  }

  /** An array of bulk strings. */
  bulkArray(items: readonly string[]): void {
    this.arrayLen(items.length);
    for (let i = 0; i < items.length; i++) this.bulk(items[i]);
  }

  /**
   * Starts an aggregate whose length is not known yet; returns a mark for
   * {@link ReplyWriter.endDeferred}. Reserves room for the header so that
   * closing it usually needs no move.
   */
  beginDeferred(): number {
    const mark = this.len;
    this.reserve(16);
    this.len += 16;
    this.count++;
    return mark;
  }

  /** Closes an aggregate opened by {@link ReplyWriter.beginDeferred}. */
  endDeferred(mark: number, n: number, kind: "array" | "map" | "set" = "array"): void {
    let prefix = 42;
    let count = n;
    if (kind === "map") {
      if (this.protocol === 3) prefix = 37;
      else count = n * 2;
    } else if (kind === "set" && this.protocol === 3) prefix = 126;
    const head = String.fromCharCode(prefix) + count + "\r\n";
    const body = mark + 16;
    const shift = 16 - head.length;
    const buf = this.buf;
    buf.copyWithin(mark + head.length, body, this.len);
    for (let i = 0; i < head.length; i++) buf[mark + i] = head.charCodeAt(i);
    this.len -= shift;
  }

  static {
    // Methods a first command runs, compiled with the module (README, "Start-up").
    ReplyWriter.prototype.swap = ((function eager() {})(), function swap(
      this: ReplyWriter,
    ): Uint8Array {
      const out = this.buf.subarray(0, this.len);
      let spare = this.spare;
      if (spare === null || spare.length > SHRINK_ABOVE) spare = Buffer.allocUnsafe(MIN_CAPACITY);
      this.spare = this.buf;
      this.buf = spare;
      this.len = 0;
      this.count = 0;
      return out;
    });

    ReplyWriter.prototype.reserve = ((function eager() {})(), function reserve(
      this: ReplyWriter,
      extra: number,
    ): void {
      const need = this.len + extra;
      if (need <= this.buf.length) return;
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = Buffer.allocUnsafe(cap);
      next.set(this.buf.subarray(0, this.len), 0);
      this.buf = next;
    });

    ReplyWriter.prototype.str = ((function eager() {})(), function str(
      this: ReplyWriter,
      s: string,
    ): void {
      const n = s.length;
      this.reserve(n);
      const buf = this.buf;
      let p = this.len;
      if (n < 48) {
        for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
        this.len = p;
      } else {
        this.len += (buf as unknown as Latin1Writable).latin1Write(s, p, n);
      }
    });

    ReplyWriter.prototype.crlf = ((function eager() {})(), function crlf(
      this: ReplyWriter,
    ): void {
      this.reserve(2);
      this.buf[this.len++] = CR;
      this.buf[this.len++] = LF;
    });

    ReplyWriter.prototype.header = ((function eager() {})(), function header(
      this: ReplyWriter,
      prefix: number,
      n: number,
    ): void {
      this.reserve(24);
      this.buf[this.len++] = prefix;
      this.decimal(n);
      this.buf[this.len++] = CR;
      this.buf[this.len++] = LF;
    });

    ReplyWriter.prototype.decimal = ((function eager() {})(), function decimal(
      this: ReplyWriter,
      n: number,
    ): void {
      const buf = this.buf;
      if (n >= 0 && n < 10) {
        buf[this.len++] = 48 + n;
      } else if (n > -2147483648 && n < 2147483648 && n === Math.floor(n)) {
        // Digits written in place: no String(n) per reply.
        let p = this.len;
        let v = n;
        if (v < 0) {
          buf[p++] = 45;
          v = -v;
        }
        p += decimalLength(v);
        this.len = p;
        do {
          buf[--p] = 48 + (v % 10);
          v = (v / 10) | 0;
        } while (v > 0);
      } else {
        this.str(String(n));
      }
    });

    ReplyWriter.prototype.ok = ((function eager() {})(), function ok(
      this: ReplyWriter,
    ): void {
      this.reserve(5);
      const buf = this.buf;
      buf[this.len++] = 43; // +
      buf[this.len++] = 79; // O
      buf[this.len++] = 75; // K
      buf[this.len++] = CR;
      buf[this.len++] = LF;
      this.count++;
    });

    ReplyWriter.prototype.simple = ((function eager() {})(), function simple(
      this: ReplyWriter,
      s: string,
    ): void {
      this.reserve(1);
      this.buf[this.len++] = 43;
      this.str(s.indexOf("\r") >= 0 || s.indexOf("\n") >= 0 ? s.replace(/[\r\n]/g, " ") : s);
      this.crlf();
      this.count++;
    });

    ReplyWriter.prototype.error = ((function eager() {})(), function error(
      this: ReplyWriter,
      msg: string,
    ): void {
      this.reserve(1);
      this.buf[this.len++] = 45;
      if (msg.charCodeAt(0) === 45) msg = msg.slice(1);
      this.onError?.(msg);
      this.str(
        msg.indexOf("\r") >= 0 || msg.indexOf("\n") >= 0 ? msg.replace(/[\r\n]/g, " ") : msg,
      );
      this.crlf();
      this.count++;
    });

    ReplyWriter.prototype.int = ((function eager() {})(), function int(
      this: ReplyWriter,
      n: number | bigint,
    ): void {
      if (typeof n === "number") this.header(58, n);
      else {
        this.reserve(1);
        this.buf[this.len++] = 58;
        this.str(n.toString());
        this.crlf();
      }
      this.count++;
    });

    ReplyWriter.prototype.bulk = ((function eager() {})(), function bulk(
      this: ReplyWriter,
      s: string,
    ): void {
      this.header(36, s.length);
      this.str(s);
      this.crlf();
      this.count++;
    });

    ReplyWriter.prototype.nullBulk = ((function eager() {})(), function nullBulk(
      this: ReplyWriter,
    ): void {
      if (this.protocol === 3) this.str("_\r\n");
      else this.str("$-1\r\n");
      this.count++;
    });

    ReplyWriter.prototype.arrayLen = ((function eager() {})(), function arrayLen(
      this: ReplyWriter,
      n: number,
    ): void {
      this.header(42, n);
      this.count++;
    });

    ReplyWriter.prototype.mapLen = ((function eager() {})(), function mapLen(
      this: ReplyWriter,
      n: number,
    ): void {
      if (this.protocol === 3) this.header(37, n);
      else this.header(42, n * 2);
      this.count++;
    });
  }
}
