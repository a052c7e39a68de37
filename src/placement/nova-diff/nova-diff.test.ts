/**
 * nfvtwin's placement against Nova's own filters and weighers (Debian python3-nova, driver.py): the
 * same passing hosts, the same weights (±1e-9), the same order wherever weights differ, and the fast
 * path's host among Nova's best. One Python process per batch. Fails (never skips) without
 * python3-nova: .ci/run installs it. Thousands of cases: `npm run nova-diff -- --cases 5000`.
 */
import { describe, expect, it } from "vitest";
import { novaDiff, novaMissing } from "../../testing/nova-diff.js";

const CASES = 300;
const SEED = 17;

describe("nova differential", () => {
  it(`decides as Nova's scheduler on ${CASES} random cases`, () => {
    expect(novaMissing()).toBeUndefined();
    const { failures } = novaDiff(CASES, SEED);
    const shown = failures.slice(0, 3).map((f) => `case ${f.index}: ${f.problems.join("; ")}\n${JSON.stringify(f.c)}`);
    expect(shown, `${failures.length} of ${CASES} cases differ (seed ${SEED})`).toEqual([]);
  }, 60_000);
});
