/** The string group. */
import type { CommandDefinition } from "../../core/command.ts";
import { get, getset, psetex, set, setex, setnx } from "./get-set.ts";
import { getdel, getex } from "./getex.ts";
import { mget, mset, msetnx } from "./mset.ts";
import { decr, decrby, incr, incrby, incrbyfloat } from "./counters.ts";
import { append, getrange, setrange, strlen, substr } from "./ranges.ts";
import { lcs } from "./lcs.ts";

export const stringsCommands: CommandDefinition[] = [
  get,
  set,
  setnx,
  setex,
  psetex,
  getset,
  getex,
  getdel,
  mget,
  mset,
  msetnx,
  incr,
  decr,
  incrby,
  decrby,
  incrbyfloat,
  append,
  strlen,
  getrange,
  substr,
  setrange,
  lcs,
];
