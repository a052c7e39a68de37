/**
 * What each command does. Handlers load everything first and write nothing until every input is
 * valid (bad input: exit 2, no output at all); each scenario's report folder appears in one rename.
 */
import * as Effect from "effect/Effect";
import { join } from "node:path";
import { loadChartKit, renderComparisonFiles, renderExplanation, renderReplicationFiles, renderRunFiles, type ChartKit } from "../report/index.js";
import {
  checkPolicyRef,
  fileKind,
  formatInputIssue,
  loadModel,
  loadScenario,
  planRuns,
  runScenario,
  scenarioJsonSchemas,
  type ExpectationOutcome,
  type InputIssue,
  type PlannedOutcome,
  type RunSpec,
} from "../scenario/index.js";
import { CommandFailure, EXIT_EXPECTATIONS_FAILED, EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { expandScenarioPaths } from "./expand-paths.js";
import { nodeReader } from "./node-reader.js";
import { makeProgress } from "./progress.js";
import { runInPool } from "./worker-pool.js";

export { defaultWorkers } from "./worker-pool.js";
import { writeFileAtomic, writeOutputDir } from "./write-output.js";

const say = (line: string) => Effect.sync(() => void process.stdout.write(`${line}\n`));
const invalid = (issues: ReadonlyArray<InputIssue>) => new CommandFailure(EXIT_INVALID_INPUT, issues.map(formatInputIssue));

/** Loads every scenario or fails with all their issues. */
function loadAll(paths: ReadonlyArray<string>, seed: number | undefined): RunSpec[] | CommandFailure {
  const reader = nodeReader(process.cwd());
  const files = expandScenarioPaths(paths);
  if (files.length === 0) return new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: no scenario files found in ${paths.join(" ")}`]);
  const specs: RunSpec[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    const loaded = loadScenario(reader, file, checkPolicyRef, seed);
    if (loaded.ok) specs.push(loaded.value);
    else issues.push(...loaded.issues);
  }
  const byName = new Map<string, string>();
  for (const spec of specs) {
    const other = byName.get(spec.name);
    if (other !== undefined) issues.push({ file: spec.file, line: 1, column: 1, path: "name", message: `scenario name "${spec.name}" is also used by ${other}; reports would collide`, severity: "error" });
    byName.set(spec.name, spec.file);
  }
  return issues.length > 0 ? invalid(issues) : specs;
}

/** The files, expectations and headline of a folded run plan. */
function filesOf(outcome: PlannedOutcome, kit: ChartKit): { files: Map<string, string>; expectations: ReadonlyArray<ExpectationOutcome>; headline: string } {
  switch (outcome.kind) {
    case "single":
      return { files: renderRunFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
    case "replications":
      return { files: renderReplicationFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
    case "comparison":
      return { files: renderComparisonFiles(outcome.result, kit), expectations: outcome.result.expectations, headline: outcome.result.headline };
  }
}

/** `nfvtwin run`: load all, run each (or its replications), write each report folder atomically. */
export function runHandler(o: {
  scenarios: ReadonlyArray<string>;
  seed: number | undefined;
  out: string;
  quiet: boolean;
  trace: boolean;
  replications: number | undefined;
  workers: number;
}) {
  return Effect.gen(function* () {
    if (o.workers < 1) return yield* Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: --workers must be at least 1, got ${o.workers}`]));
    if (o.replications !== undefined && o.replications < 1) {
      return yield* Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: --replications must be at least 1, got ${o.replications}`]));
    }
    const specs = loadAll(o.scenarios, o.seed);
    if (specs instanceof CommandFailure) return yield* Effect.fail(specs);
    let failedExpectations = 0;
    for (const loaded of specs) {
      const spec = o.trace ? { ...loaded, output: { ...loaded.output, trace: true } } : loaded;
      if (!o.quiet) for (const w of spec.warnings) yield* Effect.sync(() => void process.stderr.write(`${w}\n`));
      const progress = makeProgress(spec.name, process.stderr, o.quiet);
      const plan = planRuns(spec, o.replications ?? spec.replications);
      const workers = Math.min(o.workers, plan.runs.length);
      const outcome = yield* Effect.tryPromise({
        try: async () => {
          // One run, or one worker: in this thread, with the progress bar; otherwise on the pool.
          const results =
            workers <= 1
              ? plan.runs.map((run) => runScenario(run, { onProgress: progress.update }))
              : await runInPool(plan.runs, workers);
          // d3-node (with jsdom) is loaded only by commands that write reports: see chart-kit.ts.
          return filesOf(plan.fold(results), await loadChartKit());
        },
        catch: (e) => new CommandFailure(EXIT_INTERNAL_ERROR, [`nfvtwin: internal error in scenario ${spec.name} (${spec.file}, seed ${spec.seed}): ${e instanceof Error ? e.message : String(e)}`]),
      });
      progress.done();
      const dir = join(o.out, spec.name);
      writeOutputDir(dir, outcome.files);
      const failed = outcome.expectations.filter((e) => !e.passed);
      failedExpectations += failed.length;
      if (!o.quiet) yield* say(`${outcome.headline} -> ${dir}`);
      for (const e of failed) yield* Effect.sync(() => void process.stderr.write(`${spec.file}: expectation failed: ${e.text}\n`));
    }
    if (failedExpectations > 0) return yield* Effect.fail(new CommandFailure(EXIT_EXPECTATIONS_FAILED, [`nfvtwin: ${failedExpectations} expectation(s) failed`]));
  });
}

/** `nfvtwin validate`: every file checked, every issue printed, exit 2 if any. */
export function validateHandler(o: { files: ReadonlyArray<string>; quiet: boolean }) {
  return Effect.gen(function* () {
    const reader = nodeReader(process.cwd());
    const issues: InputIssue[] = [];
    for (const file of expandScenarioPaths(o.files)) {
      const kind = fileKind(reader, file);
      const result =
        kind === "InfrastructureModel"
          ? loadModel(reader, file)
          : kind === "Scenario"
            ? loadScenario(reader, file, checkPolicyRef)
            : undefined;
      if (result === undefined) {
        const read = reader.read(file);
        const message = read.ok ? 'expected "kind: Scenario" or "kind: InfrastructureModel" at the top level' : `cannot read file: ${read.message}`;
        issues.push({ file: reader.display(file), line: 1, column: 1, path: read.ok ? "kind" : "", message, severity: "error" });
      } else if (!result.ok) issues.push(...result.issues);
      else if (!o.quiet) yield* say(`ok ${reader.display(file)} (${kind})`);
    }
    if (issues.length > 0) return yield* Effect.fail(invalid(issues));
  });
}

/** `nfvtwin schema`: JSON Schema documents with sorted keys. */
export function schemaHandler(o: { which: "scenario" | "model" | undefined; out: string | undefined }) {
  return Effect.gen(function* () {
    const schemas = scenarioJsonSchemas();
    if (o.out !== undefined) {
      const out = o.out;
      yield* Effect.sync(() => {
        writeFileAtomic(join(out, "scenario.schema.json"), schemas.scenario);
        writeFileAtomic(join(out, "model.schema.json"), schemas.model);
      });
      return;
    }
    const text = o.which === "scenario" ? schemas.scenario : o.which === "model" ? schemas.model : schemas.both;
    yield* Effect.sync(() => void process.stdout.write(text));
  });
}

/** `nfvtwin explain`: runs the scenario up to request N and prints its placement decision. */
export function explainHandler(o: { scenario: string; request: number; seed: number | undefined; json: boolean }) {
  return Effect.gen(function* () {
    const specs = loadAll([o.scenario], o.seed);
    if (specs instanceof CommandFailure) return yield* Effect.fail(specs);
    const spec = specs[0]!;
    const result = yield* Effect.try({
      try: () => runScenario({ ...spec, output: { ...spec.output, explainRequests: [o.request] } }, { stopAfterRequest: o.request }),
      catch: (e) => new CommandFailure(EXIT_INTERNAL_ERROR, [`nfvtwin: internal error (seed ${spec.seed}): ${e instanceof Error ? e.message : String(e)}`]),
    });
    const explanation = result.explanations.find((x) => x.request === o.request);
    if (explanation === undefined) {
      return yield* Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: the scenario makes only ${result.summary.requests.total} requests; request ${o.request} does not exist`]));
    }
    yield* say(o.json ? JSON.stringify(explanation, null, 2) : renderExplanation(explanation));
  });
}
