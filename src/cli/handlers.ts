/**
 * What each command does. Handlers load everything first and write nothing until every input is
 * valid (bad input: exit 2, no output at all); each scenario's report folder appears in one rename.
 */
import * as Effect from "effect/Effect";
import { join } from "node:path";
import { plural } from "../domain/index.js";
import { renderExplanation, renderRejectedRequests } from "../report/index.js";
import {
  checkEveryProblem,
  checkPolicyRef,
  checkTraces,
  fileKind,
  loadModel,
  loadScenario,
  MAX_REPLICATIONS,
  MAX_RUNS,
  planRuns,
  readFailureIssue,
  scenarioJsonSchemas,
  type InputIssue,
  type RunSpec,
  type SourceReader,
} from "../scenario/index.js";
import { CliIoRef, printErr, printOut } from "./cli-io.js";
import { CommandFailure, EXIT_EXPECTATIONS_FAILED, EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { runFailure, withInvariantChecks } from "./invariant-violation.js";
import { expandScenarioPaths } from "./expand-paths.js";
import { inputsDigest } from "./inputs-digest.js";
import { invalid, loadAllReady, withTrace } from "./load-all.js";
import { nodeReader } from "./node-reader.js";
import { loadSqliteEngine, specNeedsSqliteEngine, sqliteEngineStarted, traceLines } from "../lib/index.js";
import { announce } from "./outcome-files.js";
import { startReportRenderer, type ReportRenderer } from "./report-renderer.js";
import { refuseSchemaTargets, refuseUnwritableReports } from "./output-guard.js";
import { makeProgress, type ProgressSink } from "./progress.js";
import { shardJson } from "./shard-file.js";
import { parseShard, shardPlanIndices, type Shard } from "./shard.js";
import { defaultHeapLimitMb } from "./heap-limit.js";
import { simulate } from "./simulate.js";
import { writeFileAtomic, writeOutputDir } from "./write-output.js";
import { prestartThread } from "./simulation-threads.js";

export { defaultWorkers } from "./worker-pool.js";
export { mergeHandler } from "./merge.js";

const say = (line: string) => printOut(`${line}\n`);
const usage = (line: string) => Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: ${line}`]));

/**
 * Runs plan items of `spec` on worker threads, even a single one (heap-limit.ts: only a thread's heap
 * can be limited and its exhaustion caught); results in `runs` order. A single thread posts progress.
 * A broken invariant names its event number and has its log written under `out` (runFailure).
 */
function runItems(spec: RunSpec, runs: ReadonlyArray<RunSpec>, o: Pick<RunCommandOptions, "workers" | "maxHeapMb" | "out">, progress: ProgressSink) {
  const pool = { heapLimitMb: o.maxHeapMb ?? defaultHeapLimitMb(), onDone: progress.runDone, onProgress: progress.update };
  return simulate(spec, runs, o.workers, pool, (e) => runFailure(e, spec, o.out)).pipe(Effect.ensuring(Effect.sync(() => progress.done())));
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
  /** Invariant mode: check every invariant after each this many events and at the end (undefined: off). */
  readonly checkInvariants?: number | undefined;
  /** The heap limit of each simulation thread in MiB (heap-limit.ts; default: this process's). */
  readonly maxHeapMb?: number | undefined;
  /** Replayed traces: count and skip malformed rows instead of refusing the scenario (exit 2). */
  readonly skipBadRows?: boolean;
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
    // Invariant checks go on the runs only, not the plan: the shard header's inputs digest stays the same.
    const results = yield* runItems(spec, indices.map((k) => withInvariantChecks(plan.runs[k]!, o.checkInvariants)), o, progress);
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

/** Exit 2 when `--replications` makes a scenario's plan larger than the loader allows (MAX_RUNS). */
function tooManyRuns(specs: ReadonlyArray<RunSpec>, replications: number | undefined): CommandFailure | undefined {
  if (replications === undefined) return undefined;
  const lines = specs.flatMap((spec) => {
    const runs = planRuns(spec, replications).runs.length;
    return runs > MAX_RUNS ? [`nfvtwin: --replications ${replications} makes ${runs.toLocaleString("en-US")} runs of scenario ${spec.name}; at most ${MAX_RUNS.toLocaleString("en-US")} runs per scenario`] : [];
  });
  return lines.length === 0 ? undefined : new CommandFailure(EXIT_INVALID_INPUT, lines);
}

/** `nfvtwin run`: load all, run each (or its shard), write each report folder atomically. */
export function runHandler(o: RunCommandOptions) {
  return Effect.gen(function* () {
    if (o.workers < 1) return yield* usage(`--workers must be at least 1, got ${o.workers}`);
    if (o.replications !== undefined && o.replications < 1) return yield* usage(`--replications must be at least 1, got ${o.replications}`);
    if (o.replications !== undefined && o.replications > MAX_REPLICATIONS) return yield* usage(`--replications must be at most ${MAX_REPLICATIONS.toLocaleString("en-US")}, got ${o.replications}`);
    const checkProblem = o.checkInvariants === undefined ? undefined : checkEveryProblem(o.checkInvariants);
    if (checkProblem !== undefined) return yield* usage(checkProblem);
    const shard = o.shard === undefined ? undefined : parseShard(o.shard);
    if (typeof shard === "string") return yield* usage(shard);
    // d3-node (with jsdom) is loaded only by commands that write reports, on the report thread, which
    // starts before the files are read: its half second of loading overlaps theirs too.
    const threads = (yield* CliIoRef).reportThread;
    const renderer = shard === undefined ? startReportRenderer(threads) : { render: () => Promise.reject(new Error("no reports in a shard")), close: () => undefined };
    // The first simulation thread starts now too, for the same reason (worker-pool.ts); in-process
    // commands (tests, the fuzzer) reuse their idle threads instead.
    if (threads) prestartThread(o.maxHeapMb ?? defaultHeapLimitMb());
    const loaded = yield* Effect.promise(() => loadAllReady(o.scenarios, o.seed, o.skipBadRows));
    // Every report folder is checked before anything runs: nothing is run or written if one is refused.
    const specs = loaded instanceof CommandFailure ? loaded : (tooManyRuns(loaded, o.replications) ?? refuseUnwritableReports(loaded.map((s) => join(o.out, s.name)), "--out") ?? loaded);
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

/** One file of `validate`: its kind and issues, or the message of a broken invariant met while loading it. */
function validateFile(reader: SourceReader, file: string): { kind: string; issues: ReadonlyArray<InputIssue> } | { internal: string } | { needsSqlite: true } {
  try {
    const kind = fileKind(reader, file);
    if (kind === "InfrastructureModel" || kind === "Scenario") {
      if (kind === "InfrastructureModel") {
        const model = loadModel(reader, file);
        return { kind, issues: model.ok ? [] : model.issues };
      }
      const result = loadScenario(reader, file, checkPolicyRef);
      if (result.ok && specNeedsSqliteEngine(result.value) && !sqliteEngineStarted()) return { needsSqlite: true };
      return { kind, issues: result.ok ? checkTraces(result.value, traceLines) : result.issues };
    }
    const read = reader.read(file);
    const message = 'expected "kind: Scenario" or "kind: InfrastructureModel" at the top level';
    return { kind: "unknown", issues: [read.ok ? { file: reader.display(file), line: 1, column: 1, path: "kind", message, severity: "error" } : readFailureIssue(reader.display(file), read)] };
  } catch (e) {
    return { internal: `nfvtwin: internal error while validating ${reader.display(file)}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * `nfvtwin validate`: every file checked on its own, every issue printed, exit 2 if any; a broken
 * invariant in one file (exit 3) still lets the others' results be printed.
 */
export function validateHandler(o: { files: ReadonlyArray<string>; quiet: boolean }) {
  return Effect.gen(function* () {
    const reader = nodeReader(process.cwd());
    const issues: InputIssue[] = [];
    const internal: string[] = [];
    for (const file of expandScenarioPaths(o.files)) {
      let checked = validateFile(reader, file);
      // A SQLite trace (azure-packing) is checked once sql.js has started (only then: it takes a moment).
      if ("needsSqlite" in checked) {
        yield* Effect.promise(() => loadSqliteEngine());
        checked = validateFile(reader, file);
      }
      if ("needsSqlite" in checked) continue;
      if ("internal" in checked) internal.push(checked.internal);
      else if (checked.issues.length > 0) issues.push(...checked.issues);
      else if (!o.quiet) yield* say(`ok ${reader.display(file)} (${checked.kind})`);
    }
    if (internal.length > 0) return yield* Effect.fail(new CommandFailure(EXIT_INTERNAL_ERROR, [...invalid(issues).lines, ...internal]));
    if (issues.length > 0) return yield* Effect.fail(invalid(issues));
  });
}

/** `nfvtwin schema`: JSON Schema documents with sorted keys. */
export function schemaHandler(o: { which: "scenario" | "model" | undefined; out: string | undefined }) {
  return Effect.gen(function* () {
    const schemas = scenarioJsonSchemas();
    if (o.out !== undefined) {
      const out = o.out;
      const refused = refuseSchemaTargets([{ path: join(out, "scenario.schema.json"), text: schemas.scenario }, { path: join(out, "model.schema.json"), text: schemas.model }]);
      if (refused !== undefined) return yield* Effect.fail(refused);
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

/** `nfvtwin explain`: runs the scenario up to request N (on a thread, under the heap limit) and prints its placement decision. */
export function explainHandler(o: { scenario: string; request: number | undefined; rejected: boolean; seed: number | undefined; json: boolean; maxHeapMb?: number | undefined }) {
  return Effect.gen(function* () {
    if ((o.request === undefined) === !o.rejected) return yield* usage("explain takes either --request N or --rejected");
    const specs = yield* Effect.promise(() => loadAllReady([o.scenario], o.seed));
    if (specs instanceof CommandFailure) return yield* Effect.fail(specs);
    const spec = specs[0]!;
    const heapLimitMb = o.maxHeapMb ?? defaultHeapLimitMb();
    if (o.request === undefined) {
      const [whole] = yield* simulate(spec, [spec], 1, { heapLimitMb });
      const rejected = whole!.summary.requests.rejectedRequests;
      return yield* say(o.json ? JSON.stringify(rejected, null, 2) : renderRejectedRequests(rejected, whole!.summary.requests.arrivals));
    }
    const request = o.request;
    const run = { ...spec, output: { ...spec.output, explainRequests: [request] } };
    const [result] = yield* simulate(spec, [run], 1, { heapLimitMb, stopAfterRequest: request });
    const explanation = result!.explanations.find((x) => x.request === request);
    if (explanation === undefined) {
      const made = result!.summary.requests.arrivals;
      return yield* Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: the scenario makes only ${plural(made, "request")} (arrivals, of one or more servers each); request ${request} does not exist`]));
    }
    yield* say(o.json ? JSON.stringify(explanation, null, 2) : renderExplanation(explanation));
  });
}


export { fitHandler } from "./fit-command.js";
