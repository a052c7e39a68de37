/**
 * The fuzz loop: case i of seed S is drawn from its own seed (so `--seed S --case i` replays it alone),
 * written to a fresh folder, run through `validate` and `run` on the case worker, and checked against
 * the contract. A violating case is kept (its files, recipe and outputs) for reproduction.
 */
import fc from "fast-check";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hrtime } from "node:process";
import { caseFiles, caseRecipeArb, type CaseRecipe } from "./cases.js";
import { caseViolations, type Violation } from "./contract.js";
import { CaseExecutor, type Execution } from "./executor.js";

export interface FuzzOptions {
  readonly seed: number;
  /** Cases 0 .. cases-1, or only these indices. */
  readonly cases: number;
  readonly only?: ReadonlyArray<number>;
  readonly timeoutMs: number;
  /** Where violating cases are copied (one folder each); none: not kept. */
  readonly saveDir?: string;
  /** Called after each case (progress, early printing). */
  readonly onCase?: (outcome: CaseOutcome) => void;
}

export interface CaseOutcome {
  readonly index: number;
  readonly caseSeed: number;
  readonly origin: string;
  readonly recipe: CaseRecipe;
  /** Exit codes of validate [, validate model], run; empty after a timeout or crash. */
  readonly exitCodes: ReadonlyArray<number>;
  readonly violations: ReadonlyArray<Violation>;
  /** Where the case's files were saved, when it violated the contract and a save folder was given. */
  readonly savedTo: string | undefined;
  /** Wall-clock time of the case (generation, files, commands, checks). */
  readonly elapsedMs: number;
}

/** The seed of case `index` of a run seeded with `seed`. */
export const caseSeed = (seed: number, index: number): number => (seed ^ Math.imul(index + 1, 0x9e3779b1)) | 0;

/** The recipe of case `index` (deterministic in seed and index). */
export const caseRecipe = (seed: number, index: number): CaseRecipe => fc.sample(caseRecipeArb, { seed: caseSeed(seed, index), numRuns: 1 })[0]!;

/** Runs the cases and returns every outcome (the caller judges violations). */
export async function runFuzz(o: FuzzOptions): Promise<CaseOutcome[]> {
  const work = mkdtempSync(join(tmpdir(), "nfvtwin-fuzz-"));
  const executor = new CaseExecutor();
  const outcomes: CaseOutcome[] = [];
  try {
    for (const index of o.only ?? Array.from({ length: o.cases }, (_, i) => i)) {
      const outcome = await runCase(o, index, join(work, `case-${index}`), executor);
      outcomes.push(outcome);
      o.onCase?.(outcome);
    }
  } finally {
    executor.close();
    rmSync(work, { recursive: true, force: true });
  }
  return outcomes;
}

async function runCase(o: FuzzOptions, index: number, dir: string, executor: CaseExecutor): Promise<CaseOutcome> {
  const started = hrtime.bigint();
  const recipe = caseRecipe(o.seed, index);
  const files = caseFiles(recipe);
  mkdirSync(dir, { recursive: true });
  const scenario = join(dir, "scenario.yaml");
  const model = join(dir, "model.yaml");
  const outDir = join(dir, "out");
  writeFileSync(scenario, files.scenario);
  writeFileSync(model, files.model);
  const commands = [["validate", scenario], ...(files.modelMutated ? [["validate", model]] : []), ["run", scenario, "--out", outDir, "--workers", "1"]];
  const execution = await executor.execute(commands, o.timeoutMs);
  const inputText = `${files.scenario.toString("utf8")}\n${files.model.toString("utf8")}`;
  const violations = caseViolations({ execution, modelValidated: files.modelMutated, outDir, inputText });
  const savedTo = violations.length > 0 && o.saveDir !== undefined ? saveCase(o, index, dir, recipe, commands, execution, violations) : undefined;
  rmSync(dir, { recursive: true, force: true });
  const exitCodes = execution.kind === "done" ? execution.results.map((r) => r.exitCode) : [];
  const elapsedMs = Number(hrtime.bigint() - started) / 1e6;
  return { index, caseSeed: caseSeed(o.seed, index), origin: files.origin, recipe, exitCodes, violations, savedTo, elapsedMs };
}

/** Copies a violating case to `<saveDir>/seed-S-case-I/`: its files, what ran, what it printed, what broke. */
function saveCase(o: FuzzOptions, index: number, dir: string, recipe: CaseRecipe, commands: string[][], execution: Execution, violations: ReadonlyArray<Violation>): string {
  const target = join(o.saveDir!, `seed-${o.seed}-case-${index}`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(dir, target, { recursive: true });
  const shown = commands.map((c) => c.map((a) => a.split(dir).join(".")));
  const report = { seed: o.seed, case: index, replay: `npm run fuzz -- --seed ${o.seed} --case ${index}`, violations, commands: shown, execution, recipe };
  writeFileSync(join(target, "case.json"), `${JSON.stringify(report, null, 2)}\n`);
  return target;
}
