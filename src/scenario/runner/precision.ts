/**
 * Are the replications enough? For each metric named in the scenario's `precision:`, the half-width of
 * its interval (at the confidence of an expectation on it, else 95 %) should be at most a share of
 * |mean|. When it is not, say how many replications would do: the half-width shrinks as 1/√n, so
 * n_needed ≈ n × (halfWidth / target)², rounded up (approximate: the t quantile shrinks a little too).
 */
import { halfWidthAt, type Interval } from "../../metrics/index.js";
import { percentLevel } from "../resolve/percent-level.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { show } from "./expectations.js";

export interface PrecisionShortfall {
  readonly metric: string;
  readonly level: number;
  readonly halfWidth: number;
  readonly mean: number;
  /** Replications needed for the target; undefined when the mean is 0 (no relative target exists). */
  readonly needed: number | undefined;
  /** The full warning line. */
  readonly text: string;
}

/** The confidence an expectation on `metric` asks for (the first that gives one), else 0.95. */
export function levelFor(spec: RunSpec, metric: string): number {
  return spec.expectations.find((e) => e.metric === metric && e.confidence !== undefined)?.confidence ?? 0.95;
}

/** The metrics of `spec.precision` whose interval over `n` replications is too wide, in file order. */
export function precisionShortfalls(spec: RunSpec, metrics: Readonly<Record<string, Interval>>, n: number): PrecisionShortfall[] {
  const p = spec.precision;
  if (p === undefined || n < 2) return [];
  const out: PrecisionShortfall[] = [];
  for (const metric of p.metrics) {
    const m = metrics[metric] ?? { n, mean: 0, sd: 0, halfWidth95: 0, min: 0, max: 0 };
    const level = levelFor(spec, metric);
    const halfWidth = halfWidthAt(m, level);
    const target = p.relativeHalfWidth * Math.abs(m.mean);
    if (halfWidth <= target) continue;
    const wanted = `wanted at most ${show(p.relativeHalfWidth * 100)} % of the mean`;
    const head = `precision: ${metric} ± ${show(halfWidth)} at ${percentLevel(level)} over ${n} replications`;
    if (m.mean === 0) {
      out.push({ metric, level, halfWidth, mean: 0, needed: undefined, text: `${head}, but its mean is 0 (${wanted}: no number of replications reaches that)` });
      continue;
    }
    const needed = Math.ceil(n * (halfWidth / target) ** 2);
    const share = show((halfWidth / Math.abs(m.mean)) * 100);
    out.push({ metric, level, halfWidth, mean: m.mean, needed, text: `${head} is ${share} % of its mean ${show(m.mean)} (${wanted}); about ${needed} replications would be needed` });
  }
  return out;
}
