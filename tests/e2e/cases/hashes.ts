/** Hashes: field writes and reads, counters, errors. */
import { err, type Family, step } from "./types.ts";

const WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

export const hashes: Family = {
  name: "hashes",
  cases: [
    {
      name: "HSET, HGET, HGETALL, HMGET",
      steps: [
        step(["HSET", "h:a", "name", "ferrous", "lang", "ts"], 2),
        step(["HSET", "h:a", "name", "redis"], 0),
        step(["HGET", "h:a", "name"], "redis"),
        step(["HGET", "h:a", "none"], null),
        step(["HGETALL", "h:a"], ["name", "redis", "lang", "ts"]),
        step(["HGETALL", "h:none"], []),
        step(["HMGET", "h:a", "lang", "none"], ["ts", null]),
        step(["HLEN", "h:a"], 2),
        step(["HKEYS", "h:a"], ["name", "lang"]),
        step(["HVALS", "h:a"], ["redis", "ts"]),
        step(["HEXISTS", "h:a", "lang"], 1),
        step(["HSTRLEN", "h:a", "name"], 5),
        step(["HSETNX", "h:a", "name", "x"], 0),
        step(["HDEL", "h:a", "lang", "none"], 1),
        step(["HDEL", "h:a", "name"], 1),
        step(["EXISTS", "h:a"], 0),
      ],
    },
    {
      name: "counters and errors",
      steps: [
        step(["HINCRBY", "h:n", "c", "5"], 5),
        step(["HINCRBY", "h:n", "c", "-7"], -2),
        step(["HINCRBYFLOAT", "h:n", "f", "1.5"], "1.5"),
        step(["HINCRBYFLOAT", "h:n", "f", "0.25"], "1.75"),
        step(["HSET", "h:n", "s", "abc"], 1),
        step(["HINCRBY", "h:n", "s", "1"], err("ERR hash value is not an integer")),
        step(["HINCRBYFLOAT", "h:n", "s", "1"], err("ERR hash value is not a float")),
        step(["HSET", "h:n", "odd"], err("ERR wrong number of arguments for 'hset' command")),
        step(["SET", "h:str", "x"], "OK"),
        step(["HGET", "h:str", "f"], err(WRONGTYPE)),
      ],
    },
  ],
};
