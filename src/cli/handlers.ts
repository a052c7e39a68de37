/**
 * What each command does. Handlers load everything first and write nothing until every input is
 * valid (bad input: exit 2, no output at all); each scenario's report folder appears in one rename.
 */
import * as Effect from "effect/Effect";
import { join } from "node:path";
import { renderExplanation } from "../report/index.js";
import {
  checkPolicyRef,
  fileKind,
  loadModel,
  loadScenario,
  planRuns,
  runScenario,
  scenarioJsonSchemas,
  type InputIssue,
  type RunResult,
  type RunSpec,
} from "../scenario/index.js";
import { CliIoRef, printErr, printOut } from "./cli-io.js";
import { CommandFailure, EXIT_EXPECTATIONS_FAILED, EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { expandScenarioPaths } from "./expand-paths.js";
import { inputsDigest } from "./inputs-digest.js";
import { invalid, loadAll, withTrace } from "./load-all.js";
import { nodeReader } from "./node-reader.js";
import { announce } from "./outcome-files.js";
import { startReportRenderer, type ReportRenderer } from "./report-renderer.js";
import { makeProgress, type ProgressSink } from "./progress.js";
import { shardJson } from "./shard-file.js";
import { parseShard, shardPlanIndices, type Shard } from "./shard.js";
import { runInPool } from "./worker-pool.js";
import { writeFileAtomic, writeOutputDir } from "./write-output.js";

export { defaultWorkers } from "./worker-pool.js";
export { mergeHandler } from "./merge.js";

const say = (line: string) => printOut(`${line}\n`);
const usage = (line: string) => Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: ${line}`]));

/** Runs `runs` in this thread (one worker, with the progress of each run) or on the pool; results in `runs` order. */
async function execute(runs: ReadonlyArray<RunSpec>, workers: number, progress: ProgressSink): Promise<RunResult[]> {
  if (workers <= 1 || runs.length <= 1) {
    const results: RunResult[] = [];
    for (const run of runs) {
      results.push(runScenario(run, { onProgress: progress.update }));
      progress.runDone(results.length);
    }
    return results;
  }
  return runInPool(runs, workers, progress.runDone);
}

/** Runs plan items of `spec` under the internal-error mapping (the message names the scenario and seed to replay). */
function runItems(spec: RunSpec, runs: ReadonlyArray<RunSpec>, workers: number, progress: ProgressSink) {
  return Effect.tryPromise({
    try: () => execute(runs, Math.min(workers, runs.length), progress),
    catch: (e) => new CommandFailure(EXIT_INTERNAL_ERROR, [`nfvtwin: internal error in scenario ${spec.name} (${spec.file}, seed ${spec.seed}): ${e instanceof Error ? e.message : String(e)}`]),
  }).pipe(Effect.ensuring(Effect.sync(() => progress.done())));
}

export interface RunCommandOptions {
  readonly scenarios: ReadonlyArray<string>;
  readonly seed: number | undefined;
  readonly out: string;
  readonly quiet: boolean;
  readonly trace: boolean;
  readonly replications: number | undefined;
  readonly workers: number;
  readonly shard: string | undefined;
}

/** One scenario of `run`: its whole plan folded into its report folder, or its shard's slice into shard.json. */
function runOne(loaded: RunSpec, o: RunCommandOptions, shard: Shard | undefined, renderer: ReportRenderer) {
  return Effect.gen(function* () {
    const spec = withTrace(loaded, o.trace);
    if (!o.quiet) for (const w of spec.warnings) yield* printErr(`${w}\n`);
    const replications = o.replications ?? spec.replications;
    const plan = planRuns(spec, replications);
    const indices = shard === undefined ? plan.runs.map((_, k) => k) : shardPlanIndices(plan.runs.length, shard);
    const progress = makeProgress(spec.name, (yield* CliIoRef).stderr, o.quiet, indices.length);
    const results = yield* runItems(spec, indices.map((k) => plan.runs[k]!), o.workers, progress);
    const dir = join(o.out, spec.name);
    if (shard === undefined) {
      const folded = plan.fold(results);
      const outcome = yield* Effect.tryPromise({
        try: () => renderer.render(folded),
        catch: (e) => new CommandFailure(EXIT_INTERNAL_ERROR, [`nfvtwin: internal error writing the report of ${spec.name}: ${e instanceof Error ? e.message : String(e)}`]),
      });
      writeOutputDir(dir, outcome.files);
      return yield* announce(spec, outcome, dir, o.quiet);
    }
    const header = { scenario: { name: spec.name, file: spec.file }, inputsDigest: inputsDigest(plan.runs), seed: spec.seed, replications, trace: o.trace, planSize: plan.runs.length };
    writeOutputDir(dir, new Map([["shard.json", shardJson(header, shard, indices, results)]]));
    if (!o.quiet) yield* say(`${spec.name}: shard ${shard.index}/${shard.count}, ${indices.length} of ${plan.runs.length} runs -> ${dir}`);
    return 0;
  });
}

/** `nfvtwin run`: load all, run each (or its shard), write each report folder atomically. */
export function runHandler(o: RunCommandOptions) {
  return Effect.gen(function* () {
    if (o.workers < 1) return yield* usage(`--workers must be at least 1, got ${o.workers}`);
    if (o.replications !== undefined && o.replications < 1) return yield* usage(`--replications must be at least 1, got ${o.replications}`);
    const shard = o.shard === undefined ? undefined : parseShard(o.shard);
    if (typeof shard === "string") return yield* usage(shard);
    // d3-node (with jsdom) is loaded only by commands that write reports, on the report thread, which
    // starts before the files are read: its half second of loading overlaps theirs too.
    const renderer = shard === undefined ? startReportRenderer((yield* CliIoRef).reportThread) : { render: () => Promise.reject(new Error("no reports in a shard")), close: () => undefined };
    const specs = loadAll(o.scenarios, o.seed);
    if (specs instanceof CommandFailure) {
      renderer.close();
      return yield* Effect.fail(specs);
    }
    const failedExpectations = yield* Effect.gen(function* () {
      let failed = 0;
      for (const spec of specs) failed += yield* runOne(spec, o, shard, renderer);
      return failed;
    }).pipe(Effect.ensuring(Effect.sync(() => renderer.close())));
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
    yield* printOut(text);
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
