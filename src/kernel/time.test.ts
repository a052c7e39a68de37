import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDurationMs, meanIntervalMs, parseDurationMs, parseRatePerHour, ratePerHourToPerMs } from "./time.js";

describe("parseDurationMs", () => {
  it.each([
    ["250ms", 250],
    ["30s", 30_000],
    ["5m", 300_000],
    ["2h", 7_200_000],
    ["7d", 604_800_000],
    ["1.5h", 5_400_000],
    ["0.25s", 250],
    ["1h30m", 5_400_000],
    ["1d2h3m4s5ms", 93_784_005],
    ["1m0.5s", 60_500],
    ["0s", 0],
    ["0.001s", 1],
  ])("accepts %s", (text, ms) => {
    expect(parseDurationMs(text)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ["30", 'expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got "30"'],
    ["", 'expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got ""'],
    ["1.5", 'expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got "1.5"'],
    ["s", 'expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got "s"'],
    ["1h 30m", 'expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got "1h 30m"'],
    [".5s", 'expected a duration with a unit (ms, s, m, h, d), e.g. "30s"; got ".5s"'],
    ["-5s", 'a duration cannot be negative; got "-5s"'],
    ["5w", 'unknown duration unit "w" in "5w"; expected one of ms, s, m, h, d'],
    ["5sec", 'unknown duration unit "sec" in "5sec"; expected one of ms, s, m, h, d'],
    ["0.5ms", '"0.5ms" is not a whole number of milliseconds; simulated time is integer ms (use e.g. "1ms" or "1s")'],
    ["0.0001s", '"0.0001s" is not a whole number of milliseconds; simulated time is integer ms (use e.g. "1ms" or "1s")'],
    ["30m1h", 'the parts of a duration go from the largest unit to the smallest, each once (e.g. "1h30m"); got "30m1h"'],
    ["1h1h", 'the parts of a duration go from the largest unit to the smallest, each once (e.g. "1h30m"); got "1h1h"'],
  ])("rejects %j", (text, error) => {
    expect(parseDurationMs(text)).toEqual({ ok: false, error });
  });

  it("computes decimals exactly (no float rounding)", () => {
    // 1.001 * 1000 is 1000.9999999999999 in floating point; the parser must say 1001.
    expect(parseDurationMs("1.001s")).toEqual({ ok: true, value: 1001 });
    expect(parseDurationMs("0.1h")).toEqual({ ok: true, value: 360_000 });
  });

  it("rejects a duration beyond the safe-integer range", () => {
    const parsed = parseDurationMs("999999999999999d");
    expect(parsed.ok).toBe(false);
  });
});

describe("formatDurationMs", () => {
  it.each([
    [0, "0ms"],
    [250, "250ms"],
    [5_400_000, "1h30m"],
    [93_784_005, "1d2h3m4s5ms"],
    [60_000, "1m"],
    [-1500, "-1s500ms"],
    [1234.6, "1s235ms"],
  ])("formats %d as %s", (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });

  it("round-trips through parseDurationMs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) => {
        expect(parseDurationMs(formatDurationMs(ms))).toEqual({ ok: true, value: ms });
      }),
    );
  });
});

describe("parseRatePerHour", () => {
  it.each([
    ["12/h", 12],
    ["3.5/m", 210],
    ["200/s", 720_000],
    ["5/d", 5 / 24],
    ["0/h", 0],
  ])("accepts %s", (text, perHour) => {
    const parsed = parseRatePerHour(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toBeCloseTo(perHour, 12);
  });

  it.each([
    ["12", 'expected a rate with a time unit (/s, /m, /h, /d), e.g. "12/h"; got "12"'],
    ["12 per hour", 'expected a rate with a time unit (/s, /m, /h, /d), e.g. "12/h"; got "12 per hour"'],
    ["-1/h", 'a rate cannot be negative; got "-1/h"'],
    ["3/w", 'unknown rate unit "/w" in "3/w"; expected one of /ms, /s, /m, /h, /d'],
  ])("rejects %j", (text, error) => {
    expect(parseRatePerHour(text)).toEqual({ ok: false, error });
  });

  it("converts to per-ms rates and mean gaps", () => {
    expect(ratePerHourToPerMs(3600)).toBe(0.001);
    expect(meanIntervalMs(12)).toBe(300_000);
  });
});
