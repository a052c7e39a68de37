/**
 * A sweep folded from its runs and written (scenario and report rooms together, hence here): the answer is the smallest point meeting every expectation (checked
 * here against the points' own metrics), "none meets" names the closest, and two folds of the same
 * runs give the same report bytes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadChartKit, renderSweepFiles, sweepCurve, type ChartKit } from "../report/index.js";
import { halfWidthAt } from "../metrics/index.js";
import { planRuns, runScenario, type SweepResult } from "../scenario/index.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";
import { specFrom } from "./scenario-files.js";

const sweepScenario = (maxRejection: number, replications = 1) => `${TINY_SCENARIO.replace("trace: true", "trace: false")}replications: ${replications}
expect:
  - { metric: requests.rejectionRate, max: ${maxRejection} }
sweep:
  parameters:
    - { path: overrides.allocationRatios.VCPU, values: [1, 2] }
    - { path: overrides.hostCount.p16, range: { from: 1, to: 3, step: 1 } }
`.replace("rate: 30/h", "rate: 120/h");

function sweepOf(text: string): SweepResult {
  const plan = planRuns(specFrom(text, TINY_MODEL), specFrom(text, TINY_MODEL).replications);
  const outcome = plan.fold(plan.runs.map((r) => runScenario(r)));
  if (outcome.kind !== "sweep") throw new Error(`expected a sweep, got ${outcome.kind}`);
  return outcome.result;
}

describe("sweep fold", () => {
  let kit: ChartKit;
  beforeAll(async () => {
    kit = await loadChartKit();
  });

  it("chooses the point with the fewest hosts among those meeting every expectation", () => {
    const rates = sweepOf(sweepScenario(1)).points.map((p) => p.metrics["requests.rejectionRate"]!.mean);
    // A bound between the best and the worst rate, so some points meet it and some do not.
    const bound = (Math.min(...rates) + Math.max(...rates)) / 2;
    const result = sweepOf(sweepScenario(bound));
    const meeting = result.points.filter((p) => p.metrics["requests.rejectionRate"]!.mean <= bound);
    const fewest = Math.min(...meeting.map((p) => p.hosts));
    expect(result.chosen).toBe(meeting.find((p) => p.hosts === fewest)!.index);
    expect(result.points.map((p) => p.hosts)).toEqual([2, 4, 6, 2, 4, 6]);
    expect(result.expectations.every((e) => e.passed)).toBe(true);
    const curve = sweepCurve(result, "requests.rejectionRate");
    expect(curve.chosen).toBe(result.chosen);
    expect(curve.points.map((p) => p.values)).toEqual([[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]]);
  });

  it("names the closest point when none meets, with the failures for junit.xml", () => {
    const result = sweepOf(sweepScenario(-1));
    expect(result.chosen).toBeUndefined();
    const shortfalls = result.points.map((p) => p.shortfall);
    expect(result.closest).toBe(shortfalls.indexOf(Math.min(...shortfalls)));
    expect(result.expectations.map((e) => e.passed)).toEqual([false]);
    expect(renderSweepFiles(result, kit).get("junit.xml")).toContain("<failure");
  });

  it("writes the same bytes from the same runs, replicated points included", () => {
    const a = renderSweepFiles(sweepOf(sweepScenario(0.5, 2)), kit);
    const b = renderSweepFiles(sweepOf(sweepScenario(0.5, 2)), kit);
    expect([...a.keys()]).toContain("point-006/rep-02/summary.json");
    expect(a.get("sweep.csv")!.trim().split("\n")).toHaveLength(7);
    expect([...a]).toEqual([...b]);
  });

  it("judges an expectation's confidence at every point and carries the chosen point's warnings", () => {
    const text = sweepScenario(0.5, 3)
      .replace("max: 0.5 }", "max: 0.5, confidence: 0.99 }")
      .replace("sweep:", "precision: { relativeHalfWidth: 0.001, metrics: [servers.meanAlive] }\nsweep:");
    const result = sweepOf(text);
    for (const p of result.points) {
      const m = p.metrics["requests.rejectionRate"]!;
      expect(p.expectations[0]!.passed, p.label).toBe(m.mean + halfWidthAt(m, 0.99) <= 0.5);
    }
    const at = result.points[result.chosen ?? result.closest!]!;
    expect(result.warnings[0]).toMatch(new RegExp(`^\\[point ${at.index + 1}: .*\\] precision: servers\\.meanAlive ± [\\d.]+ at 95 % over 3 replications`));
    const files = renderSweepFiles(result, kit);
    expect(files.get("report.md")).toContain(`## Warnings at point ${at.index + 1}`);
    expect(JSON.parse(files.get("sweep.json")!).warnings).toEqual(result.warnings);
  });

  it("finds the highest load meeting the limit on the intervals, and warns when the means alone choose higher", () => {
    const load = (criterion: string) => `${TINY_SCENARIO.replace("trace: true", "trace: false").replace("{ small: 3, big: 1 }", "{ small: 1 }")}replications: 3
expect:
  - { metric: requests.rejectionRate, max: 0.02 }
sweep:
  parameters:
    - { path: workload.streams.t1.arrivals.rate, range: { from: 40/h, to: 240/h, step: 40/h } }
  maximise: workload.streams.t1.arrivals.rate
${criterion}`;
    // One set of runs folded under both criteria: the runs do not depend on how they are judged.
    const runs = planRuns(specFrom(load(""), TINY_MODEL), 3).runs.map((r) => runScenario(r));
    const fold = (text: string) => {
      const outcome = planRuns(specFrom(text, TINY_MODEL), 3).fold(runs);
      if (outcome.kind !== "sweep") throw new Error(`expected a sweep, got ${outcome.kind}`);
      return outcome.result;
    };
    const result = fold(load(""));
    expect(result.criterion).toBe("ci95");
    const rates = result.points.map((p) => p.metrics["requests.rejectionRate"]!);
    // More load, more rejections (common random numbers make the curve monotone here).
    rates.slice(1).forEach((m, i) => expect(m.mean).toBeGreaterThanOrEqual(rates[i]!.mean));
    const fits = rates.map((m) => m.mean + m.halfWidth95 <= 0.02);
    expect(fits.some((f) => f) && fits.some((f) => !f)).toBe(true);
    expect(result.chosen).toBe(fits.lastIndexOf(true));
    expect(result.headline).toContain("largest meeting every expectation");
    const onMeans = fold(load("  criterion: mean\n"));
    const meanFits = rates.map((m) => m.mean <= 0.02);
    expect(onMeans.chosen).toBe(meanFits.lastIndexOf(true));
    const crosses = onMeans.chosen !== result.chosen;
    expect(crosses).toBe(true);
    expect(onMeans.warnings.some((w) => w.includes("criterion mean: the chosen point's 95 % interval of requests.rejectionRate"))).toBe(crosses);
    const md = renderSweepFiles(onMeans, kit).get("report.md")!;
    expect(md.includes("**WARNING:**")).toBe(crosses);
    const html = renderSweepFiles(result, kit).get("report.html")!;
    expect(html).toContain('class="error-bar"');
    expect(html).toContain('class="target"');
    expect(html).toContain("max 2 %");
  });
});
