/**
 * RESP helpers for tests: encoding commands, framing replies (finding where
 * one complete reply ends) and showing bytes readably.
 *
 * Strings here are binary strings (one char per byte) unless said otherwise.
 *
 * @module
 */

/** Bytes of a binary string (chars must be below 256). */
export function bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The binary string of bytes. */
export function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** UTF-8 bytes of a string as a binary string (what a client sends for text). */
export function utf8Binary(s: string): string {
  return latin1(new TextEncoder().encode(s));
}

/** A multibulk request, as clients send commands. Arguments are binary strings. */
export function encodeCommand(argv: readonly string[]): string {
  let s = "*" + argv.length + "\r\n";
  for (const a of argv) s += "$" + a.length + "\r\n" + a + "\r\n";
  return s;
}

/**
 * Where the reply starting at `pos` ends (the index after it), or -1 when
 * `buf` does not hold all of it yet. Knows every RESP2 and RESP3 type.
 */
export function replyEnd(buf: Uint8Array, pos = 0, end = buf.length): number {
  if (pos >= end) return -1;
  let nl = -1;
  for (let i = pos + 1; i + 1 < end; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10) {
      nl = i;
      break;
    }
  }
  if (nl < 0) return -1;
  const type = buf[pos];
  const head = latin1(buf.subarray(pos + 1, nl));
  let p = nl + 2;
  switch (type) {
    case 0x24: // $ bulk
    case 0x3d: // = verbatim
    case 0x21: { // ! blob error
      const n = Number(head);
      if (n < 0) return p;
      return p + n + 2 <= end ? p + n + 2 : -1;
    }
    case 0x2a: // * array
    case 0x7e: // ~ set
    case 0x3e: // > push
    case 0x25: // % map
    case 0x7c: { // | attribute (followed by the reply it describes)
      let n = Number(head);
      if (n < 0) return p;
      if (type === 0x25 || type === 0x7c) n *= 2;
      for (let i = 0; i < n; i++) {
        p = replyEnd(buf, p, end);
        if (p < 0) return -1;
      }
      return type === 0x7c ? replyEnd(buf, p, end) : p;
    }
    default: // + - : , # ( _ are one line
      return p;
  }
}

/** Splits bytes holding whole replies into one binary string per reply. */
export function splitReplies(buf: Uint8Array): string[] {
  const out: string[] = [];
  let p = 0;
  while (p < buf.length) {
    const e = replyEnd(buf, p);
    if (e < 0) throw new Error("incomplete reply: " + show(latin1(buf.subarray(p))));
    out.push(latin1(buf.subarray(p, e)));
    p = e;
  }
  return out;
}

/** A binary string shown with escapes, e.g. `"+OK\r\n"`. */
export function show(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13) out += "\\r";
    else if (c === 10) out += "\\n";
    else if (c === 9) out += "\\t";
    else if (c === 34) out += '\\"';
    else if (c === 92) out += "\\\\";
    else if (c < 32 || c > 126) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += s[i];
  }
  return out + '"';
}
