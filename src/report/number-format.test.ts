import { describe, expect, it } from "vitest";
import { clockTime } from "./number-format.js";

describe("clockTime", () => {
  it("writes simulated times as days and a clock", () => {
    expect(clockTime(0)).toBe("0s");
    expect(clockTime(999)).toBe("0.999s");
    expect(clockTime(65_000)).toBe("1m 05s");
    expect(clockTime(4_805_146)).toBe("1h 20m 05.146s");
    expect(clockTime(86_400_000 + 13 * 3_600_000 + 60_000 + 46_000)).toBe("1d 13h 01m 46s");
  });
});
