/**
 * The answer of a sweep against a deliberately simpler reference (fast-check model-based, rule 14):
 * the reference enumerates every point and keeps the best by an explicit lexicographic key.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseSweepPoint, type PointVerdict } from "./sweep-choice.js";

/** Brute force: the lexicographically least key wins; a later point wins only when strictly better. */
function reference(points: ReadonlyArray<PointVerdict>): { kind: "chosen"; index: number } | { kind: "none"; closest: number } {
  const less = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
    return false;
  };
  const anyMeets = points.some((p) => p.meets);
  let best = -1;
  let bestKey: number[] = [];
  points.forEach((p, i) => {
    if (anyMeets && !p.meets) return;
    const key = anyMeets ? [p.size, i] : [p.failed, p.shortfall, p.size, i];
    if (best < 0 || less(key, bestKey)) {
      best = i;
      bestKey = key;
    }
  });
  return anyMeets ? { kind: "chosen", index: best } : { kind: "none", closest: best };
}

const verdict = fc.record({
  size: fc.integer({ min: 1, max: 6 }),
  meets: fc.boolean(),
  failed: fc.integer({ min: 0, max: 3 }),
  shortfall: fc.constantFrom(0, 0.25, 0.5, 1),
});

describe("sweep choice", () => {
  it("agrees with the brute-force reference on random small grids (ties included)", () => {
    fc.assert(
      fc.property(fc.array(verdict, { minLength: 1, maxLength: 24 }), (points) => {
        expect(chooseSweepPoint(points)).toEqual(reference(points));
      }),
      { numRuns: 500 },
    );
  });

  it("takes the smallest meeting point, the earlier one on a tie", () => {
    const p = (size: number, meets: boolean): PointVerdict => ({ size, meets, failed: meets ? 0 : 1, shortfall: meets ? 0 : 1 });
    expect(chooseSweepPoint([p(3, false), p(4, true), p(2, false), p(4, true)])).toEqual({ kind: "chosen", index: 1 });
    expect(chooseSweepPoint([p(3, false), p(2, false)])).toEqual({ kind: "none", closest: 1 });
  });

  it("never chooses less conservatively on the intervals than on the means (minimising and maximising)", () => {
    const point = fc.record({ size: fc.integer({ min: 1, max: 8 }), mean: fc.double({ min: 0, max: 0.1, noNaN: true }), halfWidth: fc.double({ min: 0, max: 0.05, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 16 }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.constantFrom(1, -1), (points, limit, sign) => {
        const verdicts = (onInterval: boolean) =>
          points.map((p) => {
            const high = onInterval ? p.mean + p.halfWidth : p.mean;
            return { size: sign * p.size, meets: high <= limit, failed: high <= limit ? 0 : 1, shortfall: Math.max(0, high - limit) };
          });
        const onMeans = chooseSweepPoint(verdicts(false));
        const onIntervals = chooseSweepPoint(verdicts(true));
        if (onIntervals.kind === "chosen") {
          // What the interval accepts, the mean accepts; and the mean's answer is at least as far out.
          expect(points[onIntervals.index]!.mean).toBeLessThanOrEqual(limit);
          expect(onMeans.kind).toBe("chosen");
          if (onMeans.kind === "chosen") expect(sign * points[onMeans.index]!.size).toBeLessThanOrEqual(sign * points[onIntervals.index]!.size);
        }
      }),
      { numRuns: 300 },
    );
  });
});
