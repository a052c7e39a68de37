/**
 * nfvtwin as a library, the package's main export (`import { loadScenario, runScenario, Vim } from
 * "nfvtwin"`): load a scenario, run it, render its report files, or drive the VIM façade directly.
 * Re-exports only; each public room is also a subpath (`nfvtwin/kernel`, `nfvtwin/vim`, ...).
 * Nothing here prints, exits or reads the wall clock; only loadScenario(path) and nodeReader read files.
 * The CLI is the package's `bin`, not an export. API reference: docs/library.md.
 */
export { loadScenario, loadScenarioText, type LoadScenarioOptions, type LoadScenarioTextOptions } from "./load.js";
export { nodeReader } from "./file-reader.js";
export { fileLines } from "./file-lines.js";
export { loadSqliteEngine, needsSqliteEngine, specNeedsSqliteEngine, sqliteEngineStarted, sqliteLines, traceLines } from "./sqlite-lines.js";
export {
  formatInputIssue,
  memoryReader,
  planRuns,
  runComparison,
  runReplications,
  runScenario,
  RunInvariantViolation,
  type ComparisonResult,
  type InputIssue,
  type LoadResult,
  type PlannedOutcome,
  type ReplicationsResult,
  type RunOptions,
  type RunPlan,
  type RunResult,
  type RunSpec,
  type RunSummary,
  type SourceReader,
  type SweepResult,
} from "../scenario/index.js";
export { loadChartKit, renderReplicationFiles, renderRunFiles, runMarkdown, stableJson, timeseriesCsv, type ChartKit } from "../report/index.js";
export { Vim, type Caller, type ComputeView, type TenantSeed, type VimConfig } from "../vim/index.js";
export { ClusterManager, schedulerOf, type CcmSettings, type ClusterSpec, type ClusterView, type NodePoolSpec, type UpgradeSpec } from "../ccm/index.js";
export type { DomainError, Result } from "../domain/index.js";
