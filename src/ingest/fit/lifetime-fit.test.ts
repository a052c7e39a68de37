import { describe, expect, it } from "vitest";
import { createStream } from "../../kernel/index.js";
import { fitLognormal, fitWeibull, ksDistance, quantile } from "./lifetime-fit.js";

const draws = (n: number, f: (u: () => number) => number): Float64Array => {
  const s = createStream(7, "fit-test");
  const u = () => s.next();
  return Float64Array.from({ length: n }, () => f(u)).sort();
};
const normal = (u: () => number) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

describe("lifetime fits recover known parameters (seed fixed)", () => {
  it("lognormal(mu 8, sigma 1.3)", () => {
    const xs = draws(20_000, (u) => Math.exp(8 + 1.3 * normal(u)));
    const fit = fitLognormal(xs);
    expect(fit.mu).toBeCloseTo(8, 1);
    expect(fit.sigma).toBeCloseTo(1.3, 1);
    expect(fit.ks).toBeLessThan(0.015);
    expect(fitWeibull(xs).ks).toBeGreaterThan(fit.ks);
  });

  it("Weibull(shape 0.7, scale 3600)", () => {
    const xs = draws(20_000, (u) => 3600 * Math.pow(-Math.log(1 - u()), 1 / 0.7));
    const fit = fitWeibull(xs);
    expect(Math.abs(fit.shape - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(fit.scale / 3600 - 1)).toBeLessThan(0.03);
    expect(fit.ks).toBeLessThan(0.015);
    expect(fitLognormal(xs).ks).toBeGreaterThan(fit.ks);
    expect(quantile(fit, 0.5)).toBeCloseTo(3600 * Math.pow(Math.LN2, 1 / fit.shape) * (fit.scale / 3600), 6);
  });

  it("the KS distance of a perfect grid is 1/n", () => {
    expect(ksDistance([0.25, 0.5, 0.75, 1], (x) => x)).toBeCloseTo(0.25, 12);
  });
});
