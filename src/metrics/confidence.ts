/**
 * Confidence intervals over independent replications (Student t), the way simulation textbooks and
 * SimPy/OpenDC users report a metric: mean ± t(1 − α/2, n − 1) · s / √n.
 */

/** Two-sided 95 % Student-t quantiles for 1..30 degrees of freedom; beyond 30 the normal 1.96 is used. */
const T_95: ReadonlyArray<number> = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101,
  2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The two-sided 95 % t quantile for `df` degrees of freedom (df ≥ 1). */
export const tQuantile95 = (df: number): number => T_95[df - 1] ?? 1.96;

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
  const halfWidth95 = n < 2 ? 0 : (tQuantile95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth95, min: n === 0 ? 0 : Math.min(...xs), max: n === 0 ? 0 : Math.max(...xs) };
}
