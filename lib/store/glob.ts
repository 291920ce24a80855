/**
 * Glob-style matching as Redis's stringmatchlen: `*`, `?`, `[abc]`, `[^a]`,
 * `[a-z]`, and `\` escapes. Used by KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET.
 *
 * @module
 */

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * True when `str` matches `pattern` (both binary strings).
 *
 * @example
 * ```ts
 * globMatch("h?llo*", "hello world"); // true
 * globMatch("h[^e]llo", "hello"); // false
 * ```
 */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  // Fast paths for the patterns clients use most.
  if (pattern === "*") return true;
  skipLonger = false;
  return matchFrom(pattern, 0, str, 0, nocase, 0);
}

/**
 * Set once the rest of a pattern after some '*' matched nowhere in the rest
 * of the string: then no earlier '*' can help by matching more, and the
 * search stops (as Redis's skipLongerMatches; without it `a*a*...a*b`
 * against a long run of `a` takes exponential time).
 */
let skipLonger = false;

function matchFrom(
  p: string,
  pi: number,
  s: string,
  si: number,
  nocase: boolean,
  depth: number,
): boolean {
  // Redis bounds recursion to avoid stack exhaustion on hostile patterns.
  if (depth > 1000) return false;
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si <= slen) {
    const pc = p.charCodeAt(pi);
    if (pc === 42) { // '*'
      while (pi + 1 < plen && p.charCodeAt(pi + 1) === 42) pi++;
      if (pi + 1 === plen) return true;
      for (let k = si; k <= slen; k++) {
        if (matchFrom(p, pi + 1, s, k, nocase, depth + 1)) return true;
        if (skipLonger) return false;
      }
      skipLonger = true;
      return false;
    }
    if (si >= slen) break;
    const sc = s.charCodeAt(si);
    if (pc === 63) { // '?'
      si++;
      pi++;
      continue;
    }
    if (pc === 91) { // '['
      pi++;
      const not = pi < plen && p.charCodeAt(pi) === 94;
      if (not) pi++;
      let match = false;
      while (true) {
        if (pi >= plen) {
          pi--;
          break;
        }
        const c = p.charCodeAt(pi);
        if (c === 92 && pi + 1 < plen) {
          pi++;
          if (p.charCodeAt(pi) === sc) match = true;
        } else if (c === 93) {
          break;
        } else if (pi + 2 < plen && p.charCodeAt(pi + 1) === 45) {
          let start = c;
          let end = p.charCodeAt(pi + 2);
          let x = sc;
          if (start > end) {
            const t = start;
            start = end;
            end = t;
          }
          if (nocase) {
            start = lower(start);
            end = lower(end);
            x = lower(x);
          }
          pi += 2;
          if (x >= start && x <= end) match = true;
        } else if (nocase ? lower(c) === lower(sc) : c === sc) {
          match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      si++;
      pi++;
      continue;
    }
    let lit = pc;
    if (pc === 92 && pi + 1 < plen) { // '\'
      pi++;
      lit = p.charCodeAt(pi);
    }
    if (nocase ? lower(lit) !== lower(sc) : lit !== sc) return false;
    si++;
    pi++;
  }
  if (si === slen) {
    while (pi < plen && p.charCodeAt(pi) === 42) pi++;
  }
  return pi === plen && si === slen;
}
