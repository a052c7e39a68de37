/**
 * A sweep's result: every point's metrics (mean and 95 % interval over its replications), whether it
 * meets every expectation (on the means, and on the whole interval), and the answer a planner wants:
 * the smallest point that meets them all (see sweep-choice.ts), or the closest when none does.
 * A pure function of the runs, folded in plan order (point by point, replication by replication).
 */
import { interval, type Interval } from "../../metrics/index.js";
import { plural } from "../../domain/index.js";
import type { ExpectationSpec, RunSpec, SweepPointSpec, SweepSpec, SweepValue } from "../resolve/run-spec.js";
import { describePoint } from "../resolve/sweep.js";
import { show, unjudgedConfidenceWarnings } from "./expectations.js";
import { evaluateOnIntervals, intervalAt, judgeInterval } from "./interval-expectations.js";
import { percentLevel } from "../resolve/percent-level.js";
import { sweepValueNumber } from "../resolve/sweep-grid.js";
import { aggregateReplications, numericLeaves, type ReplicationsResult } from "./replications.js";
import type { ExpectationOutcome, RunResult } from "./run-result.js";
import { chooseSweepPoint } from "./sweep-choice.js";

export interface SweepExpectationOutcome extends ExpectationOutcome {
  /**
   * The whole interval of the mean (at the expectation's confidence, else 95 %) is within the bounds
   * (equals `passed` for one replication).
   */
  readonly passedCi95: boolean;
}

export interface SweepPointResult {
  /** 0-based, in grid order. */
  readonly index: number;
  readonly values: ReadonlyArray<SweepValue>;
  /** `path=value, ...` */
  readonly label: string;
  readonly hosts: number;
  /** The quantity minimised at this point. */
  readonly size: number;
  /** summary.json path → interval over the point's replications (n = 1: the run's value). */
  readonly metrics: Readonly<Record<string, Interval>>;
  readonly expectations: ReadonlyArray<SweepExpectationOutcome>;
  /** Every expectation met under the sweep's criterion. */
  readonly meets: boolean;
  readonly shortfall: number;
  /** The point's own runs: one run, or its replications. */
  readonly outcome: { readonly kind: "single"; readonly result: RunResult } | { readonly kind: "replications"; readonly result: ReplicationsResult };
}

export interface SweepResult {
  readonly spec: RunSpec;
  readonly parameters: SweepSpec["parameters"];
  readonly minimise: SweepSpec["minimise"];
  /** The criterion applied: as written, else `ci95` with replications and `mean` (the same verdicts) without. */
  readonly criterion: "mean" | "ci95";
  /** "max" when the chosen point is the one with the highest value (`maximise`); absent: the lowest. */
  readonly direction?: "max";
  readonly seeds: ReadonlyArray<number>;
  readonly points: ReadonlyArray<SweepPointResult>;
  /** Index of the smallest point meeting every expectation; undefined when none does. */
  readonly chosen: number | undefined;
  /** When none meets: the closest point. */
  readonly closest: number | undefined;
  /** The expectations at the chosen (or closest) point, prefixed with the point: for junit.xml and the exit code. */
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  /** Warnings at the chosen (or closest) point (precision, unjudged confidences), prefixed with the point. */
  readonly warnings: ReadonlyArray<string>;
  readonly headline: string;
}

/**
 * Outcomes on the means (on the interval for expectations that give a confidence), with the interval
 * verdict at the expectation's own confidence, else 95 %, for the `ci95` criterion.
 */
function judge(expectations: ReadonlyArray<ExpectationSpec>, metrics: Readonly<Record<string, Interval>>, n: number): SweepExpectationOutcome[] {
  const outcomes = evaluateOnIntervals(expectations, metrics, n);
  return outcomes.map((o, i) => {
    const e = expectations[i]!;
    const m = metrics[e.metric] ?? interval([0]);
    return { ...o, passedCi95: judgeInterval(e, m, e.confidence ?? 0.95).passed };
  });
}

/** Σ of (amount missed / |bound|) over the failed expectations; a bound of 0 counts as 1. */
function shortfallOf(expectations: ReadonlyArray<ExpectationSpec>, outcomes: ReadonlyArray<ExpectationOutcome>): number {
  let total = 0;
  outcomes.forEach((o, i) => {
    const e = expectations[i]!;
    const missed = e.min !== undefined && o.value < e.min ? e.min - o.value : e.max !== undefined && o.value > e.max ? o.value - e.max : 0;
    const bound = (e.min !== undefined && o.value < e.min ? e.min : e.max) ?? 1;
    total += missed / (bound === 0 ? 1 : Math.abs(bound));
  });
  return total;
}

/** One point's result from its runs (in replication order). */
function pointResult(sweep: SweepSpec, criterion: "mean" | "ci95", point: SweepPointSpec, seeds: ReadonlyArray<number>, runs: ReadonlyArray<RunResult>): SweepPointResult {
  const spec = point.spec;
  const outcome = runs.length === 1 ? { kind: "single" as const, result: runs[0]! } : { kind: "replications" as const, result: aggregateReplications(spec, seeds, runs) };
  const metrics: Record<string, Interval> = {};
  if (outcome.kind === "replications") Object.assign(metrics, outcome.result.metrics);
  else for (const [path, value] of numericLeaves(runs[0]!.summary)) metrics[path] = interval([value]);
  const expectations = judge(spec.expectations, metrics, runs.length);
  const meets = expectations.every((e) => (criterion === "ci95" ? e.passedCi95 : e.passed));
  const m = sweep.minimise;
  const size = m.kind === "hosts" ? spec.model.hosts.length : m.kind === "parameter" ? sweepValueNumber(point.values[m.index]!) : (metrics[m.path]?.mean ?? 0);
  const label = describePoint(sweep.parameters.map((p) => p.path), point.values);
  return { index: point.index, values: point.values, label, hosts: spec.model.hosts.length, size, metrics, expectations, meets, shortfall: shortfallOf(spec.expectations, expectations), outcome };
}

/** A point's own warnings: its replications' (precision, ...), or a single run's unjudged confidences. */
function pointWarnings(p: SweepPointResult, spec: RunSpec): ReadonlyArray<string> {
  return p.outcome.kind === "replications" ? p.outcome.result.warnings : unjudgedConfidenceWarnings(spec.expectations);
}

/**
 * The loud warning of a sweep judged on the means: at the chosen point, each expectation its mean
 * meets but whose interval crosses the limit (the default criterion would not have chosen it).
 */
function meanCriterionWarnings(at: SweepPointResult, spec: RunSpec): string[] {
  return at.expectations.flatMap((e, i) => {
    if (!e.passed || e.passedCi95) return [];
    const x = spec.expectations[i]!;
    const level = x.confidence ?? 0.95;
    const m = at.metrics[x.metric];
    const { low, high } = m === undefined ? { low: 0, high: 0 } : intervalAt(m, level);
    const limit = [x.min === undefined ? "" : `min ${show(x.min)}`, x.max === undefined ? "" : `max ${show(x.max)}`].filter((t) => t !== "").join(", ");
    return [`criterion mean: the chosen point's ${percentLevel(level)} interval of ${x.metric} [${show(low)}, ${show(high)}] crosses its limit (${limit}); only its mean ${show(m?.mean ?? 0)} meets it. The default criterion (ci95) judges the interval; more replications narrow it`];
  });
}

/** The sweep of `spec` from its runs in plan order: point after point, each with `seeds.length` replications. */
export function aggregateSweep(spec: RunSpec, sweep: SweepSpec, seeds: ReadonlyArray<number>, results: ReadonlyArray<RunResult>): SweepResult {
  const n = seeds.length;
  const criterion = sweep.criterion ?? (n > 1 ? "ci95" : "mean");
  const verdict = (e: SweepExpectationOutcome) => (criterion === "ci95" ? e.passedCi95 : e.passed);
  const points = sweep.points.map((p, i) => pointResult(sweep, criterion, p, seeds, results.slice(i * n, (i + 1) * n)));
  const sign = sweep.direction === "max" ? -1 : 1;
  const choice = chooseSweepPoint(points.map((p) => ({ size: sign * p.size, meets: p.meets, failed: p.expectations.filter((e) => !verdict(e)).length, shortfall: p.shortfall })));
  const at = points[choice.kind === "chosen" ? choice.index : choice.closest]!;
  const expectations = at.expectations.map((e) => ({ text: `[point ${at.index + 1}: ${at.label}] ${e.text}`, passed: verdict(e), metric: e.metric, value: e.value }));
  const grid = `${points.length} points x ${plural(n, "replication")}`;
  const best = sweep.direction === "max" ? "largest" : "smallest";
  const answer =
    choice.kind === "chosen"
      ? `${best} meeting every expectation: point ${at.index + 1} (${at.label}; ${at.hosts} hosts)`
      : `no point meets every expectation; closest: point ${at.index + 1} (${at.label}; ${at.hosts} hosts)`;
  const loud = criterion === "mean" && n > 1 && choice.kind === "chosen" ? meanCriterionWarnings(at, sweep.points[at.index]!.spec) : [];
  return {
    spec,
    parameters: sweep.parameters,
    minimise: sweep.minimise,
    criterion,
    ...(sweep.direction === undefined ? {} : { direction: sweep.direction }),
    seeds,
    points,
    chosen: choice.kind === "chosen" ? choice.index : undefined,
    closest: choice.kind === "none" ? choice.closest : undefined,
    expectations,
    warnings: [...loud, ...pointWarnings(at, sweep.points[at.index]!.spec)].map((w) => `[point ${at.index + 1}: ${at.label}] ${w}`),
    headline: `${spec.name}: sweep of ${grid}, ${answer}${loud.length > 0 ? " (WARNING: judged on the means; its interval crosses a limit)" : ""}`,
  };
}
