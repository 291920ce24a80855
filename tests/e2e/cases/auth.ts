/** AUTH against a server started with --requirepass. */
import { err, type Family, step } from "./types.ts";

export const PASSWORD = "s3cret pass";

const NOAUTH = "NOAUTH Authentication required.";
const WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

export const auth: Family = {
  name: "auth",
  serverArgs: ["--requirepass", PASSWORD],
  cases: [
    {
      name: "commands need AUTH first",
      // These clients say HELLO 3 as they connect, which fails before AUTH.
      skip: {
        "Bun.RedisClient": "it sends HELLO 3 as it connects",
        "ioredis RESP3": "it sends HELLO 3 as it connects",
        "node-redis RESP3": "it sends HELLO 3 as it connects",
      },
      steps: [
        step(["GET", "auth:k"], err(NOAUTH)),
        step(["PING"], err(NOAUTH)),
        step(["AUTH", "wrong"], err(WRONGPASS)),
        step(["AUTH", "default", "wrong"], err(WRONGPASS)),
        step(["AUTH", "nobody", PASSWORD], err(WRONGPASS)),
        step(["AUTH", PASSWORD], "OK"),
        step(["SET", "auth:k", "v"], "OK"),
        step(["GET", "auth:k"], "v"),
        step(["AUTH", "default", PASSWORD], "OK"),
        step(["AUTH", "a", "b", "c"], err("ERR syntax error")),
      ],
    },
    {
      name: "client configured with the password",
      password: PASSWORD,
      steps: [
        step(["SET", "auth:k2", "v2"], "OK"),
        step(["GET", "auth:k2"], "v2"),
        step(["PING"], "PONG"),
      ],
    },
  ],
};
