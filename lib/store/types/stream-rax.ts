/**
 * The node count of the radix tree (Redis's rax) that would index a
 * stream's nodes by their 16-byte big-endian master IDs: what XINFO STREAM
 * reports as `radix-tree-nodes`. A rax keeps runs of single-child bytes in
 * one compressed node and gives each child of a branching byte its own
 * node, so for keys of equal length the count follows from the sorted keys
 * and their common prefixes.
 *
 * @module
 */

/** The master ID words of a node. */
export interface Keyed {
  readonly kMsHi: number;
  readonly kMsLo: number;
  readonly kSeqHi: number;
  readonly kSeqLo: number;
}

const KEY_BYTES = 16;

function word(n: Keyed, w: number): number {
  return w === 0 ? n.kMsHi : w === 1 ? n.kMsLo : w === 2 ? n.kSeqHi : n.kSeqLo;
}

/** Bytes in common at the start of two keys. */
function commonPrefix(a: Keyed, b: Keyed): number {
  for (let w = 0; w < 4; w++) {
    const x = (word(a, w) ^ word(b, w)) >>> 0;
    if (x !== 0) return w * 4 + (Math.clz32(x) >> 3);
  }
  return KEY_BYTES;
}

/** Nodes of a rax holding the keys of `nodes[from...]` (sorted, distinct). */
export function raxNodeCount(nodes: readonly Keyed[], from: number): number {
  const n = nodes.length - from;
  if (n === 0) return 1;
  const lcp = new Uint8Array(Math.max(0, n - 1));
  for (let i = 0; i < n - 1; i++) lcp[i] = commonPrefix(nodes[from + i], nodes[from + i + 1]);
  return count(lcp, 0, n, 0);
}

/** Nodes of the subtree at depth `d` holding keys [lo, hi), which share `d` bytes. */
function count(lcp: Uint8Array, lo: number, hi: number, d: number): number {
  if (hi - lo === 1) return d === KEY_BYTES ? 1 : 2;
  let min = KEY_BYTES;
  for (let i = lo; i < hi - 1; i++) if (lcp[i] < min) min = lcp[i];
  // A shared run: one compressed node, then the branching node below it.
  if (min > d) return 1 + count(lcp, lo, hi, min);
  let total = 1;
  let start = lo;
  for (let i = lo; i < hi - 1; i++) {
    if (lcp[i] === d) {
      total += count(lcp, start, i + 1, d + 1);
      start = i + 1;
    }
  }
  return total + count(lcp, start, hi, d + 1);
}
