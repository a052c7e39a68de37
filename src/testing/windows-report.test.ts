/**
 * Time windows across rooms: report.md's Windows table (only for runs with windows), and a sweep
 * judged and minimised on a window's metric.
 */
import { describe, expect, it } from "vitest";
import { runMarkdown } from "../report/markdown.js";
import { loadChartKit, runHtml } from "../report/index.js";
import { planRuns, runScenario, type SweepResult } from "../scenario/index.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";
import { tinyRun } from "./report-results.js";
import { slotModel, specFrom } from "./scenario-files.js";

/** One host of 4 vCPU: four servers from 1h (forever), a fifth refused at 2h; the host fails at 3h for an hour. */
const SCENARIO = `kind: Scenario
name: windows-report
model: model.yaml
stop: { horizon: 4h }
defaultBootTime: 0ms
workload:
  requests:
    - { at: 1h, tenant: t, flavour: one, count: 4 }
    - { at: 2h, tenant: t, flavour: one }
windows:
  first: { from: 0s, to: 2h }
  second: { from: 2h, to: 4h }
faults:
  recovery: { policy: none }
  storms:
    - { at: 3h, domain: host, hosts: [az1-r1-h001], timeToRepair: 1h }
`;

describe("report.md: the Windows table", () => {
  it("lists each window's span, requests, rejected share, binding class and hosts up", () => {
    const md = runMarkdown(runScenario(specFrom(SCENARIO, slotModel(1, 4))));
    const at = md.indexOf("## Windows");
    expect(md.slice(at).split("\n").slice(0, 6)).toEqual([
      "## Windows (measured part of each; requests and servers decided within it, the binding class's mean / peak)",
      "",
      "| window | from | to | requests | rejected | servers | rejected | binding class mean / peak | hosts up |",
      "|---|---:|---:|---:|---:|---:|---:|---|---:|",
      "| first | 0s | 2h 00m 00s | 1 | 0.00 % | 4 | 0.00 % | VCPU 50.00 % / 100.00 % | 100.00 % |",
      "| second | 2h 00m 00s | 4h 00m 00s | 1 | 100.00 % | 1 | 100.00 % | VCPU 100.00 % / 100.00 % | 50.00 % |",
    ]);
  });

  it("is left out of a run without windows", () => {
    expect(runMarkdown(tinyRun())).not.toContain("## Windows");
  });

  it("is in report.html too, beside the k-of-n table of the availability section", async () => {
    const html = runHtml(runScenario(specFrom(SCENARIO, slotModel(1, 4))), await loadChartKit());
    expect(html).toContain("<h2>Windows (measured part of each;");
    expect(html).toContain("<td>second</td><td>2h 00m 00s</td><td>4h 00m 00s</td><td class=\"num\">1</td><td>100.00 %</td>");
    expect(html).toContain("<p>Hosts up (k of n): site, zones, racks that lost a host</p>");
    expect(runHtml(tinyRun(), await loadChartKit())).not.toContain("Windows (measured");
  });
});

function sweepOf(text: string): SweepResult {
  const spec = specFrom(text, TINY_MODEL);
  const plan = planRuns(spec, spec.replications);
  const outcome = plan.fold(plan.runs.map((r) => runScenario(r)));
  if (outcome.kind !== "sweep") throw new Error(`expected a sweep, got ${outcome.kind}`);
  return outcome.result;
}

describe("a sweep over a window's metric", () => {
  it("judges its expectation and minimises its criterion on the window's numbers", () => {
    const text = `${TINY_SCENARIO.replace("trace: true", "trace: false").replace("rate: 30/h", "rate: 120/h")}windows:
  busy: { from: 2h, to: 5h }
expect:
  - { metric: windows.busy.requests.rejectionRate, max: 0.7 }
sweep:
  parameters:
    - { path: overrides.hostCount.p16, range: { from: 1, to: 3, step: 1 } }
  minimise: windows.busy.utilisation.VCPU.meanUsed
`;
    const result = sweepOf(text);
    const rate = (i: number) => result.points[i]!.metrics["windows.busy.requests.rejectionRate"]!.mean;
    const used = (i: number) => result.points[i]!.metrics["windows.busy.utilisation.VCPU.meanUsed"]!.mean;
    const meeting = result.points.map((p) => p.index).filter((i) => rate(i) <= 0.7);
    expect(meeting).toEqual([1, 2]);
    expect(result.chosen).toBe([...meeting].sort((a, b) => used(a) - used(b) || a - b)[0]);
    expect(result.points.map((p) => p.size)).toEqual(result.points.map((p) => used(p.index)));
  });
});
