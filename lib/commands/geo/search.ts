/**
 * GEORADIUS, GEORADIUSBYMEMBER (and their _RO forms), GEOSEARCH and
 * GEOSEARCHSTORE, as Redis's georadiusGeneric: the 3x3 geohash cells around
 * the center are read as score ranges of the sorted set, points are kept
 * when inside the circle or box, then sorted, limited and replied or stored.
 */
import type { Client } from "../../core/client.ts";
import { type CommandDefinition, singleKey } from "../../core/command.ts";
import { ERR_NOT_INTEGER, ERR_SYNTAX, fail } from "../../core/errors.ts";
import { NOTIFY_GENERIC } from "../../config/notify-flags.ts";
import {
  cellScores,
  decodeScore,
  distanceIfWithin,
  type GeoShape,
  searchCells,
} from "../../store/geohash.ts";
import { ZSet } from "../../store/types/zset.ts";
import { toDouble, toInt64 } from "../parse.ts";
import { readZset, storeResult } from "../zsets/common.ts";
import { formatDistance } from "./format.ts";
import { parseLonLat, parseUnit, replyCoords } from "./geo.ts";

const RADIUS_COORDS = 1;
const RADIUS_MEMBER = 2;
const RADIUS_NOSTORE = 4;
const GEOSEARCH = 8;
const GEOSEARCHSTORE = 16;

const SORT_NONE = 0;
const SORT_ASC = 1;
const SORT_DESC = 2;

/** A point found by a search. */
interface GeoPoint {
  member: string;
  score: number;
  lon: number;
  lat: number;
  dist: number;
}

/** Key positions of GEORADIUS/GEORADIUSBYMEMBER: the source and any STORE/STOREDIST key. */
function radiusKeys(argv: string[]): number[] {
  const out = [1];
  for (let i = 5; i < argv.length - 1; i++) {
    const a = argv[i].toLowerCase();
    if (a === "store" || a === "storedist") {
      out.push(i + 1);
      i++;
    }
  }
  return out;
}

export const georadius: CommandDefinition = {
  name: "georadius",
  arity: -6,
  flags: ["write", "denyoom"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"]), {
    flags: ["OW", "UPDATE"],
    begin: { keyword: "STORE", startfrom: 6 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }, {
    flags: ["OW", "UPDATE"],
    begin: { keyword: "STOREDIST", startfrom: 6 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary:
      "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point",
    since: "3.2.0",
    group: "geo",
    complexity:
      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
    syntax:
      "key longitude latitude radius <m | km | ft | mi> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC] [STORE key] [STOREDIST key]",
    history: [
      ["6.2.0", "Added the `ANY` option for `COUNT`."],
      ["7.0.0", "Added support for uppercase unit names."],
    ],
    deprecatedSince: "6.2.0",
    replacedBy: "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument",
    docFlags: ["deprecated"],
  },
  handler: georadiusCommand,
  getKeys: radiusKeys,
};

export const georadius_ro: CommandDefinition = {
  name: "georadius_ro",
  arity: -6,
  flags: ["readonly"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "A read-only variant for GEORADIUS",
    since: "3.2.10",
    group: "geo",
    complexity:
      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
    syntax:
      "key longitude latitude radius <m | km | ft | mi> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]",
    history: [
      ["6.2.0", "Added the `ANY` option for `COUNT`."],
    ],
    deprecatedSince: "6.2.0",
    replacedBy: "`GEOSEARCH` with the `BYRADIUS` argument",
    docFlags: ["deprecated"],
  },
  handler: georadiusRoCommand,
};

export const georadiusbymember: CommandDefinition = {
  name: "georadiusbymember",
  arity: -5,
  flags: ["write", "denyoom"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"]), {
    flags: ["OW", "UPDATE"],
    begin: { keyword: "STORE", startfrom: 5 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }, {
    flags: ["OW", "UPDATE"],
    begin: { keyword: "STOREDIST", startfrom: 5 },
    find: { range: { lastkey: 0, step: 1, limit: 0 } },
  }],
  docs: {
    summary:
      "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member",
    since: "3.2.0",
    group: "geo",
    complexity:
      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
    syntax:
      "key member radius <m | km | ft | mi> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC] [STORE key] [STOREDIST key]",
    history: [
      ["7.0.0", "Added support for uppercase unit names."],
    ],
    deprecatedSince: "6.2.0",
    replacedBy: "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments",
    docFlags: ["deprecated"],
  },
  handler: georadiusbymemberCommand,
  getKeys: radiusKeys,
};

export const georadiusbymember_ro: CommandDefinition = {
  name: "georadiusbymember_ro",
  arity: -5,
  flags: ["readonly"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary: "A read-only variant for GEORADIUSBYMEMBER",
    since: "3.2.10",
    group: "geo",
    complexity:
      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
    syntax:
      "key member radius <m | km | ft | mi> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]",
    deprecatedSince: "6.2.0",
    replacedBy: "`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments",
    docFlags: ["deprecated"],
  },
  handler: georadiusbymemberRoCommand,
};

export const geosearch: CommandDefinition = {
  name: "geosearch",
  arity: -7,
  flags: ["readonly"],
  acl: ["geo"],
  keys: [singleKey(["RO", "ACCESS"])],
  docs: {
    summary:
      "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.",
    since: "6.2.0",
    group: "geo",
    complexity:
      "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape",
    syntax:
      "key <FROMMEMBER member | FROMLONLAT longitude latitude> <BYRADIUS radius <m | km | ft | mi> | BYBOX width height <m | km | ft | mi>> [ASC | DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]",
    history: [
      ["7.0.0", "Added support for uppercase unit names."],
    ],
  },
  handler: geosearchCommand,
};

export const geosearchstore: CommandDefinition = {
  name: "geosearchstore",
  arity: -8,
  flags: ["write", "denyoom"],
  acl: ["geo"],
  keys: [singleKey(["OW", "UPDATE"]), singleKey(["RO", "ACCESS"], 2)],
  docs: {
    summary:
      "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.",
    since: "6.2.0",
    group: "geo",
    complexity:
      "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape",
    syntax:
      "destination source <FROMMEMBER member | FROMLONLAT longitude latitude> <BYRADIUS radius <m | km | ft | mi> | BYBOX width height <m | km | ft | mi>> [ASC | DESC] [COUNT count [ANY]] [STOREDIST]",
    history: [
      ["7.0.0", "Added support for uppercase unit names."],
    ],
  },
  handler: geosearchstoreCommand,
};

function georadiusCommand(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_COORDS);
}

function georadiusbymemberCommand(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_MEMBER);
}

function georadiusRoCommand(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_COORDS | RADIUS_NOSTORE);
}

function georadiusbymemberRoCommand(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, RADIUS_MEMBER | RADIUS_NOSTORE);
}

function geosearchCommand(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 1, GEOSEARCH);
}

function geosearchstoreCommand(c: Client, argv: string[]): void {
  georadiusGeneric(c, argv, 2, GEOSEARCH | GEOSEARCHSTORE);
}

function parseDistance(argv: string[], i: number, shape: GeoShape): void {
  const d = toDouble(argv[i]);
  if (d === undefined) fail("ERR need numeric radius");
  if (d < 0) fail("ERR radius cannot be negative");
  shape.radius = d;
  shape.conversion = parseUnit(argv[i + 1]);
}

function parseBox(argv: string[], i: number, shape: GeoShape): void {
  const w = toDouble(argv[i]);
  if (w === undefined) fail("ERR need numeric width");
  const h = toDouble(argv[i + 1]);
  if (h === undefined) fail("ERR need numeric height");
  if (h < 0 || w < 0) fail("ERR height or width cannot be negative");
  shape.width = w;
  shape.height = h;
  shape.conversion = parseUnit(argv[i + 2]);
}

function memberLonLat(z: ZSet, member: string, shape: GeoShape): void {
  const score = z.score(member);
  if (score === undefined) fail("ERR could not decode requested zset member");
  [shape.lon, shape.lat] = decodeScore(score);
}

function georadiusGeneric(c: Client, argv: string[], srcKeyIndex: number, flags: number): void {
  let storeKey: string | undefined;
  let storeDist = false;
  const z = readZset(c, argv[srcKeyIndex]);
  const shape: GeoShape = {
    circular: true,
    lon: 0,
    lat: 0,
    conversion: 1,
    radius: 0,
    width: 0,
    height: 0,
    bounds: [0, 0, 0, 0],
  };
  let baseArgs: number;
  if (flags & RADIUS_COORDS) {
    baseArgs = 6;
    [shape.lon, shape.lat] = parseLonLat(argv, 2);
    parseDistance(argv, baseArgs - 2, shape);
  } else if (flags & RADIUS_MEMBER && z === undefined) {
    baseArgs = 5;
  } else if (flags & RADIUS_MEMBER) {
    baseArgs = 5;
    memberLonLat(z!, argv[2], shape);
    parseDistance(argv, baseArgs - 2, shape);
  } else {
    baseArgs = 2;
    if (flags & GEOSEARCHSTORE) {
      baseArgs = 3;
      storeKey = argv[1];
    }
  }

  let withDist = false;
  let withHash = false;
  let withCoords = false;
  let fromMember = false;
  let fromLoc = false;
  let byRadius = false;
  let byBox = false;
  let sort = SORT_NONE;
  let any = false;
  let count = 0;
  const remaining = argv.length - baseArgs;
  for (let i = 0; i < remaining; i++) {
    const at = baseArgs + i;
    const arg = argv[at].toLowerCase();
    if (arg === "withdist") withDist = true;
    else if (arg === "withhash") withHash = true;
    else if (arg === "withcoord") withCoords = true;
    else if (arg === "any") any = true;
    else if (arg === "asc") sort = SORT_ASC;
    else if (arg === "desc") sort = SORT_DESC;
    else if (arg === "count" && i + 1 < remaining) {
      const n = toInt64(argv[at + 1]);
      if (n === undefined) fail(ERR_NOT_INTEGER);
      if (n <= 0) fail("ERR COUNT must be > 0");
      count = Number(n);
      i++;
    } else if (
      (arg === "store" || arg === "storedist") && i + 1 < remaining &&
      !(flags & RADIUS_NOSTORE) && !(flags & GEOSEARCH)
    ) {
      storeKey = argv[at + 1];
      storeDist = arg === "storedist";
      i++;
    } else if (arg === "storedist" && flags & GEOSEARCH && flags & GEOSEARCHSTORE) {
      storeDist = true;
    } else if (arg === "frommember" && i + 1 < remaining && flags & GEOSEARCH && !fromLoc) {
      if (z !== undefined) memberLonLat(z, argv[at + 1], shape);
      fromMember = true;
      i++;
    } else if (arg === "fromlonlat" && i + 2 < remaining && flags & GEOSEARCH && !fromMember) {
      [shape.lon, shape.lat] = parseLonLat(argv, at + 1);
      fromLoc = true;
      i += 2;
    } else if (arg === "byradius" && i + 2 < remaining && flags & GEOSEARCH && !byBox) {
      parseDistance(argv, at + 1, shape);
      shape.circular = true;
      byRadius = true;
      i += 2;
    } else if (arg === "bybox" && i + 3 < remaining && flags & GEOSEARCH && !byRadius) {
      parseBox(argv, at + 1, shape);
      shape.circular = false;
      byBox = true;
      i += 3;
    } else return c.reply.error(ERR_SYNTAX);
  }

  if (storeKey !== undefined && (withDist || withHash || withCoords)) {
    return c.reply.error(
      "ERR " + (flags & GEOSEARCHSTORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS") +
        " is not compatible with WITHDIST, WITHHASH and WITHCOORD options",
    );
  }
  if (flags & GEOSEARCH && !(fromMember || fromLoc)) {
    return c.reply.error(
      "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + argv[0],
    );
  }
  if (flags & GEOSEARCH && !(byRadius || byBox)) {
    return c.reply.error(
      "ERR exactly one of BYRADIUS and BYBOX can be specified for " + argv[0],
    );
  }
  if (any && !count) return c.reply.error("ERR the ANY argument requires COUNT argument");

  if (z === undefined) {
    if (storeKey !== undefined) {
      if (c.db.delete(storeKey)) {
        c.engine.keyModified(c.db, storeKey);
        c.engine.notify(NOTIFY_GENERIC, "del", storeKey, c.db.id);
        c.engine.dirty++;
      }
      c.reply.int(0);
    } else c.reply.arrayLen(0);
    return;
  }

  if (count !== 0 && sort === SORT_NONE && !any) sort = SORT_ASC;

  const points = findPoints(z, shape, any ? count : 0);
  if (points.length === 0 && storeKey === undefined) return c.reply.arrayLen(0);
  const returned = count === 0 || points.length < count ? points.length : count;
  if (sort === SORT_ASC) points.sort((a, b) => a.dist - b.dist);
  else if (sort === SORT_DESC) points.sort((a, b) => b.dist - a.dist);

  if (storeKey === undefined) {
    const options = (withDist ? 1 : 0) + (withCoords ? 1 : 0) + (withHash ? 1 : 0);
    const r = c.reply;
    r.arrayLen(returned);
    for (let i = 0; i < returned; i++) {
      const p = points[i];
      if (options) r.arrayLen(options + 1);
      r.bulk(p.member);
      if (withDist) r.bulk(formatDistance(p.dist / shape.conversion));
      if (withHash) r.int(p.score);
      if (withCoords) replyCoords(c, p.lon, p.lat);
    }
    return;
  }
  const out = new ZSet(false);
  for (let i = 0; i < returned; i++) {
    const p = points[i];
    out.insertNew(storeDist ? p.dist / shape.conversion : p.score, p.member);
  }
  out.shrinkIfSmall(c.engine.encodingLimits);
  storeResult(
    c,
    storeKey,
    out,
    flags & GEOSEARCH ? "geosearchstore" : "georadiusstore",
    returned,
  );
}

/**
 * The points of `z` inside `shape`, cell by cell in Redis's order (each cell
 * in score order), stopping at `limit` points when it is not 0 (ANY).
 */
function findPoints(z: ZSet, shape: GeoShape, limit: number): GeoPoint[] {
  const cells = searchCells(shape);
  const points: GeoPoint[] = [];
  // Index of the last cell searched; as in Redis, 0 (the center) never counts.
  let lastIdx = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === undefined) continue;
    // Huge radii can make neighbouring cells identical: skip a repeat of the last one.
    const last = cells[lastIdx];
    if (
      lastIdx && last && cell.lat === last.lat && cell.lon === last.lon && cell.step === last.step
    ) {
      continue;
    }
    if (points.length && limit && points.length >= limit) break;
    const [min, max] = cellScores(cell);
    const first = z.countBefore((s) => s >= min);
    const end = z.countBefore((s) => s >= max);
    if (end > first) {
      z.forRange(first, end - first, false, (member, score) => {
        const [lon, lat] = decodeScore(score);
        const dist = distanceIfWithin(shape, lon, lat);
        if (dist >= 0) points.push({ member, score, lon, lat, dist });
        return !(points.length && limit && points.length >= limit);
      });
    }
    lastIdx = i;
  }
  return points;
}
