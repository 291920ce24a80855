/**
 * Redis's sdscatrepr: a quoted, escaped form of a binary string, which
 * sdssplitargs reads back. Used where Redis writes config lines (command
 * line options turned into config text, CONFIG REWRITE).
 *
 * @module
 */

/** `"..."` with `\\ \" \n \r \t \a \b` escapes and `\xHH` for other non-printable bytes. */
export function repr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 92:
        out += "\\\\";
        break;
      case 34:
        out += '\\"';
        break;
      case 10:
        out += "\\n";
        break;
      case 13:
        out += "\\r";
        break;
      case 9:
        out += "\\t";
        break;
      case 7:
        out += "\\a";
        break;
      case 8:
        out += "\\b";
        break;
      default:
        if (c >= 32 && c < 127) out += s[i];
        else out += "\\x" + c.toString(16).padStart(2, "0");
    }
  }
  return out + '"';
}
