/** Loading every scenario of a command before anything runs: all issues at once, or all specs. */
import { checkPolicyRef, checkTraces, formatInputIssue, loadScenario, mapTraceStreams, type InputIssue, type RunSpec } from "../scenario/index.js";
import { fileLines } from "../lib/index.js";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { scenarioFiles } from "./expand-paths.js";
import { nodeReader } from "./node-reader.js";

/** Bad input as a failure: one `file:line:column: path: message` line per issue, exit 2. */
export const invalid = (issues: ReadonlyArray<InputIssue>) => new CommandFailure(EXIT_INVALID_INPUT, issues.map(formatInputIssue));

/**
 * Loads every scenario or fails with all their issues (including two scenarios sharing a report name);
 * every replayed trace is read once (a bad row is an issue at its file:line), or, with `skipBadRows`,
 * only opened (the runs count and skip bad rows).
 */
export function loadAll(paths: ReadonlyArray<string>, seed: number | undefined, skipBadRows = false): RunSpec[] | CommandFailure {
  const reader = nodeReader(process.cwd());
  const files = scenarioFiles(paths, reader);
  if (files.length === 0) return new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: no scenario files found in ${paths.join(" ")} (model files in a folder are skipped)`]);
  const specs: RunSpec[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    const loaded = loadScenario(reader, file, checkPolicyRef, seed);
    if (!loaded.ok) {
      issues.push(...loaded.issues);
      continue;
    }
    const spec = skipBadRows ? mapTraceStreams(loaded.value, (t) => ({ ...t, skipBadRows: true })) : loaded.value;
    const traceIssues = checkTraces(spec, fileLines);
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
