/**
 * INV-A6 at the end of a run counts the second allocation of a server caught mid-move by the horizon
 * (found by the fuzzer: tenant-day cut to 3 hours ended on "123 allocations for 122 live servers").
 */
import { describe, expect, it } from "vitest";
import { loadShipped } from "../../testing/shipped-scenario.js";
import { runScenario } from "./runner.js";

describe("the ledger check at the horizon", () => {
  it("accepts a run that ends while a server is moving (its source allocation is still held)", () => {
    const spec = loadShipped("scenarios/lifecycle/tenant-day.yaml");
    const result = runScenario({ ...spec, stop: { ...spec.stop, horizonMs: 3 * 3_600_000 } });
    expect(result.summary.requests.total).toBeGreaterThan(0);
  });
});
