/**
 * A list as Redis 7.0 saves it (RDB_TYPE_LIST_QUICKLIST_2): its quicklist
 * nodes, each a listpack ("packed" container) or, for an element of 1 GB or
 * more, the bare element ("plain" container).
 *
 * Where Redis puts node boundaries depends on the list's history (pushes at
 * the head fill nodes from their right, inserts split nodes, removals leave
 * holes); a {@link ListValue} keeps only the elements. The nodes here are
 * those of a list built by RPUSH from head to tail: each node takes
 * elements while quicklist's _quicklistNodeAllowInsert says yes under
 * `list-max-listpack-size` (the fill: a negative size class of 4-64 KB, or a
 * positive element count capped by the 8 KB safety limit). Any node layout
 * loads back into the same list. Nodes are never LZF-compressed here
 * (`list-compress-depth` is ignored), as with Redis's default depth 0.
 *
 * @module
 */
import type { ListValue } from "../../store/types/list.ts";
import type { ByteWriter } from "./bytes.ts";
import { QUICKLIST_NODE_CONTAINER_PACKED, QUICKLIST_NODE_CONTAINER_PLAIN } from "./constants.ts";
import { ListpackWriter } from "./listpack.ts";
import { writeBlob, writeLen, writeString } from "./primitives.ts";

/** quicklist.c's optimization_level: node byte limits for fill -1 .. -5. */
const SIZE_LIMITS = [4096, 8192, 16384, 32768, 65536];
/** SIZE_SAFETY_LIMIT: count-limited nodes stay under this many bytes. */
const SAFETY_LIMIT = 8192;
/** SIZE_ESTIMATE_OVERHEAD: what quicklist adds to an element's size when estimating. */
const ESTIMATE_OVERHEAD = 8;
/** FILL_MAX on 64-bit builds (a 16-bit signed field). */
const FILL_MAX = 32767;
/** packed_threshold: elements this large get a plain node of their own. */
const PACKED_THRESHOLD = 1 << 30;

/** quicklistSetFill's clamping of `list-max-listpack-size`. */
function clampFill(fill: number): number {
  if (fill > FILL_MAX) return FILL_MAX;
  if (fill < -5) return -5;
  return fill;
}

/** _quicklistNodeAllowInsert for a node of `nodeBytes` bytes and `count` elements. */
function allowInsert(nodeBytes: number, count: number, fill: number, sz: number): boolean {
  const newSz = nodeBytes + sz + ESTIMATE_OVERHEAD;
  if (fill < 0) {
    const limit = SIZE_LIMITS[-fill - 1];
    if (limit !== undefined && newSz <= limit) return true;
  }
  if (newSz > SAFETY_LIMIT) return false;
  return count < fill;
}

/** One node: a finished listpack, or a plain element. */
type QuickNode = Uint8Array | string;

/** Splits `list` into quicklist nodes as RPUSH would have built them. */
function buildNodes(list: ListValue, fill: number): QuickNode[] {
  const nodes: QuickNode[] = [];
  let lp: ListpackWriter | undefined;
  const n = list.length;
  for (let i = 0; i < n; i++) {
    const s = list.get(i);
    if (s.length >= PACKED_THRESHOLD) {
      if (lp !== undefined) nodes.push(lp.finish());
      lp = undefined;
      nodes.push(s);
      continue;
    }
    if (lp !== undefined && !allowInsert(lp.bytes, lp.count, fill, s.length)) {
      nodes.push(lp.finish());
      lp = undefined;
    }
    lp ??= new ListpackWriter();
    lp.appendString(s);
  }
  if (lp !== undefined) nodes.push(lp.finish());
  return nodes;
}

/** Writes the RDB_TYPE_LIST_QUICKLIST_2 payload of `list`. */
export function writeQuicklist(w: ByteWriter, list: ListValue, listMaxListpackSize: number): void {
  const nodes = buildNodes(list, clampFill(listMaxListpackSize));
  writeLen(w, nodes.length);
  for (const node of nodes) {
    if (typeof node === "string") {
      writeLen(w, QUICKLIST_NODE_CONTAINER_PLAIN);
      writeString(w, node);
    } else {
      writeLen(w, QUICKLIST_NODE_CONTAINER_PACKED);
      writeBlob(w, node);
    }
  }
}
