/**
 * Runs a case file against two servers at once over raw sockets and
 * collects every difference in their replies.
 *
 * @module
 */
import { RawClient, ReplyTimeout } from "../helpers/raw_client.ts";
import { encodeCommand, show } from "../helpers/resp.ts";
import type { CaseFile, Item } from "./cases.ts";
import { maskHelloId, sameReply } from "./compare.ts";

/** What a server did for an item: a reply, or a note (timeout, closed). */
type Outcome = string;

/** One mismatch, ready to print. */
export interface Difference {
  line: number;
  text: string;
  redis: Outcome;
  ferrous: Outcome;
}

const REPLY_TIMEOUT_MS = 3000;
/** How long to wait for a close after QUIT or raw bytes... */
const FIRST_CLOSE_MS = 30;
/** ... and for the second server once the first one closed. */
const CLOSE_WAIT_MS = 500;

class Side {
  private conns = new Map<string, RawClient>();
  constructor(readonly port: number, readonly protocol: 2 | 3) {}

  /** The named connection, opened (and switched to RESP3) when needed. */
  async conn(name: string): Promise<{ c: RawClient; hello?: Outcome }> {
    let c = this.conns.get(name);
    if (c && !c.ended) return { c };
    c?.close();
    c = await RawClient.connect(this.port);
    this.conns.set(name, c);
    if (this.protocol === 3) {
      c.send(encodeCommand(["HELLO", "3"]));
      return { c, hello: maskHelloId(await read(c)) };
    }
    return { c };
  }

  close(): void {
    for (const c of this.conns.values()) c.close();
  }
}

async function read(c: RawClient, timeout = REPLY_TIMEOUT_MS): Promise<Outcome> {
  try {
    return await c.readReply(timeout);
  } catch (e) {
    if (e instanceof ReplyTimeout) return "<" + e.message + ">";
    throw e;
  }
}

function payload(item: Item): string {
  return item.kind === "raw" ? item.raw! : encodeCommand(item.argv!);
}

/** Runs `file` over `protocol` against both ports; returns the differences. */
export async function runCaseFile(
  file: CaseFile,
  protocol: 2 | 3,
  redisPort: number,
  ferrousPort: number,
): Promise<Difference[]> {
  const redis = new Side(redisPort, protocol);
  const ferrous = new Side(ferrousPort, protocol);
  const diffs: Difference[] = [];
  const note = (item: Item, r: Outcome, f: Outcome) =>
    diffs.push({ line: item.line, text: item.text, redis: r, ferrous: f });
  try {
    for (const item of file.items) {
      if (item.kind === "sleep") {
        await new Promise((r) => setTimeout(r, item.ms));
        continue;
      }
      const [r, f] = await Promise.all([redis.conn(item.conn), ferrous.conn(item.conn)]);
      if (r.hello !== f.hello) note({ ...item, text: "(HELLO 3 on connect)" }, r.hello!, f.hello!);
      if (item.kind !== "read") {
        const bytes = payload(item);
        r.c.send(bytes);
        f.c.send(bytes);
      }
      if (item.compare === "noreply") continue;
      let [rr, fr] = await Promise.all([read(r.c), read(f.c)]);
      const isHello = item.kind === "command" && item.argv![0].toUpperCase() === "HELLO";
      if (isHello) {
        rr = maskHelloId(rr);
        fr = maskHelloId(fr);
      }
      if (!sameReply(rr, fr, item.compare)) note(item, rr, fr);
      // A server closes right after the reply; give the other one time to do the same.
      const mayClose = item.kind === "raw" ||
        (item.kind === "command" && item.argv![0].toUpperCase() === "QUIT");
      let [rc, fc] = await Promise.all([
        r.c.closesWithin(mayClose ? FIRST_CLOSE_MS : 0),
        f.c.closesWithin(mayClose ? FIRST_CLOSE_MS : 0),
      ]);
      if (rc !== fc) {
        [rc, fc] = await Promise.all([
          r.c.closesWithin(CLOSE_WAIT_MS),
          f.c.closesWithin(CLOSE_WAIT_MS),
        ]);
      }
      if (rc !== fc) {
        note(
          item,
          rc ? "<closed the connection>" : "<kept it open>",
          fc ? "<closed>" : "<kept it open>",
        );
      }
    }
  } finally {
    redis.close();
    ferrous.close();
  }
  return diffs;
}

/** A readable report of differences. */
export function formatDifferences(file: CaseFile, protocol: 2 | 3, diffs: Difference[]): string {
  const shown = diffs.slice(0, 30).map((d) =>
    `${file.name}:${d.line} (RESP${protocol}) ${d.text}\n` +
    `    redis-server: ${show(d.redis.slice(0, 600))}\n` +
    `    ferrous:      ${show(d.ferrous.slice(0, 600))}`
  );
  const more = diffs.length > 30 ? `\n... and ${diffs.length - 30} more` : "";
  return `${diffs.length} difference(s):\n` + shown.join("\n") + more;
}
