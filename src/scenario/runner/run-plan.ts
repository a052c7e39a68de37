/**
 * What a `run` of one scenario consists of, as a flat list of independent single runs (one per
 * variant × replication, or sweep point × replication, in that nesting), and how their results fold back into the scenario's result. Runs can be
 * executed in any order or in parallel; folding them in plan order gives the same bytes.
 */
import type { RunSpec } from "../resolve/run-spec.js";
import { aggregateComparison, type ComparisonResult } from "./comparison.js";
import { aggregateReplications, replicationSeeds, type ReplicationsResult } from "./replications.js";
import type { RunResult } from "./run-result.js";
import { aggregateSweep, type SweepResult } from "./sweep.js";

export type PlannedOutcome =
  | { readonly kind: "single"; readonly result: RunResult }
  | { readonly kind: "replications"; readonly result: ReplicationsResult }
  | { readonly kind: "comparison"; readonly result: ComparisonResult }
  | { readonly kind: "sweep"; readonly result: SweepResult };

/** Folds the results of a plan's runs (in plan order) into the outcome. */
export type PlanOutcomeFold = (results: ReadonlyArray<RunResult>) => PlannedOutcome;

export interface RunPlan {
  /** The single runs, in plan order. */
  readonly runs: ReadonlyArray<RunSpec>;
  /** Folds the results of `runs` (same order) into the outcome. */
  readonly fold: PlanOutcomeFold;
}

/** The plan of `spec` with `replications` replications (variants, if any, each get them all). */
export function planRuns(spec: RunSpec, replications: number): RunPlan {
  const seeds = replicationSeeds(spec.seed, Math.max(1, replications));
  const sweep = spec.sweep;
  if (sweep !== undefined) {
    // One replication keeps the point's expectations, so its own folder shows them as a plain run does.
    const runs = sweep.points.flatMap((p) => (seeds.length === 1 ? [p.spec] : seeds.map((seed) => ({ ...p.spec, seed, expectations: [] }))));
    return { runs, fold: (results) => ({ kind: "sweep", result: aggregateSweep(spec, sweep, seeds, results) }) };
  }
  if (spec.variants.length > 0) {
    const runs = spec.variants.flatMap((v) => seeds.map((seed) => ({ ...v.spec, seed, expectations: [] })));
    return {
      runs,
      fold: (results) => {
        const perVariant = spec.variants.map((v, i) => aggregateReplications(v.spec, seeds, results.slice(i * seeds.length, (i + 1) * seeds.length)));
        return { kind: "comparison", result: aggregateComparison(spec, perVariant) };
      },
    };
  }
  if (replications <= 1) return { runs: [spec], fold: (results) => ({ kind: "single", result: results[0]! }) };
  return {
    runs: seeds.map((seed) => ({ ...spec, seed, expectations: [] })),
    fold: (results) => ({ kind: "replications", result: aggregateReplications(spec, seeds, results) }),
  };
}
