/** Loading every scenario of a command before anything runs: all issues at once, or all specs. */
import { checkPolicyRef, checkTraces, formatInputIssue, loadScenario, mapTraceStreams, type InputIssue, type RunSpec } from "../scenario/index.js";
import { loadSqliteEngine, specNeedsSqliteEngine, traceLines } from "../lib/index.js";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { scenarioFiles } from "./expand-paths.js";
import { nodeReader } from "./node-reader.js";

/** Bad input as a failure: one `file:line:column: path: message` line per issue, exit 2. */
export const invalid = (issues: ReadonlyArray<InputIssue>) => new CommandFailure(EXIT_INVALID_INPUT, issues.map(formatInputIssue));

interface Loaded {
  readonly specs: RunSpec[];
  readonly issues: InputIssue[];
}

/**
 * Loads every scenario or fails with all their issues (including two scenarios sharing a report name);
 * every replayed trace is read once (a bad row is an issue at its file:line), or, with `skipBadRows`,
 * only opened (the runs count and skip bad rows). An azure-packing (SQLite) trace needs the SQLite
 * engine started first: loadAllReady does that when a scenario needs it.
 */
export function loadAll(paths: ReadonlyArray<string>, seed: number | undefined, skipBadRows = false): RunSpec[] | CommandFailure {
  const loaded = loadSpecs(paths, seed, skipBadRows);
  return loaded instanceof CommandFailure ? loaded : checkAll(loaded);
}

/** loadAll, with sql.js started first when some scenario replays a SQLite trace (azure-packing). */
export async function loadAllReady(paths: ReadonlyArray<string>, seed: number | undefined, skipBadRows = false): Promise<RunSpec[] | CommandFailure> {
  const loaded = loadSpecs(paths, seed, skipBadRows);
  if (loaded instanceof CommandFailure) return loaded;
  if (loaded.specs.some(specNeedsSqliteEngine)) await loadSqliteEngine();
  return checkAll(loaded);
}

function loadSpecs(paths: ReadonlyArray<string>, seed: number | undefined, skipBadRows: boolean): Loaded | CommandFailure {
  const reader = nodeReader(process.cwd());
  const files = scenarioFiles(paths, reader);
  if (files.length === 0) return new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: no scenario files found in ${paths.join(" ")} (model files in a folder are skipped)`]);
  const specs: RunSpec[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    const loaded = loadScenario(reader, file, checkPolicyRef, seed);
    if (!loaded.ok) issues.push(...loaded.issues);
    else specs.push(skipBadRows ? mapTraceStreams(loaded.value, (t) => ({ ...t, skipBadRows: true })) : loaded.value);
  }
  return { specs, issues };
}

/** The trace check of every loaded scenario and the report-name check: the specs, or every issue. */
function checkAll(loaded: Loaded): RunSpec[] | CommandFailure {
  const issues = [...loaded.issues];
  const specs: RunSpec[] = [];
  for (const spec of loaded.specs) {
    const traceIssues = checkTraces(spec, traceLines);
    if (traceIssues.length > 0) issues.push(...traceIssues);
    else specs.push(spec);
  }
  const byName = new Map<string, string>();
  for (const spec of specs) {
    const other = byName.get(spec.name);
    if (other !== undefined) issues.push({ file: spec.file, line: 1, column: 1, path: "name", message: `scenario name "${spec.name}" is also used by ${other}; reports would collide`, severity: "error" });
    byName.set(spec.name, spec.file);
  }
  return issues.length > 0 ? invalid(issues) : specs;
}

/** `spec` with the event log kept when --trace asks for it. */
export const withTrace = (spec: RunSpec, trace: boolean): RunSpec => (trace ? { ...spec, output: { ...spec.output, trace: true } } : spec);
