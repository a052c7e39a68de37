import { describe, expect, it } from "vitest";
import { incompleteBeta, studentUpperTail, tQuantile } from "./student-t.js";

// Two-sided quantiles from the standard t table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), 3 decimals.
const TABLE: ReadonlyArray<readonly [number, ReadonlyArray<number>]> = [
  [0.9, [6.314, 2.92, 2.015, 1.812, 1.697, 1.658]],
  [0.95, [12.706, 4.303, 2.571, 2.228, 2.042, 1.98]],
  [0.99, [63.657, 9.925, 4.032, 3.169, 2.75, 2.617]],
];
const DFS = [1, 2, 5, 10, 30, 120];

describe("Student t", () => {
  for (const [level, row] of TABLE) {
    it(`matches the table at ${level} for df ${DFS.join(", ")}`, () => {
      DFS.forEach((df, i) => expect(tQuantile(level, df), `df ${df}`).toBeCloseTo(row[i]!, 3));
    });
  }

  it("tends to the normal quantile and inverts its own tail", () => {
    expect(tQuantile(0.95, 1e7)).toBeCloseTo(1.959964, 5);
    expect(tQuantile(0.999, 1)).toBeCloseTo(636.619, 2);
    for (const df of [1, 3.5, 40]) expect(2 * studentUpperTail(tQuantile(0.9, df), df)).toBeCloseTo(0.1, 12);
  });

  it("has the incomplete beta's closed forms", () => {
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(incompleteBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14);
    expect(incompleteBeta(0.5, 7, 7)).toBeCloseTo(0.5, 14);
  });

  it("refuses levels outside (0, 1)", () => {
    expect(() => tQuantile(1, 3)).toThrow(/level/);
    expect(() => tQuantile(0.9, 0)).toThrow(/df/);
  });
});
