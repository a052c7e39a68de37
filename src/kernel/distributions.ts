/**
 * Distributions as plain data (a scenario file can hold them, a report can print them) and samplers
 * that turn a spec plus a random stream into a draw function. Units are the caller's: the scenario
 * converts durations to ms before building a spec. Samplers assume a spec that passed
 * validateDistribution; they never read Math.random, only the stream they are given.
 */
import type { UniformSource } from "./rng.js";
import { normalCdf, normalQuantile } from "./special-functions.js";

export type DistributionSpec =
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "exponential"; readonly mean: number }
  /** Truncated to [min, max] when either is given (sampled by inverse CDF, see truncatedNormal). */
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number; readonly min?: number; readonly max?: number }
  /** mean and sd of the lognormal variable itself, not of its logarithm. */
  | { readonly kind: "lognormal"; readonly mean: number; readonly sd: number }
  | { readonly kind: "weibull"; readonly shape: number; readonly scale: number }
  | { readonly kind: "gamma"; readonly shape: number; readonly scale: number }
  /** The sum of k exponentials, each with mean mean/k. */
  | { readonly kind: "erlang"; readonly k: number; readonly mean: number }
  /** values[i] with probability weights[i] / sum(weights). */
  | { readonly kind: "choice"; readonly values: ReadonlyArray<number>; readonly weights: ReadonlyArray<number> }
  /**
   * Resampling an observed list: each value equally likely; with `interpolate`, a continuous piecewise
   * linear inverse CDF through the sorted values (every gap between neighbours equally likely).
   */
  | { readonly kind: "empirical"; readonly values: ReadonlyArray<number>; readonly interpolate?: boolean };

export type DistributionKind = DistributionSpec["kind"];

export const DISTRIBUTION_KINDS: ReadonlyArray<DistributionKind> = [
  "constant", "uniform", "exponential", "normal", "lognormal", "weibull", "gamma", "erlang", "choice", "empirical",
];

/** A draw function for a valid spec; each call consumes draws from `source` only. */
export function sampler(spec: DistributionSpec, source: UniformSource): () => number {
  switch (spec.kind) {
    case "constant": {
      const value = spec.value;
      return () => value;
    }
    case "uniform": {
      const { min, max } = spec;
      return () => min + (max - min) * source.next();
    }
    case "exponential": {
      const mean = spec.mean;
      // 1 - u lies in (0, 1], so the log is finite.
      return () => -mean * Math.log(1 - source.next());
    }
    case "normal":
      return normalSampler(spec.mean, spec.sd, spec.min ?? -Infinity, spec.max ?? Infinity, source);
    case "lognormal":
      return lognormalSampler(spec.mean, spec.sd, source);
    case "weibull": {
      const { scale } = spec;
      const inverseShape = 1 / spec.shape;
      return () => scale * Math.pow(-Math.log(1 - source.next()), inverseShape);
    }
    case "gamma":
      return gammaSampler(spec.shape, spec.scale, source);
    case "erlang":
      return erlangSampler(spec.k, spec.mean, source);
    case "choice":
      return choiceSampler(spec.values, spec.weights, source);
    case "empirical":
      return spec.interpolate === true ? interpolatedSampler(spec.values, source) : discreteSampler(spec.values, source);
  }
}

/** Like sampler, rounded to a non-negative integer ms: what `Simulation.schedule` accepts as a delay. */
export function integerMsSampler(spec: DistributionSpec, source: UniformSource): () => number {
  const draw = sampler(spec, source);
  return () => roundToMs(draw());
}

/**
 * Rounds half up to an integer and clamps below at 0 (clamping only matters for specs with mass below
 * zero, such as an untruncated normal: give those a min). `Math.floor(x + 0.5)` rather than Math.round:
 * Node 20 compiles Math.round to a slower sequence, which cost ~15 % of the kernel anchor workload.
 * It differs from Math.round only at 0.49999999999999994 and beyond 2^52 ms; NaN stays NaN (and is
 * then refused by schedule).
 */
export function roundToMs(x: number): number {
  const rounded = Math.floor(x + 0.5);
  return rounded < 0 ? 0 : rounded;
}

/** Standard normal draws by Box–Muller; the second value of each pair is kept for the next call. */
export function standardNormalSampler(source: UniformSource): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - source.next()));
    const angle = 2 * Math.PI * source.next();
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  };
}

function normalSampler(mean: number, sd: number, min: number, max: number, source: UniformSource): () => number {
  if (sd === 0) return () => mean;
  if (min === -Infinity && max === Infinity) {
    const z = standardNormalSampler(source);
    return () => mean + sd * z();
  }
  const z = truncatedStandardNormal((min - mean) / sd, (max - mean) / sd, source);
  return () => Math.min(max, Math.max(min, mean + sd * z()));
}

/**
 * Standard normal restricted to [a, b], by inverse CDF: one uniform draw per sample, however thin the
 * interval (rejection would loop for a window far in a tail). An interval wholly above 0 is mirrored
 * below 0 first, where Φ keeps its relative precision.
 */
export function truncatedStandardNormal(a: number, b: number, source: UniformSource): () => number {
  const mirrored = a > 0;
  const low = mirrored ? -b : a;
  const high = mirrored ? -a : b;
  const pLow = normalCdf(low);
  const pWidth = normalCdf(high) - pLow;
  return () => {
    // Keep p off 0 and 1 so an open side yields a finite (if extreme) value, never ±Infinity.
    const p = Math.min(Math.max(pLow + pWidth * source.next(), Number.MIN_VALUE), 1 - Number.EPSILON / 2);
    const x = Math.min(high, Math.max(low, normalQuantile(p)));
    return mirrored ? -x : x;
  };
}

function lognormalSampler(mean: number, sd: number, source: UniformSource): () => number {
  const { mu, sigma } = lognormalParameters(mean, sd);
  const z = standardNormalSampler(source);
  return () => Math.exp(mu + sigma * z());
}

/** (mu, sigma) of log X for a lognormal X with the given mean and sd. */
export function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log1p((sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/**
 * Marsaglia & Tsang (2000), "A simple method for generating gamma variables". Shape < 1 uses the
 * boost Gamma(a) = Gamma(a + 1) · U^(1/a). Draws per sample vary (rejection), always from `source`.
 */
function gammaSampler(shape: number, scale: number, source: UniformSource): () => number {
  const normal = standardNormalSampler(source);
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  return () => {
    let x = 0;
    let v = 0;
    for (;;) {
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = source.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    const draw = d * v * scale;
    return boosted ? draw * Math.pow(1 - source.next(), 1 / shape) : draw;
  };
}

// Small k: the textbook sum of k exponentials (exactly k draws); large k: gamma, which costs O(1).
function erlangSampler(k: number, mean: number, source: UniformSource): () => number {
  if (k > 16) return gammaSampler(k, mean / k, source);
  const phaseMean = mean / k;
  return () => {
    let sum = 0;
    for (let i = 0; i < k; i++) sum -= Math.log(1 - source.next());
    return sum * phaseMean;
  };
}

// Cumulative weights and a binary search: O(log n) per draw for any number of values.
function choiceSampler(values: ReadonlyArray<number>, weights: ReadonlyArray<number>, source: UniformSource): () => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    cumulative[i] = total;
  });
  const last = values.length - 1;
  return () => {
    const target = source.next() * total;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

function discreteSampler(values: ReadonlyArray<number>, source: UniformSource): () => number {
  const copy = values.slice();
  const n = copy.length;
  return () => copy[Math.floor(source.next() * n)]!;
}

function interpolatedSampler(values: ReadonlyArray<number>, source: UniformSource): () => number {
  const sorted = values.slice().sort((x, y) => x - y);
  const gaps = sorted.length - 1;
  if (gaps === 0) return () => sorted[0]!;
  return () => {
    const position = source.next() * gaps;
    const i = Math.floor(position);
    const low = sorted[i]!;
    return low + (position - i) * (sorted[i + 1]! - low);
  };
}
