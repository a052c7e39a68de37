/** From a folded run plan to the files of its report folder, its expectations and its headline. */
import * as Effect from "effect/Effect";
import { renderComparisonFiles, renderReplicationFiles, renderRunFiles, renderSweepFiles, type ChartKit } from "../report/index.js";
import type { ExpectationOutcome, PlannedOutcome, RunSpec } from "../scenario/index.js";

export interface OutcomeFiles {
  readonly files: Map<string, string>;
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  readonly headline: string;
}

/** The files, expectations and headline of a folded run plan. */
export function filesOf(outcome: PlannedOutcome, kit: ChartKit): OutcomeFiles {
  switch (outcome.kind) {
    case "single":
      return { files: renderRunFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
    case "replications":
      return { files: renderReplicationFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
    case "comparison":
      return { files: renderComparisonFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
    case "sweep":
      return { files: renderSweepFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
  }
}

/** Prints a written report's headline and its failed expectations; returns how many failed. */
export function announce(spec: RunSpec, outcome: OutcomeFiles, dir: string, quiet: boolean) {
  return Effect.gen(function* () {
    const failed = outcome.expectations.filter((e) => !e.passed);
    if (!quiet) yield* Effect.sync(() => void process.stdout.write(`${outcome.headline} -> ${dir}\n`));
    for (const e of failed) yield* Effect.sync(() => void process.stderr.write(`${spec.file}: expectation failed: ${e.text}\n`));
    return failed.length;
  });
}

