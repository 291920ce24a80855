/**
 * CLIENT: the container and its ID, SETNAME, GETNAME, LIST, INFO, KILL,
 * REPLY, NO-EVICT, SETINFO and HELP subcommands. The tracking, pause and
 * unblock subcommands live in their own files and are listed here.
 *
 * @module
 */
import { type Client, CLIENT_CLOSE_AFTER_REPLY, CLIENT_NO_EVICT } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { replyHelp } from "../server/help.ts";
import { toInt64 } from "../parse.ts";
import { setClientName, validClientName } from "./client-name.ts";
import {
  argvLength,
  clientInfoLine,
  type ClientType,
  clientType,
  clientTypeByName,
} from "./client-info.ts";
import { clientPause, clientUnblock, clientUnpause } from "./client-pause.ts";
import {
  clientCaching,
  clientGetredir,
  clientTracking,
  clientTrackinginfo,
} from "./client-tracking.ts";

const CLIENT_FLAGS: CommandDefinition["flags"] = ["noscript", "loading", "stale", "sentinel"];
const ADMIN_FLAGS: CommandDefinition["flags"] = [
  "admin",
  "noscript",
  "loading",
  "stale",
  "sentinel",
];

const HELP = [
  "CACHING (YES|NO)",
  "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
  "GETREDIR",
  "    Return the client ID we are redirecting to when tracking is enabled.",
  "GETNAME",
  "    Return the name of the current connection.",
  "ID",
  "    Return the ID of the current connection.",
  "INFO",
  "    Return information about the current client connection.",
  "KILL <ip:port>",
  "    Kill connection made from <ip:port>.",
  "KILL <option> <value> [<option> <value> [...]]",
  "    Kill connections. Options are:",
  "    * ADDR (<ip:port>|<unixsocket>:0)",
  "      Kill connections made from the specified address",
  "    * LADDR (<ip:port>|<unixsocket>:0)",
  "      Kill connections made to specified local address",
  "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
  "      Kill connections by type.",
  "    * USER <username>",
  "      Kill connections authenticated by <username>.",
  "    * SKIPME (YES|NO)",
  "      Skip killing current connection (default: yes).",
  "LIST [options ...]",
  "    Return information about client connections. Options:",
  "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
  "      Return clients of specified type.",
  "UNPAUSE",
  "    Stop the current client pause, resuming traffic.",
  "PAUSE <timeout> [WRITE|ALL]",
  "    Suspend all, or just write, clients for <timeout> milliseconds.",
  "REPLY (ON|OFF|SKIP)",
  "    Control the replies sent to the current connection.",
  "SETNAME <name>",
  "    Assign the name <name> to the current connection.",
  "UNBLOCK <clientid> [TIMEOUT|ERROR]",
  "    Unblock the specified blocked client.",
  "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
  "         [OPTIN] [OPTOUT] [NOLOOP]",
  "    Control server assisted client side caching.",
  "TRACKINGINFO",
  "    Report tracking status for the current connection.",
  "NO-EVICT (ON|OFF)",
  "    Protect current client connection from eviction.",
];

export const clientId: CommandDefinition = {
  name: "id",
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Returns the client ID for the current connection",
    since: "5.0.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.int(c.id);
  },
};

export const clientSetname: CommandDefinition = {
  name: "setname",
  arity: 3,
  flags: CLIENT_FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Set the current connection name",
    since: "2.6.9",
    group: "connection",
    complexity: "O(1)",
    syntax: "connection-name",
  },
  handler(c, argv) {
    if (setClientName(c, argv[2])) c.reply.ok();
  },
};

export const clientGetname: CommandDefinition = {
  name: "getname",
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Get the current connection name",
    since: "2.6.9",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c) {
    if (c.name === "") c.reply.nullBulk();
    else c.reply.bulk(c.name);
  },
};

export const clientList: CommandDefinition = {
  name: "list",
  arity: -2,
  flags: ADMIN_FLAGS,
  acl: ["connection"],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Get the list of client connections",
    since: "2.4.0",
    group: "connection",
    complexity: "O(N) where N is the number of client connections",
    syntax: "[TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]",
    history: [
      ["2.8.12", "Added unique client `id` field."],
      ["5.0.0", "Added optional `TYPE` filter."],
      ["6.0.0", "Added `user` field."],
      [
        "6.2.0",
        "Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.",
      ],
      ["7.0.0", "Added `resp`, `multi-mem`, `rbs` and `rbp` fields."],
      ["7.0.3", "Added `ssub` field."],
    ],
  },
  handler(c, argv) {
    const clients = c.engine.clients;
    const line = (cl: Client) => clientInfoLine(cl, cl === c ? argvLength(argv) : 0) + "\n";
    let out = "";
    if (argv.length === 4 && argv[2].toLowerCase() === "type") {
      const type = clientTypeByName(argv[3]);
      if (type === undefined) return c.reply.error("ERR Unknown client type '" + argv[3] + "'");
      for (const cl of clients.values()) if (clientType(cl) === type) out += line(cl);
    } else if (argv.length > 3 && argv[2].toLowerCase() === "id") {
      const ids: number[] = [];
      for (let j = 3; j < argv.length; j++) {
        const id = toInt64(argv[j]);
        if (id === undefined) return c.reply.error("ERR Invalid client ID");
        ids.push(Number(id));
      }
      for (const id of ids) {
        const cl = clients.get(id);
        if (cl !== undefined) out += line(cl);
      }
    } else if (argv.length !== 2) {
      return c.reply.error(ERR_SYNTAX);
    } else {
      for (const cl of clients.values()) out += line(cl);
    }
    c.reply.verbatim(out);
  },
};

export const clientInfo: CommandDefinition = {
  name: "info",
  arity: 2,
  flags: CLIENT_FLAGS,
  acl: ["connection"],
  tips: ["nondeterministic_output"],
  docs: {
    summary: "Returns information about the current client connection.",
    since: "6.2.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c, argv) {
    c.reply.verbatim(clientInfoLine(c, argvLength(argv)) + "\n");
  },
};

/** True when `name` is a user the server knows (the default user, or one a client is logged in as). */
function userExists(c: Client, name: string): boolean {
  if (name === "default") return true;
  for (const cl of c.engine.clients.values()) if (cl.user === name) return true;
  return false;
}

interface KillFilter {
  addr?: string;
  laddr?: string;
  type?: ClientType;
  id?: number;
  user?: string;
  skipme: boolean;
}

/** Parses CLIENT KILL's new-style filters; replies the error and returns undefined when invalid. */
function parseKillFilter(c: Client, argv: string[]): KillFilter | undefined {
  const f: KillFilter = { skipme: true };
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i].toLowerCase();
    if (i + 1 >= argv.length) {
      c.reply.error(ERR_SYNTAX);
      return undefined;
    }
    const val = argv[i + 1];
    if (opt === "id") {
      const id = toInt64(val);
      if (id === undefined || id < 1) {
        c.reply.error("ERR client-id should be greater than 0");
        return undefined;
      }
      f.id = Number(id);
    } else if (opt === "type") {
      f.type = clientTypeByName(val);
      if (f.type === undefined) {
        c.reply.error("ERR Unknown client type '" + val + "'");
        return undefined;
      }
    } else if (opt === "addr") {
      f.addr = val;
    } else if (opt === "laddr") {
      f.laddr = val;
    } else if (opt === "user") {
      if (!userExists(c, val)) {
        c.reply.error("ERR No such user '" + val + "'");
        return undefined;
      }
      f.user = val;
    } else if (opt === "skipme") {
      const v = val.toLowerCase();
      if (v !== "yes" && v !== "no") {
        c.reply.error(ERR_SYNTAX);
        return undefined;
      }
      f.skipme = v === "yes";
    } else {
      c.reply.error(ERR_SYNTAX);
      return undefined;
    }
  }
  return f;
}

/** Disconnects `target` now (its connection closes; it leaves the client list at once). */
export function killClient(target: Client): void {
  const engine = target.engine;
  engine.removeClient(target);
  target.close();
}

export const clientKill: CommandDefinition = {
  name: "kill",
  arity: -3,
  flags: ADMIN_FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Kill the connection of a client",
    since: "2.4.0",
    group: "connection",
    complexity: "O(N) where N is the number of client connections",
    syntax:
      "<ip:port | <[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME yes/no]> [<[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME yes/no]> ...]>",
    history: [
      ["2.8.12", "Added new filter format."],
      ["2.8.12", "`ID` option."],
      ["3.2.0", "Added `master` type in for `TYPE` option."],
      [
        "5.0.0",
        "Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.",
      ],
      ["6.2.0", "`LADDR` option."],
    ],
  },
  handler(c, argv) {
    const oldStyle = argv.length === 3;
    // The old form (CLIENT KILL addr) may kill the caller itself.
    const f: KillFilter | undefined = oldStyle
      ? { addr: argv[2], skipme: false }
      : parseKillFilter(c, argv);
    if (f === undefined) return;
    let killed = 0;
    let killSelf = false;
    for (const cl of [...c.engine.clients.values()]) {
      if (f.addr !== undefined && cl.origin.addr !== f.addr) continue;
      if (f.laddr !== undefined && cl.origin.laddr !== f.laddr) continue;
      if (f.type !== undefined && clientType(cl) !== f.type) continue;
      if (f.id !== undefined && cl.id !== f.id) continue;
      if (f.user !== undefined && cl.user !== f.user) continue;
      if (cl === c && f.skipme) continue;
      if (cl === c) killSelf = true;
      else killClient(cl);
      killed++;
    }
    if (oldStyle) {
      if (killed === 0) c.reply.error("ERR No such client");
      else c.reply.ok();
    } else {
      c.reply.int(killed);
    }
    // The caller goes once its reply is written.
    if (killSelf) c.flags |= CLIENT_CLOSE_AFTER_REPLY;
  },
};

export const clientReply: CommandDefinition = {
  name: "reply",
  arity: 3,
  flags: CLIENT_FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Instruct the server whether to reply to commands",
    since: "3.2.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "<ON | OFF | SKIP>",
  },
  handler(c, argv) {
    const mode = argv[2].toLowerCase();
    if (mode === "on") {
      c.replyMode = "on";
      c.reply.ok();
    } else if (mode === "off") {
      c.replyMode = "off";
    } else if (mode === "skip") {
      // Skips the next command's reply (the engine drops it); no effect while OFF.
      if (c.replyMode !== "off") c.replyMode = "skip";
    } else {
      c.reply.error(ERR_SYNTAX);
    }
  },
};

export const clientNoEvict: CommandDefinition = {
  name: "no-evict",
  arity: 3,
  flags: ADMIN_FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Set client eviction mode for the current connection",
    since: "7.0.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "<ON | OFF>",
  },
  handler(c, argv) {
    const mode = argv[2].toLowerCase();
    if (mode === "on") c.flags |= CLIENT_NO_EVICT;
    else if (mode === "off") c.flags &= ~CLIENT_NO_EVICT;
    else return c.reply.error(ERR_SYNTAX);
    c.reply.ok();
  },
};

/** CLIENT SETINFO as Redis 7.2 has it (7.0 lacks it; client libraries send it on connect). */
export const clientSetinfo: CommandDefinition = {
  name: "setinfo",
  arity: 4,
  flags: CLIENT_FLAGS,
  acl: ["connection"],
  tips: ["request_policy:all_nodes", "response_policy:all_succeeded"],
  docs: {
    summary: "Sets information specific to the client or connection.",
    since: "7.2.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "<LIB-NAME libname | LIB-VER libver>",
  },
  handler(c, argv) {
    const attr = argv[2].toLowerCase();
    if (attr !== "lib-name" && attr !== "lib-ver") {
      return c.reply.error("ERR Unrecognized option '" + argv[2] + "'");
    }
    const value = argv[3];
    if (!validClientName(value)) {
      return c.reply.error(
        "ERR " + argv[2] + " cannot contain spaces, newlines or special characters.",
      );
    }
    if (attr === "lib-name") c.libName = value;
    else c.libVer = value;
    c.reply.ok();
  },
};

export const clientHelp: CommandDefinition = {
  name: "help",
  arity: 2,
  flags: ["loading", "stale", "sentinel"],
  acl: ["connection"],
  docs: {
    summary: "Show helpful text about the different subcommands",
    since: "5.0.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c, argv) {
    replyHelp(c, argv[0], HELP);
  },
};

/** The CLIENT container with every subcommand. */
export const client: CommandDefinition = {
  name: "client",
  arity: -2,
  flags: ["sentinel"],
  docs: {
    summary: "A container for client connection commands",
    since: "2.4.0",
    group: "connection",
    complexity: "Depends on subcommand.",
  },
  subcommands: [
    clientCaching,
    clientGetname,
    clientGetredir,
    clientHelp,
    clientId,
    clientInfo,
    clientKill,
    clientList,
    clientNoEvict,
    clientPause,
    clientReply,
    clientSetinfo,
    clientSetname,
    clientTracking,
    clientTrackinginfo,
    clientUnblock,
    clientUnpause,
  ],
};
