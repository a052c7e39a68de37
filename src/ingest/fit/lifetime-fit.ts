/**
 * Lifetime distributions fitted to observed values by maximum likelihood (lognormal in closed form,
 * Weibull by Newton's method on the shape), judged by the Kolmogorov–Smirnov distance (the largest
 * gap between the empirical and the fitted distribution function). Values are seconds, all > 0.
 */

export interface LognormalFit {
  readonly kind: "lognormal";
  readonly mu: number;
  readonly sigma: number;
  readonly ks: number;
}

export interface WeibullFit {
  readonly kind: "weibull";
  readonly shape: number;
  readonly scale: number;
  readonly ks: number;
}

export type ParametricFit = LognormalFit | WeibullFit;

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for a distance printed to 3 decimals. */
function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** The distribution function of a fit at `x`. */
export function cdf(fit: Omit<LognormalFit, "ks"> | Omit<WeibullFit, "ks">, x: number): number {
  if (x <= 0) return 0;
  if (fit.kind === "lognormal") return 0.5 * (1 + erf((Math.log(x) - fit.mu) / (fit.sigma * Math.SQRT2)));
  return 1 - Math.exp(-Math.pow(x / fit.scale, fit.shape));
}

/** The quantile of a fit at probability `p` in (0, 1). */
export function quantile(fit: Omit<LognormalFit, "ks"> | Omit<WeibullFit, "ks">, p: number): number {
  if (fit.kind === "weibull") return fit.scale * Math.pow(-Math.log(1 - p), 1 / fit.shape);
  // Bisection on the CDF: monotone, and only a few report quantiles are asked for.
  let lo = Math.exp(fit.mu - 10 * fit.sigma);
  let hi = Math.exp(fit.mu + 10 * fit.sigma);
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (cdf(fit, mid) < p) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/** The Kolmogorov–Smirnov distance between sorted values and a fitted distribution function. */
export function ksDistance(sorted: ArrayLike<number>, f: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const F = f(sorted[i]!);
    d = Math.max(d, F - i / n, (i + 1) / n - F);
  }
  return d;
}

/** The lognormal of maximum likelihood: mean and standard deviation of the logarithms. */
export function fitLognormal(sorted: ArrayLike<number>): LognormalFit {
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(sorted[i]!);
  const mu = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (Math.log(sorted[i]!) - mu) ** 2;
  const sigma = Math.max(Math.sqrt(sq / n), 1e-9);
  const fit = { kind: "lognormal" as const, mu, sigma };
  return { ...fit, ks: ksDistance(sorted, (x) => cdf(fit, x)) };
}

/**
 * The Weibull of maximum likelihood: the shape k solves Σxᵏ·ln x / Σxᵏ − 1/k − mean(ln x) = 0
 * (Newton's method from k = 1, on values scaled by their maximum for range), then λ = (mean xᵏ)^(1/k).
 */
export function fitWeibull(sorted: ArrayLike<number>): WeibullFit {
  const n = sorted.length;
  const top = sorted[n - 1]!;
  const logs = Float64Array.from({ length: n }, (_, i) => Math.log(sorted[i]! / top));
  const meanLog = logs.reduce((a, b) => a + b, 0) / n;
  let k = 1;
  for (let iter = 0; iter < 100; iter++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (const l of logs) {
      const w = Math.exp(k * l);
      s0 += w;
      s1 += w * l;
      s2 += w * l * l;
    }
    const g = s1 / s0 - 1 / k - meanLog;
    const dg = (s2 * s0 - s1 * s1) / (s0 * s0) + 1 / (k * k);
    const next = Math.max(k - g / dg, k / 10);
    if (Math.abs(next - k) < 1e-10 * k) {
      k = next;
      break;
    }
    k = next;
  }
  let sk = 0;
  for (const l of logs) sk += Math.exp(k * l);
  const fit = { kind: "weibull" as const, shape: k, scale: top * Math.pow(sk / n, 1 / k) };
  return { ...fit, ks: ksDistance(sorted, (x) => cdf(fit, x)) };
}

/** The value at probability p of sorted values (nearest rank). */
export const empiricalQuantile = (sorted: ArrayLike<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
