/** AUTH and HELLO. */
import type { Client } from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { REDIS_VERSION } from "../../version.ts";

const WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

/** Checks credentials of the default user (the only user until ACL lands). */
export function checkPassword(c: Client, user: string, pass: string): boolean {
  const required = c.engine.config.settings.requirepass;
  if (user !== "default") return false;
  if (required === "") return true;
  return pass === required;
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
    if (argv.length > 3) return c.reply.error("ERR syntax error");
    if (argv.length === 2 && c.engine.config.settings.requirepass === "") {
      return c.reply.error(
        "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?",
      );
    }
    const user = argv.length === 3 ? argv[1] : "default";
    const pass = argv.length === 3 ? argv[2] : argv[1];
    if (!checkPassword(c, user, pass)) return c.reply.error(WRONGPASS);
    c.authenticated = true;
    c.user = user;
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
      "`protover` made optional; when called without arguments the command reports the current protocol.",
    ]],
  },
  handler(c, argv) {
    let ver = 0;
    let next = 1;
    if (argv.length >= 2) {
      const s = argv[1];
      const v = /^-?\d+$/.test(s) ? Number(s) : NaN;
      if (Number.isNaN(v)) {
        return c.reply.error("ERR Protocol version is not an integer or out of range");
      }
      next = 2;
      if (v < 2 || v > 3) return c.reply.error("NOPROTO unsupported protocol version");
      ver = v;
    }
    let user: string | undefined;
    let pass: string | undefined;
    let name: string | undefined;
    for (let j = next; j < argv.length; j++) {
      const more = argv.length - j - 1;
      const opt = argv[j].toUpperCase();
      if (opt === "AUTH" && more >= 2) {
        user = argv[j + 1];
        pass = argv[j + 2];
        j += 2;
      } else if (opt === "SETNAME" && more >= 1) {
        name = argv[j + 1];
        j++;
      } else {
        return c.reply.error("ERR Syntax error in HELLO option '" + argv[j] + "'");
      }
    }
    if (user !== undefined) {
      if (!checkPassword(c, user, pass!)) return c.reply.error(WRONGPASS);
      c.authenticated = true;
      c.user = user;
    }
    if (!c.authenticated) {
      return c.reply.error(
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time",
      );
    }
    if (name !== undefined) {
      if (!validClientName(name)) {
        return c.reply.error(
          "ERR Client names cannot contain spaces, newlines or special characters.",
        );
      }
      c.name = name;
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

/** Client names may hold only printable characters other than space (Redis's rule). */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return false;
  }
  return true;
}
