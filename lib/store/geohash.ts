/**
 * Geohashing as Redis does it for GEO commands: 26-bit longitude and
 * latitude cells interleaved into 52-bit sorted set scores, the 3x3 cell
 * search around a radius or box, and haversine distances on Redis's earth
 * radius. The arithmetic follows Redis step by step so that scores,
 * decoded coordinates, the cells searched and distances are the same.
 *
 * A hash is kept as its two lanes (`lat` on the even bits, `lon` on the odd
 * bits) so all of it stays exact in doubles.
 *
 * @module
 */

export const GEO_STEP_MAX = 26;
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

const D_R = Math.PI / 180.0;
/** Earth's quadratic mean radius for WGS-84, in meters. */
export const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

/** A geohash cell: lane values and precision (bits per lane). */
export interface GeoHash {
  lat: number;
  lon: number;
  step: number;
}

/** A cell's bounds. */
export interface GeoArea {
  lonMin: number;
  lonMax: number;
  latMin: number;
  latMax: number;
}

/** What a search covers: a circle (radius) or a box (width, height), in `conversion` units. */
export interface GeoShape {
  circular: boolean;
  lon: number;
  lat: number;
  /** Meters per unit. */
  conversion: number;
  radius: number;
  width: number;
  height: number;
  /** min lon, min lat, max lon, max lat of the bounding box (filled by the search). */
  bounds: [number, number, number, number];
}

function degRad(ang: number): number {
  return ang * D_R;
}

function radDeg(ang: number): number {
  return ang / D_R;
}

/**
 * Encodes a point at `step` bits per lane within the given ranges; undefined
 * when outside them (Redis's geohashEncode).
 */
export function geohashEncode(
  lon: number,
  lat: number,
  step: number,
  lonMin = GEO_LONG_MIN,
  lonMax = GEO_LONG_MAX,
  latMin = GEO_LAT_MIN,
  latMax = GEO_LAT_MAX,
): GeoHash | undefined {
  if (step > 32 || step === 0) return undefined;
  if (lon > GEO_LONG_MAX || lon < GEO_LONG_MIN || lat > GEO_LAT_MAX || lat < GEO_LAT_MIN) {
    return undefined;
  }
  if (lat < latMin || lat > latMax || lon < lonMin || lon > lonMax) return undefined;
  let latOffset = (lat - latMin) / (latMax - latMin);
  let lonOffset = (lon - lonMin) / (lonMax - lonMin);
  const scale = Math.pow(2, step);
  latOffset *= scale;
  lonOffset *= scale;
  // C converts to uint32 by truncation.
  return { lat: Math.trunc(latOffset) >>> 0, lon: Math.trunc(lonOffset) >>> 0, step };
}

/** Spreads the low 16 bits of `v` to the even bits of a 32-bit word. */
function spread16(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}

/** Gathers the even bits of a 32-bit word into 16 bits. */
function compact16(v: number): number {
  v &= 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  v = (v | (v >>> 8)) & 0x0000ffff;
  return v;
}

/** The interleaved bits of a hash as a number (as C converts a uint64 to double). */
export function interleave(h: GeoHash): number {
  const lo = (spread16(h.lat) | (spread16(h.lon) << 1)) >>> 0;
  const hi = (spread16(h.lat >>> 16) | (spread16(h.lon >>> 16) << 1)) >>> 0;
  return hi * 4294967296 + lo;
}

/** Lanes of interleaved bits given as an integral double (a sorted set score). */
export function deinterleave(bits: number, step: number): GeoHash {
  const hi = Math.floor(bits / 4294967296) >>> 0;
  const lo = (bits - Math.floor(bits / 4294967296) * 4294967296) >>> 0;
  const lat = (compact16(lo) | (compact16(hi) << 16)) >>> 0;
  const lon = (compact16(lo >>> 1) | (compact16(hi >>> 1) << 16)) >>> 0;
  return { lat, lon, step };
}

/** The 52-bit score of a hash: its bits shifted to 52 bits (geohashAlign52Bits). */
export function align52(h: GeoHash): number {
  return interleave(h) * Math.pow(2, 52 - h.step * 2);
}

/** Cell bounds of a hash (geohashDecode). */
export function geohashDecode(
  h: GeoHash,
  lonMin = GEO_LONG_MIN,
  lonMax = GEO_LONG_MAX,
  latMin = GEO_LAT_MIN,
  latMax = GEO_LAT_MAX,
): GeoArea {
  const latScale = latMax - latMin;
  const lonScale = lonMax - lonMin;
  const div = Math.pow(2, h.step);
  const ilat = h.lat;
  const ilon = h.lon;
  return {
    latMin: latMin + ((ilat * 1.0) / div) * latScale,
    latMax: latMin + (((ilat + 1) >>> 0) * 1.0 / div) * latScale,
    lonMin: lonMin + ((ilon * 1.0) / div) * lonScale,
    lonMax: lonMin + (((ilon + 1) >>> 0) * 1.0 / div) * lonScale,
  };
}

/** Center of a cell, clamped to the valid ranges: [lon, lat]. */
export function areaCenter(a: GeoArea): [number, number] {
  let x = (a.lonMin + a.lonMax) / 2;
  if (x > GEO_LONG_MAX) x = GEO_LONG_MAX;
  if (x < GEO_LONG_MIN) x = GEO_LONG_MIN;
  let y = (a.latMin + a.latMax) / 2;
  if (y > GEO_LAT_MAX) y = GEO_LAT_MAX;
  if (y < GEO_LAT_MIN) y = GEO_LAT_MIN;
  return [x, y];
}

/** [lon, lat] of a sorted set score (Redis's decodeGeohash at step 26). */
export function decodeScore(score: number): [number, number] {
  return areaCenter(geohashDecode(deinterleave(score, GEO_STEP_MAX)));
}

/** The sorted set score of a point (GEOADD). */
export function encodeScore(lon: number, lat: number): number {
  return align52(geohashEncode(lon, lat, GEO_STEP_MAX)!);
}

/** Moves a hash by `dlon`/`dlat` cells (each -1, 0 or 1), wrapping as Redis's bit moves do. */
function move(h: GeoHash, dlon: number, dlat: number): GeoHash {
  const mod = Math.pow(2, h.step);
  let lon = h.lon;
  let lat = h.lat;
  if (dlon !== 0) lon = (((lon % mod) + dlon + mod) % mod) >>> 0;
  if (dlat !== 0) lat = (((lat % mod) + dlat + mod) % mod) >>> 0;
  return { lat, lon, step: h.step };
}

/** Steps (bits per lane) for the 3x3 cells of a search of `rangeMeters` at `lat`. */
export function estimateStepsByRadius(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  if (step < 1) step = 1;
  if (step > 26) step = 26;
  return step;
}

/** Fills `shape.bounds` with the search's bounding box (geohashBoundingBox). */
function boundingBox(shape: GeoShape): void {
  const lon = shape.lon;
  const lat = shape.lat;
  const height = shape.conversion * (shape.circular ? shape.radius : shape.height / 2);
  const width = shape.conversion * (shape.circular ? shape.radius : shape.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const lonDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(lat + latDelta)));
  const lonDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(lat - latDelta)));
  const south = lat < 0;
  shape.bounds[0] = south ? lon - lonDeltaBottom : lon - lonDeltaTop;
  shape.bounds[2] = south ? lon + lonDeltaBottom : lon + lonDeltaTop;
  shape.bounds[1] = lat - latDelta;
  shape.bounds[3] = lat + latDelta;
}

/**
 * The cells to search, in Redis's order: center, N, S, E, W, NE, NW, SE, SW;
 * `undefined` for cells Redis drops as useless (geohashCalculateAreasByShapeWGS84).
 */
export function searchCells(shape: GeoShape): Array<GeoHash | undefined> {
  boundingBox(shape);
  const [minLon, minLat, maxLon, maxLat] = shape.bounds;
  const lon = shape.lon;
  const lat = shape.lat;
  let radiusMeters = shape.circular
    ? shape.radius
    : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2));
  radiusMeters *= shape.conversion;
  let steps = estimateStepsByRadius(radiusMeters, lat);
  let hash = geohashEncode(lon, lat, steps)!;
  let n = neighbors(hash);
  let area = geohashDecode(hash);
  const north = geohashDecode(n.north);
  const south = geohashDecode(n.south);
  const east = geohashDecode(n.east);
  const west = geohashDecode(n.west);
  const decrease = north.latMax < maxLat || south.latMin > minLat || east.lonMax < maxLon ||
    west.lonMin > minLon;
  if (steps > 1 && decrease) {
    steps--;
    hash = geohashEncode(lon, lat, steps)!;
    n = neighbors(hash);
    area = geohashDecode(hash);
  }
  const cells: Array<GeoHash | undefined> = [
    hash,
    n.north,
    n.south,
    n.east,
    n.west,
    n.northEast,
    n.northWest,
    n.southEast,
    n.southWest,
  ];
  if (steps >= 2) {
    if (area.latMin < minLat) cells[2] = cells[7] = cells[8] = undefined;
    if (area.latMax > maxLat) cells[1] = cells[5] = cells[6] = undefined;
    if (area.lonMin < minLon) cells[4] = cells[8] = cells[6] = undefined;
    if (area.lonMax > maxLon) cells[3] = cells[7] = cells[5] = undefined;
  }
  return cells;
}

function neighbors(h: GeoHash) {
  return {
    east: move(h, 1, 0),
    west: move(h, -1, 0),
    south: move(h, 0, -1),
    north: move(h, 0, 1),
    northWest: move(h, -1, 1),
    northEast: move(h, 1, 1),
    southEast: move(h, 1, -1),
    southWest: move(h, -1, -1),
  };
}

/** Score interval [min, max) holding every point of a cell (scoresOfGeoHashBox). */
export function cellScores(h: GeoHash): [number, number] {
  const shift = Math.pow(2, 52 - h.step * 2);
  const bits = interleave(h);
  return [bits * shift, (bits + 1) * shift];
}

/** Great-circle distance along a meridian. */
export function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
}

/** Haversine distance in meters (geohashGetDistance). */
export function geoDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const lon1r = degRad(lon1);
  const lon2r = degRad(lon2);
  const v = Math.sin((lon2r - lon1r) / 2);
  if (v === 0) return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/**
 * Distance from the shape's center to (lon, lat) when the point is inside
 * the shape, otherwise -1 (geoWithinShape's tests).
 */
export function distanceIfWithin(shape: GeoShape, lon: number, lat: number): number {
  if (shape.circular) {
    const d = geoDistance(shape.lon, shape.lat, lon, lat);
    return d > shape.radius * shape.conversion ? -1 : d;
  }
  const widthM = shape.width * shape.conversion;
  const heightM = shape.height * shape.conversion;
  if (latDistance(lat, shape.lat) > heightM / 2) return -1;
  if (geoDistance(lon, lat, shape.lon, lat) > widthM / 2) return -1;
  return geoDistance(shape.lon, shape.lat, lon, lat);
}

const GEO_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

/** The 11-character standard geohash of a score (GEOHASH). */
export function standardGeohash(score: number): string {
  const [lon, lat] = decodeScore(score);
  const h = geohashEncode(lon, lat, 26, -180, 180, -90, 90);
  const bits = h ? interleave(h) : 0;
  let out = "";
  for (let i = 0; i < 11; i++) {
    const idx = i === 10 ? 0 : Math.floor(bits / Math.pow(2, 52 - (i + 1) * 5)) % 32;
    out += GEO_ALPHABET[idx];
  }
  return out;
}
