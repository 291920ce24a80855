/** Client names (CLIENT SETNAME, HELLO SETNAME). */
import type { Client } from "../../core/client.ts";

/** Names may hold only printable ASCII other than space, so CLIENT LIST stays splittable. */
export function validClientName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (ch < 33 || ch > 126) return false;
  }
  return true;
}

/** Sets the client name (an empty one clears it); replies Redis's error and returns false when invalid. */
export function setClientName(c: Client, name: string): boolean {
  if (!validClientName(name)) {
    c.reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
    return false;
  }
  c.name = name;
  return true;
}
