/**
 * Student's t distribution, as far as confidence intervals need it: the upper tail through the
 * regularized incomplete beta function (continued fraction, as in Numerical Recipes §6.4) and the
 * two-sided quantile by bisection on that tail. A table would cover only the levels someone typed in;
 * a scenario may ask for any confidence in (0.5, 0.999].
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~1e-15 relative). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const TINY = 1e-300;
const EPSILON = 1e-15;

// Lentz's evaluation of the continued fraction of I_x(a, b); converges fast for x < (a + 1)/(a + b + 2).
function betaFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < TINY ? TINY : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const numerator of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < TINY) c = TINY;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < EPSILON) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The symmetry I_x(a, b) = 1 − I_{1−x}(b, a) keeps the fraction in its fast-converging region.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T > t) for t ≥ 0 and `df` > 0 degrees of freedom. */
export function studentUpperTail(t: number, df: number): number {
  return 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * The two-sided Student-t quantile: the t with P(|T| ≤ t) = `level`, e.g. tQuantile(0.95, 4) ≈ 2.776.
 * Bisection on the upper tail to ~1e-12 relative; `level` in (0, 1), `df` ≥ 1 (may be fractional).
 */
export function tQuantile(level: number, df: number): number {
  if (!(level > 0 && level < 1) || !(df > 0)) throw new Error(`tQuantile: level ${level} must be in (0, 1) and df ${df} > 0`);
  const tail = (1 - level) / 2;
  let low = 0;
  let high = 2;
  while (studentUpperTail(high, df) > tail) high *= 2;
  while (high - low > 1e-12 * high) {
    const mid = (low + high) / 2;
    if (studentUpperTail(mid, df) > tail) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
