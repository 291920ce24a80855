/**
 * The stream type, laid out as Redis lays it out: entries in nodes ("macro
 * nodes", Redis's listpacks in a radix tree) ordered by the node's master
 * ID, each node holding up to `stream-node-max-entries` entries and about
 * `stream-node-max-bytes` bytes of (emulated) listpack, deleted entries
 * kept as tombstones until their node empties.
 *
 * The same boundaries as Redis matter beyond speed: approximate trimming
 * (`MAXLEN ~`, `MINID ~`) removes whole nodes only, and XINFO reports the
 * node count; so node splits follow Redis's rule, with listpack sizes
 * computed by {@link strBytes} and friends.
 *
 * Costs: XADD is O(1) amortised; a range starts with a binary search over
 * nodes and one inside a node, then walks entries; XDEL marks a tombstone
 * (O(log n)), trimming drops whole nodes from the head.
 *
 * A node keeps its entries in one `Uint32Array` (per entry: the ID as four
 * words, flags and field count, offset of its strings) and the strings in
 * one array: values only when the entry has the node's master fields (Redis's
 * SAMEFIELDS compression), else fields and values.
 *
 * @module
 */
import type { CollectionValue } from "../value.ts";
import { ConsumerGroup, INVALID_ENTRIES_READ } from "./stream-group.ts";
import { type Count, countAdd, countIncr, countIsZero, countSub, StreamId } from "./stream-id.ts";
import { deltaBytes, intBytes, LP_EMPTY, strBytes } from "./stream-lp.ts";
import { raxNodeCount } from "./stream-rax.ts";
import { SortedMap } from "./stream-sorted.ts";

/** Entry flag: deleted (a tombstone). */
export const FLAG_DELETED = 1;
/** Entry flag: the entry has its node's master fields (only values stored). */
export const FLAG_SAMEFIELDS = 2;
/** Words per entry in {@link StreamNode.slots}. */
export const STRIDE = 6;
/** STREAM_LISTPACK_MAX_SIZE. */
const LP_MAX_SIZE = 1 << 30;

/** Trimming strategies. */
export const TRIM_NONE = 0;
export const TRIM_MAXLEN = 1;
export const TRIM_MINID = 2;

/** A node: entries whose IDs are >= its master ID and below the next node's. */
export class StreamNode {
  /** Per entry: msHi, msLo, seqHi, seqLo, numFields * 4 + flags, offset in {@link StreamNode.strs}. */
  slots: Uint32Array;
  /** Fields and values (values only for SAMEFIELDS entries). */
  strs: string[] = [];
  /** Entries stored, tombstones included. */
  count = 0;
  /** Entries not deleted (the listpack's "count" field). */
  live = 0;
  /** Every entry before this one is deleted. */
  firstLive = 0;
  /** Size in bytes the listpack would have. */
  bytes = 0;

  constructor(
    readonly kMsHi: number,
    readonly kMsLo: number,
    readonly kSeqHi: number,
    readonly kSeqLo: number,
    /** The master entry's fields (those of the first entry added). */
    readonly fields: string[],
    capacity: number,
  ) {
    this.slots = new Uint32Array(capacity * STRIDE);
  }

  /** Compares entry `i`'s ID with `id`. */
  cmp(i: number, id: StreamId): number {
    const s = this.slots;
    const b = i * STRIDE;
    let a = s[b];
    let x = id.msHi;
    if (a !== x) return a < x ? -1 : 1;
    a = s[b + 1];
    x = id.msLo;
    if (a !== x) return a < x ? -1 : 1;
    a = s[b + 2];
    x = id.seqHi;
    if (a !== x) return a < x ? -1 : 1;
    a = s[b + 3];
    x = id.seqLo;
    if (a !== x) return a < x ? -1 : 1;
    return 0;
  }

  /** Compares the master ID with `id`. */
  cmpKey(id: StreamId): number {
    if (this.kMsHi !== id.msHi) return this.kMsHi < id.msHi ? -1 : 1;
    if (this.kMsLo !== id.msLo) return this.kMsLo < id.msLo ? -1 : 1;
    if (this.kSeqHi !== id.seqHi) return this.kSeqHi < id.seqHi ? -1 : 1;
    if (this.kSeqLo !== id.seqLo) return this.kSeqLo < id.seqLo ? -1 : 1;
    return 0;
  }

  /** Index of the first entry with ID >= `id` (tombstones included). */
  lower(id: StreamId): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cmp(mid, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  deleted(i: number): boolean {
    return (this.slots[i * STRIDE + 4] & FLAG_DELETED) !== 0;
  }

  /** Copies entry `i`'s ID into `out`. */
  idAt(i: number, out: StreamId): StreamId {
    const s = this.slots;
    const b = i * STRIDE;
    out.msHi = s[b];
    out.msLo = s[b + 1];
    out.seqHi = s[b + 2];
    out.seqLo = s[b + 3];
    return out;
  }

  /** Number of fields of entry `i`. */
  numFields(i: number): number {
    return this.slots[i * STRIDE + 4] >>> 2;
  }

  /** Field `j` of entry `i`. */
  field(i: number, j: number): string {
    const b = i * STRIDE;
    if (this.slots[b + 4] & FLAG_SAMEFIELDS) return this.fields[j];
    return this.strs[this.slots[b + 5] + 2 * j];
  }

  /** Value `j` of entry `i`. */
  value(i: number, j: number): string {
    const b = i * STRIDE;
    if (this.slots[b + 4] & FLAG_SAMEFIELDS) return this.strs[this.slots[b + 5] + j];
    return this.strs[this.slots[b + 5] + 2 * j + 1];
  }

  /** Marks entry `i` deleted, keeping the live/deleted counters' encoded sizes right. */
  markDeleted(i: number): void {
    const b = i * STRIDE + 4;
    this.slots[b] |= FLAG_DELETED;
    const live = this.live;
    const dead = this.count - live;
    this.bytes += intBytes(live - 1) - intBytes(live) + intBytes(dead + 1) - intBytes(dead);
    this.live = live - 1;
    if (i === this.firstLive) {
      let j = i + 1;
      while (j < this.count && this.deleted(j)) j++;
      this.firstLive = j;
    }
  }

  /** Expected entries when full (stream-node-max-entries at creation, 0 if none): growth stops there. */
  maxHint = 0;

  private grow(): void {
    let cap = Math.max(16, this.count * 4);
    if (this.maxHint > this.count && cap > this.maxHint) cap = this.maxHint;
    const next = new Uint32Array(cap * STRIDE);
    next.set(this.slots);
    this.slots = next;
  }

  /** Drops unused capacity once the node is full (Redis's lpShrinkToFit). */
  shrink(): void {
    if (this.slots.length > this.count * STRIDE) {
      this.slots = this.slots.slice(0, this.count * STRIDE);
    }
  }

  /** Appends an entry (fields and values from `argv[from...]`); the caller sized the node. */
  push(id: StreamId, argv: string[], from: number, numFields: number, same: boolean): void {
    if ((this.count + 1) * STRIDE > this.slots.length) this.grow();
    const b = this.count * STRIDE;
    const s = this.slots;
    s[b] = id.msHi;
    s[b + 1] = id.msLo;
    s[b + 2] = id.seqHi;
    s[b + 3] = id.seqLo;
    s[b + 4] = numFields * 4 + (same ? FLAG_SAMEFIELDS : 0);
    const strs = this.strs;
    s[b + 5] = strs.length;
    const end = from + numFields * 2;
    if (same) { for (let j = from + 1; j < end; j += 2) strs.push(argv[j]); }
    else for (let j = from; j < end; j++) strs.push(argv[j]);
    this.count++;
    this.live++;
  }

  clone(): StreamNode {
    const n = new StreamNode(this.kMsHi, this.kMsLo, this.kSeqHi, this.kSeqLo, this.fields, 0);
    n.slots = this.slots.slice(0, this.count * STRIDE);
    n.strs = this.strs.slice();
    n.count = this.count;
    n.live = this.live;
    n.firstLive = this.firstLive;
    n.bytes = this.bytes;
    return n;
  }
}

/** Node size limits, from the config (stream-node-max-bytes / -entries). */
export interface NodeLimits {
  streamNodeMaxBytes: number;
  streamNodeMaxEntries: number;
}

/** Arguments of a trim (Redis's streamAddTrimArgs, trimming part). */
export interface TrimArgs {
  strategy: number;
  approx: boolean;
  /** Maximum entries to delete; 0 for no limit. */
  limit: number;
  maxlen: number;
  minid: StreamId;
}

/**
 * Iterates a stream's entries within [start, end], forward or backward,
 * skipping tombstones (Redis's streamIterator). After a true `next()`,
 * `node` and `slot` designate the entry. The stream must not change while
 * iterating.
 */
export class StreamIterator {
  node!: StreamNode;
  slot = -1;
  private ni: number;
  private done = false;

  constructor(
    private readonly s: StreamValue,
    private readonly start: StreamId | null,
    private readonly end: StreamId | null,
    private readonly rev: boolean,
  ) {
    const nodes = s.nodes;
    if (!rev) {
      this.ni = start === null ? s.head : s.seekNode(start);
      if (this.ni < 0 || this.ni >= nodes.length) {
        this.done = true;
        return;
      }
      this.slot = start === null ? -1 : nodes[this.ni].lower(start) - 1;
    } else {
      this.ni = end === null ? nodes.length - 1 : s.seekNode(end);
      if (this.ni < s.head || this.ni >= nodes.length) {
        this.done = true;
        return;
      }
      const node = nodes[this.ni];
      if (end !== null && node.cmpKey(end) > 0) {
        // Every entry is greater than `end`.
        this.done = true;
        return;
      }
      if (end === null) this.slot = node.count;
      else {
        const i = node.lower(end);
        this.slot = i < node.count && node.cmp(i, end) === 0 ? i + 1 : i;
      }
    }
  }

  /** Moves to the next entry in range; false at the end. */
  next(): boolean {
    if (this.done) return false;
    const nodes = this.s.nodes;
    if (!this.rev) {
      const end = this.end;
      while (this.ni < nodes.length) {
        const node = nodes[this.ni];
        let i = this.slot + 1;
        if (i < node.firstLive) i = node.firstLive;
        for (; i < node.count; i++) {
          if (node.slots[i * STRIDE + 4] & FLAG_DELETED) continue;
          if (end !== null && node.cmp(i, end) > 0) {
            this.done = true;
            return false;
          }
          this.node = node;
          this.slot = i;
          return true;
        }
        this.ni++;
        this.slot = -1;
      }
    } else {
      const start = this.start;
      const head = this.s.head;
      while (this.ni >= head) {
        const node = nodes[this.ni];
        for (let i = this.slot - 1; i >= node.firstLive; i--) {
          if (node.slots[i * STRIDE + 4] & FLAG_DELETED) continue;
          if (start !== null && node.cmp(i, start) < 0) {
            this.done = true;
            return false;
          }
          this.node = node;
          this.slot = i;
          return true;
        }
        this.ni--;
        if (this.ni >= head) this.slot = nodes[this.ni].count;
      }
    }
    this.done = true;
    return false;
  }
}

/**
 * A stream value.
 *
 * @example
 * ```ts
 * const s = new StreamValue();
 * s.append(["f", "v"], 0, 1, StreamId.of(1, 0), limits);
 * s.length; // 1
 * ```
 */
export class StreamValue implements CollectionValue {
  readonly type = "stream" as const;
  /** Nodes in ID order; those before {@link StreamValue.head} are gone. */
  nodes: StreamNode[] = [];
  head = 0;
  /** Entries, tombstones excluded. */
  length = 0;
  /** Last ID generated or set (XSETID); 0-0 until the first entry. */
  lastId: StreamId = new StreamId();
  /** First live entry's ID (0-0 when empty): Redis's recorded-first-entry-id. */
  firstId: StreamId = new StreamId();
  /** Greatest ID deleted by XDEL. */
  maxDeletedId: StreamId = new StreamId();
  /** Entries ever added. */
  entriesAdded: Count = 0;
  /** Consumer groups by name; created on first use. */
  groups: SortedMap<ConsumerGroup> | undefined;
  /** The node of the last {@link StreamValue.locate}. */
  found: StreamNode | undefined;
  private raxNodes = -1;

  encoding(): string {
    return "stream";
  }

  /** Number of nodes (XINFO's radix-tree-keys). */
  get nodeCount(): number {
    return this.nodes.length - this.head;
  }

  /** Nodes of the radix tree that would index the nodes (XINFO's radix-tree-nodes). */
  radixTreeNodes(): number {
    if (this.raxNodes < 0) this.raxNodes = raxNodeCount(this.nodes, this.head);
    return this.raxNodes;
  }

  /** Index of the last node whose master ID is <= `id`, else the first node (-1 without nodes). */
  seekNode(id: StreamId): number {
    const nodes = this.nodes;
    let lo = this.head;
    let hi = nodes.length - 1;
    if (hi < lo) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nodes[mid].cmpKey(id) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Appends an entry with ID `id` (already checked to be greater than
   * {@link StreamValue.lastId}) and the `numFields` field-value pairs at
   * `argv[from...]` (streamAppendItem's storage part).
   */
  append(id: StreamId, argv: string[], from: number, numFields: number, limits: NodeLimits): void {
    const end = from + numFields * 2;
    let totelelen = 0;
    for (let j = from; j < end; j++) totelelen += argv[j].length;
    let node: StreamNode | undefined = this.nodes.length > this.head
      ? this.nodes[this.nodes.length - 1]
      : undefined;
    if (node !== undefined) {
      let maxBytes = limits.streamNodeMaxBytes;
      if (maxBytes === 0 || maxBytes > LP_MAX_SIZE) maxBytes = LP_MAX_SIZE;
      const maxEntries = limits.streamNodeMaxEntries;
      if (node.bytes + totelelen >= maxBytes || (maxEntries !== 0 && node.count >= maxEntries)) {
        node.shrink();
        node = undefined;
      }
    }
    if (node === undefined) {
      const fields: string[] = [];
      let bytes = LP_EMPTY + intBytes(1) + intBytes(0) + intBytes(numFields) + intBytes(0);
      for (let j = from; j < end; j += 2) {
        fields.push(argv[j]);
        bytes += strBytes(argv[j]);
      }
      const maxEntries = limits.streamNodeMaxEntries;
      const cap = maxEntries > 0 && maxEntries < 16 ? maxEntries : 16;
      node = new StreamNode(id.msHi, id.msLo, id.seqHi, id.seqLo, fields, cap);
      node.maxHint = maxEntries;
      bytes += intBytes(FLAG_SAMEFIELDS) + 2 + 2 + intBytes(numFields + 3);
      for (let j = from + 1; j < end; j += 2) bytes += strBytes(argv[j]);
      node.bytes = bytes;
      node.push(id, argv, from, numFields, true);
      this.nodes.push(node);
      this.raxNodes = -1;
    } else {
      const fields = node.fields;
      let same = numFields === fields.length;
      if (same) {
        for (let j = 0; j < numFields; j++) {
          if (argv[from + 2 * j] !== fields[j]) {
            same = false;
            break;
          }
        }
      }
      let bytes = intBytes(node.live + 1) - intBytes(node.live) + 2 +
        deltaBytes(id.msHi, id.msLo, node.kMsHi, node.kMsLo) +
        deltaBytes(id.seqHi, id.seqLo, node.kSeqHi, node.kSeqLo);
      if (same) {
        for (let j = from + 1; j < end; j += 2) bytes += strBytes(argv[j]);
        bytes += intBytes(numFields + 3);
      } else {
        for (let j = from; j < end; j++) bytes += strBytes(argv[j]);
        bytes += intBytes(numFields) + intBytes(numFields * 2 + 4);
      }
      node.bytes += bytes;
      node.push(id, argv, from, numFields, same);
    }
    this.length++;
    this.entriesAdded = countIncr(this.entriesAdded);
    this.lastId.set(id);
    if (this.length === 1) this.firstId.set(id);
  }

  private removeNodeAt(i: number): void {
    const nodes = this.nodes;
    if (i === this.head) {
      nodes[i] = undefined as unknown as StreamNode;
      this.head++;
      if (this.head === nodes.length) {
        this.nodes = [];
        this.head = 0;
      } else if (this.head >= 64 && this.head * 2 >= nodes.length) {
        this.nodes = nodes.slice(this.head);
        this.head = 0;
      }
    } else if (i === nodes.length - 1) nodes.pop();
    else nodes.splice(i, 1);
    this.raxNodes = -1;
  }

  /** Deletes the live entry `id` (streamDeleteItem); false when there is none. */
  deleteEntry(id: StreamId): boolean {
    const ni = this.seekNode(id);
    if (ni < 0) return false;
    const node = this.nodes[ni];
    const i = node.lower(id);
    if (i >= node.count || node.cmp(i, id) !== 0 || node.deleted(i)) return false;
    if (node.live === 1) this.removeNodeAt(ni);
    else node.markDeleted(i);
    this.length--;
    return true;
  }

  /** True when `id` is a live entry (streamEntryExists). */
  hasEntry(id: StreamId): boolean {
    return this.locate(id) >= 0;
  }

  /** Finds live entry `id`: returns its slot and sets {@link StreamValue.found}; -1 when absent. */
  locate(id: StreamId): number {
    const ni = this.seekNode(id);
    if (ni < 0) return -1;
    const node = this.nodes[ni];
    const i = node.lower(id);
    if (i >= node.count || node.cmp(i, id) !== 0 || node.deleted(i)) return -1;
    this.found = node;
    return i;
  }

  /**
   * Trims from the head (streamTrim): whole nodes while they can go, then
   * (unless approximate) entries inside the first remaining node. Returns
   * the number of entries deleted.
   */
  trim(args: TrimArgs): number {
    const { strategy, approx, limit, maxlen, minid } = args;
    if (strategy === TRIM_NONE) return 0;
    let deleted = 0;
    while (this.head < this.nodes.length) {
      if (strategy === TRIM_MAXLEN && this.length <= maxlen) break;
      const node = this.nodes[this.head];
      const entries = node.live;
      if (limit !== 0 && deleted + entries > limit) break;
      const remove = strategy === TRIM_MAXLEN
        ? this.length - entries >= maxlen
        : node.cmp(node.count - 1, minid) < 0;
      if (remove) {
        this.removeNodeAt(this.head);
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (approx) break;
      let fromNode = 0;
      for (let i = node.firstLive; i < node.count; i++) {
        if (strategy === TRIM_MAXLEN ? this.length <= maxlen : node.cmp(i, minid) >= 0) break;
        if (!node.deleted(i)) {
          node.markDeleted(i);
          fromNode++;
          this.length--;
        }
      }
      deleted += fromNode;
      break;
    }
    if (this.length === 0) this.firstId.setWords(0, 0, 0, 0);
    else if (deleted !== 0) this.firstLiveId(this.firstId);
    return deleted;
  }

  /** Sets `out` to the first live entry's ID, or the maximum ID when none (streamGetEdgeID). */
  firstLiveId(out: StreamId): StreamId {
    const nodes = this.nodes;
    for (let n = this.head; n < nodes.length; n++) {
      const node = nodes[n];
      for (let i = node.firstLive; i < node.count; i++) {
        if (!node.deleted(i)) return node.idAt(i, out);
      }
    }
    out.setWords(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
    return out;
  }

  /** The first entry's ID, tombstones included; the maximum ID when there are no nodes. */
  firstEdgeId(out: StreamId): StreamId {
    if (this.head >= this.nodes.length) {
      out.setWords(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
      return out;
    }
    return this.nodes[this.head].idAt(0, out);
  }

  /** Sets `out` to the last live entry's ID (streamLastValidID); 0-0 when empty. */
  lastValidId(out: StreamId): StreamId {
    const nodes = this.nodes;
    for (let n = nodes.length - 1; n >= this.head; n--) {
      const node = nodes[n];
      for (let i = node.count - 1; i >= node.firstLive; i--) {
        if (!node.deleted(i)) return node.idAt(i, out);
      }
    }
    out.setWords(0, 0, 0, 0);
    return out;
  }

  /** Records an XDEL of `id`: max-deleted-entry-id keeps the greatest. */
  noteDeleted(id: StreamId): void {
    if (id.compare(this.maxDeletedId) > 0) this.maxDeletedId.set(id);
  }

  // -------------------------------------------------------------------------
  // Consumer groups.

  group(name: string): ConsumerGroup | undefined {
    return this.groups?.get(name);
  }

  /** Creates a group; undefined when the name is taken. */
  createGroup(name: string, lastId: StreamId, entriesRead: Count): ConsumerGroup | undefined {
    if (this.groups === undefined) this.groups = new SortedMap();
    const g = new ConsumerGroup(name, lastId.clone(), entriesRead);
    return this.groups.insert(name, g) ? g : undefined;
  }

  /** True when [start, end] (end: the maximum when null) may hold a tombstone (streamRangeHasTombstones). */
  rangeHasTombstones(start: StreamId | null, end: StreamId | null): boolean {
    const maxDel = this.maxDeletedId;
    if (this.length === 0 || maxDel.isZero()) return false;
    if (this.firstId.compare(maxDel) > 0) return false;
    if (start !== null && start.compare(maxDel) > 0) return false;
    if (end !== null && maxDel.compare(end) > 0) return false;
    return true;
  }

  /**
   * The logical read counter of `id`, or {@link INVALID_ENTRIES_READ} when it
   * cannot be known (streamEstimateDistanceFromFirstEverEntry).
   */
  estimateDistance(id: StreamId): Count {
    if (countIsZero(this.entriesAdded)) return 0;
    const cmpLast = id.compare(this.lastId);
    if (this.length === 0 && cmpLast < 1) return this.entriesAdded;
    if (cmpLast === 0) return this.entriesAdded;
    if (cmpLast > 0) return INVALID_ENTRIES_READ;
    const cmpFirst = id.compare(this.firstId);
    if (this.maxDeletedId.isZero() || this.maxDeletedId.compare(this.firstId) < 0) {
      if (cmpFirst < 0) return countSub(this.entriesAdded, this.length);
      if (cmpFirst === 0) return countAdd(countSub(this.entriesAdded, this.length), 1);
    }
    return INVALID_ENTRIES_READ;
  }

  /** A group's lag, or null when it cannot be known (streamReplyWithCGLag). */
  lag(g: ConsumerGroup): Count | null {
    if (countIsZero(this.entriesAdded)) return 0;
    if (g.entriesRead !== INVALID_ENTRIES_READ && !this.rangeHasTombstones(g.lastId, null)) {
      return countSub(this.entriesAdded, g.entriesRead);
    }
    const read = this.estimateDistance(g.lastId);
    if (read === INVALID_ENTRIES_READ) return null;
    return countSub(this.entriesAdded, read);
  }

  clone(): StreamValue {
    const s = new StreamValue();
    for (let i = this.head; i < this.nodes.length; i++) s.nodes.push(this.nodes[i].clone());
    s.length = this.length;
    s.lastId = this.lastId.clone();
    s.firstId = this.firstId.clone();
    s.maxDeletedId = this.maxDeletedId.clone();
    s.entriesAdded = this.entriesAdded;
    if (this.groups !== undefined) {
      const groups = new SortedMap<ConsumerGroup>();
      this.groups.forEach((name, g) => {
        groups.insert(name, g.clone());
      });
      s.groups = groups;
    }
    return s;
  }
}
