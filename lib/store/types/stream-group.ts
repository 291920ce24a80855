/**
 * Consumer groups of a stream (Redis's streamCG, streamConsumer,
 * streamNACK): the group's last delivered ID and read counter, its pending
 * entries list (PEL) and its consumers, each with its own PEL sharing the
 * group's NACK objects. PELs are ordered by ID ({@link StreamId.key} keys),
 * groups and consumers by name, as Redis's radix trees order them.
 *
 * @module
 */
import type { Count, StreamId } from "./stream-id.ts";
import { SortedMap } from "./stream-sorted.ts";

/** An entry delivered and not yet acknowledged. */
export class Nack {
  constructor(
    /** Last delivery time, ms since the epoch. */
    public deliveryTime: number,
    /** Number of deliveries. */
    public deliveryCount: Count,
    /** Who got it last (null only for a moment while XCLAIM FORCE creates it). */
    public consumer: Consumer | null,
  ) {}
}

/** A consumer of a group. */
export class Consumer {
  /** Pending entries delivered to this consumer (shared with the group PEL). */
  pel: SortedMap<Nack> = new SortedMap();

  constructor(
    readonly name: string,
    /** Last time it was active (XREADGROUP, XCLAIM), ms since the epoch. */
    public seenTime: number,
  ) {}
}

/** SCG_INVALID_ENTRIES_READ: the read counter is unknown. */
export const INVALID_ENTRIES_READ = -1;

/** A consumer group. */
export class ConsumerGroup {
  pel: SortedMap<Nack> = new SortedMap();
  consumers: SortedMap<Consumer> = new SortedMap();

  constructor(
    readonly name: string,
    /** Last delivered ID. */
    public lastId: StreamId,
    /** Logical reads counter, or {@link INVALID_ENTRIES_READ}. */
    public entriesRead: Count,
  ) {}

  /** Creates a consumer; undefined when one with that name exists. */
  createConsumer(name: string, now: number): Consumer | undefined {
    const consumer = new Consumer(name, now);
    return this.consumers.insert(name, consumer) ? consumer : undefined;
  }

  /** Deletes a consumer and its pending entries from the group PEL (streamDelConsumer). */
  deleteConsumer(consumer: Consumer): void {
    const pel = this.pel;
    consumer.pel.forEach((key) => {
      pel.delete(key);
    });
    this.consumers.delete(consumer.name);
  }

  /** A deep copy (for COPY), with the NACKs shared between the copied PELs as in the original. */
  clone(): ConsumerGroup {
    const g = new ConsumerGroup(this.name, this.lastId.clone(), this.entriesRead);
    const copies = new Map<Nack, Nack>();
    this.pel.forEach((key, nack) => {
      const copy = new Nack(nack.deliveryTime, nack.deliveryCount, null);
      copies.set(nack, copy);
      g.pel.insert(key, copy);
    });
    this.consumers.forEach((name, consumer) => {
      const c = new Consumer(name, consumer.seenTime);
      g.consumers.insert(name, c);
      consumer.pel.forEach((key, nack) => {
        const copy = copies.get(nack)!;
        copy.consumer = c;
        c.pel.insert(key, copy);
      });
    });
    return g;
  }
}
