/** Generic key commands: existence, types, renames, expiry. */
import { err, type Family, step } from "./types.ts";

export const keyspace: Family = {
  name: "keyspace",
  cases: [
    {
      name: "EXISTS, TYPE, RENAME, DEL",
      steps: [
        step(["SET", "ks:a", "1"], "OK"),
        step(["EXISTS", "ks:a", "ks:a", "ks:none"], 2),
        step(["TYPE", "ks:a"], "string"),
        step(["TYPE", "ks:none"], "none"),
        step(["RENAME", "ks:a", "ks:b"], "OK"),
        step(["EXISTS", "ks:a"], 0),
        step(["RENAME", "ks:none", "ks:c"], err("ERR no such key")),
        step(["RENAMENX", "ks:b", "ks:b"], 0),
        step(["COPY", "ks:b", "ks:c"], 1),
        step(["COPY", "ks:b", "ks:c"], 0),
        step(["DEL", "ks:b", "ks:c", "ks:none"], 2),
        step(["UNLINK", "ks:b"], 0),
      ],
    },
    {
      name: "expiry",
      steps: [
        step(["SET", "ks:e", "v"], "OK"),
        step(["TTL", "ks:e"], -1),
        step(["TTL", "ks:none"], -2),
        step(["EXPIRE", "ks:e", "100"], 1),
        step(["TTL", "ks:e"], 100),
        step(["EXPIRE", "ks:e", "50", "GT"], 0),
        step(["EXPIRE", "ks:e", "50", "LT"], 1),
        step(["TTL", "ks:e"], 50),
        step(["PERSIST", "ks:e"], 1),
        step(["PERSIST", "ks:e"], 0),
        step(["EXPIRE", "ks:e", "10", "XX"], 0),
        step(["EXPIREAT", "ks:e", "1"], 1),
        step(["EXISTS", "ks:e"], 0),
        step(["EXPIRE", "ks:e", "x"], err("ERR value is not an integer or out of range")),
        step(
          ["EXPIRE", "ks:e", "1", "NX", "XX"],
          err(
            "ERR NX and XX, GT or LT options at the same time are not compatible",
          ),
        ),
      ],
    },
    {
      name: "OBJECT ENCODING",
      steps: [
        step(["SET", "ks:int", "12345"], "OK"),
        step(["SET", "ks:emb", "short"], "OK"),
        step(["SET", "ks:raw", "x".repeat(45)], "OK"),
        step(["OBJECT", "ENCODING", "ks:int"], "int"),
        step(["OBJECT", "ENCODING", "ks:emb"], "embstr"),
        step(["OBJECT", "ENCODING", "ks:raw"], "raw"),
        step(["OBJECT", "ENCODING", "ks:none"], null),
      ],
    },
  ],
};
