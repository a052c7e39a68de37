/**
 * The sweep section: golden error lines with positions for bad grids, and the grid order (first
 * parameter slowest) with each point's own model and policy.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { gridPoints, rangeValues } from "./sweep-grid.js";

const policies = (ref: unknown) => (ref === "spread" || ref === "pack" ? undefined : `unknown policy ${JSON.stringify(ref)}; policies: pack, spread`);

function load(sweep: string, extra = "") {
  return loadScenario(memoryReader({ "s.yaml": `${TINY_SCENARIO}${extra}sweep:\n${sweep}`, "model.yaml": TINY_MODEL }), "s.yaml", policies);
}

const errors = (sweep: string, extra = ""): string[] => {
  const r = load(sweep, extra);
  return r.ok ? [] : r.issues.map(formatInputIssue);
};

describe("sweep decoding", () => {
  it("reports a step of 0 and an unknown field with their positions (decoding)", () => {
    expect(
      errors(`  parameters:
    - { path: overrides.hostCount.p16, values: [1] }
    - { path: overrides.allocationRatios.VCPU, range: { from: 1, to: 4, step: 0 } }
    - { path: placement.policy, values: [spread], colour: red }
`),
    ).toEqual([
      "s.yaml:18:79: sweep.parameters.1.range.step: Expected a value greater than 0, got 0",
      's.yaml:19:51: sweep.parameters.2.colour: unknown field "colour"',
    ]);
  });

  it("reports an empty range at the range", () => {
    expect(errors("  parameters:\n    - { path: overrides.hostCount.p16, range: { from: 5, to: 2, step: 1 } }\n")).toEqual([
      "s.yaml:17:47: sweep.parameters.0.range: empty range: from 5 is above to 2",
    ]);
  });

  it("reports an unknown path, an empty list, both values and range, bad values and duplicates", () => {
    expect(
      errors(`  parameters:
    - { path: overrides.hostCount.p99, values: [1] }
    - { path: overrides.allocationRatios.VCPU, values: [] }
    - { path: placement.policy, values: [spread, packk] }
    - { path: overrides.allocationRatios.VCPU, values: [2], range: { from: 1, to: 2, step: 1 } }
    - { path: overrides.hostCount.p16, values: [1.5, 0] }
`),
    ).toEqual([
      's.yaml:17:15: sweep.parameters.0.path: unknown sweep parameter "overrides.hostCount.p99"; parameters: placement.policy, overrides.allocationRatios.<VCPU|MEMORY_MB|DISK_GB>, overrides.hostCount.<profile> (profiles: p16)',
      "s.yaml:18:56: sweep.parameters.1.values: empty list of values",
      's.yaml:19:50: sweep.parameters.2.values.1: unknown policy "packk"; policies: pack, spread',
      "s.yaml:20:7: sweep.parameters.3: give either values (a list) or range ({ from, to, step })",
      's.yaml:20:15: sweep.parameters.3.path: duplicate sweep parameter "overrides.allocationRatios.VCPU" (first at sweep.parameters.1)',
      "s.yaml:21:49: sweep.parameters.4.values.0: expected a host count (an integer of at least 1), got 1.5",
      "s.yaml:21:54: sweep.parameters.4.values.1: expected a host count (an integer of at least 1), got 0",
    ]);
  });

  it("refuses a sweep combined with variants, and an unknown minimise", () => {
    expect(errors(`  parameters: [{ path: placement.policy, values: [pack] }]\n  minimise: cost\n`, "variants: [{ name: a }]\n")).toEqual([
      "s.yaml:16:1: sweep: a sweep cannot be combined with variants; sweep placement.policy or the overrides instead",
      "s.yaml:18:13: sweep.minimise: cannot minimise \"cost\": give hosts, a sweep parameter path (placement.policy) or a metric path such as utilisation.all.VCPU.capacity",
    ]);
  });

  it("expands the grid in file order, first parameter slowest, each point with its model and policy", () => {
    const r = load(`  parameters:
    - { path: overrides.hostCount.p16, range: { from: 1, to: 3, step: 2 } }
    - { path: placement.policy, values: [pack, spread] }
  minimise: overrides.hostCount.p16
`);
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const sweep = r.value.sweep!;
    expect(sweep.points.map((p) => p.values)).toEqual([[1, "pack"], [1, "spread"], [3, "pack"], [3, "spread"]]);
    expect(sweep.points.map((p) => [p.spec.model.hosts.length, p.spec.policy])).toEqual([[2, "pack"], [2, "spread"], [6, "pack"], [6, "spread"]]);
    expect(sweep.minimise).toEqual({ kind: "parameter", path: "overrides.hostCount.p16", index: 0 });
    expect(sweep.points.every((p) => p.spec.sweep === undefined && p.spec.seed === r.value.seed)).toBe(true);
  });
});

describe("sweep grid", () => {
  it("includes both ends of a range and keeps decimal steps exact", () => {
    expect(rangeValues(100, 400, 100)).toEqual([100, 200, 300, 400]);
    expect(rangeValues(0.1, 0.5, 0.1)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues(1, 1, 5)).toEqual([1]);
    expect(rangeValues(2, 1, 1)).toEqual([]);
  });

  it("is the cartesian product, the last parameter fastest", () => {
    expect(gridPoints([[1, 2], ["a", "b", "c"]])).toEqual([[1, "a"], [1, "b"], [1, "c"], [2, "a"], [2, "b"], [2, "c"]]);
    expect(gridPoints([])).toEqual([[]]);
  });
});
