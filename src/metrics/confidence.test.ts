import { describe, expect, it } from "vitest";
import { halfWidthAt, interval, tQuantile95 } from "./confidence.js";

describe("confidence intervals", () => {
  it("matches a hand computation", () => {
    const x = interval([1, 2, 3, 4, 5]);
    expect(x.mean).toBe(3);
    expect(x.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(x.halfWidth95).toBeCloseTo((2.776445 * Math.sqrt(2.5)) / Math.sqrt(5), 5);
    expect([x.min, x.max, x.n]).toEqual([1, 5, 5]);
  });

  it("has no width for one observation and uses Student t past 30 degrees of freedom too", () => {
    expect(interval([7]).halfWidth95).toBe(0);
    expect(tQuantile95(31)).toBeCloseTo(2.04, 3);
    expect(tQuantile95(100)).toBeCloseTo(1.984, 3);
  });

  it("gives the half-width at other levels", () => {
    const x = interval([1, 2, 3, 4, 5]);
    expect(halfWidthAt(x, 0.95)).toBe(x.halfWidth95);
    expect(halfWidthAt(x, 0.9)).toBeCloseTo((2.132 * Math.sqrt(2.5)) / Math.sqrt(5), 3);
    expect(halfWidthAt(x, 0.99)).toBeCloseTo((4.604 * Math.sqrt(2.5)) / Math.sqrt(5), 3);
  });
});
