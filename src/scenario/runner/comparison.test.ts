import { describe, expect, it } from "vitest";
import { comparisonScenario, slotModel, specFrom } from "../../testing/scenario-files.js";
import { runComparison } from "./comparison.js";

const scenario = (variants: string): string => comparisonScenario({ name: "cmp", horizon: "12h", variants });

describe("policy comparison", () => {
  it("runs every variant on the same workload draws and pairs the differences", () => {
    const spec = specFrom(
      scenario(`  - { name: base, placement: { policy: spread } }
  - { name: tight, overrides: { allocationRatios: { VCPU: 1.0 } }, placement: { policy: first-fit } }
  - { name: loose, overrides: { allocationRatios: { VCPU: 2.0 } } }
`),
      slotModel(10, 16),
    );
    const result = runComparison(spec, 4);
    expect(result.variants.map((v) => v.name)).toEqual(["base", "tight", "loose"]);
    // Common random numbers: the same arrivals in every variant, replication by replication.
    const totals = result.variants.map((v) => v.replications.runs.map((r) => r.summary.requests.total));
    expect(totals[1]).toEqual(totals[0]);
    expect(totals[2]).toEqual(totals[0]);
    const d = result.variants[2]!.differences["requests.total"]!;
    expect([d.mean, d.halfWidth95]).toEqual([0, 0]);
    // Doubling the VCPU ratio removes rejections: the paired difference is negative and significant.
    const loose = result.variants[2]!.differences["requests.rejectionRate"]!;
    expect(loose.mean).toBeLessThan(0);
    expect(Math.abs(loose.mean)).toBeGreaterThan(loose.halfWidth95);
    expect(result.variants[0]!.differences["requests.rejectionRate"]!.mean).toBe(0);
    expect(result.variants[1]!.policy).toBe("first-fit");
  });

  it("reports bad variants with their position", () => {
    expect(() => specFrom(scenario("  - { name: a }\n  - { name: a, placement: { policy: stack } }\n"), slotModel(2, 2))).toThrow(
      /s\.yaml:14:13: variants\.1\.name: duplicate variant name "a"\ns\.yaml:14:37: variants\.1\.placement\.policy: unknown policy 'stack'/,
    );
  });
});
