/**
 * Workload quotas (INV-B1..B3): a tenant with `quotas:` never holds more than its limit, whatever the
 * demand; a refused request claims nothing and counts as QUOTA_EXCEEDED; a tenant without quotas is
 * not limited; a bad quota in the model is a load error with its position.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { runScenario } from "../runner/runner.js";

const anyPolicy = () => undefined;

function run(quotas: string | undefined, seed: number) {
  const model = quotas === undefined ? TINY_MODEL : TINY_MODEL.replace("  - { id: t1 }", `  - { id: t1, quotas: ${quotas} }`);
  const r = loadScenario(memoryReader({ "s.yaml": TINY_SCENARIO.replace("seed: 9", `seed: ${seed}`), "model.yaml": model }), "s.yaml", anyPolicy);
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return runScenario(r.value);
}

describe("workload quotas", () => {
  it("keeps a tenant within its instances quota, refusing the rest with QUOTA_EXCEEDED", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1000 }), (limit, seed) => {
        const limited = run(`{ instances: ${limit} }`, seed).summary;
        expect(limited.servers.peakAlive).toBeLessThanOrEqual(limit);
        const free = run(undefined, seed).summary;
        const refused = limited.requests.rejectedByKind["QUOTA_EXCEEDED"] ?? 0;
        // Refused exactly when the unlimited run would have gone over the limit at some point.
        expect(refused > 0).toBe(free.servers.peakAlive > limit);
        expect(limited.requests.all.placed + limited.requests.all.rejected).toBe(limited.requests.all.total);
      }),
      { numRuns: 25 },
    );
  });

  it("reports unknown quota items and negative limits at their position", () => {
    const model = TINY_MODEL.replace("  - { id: t1 }", "  - { id: t1, quotas: { cores: -5, vcpus: 3 } }");
    const r = loadScenario(memoryReader({ "s.yaml": TINY_SCENARIO, "model.yaml": model }), "s.yaml", anyPolicy);
    const found = r.ok ? [] : r.issues.map(formatInputIssue);
    expect(found).toEqual([
      "s.yaml:3:8: model: the model file model.yaml has errors (listed below)",
      expect.stringMatching(/^model\.yaml:\d+:\d+: tenants\.0\.quotas\.cores: a quota is a count ≥ 0, or -1 for unlimited; got -5$/),
      expect.stringMatching(/^model\.yaml:\d+:\d+: tenants\.0\.quotas\.vcpus: unknown quota "vcpus"; quotas: instances, cores, ram, /),
    ]);
  });
});
