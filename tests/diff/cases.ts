/**
 * Case files of the differential test: the same commands go to real
 * redis-server and to Ferrous, and the replies must be the same bytes.
 *
 * Format (one item per line, files read as bytes, so UTF-8 text is sent as
 * its bytes):
 *
 * ```text
 * # A comment.
 * SET key "a value with spaces\x00"     a command, split as redis-cli does
 * @other GET key                         the same on a second connection
 * # unordered                            the next reply is compared as a set
 * # unordered pairs                      ... as a set of (field, value) pairs
 * # unordered nested                     order kept, but each element that is
 *                                        an aggregate compared as a set
 *                                        (SCAN's [cursor, [keys]])
 * # any                                  the next reply only needs the same type
 * # noreply                              the next command gets no reply
 * # raw "*1\r\n$4\r\nPING\r\n"           bytes sent as they are; one reply read
 * # read                                 nothing sent; the next reply read (a pushed
 * # read other                           message, invalidation...) on main or `other`
 * # sleep 150                            wait, in milliseconds
 * # server: --requirepass pw             (header) arguments for both servers
 * # protocols: 2                         (header) run only over RESP2 (default: 2 and 3)
 * ```
 *
 * Each file runs on fresh servers, once per protocol (RESP3: every
 * connection says `HELLO 3` first). A connection the servers close (QUIT,
 * protocol errors) is opened again by the next item that uses it.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { splitInlineArgs } from "../../lib/resp/inline.ts";

/** How two replies are compared. */
export type Compare =
  | "exact"
  | "unordered"
  | "unordered pairs"
  | "unordered nested"
  | "any"
  | "noreply";

/** One thing to do. */
export interface Item {
  /** 1-based line in the file. */
  line: number;
  /** The line as written (for reports). */
  text: string;
  /** Connection name (`main` unless the line starts with `@name`). */
  conn: string;
  kind: "command" | "raw" | "sleep" | "read";
  /** The command (kind `command`). */
  argv?: string[];
  /** Bytes to send (kind `raw`). */
  raw?: string;
  /** Milliseconds (kind `sleep`). */
  ms?: number;
  compare: Compare;
}

/** A parsed case file. */
export interface CaseFile {
  path: string;
  name: string;
  serverArgs: string[];
  protocols: (2 | 3)[];
  items: Item[];
}

/** Parses a case file; throws on a malformed line (with its number). */
export function parseCaseFile(path: string, name = path): CaseFile {
  // latin1: one char per byte, which is how commands are sent.
  const lines = readFileSync(path, "latin1").split("\n");
  const file: CaseFile = { path, name, serverArgs: [], protocols: [2, 3], items: [] };
  let pending: Compare = "exact";
  const bad = (n: number, why: string): never => {
    throw new Error(`${name}:${n}: ${why}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const text = lines[i].replace(/\r$/, "");
    const trimmed = text.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith("#")) {
      const body = trimmed.slice(1).trim();
      const m = body.match(
        /^(unordered|any|noreply|raw|read|sleep|server:|protocols:)(?:\s+(.*))?$/,
      );
      if (!m) continue; // A comment.
      const [, word, rest = ""] = m;
      if (word === "unordered") {
        if (rest !== "" && rest !== "pairs" && rest !== "nested") {
          bad(n, `unknown mode 'unordered ${rest}'`);
        }
        pending = rest === ""
          ? "unordered"
          : rest === "pairs"
          ? "unordered pairs"
          : "unordered nested";
      } else if (word === "any" || word === "noreply") {
        pending = word;
      } else if (word === "read") {
        if (!/^\S*$/.test(rest)) bad(n, "read takes one connection name at most");
        file.items.push({ line: n, text, conn: rest || "main", kind: "read", compare: pending });
        pending = "exact";
      } else if (word === "sleep") {
        const ms = Number(rest);
        if (!Number.isInteger(ms) || ms < 0) bad(n, "sleep needs milliseconds");
        file.items.push({ line: n, text, conn: "main", kind: "sleep", ms, compare: "exact" });
      } else if (word === "raw") {
        const args = splitInlineArgs(rest);
        if (args === null || args.length !== 1) bad(n, "raw needs one quoted string");
        file.items.push({
          line: n,
          text,
          conn: "main",
          kind: "raw",
          raw: args![0],
          compare: pending,
        });
        pending = "exact";
      } else if (word === "server:") {
        const args = splitInlineArgs(rest);
        if (args === null) bad(n, "unbalanced quotes");
        file.serverArgs.push(...args!);
      } else if (word === "protocols:") {
        const ps = rest.split(/[\s,]+/).filter(Boolean).map(Number);
        if (ps.length === 0 || ps.some((p) => p !== 2 && p !== 3)) bad(n, "protocols: 2 and/or 3");
        file.protocols = ps as (2 | 3)[];
      }
      continue;
    }
    let conn = "main";
    let line = trimmed;
    const at = line.match(/^@(\S+)\s+(.*)$/);
    if (at) {
      conn = at[1];
      line = at[2];
    }
    const argv = splitInlineArgs(line);
    if (argv === null) bad(n, "unbalanced quotes");
    if (argv!.length === 0) continue;
    file.items.push({ line: n, text, conn, kind: "command", argv: argv!, compare: pending });
    pending = "exact";
  }
  return file;
}
