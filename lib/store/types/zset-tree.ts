/**
 * An order-statistic B+ tree of (score, member) pairs, ordered by score and
 * then by member bytes: the ordered half of a sorted set. It gives what
 * Redis's skip list with spans gives (O(log n) insert, delete, rank, access
 * by rank and range starts) with far fewer allocations and pointer chases:
 * leaves hold up to {@link LEAF_MAX} pairs in parallel arrays and are chained
 * both ways for range walks; inner nodes keep the size of every subtree.
 *
 * Members are binary strings (one char per byte), so JS string comparison is
 * byte comparison, as Redis's sdscmp.
 *
 * @module
 */

const LEAF_MAX = 64;
const LEAF_MIN = 16;
const INNER_MAX = 64;
const INNER_MIN = 16;

/**
 * Bytes of a member, past the tree's common prefix, that its order key
 * holds: 6 bytes in base 257 (a byte b as b + 1, 0 past the end), doubled
 * plus one when the member goes on past them: below 2^53.
 */
const KEY_BYTES = 6;
/** Longest common prefix a tree tracks (bounds the re-keying when it shrinks). */
const PREFIX_MAX = 64;

/**
 * A leaf: sorted pairs in parallel arrays, linked to its neighbours. `keys`
 * holds each member's order key (see {@link ZTree}): members whose scores
 * tie compare by key first, without reading the member strings.
 */
export class ZLeaf {
  members: string[];
  scores: number[];
  keys: number[];
  next: ZLeaf | null = null;
  prev: ZLeaf | null = null;

  constructor(members: string[], scores: number[], keys: number[]) {
    this.members = members;
    this.scores = scores;
    this.keys = keys;
  }
}

/**
 * An inner node. `sepScores[i]`/`sepMembers[i]` (i >= 1) divide child i-1
 * from child i: every pair under child i-1 is smaller, every pair under
 * child i is greater or equal. Index 0 is unused.
 */
class ZInner {
  children: ZNode[];
  counts: number[];
  sepScores: number[];
  sepMembers: string[];

  constructor(children: ZNode[], counts: number[], sepScores: number[], sepMembers: string[]) {
    this.children = children;
    this.counts = counts;
    this.sepScores = sepScores;
    this.sepMembers = sepMembers;
  }
}

type ZNode = ZLeaf | ZInner;

/** Compares (s1, m1) with (s2, m2): negative, zero or positive. */
export function compareEntries(s1: number, m1: string, s2: number, m2: string): number {
  if (s1 < s2) return -1;
  if (s1 > s2) return 1;
  return m1 < m2 ? -1 : m1 > m2 ? 1 : 0;
}

/**
 * Compares (s1, member m1 with order key k1) with (s2, m2 with k2), reading
 * the member strings only when the keys are equal and the members longer
 * than a key holds.
 */
function compareKeyed(s1: number, k1: number, m1: string, s2: number, k2: number, m2: string) {
  if (s1 < s2) return -1;
  if (s1 > s2) return 1;
  if (k1 !== k2) return k1 < k2 ? -1 : 1;
  if ((k1 & 1) === 0) return 0;
  return m1 < m2 ? -1 : m1 > m2 ? 1 : 0;
}

/**
 * A monotone predicate over the order: false for a prefix of the pairs,
 * true for the rest (e.g. "score >= min").
 */
export type EntryPredicate = (score: number, member: string) => boolean;

/**
 * The tree.
 *
 * @example
 * ```ts
 * const t = new ZTree();
 * t.insert(1, "a");
 * t.insert(2, "b");
 * t.rankOf(2, "b"); // 1
 * ```
 */
export class ZTree {
  private root: ZNode;
  /** Levels of inner nodes above the leaves. */
  private height = 0;
  size = 0;
  /** First and last leaves (equal, and empty, for an empty tree). */
  head: ZLeaf;
  tail: ZLeaf;
  /** Result of {@link ZTree.seek}: the leaf and the index in it. */
  seekLeaf: ZLeaf;
  seekPos = 0;
  private pathNodes: ZInner[] = [];
  /** Set while a split comes from an append at the end of the last leaf. */
  private appending = false;
  private pathIdx: number[] = [];
  /**
   * A prefix every member shares (at most PREFIX_MAX chars; null while the
   * tree has never held a member since it was made or cleared). Members
   * order by the bytes after it, which their order keys hold.
   */
  private prefix: string | null = null;

  constructor() {
    const leaf = new ZLeaf([], [], []);
    this.root = leaf;
    this.head = leaf;
    this.tail = leaf;
    this.seekLeaf = leaf;
  }

  /**
   * The order key of `member` (which shares the prefix): equal keys without
   * the low bit mean equal members; otherwise keys order as the members do
   * except that equal keys with the low bit need a string compare.
   */
  private keyOf(member: string): number {
    const p = this.prefix!.length;
    const n = member.length;
    let k = 0;
    for (let i = p; i < p + KEY_BYTES; i++) k = k * 257 + (i < n ? member.charCodeAt(i) + 1 : 0);
    return k * 2 + (n > p + KEY_BYTES ? 1 : 0);
  }

  /** Makes the prefix one that `member` shares too, re-keying every member when it shrinks. */
  private admit(member: string): void {
    const prefix = this.prefix;
    if (prefix === null) {
      this.prefix = member.length > PREFIX_MAX ? member.slice(0, PREFIX_MAX) : member;
      return;
    }
    if (member.startsWith(prefix)) return;
    let i = 0;
    while (
      i < prefix.length && i < member.length && prefix.charCodeAt(i) === member.charCodeAt(i)
    ) i++;
    this.prefix = prefix.slice(0, i);
    for (let leaf: ZLeaf | null = this.head; leaf !== null; leaf = leaf.next) {
      const ms = leaf.members;
      const ks = leaf.keys;
      for (let j = 0; j < ms.length; j++) ks[j] = this.keyOf(ms[j]);
    }
  }

  /** Index of the child of `n` whose range holds (score, member). */
  private childFor(n: ZInner, score: number, member: string): number {
    const ss = n.sepScores;
    const sm = n.sepMembers;
    let lo = 1;
    let hi = ss.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = ss[mid];
      if (s < score || (s === score && sm[mid] <= member)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * Position of the first pair in `leaf` not smaller than (score, member),
   * `key` being the member's order key (-1 for a member without the common
   * prefix, compared by its bytes): a tie on the score compares keys, and
   * only equal keys of members longer than the key compare strings.
   */
  private leafLowerBound(leaf: ZLeaf, score: number, member: string, key: number): number {
    const ss = leaf.scores;
    const ks = leaf.keys;
    let lo = 0;
    let hi = ss.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = ss[mid];
      if (
        s < score ||
        (s === score &&
          (key < 0
            ? leaf.members[mid] < member
            : ks[mid] < key || (ks[mid] === key && (key & 1) === 1 && leaf.members[mid] < member)))
      ) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when pair `pos` of `leaf` is (score, member), `key` being the member's order key. */
  private holds(leaf: ZLeaf, pos: number, score: number, member: string, key: number): boolean {
    return pos < leaf.scores.length && leaf.scores[pos] === score && leaf.keys[pos] === key &&
      ((key & 1) === 0 || leaf.members[pos] === member);
  }

  /** Descends to the leaf for (score, member), recording the path. */
  private descend(score: number, member: string): ZLeaf {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = this.childFor(inner, score, member);
      this.pathNodes[d] = inner;
      this.pathIdx[d] = i;
      node = inner.children[i];
    }
    return node as ZLeaf;
  }

  /** Adds a pair that is not in the tree. */
  insert(score: number, member: string): void {
    this.admit(member);
    this.insertKeyed(score, member, this.keyOf(member));
  }

  /** {@link ZTree.insert} of a member that shares the prefix, with its order key. */
  private insertKeyed(score: number, member: string, key: number): void {
    const leaf = this.descend(score, member);
    const pos = this.leafLowerBound(leaf, score, member, key);
    for (let d = 0; d < this.height; d++) this.pathNodes[d].counts[this.pathIdx[d]]++;
    // Shifting by hand: splice allocates a result array on every call.
    const ms = leaf.members;
    const ss = leaf.scores;
    const ks = leaf.keys;
    let i = ms.length;
    ms.push(member);
    ss.push(score);
    ks.push(key);
    while (i > pos) {
      ms[i] = ms[i - 1];
      ss[i] = ss[i - 1];
      ks[i] = ks[i - 1];
      i--;
    }
    ms[pos] = member;
    ss[pos] = score;
    ks[pos] = key;
    this.size++;
    if (leaf.members.length > LEAF_MAX) {
      // Appends at the very end (rising scores, the common time-series case)
      // leave full nodes behind instead of half-empty ones.
      this.appending = pos === LEAF_MAX && leaf === this.tail;
      this.splitLeaf(leaf);
    }
  }

  /** Removes a pair; returns false when it is not there. */
  delete(score: number, member: string): boolean {
    if (this.size === 0 || !member.startsWith(this.prefix!)) return false;
    const key = this.keyOf(member);
    const leaf = this.descend(score, member);
    const pos = this.leafLowerBound(leaf, score, member, key);
    if (!this.holds(leaf, pos, score, member, key)) return false;
    this.removeAt(leaf, pos, 1, this.height);
    return true;
  }

  /**
   * Changes the score of a pair in place when its position does not move
   * (the common small ZINCRBY), otherwise deletes and re-inserts it.
   */
  updateScore(oldScore: number, member: string, newScore: number): void {
    const key = this.keyOf(member);
    const leaf = this.descend(oldScore, member);
    const pos = this.leafLowerBound(leaf, oldScore, member, key);
    const ms = leaf.members;
    const ss = leaf.scores;
    const ks = leaf.keys;
    const last = ms.length - 1;
    if (
      pos > 0 && pos < last &&
      compareKeyed(ss[pos - 1], ks[pos - 1], ms[pos - 1], newScore, key, member) < 0 &&
      compareKeyed(newScore, key, member, ss[pos + 1], ks[pos + 1], ms[pos + 1]) < 0
    ) {
      ss[pos] = newScore;
      return;
    }
    this.removeAt(leaf, pos, 1, this.height);
    // The member was in the tree: it shares the prefix, and its key stands.
    this.insertKeyed(newScore, member, key);
  }

  /** 0-based rank of an existing pair (or of where it would be). */
  rankOf(score: number, member: string): number {
    let node = this.root;
    let rank = 0;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = this.childFor(inner, score, member);
      const counts = inner.counts;
      for (let j = 0; j < i; j++) rank += counts[j];
      node = inner.children[i];
    }
    if (this.size === 0) return 0;
    // A member outside the common prefix is not in the tree: where it would go, by its bytes.
    const key = member.startsWith(this.prefix!) ? this.keyOf(member) : -1;
    return rank + this.leafLowerBound(node as ZLeaf, score, member, key);
  }

  /**
   * Number of pairs for which `pred` is false, that is the rank of the first
   * pair where it holds (`size` when none does).
   */
  countBefore(pred: EntryPredicate): number {
    let node = this.root;
    let rank = 0;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const ss = inner.sepScores;
      const sm = inner.sepMembers;
      let lo = 1;
      let hi = ss.length - 1;
      let found = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (!pred(ss[mid], sm[mid])) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const counts = inner.counts;
      for (let j = 0; j < found; j++) rank += counts[j];
      node = inner.children[found];
    }
    const leaf = node as ZLeaf;
    const ss = leaf.scores;
    const ms = leaf.members;
    let lo = 0;
    let hi = ss.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (!pred(ss[mid], ms[mid])) lo = mid + 1;
      else hi = mid;
    }
    return rank + lo;
  }

  /**
   * Positions {@link ZTree.seekLeaf}/{@link ZTree.seekPos} on the pair of
   * 0-based `rank` (which must be < size).
   */
  seek(rank: number): void {
    if (rank < this.head.members.length) {
      this.seekLeaf = this.head;
      this.seekPos = rank;
      return;
    }
    const fromEnd = this.size - 1 - rank;
    if (fromEnd < this.tail.members.length) {
      this.seekLeaf = this.tail;
      this.seekPos = this.tail.members.length - 1 - fromEnd;
      return;
    }
    this.seekPath(rank);
  }

  private seekPath(rank: number): ZLeaf {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const counts = inner.counts;
      let i = 0;
      while (rank >= counts[i]) rank -= counts[i++];
      this.pathNodes[d] = inner;
      this.pathIdx[d] = i;
      node = inner.children[i];
    }
    this.seekLeaf = node as ZLeaf;
    this.seekPos = rank;
    return node as ZLeaf;
  }

  /** Member at `rank` (must be < size). */
  memberAt(rank: number): string {
    this.seek(rank);
    return this.seekLeaf.members[this.seekPos];
  }

  /** Score at `rank` (must be < size). */
  scoreAt(rank: number): number {
    this.seek(rank);
    return this.seekLeaf.scores[this.seekPos];
  }

  /**
   * Removes `count` pairs starting at `rank`, calling `onRemove` for each, in
   * order. O(log n + count).
   */
  deleteRange(rank: number, count: number, onRemove: (member: string) => void): void {
    while (count > 0) {
      const leaf = this.seekPath(rank);
      const pos = this.seekPos;
      const k = Math.min(count, leaf.members.length - pos);
      const ms = leaf.members;
      for (let i = pos; i < pos + k; i++) onRemove(ms[i]);
      this.removeAt(leaf, pos, k, this.height);
      count -= k;
    }
  }

  /** Removes `k` pairs at `pos` of `leaf`, whose path is recorded to `depth`. */
  private removeAt(leaf: ZLeaf, pos: number, k: number, depth: number): void {
    const ms = leaf.members;
    const ss = leaf.scores;
    const ks = leaf.keys;
    const n = ms.length;
    if (pos === 0 && k === 1) {
      // A pop from the front (ZPOPMIN): V8 moves the arrays' start instead of their elements.
      ms.shift();
      ss.shift();
      ks.shift();
    } else {
      // As in insert: splice would allocate the removed elements' array.
      for (let i = pos + k; i < n; i++) {
        ms[i - k] = ms[i];
        ss[i - k] = ss[i];
        ks[i - k] = ks[i];
      }
      ms.length = n - k;
      ss.length = n - k;
      ks.length = n - k;
    }
    for (let d = 0; d < depth; d++) this.pathNodes[d].counts[this.pathIdx[d]] -= k;
    this.size -= k;
    if (leaf.members.length < LEAF_MIN && depth > 0) this.fixLeaf(leaf, depth);
  }

  private splitLeaf(leaf: ZLeaf): void {
    const half = this.appending ? LEAF_MAX : leaf.members.length >> 1;
    const right = new ZLeaf(
      leaf.members.slice(half),
      leaf.scores.slice(half),
      leaf.keys.slice(half),
    );
    leaf.members.length = half;
    leaf.scores.length = half;
    leaf.keys.length = half;
    right.next = leaf.next;
    right.prev = leaf;
    if (leaf.next) leaf.next.prev = right;
    else this.tail = right;
    leaf.next = right;
    this.addSibling(
      this.height,
      leaf,
      right,
      half,
      right.members.length,
      right.scores[0],
      right.members[0],
    );
  }

  /**
   * After `left` (at tree depth `depth`, whose parent path is recorded) was
   * split, inserts `right` next to it in the parent.
   */
  private addSibling(
    depth: number,
    left: ZNode,
    right: ZNode,
    leftCount: number,
    rightCount: number,
    sepScore: number,
    sepMember: string,
  ): void {
    if (depth === 0) {
      this.root = new ZInner([left, right], [leftCount, rightCount], [0, sepScore], [
        "",
        sepMember,
      ]);
      this.height++;
      return;
    }
    const parent = this.pathNodes[depth - 1];
    const i = this.pathIdx[depth - 1];
    parent.children.splice(i + 1, 0, right);
    parent.counts[i] = leftCount;
    parent.counts.splice(i + 1, 0, rightCount);
    parent.sepScores.splice(i + 1, 0, sepScore);
    parent.sepMembers.splice(i + 1, 0, sepMember);
    if (parent.children.length > INNER_MAX) this.splitInner(parent, depth - 1);
  }

  private splitInner(n: ZInner, depth: number): void {
    const half = this.appending ? INNER_MAX : n.children.length >> 1;
    const right = new ZInner(
      n.children.slice(half),
      n.counts.slice(half),
      n.sepScores.slice(half),
      n.sepMembers.slice(half),
    );
    const sepScore = right.sepScores[0];
    const sepMember = right.sepMembers[0];
    n.children.length = half;
    n.counts.length = half;
    n.sepScores.length = half;
    n.sepMembers.length = half;
    let leftCount = 0;
    for (let j = 0; j < half; j++) leftCount += n.counts[j];
    let rightCount = 0;
    for (let j = 0; j < right.counts.length; j++) rightCount += right.counts[j];
    this.addSibling(depth, n, right, leftCount, rightCount, sepScore, sepMember);
  }

  /** Restores the occupancy of an underfull leaf by merging or borrowing. */
  private fixLeaf(leaf: ZLeaf, depth: number): void {
    const parent = this.pathNodes[depth - 1];
    const i = this.pathIdx[depth - 1];
    const n = leaf.members.length;
    if (i > 0) {
      const left = parent.children[i - 1] as ZLeaf;
      if (left.members.length + n <= LEAF_MAX) {
        for (let j = 0; j < n; j++) {
          left.members.push(leaf.members[j]);
          left.scores.push(leaf.scores[j]);
          left.keys.push(leaf.keys[j]);
        }
        this.unlinkLeaf(leaf);
        parent.counts[i - 1] += n;
        this.removeChild(parent, i, depth - 1);
        return;
      }
    }
    if (i + 1 < parent.children.length) {
      const right = parent.children[i + 1] as ZLeaf;
      const rn = right.members.length;
      if (rn + n <= LEAF_MAX) {
        for (let j = 0; j < rn; j++) {
          leaf.members.push(right.members[j]);
          leaf.scores.push(right.scores[j]);
          leaf.keys.push(right.keys[j]);
        }
        this.unlinkLeaf(right);
        parent.counts[i] += rn;
        this.removeChild(parent, i + 1, depth - 1);
        return;
      }
      // Borrow from the right: it has more than LEAF_MAX - n pairs.
      const k = (rn - n) >> 1;
      for (let j = 0; j < k; j++) {
        leaf.members.push(right.members[j]);
        leaf.scores.push(right.scores[j]);
        leaf.keys.push(right.keys[j]);
      }
      right.members.splice(0, k);
      right.scores.splice(0, k);
      right.keys.splice(0, k);
      parent.counts[i] += k;
      parent.counts[i + 1] -= k;
      parent.sepScores[i + 1] = right.scores[0];
      parent.sepMembers[i + 1] = right.members[0];
      return;
    }
    if (i > 0) {
      const left = parent.children[i - 1] as ZLeaf;
      const ln = left.members.length;
      const k = (ln - n) >> 1;
      const movedM = left.members.splice(ln - k, k);
      const movedS = left.scores.splice(ln - k, k);
      const movedK = left.keys.splice(ln - k, k);
      leaf.members = movedM.concat(leaf.members);
      leaf.scores = movedS.concat(leaf.scores);
      leaf.keys = movedK.concat(leaf.keys);
      parent.counts[i] += k;
      parent.counts[i - 1] -= k;
      parent.sepScores[i] = leaf.scores[0];
      parent.sepMembers[i] = leaf.members[0];
    }
  }

  private unlinkLeaf(leaf: ZLeaf): void {
    if (leaf.prev) leaf.prev.next = leaf.next;
    else this.head = leaf.next!;
    if (leaf.next) leaf.next.prev = leaf.prev;
    else this.tail = leaf.prev!;
  }

  /** Drops child `i` of `n` (the inner node at `depth`) and rebalances upward. */
  private removeChild(n: ZInner, i: number, depth: number): void {
    n.children.splice(i, 1);
    n.counts.splice(i, 1);
    n.sepScores.splice(i, 1);
    n.sepMembers.splice(i, 1);
    if (depth === 0) {
      if (n.children.length === 1) {
        this.root = n.children[0];
        this.height--;
      }
      return;
    }
    if (n.children.length < INNER_MIN) this.fixInner(n, depth);
  }

  /** Restores the occupancy of an underfull inner node at `depth` (> 0). */
  private fixInner(n: ZInner, depth: number): void {
    const parent = this.pathNodes[depth - 1];
    const i = this.pathIdx[depth - 1];
    const nc = n.children.length;
    let total = 0;
    for (let j = 0; j < nc; j++) total += n.counts[j];
    if (i > 0) {
      const left = parent.children[i - 1] as ZInner;
      if (left.children.length + nc <= INNER_MAX) {
        // The parent's separator for `n` divides left's last child from n's first.
        n.sepScores[0] = parent.sepScores[i];
        n.sepMembers[0] = parent.sepMembers[i];
        for (let j = 0; j < nc; j++) {
          left.children.push(n.children[j]);
          left.counts.push(n.counts[j]);
          left.sepScores.push(n.sepScores[j]);
          left.sepMembers.push(n.sepMembers[j]);
        }
        parent.counts[i - 1] += total;
        this.removeChild(parent, i, depth - 1);
        return;
      }
    }
    if (i + 1 < parent.children.length) {
      const right = parent.children[i + 1] as ZInner;
      const rc = right.children.length;
      if (rc + nc <= INNER_MAX) {
        right.sepScores[0] = parent.sepScores[i + 1];
        right.sepMembers[0] = parent.sepMembers[i + 1];
        let rtotal = 0;
        for (let j = 0; j < rc; j++) {
          n.children.push(right.children[j]);
          n.counts.push(right.counts[j]);
          n.sepScores.push(right.sepScores[j]);
          n.sepMembers.push(right.sepMembers[j]);
          rtotal += right.counts[j];
        }
        parent.counts[i] += rtotal;
        this.removeChild(parent, i + 1, depth - 1);
        return;
      }
      // Borrow the first k children of the right sibling.
      const k = (rc - nc) >> 1;
      right.sepScores[0] = parent.sepScores[i + 1];
      right.sepMembers[0] = parent.sepMembers[i + 1];
      let moved = 0;
      for (let j = 0; j < k; j++) {
        n.children.push(right.children[j]);
        n.counts.push(right.counts[j]);
        n.sepScores.push(right.sepScores[j]);
        n.sepMembers.push(right.sepMembers[j]);
        moved += right.counts[j];
      }
      right.children.splice(0, k);
      right.counts.splice(0, k);
      right.sepScores.splice(0, k);
      right.sepMembers.splice(0, k);
      parent.sepScores[i + 1] = right.sepScores[0];
      parent.sepMembers[i + 1] = right.sepMembers[0];
      parent.counts[i] += moved;
      parent.counts[i + 1] -= moved;
      return;
    }
    if (i > 0) {
      // Borrow the last k children of the left sibling.
      const left = parent.children[i - 1] as ZInner;
      const lc = left.children.length;
      const k = (lc - nc) >> 1;
      n.sepScores[0] = parent.sepScores[i];
      n.sepMembers[0] = parent.sepMembers[i];
      const ch = left.children.splice(lc - k, k);
      const co = left.counts.splice(lc - k, k);
      const ss = left.sepScores.splice(lc - k, k);
      const sm = left.sepMembers.splice(lc - k, k);
      let moved = 0;
      for (let j = 0; j < k; j++) moved += co[j];
      n.children = ch.concat(n.children);
      n.counts = co.concat(n.counts);
      n.sepScores = ss.concat(n.sepScores);
      n.sepMembers = sm.concat(n.sepMembers);
      parent.sepScores[i] = n.sepScores[0];
      parent.sepMembers[i] = n.sepMembers[0];
      parent.counts[i] += moved;
      parent.counts[i - 1] -= moved;
    }
  }

  /** Removes every pair. */
  clear(): void {
    const leaf = new ZLeaf([], [], []);
    this.prefix = null;
    this.root = leaf;
    this.head = leaf;
    this.tail = leaf;
    this.seekLeaf = leaf;
    this.height = 0;
    this.size = 0;
  }

  /**
   * Builds the tree from pairs already in order (clone, loading): fills
   * leaves to 3/4 and builds the levels above in one pass.
   */
  static fromSorted(members: string[], scores: number[]): ZTree {
    const t = new ZTree();
    const n = members.length;
    if (n === 0) return t;
    let level: ZNode[] = [];
    let counts: number[] = [];
    let firstS: number[] = [];
    let firstM: string[] = [];
    let prev: ZLeaf | null = null;
    for (let i = 0; i < n; i++) t.admit(members[i]);
    const keys = members.map((m) => t.keyOf(m));
    for (const [i, end] of chunks(n, (LEAF_MAX * 3) >> 2)) {
      const leaf = new ZLeaf(members.slice(i, end), scores.slice(i, end), keys.slice(i, end));
      leaf.prev = prev;
      if (prev) prev.next = leaf;
      else t.head = leaf;
      prev = leaf;
      level.push(leaf);
      counts.push(end - i);
      firstS.push(scores[i]);
      firstM.push(members[i]);
    }
    t.tail = prev!;
    while (level.length > 1) {
      const up: ZNode[] = [];
      const upCounts: number[] = [];
      const upS: number[] = [];
      const upM: string[] = [];
      for (const [i, end] of chunks(level.length, (INNER_MAX * 3) >> 2)) {
        up.push(
          new ZInner(
            level.slice(i, end),
            counts.slice(i, end),
            firstS.slice(i, end),
            firstM.slice(i, end),
          ),
        );
        let total = 0;
        for (let j = i; j < end; j++) total += counts[j];
        upCounts.push(total);
        upS.push(firstS[i]);
        upM.push(firstM[i]);
      }
      level = up;
      counts = upCounts;
      firstS = upS;
      firstM = upM;
      t.height++;
    }
    t.root = level[0];
    t.size = n;
    t.seekLeaf = t.head;
    return t;
  }

  /** Checks every invariant; for tests. Returns an error text or "". */
  verify(): string {
    let count = 0;
    let prevS = -Infinity;
    let prevM: string | null = null;
    for (let leaf: ZLeaf | null = this.head; leaf; leaf = leaf.next) {
      if (leaf !== this.root && leaf.members.length === 0) return "empty leaf";
      for (let i = 0; i < leaf.members.length; i++) {
        if (prevM !== null && compareEntries(prevS, prevM, leaf.scores[i], leaf.members[i]) >= 0) {
          return "order";
        }
        if (!leaf.members[i].startsWith(this.prefix!)) return "prefix";
        if (leaf.keys[i] !== this.keyOf(leaf.members[i])) return "key";
        if (leaf.keys.length !== leaf.members.length) return "keys length";
        prevS = leaf.scores[i];
        prevM = leaf.members[i];
        count++;
      }
    }
    if (count !== this.size) return "size " + count + " != " + this.size;
    const check = (node: ZNode, depth: number): number | string => {
      if (depth === this.height) return (node as ZLeaf).members.length;
      const inner = node as ZInner;
      let total = 0;
      for (let i = 0; i < inner.children.length; i++) {
        const c = check(inner.children[i], depth + 1);
        if (typeof c === "string") return c;
        if (c !== inner.counts[i]) return "count at depth " + depth;
        total += c;
      }
      return total;
    };
    const r = check(this.root, 0);
    return typeof r === "string" ? r : r === this.size ? "" : "root count";
  }
}

/** Splits [0, n) into near-equal chunks of at most `per` items. */
function chunks(n: number, per: number): Array<[number, number]> {
  const parts = Math.ceil(n / per);
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = Math.round(((p + 1) * n) / parts);
    out.push([start, end]);
    start = end;
  }
  return out;
}
