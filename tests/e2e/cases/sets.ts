/** Sets: membership, algebra (with replies in a fixed order). */
import { type Family, step } from "./types.ts";

export const sets: Family = {
  name: "sets",
  cases: [
    {
      name: "membership and algebra",
      steps: [
        step(["SADD", "set:a", "x", "y", "z", "x"], 3),
        step(["SADD", "set:b", "y", "z", "w"], 3),
        step(["SCARD", "set:a"], 3),
        step(["SISMEMBER", "set:a", "x"], 1),
        step(["SMISMEMBER", "set:a", "x", "w"], [1, 0]),
        step(["SORT", "set:a", "ALPHA"], ["x", "y", "z"]),
        step(["SINTERCARD", "2", "set:a", "set:b"], 2),
        step(["SINTERSTORE", "set:c", "set:a", "set:b"], 2),
        step(["SORT", "set:c", "ALPHA"], ["y", "z"]),
        step(["SDIFF", "set:a", "set:b"], ["x"]),
        step(["SMOVE", "set:a", "set:b", "x"], 1),
        step(["SREM", "set:a", "y", "none"], 1),
        step(["SPOP", "set:a"], "z"),
        step(["SRANDMEMBER", "set:a"], null),
        step(["EXISTS", "set:a"], 0),
      ],
    },
    {
      name: "integer sets keep their order",
      steps: [
        step(["SADD", "set:i", "3", "1", "2", "-5"], 4),
        step(["SMEMBERS", "set:i"], ["-5", "1", "2", "3"]),
        step(["OBJECT", "ENCODING", "set:i"], "intset"),
      ],
    },
  ],
};
