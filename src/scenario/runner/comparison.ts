/**
 * Policy comparison on common random numbers: every variant runs the same replications (same seeds,
 * and every workload draw comes from a stream named by the workload, not by the variant), so the
 * difference of a metric between a variant and the baseline (the first variant) is measured pair by
 * pair, with a paired 95 % Student-t interval: far narrower than comparing two independent means.
 */
import { interval, type Interval } from "../../metrics/index.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { numericLeaves, runReplications, type ReplicationsResult } from "./replications.js";
import type { ExpectationOutcome } from "./run-result.js";
import type { RunOptions } from "./runner.js";

export interface VariantResult {
  readonly name: string;
  readonly description: string;
  readonly policy: string;
  readonly replications: ReplicationsResult;
  /** metric → paired difference (this variant − baseline) over the replications. */
  readonly differences: Readonly<Record<string, Interval>>;
}

export interface ComparisonResult {
  readonly spec: RunSpec;
  readonly seeds: ReadonlyArray<number>;
  /** In file order; the first is the baseline. */
  readonly variants: ReadonlyArray<VariantResult>;
  /** Every variant's expectations (checked on its means), prefixed with the variant name. */
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  readonly headline: string;
}

/** Paired differences of every metric between `runs` and `baseline`, replication by replication. */
function pairedDifferences(variant: ReplicationsResult, baseline: ReplicationsResult): Record<string, Interval> {
  const mine = variant.runs.map((r) => numericLeaves(r.summary));
  const base = baseline.runs.map((r) => numericLeaves(r.summary));
  const paths = [...new Set([...mine, ...base].flatMap((m) => [...m.keys()]))].sort();
  const out: Record<string, Interval> = {};
  for (const path of paths) out[path] = interval(mine.map((m, r) => (m.get(path) ?? 0) - (base[r]!.get(path) ?? 0)));
  return out;
}

/** Runs every variant of `spec` on `n` replications (the same seeds for all) and compares them. */
export function runComparison(spec: RunSpec, n: number, options: RunOptions = {}): ComparisonResult {
  return aggregateComparison(
    spec,
    spec.variants.map((v) => runReplications(v.spec, n, options)),
  );
}

/** The comparison of replications already run, one ReplicationsResult per variant in file order. */
export function aggregateComparison(spec: RunSpec, perVariant: ReadonlyArray<ReplicationsResult>): ComparisonResult {
  const baseline = perVariant[0]!;
  const n = baseline.runs.length;
  const variants = spec.variants.map((v, i) => {
    const replications = perVariant[i]!;
    return {
      name: v.name,
      description: v.description,
      policy: replications.runs[0]!.summary.scenario.policy,
      replications,
      differences: pairedDifferences(replications, baseline),
    };
  });
  const expectations = variants.flatMap((v) => v.replications.expectations.map((e) => ({ ...e, text: `[${v.name}] ${e.text}` })));
  const rate = (v: VariantResult) => v.replications.metrics["requests.rejectionRate"]?.mean ?? 0;
  const parts = variants.map((v) => `${v.name} ${(rate(v) * 100).toFixed(2)} %`);
  const failed = expectations.filter((e) => !e.passed).length;
  const verdict = failed === 0 ? "" : `, ${failed} expectations FAILED`;
  const headline = `${spec.name}: ${variants.length} variants x ${n} replications, rejection rate ${parts.join(", ")}${verdict}`;
  return { spec, seeds: baseline.seeds, variants, expectations, headline };
}
