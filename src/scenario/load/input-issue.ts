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

/**
 * Renders one issue as `file:line:column: path: message` (the format editors and CI logs link), on one
 * line: a line break that a path or message echoes from the input is shown as `\n` (or `\r`), so a
 * key like "a<newline>b" cannot split an issue into a line without a position.
 */
export const formatInputIssue = (issue: InputIssue): string => {
  const where = `${oneLine(issue.file)}:${issue.line}:${issue.column}`;
  const tag = issue.severity === "warning" ? "warning: " : "";
  const message = oneLine(issue.message);
  return issue.path === "" ? `${where}: ${tag}${message}` : `${where}: ${tag}${oneLine(issue.path)}: ${message}`;
};

const oneLine = (text: string): string => text.replaceAll("\r", "\\r").replaceAll("\n", "\\n").replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");

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
