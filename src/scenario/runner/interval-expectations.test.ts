/**
 * Expectations with a confidence and the precision warning, on a small loss system: the interval must
 * lie within the bounds, a single run says it cannot judge, and too-wide intervals ask for more runs.
 */
import { describe, expect, it } from "vitest";
import { halfWidthAt } from "../../metrics/index.js";
import { TINY_MODEL } from "../../testing/fixtures.js";
import { slotModel, specFrom } from "../../testing/scenario-files.js";
import { formatInputIssue, loadScenario, memoryReader } from "../index.js";
import { runReplications } from "./replications.js";
import { runScenario } from "./runner.js";

const scenario = (expectations: string, precision = "") => `kind: Scenario
name: conf
model: model.yaml
seed: 5
stop: { arrivals: 1500 }
placement: { policy: first-fit }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 150/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
expect:
${expectations}${precision}`;

describe("expectations with a confidence", () => {
  const spec = specFrom(
    scenario(`  - { metric: requests.rejectionRate, max: 1, confidence: 0.99 }
  - { metric: requests.rejectionRate, min: 0.0001, confidence: 0.9 }
  - { metric: requests.rejectionRate, max: 0.9 }
`),
    slotModel(10, 16),
  );
  const reps = runReplications(spec, 6);
  const m = reps.metrics["requests.rejectionRate"]!;

  it("pass when the whole interval is inside, and say the interval", () => {
    expect(reps.expectations.map((e) => e.passed)).toEqual([true, true, true]);
    expect(reps.expectations[0]!.text).toMatch(/^requests\.rejectionRate <= 1 at 99 % confidence: got mean [\d.]+, 99 % interval \[[-\d.e]+, [\d.]+\] over 6 replications$/);
    expect(reps.expectations[2]!.text).toMatch(/: got mean [\d.]+$/);
    expect(reps.headline).toContain("expectations met on the means and intervals");
  });

  it("fail when the mean is inside but an end of the interval is not, by the amount missed", () => {
    const hw = halfWidthAt(m, 0.95);
    const max = m.mean + hw / 2;
    const tight = specFrom(scenario(`  - { metric: requests.rejectionRate, max: ${max}, confidence: 0.95 }\n  - { metric: requests.rejectionRate, max: ${max} }\n`), slotModel(10, 16));
    const outcomes = runReplications(tight, 6).expectations;
    expect(outcomes.map((e) => e.passed)).toEqual([false, true]);
    const by = Number(/upper end ([\d.e-]+) above the maximum/.exec(outcomes[0]!.text)?.[1]);
    expect(by).toBeCloseTo(hw / 2, 5);
  });

  it("warn on a single run and judge the value", () => {
    const single = runScenario(spec);
    expect(single.expectations.map((e) => e.passed)).toEqual([true, true, true]);
    expect(single.summary.warnings.filter((w) => w.includes("a confidence needs replications"))).toHaveLength(2);
    const one = runReplications(spec, 1);
    expect(one.warnings).toHaveLength(2);
  });

  it("are decoded strictly, with a position", () => {
    const bad = scenario("  - { metric: requests.rejectionRate, max: 0.1, confidence: 95 }\n");
    const loaded = loadScenario(memoryReader({ "s.yaml": bad, "model.yaml": TINY_MODEL }), "s.yaml", () => undefined);
    expect(loaded.ok ? [] : loaded.issues.map(formatInputIssue)).toEqual([
      "s.yaml:14:61: expect.0.confidence: expected a confidence level in (0.5, 0.999] such as 0.95, got 95",
    ]);
  });
});

describe("precision warnings", () => {
  it("say how many replications would reach the wanted half-width, at the expectation's confidence", () => {
    const spec = specFrom(
      scenario("  - { metric: requests.rejectionRate, max: 1, confidence: 0.9 }\n", "precision: { relativeHalfWidth: 0.01, metrics: [requests.rejectionRate, requests.placed] }\n"),
      slotModel(10, 16),
    );
    const reps = runReplications(spec, 4);
    const m = reps.metrics["requests.rejectionRate"]!;
    const needed = Math.ceil(4 * (halfWidthAt(m, 0.9) / (0.01 * m.mean)) ** 2);
    expect(reps.warnings[0]).toContain(`; about ${needed} replications would be needed`);
    expect(reps.warnings[0]).toMatch(/^precision: requests\.rejectionRate ± [\d.e-]+ at 90 % over 4 replications is [\d.]+ % of its mean [\d.e-]+ \(wanted at most 1 % of the mean\); about \d+ replications would be needed$/);
    expect(reps.headline).toContain(`too few replications for the wanted precision: requests.rejectionRate needs ~${needed} replications`);
    expect(reps.warnings.some((w) => w.startsWith("precision: requests.placed"))).toBe(true);
  });

  it("stay quiet when the interval is narrow enough, and check metric paths when loading", () => {
    const spec = specFrom(scenario("  - { metric: requests.total, min: 1 }\n", "precision: { relativeHalfWidth: 0.5, metrics: [requests.total] }\n"), slotModel(10, 16));
    expect(runReplications(spec, 3).warnings).toEqual([]);
    expect(() => specFrom(scenario("  - { metric: requests.total, min: 1 }\n", "precision: { relativeHalfWidth: 0.05, metrics: [requests.bogus] }\n"), slotModel(2, 2))).toThrow(/s\.yaml:15:49: precision\.metrics\.0: unknown metric "requests\.bogus"/);
  });
});
