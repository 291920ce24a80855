/** LCS: longest common subsequence of two string values. */
import { type CommandDefinition, keyRange } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX } from "../../core/errors.ts";
import { toInt64 } from "../parse.ts";
import { keywordIs } from "./shared.ts";

const UINT32_MAX = 4294967295;

export const lcs: CommandDefinition = {
  name: "lcs",
  arity: -3,
  flags: ["readonly"],
  acl: ["string"],
  keys: [keyRange(["RO", "ACCESS"], 1, 1)],
  docs: {
    summary: "Find longest common substring",
    since: "7.0.0",
    group: "string",
    complexity: "O(N*M) where N and M are the lengths of s1 and s2, respectively",
    syntax: "key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]",
  },
  handler(c, argv) {
    const db = c.db;
    const va = db.lookupRead(argv[1]);
    const vb = db.lookupRead(argv[2]);
    if (
      (va !== undefined && typeof va !== "string") || (vb !== undefined && typeof vb !== "string")
    ) {
      return c.reply.error("ERR The specified keys must contain string values");
    }
    const a = va ?? "";
    const b = vb ?? "";
    let getlen = false;
    let getidx = false;
    let withmatchlen = false;
    let minmatchlen = 0;
    for (let j = 3; j < argv.length; j++) {
      const opt = argv[j];
      if (keywordIs(opt, "IDX")) getidx = true;
      else if (keywordIs(opt, "LEN")) getlen = true;
      else if (keywordIs(opt, "WITHMATCHLEN")) withmatchlen = true;
      else if (keywordIs(opt, "MINMATCHLEN") && j < argv.length - 1) {
        const n = toInt64(argv[++j]);
        if (n === undefined) return c.reply.error(ERR_NOT_INTEGER);
        minmatchlen = n < 0 ? 0 : Number(n);
      } else return c.reply.error(ERR_SYNTAX);
    }
    if (getlen && getidx) {
      return c.reply.error("ERR If you want both the length and indexes, please just use IDX.");
    }
    const alen = a.length;
    const blen = b.length;
    if (alen >= UINT32_MAX - 1 || blen >= UINT32_MAX - 1) {
      return c.reply.error("ERR String too long for LCS");
    }
    const cells = (alen + 1) * (blen + 1);
    if (cells * 4 > c.engine.config.settings.protoMaxBulkLen) {
      return c.reply.error(
        "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
      );
    }
    let table: Uint32Array;
    try {
      table = new Uint32Array(cells);
    } catch {
      return c.reply.error("ERR Insufficient memory, failed allocating transient memory for LCS");
    }
    // table[i * w + j] = LCS length of a[0..i) and b[0..j); row and column 0 stay zero.
    const w = blen + 1;
    for (let i = 1; i <= alen; i++) {
      const ca = a.charCodeAt(i - 1);
      const row = i * w;
      const prev = row - w;
      for (let j = 1; j <= blen; j++) {
        if (ca === b.charCodeAt(j - 1)) table[row + j] = table[prev + j - 1] + 1;
        else {
          const up = table[prev + j];
          const left = table[row + j - 1];
          table[row + j] = up > left ? up : left;
        }
      }
    }
    const total = table[alen * w + blen];
    const reply = c.reply;
    if (getlen) return reply.int(total);
    // Walk back from the end, collecting the subsequence and the matching ranges.
    const chars: number[] = getidx ? [] : new Array(total);
    let idx = total;
    let mark = 0;
    let ranges = 0;
    if (getidx) {
      reply.mapLen(2);
      reply.bulk("matches");
      mark = reply.beginDeferred();
    }
    let i = alen;
    let j = blen;
    let aStart = alen; // alen means "no range open"
    let aEnd = 0;
    let bStart = 0;
    let bEnd = 0;
    while (i > 0 && j > 0) {
      let emit = false;
      const ch = a.charCodeAt(i - 1);
      if (ch === b.charCodeAt(j - 1)) {
        if (!getidx) chars[idx - 1] = ch;
        if (aStart === alen) {
          aStart = aEnd = i - 1;
          bStart = bEnd = j - 1;
        } else if (aStart === i && bStart === j) {
          aStart--;
          bStart--;
        } else emit = true;
        if (aStart === 0 || bStart === 0) emit = true;
        idx--;
        i--;
        j--;
      } else {
        if (table[(i - 1) * w + j] > table[i * w + j - 1]) i--;
        else j--;
        if (aStart !== alen) emit = true;
      }
      if (emit) {
        const matchLen = aEnd - aStart + 1;
        if (getidx && (minmatchlen === 0 || matchLen >= minmatchlen)) {
          reply.arrayLen(withmatchlen ? 3 : 2);
          reply.arrayLen(2);
          reply.int(aStart);
          reply.int(aEnd);
          reply.arrayLen(2);
          reply.int(bStart);
          reply.int(bEnd);
          if (withmatchlen) reply.int(matchLen);
          ranges++;
        }
        aStart = alen;
      }
    }
    if (getidx) {
      reply.endDeferred(mark, ranges);
      reply.bulk("len");
      reply.int(total);
      return;
    }
    let out = "";
    for (let k = 0; k < total; k++) out += String.fromCharCode(chars[k]);
    reply.bulk(out);
  },
};
