import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Percentiles, RunningStats, TimeWeighted } from "./statistics.js";

describe("RunningStats", () => {
  it("matches the two-pass mean and sample variance", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const s = new RunningStats();
        for (const x of xs) s.add(x);
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
        expect(s.mean).toBeCloseTo(mean, 3);
        expect(Math.abs(s.variance - variance)).toBeLessThanOrEqual(1e-6 * Math.max(1, variance));
        expect(s.min).toBe(Math.min(...xs));
        expect(s.max).toBe(Math.max(...xs));
      }),
    );
  });
});

describe("TimeWeighted", () => {
  it("weighs each value by how long it held", () => {
    const t = new TimeWeighted(0);
    t.set(0, 2); // 2 for 10 ms
    t.set(10, 4); // 4 for 30 ms
    expect(t.meanUntil(40)).toBe((2 * 10 + 4 * 30) / 40);
    expect(t.peak).toBe(4);
    t.reset(40);
    expect(t.meanUntil(50)).toBe(4);
  });
});

describe("Percentiles", () => {
  it("gives exact quantiles while under capacity", () => {
    const p = new Percentiles(1000);
    for (let i = 100; i >= 0; i--) p.add(i);
    expect(p.quantile(0)).toBe(0);
    expect(p.quantile(0.5)).toBe(50);
    expect(p.quantile(0.99)).toBe(99);
    expect(p.quantile(1)).toBe(100);
  });

  it("answers for every sample added since the last quantile (the sorted copy is not kept stale)", () => {
    const p = new Percentiles(1000);
    for (let i = 1; i <= 10; i++) p.add(i);
    expect(p.quantile(1)).toBe(10);
    expect(p.quantile(0)).toBe(1);
    p.add(100);
    p.add(-5);
    expect(p.quantile(1)).toBe(100);
    expect(p.quantile(0)).toBe(-5);
  });

  it("stays close when subsampling a long stream", () => {
    const p = new Percentiles(1000);
    for (let i = 0; i < 100_000; i++) p.add(i % 1000);
    expect(Math.abs(p.quantile(0.5) - 500)).toBeLessThan(10);
  });
});
