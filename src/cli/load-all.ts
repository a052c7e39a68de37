/** Loading every scenario of a command before anything runs: all issues at once, or all specs. */
import { checkPolicyRef, formatInputIssue, loadScenario, type InputIssue, type RunSpec } from "../scenario/index.js";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { scenarioFiles } from "./expand-paths.js";
import { nodeReader } from "./node-reader.js";

/** Bad input as a failure: one `file:line:column: path: message` line per issue, exit 2. */
export const invalid = (issues: ReadonlyArray<InputIssue>) => new CommandFailure(EXIT_INVALID_INPUT, issues.map(formatInputIssue));

/** Loads every scenario or fails with all their issues (including two scenarios sharing a report name). */
export function loadAll(paths: ReadonlyArray<string>, seed: number | undefined): RunSpec[] | CommandFailure {
  const reader = nodeReader(process.cwd());
  const files = scenarioFiles(paths, reader);
  if (files.length === 0) return new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: no scenario files found in ${paths.join(" ")} (model files in a folder are skipped)`]);
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

/** `spec` with the event log kept when --trace asks for it. */
export const withTrace = (spec: RunSpec, trace: boolean): RunSpec => (trace ? { ...spec, output: { ...spec.output, trace: true } } : spec);
