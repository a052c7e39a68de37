import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distributionMean, distributionVariance, normalMoments } from "./distribution-moments.js";
import { validateDistribution } from "./distribution-validation.js";
import { integerMsSampler, roundToMs, sampler, type DistributionSpec } from "./distributions.js";
import { createStream } from "./rng.js";

const N = 200_000;

/** Sample moments plus the standard errors that go with them, so tolerances follow from N. */
function sampleMoments(draw: () => number, n: number) {
  const xs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] = draw();
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  return {
    mean,
    variance,
    meanSe: Math.sqrt(variance / n),
    // Standard error of the sample variance: sqrt((μ4 - σ⁴) / n), with μ4 estimated from the sample.
    varianceSe: Math.sqrt(Math.max(m4 - variance * variance, 0) / n),
  };
}

const SPECS: ReadonlyArray<DistributionSpec> = [
  { kind: "constant", value: 3 },
  { kind: "uniform", min: 10, max: 30 },
  { kind: "exponential", mean: 1000 },
  { kind: "normal", mean: 100, sd: 15 },
  { kind: "normal", mean: 100, sd: 15, min: 90, max: 130 },
  { kind: "normal", mean: 0, sd: 1, min: 0 },
  { kind: "normal", mean: 0, sd: 1, max: -2 },
  { kind: "normal", mean: 0, sd: 1, min: 5, max: 6 },
  { kind: "lognormal", mean: 60_000, sd: 30_000 },
  { kind: "weibull", shape: 1.5, scale: 2000 },
  { kind: "weibull", shape: 0.7, scale: 10 },
  { kind: "gamma", shape: 2.5, scale: 4 },
  { kind: "gamma", shape: 0.4, scale: 10 },
  { kind: "erlang", k: 3, mean: 900 },
  { kind: "erlang", k: 40, mean: 900 },
  { kind: "choice", values: [1, 5, 10], weights: [1, 2, 7] },
  { kind: "empirical", values: [3, 1, 4, 1, 5, 9, 2, 6] },
  { kind: "empirical", values: [3, 1, 4, 1, 5, 9, 2, 6], interpolate: true },
];

describe("samplers agree with the theoretical moments (5 standard errors)", () => {
  it.each(SPECS.map((spec) => [JSON.stringify(spec), spec] as const))("%s", (_label, spec) => {
    const stats = sampleMoments(sampler(spec, createStream(2024, JSON.stringify(spec))), N);
    const mean = distributionMean(spec);
    const variance = distributionVariance(spec);
    expect(Math.abs(stats.mean - mean)).toBeLessThanOrEqual(5 * stats.meanSe + 1e-9 * Math.abs(mean));
    expect(Math.abs(stats.variance - variance)).toBeLessThanOrEqual(5 * stats.varianceSe + 1e-9 * variance);
  });
});

describe("truncated normal", () => {
  it("never leaves [min, max], whatever the window", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer(),
        (mean, sd, lowZ, widthZ, seed) => {
          const spec: DistributionSpec = { kind: "normal", mean, sd, min: mean + lowZ * sd, max: mean + (lowZ + widthZ) * sd };
          fc.pre(validateDistribution(spec).length === 0);
          const draw = sampler(spec, createStream(seed, "tn"));
          for (let i = 0; i < 200; i++) {
            const x = draw();
            expect(x).toBeGreaterThanOrEqual(spec.min!);
            expect(x).toBeLessThanOrEqual(spec.max!);
          }
        },
      ),
    );
  });

  it("stays finite and inside a hair-thin window 37 sd into the tail (a fast-check counterexample)", () => {
    const spec: DistributionSpec = { kind: "normal", mean: 0, sd: 0.001, min: -0.03767712069283812, max: -0.037677120692838115 };
    const draw = sampler(spec, createStream(0, "tn"));
    for (let i = 0; i < 100; i++) {
      const x = draw();
      expect(x).toBeGreaterThanOrEqual(spec.min!);
      expect(x).toBeLessThanOrEqual(spec.max!);
    }
  });

  it("has the textbook moments: half-normal mean sqrt(2/pi), variance 1 - 2/pi", () => {
    const m = normalMoments(0, 1, 0, Infinity);
    expect(m.mean).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    expect(m.variance).toBeCloseTo(1 - 2 / Math.PI, 12);
    const symmetric = normalMoments(10, 2, 8, 12);
    expect(symmetric.mean).toBeCloseTo(10, 12);
  });
});

describe("samplers", () => {
  it("are deterministic per stream", () => {
    for (const spec of SPECS) {
      const a = sampler(spec, createStream(9, "same"));
      const b = sampler(spec, createStream(9, "same"));
      for (let i = 0; i < 100; i++) expect(a()).toBe(b());
    }
  });

  it("pick choice values with their weights", () => {
    const draw = sampler({ kind: "choice", values: [1, 2, 3], weights: [0.5, 0.25, 0.25] }, createStream(1, "choice"));
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const v = draw();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const [value, p] of [[1, 0.5], [2, 0.25], [3, 0.25]] as const) {
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs((counts.get(value) ?? 0) / N - p)).toBeLessThanOrEqual(5 * se);
    }
  });

  it("integerMsSampler gives non-negative integer ms", () => {
    const draw = integerMsSampler({ kind: "normal", mean: 5, sd: 10 }, createStream(1, "ms"));
    for (let i = 0; i < 10_000; i++) {
      const ms = draw();
      expect(Number.isInteger(ms) && ms >= 0).toBe(true);
    }
  });

  it("agree on special cases: weibull shape 1 is exponential; erlang k is gamma(k, mean/k)", () => {
    const weibull: DistributionSpec = { kind: "weibull", shape: 1, scale: 7 };
    expect(distributionMean(weibull)).toBeCloseTo(7, 12);
    expect(distributionVariance(weibull)).toBeCloseTo(49, 10);
    expect(distributionVariance({ kind: "erlang", k: 4, mean: 8 })).toBeCloseTo(distributionVariance({ kind: "gamma", shape: 4, scale: 2 }), 12);
    expect(distributionMean({ kind: "lognormal", mean: 5, sd: 0 })).toBe(5);
    expect(sampler({ kind: "lognormal", mean: 5, sd: 0 }, createStream(1, "x"))()).toBeCloseTo(5, 12);
  });
});

describe("validateDistribution", () => {
  it.each([
    [{ kind: "normal", mean: 1, sd: -1 }, ["normal: sd must be >= 0; got -1"]],
    [{ kind: "uniform", min: 5, max: 1 }, ["uniform: min must be <= max; got min 5, max 1"]],
    [{ kind: "exponential", mean: 0 }, ["exponential: mean must be > 0; got 0"]],
    [{ kind: "exponential", mean: Number.NaN }, ["exponential: mean must be a finite number; got NaN"]],
    [{ kind: "lognormal", mean: -1, sd: 1 }, ["lognormal: mean must be > 0; got -1"]],
    [{ kind: "weibull", shape: 0, scale: -2 }, ["weibull: shape must be > 0; got 0", "weibull: scale must be > 0; got -2"]],
    [{ kind: "erlang", k: 1.5, mean: 3 }, ["erlang: k must be a positive integer; got 1.5"]],
    [
      { kind: "choice", values: [1, 2], weights: [1, 0, -1] },
      [
        "choice: values and weights must have the same length; got 2 values, 3 weights",
        "choice: weights[1] must be a positive number; got 0",
        "choice: weights[2] must be a positive number; got -1",
      ],
    ],
    [{ kind: "empirical", values: [] }, ["empirical: values must not be empty"]],
    [{ kind: "normal", mean: 0, sd: 0, min: 1, max: 2 }, ["normal: with sd 0 the mean must lie in [min, max]; got mean 0, [1, 2]"]],
    [{ kind: "normal", mean: 0, sd: 1, min: 50, max: 60 }, ["normal: [min, max] = [50, 60] holds no probability for mean 0, sd 1; widen it or move the mean"]],
    [{ kind: "poisson", mean: 1 }, ['unknown distribution kind "poisson"; expected one of constant, uniform, exponential, normal, lognormal, weibull, gamma, erlang, choice, empirical']],
  ])("%j", (spec, issues) => {
    expect(validateDistribution(spec as DistributionSpec)).toEqual(issues);
  });

  it("accepts every spec the moment tests use", () => {
    for (const spec of SPECS) expect(validateDistribution(spec)).toEqual([]);
  });
});

describe("roundToMs", () => {
  it("rounds half up like Math.round and clamps below at 0", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        fc.pre(x !== 0.49999999999999994); // the one documented difference: x + 0.5 rounds up to 1
        expect(roundToMs(x)).toBe(Math.max(0, Math.round(x)) + 0); // + 0 turns -0 into 0
      }),
    );
    expect(roundToMs(2.5)).toBe(3);
    expect(roundToMs(0.49999999999999994)).toBe(1);
    expect(roundToMs(-0.4)).toBe(0);
    expect(roundToMs(Number.NaN)).toBeNaN();
  });
});
