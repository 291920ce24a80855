/**
 * The sorted set value: a member → score `Map` for O(1) score lookups plus an
 * order-statistic B+ tree ({@link ZTree}) for ranks and ranges, as Redis pairs
 * a dict with a skip list. OBJECT ENCODING reports `listpack` while the set
 * is within `zset-max-listpack-entries`/`-value`, and `skiplist` after it once
 * outgrew them (one way, as in Redis); both use the same structure here.
 *
 * @module
 */
import { hashKey, StrMap } from "../str-map.ts";
import type { CollectionValue, EncodingLimits } from "../value.ts";
import { scanLiveSlots } from "./set.ts";
import { type EntryPredicate, type ZLeaf, ZTree } from "./zset-tree.ts";

/** ZADD input flags (Redis's ZADD_IN_*). */
export const ZADD_INCR = 1;
export const ZADD_NX = 2;
export const ZADD_XX = 4;
export const ZADD_GT = 8;
export const ZADD_LT = 16;

/** ZADD result flags (Redis's ZADD_OUT_*). */
export const ZADD_NOP = 1;
export const ZADD_NAN = 2;
export const ZADD_ADDED = 4;
export const ZADD_UPDATED = 8;

/** A score interval; `minex`/`maxex` mark open ends (`(`). */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** One end of a lex interval: `-` (kind -1), `+` (kind 1) or a value (kind 0). */
export interface LexBound {
  kind: -1 | 0 | 1;
  value: string;
  ex: boolean;
}

/** A lex interval (`[a`, `(b`, `-`, `+`). */
export interface LexRange {
  min: LexBound;
  max: LexBound;
}

/** Compares a member with a lex bound, as Redis's sdscmplex. */
function cmpLex(value: string, bound: LexBound): number {
  if (bound.kind === -1) return 1;
  if (bound.kind === 1) return -1;
  return value < bound.value ? -1 : value > bound.value ? 1 : 0;
}

/** Compares two lex bounds (both may be infinite). */
function cmpBounds(a: LexBound, b: LexBound): number {
  if (a.kind === b.kind && a.kind !== 0) return 0;
  if (a.kind === -1 || b.kind === 1) return -1;
  if (a.kind === 1 || b.kind === -1) return 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** True when `member` is at or above the range's min. */
export function lexGteMin(member: string, r: LexRange): boolean {
  const c = cmpLex(member, r.min);
  return r.min.ex ? c > 0 : c >= 0;
}

/** True when `member` is at or below the range's max. */
export function lexLteMax(member: string, r: LexRange): boolean {
  const c = cmpLex(member, r.max);
  return r.max.ex ? c < 0 : c <= 0;
}

function ignoreMember(_member: string): void {}

/** Visits one pair of a range walk; returning `false` stops the walk. */
export type ZVisitor = (member: string, score: number) => unknown;

/**
 * A sorted set.
 *
 * @example
 * ```ts
 * const z = new ZSet(true);
 * z.insertNew(1, "a");
 * z.score("a"); // 1
 * z.rank("a", false); // 0
 * ```
 */
export class ZSet implements CollectionValue {
  readonly type = "zset" as const;
  /**
   * Member → score: O(1) score lookups, and its slots give uniform random
   * members (ZRANDMEMBER) and stateless ZSCAN cursors. A member of up to 20
   * bytes is stored there as bytes; the tree holds the member strings.
   */
  private dict: StrMap<number> = new StrMap();
  tree: ZTree = new ZTree();
  /** True while the set would be a listpack in Redis. */
  listpack: boolean;
  /** The score {@link ZSet.add} ended with (Redis's `newscore`). */
  newScore = 0;
  /** The score of the pair {@link ZSet.popEnd} last removed. */
  poppedScore = 0;

  constructor(listpack: boolean) {
    this.listpack = listpack;
  }

  /** The member index, if any (see CollectionValue.memberIndex). */
  memberIndex(): StrMap<unknown> | undefined {
    return this.dict;
  }

  /** A set for a first member of length `firstLen`, encoded as Redis would create it. */
  static create(limits: EncodingLimits, firstLen: number): ZSet {
    return new ZSet(limits.zsetMaxListpackEntries !== 0 && firstLen <= limits.zsetMaxListpackValue);
  }

  /** Builds a set from pairs in any order (later duplicates win); the encoding follows the limits. */
  static fromPairs(members: string[], scores: number[], limits: EncodingLimits): ZSet {
    const z = new ZSet(false);
    for (let i = 0; i < members.length; i++) {
      const old = z.score(members[i]);
      if (old === undefined) z.insertNew(scores[i], members[i]);
      else if (old !== scores[i]) z.setScore(members[i], old, scores[i]);
    }
    z.shrinkIfSmall(limits);
    return z;
  }

  get size(): number {
    return this.dict.size;
  }

  encoding(_limits?: EncodingLimits): string {
    return this.listpack ? "listpack" : "skiplist";
  }

  /** A deep copy with the same encoding (COPY). */
  clone(): ZSet {
    const z = new ZSet(this.listpack);
    const members: string[] = [];
    const scores: number[] = [];
    this.forRange(0, this.size, false, (m, s) => {
      members.push(m);
      scores.push(s);
    });
    z.tree = ZTree.fromSorted(members, scores);
    for (let i = 0; i < members.length; i++) z.dict.set(members[i], scores[i]);
    return z;
  }

  /** Score of `member`, or undefined. */
  score(member: string): number | undefined {
    return this.dict.get(member);
  }

  /** True when `member` is in the set. */
  has(member: string): boolean {
    return this.dict.has(member);
  }

  /** Adds a member known to be absent (no encoding checks). */
  insertNew(score: number, member: string): void {
    // A listpack keeps scores as text where -0 reads back as 0.
    if (score === 0 && this.listpack) score = 0;
    this.dict.set(member, score);
    this.tree.insert(score, member);
  }

  /** Moves an existing member from `oldScore` to `newScore`. */
  setScore(member: string, oldScore: number, newScore: number): void {
    this.setScoreAt(this.dict.slotOf(member, hashKey(member)), member, oldScore, newScore);
  }

  /** {@link ZSet.setScore} for the member in dict slot `slot`. */
  private setScoreAt(slot: number, member: string, oldScore: number, newScore: number): void {
    if (newScore === 0 && this.listpack) newScore = 0;
    this.dict.setSlotValue(slot, newScore);
    this.tree.updateScore(oldScore, member, newScore);
  }

  /** The members in slot order, made on each call (O(n)), for commands that visit them all. */
  get members(): string[] {
    return this.dict.liveKeys();
  }

  /** The scores in the order of {@link ZSet.members}, made on each call. */
  get scores(): number[] {
    return this.dict.liveValues();
  }

  /** The member in live slot `slot` (see {@link ZSet.randomSlot}, {@link scanSlots}). */
  memberAt(slot: number): string {
    return this.dict.slotKey(slot)!;
  }

  /** The score in live slot `slot`. */
  scoreAt(slot: number): number {
    return this.dict.slotValue(slot);
  }

  /** A uniformly random live slot (the set must not be empty). */
  randomSlot(): number {
    return this.dict.randomSlot();
  }

  /** Every live slot, in slot order. */
  liveSlots(): number[] {
    return this.dict.liveSlots();
  }

  /** @internal Slots below this may be live (for {@link scanSlots}). */
  get slotTop(): number {
    return this.dict.slotTop;
  }

  /** @internal True when slot `slot` holds a member. */
  slotLive(slot: number): boolean {
    return this.dict.slotLive(slot);
  }

  /**
   * Redis's zsetAdd: adds or updates `member` under the ZADD_* `flags`;
   * returns ZADD_* result flags and leaves the final score in
   * {@link ZSet.newScore}. Converts listpack → skiplist past the limits.
   */
  add(score: number, member: string, flags: number, limits: EncodingLimits): number {
    if (score !== score) return ZADD_NAN;
    const slot = this.dict.slotOf(member, hashKey(member));
    if (slot >= 0) {
      const cur = this.dict.slotValue(slot);
      if (flags & ZADD_NX) return ZADD_NOP;
      if (flags & ZADD_INCR) {
        score += cur;
        if (score !== score) return ZADD_NAN;
      }
      if ((flags & ZADD_LT && score >= cur) || (flags & ZADD_GT && score <= cur)) return ZADD_NOP;
      this.newScore = score;
      if (score !== cur) {
        this.setScoreAt(slot, member, cur, score);
        return ZADD_UPDATED;
      }
      return 0;
    }
    if (flags & ZADD_XX) return ZADD_NOP;
    if (
      this.listpack &&
      (this.dict.size + 1 > limits.zsetMaxListpackEntries ||
        member.length > limits.zsetMaxListpackValue)
    ) this.listpack = false;
    this.insertNew(score, member);
    this.newScore = score;
    return ZADD_ADDED;
  }

  /**
   * Removes the pair with the lowest score (the highest when `max`) and
   * returns its member, leaving its score in {@link ZSet.poppedScore}. The
   * set must not be empty. ZPOPMIN's path: no visitor closures to allocate.
   */
  popEnd(max: boolean): string {
    const t = this.tree;
    const rank = max ? t.size - 1 : 0;
    t.seek(rank);
    const leaf = t.seekLeaf;
    const pos = t.seekPos;
    const member = leaf.members[pos];
    this.poppedScore = leaf.scores[pos];
    t.deleteRange(rank, 1, ignoreMember);
    this.dict.delete(member);
    return member;
  }

  /** Removes `member`; returns whether it was there. */
  remove(member: string): boolean {
    const dict = this.dict;
    const slot = dict.slotOf(member, hashKey(member));
    if (slot < 0) return false;
    const score = dict.slotValue(slot);
    dict.deleteSlot(slot);
    this.tree.delete(score, member);
    return true;
  }

  /** 0-based rank of `member` (from the top when `reverse`), or -1. */
  rank(member: string, reverse: boolean): number {
    const score = this.score(member);
    if (score === undefined) return -1;
    const r = this.tree.rankOf(score, member);
    return reverse ? this.dict.size - 1 - r : r;
  }

  /** Redis's zsetConvertToListpackIfNeeded: back to listpack when small enough. */
  shrinkIfSmall(limits: EncodingLimits): void {
    if (this.listpack || this.dict.size > limits.zsetMaxListpackEntries) return;
    const maxLen = limits.zsetMaxListpackValue;
    const members = this.members;
    for (let i = 0; i < members.length; i++) if (members[i].length > maxLen) return;
    this.listpack = true;
    const scores = this.scores;
    for (let i = 0; i < members.length; i++) {
      if (scores[i] === 0 && 1 / scores[i] < 0) this.setScore(members[i], scores[i], 0);
    }
  }

  /**
   * Calls `fn` for `count` pairs starting at rank `start` (ascending), or
   * for `count` pairs starting at rank `start` going down when `reverse`,
   * until `fn` returns false. `fn` must not change this set.
   */
  forRange(start: number, count: number, reverse: boolean, fn: ZVisitor): void {
    if (count <= 0) return;
    const t = this.tree;
    t.seek(start);
    let leaf: ZLeaf | null = t.seekLeaf;
    let pos = t.seekPos;
    if (!reverse) {
      while (true) {
        if (fn(leaf!.members[pos], leaf!.scores[pos]) === false) return;
        if (--count === 0) return;
        if (++pos === leaf!.members.length) {
          leaf = leaf!.next;
          pos = 0;
        }
      }
    }
    while (true) {
      if (fn(leaf!.members[pos], leaf!.scores[pos]) === false) return;
      if (--count === 0) return;
      if (--pos < 0) {
        leaf = leaf!.prev;
        pos = leaf!.members.length - 1;
      }
    }
  }

  /** Rank of the first pair for which `pred` holds (`size` when none). */
  countBefore(pred: EntryPredicate): number {
    return this.tree.countBefore(pred);
  }

  /** Ranks [first, end) of the pairs within a score range. */
  scoreRange(r: ScoreRange): [number, number] {
    if (r.min > r.max || (r.min === r.max && (r.minex || r.maxex))) return [0, 0];
    const min = r.min;
    const max = r.max;
    const first = this.tree.countBefore(r.minex ? (s) => s > min : (s) => s >= min);
    const end = this.tree.countBefore(r.maxex ? (s) => s >= max : (s) => s > max);
    return end > first ? [first, end] : [0, 0];
  }

  /**
   * Ranks [first, end) of the pairs within a lex range. Lex ranges assume
   * equal scores; when they are not, a listpack answers as Redis's linear
   * listpack walk does (the run starting at the first member >= min, or with
   * `reverse` the run ending at the last member <= max).
   */
  lexRange(r: LexRange, reverse = false): [number, number] {
    const c = cmpBounds(r.min, r.max);
    if (c > 0 || (c === 0 && (r.min.ex || r.max.ex))) return [0, 0];
    if (this.listpack) return this.lexRun(r, reverse);
    const first = this.tree.countBefore((_s, m) => lexGteMin(m, r));
    const end = this.tree.countBefore((_s, m) => !lexLteMax(m, r));
    return end > first ? [first, end] : [0, 0];
  }

  private lexRun(r: LexRange, reverse: boolean): [number, number] {
    const n = this.size;
    if (n === 0) return [0, 0];
    const ms: string[] = [];
    this.forRange(0, n, false, (m) => ms.push(m));
    if (!lexGteMin(ms[n - 1], r) || !lexLteMax(ms[0], r)) return [0, 0];
    if (!reverse) {
      let i = 0;
      while (i < n && !lexGteMin(ms[i], r)) i++;
      if (i === n || !lexLteMax(ms[i], r)) return [0, 0];
      let j = i;
      while (j < n && lexLteMax(ms[j], r)) j++;
      return [i, j];
    }
    let i = n - 1;
    while (i >= 0 && !lexLteMax(ms[i], r)) i--;
    if (i < 0 || !lexGteMin(ms[i], r)) return [0, 0];
    let j = i;
    while (j >= 0 && lexGteMin(ms[j], r)) j--;
    return [j + 1, i + 1];
  }

  /**
   * Removes `count` pairs starting at rank `start`, ascending; `onRemove`
   * sees each member before it goes.
   */
  removeRange(start: number, count: number, onRemove?: (member: string) => void): void {
    this.tree.deleteRange(start, count, (m) => {
      onRemove?.(m);
      this.dict.delete(m);
    });
  }
}

/**
 * One ZSCAN step over the member table's slots (see {@link scanLiveSlots}
 * for why a cursor needs no server state), calling `emit` with each live
 * slot visited. Returns the next cursor (0 when done).
 */
export function scanSlots(
  z: ZSet,
  cursor: number,
  count: number,
  emit: (slot: number) => void,
): number {
  return scanLiveSlots(z.memberIndex()!, cursor, count, emit);
}
