/** The sorted set group. */
import type { CommandDefinition } from "../../core/command.ts";
import { zadd, zincrby } from "./add.ts";
import { zcard, zcount, zlexcount, zmscore, zrank, zrevrank, zscore } from "./read.ts";
import {
  zrange,
  zrangebylex,
  zrangebyscore,
  zrangestore,
  zrevrange,
  zrevrangebylex,
  zrevrangebyscore,
} from "./range.ts";
import { zrem, zremrangebylex, zremrangebyrank, zremrangebyscore } from "./remove.ts";
import { zmpop, zpopmax, zpopmin } from "./pop.ts";
import { bzmpop, bzpopmax, bzpopmin } from "./blocking.ts";
import { zrandmember } from "./random.ts";
import {
  zdiff,
  zdiffstore,
  zinter,
  zintercard,
  zinterstore,
  zunion,
  zunionstore,
} from "./setops.ts";
import { zscan } from "./scan.ts";

export { parseZmpop, ZSET_MAX, ZSET_MIN, zsetPopReply } from "./pop.ts";

export const zsetsCommands: CommandDefinition[] = [
  zadd,
  zincrby,
  zscore,
  zmscore,
  zcard,
  zcount,
  zlexcount,
  zrank,
  zrevrank,
  zrange,
  zrangestore,
  zrangebyscore,
  zrevrangebyscore,
  zrangebylex,
  zrevrangebylex,
  zrevrange,
  zrem,
  zremrangebyrank,
  zremrangebyscore,
  zremrangebylex,
  zpopmin,
  zpopmax,
  zmpop,
  bzpopmin,
  bzpopmax,
  bzmpop,
  zrandmember,
  zunion,
  zinter,
  zdiff,
  zunionstore,
  zinterstore,
  zdiffstore,
  zintercard,
  zscan,
];
