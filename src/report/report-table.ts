/**
 * A titled table that report.md and report.html both show (one definition, two renderings): the
 * accelerator tables, the k-of-n hosts-up table, the time windows.
 */
import { mdRow } from "./markdown-text.js";

export interface ReportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /** Markdown column alignment; every column left (`---`) when absent. */
  readonly rightAligned?: ReadonlyArray<boolean>;
}

/** The table as report.md lines under a heading of `level` (`##` or `###`). */
export function tableMarkdown(t: ReportTable, level: "##" | "###" = "##"): string[] {
  const rule = t.headers.map((_, i) => (t.rightAligned?.[i] === true ? "---:" : "---"));
  return ["", `${level} ${t.title}`, "", `| ${t.headers.join(" | ")} |`, `|${rule.join("|")}|`, ...t.rows.map(mdRow)];
}
