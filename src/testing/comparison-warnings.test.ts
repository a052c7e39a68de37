/** A comparison's report.md lists every variant's precision warnings, prefixed with the variant. */
import { describe, expect, it } from "vitest";
import { comparisonMarkdown } from "../report/index.js";
import { runComparison } from "../scenario/index.js";
import { comparisonScenario, slotModel, specFrom } from "./scenario-files.js";

const scenario = comparisonScenario({
  name: "cmp-warn",
  horizon: "12h",
  variants: "  - { name: a }\n  - { name: b, placement: { policy: first-fit } }\n",
  extra: "precision: { relativeHalfWidth: 0.001, metrics: [servers.meanAlive] }\n",
});

describe("comparison warnings", () => {
  it("lists each variant's precision warnings in report.md", () => {
    const md = comparisonMarkdown(runComparison(specFrom(scenario, slotModel(10, 16)), 3));
    expect(md).toMatch(/## Warnings\n\n- \[a\] precision: servers\.meanAlive .* replications would be needed\n- \[b\] precision: servers\.meanAlive /);
  });
});
