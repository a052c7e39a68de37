import { describe, expect, it } from "vitest";
import { clockTime, formatMeanInterval, formatPercent, isShareMetric } from "./number-format.js";

describe("clockTime", () => {
  it("writes simulated times as days and a clock", () => {
    expect(clockTime(0)).toBe("0s");
    expect(clockTime(999)).toBe("0.999s");
    expect(clockTime(65_000)).toBe("1m 05s");
    expect(clockTime(4_805_146)).toBe("1h 20m 05.146s");
    expect(clockTime(86_400_000 + 13 * 3_600_000 + 60_000 + 46_000)).toBe("1d 13h 01m 46s");
  });
});

describe("percentages and intervals", () => {
  it("writes shares as percentages with three significant digits", () => {
    expect(formatPercent(0.0123)).toBe("1.23 %");
    expect(formatPercent(0.5)).toBe("50 %");
    expect(formatPercent(1)).toBe("100 %");
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(0.000123456)).toBe("0.0123 %");
    expect(formatPercent(0.0041, 2)).toBe("0.41 %");
  });

  it("says 'none in any replication' for 0 ± 0, and gives a single run's value alone", () => {
    expect(formatMeanInterval({ n: 5, mean: 0, halfWidth95: 0 }, true)).toBe("none in any replication");
    expect(formatMeanInterval({ n: 5, mean: 0.0123, halfWidth95: 0.00412 }, true)).toBe("1.23 % ± 0.41 %");
    expect(formatMeanInterval({ n: 1, mean: 0, halfWidth95: 0 }, true)).toBe("0 %");
    expect(formatMeanInterval({ n: 3, mean: 12.5, halfWidth95: 0.25 }, false)).toBe("12.5 ± 0.25");
  });

  it("knows which metrics are shares", () => {
    expect(["requests.rejectionRate", "utilisation.all.VCPU.meanUtilisation", "fragmentation.all.meanStrandedShareOfFree"].every(isShareMetric)).toBe(true);
    expect(["requests.placed", "servers.meanAlive", "utilisation.all.VCPU.capacity"].some(isShareMetric)).toBe(false);
  });
});
