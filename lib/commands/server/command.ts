/** COMMAND and its subcommands (COUNT, LIST, INFO, DOCS, GETKEYS, GETKEYSANDFLAGS, HELP). */
import type { Client } from "../../core/client.ts";
import {
  ACL_CATEGORIES,
  type Command,
  type CommandDefinition,
  type CommandFlag,
  type KeySpec,
  type KeySpecFlag,
} from "../../core/command.ts";
import { type DocArg, parseDocsSyntax } from "../../core/command-docs.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import type { ReplyWriter } from "../../resp/writer.ts";
import { globMatch } from "../../store/glob.ts";
import { commandHasKeys, commandKeys } from "./command-keys.ts";
import { replyHelp } from "./help.ts";

/** Command flags COMMAND INFO shows, in Redis's order (may_replicate, sentinel, only_sentinel and protected are hidden). */
const SHOWN_FLAGS: CommandFlag[] = [
  "write",
  "readonly",
  "denyoom",
  "module",
  "admin",
  "pubsub",
  "noscript",
  "blocking",
  "loading",
  "stale",
  "skip_monitor",
  "skip_slowlog",
  "asking",
  "fast",
  "no_auth",
  "no_mandatory_keys",
  "no_async_loading",
  "no_multi",
  "movablekeys",
  "allow_busy",
];

const KEY_FLAG_NAMES: Array<[KeySpecFlag, string]> = [
  ["RO", "RO"],
  ["RW", "RW"],
  ["OW", "OW"],
  ["RM", "RM"],
  ["ACCESS", "access"],
  ["UPDATE", "update"],
  ["INSERT", "insert"],
  ["DELETE", "delete"],
  ["NOT_KEY", "not_key"],
  ["INCOMPLETE", "incomplete"],
  ["VARIABLE_FLAGS", "variable_flags"],
];

/** A set of status strings (how Redis replies flag lists). */
function statusSet(r: ReplyWriter, items: string[]): void {
  r.setLen(items.length);
  for (const s of items) r.simple(s);
}

/** Key spec flags as COMMAND INFO and GETKEYSANDFLAGS print them. */
export function replyKeyFlags(r: ReplyWriter, flags: readonly KeySpecFlag[]): void {
  statusSet(r, KEY_FLAG_NAMES.filter(([f]) => flags.includes(f)).map(([, n]) => n));
}

function replyKeySpec(r: ReplyWriter, spec: KeySpec): void {
  r.mapLen(spec.notes !== undefined ? 4 : 3);
  if (spec.notes !== undefined) {
    r.bulk("notes");
    r.bulk(spec.notes);
  }
  r.bulk("flags");
  replyKeyFlags(r, spec.flags);
  r.bulk("begin_search");
  r.mapLen(2);
  r.bulk("type");
  const b = spec.begin;
  if ("index" in b) {
    r.bulk("index");
    r.bulk("spec");
    r.mapLen(1);
    r.bulk("index");
    r.int(b.index);
  } else if ("keyword" in b) {
    r.bulk("keyword");
    r.bulk("spec");
    r.mapLen(2);
    r.bulk("keyword");
    r.bulk(b.keyword);
    r.bulk("startfrom");
    r.int(b.startfrom);
  } else {
    r.bulk("unknown");
    r.bulk("spec");
    r.mapLen(0);
  }
  r.bulk("find_keys");
  r.mapLen(2);
  r.bulk("type");
  const f = spec.find;
  if ("range" in f) {
    r.bulk("range");
    r.bulk("spec");
    r.mapLen(3);
    r.bulk("lastkey");
    r.int(f.range.lastkey);
    r.bulk("keystep");
    r.int(f.range.step);
    r.bulk("limit");
    r.int(f.range.limit);
  } else if ("keynum" in f) {
    r.bulk("keynum");
    r.bulk("spec");
    r.mapLen(3);
    r.bulk("keynumidx");
    r.int(f.keynum.keynumidx);
    r.bulk("firstkey");
    r.int(f.keynum.firstkey);
    r.bulk("keystep");
    r.int(f.keynum.step);
  } else {
    r.bulk("unknown");
    r.bulk("spec");
    r.mapLen(0);
  }
}

/** One command's COMMAND INFO entry (null for an unknown command). */
export function replyCommandInfo(r: ReplyWriter, cmd: Command | undefined): void {
  if (cmd === undefined) {
    r.nullBulk();
    return;
  }
  r.arrayLen(10);
  r.bulk(cmd.fullName);
  r.int(cmd.arity);
  statusSet(r, SHOWN_FLAGS.filter((f) => cmd.flags.has(f)));
  r.int(cmd.firstKey);
  r.int(cmd.lastKey);
  r.int(cmd.keyStep);
  statusSet(
    r,
    (ACL_CATEGORIES as readonly string[]).filter((c) => cmd.acl.includes(c)).map((c) => "@" + c),
  );
  r.setLen(cmd.tips.length);
  for (const t of cmd.tips) r.bulk(t);
  r.setLen(cmd.keys.length);
  for (const spec of cmd.keys) replyKeySpec(r, spec);
  if (cmd.subcommands === undefined) r.setLen(0);
  else {
    r.arrayLen(cmd.subcommands.size);
    for (const sub of cmd.subcommands.values()) replyCommandInfo(r, sub);
  }
}

const docArgsCache = new WeakMap<Command, DocArg[]>();

function docArgs(cmd: Command): DocArg[] {
  let args = docArgsCache.get(cmd);
  if (args === undefined) {
    const syntax = cmd.docs.syntax;
    args = syntax ? parseDocsSyntax(syntax, cmd.keys.length) : [];
    docArgsCache.set(cmd, args);
  }
  return args;
}

function replyDocArgs(r: ReplyWriter, args: DocArg[]): void {
  r.arrayLen(args.length);
  for (const a of args) {
    const flags: string[] = [];
    if (a.optional) flags.push("optional");
    if (a.multiple) flags.push("multiple");
    if (a.multipleToken) flags.push("multiple_token");
    const nested = a.type === "oneof" || a.type === "block";
    r.mapLen(
      2 + (a.keySpecIndex !== undefined ? 1 : 0) + (a.token !== undefined ? 1 : 0) +
        (flags.length > 0 ? 1 : 0) + (nested ? 1 : 0),
    );
    r.bulk("name");
    r.bulk(a.name);
    r.bulk("type");
    r.bulk(a.type);
    if (a.keySpecIndex !== undefined) {
      r.bulk("key_spec_index");
      r.int(a.keySpecIndex);
    }
    if (a.token !== undefined) {
      r.bulk("token");
      r.bulk(a.token);
    }
    if (flags.length > 0) {
      r.bulk("flags");
      statusSet(r, flags);
    }
    if (nested) {
      r.bulk("arguments");
      replyDocArgs(r, a.args ?? []);
    }
  }
}

/** One command's COMMAND DOCS map. */
export function replyCommandDocs(r: ReplyWriter, cmd: Command): void {
  const d = cmd.docs;
  const args = docArgs(cmd);
  const docFlags = d.docFlags ?? [];
  const history = d.history !== undefined && d.history.length > 0 ? d.history : undefined;
  const fields = [
    d.summary,
    d.since,
    d.complexity,
    docFlags.length > 0,
    d.deprecatedSince,
    d.replacedBy,
    history,
    args.length > 0,
    cmd.subcommands,
  ];
  // The group is always there.
  r.mapLen(1 + fields.filter((f) => f).length);
  if (d.summary) {
    r.bulk("summary");
    r.bulk(d.summary);
  }
  if (d.since) {
    r.bulk("since");
    r.bulk(d.since);
  }
  r.bulk("group");
  r.bulk(d.group);
  if (d.complexity) {
    r.bulk("complexity");
    r.bulk(d.complexity);
  }
  if (docFlags.length > 0) {
    r.bulk("doc_flags");
    statusSet(r, (["deprecated", "syscmd"] as const).filter((f) => docFlags.includes(f)));
  }
  if (d.deprecatedSince) {
    r.bulk("deprecated_since");
    r.bulk(d.deprecatedSince);
  }
  if (d.replacedBy) {
    r.bulk("replaced_by");
    r.bulk(d.replacedBy);
  }
  if (history) {
    r.bulk("history");
    r.setLen(history.length);
    for (const [since, change] of history) {
      r.arrayLen(2);
      r.bulk(since);
      r.bulk(change);
    }
  }
  if (args.length > 0) {
    r.bulk("arguments");
    replyDocArgs(r, args);
  }
  if (cmd.subcommands) {
    r.bulk("subcommands");
    r.mapLen(cmd.subcommands.size);
    for (const sub of cmd.subcommands.values()) {
      r.bulk(sub.fullName);
      replyCommandDocs(r, sub);
    }
  }
}

/** Redis's lookupCommandBySds: `name` or `container|sub`, case-insensitive. */
export function lookupByFullName(c: Client, name: string): Command | undefined {
  const parts = name.split("|");
  if (parts.length > 2) return undefined;
  const base = c.engine.commands.get(parts[0]);
  if (base === undefined || parts.length === 1) return base;
  return base.subcommands?.get(parts[1].toLowerCase());
}

/** Redis's lookupCommand on an argv: a container with arguments resolves to its subcommand. */
function lookupArgv(c: Client, argv: string[]): Command | undefined {
  const base = c.engine.commands.get(argv[0]);
  if (base === undefined || base.subcommands === undefined || argv.length === 1) return base;
  return base.subcommands.get(argv[1].toLowerCase());
}

function allCommands(c: Client): readonly Command[] {
  return c.engine.commandList;
}

function replyAllInfo(c: Client): void {
  const list = allCommands(c);
  c.reply.arrayLen(list.length);
  for (const cmd of list) replyCommandInfo(c.reply, cmd);
}

function getKeys(c: Client, argv: string[], withFlags: boolean): void {
  const args = argv.slice(2);
  const cmd = lookupArgv(c, args);
  const r = c.reply;
  if (cmd === undefined) return r.error("ERR Invalid command specified");
  if (!commandHasKeys(cmd)) return r.error("ERR The command has no key arguments");
  if ((cmd.arity > 0 && cmd.arity !== args.length) || args.length < -cmd.arity) {
    return r.error("ERR Invalid number of arguments specified for command");
  }
  const keys = commandKeys(cmd, args);
  if (keys.length === 0) {
    if (cmd.flags.has("no_mandatory_keys")) return r.arrayLen(0);
    return r.error("ERR Invalid arguments specified for command");
  }
  r.arrayLen(keys.length);
  for (const k of keys) {
    if (!withFlags) r.bulk(args[k.pos]);
    else {
      r.arrayLen(2);
      r.bulk(args[k.pos]);
      replyKeyFlags(r, k.flags);
    }
  }
}

type Filter = (cmd: Command) => boolean;

function listFilter(kind: string, arg: string): Filter | undefined {
  switch (kind.toLowerCase()) {
    case "module":
      // No module commands exist in Ferrous.
      return () => false;
    case "aclcat": {
      const cat = arg.toLowerCase();
      if (!(ACL_CATEGORIES as readonly string[]).includes(cat)) return () => false;
      return (cmd) => cmd.acl.includes(cat);
    }
    case "pattern":
      return (cmd) => globMatch(arg, cmd.fullName, true);
    default:
      return undefined;
  }
}

function collect(cmds: Iterable<Command>, filter: Filter | undefined, out: string[]): void {
  for (const cmd of cmds) {
    if (filter === undefined || filter(cmd)) out.push(cmd.fullName);
    if (cmd.subcommands) collect(cmd.subcommands.values(), filter, out);
  }
}

const SUBCOMMAND_BASE = {
  flags: ["loading", "stale", "sentinel"] as CommandFlag[],
  acl: ["connection"],
};

export const command: CommandDefinition = {
  name: "command",
  arity: -1,
  ...SUBCOMMAND_BASE,
  tips: ["nondeterministic_output_order"],
  docs: {
    summary: "Get array of Redis command details",
    since: "2.8.13",
    group: "server",
    complexity: "O(N) where N is the total number of Redis commands",
  },
  handler(c) {
    replyAllInfo(c);
  },
  subcommands: [
    {
      name: "count",
      arity: 2,
      ...SUBCOMMAND_BASE,
      docs: {
        summary: "Get total number of Redis commands",
        since: "2.8.13",
        group: "server",
        complexity: "O(1)",
      },
      handler(c) {
        c.reply.int(allCommands(c).length);
      },
    },
    {
      name: "docs",
      arity: -2,
      ...SUBCOMMAND_BASE,
      tips: ["nondeterministic_output_order"],
      docs: {
        summary: "Get array of specific Redis command documentation",
        since: "7.0.0",
        group: "server",
        complexity: "O(N) where N is the number of commands to look up",
        syntax: "[command-name [command-name ...]]",
      },
      handler(c, argv) {
        const r = c.reply;
        if (argv.length === 2) {
          const list = allCommands(c);
          r.mapLen(list.length);
          for (const cmd of list) {
            r.bulk(cmd.fullName);
            replyCommandDocs(r, cmd);
          }
          return;
        }
        const mark = r.beginDeferred();
        let n = 0;
        for (let i = 2; i < argv.length; i++) {
          const cmd = lookupByFullName(c, argv[i]);
          if (cmd === undefined) continue;
          r.bulk(cmd.fullName);
          replyCommandDocs(r, cmd);
          n++;
        }
        r.endDeferred(mark, n, "map");
      },
    },
    {
      name: "getkeys",
      arity: -4,
      ...SUBCOMMAND_BASE,
      docs: {
        summary: "Extract keys given a full Redis command",
        since: "2.8.13",
        group: "server",
        complexity: "O(N) where N is the number of arguments to the command",
        syntax: "command [arg [arg ...]]",
      },
      handler(c, argv) {
        getKeys(c, argv, false);
      },
    },
    {
      name: "getkeysandflags",
      arity: -4,
      ...SUBCOMMAND_BASE,
      docs: {
        summary: "Extract keys and access flags given a full Redis command",
        since: "7.0.0",
        group: "server",
        complexity: "O(N) where N is the number of arguments to the command",
        syntax: "command [arg [arg ...]]",
      },
      handler(c, argv) {
        getKeys(c, argv, true);
      },
    },
    {
      name: "help",
      arity: 2,
      ...SUBCOMMAND_BASE,
      docs: {
        summary: "Show helpful text about the different subcommands",
        since: "5.0.0",
        group: "server",
        complexity: "O(1)",
      },
      handler(c, argv) {
        replyHelp(c, argv[0], [
          "(no subcommand)",
          "    Return details about all Redis commands.",
          "COUNT",
          "    Return the total number of commands in this Redis server.",
          "LIST",
          "    Return a list of all commands in this Redis server.",
          "INFO [<command-name> ...]",
          "    Return details about multiple Redis commands.",
          "    If no command names are given, documentation details for all",
          "    commands are returned.",
          "DOCS [<command-name> ...]",
          "    Return documentation details about multiple Redis commands.",
          "    If no command names are given, documentation details for all",
          "    commands are returned.",
          "GETKEYS <full-command>",
          "    Return the keys from a full Redis command.",
          "GETKEYSANDFLAGS <full-command>",
          "    Return the keys and the access flags from a full Redis command.",
        ]);
      },
    },
    {
      name: "info",
      arity: -2,
      ...SUBCOMMAND_BASE,
      tips: ["nondeterministic_output_order"],
      docs: {
        summary: "Get array of specific Redis command details, or all when no argument is given.",
        since: "2.8.13",
        group: "server",
        complexity: "O(N) where N is the number of commands to look up",
        syntax: "[command-name [command-name ...]]",
        history: [["7.0.0", "Allowed to be called with no argument to get info on all commands."]],
      },
      handler(c, argv) {
        if (argv.length === 2) return replyAllInfo(c);
        c.reply.arrayLen(argv.length - 2);
        for (let i = 2; i < argv.length; i++) {
          replyCommandInfo(c.reply, lookupByFullName(c, argv[i]));
        }
      },
    },
    {
      name: "list",
      arity: -2,
      ...SUBCOMMAND_BASE,
      tips: ["nondeterministic_output_order"],
      docs: {
        summary: "Get an array of Redis command names",
        since: "7.0.0",
        group: "server",
        complexity: "O(N) where N is the total number of Redis commands",
        syntax: "[FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]",
      },
      handler(c, argv) {
        let filter: Filter | undefined;
        for (let i = 2; i < argv.length; i++) {
          const more = argv.length - 1 - i;
          if (argv[i].toLowerCase() === "filterby" && more === 2) {
            filter = listFilter(argv[i + 1], argv[i + 2]);
            if (filter === undefined) return c.reply.error(ERR_SYNTAX);
            i += 2;
          } else return c.reply.error(ERR_SYNTAX);
        }
        const names: string[] = [];
        collect(allCommands(c), filter, names);
        c.reply.bulkArray(names);
      },
    },
  ],
};
