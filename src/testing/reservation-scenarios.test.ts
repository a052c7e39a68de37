/**
 * The shipped reservation scenarios meet the expectations their comments promise, their summaries
 * carry the reservations section (occupancy sampled), and a scenario without reservations has none.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { loadShipped } from "./shipped-scenario.js";


function run(file: string) {
  return runScenario(loadShipped(file));
}

describe("reservation scenarios", () => {
  for (const name of ["back-to-back-leases", "burst-vs-reserved", "capacity-forecast-7d", "expire-unused"]) {
    it(`${name} meets its expectations`, () => {
      const result = run(`scenarios/reservation/${name}.yaml`);
      expect(result.expectations.length).toBeGreaterThan(0);
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
      const occupancy = result.summary.reservations?.occupancy ?? [];
      expect(occupancy.length).toBeGreaterThan(1);
      expect(occupancy.some((o) => o.reservedVcpu > 0)).toBe(true);
      for (const o of occupancy) expect(o.boundVcpu).toBeLessThanOrEqual(o.reservedVcpu);
    });
  }

  it("runs the same twice (same digest) and leaves scenarios without reservations without the section", () => {
    const a = run("scenarios/reservation/back-to-back-leases.yaml");
    const b = run("scenarios/reservation/back-to-back-leases.yaml");
    expect(a.summary.run.digest).toBe(b.summary.run.digest);
    expect(run("scenarios/demo/hello-lab.yaml").summary.reservations).toBeUndefined();
  });
});

describe("capacity forecast", () => {
  it("gives one row per day and class of the week, each with total = available + reserved + allocated (INV-A9)", () => {
    const forecast = run("scenarios/reservation/capacity-forecast-7d.yaml").summary.reservations?.forecast ?? [];
    expect(forecast.length).toBe(14);
    for (const f of forecast) expect(f.totalCapacity).toBe(f.availableCapacity + f.reservedCapacity + f.allocatedCapacity);
    const vcpu = forecast.filter((f) => f.resourceClass === "VCPU").map((f) => f.availableCapacity);
    // Room grows as the booked leases pass, never shrinks.
    for (let i = 1; i < vcpu.length; i++) expect(vcpu[i]).toBeGreaterThanOrEqual(vcpu[i - 1]!);
  });
});
