/** The hashes group. */
import type { CommandDefinition } from "../../core/command.ts";
import { hdel, hincrby, hincrbyfloat, hmset, hset, hsetnx } from "./write.ts";
import { hexists, hget, hgetall, hkeys, hlen, hmget, hstrlen, hvals } from "./read.ts";
import { hrandfield } from "./random.ts";
import { hscan } from "./scan.ts";

export const hashesCommands: CommandDefinition[] = [
  hset,
  hsetnx,
  hmset,
  hincrby,
  hincrbyfloat,
  hdel,
  hget,
  hmget,
  hexists,
  hstrlen,
  hlen,
  hkeys,
  hvals,
  hgetall,
  hrandfield,
  hscan,
];
