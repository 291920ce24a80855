/**
 * Decodes reply bytes into JS values: for the in-process API and for tests.
 *
 * @module
 */

/** An error reply, as a value. */
export class ReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplyError";
  }
}

/** A decoded reply. Maps decode to `Map`, sets and pushes to arrays. */
export type ReplyValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | ReplyError
  | ReplyValue[]
  | Map<ReplyValue, ReplyValue>;

/** How bulk strings are turned into JS strings. */
export interface DecodeOptions {
  /** `utf8` (default) or `binary` (one char per byte). */
  strings?: "utf8" | "binary";
}

/**
 * Decodes every reply in `bytes`.
 *
 * @example
 * ```ts
 * decodeReplies(new TextEncoder().encode("+OK\r\n:1\r\n")); // ["OK", 1]
 * ```
 */
export function decodeReplies(bytes: Uint8Array, options: DecodeOptions = {}): ReplyValue[] {
  const st = { pos: 0, bytes, utf8: options.strings !== "binary" };
  const out: ReplyValue[] = [];
  while (st.pos < bytes.length) out.push(read(st));
  return out;
}

/** Decodes one reply (the first in `bytes`). */
export function decodeReply(bytes: Uint8Array, options: DecodeOptions = {}): ReplyValue {
  const all = decodeReplies(bytes, options);
  return all.length === 0 ? null : all[0];
}

interface State {
  pos: number;
  bytes: Uint8Array;
  utf8: boolean;
}

const utf8 = new TextDecoder();

function line(st: State): string {
  const start = st.pos;
  let i = start;
  while (st.bytes[i] !== 13) i++;
  st.pos = i + 2;
  let s = "";
  for (let j = start; j < i; j++) s += String.fromCharCode(st.bytes[j]);
  return s;
}

function text(st: State, start: number, end: number): string {
  if (st.utf8) return utf8.decode(st.bytes.subarray(start, end));
  let s = "";
  for (let j = start; j < end; j++) s += String.fromCharCode(st.bytes[j]);
  return s;
}

function read(st: State): ReplyValue {
  const type = String.fromCharCode(st.bytes[st.pos++]);
  const head = line(st);
  switch (type) {
    case "+":
      return head;
    case "-":
      return new ReplyError(head);
    case ":":
      return Math.abs(Number(head)) <= Number.MAX_SAFE_INTEGER ? Number(head) : BigInt(head);
    case "$":
    case "=":
    case "!": {
      const n = Number(head);
      if (n < 0) return null;
      const start = st.pos;
      st.pos += n + 2;
      let s = text(st, start, start + n);
      if (type === "=") s = s.slice(4);
      if (type === "!") return new ReplyError(s);
      return s;
    }
    case "*":
    case "~":
    case ">": {
      const n = Number(head);
      if (n < 0) return null;
      const arr: ReplyValue[] = [];
      for (let i = 0; i < n; i++) arr.push(read(st));
      return arr;
    }
    case "%":
    case "|": {
      const n = Number(head);
      const m = new Map<ReplyValue, ReplyValue>();
      for (let i = 0; i < n; i++) {
        const k = read(st);
        m.set(k, read(st));
      }
      if (type === "|") return read(st);
      return m;
    }
    case "_":
      return null;
    case "#":
      return head === "t";
    case ",":
      return head === "inf" ? Infinity : head === "-inf" ? -Infinity : Number(head);
    case "(":
      return BigInt(head);
    default:
      throw new Error("bad reply type " + JSON.stringify(type));
  }
}
