/**
 * Splits an inline command line the way Redis's `sdssplitargs` does:
 * whitespace separates arguments, double quotes allow `\n \r \t \b \a \xHH`
 * escapes, single quotes allow `\'`, and a closing quote must be followed by
 * whitespace or the end of the line.
 *
 * @module
 */

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Returns the arguments of `line` (a binary string), or null when quotes are
 * unbalanced.
 *
 * @example
 * ```ts
 * splitInlineArgs('set k "a b"'); // ["set", "k", "a b"]
 * ```
 */
export function splitInlineArgs(line: string): string[] | null {
  const out: string[] = [];
  const n = line.length;
  let p = 0;
  while (true) {
    while (p < n && isSpace(line.charCodeAt(p))) p++;
    if (p >= n) return out;
    let inDouble = false;
    let inSingle = false;
    let current = "";
    let done = false;
    while (!done) {
      if (inDouble) {
        if (p >= n) return null;
        const c = line.charCodeAt(p);
        if (
          c === 92 && p + 3 < n && line.charCodeAt(p + 1) === 120 &&
          hexValue(line.charCodeAt(p + 2)) >= 0 && hexValue(line.charCodeAt(p + 3)) >= 0
        ) {
          current += String.fromCharCode(
            hexValue(line.charCodeAt(p + 2)) * 16 + hexValue(line.charCodeAt(p + 3)),
          );
          p += 3;
        } else if (c === 92 && p + 1 < n) {
          p++;
          const e = line[p];
          current += e === "n"
            ? "\n"
            : e === "r"
            ? "\r"
            : e === "t"
            ? "\t"
            : e === "b"
            ? "\b"
            : e === "a"
            ? "\x07"
            : e;
        } else if (c === 34) {
          if (p + 1 < n && !isSpace(line.charCodeAt(p + 1))) return null;
          done = true;
        } else {
          current += line[p];
        }
      } else if (inSingle) {
        if (p >= n) return null;
        const c = line.charCodeAt(p);
        if (c === 92 && p + 1 < n && line.charCodeAt(p + 1) === 39) {
          p++;
          current += "'";
        } else if (c === 39) {
          if (p + 1 < n && !isSpace(line.charCodeAt(p + 1))) return null;
          done = true;
        } else {
          current += line[p];
        }
      } else {
        if (p >= n) break;
        const c = line.charCodeAt(p);
        if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0) done = true;
        else if (c === 34) inDouble = true;
        else if (c === 39) inSingle = true;
        else current += line[p];
      }
      if (p < n) p++;
    }
    out.push(current);
  }
}
