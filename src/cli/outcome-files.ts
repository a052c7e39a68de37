/** From a folded run plan to the files of its report folder, its expectations and its headline. */
import * as Effect from "effect/Effect";
import { renderComparisonFiles, renderReplicationFiles, renderRunFiles, renderSweepFiles, type ChartKit } from "../report/index.js";
import { printErr, printOut } from "./cli-io.js";
import type { ExpectationOutcome, PlannedOutcome, RunSpec } from "../scenario/index.js";

export interface OutcomeFiles {
  readonly files: Map<string, string>;
  readonly expectations: ReadonlyArray<ExpectationOutcome>;
  /** Warnings found by the run or its aggregate (the scenario's own warnings are printed before it runs). */
  readonly warnings: ReadonlyArray<string>;
  readonly headline: string;
}

/** The files, expectations, warnings and headline of a folded run plan. */
export function filesOf(outcome: PlannedOutcome, kit: ChartKit): OutcomeFiles {
  switch (outcome.kind) {
    case "single": {
      const r = outcome.result;
      return { files: renderRunFiles(r, kit), expectations: r.expectations, warnings: r.summary.warnings, headline: r.headline };
    }
    case "replications": {
      const r = outcome.result;
      return { files: renderReplicationFiles(r, kit), expectations: r.expectations, warnings: r.warnings, headline: r.headline };
    }
    case "comparison": {
      const r = outcome.result;
      const warnings = r.variants.flatMap((v) => v.replications.warnings.map((w) => `[${v.name}] ${w}`));
      return { files: renderComparisonFiles(r, kit), expectations: r.expectations, warnings, headline: r.headline };
    }
    case "sweep": {
      const r = outcome.result;
      return { files: renderSweepFiles(r, kit), expectations: r.expectations, warnings: r.warnings, headline: r.headline };
    }
  }
}

/** Prints a written report's headline, its new warnings and its failed expectations; returns how many failed. */
export function announce(spec: RunSpec, outcome: OutcomeFiles, dir: string, quiet: boolean) {
  return Effect.gen(function* () {
    const failed = outcome.expectations.filter((e) => !e.passed);
    if (!quiet) yield* printOut(`${outcome.headline} -> ${dir}\n`);
    const fresh = outcome.warnings.filter((w) => !spec.warnings.includes(w));
    if (!quiet) for (const w of fresh) yield* printErr(`${spec.file}: warning: ${w}\n`);
    for (const e of failed) yield* printErr(`${spec.file}: expectation failed: ${e.text}\n`);
    return failed.length;
  });
}
