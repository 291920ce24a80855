/**
 * GEO commands: scores, coordinates, distances and searches as Redis 7.0.15
 * replies them (the expected bytes were taken from Redis for the same
 * commands), plus the geohash and number-format helpers.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createInProcess, type InProcess } from "../../mod.ts";
import { decodeScore, encodeScore, geoDistance, standardGeohash } from "../../lib/store/geohash.ts";
import {
  formatDistance,
  formatFixed,
  formatHumanLongDouble,
} from "../../lib/commands/geo/format.ts";

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

function raw(r: InProcess, ...argv: string[]): string {
  return latin1(r.callRaw(...argv));
}

function sicily(): InProcess {
  const r = createInProcess();
  r.call(
    "GEOADD",
    "Sicily",
    "13.361389",
    "38.115556",
    "Palermo",
    "15.087269",
    "37.502669",
    "Catania",
  );
  return r;
}

const PALERMO_POS = "*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n";
const CATANIA_POS = "*2\r\n$20\r\n15.08726745843887329\r\n$20\r\n37.50266842333162032\r\n";

describe("GEOADD / GEOPOS / GEODIST / GEOHASH", () => {
  test("scores, positions, distances and hashes", () => {
    const r = sicily();
    assert.equal(raw(r, "ZSCORE", "Sicily", "Palermo"), "$16\r\n3479099956230698\r\n");
    assert.equal(
      raw(r, "GEOPOS", "Sicily", "Palermo", "nosuch"),
      "*2\r\n" + PALERMO_POS + "*-1\r\n",
    );
    assert.equal(raw(r, "GEOPOS", "nokey", "a"), "*1\r\n*-1\r\n");
    assert.equal(raw(r, "GEODIST", "Sicily", "Palermo", "Catania"), "$11\r\n166274.1516\r\n");
    assert.equal(raw(r, "GEODIST", "Sicily", "Palermo", "Catania", "km"), "$8\r\n166.2742\r\n");
    assert.equal(raw(r, "GEODIST", "Sicily", "Palermo", "nosuch"), "$-1\r\n");
    assert.equal(raw(r, "GEODIST", "nokey", "a", "b"), "$-1\r\n");
    assert.equal(
      raw(r, "GEOHASH", "Sicily", "Palermo", "Catania", "x"),
      "*3\r\n$11\r\nsqc8b49rny0\r\n$11\r\nsqdtr74hyu0\r\n$-1\r\n",
    );
  });

  test("RESP3 coordinates are doubles, missing members null", () => {
    const r = sicily();
    r.call("HELLO", "3");
    assert.equal(
      raw(r, "GEOPOS", "Sicily", "Palermo", "nosuch"),
      "*2\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n_\r\n",
    );
  });

  test("options and errors", () => {
    const r = sicily();
    assert.equal(raw(r, "GEOADD", "Sicily", "NX", "1", "1", "Palermo"), ":0\r\n");
    assert.equal(raw(r, "GEOADD", "Sicily", "XX", "CH", "13.5", "38", "Palermo"), ":1\r\n");
    assert.equal(raw(r, "GEOADD", "Sicily", "NX", "XX", "1", "1", "x"), "-ERR syntax error\r\n");
    assert.equal(raw(r, "GEOADD", "Sicily", "1", "1", "x", "2"), "-ERR syntax error\r\n");
    assert.equal(
      raw(r, "GEOADD", "Sicily", "200", "10", "x"),
      "-ERR invalid longitude,latitude pair 200.000000,10.000000\r\n",
    );
    assert.equal(
      raw(r, "GEOADD", "Sicily", "10", "86", "x"),
      "-ERR invalid longitude,latitude pair 10.000000,86.000000\r\n",
    );
    assert.equal(
      raw(r, "GEOADD", "Sicily", "abc", "1", "x"),
      "-ERR value is not a valid float\r\n",
    );
    assert.equal(
      raw(r, "GEODIST", "Sicily", "a", "b", "yards"),
      "-ERR unsupported unit provided. please use M, KM, FT, MI\r\n",
    );
    assert.equal(raw(r, "GEODIST", "Sicily", "a", "b", "m", "x"), "-ERR syntax error\r\n");
  });
});

describe("searches", () => {
  test("GEORADIUS with every WITH option", () => {
    const r = sicily();
    assert.equal(
      raw(
        r,
        "GEORADIUS",
        "Sicily",
        "15",
        "37",
        "200",
        "km",
        "WITHDIST",
        "WITHCOORD",
        "WITHHASH",
        "ASC",
      ),
      "*2\r\n*4\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n:3479447370796909\r\n" + CATANIA_POS +
        "*4\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n:3479099956230698\r\n" + PALERMO_POS,
    );
    assert.equal(
      raw(r, "GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "km", "DESC", "WITHDIST"),
      "*2\r\n*2\r\n$7\r\nCatania\r\n$8\r\n166.2742\r\n*2\r\n$7\r\nPalermo\r\n$6\r\n0.0000\r\n",
    );
    assert.equal(raw(r, "GEORADIUS", "Sicily", "15", "37", "1", "km"), "*0\r\n");
    assert.equal(raw(r, "GEORADIUS", "nokey", "15", "37", "1", "km"), "*0\r\n");
  });

  test("GEOSEARCH by box and by radius, GEOSEARCHSTORE", () => {
    const r = sicily();
    assert.equal(
      raw(
        r,
        "GEOSEARCH",
        "Sicily",
        "FROMLONLAT",
        "15",
        "37",
        "BYBOX",
        "400",
        "400",
        "km",
        "ASC",
        "WITHDIST",
      ),
      "*2\r\n*2\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n",
    );
    assert.equal(
      raw(
        r,
        "GEOSEARCH",
        "Sicily",
        "FROMMEMBER",
        "Catania",
        "BYRADIUS",
        "100",
        "mi",
        "COUNT",
        "1",
        "ANY",
      ),
      "*1\r\n$7\r\nCatania\r\n",
    );
    assert.equal(
      raw(
        r,
        "GEOSEARCHSTORE",
        "dst",
        "Sicily",
        "FROMLONLAT",
        "15",
        "37",
        "BYRADIUS",
        "200",
        "km",
        "STOREDIST",
      ),
      ":2\r\n",
    );
    assert.equal(
      raw(r, "ZRANGE", "dst", "0", "-1", "WITHSCORES"),
      "*4\r\n$7\r\nCatania\r\n$18\r\n56.441257870158204\r\n$7\r\nPalermo\r\n$18\r\n190.44242984775784\r\n",
    );
    assert.equal(raw(r, "GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst2"), ":2\r\n");
    assert.equal(raw(r, "ZSCORE", "dst2", "Palermo"), "$16\r\n3479099956230698\r\n");
    // An empty result deletes the destination.
    assert.equal(
      raw(r, "GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"),
      ":0\r\n",
    );
    assert.equal(raw(r, "EXISTS", "dst"), ":0\r\n");
  });

  test("search errors", () => {
    const r = sicily();
    const e = (...a: string[]) => raw(r, ...a);
    assert.equal(
      e("GEOSEARCH", "Sicily", "BYRADIUS", "10", "km", "ASC", "WITHDIST"),
      "-ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH\r\n",
    );
    assert.equal(
      e("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "2", "ASC", "ASC"),
      "-ERR exactly one of BYRADIUS and BYBOX can be specified for GEOSEARCH\r\n",
    );
    assert.equal(
      e("GEOSEARCH", "Sicily", "FROMMEMBER", "x", "FROMLONLAT", "1", "2", "BYRADIUS", "1", "m"),
      "-ERR could not decode requested zset member\r\n",
    );
    assert.equal(
      e("GEORADIUS", "Sicily", "15", "37", "200", "km", "ANY"),
      "-ERR the ANY argument requires COUNT argument\r\n",
    );
    assert.equal(
      e("GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "0"),
      "-ERR COUNT must be > 0\r\n",
    );
    assert.equal(
      e("GEORADIUS", "Sicily", "15", "37", "-1", "km"),
      "-ERR radius cannot be negative\r\n",
    );
    assert.equal(e("GEORADIUS", "Sicily", "15", "37", "x", "km"), "-ERR need numeric radius\r\n");
    assert.equal(
      e("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "2", "BYBOX", "x", "1", "m"),
      "-ERR need numeric width\r\n",
    );
    assert.equal(
      e("GEOSEARCH", "Sicily", "FROMLONLAT", "1", "2", "BYBOX", "1", "-1", "m"),
      "-ERR height or width cannot be negative\r\n",
    );
    assert.equal(
      e("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "x", "WITHDIST"),
      "-ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options\r\n",
    );
    assert.equal(
      e("GEORADIUS_RO", "Sicily", "15", "37", "200", "km", "STORE", "x"),
      "-ERR syntax error\r\n",
    );
    assert.equal(
      e("GEORADIUSBYMEMBER", "Sicily", "nosuch", "200", "km"),
      "-ERR could not decode requested zset member\r\n",
    );
    r.call("SET", "s", "v");
    assert.equal(
      e("GEOPOS", "s", "a"),
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    );
  });

  test("RESP3 search replies", () => {
    const r = sicily();
    r.call("HELLO", "3");
    assert.equal(
      raw(r, "GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD", "ASC"),
      "*2\r\n*3\r\n$7\r\nCatania\r\n$7\r\n56.4413\r\n*2\r\n,15.08726745843887329\r\n,37.50266842333162032\r\n" +
        "*3\r\n$7\r\nPalermo\r\n$8\r\n190.4424\r\n*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n",
    );
  });
});

describe("helpers", () => {
  test("geohash encode/decode round trip within a cell", () => {
    for (const [lon, lat] of [[0, 0], [-179.9, -85], [179.99, 85.05], [13.361389, 38.115556]]) {
      const [x, y] = decodeScore(encodeScore(lon, lat));
      assert.ok(Math.abs(x - lon) < 1e-5 && Math.abs(y - lat) < 1e-5, `${lon},${lat}`);
    }
    assert.equal(standardGeohash(3479099956230698), "sqc8b49rny0");
    assert.equal(geoDistance(0, 0, 0, 1).toFixed(4), "111226.3000");
  });

  test("number formats", () => {
    assert.equal(formatDistance(166274.15156960033), "166274.1516");
    assert.equal(formatDistance(0), "0.0000");
    assert.equal(formatDistance(0.00004), "0.0000");
    assert.equal(formatDistance(0.00005), "0.0000");
    // 0.00015 * 10^4 is 1.4999999999999998 in doubles.
    assert.equal(formatDistance(0.00015), "0.0001");
    assert.equal(formatDistance(0.00025), "0.0002");
    assert.equal(formatFixed(0.0078125, 6), "0.007812");
    assert.equal(formatFixed(-0, 6), "-0.000000");
    assert.equal(formatHumanLongDouble(15), "15");
    assert.equal(formatHumanLongDouble(-0), "0");
    assert.equal(formatHumanLongDouble(13.361389338970184), "13.36138933897018433");
  });
});
