/**
 * The master side of replication, as far as a full resynchronization goes:
 * REPLCONF (a replica's options), SYNC and PSYNC (send it a snapshot).
 *
 * SYNC and PSYNC answer as Redis 7.0's syncCommand does for a full resync:
 * PSYNC first says `+FULLRESYNC <replid> <offset>` (there is no backlog, so
 * a partial resync is never possible), then the RDB snapshot follows as a
 * bulk without a trailing CRLF: `$<len>\r\n<rdb>`, or, when the replica
 * announced `REPLCONF capa eof` and `repl-diskless-sync` is on (or it asked
 * for a filtered RDB), the diskless form `$EOF:<40 random chars>\r\n<rdb><the
 * same 40 chars>`. Redis waits `repl-diskless-sync-delay` seconds for more
 * replicas before a diskless transfer; with no fork to share, Ferrous sends
 * at once. The snapshot is made synchronously (lib/persistence/rdb).
 *
 * A replica that said `REPLCONF rdb-only 1` (redis-cli --rdb, --functions-rdb)
 * is disconnected once the payload is out. Any other replica stays
 * connected and flagged as one, but gets nothing more: streaming the
 * commands that follow the snapshot (the replication stream, REPLCONF ACK
 * offsets, backlog, the master's PINGs) is a later step, so such a replica's
 * data goes stale, and a real redis-server replica, hearing nothing for
 * `repl-timeout` seconds, reconnects and syncs in full again.
 *
 * In-process clients are refused: the snapshot is not a RESP reply that the
 * in-process API could decode.
 *
 * @module
 */
import { type Client, CLIENT_CLOSE_AFTER_REPLY, CLIENT_REPLICA } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import type { Engine } from "../../core/engine.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX } from "../../core/errors.ts";
import { rdbChunks, type RdbOptions } from "../../persistence/rdb/encode-db.ts";
import { splitInlineArgs } from "../../resp/inline.ts";
import { idleTimeMs, isLfuPolicy, lfuFrequency } from "../../store/object-info.ts";
import { newReplicationId, serverState, usedMemory } from "../../server/info.ts";
import { REDIS_VERSION } from "../../version.ts";
import { parseInt64, toInt64 } from "../parse.ts";

/** SLAVE_CAPA_EOF: the replica reads the `$EOF:` diskless form. */
const CAPA_EOF = 1;
/** SLAVE_CAPA_PSYNC2: the replica understands `+CONTINUE <replid>`. */
const CAPA_PSYNC2 = 2;
/** SLAVE_REQ_RDB_EXCLUDE_DATA / _FUNCTIONS (REPLCONF rdb-filter-only). */
const REQ_EXCLUDE_DATA = 1;
const REQ_EXCLUDE_FUNCTIONS = 2;
const REQ_RDB_MASK = REQ_EXCLUDE_DATA | REQ_EXCLUDE_FUNCTIONS;
/** NET_HOST_STR_LEN: REPLCONF ip-address must be shorter. */
const NET_HOST_STR_LEN = 256;
/** RDB_EOF_MARK_SIZE. */
const EOF_MARK_SIZE = 40;

/** What a client told with REPLCONF (Redis's slave_* client fields). */
interface ReplicaInfo {
  capa: number;
  req: number;
  rdbOnly: boolean;
  listeningPort: number;
  ipAddress: string;
  ackOffset: number | bigint;
  ackTime: number;
}

/** The client's replication info, created on first use (kept in `client.ext`). */
function replicaInfo(c: Client): ReplicaInfo {
  let info = c.ext.replication as ReplicaInfo | undefined;
  if (info === undefined) {
    info = {
      capa: 0,
      req: 0,
      rdbOnly: false,
      listeningPort: 0,
      ipAddress: "",
      ackOffset: 0,
      ackTime: 0,
    };
    c.ext.replication = info;
  }
  return info;
}

/** How logs name a replica (replicationGetSlaveName). */
function replicaName(c: Client, info: ReplicaInfo): string {
  let addr = info.ipAddress;
  if (addr === "" && c.origin.addr !== "") {
    const colon = c.origin.addr.lastIndexOf(":");
    addr = colon < 0 ? c.origin.addr : c.origin.addr.slice(0, colon);
  }
  if (addr === "") return "client id #" + c.id;
  if (info.listeningPort === 0) return addr + ":<unknown-replica-port>";
  return addr.includes(":")
    ? "[" + addr + "]:" + info.listeningPort
    : addr + ":" + info.listeningPort;
}

export const replconf: CommandDefinition = {
  name: "replconf",
  arity: -1,
  flags: ["admin", "noscript", "loading", "stale", "allow_busy"],
  docs: {
    summary: "An internal command for configuring the replication stream",
    since: "3.0.0",
    group: "server",
    complexity: "O(1)",
    docFlags: ["syscmd"],
  },
  handler(c, argv) {
    // Every option needs a value.
    if (argv.length % 2 === 0) return c.reply.error(ERR_SYNTAX);
    const info = replicaInfo(c);
    for (let j = 1; j < argv.length; j += 2) {
      const opt = argv[j].toLowerCase();
      const arg = argv[j + 1];
      if (opt === "listening-port") {
        info.listeningPort = Number(parseInt64(arg));
      } else if (opt === "ip-address") {
        if (arg.length >= NET_HOST_STR_LEN) {
          return c.reply.error(
            "ERR REPLCONF ip-address provided by replica instance is too long: " + arg.length +
              " bytes",
          );
        }
        info.ipAddress = arg;
      } else if (opt === "capa") {
        // Capabilities this master does not know are ignored.
        const capa = arg.toLowerCase();
        if (capa === "eof") info.capa |= CAPA_EOF;
        else if (capa === "psync2") info.capa |= CAPA_PSYNC2;
      } else if (opt === "ack") {
        // A replica's processed offset: never answered, and only replicas may send it.
        if ((c.flags & CLIENT_REPLICA) === 0) return;
        const offset = toInt64(arg);
        if (offset === undefined) return;
        if (offset > info.ackOffset) info.ackOffset = offset;
        info.ackTime = Math.floor(c.engine.now() / 1000);
        return;
      } else if (opt === "getack") {
        // A master asking its replica for an ACK; this server is never a connected replica.
        return;
      } else if (opt === "rdb-only") {
        const v = parseInt64(arg);
        if (v < 0 || v > 1) {
          return c.reply.error("ERR value is out of range, value must between 0 and 1");
        }
        info.rdbOnly = v == 1;
      } else if (opt === "rdb-filter-only") {
        const filters = splitInlineArgs(arg);
        if (filters === null) return c.reply.error("ERR Missing rdb-filter-only values");
        // Everything is filtered out unless included.
        info.req |= REQ_EXCLUDE_DATA | REQ_EXCLUDE_FUNCTIONS;
        for (const f of filters) {
          if (f.toLowerCase() === "functions") info.req &= ~REQ_EXCLUDE_FUNCTIONS;
          else return c.reply.error("ERR Unsupported rdb-filter-only option: " + f);
        }
      } else {
        return c.reply.error("ERR Unrecognized REPLCONF option: " + argv[j]);
      }
    }
    c.reply.ok();
  },
};

/** The options of a replica's snapshot (rdbSaveRio with the replication aux fields). */
function snapshotOptions(engine: Engine, req: number): RdbOptions {
  const s = engine.config.settings;
  const options: RdbOptions = {
    limits: engine.encodingLimits,
    redisVersion: REDIS_VERSION,
    ctime: Math.floor(engine.now() / 1000),
    usedMem: usedMemory(),
    replication: { streamDb: 0, replId: serverState(engine).replId, offset: 0 },
    checksum: s.rdbchecksum,
    includeData: (req & REQ_EXCLUDE_DATA) === 0,
    // FUNCTION LOAD is not there yet: no libraries to save.
    functions: [],
  };
  const policy = s.maxmemoryPolicy;
  const dbs = engine.dbs;
  if (isLfuPolicy(policy)) {
    options.access = {
      kind: "lfu",
      get: (db, key) => lfuFrequency(dbs[db.id], key, engine.now(), s.lfuDecayTime) ?? 0,
    };
  } else if (policy.endsWith("lru")) {
    options.access = {
      kind: "lru",
      get: (db, key) => Math.floor((idleTimeMs(dbs[db.id], key, engine.now()) ?? 0) / 1000),
    };
  }
  return options;
}

/** SYNC and PSYNC (Redis's syncCommand, full resynchronization only). */
function syncHandler(c: Client, argv: string[]): void {
  // A replica asking again is ignored, as in Redis.
  if (c.flags & CLIENT_REPLICA) return;
  const engine = c.engine;
  const psync = argv[0].toLowerCase() === "psync";
  if (psync && argv.length > 3 && argv[3].toLowerCase() === "failover") {
    return c.reply.error("ERR PSYNC FAILOVER can't be sent to a master.");
  }
  // The snapshot is not a RESP reply: an in-process caller could not read it.
  if (c.origin.fd < 0) {
    return c.reply.error(
      "ERR SYNC and PSYNC need a connection: an in-process client cannot be a replica",
    );
  }
  if (c.reply.len > 0) return c.reply.error("ERR SYNC and PSYNC are invalid with pending output");
  const info = replicaInfo(c);
  if (info.req & REQ_RDB_MASK && (info.capa & CAPA_EOF) === 0) {
    return c.reply.error("ERR Filtered replica requires EOF capability");
  }
  const name = replicaName(c, info);
  engine.log("notice", "Replica " + name + " asks for synchronization");
  const state = serverState(engine);
  if (psync) {
    if (toInt64(argv[2]) === undefined) {
      engine.log(
        "warning",
        "Replica " + name + " asks for synchronization but with a wrong offset",
      );
      return c.reply.error(ERR_NOT_INTEGER);
    }
    if (argv[1] === "?") engine.log("notice", "Full resync requested by replica " + name);
    else if (argv[1] === state.replId) {
      engine.log(
        "notice",
        "Unable to partial resync with replica " + name +
          " for lack of backlog (Replica request was: " + argv[2] + ").",
      );
    } else {
      engine.log(
        "notice",
        "Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '" +
          argv[1] + "', my replication IDs are '" + state.replId + "' and '" + state.replId2 +
          "')",
      );
    }
  }
  c.flags |= CLIENT_REPLICA;
  const socketTarget =
    (engine.config.settings.replDisklessSync || (info.req & REQ_RDB_MASK) !== 0) &&
    (info.capa & CAPA_EOF) !== 0;
  engine.log(
    "notice",
    "Starting BGSAVE for SYNC with target: " + (socketTarget ? "replicas sockets" : "disk"),
  );
  const reply = c.reply;
  if (psync) reply.rawString("+FULLRESYNC " + state.replId + " 0\r\n");
  const chunks = [...rdbChunks(engine.dbs, snapshotOptions(engine, info.req))];
  if (socketTarget) {
    const mark = newReplicationId().slice(0, EOF_MARK_SIZE);
    reply.rawString("$EOF:" + mark + "\r\n");
    for (const chunk of chunks) reply.raw(chunk);
    reply.rawString(mark);
  } else {
    let total = 0;
    for (const chunk of chunks) total += chunk.length;
    reply.rawString("$" + total + "\r\n");
    for (const chunk of chunks) reply.raw(chunk);
  }
  if (info.rdbOnly) {
    engine.log(
      "notice",
      "RDB transfer completed, rdb only replica (" + name + ") should be disconnected asap",
    );
    c.flags |= CLIENT_CLOSE_AFTER_REPLY;
  } else {
    // Not streaming the commands that follow yet (see the module notes).
    engine.log("notice", "Synchronization with replica " + name + " succeeded");
  }
}

export const sync: CommandDefinition = {
  name: "sync",
  arity: 1,
  flags: ["no_async_loading", "admin", "no_multi", "noscript"],
  docs: {
    summary: "Internal command used for replication",
    since: "1.0.0",
    group: "server",
  },
  handler: syncHandler,
};

export const psync: CommandDefinition = {
  name: "psync",
  arity: -3,
  flags: ["no_async_loading", "admin", "no_multi", "noscript"],
  docs: {
    summary: "Internal command used for replication",
    since: "2.8.0",
    group: "server",
    syntax: "replicationid offset",
  },
  handler: syncHandler,
};
