/**
 * Confidence intervals over independent replications (Student t), the way simulation textbooks and
 * SimPy/OpenDC users report a metric: mean ± t(1 − α/2, n − 1) · s / √n.
 */
import { tQuantile } from "./student-t.js";

// Aggregates ask for the same few (level, df) pairs for hundreds of metrics; the bisection is not free.
const QUANTILES = new Map<string, number>();

/** The two-sided Student-t quantile at `level` (e.g. 0.95) for `df` ≥ 1 degrees of freedom, memoised. */
export function tQuantileAt(level: number, df: number): number {
  const key = `${level}/${df}`;
  let t = QUANTILES.get(key);
  if (t === undefined) {
    t = tQuantile(level, df);
    QUANTILES.set(key, t);
  }
  return t;
}

/** The two-sided 95 % t quantile for `df` degrees of freedom (df ≥ 1). */
export const tQuantile95 = (df: number): number => tQuantileAt(0.95, df);

export interface Interval {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Half-width of the 95 % confidence interval of the mean (0 for a single replication). */
  readonly halfWidth95: number;
  readonly min: number;
  readonly max: number;
}

/** Mean, sample standard deviation and 95 % interval of independent observations. */
export function interval(xs: ReadonlyArray<number>): Interval {
  const n = xs.length;
  const mean = n === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const halfWidth95 = halfWidth(n, sd, 0.95);
  return { n, mean, sd, halfWidth95, min: n === 0 ? 0 : Math.min(...xs), max: n === 0 ? 0 : Math.max(...xs) };
}

/** Half-width of the two-sided interval of the mean at `level` from n and the sample sd (0 when n < 2). */
export function halfWidth(n: number, sd: number, level: number): number {
  return n < 2 ? 0 : (tQuantileAt(level, n - 1) * sd) / Math.sqrt(n);
}

/** Half-width of `m`'s interval at `level` (the stored 95 % one when level is 0.95). */
export function halfWidthAt(m: Interval, level: number): number {
  return level === 0.95 ? m.halfWidth95 : halfWidth(m.n, m.sd, level);
}
