/** The generic (keyspace) group. */
import type { CommandDefinition } from "../../core/command.ts";
import { dump } from "./dump.ts";
import {
  expire,
  expireat,
  expiretime,
  persist,
  pexpire,
  pexpireat,
  pexpiretime,
  pttl,
  ttl,
} from "./expire.ts";
import { keys, randomkey, scan } from "./iterate.ts";
import { del, exists, touch, type, unlink } from "./keys.ts";
import { object } from "./object.ts";
import { copy, move, rename, renamenx } from "./rename.ts";

export const keyspaceCommands: CommandDefinition[] = [
  del,
  unlink,
  exists,
  type,
  touch,
  keys,
  scan,
  randomkey,
  rename,
  renamenx,
  move,
  copy,
  dump,
  object,
  expire,
  pexpire,
  expireat,
  pexpireat,
  persist,
  ttl,
  pttl,
  expiretime,
  pexpiretime,
];
