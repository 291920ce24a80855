/** The geo group. */
import type { CommandDefinition } from "../../core/command.ts";
import { geoadd, geodist, geohash, geopos } from "./geo.ts";
import {
  georadius,
  georadius_ro,
  georadiusbymember,
  georadiusbymember_ro,
  geosearch,
  geosearchstore,
} from "./search.ts";

export const geoCommands: CommandDefinition[] = [
  geoadd,
  geopos,
  geodist,
  geohash,
  georadius,
  georadius_ro,
  georadiusbymember,
  georadiusbymember_ro,
  geosearch,
  geosearchstore,
];
