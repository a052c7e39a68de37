/** report.md's wording (issue 16 item 10): counts agree with their nouns, no empty lines for a missing description. */
import { describe, expect, it } from "vitest";
import { tinyRun } from "./report-results.js";
import { runScenario, type RunResult } from "../scenario/index.js";
import { loadShipped } from "./shipped-scenario.js";
import { acceleratorTables } from "../report/accelerators.js";
import { availabilityMarkdown } from "../report/availability.js";
import { runMarkdown } from "../report/markdown.js";
import { fragmentationMarkdown } from "../report/fragmentation.js";

const withScenario = (r: RunResult, scenario: Partial<RunResult["summary"]["scenario"]>): RunResult => ({ ...r, summary: { ...r.summary, scenario: { ...r.summary.scenario, ...scenario } } });

describe("report.md wording", () => {
  it("says 1 host in 1 zone, and 5 hosts in 2 zones", () => {
    const r = tinyRun();
    expect(runMarkdown(withScenario(r, { hosts: 1, zones: 1 }))).toContain("(1 host in 1 zone)");
    expect(runMarkdown(withScenario(r, { hosts: 5, zones: 2 }))).toContain("(5 hosts in 2 zones)");
  });

  it("puts no blank lines under the title when there is no description, and the description when there is one", () => {
    const r = tinyRun();
    expect(runMarkdown(withScenario(r, { description: "" })).split("\n").slice(0, 3)).toEqual(["# tiny-run", "", `- model: tiny (5 hosts in 2 zones)`]);
    expect(runMarkdown(withScenario(r, { description: "A lab." })).split("\n").slice(0, 4)).toEqual(["# tiny-run", "", "A lab.", ""]);
  });

  it("labels a tenant's SLA availability apart from the label, and leaves out reprogramming where nothing was reprogrammed", () => {
    const faulted = runScenario(loadShipped("scenarios/faults/rack-power-loss.yaml")).summary;
    const tenants = Object.keys(faulted.availability!.tenants);
    expect(tenants.length).toBeGreaterThan(0);
    const md = availabilityMarkdown(faulted).join("\n");
    for (const t of tenants) expect(md).toContain(`SLA availability (tenant ${t})`);
    const s = tinyRun().summary;
    const accelerators = { devices: 2, handles: 2, utilisation: {}, bindFailures: {}, reprogramming: { onloads: 0, refused: 0, programmingTimeMs: 0, handleTimeLostMs: 0 }, offload: {} };
    const titles = acceleratorTables({ ...s, accelerators } as unknown as typeof s).map((t) => t.title);
    expect(titles).not.toContain("Reprogramming (OnloadAccImage)");
    const reprogrammed = { ...accelerators, reprogramming: { onloads: 1, refused: 0, programmingTimeMs: 5, handleTimeLostMs: 0 } };
    expect(acceleratorTables({ ...s, accelerators: reprogrammed } as unknown as typeof s).map((t) => t.title)).toContain("Reprogramming (OnloadAccImage)");
  });

  it("lists stranded capacity of every class and device type that had any, GPU handles included, with readable numbers", () => {
    const s = tinyRun().summary;
    const fragmentation = {
      all: { meanStrandedShareOfFree: 0.5, lastStranded: 2048, byClass: { GPU: { meanStranded: 21.528930463, meanStrandedShareOfFree: 0.765322829, lastStranded: 29 }, VCPU: { meanStranded: 0, meanStrandedShareOfFree: 0, lastStranded: 0 } } },
    };
    const md = fragmentationMarkdown({ ...s, fragmentation } as typeof s);
    expect(md.filter((l) => l.startsWith("| all"))).toEqual(["| all | GPU | 21.5 | 76.53 % | 29 |"]);
    expect(fragmentationMarkdown({ ...s, fragmentation: { all: { ...fragmentation.all, byClass: {} } } } as typeof s).at(-1)).toBe("No capacity of any class or accelerator type was stranded.");
  });
});
