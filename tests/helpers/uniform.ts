/**
 * Checks that random draws cover exactly `live` and are uniform enough: a
 * chi-square test against equal counts, with a bound past the 99.9th
 * percentile for `live.size - 1` degrees of freedom (about 270 for 199).
 */
import assert from "node:assert/strict";

export function assertUniformDraws(draws: string[], live: Set<string>, bound: number): void {
  const counts = new Map<string, number>();
  for (const d of draws) counts.set(d, (counts.get(d) ?? 0) + 1);
  assert.equal(counts.size, live.size);
  const expected = draws.length / live.size;
  let chi = 0;
  for (const [d, n] of counts) {
    assert.ok(live.has(d), d);
    chi += (n - expected) ** 2 / expected;
  }
  assert.ok(chi < bound, "chi-square " + chi);
}
