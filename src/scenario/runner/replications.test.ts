import { describe, expect, it } from "vitest";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { replicationSeeds, runReplications } from "./replications.js";
import { runScenario } from "./runner.js";

const scenario = `kind: Scenario
name: reps
model: model.yaml
seed: 5
stop: { arrivals: 3000 }
placement: { policy: first-fit }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 150/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
expect:
  - { metric: requests.rejectionRate, min: 0.0001 }
`;

describe("replications", () => {
  it("derives distinct, reproducible seeds starting with the base seed", () => {
    const seeds = replicationSeeds(5, 6);
    expect(seeds[0]).toBe(5);
    expect(new Set(seeds).size).toBe(6);
    expect(replicationSeeds(5, 6)).toEqual(seeds);
    expect(replicationSeeds(5, 3)).toEqual(seeds.slice(0, 3));
  });

  it("aggregates every metric over the runs with a 95 % interval that covers them", () => {
    const spec = specFrom(scenario, slotModel(10, 16));
    const result = runReplications(spec, 5);
    expect(result.runs).toHaveLength(5);
    expect(result.runs[0]!.summary).toEqual(runScenario({ ...spec, expectations: [] }).summary);
    const rates = result.runs.map((r) => r.summary.requests.rejectionRate);
    const m = result.metrics["requests.rejectionRate"]!;
    expect(m.n).toBe(5);
    expect(m.mean).toBeCloseTo(rates.reduce((a, b) => a + b, 0) / 5, 12);
    expect(m.min).toBe(Math.min(...rates));
    expect(m.halfWidth95).toBeGreaterThan(0);
    expect(result.metrics["requests.total"]!.sd).toBe(0); // every run makes exactly 3000 requests
    expect(Object.keys(result.metrics).some((k) => k.startsWith("scenario."))).toBe(false);
    expect(result.expectations.map((e) => e.passed)).toEqual([true]);
    expect(result.expectations[0]!.text).toMatch(/: got mean /);
  });
});
