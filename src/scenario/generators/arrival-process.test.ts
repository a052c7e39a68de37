import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextArrivalMs } from "./arrival-process.js";
import type { ArrivalSpec } from "../resolve/run-spec.js";

/** A small deterministic uniform source for counting arrivals (sfc32-like, seeded per test). */
function uniforms(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a ^= a << 13;
    a >>>= 0;
    a ^= a >>> 17;
    a ^= a << 5;
    a >>>= 0;
    return a / 4294967296;
  };
}

function countArrivals(spec: ArrivalSpec, untilMs: number, seed: number): number {
  const u = uniforms(seed);
  let t = 0;
  let n = 0;
  for (;;) {
    t = nextArrivalMs(spec, t, u());
    if (t >= untilMs) return n;
    n++;
  }
}

describe("arrival process", () => {
  it("a vanishing daily rate jumps over whole days instead of walking ~1e100 hours (issue 15)", () => {
    const flat = (ratePerMs: number, factor: number, weekly?: number[]): ArrivalSpec => ({ kind: "daily", ratePerMs, hourly: Array.from({ length: 24 }, () => factor), weekly });
    expect(nextArrivalMs(flat(30 / 3_600_000, 1e-108), 0, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(nextArrivalMs(flat(1 / 3_600_000, 6e-323, [1, 1, 1, 1, 1, 1, 0.5]), 0, 0.9)).toBe(Number.POSITIVE_INFINITY);
    // A gap of ~5,000 days with a flat profile is the constant-rate answer need / rate.
    const ratePerMs = Math.LN2 / (5000.5 * 86_400_000);
    expect(nextArrivalMs(flat(ratePerMs, 1), 7, 0.5)).toBeCloseTo(7 + Math.LN2 / ratePerMs, -1);
  });

  it("a constant rate gives a count within 5 standard deviations of rate × time", () => {
    const spec: ArrivalSpec = { kind: "poisson", ratePerMs: 100 / 3_600_000 };
    const expected = 100 * 200; // 200 hours
    const n = countArrivals(spec, 200 * 3_600_000, 7);
    expect(Math.abs(n - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it("a daily profile gives its integrated rate, and nothing in zero-rate hours", () => {
    const hourly = Array.from({ length: 24 }, (_, h) => (h < 12 ? 0 : 2));
    const spec: ArrivalSpec = { kind: "daily", ratePerMs: 50 / 3_600_000, hourly, weekly: undefined };
    const expected = 50 * 2 * 12 * 30; // 30 days
    const n = countArrivals(spec, 30 * 86_400_000, 11);
    expect(Math.abs(n - expected)).toBeLessThan(5 * Math.sqrt(expected));
    const u = uniforms(3);
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      t = nextArrivalMs(spec, t, u());
      expect(Math.floor(t / 3_600_000) % 24).toBeGreaterThanOrEqual(12);
    }
  });

  it("a schedule that drops to zero ends the stream", () => {
    const spec: ArrivalSpec = { kind: "schedule", steps: [{ fromMs: 0, ratePerMs: 1 / 1000 }, { fromMs: 60_000, ratePerMs: 0 }] };
    const n = countArrivals(spec, Number.POSITIVE_INFINITY, 5);
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(120);
  });

  it("arrival times never go backwards (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (from, u) => {
        const hourly = Array.from({ length: 24 }, (_, h) => (h % 3 === 0 ? 0 : 1));
        const spec: ArrivalSpec = { kind: "daily", ratePerMs: 1 / 60_000, hourly, weekly: [1, 1, 1, 1, 1, 0, 0] };
        expect(nextArrivalMs(spec, from, u)).toBeGreaterThanOrEqual(from);
      }),
    );
  });
});
