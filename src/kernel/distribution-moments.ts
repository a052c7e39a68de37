/**
 * Theoretical mean and variance of each distribution spec, for reports ("expected boot time") and for
 * the sampler tests, which compare sample moments against these.
 */
import type { DistributionSpec } from "./distributions.js";
import { gammaFunction, normalCdf, normalPdf } from "./special-functions.js";

/** The mean of a valid spec (exact up to floating point, truncation included). */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.kind) {
    case "constant":
      return spec.value;
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "exponential":
    case "lognormal":
    case "erlang":
      return spec.mean;
    case "normal":
      return normalMoments(spec.mean, spec.sd, spec.min, spec.max).mean;
    case "weibull":
      return spec.scale * gammaFunction(1 + 1 / spec.shape);
    case "gamma":
      return spec.shape * spec.scale;
    case "choice":
      return choiceMoments(spec.values, spec.weights).mean;
    case "empirical":
      return empiricalMoments(spec.values, spec.interpolate === true).mean;
  }
}

/** The variance of a valid spec (Infinity where Γ overflows: Weibull with shape below ~0.006). */
export function distributionVariance(spec: DistributionSpec): number {
  switch (spec.kind) {
    case "constant":
      return 0;
    case "uniform":
      return (spec.max - spec.min) ** 2 / 12;
    case "exponential":
      return spec.mean ** 2;
    case "lognormal":
      return spec.sd ** 2;
    case "erlang":
      return spec.mean ** 2 / spec.k;
    case "normal":
      return normalMoments(spec.mean, spec.sd, spec.min, spec.max).variance;
    case "weibull": {
      const g1 = gammaFunction(1 + 1 / spec.shape);
      return spec.scale ** 2 * (gammaFunction(1 + 2 / spec.shape) - g1 * g1);
    }
    case "gamma":
      return spec.shape * spec.scale ** 2;
    case "choice":
      return choiceMoments(spec.values, spec.weights).variance;
    case "empirical":
      return empiricalMoments(spec.values, spec.interpolate === true).variance;
  }
}

interface Moments {
  readonly mean: number;
  readonly variance: number;
}

/**
 * Moments of a normal truncated to [min, max] (standard formulas with α, β the standardized bounds,
 * Z = Φ(β) - Φ(α)): mean = μ + σ(φ(α) - φ(β))/Z, var = σ²[1 + (αφ(α) - βφ(β))/Z - ((φ(α) - φ(β))/Z)²].
 */
export function normalMoments(mean: number, sd: number, min = -Infinity, max = Infinity): Moments {
  if (sd === 0 || (min === -Infinity && max === Infinity)) return { mean, variance: sd * sd };
  const alpha = (min - mean) / sd;
  const beta = (max - mean) / sd;
  // Mass computed on the side of 0 where Φ is precise (see normalCdf).
  const mass = alpha > 0 ? normalCdf(-alpha) - normalCdf(-beta) : normalCdf(beta) - normalCdf(alpha);
  const dPdf = (normalPdf(alpha) - normalPdf(beta)) / mass;
  const dXPdf = (xPdf(alpha) - xPdf(beta)) / mass;
  return { mean: mean + sd * dPdf, variance: sd * sd * Math.max(0, 1 + dXPdf - dPdf * dPdf) };
}

// x·φ(x), with the limit 0 at ±Infinity (Infinity · 0 would be NaN).
const xPdf = (x: number): number => (Number.isFinite(x) ? x * normalPdf(x) : 0);

function choiceMoments(values: ReadonlyArray<number>, weights: ReadonlyArray<number>): Moments {
  let total = 0;
  let sum = 0;
  values.forEach((value, i) => {
    const weight = weights[i] ?? 0;
    total += weight;
    sum += weight * value;
  });
  const mean = sum / total;
  let squares = 0;
  values.forEach((value, i) => (squares += (weights[i] ?? 0) * (value - mean) ** 2));
  return { mean, variance: squares / total };
}

// Discrete: the population moments of the list. Interpolated: each gap [a, b] between sorted
// neighbours is a uniform piece of equal probability, with E[X] = (a+b)/2 and E[X²] = (a²+ab+b²)/3.
function empiricalMoments(values: ReadonlyArray<number>, interpolate: boolean): Moments {
  if (!interpolate || values.length === 1) {
    return choiceMoments(values, values.map(() => 1));
  }
  const sorted = values.slice().sort((x, y) => x - y);
  const gaps = sorted.length - 1;
  let first = 0;
  let second = 0;
  for (let i = 0; i < gaps; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    first += (a + b) / 2;
    second += (a * a + a * b + b * b) / 3;
  }
  const mean = first / gaps;
  return { mean, variance: Math.max(0, second / gaps - mean * mean) };
}
