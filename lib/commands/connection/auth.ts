/** AUTH and HELLO. */
import type { Client } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import { REDIS_VERSION } from "../../version.ts";
import { toInt64 } from "../parse.ts";
import { setClientName } from "./client-name.ts";

const WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

/** Checks credentials of the default user (the only user until ACL lands). */
export function checkPassword(c: Client, user: string, pass: string): boolean {
  const required = c.engine.config.settings.requirepass;
  if (user !== "default") return false;
  if (required === "") return true;
  return pass === required;
}

/** Logs `c` in as `user` when the password is right (Redis's ACLAuthenticateUser). */
function authenticate(c: Client, user: string, pass: string): boolean {
  if (!checkPassword(c, user, pass)) return false;
  c.authenticated = true;
  c.user = user;
  return true;
}

export const auth: CommandDefinition = {
  name: "auth",
  arity: -2,
  flags: ["noscript", "loading", "stale", "fast", "no_auth", "sentinel", "allow_busy"],
  acl: ["connection"],
  docs: {
    summary: "Authenticate to the server",
    since: "1.0.0",
    group: "connection",
    complexity: "O(N) where N is the number of passwords defined for the user",
    syntax: "[username] password",
    history: [["6.0.0", "Added ACL style (username and password)."]],
  },
  handler(c, argv) {
    if (argv.length > 3) return c.reply.error(ERR_SYNTAX);
    // The old form is refused while the default user has no password (nopass).
    if (argv.length === 2 && c.engine.config.settings.requirepass === "") {
      return c.reply.error(
        "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?",
      );
    }
    const user = argv.length === 3 ? argv[1] : "default";
    const pass = argv.length === 3 ? argv[2] : argv[1];
    if (!authenticate(c, user, pass)) return c.reply.error(WRONGPASS);
    c.reply.ok();
  },
};

export const hello: CommandDefinition = {
  name: "hello",
  arity: -1,
  flags: ["noscript", "loading", "stale", "fast", "no_auth", "sentinel", "allow_busy"],
  acl: ["connection"],
  docs: {
    summary: "Handshake with Redis",
    since: "6.0.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "[protover [AUTH username password] [SETNAME clientname]]",
    history: [[
      "6.2.0",
      "`protover` made optional; when called without arguments the command reports the current connection's context.",
    ]],
  },
  handler(c, argv) {
    let ver = 0;
    let next = 1;
    if (argv.length >= 2) {
      const v = toInt64(argv[1]);
      if (v === undefined) {
        return c.reply.error("ERR Protocol version is not an integer or out of range");
      }
      next = 2;
      if (v < 2 || v > 3) return c.reply.error("NOPROTO unsupported protocol version");
      ver = Number(v);
    }
    // Options apply in order, as in Redis: a bad one after SETNAME leaves the name set.
    for (let j = next; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      const opt = argv[j].toLowerCase();
      if (opt === "auth" && more >= 2) {
        if (!authenticate(c, argv[j + 1], argv[j + 2])) return c.reply.error(WRONGPASS);
        j += 2;
      } else if (opt === "setname" && more >= 1) {
        if (!setClientName(c, argv[j + 1])) return;
        j++;
      } else {
        return c.reply.error("ERR Syntax error in HELLO option '" + argv[j] + "'");
      }
    }
    if (!c.authenticated) {
      return c.reply.error(
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time",
      );
    }
    if (ver !== 0) c.protocol = ver as 2 | 3;
    const r = c.reply;
    r.mapLen(7);
    r.bulk("server");
    r.bulk("redis");
    r.bulk("version");
    r.bulk(REDIS_VERSION);
    r.bulk("proto");
    r.int(c.protocol);
    r.bulk("id");
    r.int(c.id);
    r.bulk("mode");
    r.bulk("standalone");
    r.bulk("role");
    r.bulk(c.engine.hooks.role?.() ?? "master");
    r.bulk("modules");
    r.arrayLen(0);
  },
};
