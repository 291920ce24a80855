/**
 * Reply comparison for the differential test: exact bytes, or as sets.
 *
 * @module
 */
import { bytes, latin1, replyEnd } from "../helpers/resp.ts";
import type { Compare } from "./cases.ts";

/** Client ids differ between servers; HELLO replies show them. */
export function maskHelloId(reply: string): string {
  return reply.replace(/(\$2\r\nid\r\n):\d+\r\n/, "$1:<id>\r\n");
}

/** The elements of an aggregate reply (header dropped), or null for a non-aggregate. */
function elements(reply: string): { head: string; items: string[] } | null {
  const type = reply[0];
  if (!"*~%>".includes(type)) return null;
  const b = bytes(reply);
  const headEnd = reply.indexOf("\r\n") + 2;
  const items: string[] = [];
  let p = headEnd;
  while (p < b.length) {
    const e = replyEnd(b, p);
    if (e < 0) break;
    items.push(latin1(b.subarray(p, e)));
    p = e;
  }
  return { head: reply.slice(0, headEnd), items };
}

/** A canonical form: aggregate elements (or pairs) sorted. */
function canonical(reply: string, pairs: boolean): string {
  const el = elements(reply);
  if (el === null) return reply;
  const byPairs = pairs || reply[0] === "%";
  let groups: string[];
  if (byPairs) {
    groups = [];
    for (let i = 0; i < el.items.length; i += 2) {
      groups.push(el.items[i] + (el.items[i + 1] ?? ""));
    }
  } else groups = el.items;
  return el.head + groups.sort().join("");
}

/** The aggregate with its own element order kept and each element made canonical. */
function canonicalInner(reply: string): string {
  const el = elements(reply);
  if (el === null) return reply;
  return el.head + el.items.map((item) => canonical(item, false)).join("");
}

/** True when the two replies count as the same under `mode`. */
export function sameReply(a: string, b: string, mode: Compare): boolean {
  switch (mode) {
    case "exact":
      return a === b;
    case "any":
      return a[0] === b[0];
    case "unordered":
      return canonical(a, false) === canonical(b, false);
    case "unordered pairs":
      return canonical(a, true) === canonical(b, true);
    case "unordered nested":
      return canonicalInner(a) === canonicalInner(b);
    case "noreply":
      return true;
  }
}
