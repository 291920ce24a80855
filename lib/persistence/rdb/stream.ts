/**
 * A stream as Redis 7.0 saves it (RDB_TYPE_STREAM_LISTPACKS_2, rdbSaveObject
 * in rdb.c; the listpack layout of t_stream.c's streamAppendItem).
 *
 * Ferrous's {@link StreamNode}s are Redis's macro nodes entry for entry
 * (same boundaries, same tombstones, same SAMEFIELDS decisions), so each
 * node becomes the listpack Redis holds:
 *
 *     master entry: count | deleted | num-fields | field... | 0
 *     each entry:   flags | ms-diff | seq-diff | [num-fields | field value ...
 *                   or, with SAMEFIELDS, value ...] | lp-count
 *
 * keyed by its master ID as 16 big-endian bytes. Then the stream's length,
 * last, first and max-deleted IDs, entries-added, and the consumer groups
 * with their pending entries lists (PEL) and consumers.
 *
 * @module
 */
import type { ConsumerGroup, Nack } from "../../store/types/stream-group.ts";
import type { StreamId } from "../../store/types/stream-id.ts";
import {
  FLAG_DELETED,
  FLAG_SAMEFIELDS,
  type StreamNode,
  type StreamValue,
  STRIDE,
} from "../../store/types/stream.ts";
import type { ByteWriter } from "./bytes.ts";
import { ListpackWriter } from "./listpack.ts";
import {
  writeBlob,
  writeLen,
  writeLenCount,
  writeLenWords,
  writeMillis,
  writeString,
} from "./primitives.ts";

const TWO32 = 4294967296;
/** High words below this keep a 64-bit part exact as a double. */
const SAFE_HI = 0x200000;

/** `(aHi:aLo) - (bHi:bLo)` as a signed 64-bit value (the listpack's ID deltas). */
function delta(aHi: number, aLo: number, bHi: number, bLo: number): number | bigint {
  if (aHi < SAFE_HI && bHi < SAFE_HI) return (aHi - bHi) * TWO32 + (aLo - bLo);
  const a = (BigInt(aHi) << 32n) | BigInt(aLo);
  const b = (BigInt(bHi) << 32n) | BigInt(bLo);
  return BigInt.asIntN(64, a - b);
}

/** The listpack of one node. */
function nodeListpack(node: StreamNode): Uint8Array {
  const lp = new ListpackWriter(node.bytes > 0 ? node.bytes : 64);
  const fields = node.fields;
  lp.appendInteger(node.live);
  lp.appendInteger(node.count - node.live);
  lp.appendInteger(fields.length);
  for (let j = 0; j < fields.length; j++) lp.appendString(fields[j]);
  lp.appendInteger(0);
  const slots = node.slots;
  for (let i = 0; i < node.count; i++) {
    const b = i * STRIDE;
    const flags = slots[b + 4] & (FLAG_DELETED | FLAG_SAMEFIELDS);
    const numFields = slots[b + 4] >>> 2;
    const same = (flags & FLAG_SAMEFIELDS) !== 0;
    lp.appendInteger(flags);
    lp.appendInteger(delta(slots[b], slots[b + 1], node.kMsHi, node.kMsLo));
    lp.appendInteger(delta(slots[b + 2], slots[b + 3], node.kSeqHi, node.kSeqLo));
    if (!same) lp.appendInteger(numFields);
    for (let j = 0; j < numFields; j++) {
      if (!same) lp.appendString(node.field(i, j));
      lp.appendString(node.value(i, j));
    }
    lp.appendInteger(same ? numFields + 3 : numFields * 2 + 4);
  }
  return lp.finish();
}

/** The rax key of a node: its master ID as 16 big-endian bytes. */
function nodeKey(w: ByteWriter, node: StreamNode): void {
  writeLen(w, 16);
  w.u64be(node.kMsHi, node.kMsLo);
  w.u64be(node.kSeqHi, node.kSeqLo);
}

/** An ID as two lengths (ms, then seq). */
function writeId(w: ByteWriter, id: StreamId): void {
  writeLenWords(w, id.msHi, id.msLo);
  writeLenWords(w, id.seqHi, id.seqLo);
}

/** A PEL key ({@link StreamId.key}: eight 16-bit units) as the 16 raw big-endian bytes Redis writes. */
function writeRawId(w: ByteWriter, key: string): void {
  for (let i = 0; i < 8; i++) {
    const u = key.charCodeAt(i);
    w.u8(u >>> 8);
    w.u8(u & 0xff);
  }
}

/** A group's PEL with delivery times and counts (rdbSaveStreamPEL with nacks). */
function writeGroupPel(w: ByteWriter, g: ConsumerGroup): void {
  writeLen(w, g.pel.size);
  g.pel.forEach((key: string, nack: Nack) => {
    writeRawId(w, key);
    writeMillis(w, nack.deliveryTime);
    writeLenCount(w, nack.deliveryCount);
  });
}

/** A group's consumers, each with its name, seen time and PEL IDs. */
function writeConsumers(w: ByteWriter, g: ConsumerGroup): void {
  writeLen(w, g.consumers.size);
  g.consumers.forEach((name, consumer) => {
    writeString(w, name);
    writeMillis(w, consumer.seenTime);
    writeLen(w, consumer.pel.size);
    consumer.pel.forEach((key) => writeRawId(w, key));
  });
}

/** Writes the RDB_TYPE_STREAM_LISTPACKS_2 payload of `s`. */
export function writeStream(w: ByteWriter, s: StreamValue): void {
  const nodes = s.nodes;
  writeLen(w, nodes.length - s.head);
  for (let i = s.head; i < nodes.length; i++) {
    const node = nodes[i];
    nodeKey(w, node);
    writeBlob(w, nodeListpack(node));
  }
  writeLen(w, s.length);
  writeId(w, s.lastId);
  writeId(w, s.firstId);
  writeId(w, s.maxDeletedId);
  writeLenCount(w, s.entriesAdded);
  const groups = s.groups;
  writeLen(w, groups === undefined ? 0 : groups.size);
  groups?.forEach((name, g) => {
    writeString(w, name);
    writeId(w, g.lastId);
    writeLenCount(w, g.entriesRead);
    writeGroupPel(w, g);
    writeConsumers(w, g);
  });
}
