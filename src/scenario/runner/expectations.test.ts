import { describe, expect, it } from "vitest";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { metricPathProblem } from "../resolve/metric-paths.js";
import { evaluateExpectations, metricValue } from "./expectations.js";
import { runScenario } from "./runner.js";

const scenario = (expectations: string) => `kind: Scenario
name: expect-test
model: model.yaml
stop: { arrivals: 2000 }
placement: { policy: first-fit }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 200/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
      bootTime: { kind: uniform, min: 10s, max: 50s }
expect:
${expectations}`;

describe("expectations", () => {
  it("pass and fail with the amount they missed by", () => {
    const spec = specFrom(
      scenario(`  - { metric: requests.rejectionRate, min: 0.01 }
  - { metric: requests.rejectionRate, max: 0.9 }
  - { metric: servers.bootTimeMs.p99, max: 20s }
  - { metric: utilisation.az1.VCPU.peakUtilisation, max: 1.0 }
  - { metric: requests.rejectedByKind.NO_VALID_HOST, min: 1 }
`),
      slotModel(10, 16),
    );
    const result = runScenario(spec);
    const outcomes = result.expectations;
    expect(outcomes.map((o) => o.passed)).toEqual([true, true, false, true, true]);
    expect(outcomes[2]!.text).toMatch(/^servers\.bootTimeMs\.p99 <= 20s: got [\d.]+ \([\d.]+ above the maximum\)$/);
    expect(outcomes[2]!.value).toBeGreaterThan(40_000);
    expect(result.headline).toContain("1 of 5 expectations FAILED");
  });

  it("reads missing map entries as 0", () => {
    const spec = specFrom(scenario("  - { metric: requests.rejectedByKind.QUOTA_EXCEEDED, max: 0 }\n"), slotModel(10, 16));
    const result = runScenario(spec);
    expect(metricValue(result.summary, "requests.rejectedByKind.QUOTA_EXCEEDED")).toBe(0);
    expect(evaluateExpectations(spec.expectations, result.summary)[0]!.passed).toBe(true);
  });

  it("rejects unknown metrics and durations on non-ms metrics when loading", () => {
    expect(() => specFrom(scenario("  - { metric: requests.rejectRate, max: 0.1 }\n"), slotModel(2, 2))).toThrow(/unknown metric "requests\.rejectRate"/);
    expect(() => specFrom(scenario("  - { metric: requests.rejectionRate, max: 5m }\n"), slotModel(2, 2))).toThrow(/durations are only for metrics in milliseconds/);
    expect(() => specFrom(scenario("  - { metric: utilisation.az9.VCPU.peakUtilisation, max: 0.5 }\n"), slotModel(2, 2))).toThrow(/zones: all, az1/);
  });

  it("knows the metric paths of summary.json", () => {
    for (const ok of ["requests.rejectionRate", "servers.meanAlive", "utilisation.all.MEMORY_MB.meanUtilisation", "fragmentation.az1.lastStranded", "servers.placedByZone.az1", "servers.rejectionRate", "requests.all.rejected", "servers.all.requested"]) {
      expect(metricPathProblem(ok, { zones: ["az1"] })).toBeUndefined();
    }
    for (const bad of ["requests", "servers.bootTimeMs.p42", "utilisation.all.GPU.meanUsed", "x.y", "requests.all.requested", "servers.all.total"]) expect(metricPathProblem(bad, { zones: ["az1"] })).toBeDefined();
    // summary layout 1 kept server counts under requests; the path says where they went.
    expect(metricPathProblem("requests.placedByZone.az1", { zones: ["az1"] })).toMatch(/it is servers\.placedByZone\.az1/);
  });
});
