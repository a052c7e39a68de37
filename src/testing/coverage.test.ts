/**
 * Confidence intervals cover the true mean at the stated rate (issue 4). Models with a known answer:
 * normal draws (the t interval is exact), means of exponential batches (as a simulation run's output
 * is a mean: nearly normal), and an M/M/∞-like scenario run through the whole runner, whose mean
 * utilisation is λ/μ over the capacity. Over T trials the coverage count is binomial(T, level), so the
 * tolerance is z standard errors, √(level (1 − level) / T) each. z is not tuned: it is the normal
 * quantile that keeps the chance of any false alarm over all K checks of a test at 1/1000 (Bonferroni,
 * z = Φ⁻¹(1 − 0.0005 / K); 3.29 for one check, 3.9 for twelve). A bare 3 standard errors fails a
 * correct interval once in 370 checks, which over seeds happens (seed 29 of the normal case did).
 * fast-check prints the seed of a failing case; its run seed is fixed so CI replays the same draws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream, sampler, type DistributionSpec } from "../kernel/index.js";
import { normalQuantile } from "../kernel/special-functions.js";
import { halfWidthAt, interval } from "../metrics/index.js";
import { runReplications } from "../scenario/index.js";
import { slotModel, specFrom } from "./scenario-files.js";

const LEVELS = [0.9, 0.95];

const FAMILY_FALSE_ALARM = 0.001;

/** The binomial tolerance on an empirical coverage over `trials` at `level`, one of `checks` checks. */
const coverageTolerance = (level: number, trials: number, checks: number): number =>
  normalQuantile(1 - FAMILY_FALSE_ALARM / (2 * checks)) * Math.sqrt((level * (1 - level)) / trials);

/** Empirical coverage, per level, of `trials` intervals of `n` observations each. */
function coverage(trials: number, n: number, observe: () => number, trueMean: number): number[] {
  const hits = LEVELS.map(() => 0);
  for (let t = 0; t < trials; t++) {
    const m = interval(Array.from({ length: n }, observe));
    LEVELS.forEach((level, i) => {
      if (Math.abs(m.mean - trueMean) <= halfWidthAt(m, level)) hits[i]!++;
    });
  }
  return hits.map((h) => h / trials);
}

function expectCoverage(rates: ReadonlyArray<number>, trials: number, checks: number, what: string): void {
  LEVELS.forEach((level, i) => {
    const tolerance = coverageTolerance(level, trials, checks);
    expect(Math.abs(rates[i]! - level), `${what}: coverage ${rates[i]} at ${level}, tolerance ±${tolerance.toFixed(4)}`).toBeLessThanOrEqual(tolerance);
  });
}

const draws = (spec: DistributionSpec, seed: number, name: string): (() => number) => sampler(spec, createStream(seed, name));

describe("confidence interval coverage", () => {
  it("normal observations, n = 5: 90 % and 95 % intervals cover at their rate (over seeds)", () => {
    const trials = 4000;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expectCoverage(coverage(trials, 5, draws({ kind: "normal", mean: 10, sd: 3 }, seed, "coverage/normal"), 10), trials, 6 * LEVELS.length, `normal, seed ${seed}`);
      }),
      { seed: 20_240_404, numRuns: 6 },
    );
  });

  it("means of exponential batches, n = 30: cover at their rate (over seeds)", () => {
    const trials = 1000;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const exp = draws({ kind: "exponential", mean: 2 }, seed, "coverage/exponential");
        const batchMean = (): number => Array.from({ length: 25 }, exp).reduce((a, b) => a + b, 0) / 25;
        expectCoverage(coverage(trials, 30, batchMean, 2), trials, 3 * LEVELS.length, `exponential batches, seed ${seed}`);
      }),
      { seed: 20_240_405, numRuns: 3 },
    );
  });

  it("an M/M/∞-like scenario through the runner: utilisation intervals cover λ/(μ c)", () => {
    // 160 one-vCPU slots, offered load 60 Erlang: Erlang-B(160, 60) < 1e-25, so the mean busy count is 60.
    const scenario = `kind: Scenario
name: mm-inf
model: model.yaml
stop: { horizon: 14h }
warmup: { duration: 6h }
placement: { policy: first-fit }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 60/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
`;
    const trueUtilisation = 60 / 160;
    const trials = 70;
    const hits = LEVELS.map(() => 0);
    for (let t = 0; t < trials; t++) {
      // Each trial is a replicated run on its own base seed; the replications' seeds derive from it.
      const m = runReplications(specFrom(scenario, slotModel(10, 16), 7_000 + t), 4).metrics["utilisation.all.VCPU.meanUtilisation"]!;
      LEVELS.forEach((level, i) => {
        if (Math.abs(m.mean - trueUtilisation) <= halfWidthAt(m, level)) hits[i]!++;
      });
    }
    expectCoverage(hits.map((h) => h / trials), trials, LEVELS.length, "M/M/∞ utilisation");
  });

  it("the check can fail: a 1.96 half-width on n = 3 under-covers", () => {
    const trials = 4000;
    const normal = draws({ kind: "normal", mean: 0, sd: 1 }, 1, "coverage/naive");
    let hits = 0;
    for (let t = 0; t < trials; t++) {
      const m = interval([normal(), normal(), normal()]);
      if (Math.abs(m.mean) <= (1.96 * m.sd) / Math.sqrt(3)) hits++;
    }
    expect(0.95 - hits / trials).toBeGreaterThan(coverageTolerance(0.95, trials, 1));
  });
});
