import { describe, expect, it } from "vitest";
import { interval, tQuantile95 } from "./confidence.js";

describe("confidence intervals", () => {
  it("matches a hand computation", () => {
    const x = interval([1, 2, 3, 4, 5]);
    expect(x.mean).toBe(3);
    expect(x.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(x.halfWidth95).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect([x.min, x.max, x.n]).toEqual([1, 5, 5]);
  });

  it("has no width for one observation and uses the normal quantile past 30 degrees of freedom", () => {
    expect(interval([7]).halfWidth95).toBe(0);
    expect(tQuantile95(100)).toBe(1.96);
  });
});
