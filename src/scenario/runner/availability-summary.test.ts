import { describe, expect, it } from "vitest";
import { hostsDownOverTime, summariseValues } from "./availability-summary.js";

describe("availability summary helpers", () => {
  it("hosts down over time: the peak of each bucket, carried over between changes", () => {
    // 10 hosts fail at 250 ms for 100 ms, one more at 700 ms until the end; 1,000 ms in 200 buckets of 5 ms.
    const series = hostsDownOverTime([[250, 10], [350, 0], [700, 1]], 1_000);
    expect(series).toHaveLength(200);
    expect(series[49]).toEqual([245, 0]);
    expect(series[50]).toEqual([250, 10]);
    expect(series[69]).toEqual([345, 10]);
    expect(series[70]).toEqual([350, 0]);
    expect(series[199]).toEqual([995, 1]);
    expect(hostsDownOverTime([], 0)).toEqual([]);
  });

  it("summarises values with nearest-rank percentiles", () => {
    expect(summariseValues([5, 1, 3])).toEqual({ count: 3, mean: 3, min: 1, max: 5, p50: 3, p95: 5, p99: 5 });
    expect(summariseValues([]).count).toBe(0);
  });
});
