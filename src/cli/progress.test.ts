import { describe, expect, it } from "vitest";
import { formatDuration, makeProgress, progressLine } from "./progress.js";

describe("progress", () => {
  it("draws the whole plan: bar, runs done, ETA from the elapsed time, rate", () => {
    expect(progressLine("lab", 0.25, 3, 12, 30_000, 1_500_000)).toBe(`lab [${"#".repeat(8)}${"-".repeat(22)}]  25%  3/12 runs ETA 1m30s  1.5M events/s `);
    expect(progressLine("lab", 0, 0, 4, 2_000, undefined)).toBe(`lab [${"-".repeat(30)}]   0%  0/4 runs `);
  });

  it("formats durations for people", () => {
    expect([formatDuration(4_400), formatDuration(185_000), formatDuration(7_800_000)]).toEqual(["4s", "3m05s", "2h10m"]);
  });

  it("writes nothing when the stream is not a terminal", () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const p = makeProgress("lab", stream, false, 3);
    p.update(10, 20, 0, undefined, 100);
    p.runDone(1);
    p.done();
    expect(written).toEqual([]);
  });
});
