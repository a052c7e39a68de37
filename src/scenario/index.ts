/**
 * The scenario room: files → runs. Loading (strict decoding with positions), resolution into RunSpecs,
 * workload generators, the runner, and the JSON Schemas of the file formats.
 */
export { formatInputIssue, sortInputIssues, type InputIssue } from "./load/input-issue.js";
export { memoryReader, sourceText, type SourceRead, type SourceReader } from "./load/source-reader.js";
export { readFailureIssue } from "./load/load-file.js";
export { fileKind, loadModel, loadScenario, type LoadResult } from "./load/load-scenario.js";
export type { ResolvedModel, ResolvedFlavour, ResolvedHost, ResolvedTenant } from "./resolve/resolved-model.js";
export type { RunSpec, StreamSpec, TimedRequestSpec, ArrivalSpec, VariantSpec, SweepSpec, SweepValue, SweepMinimise } from "./resolve/run-spec.js";
export { runScenario, type RunOptions } from "./runner/runner.js";
export { checkPolicyRef, makeSelector } from "./runner/selector.js";
export { buildNfvi } from "./runner/build-nfvi.js";
export { aggregateReplications, replicationSeeds, runReplications, type ReplicationsResult } from "./runner/replications.js";
export { aggregateComparison, runComparison, type ComparisonResult, type VariantResult } from "./runner/comparison.js";
export { aggregateSweep, type SweepExpectationOutcome, type SweepPointResult, type SweepResult } from "./runner/sweep.js";
export { chooseSweepPoint, type PointVerdict, type SweepChoice } from "./runner/sweep-choice.js";
export { gridPoints, rangeValues } from "./resolve/sweep-grid.js";
export { planRuns, type PlannedOutcome, type PlanOutcomeFold, type RunPlan } from "./runner/run-plan.js";
export type {
  CandidateScore,
  ClassUtilisation,
  DistributionSummary,
  ExpectationOutcome,
  FilterStep,
  RequestExplanation,
  RunResult,
  RunSummary,
  TimeseriesRow,
  BindingResource,
  RunTimeline,
  TimelineMark,
} from "./runner/run-result.js";
export { scenarioJsonSchemas } from "./json-schema/emit.js";
export { referenceDocuments } from "./json-schema/reference.js";
export { MAX_REPLICATIONS, MAX_RUNS } from "./schema/limits.js";
export { RunInvariantViolation, checkEveryProblem, type RunInvariantViolationData } from "./runner/invariant-mode.js";
export type { RejectedRequest, RejectedRequestsSummary } from "./generators/rejected-requests.js";
export { checkTraces, MAX_ROW_ISSUES } from "./load/check-traces.js";
export { mapTraceStreams, type TraceStreamSpec } from "./resolve/traces.js";
