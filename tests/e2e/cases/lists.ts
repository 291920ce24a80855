/** Lists: pushes, ranges, edits, pops (blocking ones that need not block). */
import { err, type Family, step } from "./types.ts";

export const lists: Family = {
  name: "lists",
  cases: [
    {
      name: "push, range, index, insert",
      steps: [
        step(["RPUSH", "l:a", "b", "c"], 2),
        step(["LPUSH", "l:a", "a"], 3),
        step(["LRANGE", "l:a", "0", "-1"], ["a", "b", "c"]),
        step(["LRANGE", "l:a", "5", "10"], []),
        step(["LINDEX", "l:a", "-1"], "c"),
        step(["LINDEX", "l:a", "9"], null),
        step(["LINSERT", "l:a", "BEFORE", "c", "bc"], 4),
        step(["LINSERT", "l:a", "AFTER", "none", "x"], -1),
        step(["LPOS", "l:a", "bc"], 2),
        step(["LPOS", "l:a", "none"], null),
        step(["LLEN", "l:a"], 4),
        step(["LSET", "l:a", "0", "A"], "OK"),
        step(["LSET", "l:a", "10", "x"], err("ERR index out of range")),
        step(["RPUSHX", "l:none", "x"], 0),
      ],
    },
    {
      name: "pops, moves, trims",
      steps: [
        step(["RPUSH", "l:p", "1", "2", "3", "4", "5", "2"], 6),
        step(["LPOP", "l:p"], "1"),
        step(["RPOP", "l:p", "2"], ["2", "5"]),
        step(["LREM", "l:p", "0", "2"], 1),
        step(["LMOVE", "l:p", "l:q", "LEFT", "RIGHT"], "3"),
        step(["LTRIM", "l:p", "0", "0"], "OK"),
        step(["LRANGE", "l:p", "0", "-1"], ["4"]),
        step(["LMPOP", "2", "l:none", "l:p", "LEFT"], ["l:p", ["4"]]),
        step(["EXISTS", "l:p"], 0),
        step(["LPOP", "l:p"], null),
        step(["BLPOP", "l:none", "l:q", "1"], ["l:q", "3"]),
        step(["BRPOP", "l:none", "0.01"], null),
        step(
          ["LPOS", "l:q", "x", "RANK", "0"],
          err(
            "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
          ),
        ),
      ],
    },
  ],
};
