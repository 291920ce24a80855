/** MULTI/EXEC, DISCARD and WATCH on one connection. */
import { err, type Family, step } from "./types.ts";

export const transactions: Family = {
  name: "transactions",
  cases: [
    {
      name: "MULTI, EXEC, DISCARD",
      steps: [
        step(["MULTI"], "OK"),
        step(["SET", "tx:a", "1"], "QUEUED"),
        step(["INCR", "tx:a"], "QUEUED"),
        step(["EXEC"], ["OK", 2]),
        step(["MULTI"], "OK"),
        step(["MULTI"], err("ERR MULTI calls can not be nested")),
        step(["SET", "tx:a", "2"], "QUEUED"),
        step(["DISCARD"], "OK"),
        step(["GET", "tx:a"], "2"),
        step(["EXEC"], err("ERR EXEC without MULTI")),
        step(["DISCARD"], err("ERR DISCARD without MULTI")),
      ],
    },
    {
      name: "errors while queueing abort EXEC",
      steps: [
        step(["MULTI"], "OK"),
        step(["SET", "tx:b"], err("ERR wrong number of arguments for 'set' command")),
        step(["SET", "tx:b", "1"], "QUEUED"),
        step(["EXEC"], err("EXECABORT Transaction discarded because of previous errors.")),
        step(["EXISTS", "tx:b"], 0),
      ],
    },
    {
      name: "WATCH aborts on a change, even this connection's",
      steps: [
        step(["SET", "tx:w", "1"], "OK"),
        step(["WATCH", "tx:w"], "OK"),
        step(["SET", "tx:w", "2"], "OK"),
        step(["MULTI"], "OK"),
        step(["SET", "tx:w", "3"], "QUEUED"),
        step(["EXEC"], null),
        step(["GET", "tx:w"], "2"),
        step(["WATCH", "tx:w"], "OK"),
        step(["UNWATCH"], "OK"),
        step(["SET", "tx:w", "4"], "OK"),
        step(["MULTI"], "OK"),
        step(["GET", "tx:w"], "QUEUED"),
        step(["EXEC"], ["4"]),
      ],
    },
  ],
};
