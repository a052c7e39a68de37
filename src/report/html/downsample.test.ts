import { describe, expect, it } from "vitest";
import { downsample, type Point } from "./downsample.js";

describe("downsample", () => {
  const points: Point[] = Array.from({ length: 10_000 }, (_, i) => [i, (i * 7919) % 1000] as const);

  it("keeps at most 4 points per bucket, in x order, with the global extremes", () => {
    const out = downsample(points, 500);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.map((p) => p[0])).toEqual([...out.map((p) => p[0])].sort((a, b) => a - b));
    expect(Math.max(...out.map((p) => p[1]))).toBe(999);
    expect(Math.min(...out.map((p) => p[1]))).toBe(0);
    expect(out[0]).toEqual(points[0]);
    expect(out.at(-1)).toEqual(points.at(-1));
  });

  it("leaves short series alone and gives the same output for the same input", () => {
    expect(downsample(points.slice(0, 100), 500)).toEqual(points.slice(0, 100));
    expect(downsample(points, 300)).toEqual(downsample(points, 300));
  });
});
