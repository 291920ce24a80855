/** PING, ECHO, SELECT, unknown commands and arity errors. */
import { err, type Family, step } from "./types.ts";

export const connection: Family = {
  name: "connection",
  cases: [
    {
      name: "PING and ECHO",
      steps: [
        step(["PING"], "PONG"),
        step(["ping", "hello world"], "hello world"),
        step(["ECHO", ""], ""),
        step(["echo", "a\r\nb"], "a\r\nb"),
        step(["PING", "a", "b"], err("ERR wrong number of arguments for 'ping' command")),
        step(["ECHO"], err("ERR wrong number of arguments for 'echo' command")),
      ],
    },
    {
      name: "SELECT switches databases per connection",
      steps: [
        step(["SET", "conn:select", "db0"], "OK"),
        step(["SELECT", "9"], "OK"),
        step(["GET", "conn:select"], null),
        step(["SET", "conn:select", "db9"], "OK"),
        step(["SELECT", "0"], "OK"),
        step(["GET", "conn:select"], "db0"),
        step(["SELECT", "16"], err("ERR DB index is out of range")),
        step(["SELECT", "-1"], err("ERR DB index is out of range")),
        step(["SELECT", "x"], err("ERR value is not an integer or out of range")),
      ],
    },
    {
      name: "unknown commands",
      steps: [
        step(["NOSUCHCMD"], err("ERR unknown command 'NOSUCHCMD', with args beginning with: ")),
        step(
          ["nosuch", "a", "b c"],
          err("ERR unknown command 'nosuch', with args beginning with: 'a' 'b c' "),
        ),
      ],
    },
  ],
};
