/**
 * Independent replications of one scenario: N runs on seeds derived from the base seed, every numeric
 * metric of summary.json reported with mean, standard deviation and a 95 % Student-t interval, the
 * expectations checked on the means (or on their whole interval when they give a confidence), and a
 * warning when an interval is wider than the scenario's `precision:` allows. Replication 1 uses the
 * base seed itself, so `--replications 1` is the plain run.
 */
import { createStream } from "../../kernel/index.js";
import { interval, type Interval } from "../../metrics/index.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { unjudgedConfidenceWarnings } from "./expectations.js";
import { evaluateOnIntervals } from "./interval-expectations.js";
import { precisionShortfalls, type PrecisionShortfall } from "./precision.js";
import type { ExpectationOutcome, RunResult, RunSummary } from "./run-result.js";
import { runScenario, type RunOptions } from "./runner.js";

export interface ReplicationsResult {
  readonly spec: RunSpec;
  readonly seeds: ReadonlyArray<number>;
  /** In replication order. */
  readonly runs: ReadonlyArray<RunResult>;
  /** summary.json path → interval over the replications (scenario identity fields left out). */
  readonly metrics: Readonly<Record<string, Interval>>;
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  /** Precision shortfalls and confidences a single replication cannot judge, one line each. */
  readonly warnings: ReadonlyArray<string>;
  readonly headline: string;
}

/** The seeds of `n` replications: the base seed first, then draws of the stream (base, "replications"). */
export function replicationSeeds(baseSeed: number, n: number): number[] {
  const stream = createStream(baseSeed, "replications");
  const seeds = [baseSeed];
  while (seeds.length < n) {
    const seed = Math.floor(stream.next() * 2_147_483_647);
    if (!seeds.includes(seed)) seeds.push(seed);
  }
  return seeds.slice(0, n);
}

/** Every numeric leaf of a summary by dotted path, identity fields (scenario.*) excluded. */
export function numericLeaves(summary: RunSummary): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (node: unknown, path: string): void => {
    if (typeof node === "number") out.set(path, node);
    else if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      for (const key of Object.keys(node).sort()) walk((node as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`);
    }
  };
  for (const key of Object.keys(summary).sort()) if (key !== "scenario") walk((summary as unknown as Record<string, unknown>)[key], key);
  return out;
}

/** Runs `n` replications of `spec` in order and aggregates them. */
export function runReplications(spec: RunSpec, n: number, options: RunOptions = {}): ReplicationsResult {
  const seeds = replicationSeeds(spec.seed, n);
  const runs = seeds.map((seed) => runScenario({ ...spec, seed, expectations: [] }, options));
  return aggregateReplications(spec, seeds, runs);
}

/**
 * The aggregate of replications already run (in replication order), a pure function of their results:
 * whoever runs them (in order here, or a worker pool) gets the same bytes.
 */
export function aggregateReplications(spec: RunSpec, seeds: ReadonlyArray<number>, runs: ReadonlyArray<RunResult>): ReplicationsResult {
  const n = runs.length;
  const perRun = runs.map((r) => numericLeaves(r.summary));
  // A metric missing from a run (no rejection of some reason there) counts as 0 in that run.
  const paths = [...new Set(perRun.flatMap((m) => [...m.keys()]))].sort();
  const metrics: Record<string, Interval> = {};
  for (const path of paths) metrics[path] = interval(perRun.map((m) => m.get(path) ?? 0));
  const expectations = evaluateOnIntervals(spec.expectations, metrics, n);
  const shortfalls = precisionShortfalls(spec, metrics, n);
  const warnings = [...(n < 2 ? unjudgedConfidenceWarnings(spec.expectations) : []), ...shortfalls.map((s) => s.text)];
  return { spec, seeds, runs, metrics, expectations, warnings, headline: replicationsHeadline(spec, n, metrics, expectations, shortfalls) };
}

/** One terminal line: the rejection rate's interval, the expectations' verdict, too-wide intervals. */
function replicationsHeadline(spec: RunSpec, n: number, metrics: Readonly<Record<string, Interval>>, expectations: ReadonlyArray<ExpectationOutcome>, shortfalls: ReadonlyArray<PrecisionShortfall>): string {
  const rate = metrics["requests.rejectionRate"] ?? interval([]);
  const failed = expectations.filter((e) => !e.passed).length;
  const judged = spec.expectations.some((e) => e.confidence !== undefined) ? "on the means and intervals" : "on the means";
  const verdict = expectations.length === 0 ? "" : failed === 0 ? `, expectations met ${judged}` : `, ${failed} of ${expectations.length} expectations FAILED`;
  const needs = shortfalls.map((s) => `${s.metric} needs ${s.needed === undefined ? "a non-zero mean" : `~${s.needed} replications`}`);
  const precision = needs.length === 0 ? "" : `; too few replications for the wanted precision: ${needs.join(", ")}`;
  return `${spec.name}: ${n} replications, rejection rate ${(rate.mean * 100).toFixed(3)} % ± ${(rate.halfWidth95 * 100).toFixed(3)} (95 %)${verdict}${precision}`;
}
