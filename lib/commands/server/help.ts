/** The HELP reply of container commands (Redis's addReplyHelp). */
import type { Client } from "../../core/client.ts";

/** Uppercases ASCII letters only, as C's toupper in the C locale. */
function asciiUpper(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/** Replies the help lines of a command, with Redis's header and `HELP` footer. */
export function replyHelp(c: Client, name: string, lines: readonly string[]): void {
  const r = c.reply;
  r.arrayLen(lines.length + 3);
  r.simple(asciiUpper(name) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
  for (const line of lines) r.simple(line);
  r.simple("HELP");
  r.simple("    Prints this help.");
}
