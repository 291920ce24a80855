/**
 * CLIENT TRACKING, CLIENT CACHING, CLIENT GETREDIR, CLIENT TRACKINGINFO:
 * subcommand definitions for the CLIENT container (which lists them in its
 * `subcommands`).
 */
import {
  CLIENT_TRACKING,
  CLIENT_TRACKING_BCAST,
  CLIENT_TRACKING_BROKEN_REDIR,
  CLIENT_TRACKING_CACHING,
  CLIENT_TRACKING_NOLOOP,
  CLIENT_TRACKING_OPTIN,
  CLIENT_TRACKING_OPTOUT,
} from "../../core/client.ts";
import type { CommandDefinition } from "../../core/command.ts";
import { ERR_SYNTAX } from "../../core/errors.ts";
import {
  disableTracking,
  enableTracking,
  prefixCollision,
  trackingPrefixes,
  trackingRedirect,
} from "../../features/tracking.ts";
import { toInt64 } from "../parse.ts";

const FLAGS: CommandDefinition["flags"] = ["noscript", "loading", "stale", "sentinel"];

export const clientTracking: CommandDefinition = {
  name: "tracking",
  arity: -3,
  flags: FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Enable or disable server assisted client side caching support",
    since: "6.0.0",
    group: "connection",
    complexity: "O(1). Some options may introduce additional complexity.",
    syntax:
      "ON | OFF [REDIRECT client-id] [PREFIX prefix [PREFIX prefix ...]] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]",
  },
  handler(c, argv) {
    const engine = c.engine;
    let redirect = 0;
    let options = 0;
    const prefixes: string[] = [];
    for (let j = 3; j < argv.length; j++) {
      const more = argv.length - 1 - j;
      const opt = argv[j].toLowerCase();
      if (opt === "redirect" && more > 0) {
        j++;
        if (redirect !== 0) {
          return c.reply.error("ERR A client can only redirect to a single other client");
        }
        const id = toInt64(argv[j]);
        if (id === undefined) return c.reply.error("ERR value is not an integer or out of range");
        redirect = Number(id);
        // The target must exist now, even if it may go away later.
        if (!engine.clients.has(redirect)) {
          return c.reply.error("ERR The client ID you want redirect to does not exist");
        }
      } else if (opt === "bcast") options |= CLIENT_TRACKING_BCAST;
      else if (opt === "optin") options |= CLIENT_TRACKING_OPTIN;
      else if (opt === "optout") options |= CLIENT_TRACKING_OPTOUT;
      else if (opt === "noloop") options |= CLIENT_TRACKING_NOLOOP;
      else if (opt === "prefix" && more > 0) prefixes.push(argv[++j]);
      else return c.reply.error(ERR_SYNTAX);
    }
    const mode = argv[2].toLowerCase();
    if (mode === "on") {
      if ((options & CLIENT_TRACKING_BCAST) === 0 && prefixes.length > 0) {
        return c.reply.error("ERR PREFIX option requires BCAST mode to be enabled");
      }
      if (c.flags & CLIENT_TRACKING) {
        const oldBcast = (c.flags & CLIENT_TRACKING_BCAST) !== 0;
        const newBcast = (options & CLIENT_TRACKING_BCAST) !== 0;
        if (oldBcast !== newBcast) {
          return c.reply.error(
            "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
          );
        }
      }
      if (
        options & CLIENT_TRACKING_BCAST &&
        options & (CLIENT_TRACKING_OPTIN | CLIENT_TRACKING_OPTOUT)
      ) {
        return c.reply.error("ERR OPTIN and OPTOUT are not compatible with BCAST");
      }
      if (options & CLIENT_TRACKING_OPTIN && options & CLIENT_TRACKING_OPTOUT) {
        return c.reply.error("ERR You can't specify both OPTIN mode and OPTOUT mode");
      }
      if (
        (options & CLIENT_TRACKING_OPTIN && c.flags & CLIENT_TRACKING_OPTOUT) ||
        (options & CLIENT_TRACKING_OPTOUT && c.flags & CLIENT_TRACKING_OPTIN)
      ) {
        return c.reply.error(
          "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
        );
      }
      if (options & CLIENT_TRACKING_BCAST) {
        const collision = prefixCollision(c, prefixes);
        if (collision !== undefined) return c.reply.error(collision);
      }
      enableTracking(engine, c, redirect, options, prefixes);
    } else if (mode === "off") {
      disableTracking(engine, c);
    } else return c.reply.error(ERR_SYNTAX);
    c.reply.ok();
  },
};

export const clientCaching: CommandDefinition = {
  name: "caching",
  arity: 3,
  flags: FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Instruct the server about tracking or not keys in the next request",
    since: "6.0.0",
    group: "connection",
    complexity: "O(1)",
    syntax: "YES | NO",
  },
  handler(c, argv) {
    if ((c.flags & CLIENT_TRACKING) === 0) {
      return c.reply.error(
        "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled",
      );
    }
    const opt = argv[2].toLowerCase();
    if (opt === "yes") {
      if ((c.flags & CLIENT_TRACKING_OPTIN) === 0) {
        return c.reply.error(
          "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.",
        );
      }
    } else if (opt === "no") {
      if ((c.flags & CLIENT_TRACKING_OPTOUT) === 0) {
        return c.reply.error(
          "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.",
        );
      }
    } else return c.reply.error(ERR_SYNTAX);
    c.flags |= CLIENT_TRACKING_CACHING;
    c.reply.ok();
  },
};

export const clientGetredir: CommandDefinition = {
  name: "getredir",
  arity: 2,
  flags: FLAGS,
  acl: ["connection"],
  docs: {
    summary: "Get tracking notifications redirection client ID if any",
    since: "6.0.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c) {
    c.reply.int(trackingRedirect(c));
  },
};

export const clientTrackinginfo: CommandDefinition = {
  name: "trackinginfo",
  arity: 2,
  flags: FLAGS,
  acl: ["connection"],
  docs: {
    summary:
      "Return information about server assisted client side caching for the current connection",
    since: "6.2.0",
    group: "connection",
    complexity: "O(1)",
  },
  handler(c) {
    const f = c.flags;
    const flags = [f & CLIENT_TRACKING ? "on" : "off"];
    if (f & CLIENT_TRACKING_BCAST) flags.push("bcast");
    if (f & CLIENT_TRACKING_OPTIN) {
      flags.push("optin");
      if (f & CLIENT_TRACKING_CACHING) flags.push("caching-yes");
    }
    if (f & CLIENT_TRACKING_OPTOUT) {
      flags.push("optout");
      if (f & CLIENT_TRACKING_CACHING) flags.push("caching-no");
    }
    if (f & CLIENT_TRACKING_NOLOOP) flags.push("noloop");
    if (f & CLIENT_TRACKING_BROKEN_REDIR) flags.push("broken_redirect");
    const r = c.reply;
    r.mapLen(3);
    r.bulk("flags");
    r.setLen(flags.length);
    for (const s of flags) r.bulk(s);
    r.bulk("redirect");
    r.int(trackingRedirect(c));
    r.bulk("prefixes");
    const prefixes = f & CLIENT_TRACKING ? trackingPrefixes(c) : [];
    r.arrayLen(prefixes.length);
    for (const p of prefixes) r.bulk(p);
  },
};
