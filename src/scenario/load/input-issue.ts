/** A problem found in an input file, located precisely enough for an editor to jump to it. */
export interface InputIssue {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path in dotted form, e.g. `workload.streams.0.lifetime.mean`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** Renders one issue as `file:line:column: path: message` (the format editors and CI logs link). */
export const formatInputIssue = (issue: InputIssue): string => {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const tag = issue.severity === "warning" ? "warning: " : "";
  return issue.path === "" ? `${where}: ${tag}${issue.message}` : `${where}: ${tag}${issue.path}: ${issue.message}`;
};

/** Sorts issues by file, line, column, then path, so output never depends on discovery order. */
export const sortInputIssues = (issues: ReadonlyArray<InputIssue>): InputIssue[] =>
  [...issues].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
