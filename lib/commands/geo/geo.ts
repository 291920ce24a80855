/** GEOADD, GEOPOS, GEODIST and GEOHASH. */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_FLOAT, ERR_SYNTAX, fail } from "../../core/errors.ts";
import {
  decodeScore,
  encodeScore,
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  geoDistance,
  standardGeohash,
} from "../../store/geohash.ts";
import { toDouble } from "../parse.ts";
import { readZset } from "../zsets/common.ts";
import { zaddGeneric } from "../zsets/add.ts";
import { formatDistance, formatFixed, formatHumanLongDouble } from "./format.ts";

/** Parses a longitude/latitude pair at argv[i], argv[i+1] with Redis's checks and errors. */
export function parseLonLat(argv: string[], i: number): [number, number] {
  const lon = toDouble(argv[i]);
  if (lon === undefined) fail(ERR_NOT_FLOAT);
  const lat = toDouble(argv[i + 1]);
  if (lat === undefined) fail(ERR_NOT_FLOAT);
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    fail(
      "ERR invalid longitude,latitude pair " + formatFixed(lon, 6) + "," + formatFixed(lat, 6),
    );
  }
  return [lon, lat];
}

/** Meters per unit, or throws Redis's error for an unknown unit. */
export function parseUnit(u: string): number {
  switch (u.toLowerCase()) {
    case "m":
      return 1;
    case "km":
      return 1000;
    case "ft":
      return 0.3048;
    case "mi":
      return 1609.34;
  }
  fail("ERR unsupported unit provided. please use M, KM, FT, MI");
}

/** Writes a [longitude, latitude] pair as Redis does. */
export function replyCoords(c: Client, lon: number, lat: number): void {
  c.reply.arrayLen(2);
  c.reply.doubleString(formatHumanLongDouble(lon));
  c.reply.doubleString(formatHumanLongDouble(lat));
}

export const geoadd: CommandDefinition = {
  name: "geoadd",
  arity: -5,
  flags: ["write", "denyoom"],
  acl: ["geo"],
  keys: [singleKey(["RW", "UPDATE"])],
  docs: {
    summary:
      "Add one or more geospatial items in the geospatial index represented using a sorted set",
    since: "3.2.0",
    group: "geo",
    complexity:
      "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
    syntax: "key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]",
    history: [
      ["6.2.0", "Added the `CH`, `NX` and `XX` options."],
    ],
  },
  handler: geoaddCommand,
};

export const geopos: CommandDefinition = {
  name: "geopos",
  arity: -2,
  flags: ["readonly"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Returns longitude and latitude of members of a geospatial index",
    since: "3.2.0",
    group: "geo",
    complexity: "O(N) where N is the number of members requested.",
    syntax: "key member [member ...]",
  },
  handler: geoposCommand,
};

export const geodist: CommandDefinition = {
  name: "geodist",
  arity: -4,
  flags: ["readonly"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Returns the distance between two members of a geospatial index",
    since: "3.2.0",
    group: "geo",
    complexity: "O(log(N))",
    syntax: "key member1 member2 [m | km | ft | mi]",
  },
  handler: geodistCommand,
};

export const geohash: CommandDefinition = {
  name: "geohash",
  arity: -2,
  flags: ["readonly"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "Returns members of a geospatial index as standard geohash strings",
    since: "3.2.0",
    group: "geo",
    complexity:
      "O(log(N)) for each member requested, where N is the number of elements in the sorted set.",
    syntax: "key member [member ...]",
  },
  handler: geohashCommand,
};

function geoaddCommand(c: Client, argv: string[]): void {
  let xx = false;
  let nx = false;
  let longIdx = 2;
  for (; longIdx < argv.length; longIdx++) {
    const opt = argv[longIdx].toLowerCase();
    if (opt === "nx") nx = true;
    else if (opt === "xx") xx = true;
    else if (opt !== "ch") break;
  }
  if ((argv.length - longIdx) % 3 !== 0 || (xx && nx)) return c.reply.error(ERR_SYNTAX);
  const elements = (argv.length - longIdx) / 3;
  // Rewritten as ZADD key [options] score member ..., as Redis does.
  const zargv = argv.slice(0, longIdx);
  zargv[0] = "zadd";
  const scores: number[] = new Array(elements);
  for (let i = 0; i < elements; i++) {
    const [lon, lat] = parseLonLat(argv, longIdx + i * 3);
    scores[i] = encodeScore(lon, lat);
    zargv.push(String(scores[i]), argv[longIdx + i * 3 + 2]);
  }
  zaddGeneric(c, zargv, 0, scores);
}

function geoposCommand(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  c.reply.arrayLen(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const score = z?.score(argv[j]);
    if (score === undefined) c.reply.nullArray();
    else {
      const [lon, lat] = decodeScore(score);
      replyCoords(c, lon, lat);
    }
  }
}

function geodistCommand(c: Client, argv: string[]): void {
  let toMeter = 1;
  if (argv.length === 5) toMeter = parseUnit(argv[4]);
  else if (argv.length > 5) return c.reply.error(ERR_SYNTAX);
  const z = readZset(c, argv[1]);
  if (z === undefined) return c.reply.nullBulk();
  const s1 = z.score(argv[2]);
  const s2 = z.score(argv[3]);
  if (s1 === undefined || s2 === undefined) return c.reply.nullBulk();
  const [lon1, lat1] = decodeScore(s1);
  const [lon2, lat2] = decodeScore(s2);
  c.reply.bulk(formatDistance(geoDistance(lon1, lat1, lon2, lat2) / toMeter));
}

function geohashCommand(c: Client, argv: string[]): void {
  const z = readZset(c, argv[1]);
  c.reply.arrayLen(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const score = z?.score(argv[j]);
    if (score === undefined) c.reply.nullBulk();
    else c.reply.bulk(standardGeohash(score));
  }
}
