import { describe, expect, it } from "vitest";
import type { RunResult } from "../scenario/index.js";
import { hostsUpTable } from "./hosts-up-table.js";

const summary = (hostsUp: unknown): RunResult["summary"] => ({ availability: { hostsUp } }) as unknown as RunResult["summary"];

describe("k-of-n table of report.md", () => {
  it("lists the site, every zone and the racks that lost a host, with all up, n−1, n−2 and the fewest up", () => {
    const t = hostsUpTable(
      summary({
        all: { hosts: 3, minUp: 1, atLeast: { "0": 1, "1": 1, "2": 0.9, "3": 0.4 } },
        az1: { hosts: 3, minUp: 1, atLeast: { "0": 1, "1": 1, "2": 0.9, "3": 0.4 } },
        "az1/r1": { hosts: 1, minUp: 0, atLeast: { "0": 1, "1": 0.7 } },
        "az1/r2": { hosts: 2, minUp: 2, atLeast: { "0": 1, "1": 1, "2": 1 } },
      }),
    );
    expect(t?.rows).toEqual([
      ["site", 3, "40.0000 %", "90.0000 %", "100.0000 %", 1],
      ["az1", 3, "40.0000 %", "90.0000 %", "100.0000 %", 1],
      ["az1/r1", 1, "70.0000 %", "100.0000 %", "—", 0],
    ]);
    expect(hostsUpTable({} as RunResult["summary"])).toBeUndefined();
  });
});
