/**
 * The few special functions the distributions need, to double precision: the standard normal CDF and
 * its inverse (truncated normal sampling and moments) and the gamma function (Weibull moments).
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Standard normal CDF Φ(x), with relative precision ~1e-14 in the lower tail too (callers that need
 * the upper tail use Φ(-x), not 1 - Φ(x)). |x| < 3: Hart's 1968 rational approximation as given by
 * G. West, "Better approximations to cumulative normal functions" (2005); beyond: the Laplace continued
 * fraction of the Mills ratio, 60 terms, which West's 4-term tail (~1e-9 relative) is too short for.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  const tail = z < 3 ? hartTail(z) : millsTail(z);
  return x > 0 ? 1 - tail : tail;
}

// Φ(-z) for 0 <= z < 3.
function hartTail(z: number): number {
  let num = 3.52624965998911e-2 * z + 0.700383064443688;
  num = num * z + 6.37396220353165;
  num = num * z + 33.912866078383;
  num = num * z + 112.079291497871;
  num = num * z + 221.213596169931;
  num = num * z + 220.206867912376;
  let den = 8.83883476483184e-2 * z + 1.75566716318264;
  den = den * z + 16.064177579207;
  den = den * z + 86.7807322029461;
  den = den * z + 296.564248779674;
  den = den * z + 637.333633378831;
  den = den * z + 793.826512519948;
  den = den * z + 440.413735824752;
  return (Math.exp(-0.5 * z * z) * num) / den;
}

// Φ(-z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + ...)))) for z >= 3, evaluated from the bottom up.
function millsTail(z: number): number {
  let rest = 0;
  for (let k = 60; k >= 1; k--) rest = k / (z + rest);
  return normalPdf(z) / (z + rest);
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Inverse standard normal CDF for p in (0, 1): Acklam's rational approximation (1e-9) polished by one
 * Halley step against normalCdf, which brings it to about double precision. 0 → -Infinity, 1 → Infinity.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const x = acklam(p);
  // Halley's step on e = Φ(x) - p; for p > 0.5, Φ(x) - p = (1 - p) - Φ(-x) keeps the tail's precision
  // (1 - p is exact there).
  const error = p > 0.5 ? 1 - p - normalCdf(-x) : normalCdf(x) - p;
  const u = error * SQRT_2PI * Math.exp(0.5 * x * x);
  // Deep in the tail (p near the smallest double) exp(x²/2) overflows: Acklam's value is then the answer.
  if (!Number.isFinite(u)) return x;
  return x - u / (1 + 0.5 * x * u);
}

function acklam(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  const pLow = 0.02425;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    return p < pLow ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** The gamma function Γ(x) (Lanczos, g = 7; ~1e-15 relative). Overflows to Infinity past x ≈ 171.6. */
export function gammaFunction(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gammaFunction(1 - x));
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  // t^(z+0.5) split in two halves so it does not overflow before the division by e^t.
  const half = Math.pow(t, (z + 0.5) / 2);
  return SQRT_2PI * half * (half * Math.exp(-t)) * sum;
}
