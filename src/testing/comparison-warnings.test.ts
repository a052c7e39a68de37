/** A comparison's report.md lists every variant's precision warnings, prefixed with the variant. */
import { describe, expect, it } from "vitest";
import { comparisonMarkdown } from "../report/index.js";
import { runComparison } from "../scenario/index.js";
import { slotModel, specFrom } from "./scenario-files.js";

const scenario = `kind: Scenario
name: cmp-warn
model: model.yaml
seed: 3
stop: { horizon: 12h }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 170/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
variants:
  - { name: a }
  - { name: b, placement: { policy: first-fit } }
precision: { relativeHalfWidth: 0.001, metrics: [servers.meanAlive] }
`;

describe("comparison warnings", () => {
  it("lists each variant's precision warnings in report.md", () => {
    const md = comparisonMarkdown(runComparison(specFrom(scenario, slotModel(10, 16)), 3));
    expect(md).toMatch(/## Warnings\n\n- \[a\] precision: servers\.meanAlive .* replications would be needed\n- \[b\] precision: servers\.meanAlive /);
  });
});
