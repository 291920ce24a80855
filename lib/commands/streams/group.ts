/** XGROUP CREATE / SETID / DESTROY / CREATECONSUMER / DELCONSUMER / HELP (Redis's xgroupCommand). */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { fail } from "../../core/errors.ts";
import { NOTIFY_STREAM } from "../../config/notify-flags.ts";
import type { ConsumerGroup } from "../../store/types/stream-group.ts";
import { INVALID_ENTRIES_READ } from "../../store/types/stream-group.ts";
import { StreamId } from "../../store/types/stream-id.ts";
import { StreamValue } from "../../store/types/stream.ts";
import { replyHelp } from "../server/help.ts";
import { addKey } from "../keyspace/common.ts";
import {
  cstr,
  is,
  lookupStream,
  parseId,
  parseLongLongExact,
  parseStrictId,
  subcommandSyntaxError,
} from "./args.ts";

interface Target {
  s: StreamValue | undefined;
  g: ConsumerGroup | undefined;
  mkstream: boolean;
  entriesRead: number | bigint;
}

/** The checks common to the subcommands with a key (the first half of xgroupCommand). */
function prepare(c: Client, argv: string[]): Target {
  const sub = argv[1];
  const create = is(sub, "create");
  const setid = is(sub, "setid");
  const t: Target = {
    s: undefined,
    g: undefined,
    mkstream: false,
    entriesRead: INVALID_ENTRIES_READ,
  };
  let i = 5;
  while (i < argv.length) {
    if (create && is(argv[i], "mkstream")) {
      t.mkstream = true;
      i++;
    } else if ((create || setid) && is(argv[i], "entriesread") && i + 1 < argv.length) {
      t.entriesRead = parseLongLongExact(argv[i + 1]);
      if (t.entriesRead < 0 && t.entriesRead !== INVALID_ENTRIES_READ) {
        fail("ERR value for ENTRIESREAD must be positive or -1");
      }
      i += 2;
    } else fail(subcommandSyntaxError(argv));
  }
  t.s = lookupStream(c, argv[2], false);
  if (!t.mkstream) {
    if (t.s === undefined) {
      fail(
        "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.",
      );
    }
    t.g = t.s.group(argv[3]);
    if (t.g === undefined && (setid || is(sub, "createconsumer") || is(sub, "delconsumer"))) {
      fail(
        "NOGROUP No such consumer group '" + cstr(argv[3]) + "' for key name '" + cstr(argv[2]) +
          "'",
      );
    }
  }
  return t;
}

const KEY = [singleKey(["RW", "INSERT"], 2)];

const HELP = [
  "CREATE <key> <groupname> <id|$> [option]",
  "    Create a new consumer group. Options are:",
  "    * MKSTREAM",
  "      Create the empty stream if it does not exist.",
  "    * ENTRIESREAD entries_read",
  "      Set the group's entries_read counter (internal use).",
  "CREATECONSUMER <key> <groupname> <consumer>",
  "    Create a new consumer in the specified group.",
  "DELCONSUMER <key> <groupname> <consumer>",
  "    Remove the specified consumer.",
  "DESTROY <key> <groupname>",
  "    Remove the specified group.",
  "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
  "    Set the current group ID and entries_read counter.",
];

export const xgroup: CommandDefinition = {
  name: "xgroup",
  arity: -2,
  docs: {
    summary: "A container for consumer groups commands",
    since: "5.0.0",
    group: "stream",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    {
      name: "create",
      arity: -5,
      flags: ["write", "denyoom"],
      acl: ["stream"],
      keys: KEY,
      docs: {
        summary: "Create a consumer group.",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key groupname <id | $> [MKSTREAM] [ENTRIESREAD entries_read]",
        history: [["7.0.0", "Added the `entries_read` named argument."]],
      },
      handler(c, argv) {
        const t = prepare(c, argv);
        if (argv.length > 8) return c.reply.error(subcommandSyntaxError(argv));
        let id: StreamId;
        if (argv[4] === "$") id = t.s !== undefined ? t.s.lastId.clone() : new StreamId();
        else id = parseStrictId(argv[4]);
        const engine = c.engine;
        const key = argv[2];
        let s = t.s;
        if (s === undefined) {
          s = new StreamValue();
          addKey(engine, c.db, key, s);
          engine.keyModified(c.db, key);
        }
        if (s.createGroup(argv[3], id, t.entriesRead) === undefined) {
          return c.reply.error("BUSYGROUP Consumer Group name already exists");
        }
        c.reply.ok();
        engine.dirty++;
        engine.notify(NOTIFY_STREAM, "xgroup-create", key, c.db.id);
      },
    },
    {
      name: "setid",
      arity: -5,
      flags: ["write"],
      acl: ["stream"],
      keys: [singleKey(["RW", "UPDATE"], 2)],
      docs: {
        summary: "Set a consumer group to an arbitrary last delivered ID value.",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key groupname <id | $> [ENTRIESREAD entries_read]",
        history: [["7.0.0", "Added the optional `entries_read` argument."]],
      },
      handler(c, argv) {
        const t = prepare(c, argv);
        if (argv.length !== 5 && argv.length !== 7) {
          return c.reply.error(subcommandSyntaxError(argv));
        }
        const s = t.s!;
        const g = t.g!;
        const id = argv[4] === "$" ? s.lastId.clone() : parseId(argv[4], "zero");
        g.lastId = id;
        g.entriesRead = t.entriesRead;
        c.reply.ok();
        c.engine.dirty++;
        c.engine.notify(NOTIFY_STREAM, "xgroup-setid", argv[2], c.db.id);
      },
    },
    {
      name: "destroy",
      arity: 4,
      flags: ["write"],
      acl: ["stream"],
      keys: [singleKey(["RW", "DELETE"], 2)],
      docs: {
        summary: "Destroy a consumer group.",
        since: "5.0.0",
        group: "stream",
        complexity:
          "O(N) where N is the number of entries in the group's pending entries list (PEL).",
        syntax: "key groupname",
      },
      handler(c, argv) {
        const t = prepare(c, argv);
        if (t.g === undefined) return c.reply.int(0);
        t.s!.groups!.delete(argv[3]);
        c.reply.int(1);
        const engine = c.engine;
        engine.dirty++;
        engine.notify(NOTIFY_STREAM, "xgroup-destroy", argv[2], c.db.id);
        // Readers blocked on the group learn it is gone (NOGROUP).
        engine.keyReady(c.db, argv[2]);
      },
    },
    {
      name: "createconsumer",
      arity: 5,
      flags: ["write", "denyoom"],
      acl: ["stream"],
      keys: KEY,
      docs: {
        summary: "Create a consumer in a consumer group.",
        since: "6.2.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key groupname consumername",
      },
      handler(c, argv) {
        const t = prepare(c, argv);
        const created = t.g!.createConsumer(argv[4], c.engine.now());
        if (created !== undefined) {
          c.engine.dirty++;
          c.engine.notify(NOTIFY_STREAM, "xgroup-createconsumer", argv[2], c.db.id);
        }
        c.reply.int(created !== undefined ? 1 : 0);
      },
    },
    {
      name: "delconsumer",
      arity: 5,
      flags: ["write"],
      acl: ["stream"],
      keys: [singleKey(["RW", "DELETE"], 2)],
      docs: {
        summary: "Delete a consumer from a consumer group.",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
        syntax: "key groupname consumername",
      },
      handler(c, argv) {
        const t = prepare(c, argv);
        const g = t.g!;
        const consumer = g.consumers.get(argv[4]);
        let pending = 0;
        if (consumer !== undefined) {
          pending = consumer.pel.size;
          g.deleteConsumer(consumer);
          c.engine.dirty++;
          c.engine.notify(NOTIFY_STREAM, "xgroup-delconsumer", argv[2], c.db.id);
        }
        c.reply.int(pending);
      },
    },
    {
      name: "help",
      arity: 2,
      flags: ["loading", "stale"],
      acl: ["stream"],
      docs: {
        summary: "Show helpful text about the different subcommands",
        since: "5.0.0",
        group: "stream",
        complexity: "O(1)",
      },
      handler(c, argv) {
        replyHelp(c, argv[0], HELP);
      },
    },
  ],
};
