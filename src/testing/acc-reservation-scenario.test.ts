/**
 * The shipped scenario of a reservation holding GPU handles (INV-F7) meets its expectations: every
 * reserved server binds a held handle while the unreserved burst is refused for GPU handles; the run
 * is deterministic and logs the holds (entity accHold: hold, take, free).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { loadShipped } from "./shipped-scenario.js";

const FILE = "scenarios/accelerators/reserved-gpu-tenant.yaml";

function run(keepRecords: boolean) {
  const spec = loadShipped(FILE);
  return runScenario(keepRecords ? { ...spec, output: { ...spec.output, trace: true } } : spec);
}

describe("reserved-gpu-tenant", () => {
  it("meets its expectations: 12 reserved servers bound, the burst refused for GPU handles", () => {
    const result = run(false);
    expect(result.expectations.length).toBeGreaterThan(0);
    expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(result.summary.accelerators?.bindFailures["insufficient GPU handles"]).toBeGreaterThanOrEqual(20);
  });

  it("is deterministic and logs the holds of the lease's handles", () => {
    const a = run(true);
    const b = run(false);
    expect(a.summary.run.digest).toBe(b.summary.run.digest);
    const ops = a.records.filter((r) => r.entity === "accHold").map((r) => r.op);
    expect(ops).toEqual(["hold", "take", "free"]);
  });
});
