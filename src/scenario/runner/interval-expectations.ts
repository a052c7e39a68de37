/**
 * Expectations judged over replications. Without a confidence, on the mean (as before); with one, the
 * whole two-sided Student-t interval of the mean at that level must lie within the bounds, so "at 95 %
 * confidence the rejection rate is below 1 %" is a claim the run can back, not only a point estimate.
 */
import { halfWidthAt, type Interval } from "../../metrics/index.js";
import { percentLevel } from "../resolve/percent-level.js";
import type { ExpectationSpec } from "../resolve/run-spec.js";
import { evaluateWith, show } from "./expectations.js";
import type { ExpectationOutcome } from "./run-result.js";

/** The interval of a metric missing from every run: all zeros. */
const zeros = (n: number): Interval => ({ n, mean: 0, sd: 0, halfWidth95: 0, min: 0, max: 0 });

/** [low, high] of `m`'s interval at `level`. */
export function intervalAt(m: Interval, level: number): { readonly low: number; readonly high: number } {
  const hw = halfWidthAt(m, level);
  return { low: m.mean - hw, high: m.mean + hw };
}

/** Whether the whole interval at `level` is within the expectation's bounds, and the amount missed. */
export function judgeInterval(e: ExpectationSpec, m: Interval, level: number): { readonly passed: boolean; readonly by: string } {
  const { low, high } = intervalAt(m, level);
  if (e.min !== undefined && low < e.min) return { passed: false, by: ` (lower end ${show(e.min - low)} below the minimum)` };
  if (e.max !== undefined && high > e.max) return { passed: false, by: ` (upper end ${show(high - e.max)} above the maximum)` };
  return { passed: true, by: "" };
}

/** One outcome per expectation over `n` replications' `metrics` (n < 2: on the value, as a plain run). */
export function evaluateOnIntervals(expectations: ReadonlyArray<ExpectationSpec>, metrics: Readonly<Record<string, Interval>>, n: number): ExpectationOutcome[] {
  const onMeans = evaluateWith(expectations, (path) => metrics[path]?.mean ?? 0, n < 2 ? "" : "mean ");
  if (n < 2) return onMeans;
  return onMeans.map((outcome, i) => {
    const e = expectations[i]!;
    if (e.confidence === undefined) return outcome;
    const m = metrics[e.metric] ?? zeros(n);
    const { low, high } = intervalAt(m, e.confidence);
    const verdict = judgeInterval(e, m, e.confidence);
    const level = percentLevel(e.confidence);
    const text = `${e.text}: got mean ${show(m.mean)}, ${level} interval [${show(low)}, ${show(high)}] over ${n} replications${verdict.by}`;
    return { ...outcome, text, passed: verdict.passed };
  });
}
