/** Sorted sets: ranges by rank, score and lex; scores as RESP2 shows them. */
import { type Family, step } from "./types.ts";

/** RESP3 doubles reach each client's caller its own way (the compat tests check them). */
const RESP3_DOUBLES = {
  "ioredis RESP3": "RESP3 doubles: each client shows them its own way",
  "node-redis RESP3": "RESP3 doubles: each client shows them its own way",
  "Bun.RedisClient": "RESP3 doubles: each client shows them its own way",
};

export const zsets: Family = {
  name: "zsets",
  cases: [
    {
      name: "ranks and ranges",
      steps: [
        step(["ZADD", "z:a", "1", "a", "2", "b", "3", "c"], 3),
        step(["ZADD", "z:a", "NX", "5", "a"], 0),
        step(["ZCARD", "z:a"], 3),
        step(["ZRANK", "z:a", "c"], 2),
        step(["ZREVRANK", "z:a", "c"], 0),
        step(["ZRANK", "z:a", "none"], null),
        step(["ZRANGE", "z:a", "0", "-1"], ["a", "b", "c"]),
        step(["ZRANGE", "z:a", "(1", "+inf", "BYSCORE", "LIMIT", "0", "1"], ["b"]),
        step(["ZRANGE", "z:a", "[c", "-", "BYLEX", "REV"], ["c", "b", "a"]),
        step(["ZRANGEBYSCORE", "z:a", "-inf", "(3"], ["a", "b"]),
        step(["ZCOUNT", "z:a", "2", "3"], 2),
        step(["ZLEXCOUNT", "z:a", "-", "+"], 3),
        step(["ZRANGESTORE", "z:b", "z:a", "0", "1"], 2),
        step(["ZINTERCARD", "2", "z:a", "z:b"], 2),
        step(["ZREM", "z:a", "a", "none"], 1),
        step(["ZREMRANGEBYRANK", "z:a", "0", "0"], 1),
        step(["ZRANGE", "z:a", "0", "-1"], ["c"]),
      ],
    },
    {
      name: "scores",
      skip: RESP3_DOUBLES,
      steps: [
        step(["ZADD", "z:s", "1.5", "a", "2", "b"], 2),
        step(["ZSCORE", "z:s", "a"], "1.5"),
        step(["ZINCRBY", "z:s", "0.25", "a"], "1.75"),
        step(["ZMSCORE", "z:s", "a", "none"], ["1.75", null]),
        step(["ZRANGE", "z:s", "0", "-1", "WITHSCORES"], ["a", "1.75", "b", "2"]),
        step(["ZPOPMIN", "z:s"], ["a", "1.75"]),
        step(["ZADD", "z:s", "INCR", "1e3", "b"], "1002"),
        step(["ZSCORE", "z:s", "none"], null),
      ],
    },
  ],
};
