/** The report room: pure writers from run results to file bytes. No file system, no clock. */
import { canonicalRecordLine } from "../metrics/index.js";
import type { RunResult } from "../scenario/index.js";
import { timeseriesCsv } from "./csv.js";
import { renderExplanation } from "./explanation.js";
import { stableJson } from "./json.js";
import { runMarkdown } from "./markdown.js";

import { replicationsCsv, replicationsJson, replicationsMarkdown } from "./replications.js";
import type { ReplicationsResult } from "../scenario/index.js";

export { renderExplanation, replicationsCsv, replicationsJson, replicationsMarkdown, runMarkdown, stableJson, timeseriesCsv };

/** Every file of a replicated run's folder: the aggregate at the top, each run under rep-NN/. */
export function renderReplicationFiles(result: ReplicationsResult): Map<string, string> {
  const files = new Map<string, string>();
  files.set("replications.json", replicationsJson(result));
  files.set("replications.csv", replicationsCsv(result));
  files.set("report.md", replicationsMarkdown(result));
  const width = Math.max(2, String(result.runs.length).length);
  result.runs.forEach((run, i) => {
    for (const [name, text] of renderRunFiles(run)) files.set(`rep-${String(i + 1).padStart(width, "0")}/${name}`, text);
  });
  return files;
}

/** Every file of one run's report folder: name → content. */
export function renderRunFiles(result: RunResult): Map<string, string> {
  const files = new Map<string, string>();
  files.set("summary.json", stableJson(result.expectations.length === 0 ? result.summary : { ...result.summary, expectations: result.expectations }));
  files.set("timeseries.csv", timeseriesCsv(result.timeseries));
  files.set("report.md", runMarkdown(result));
  if (result.explanations.length > 0) files.set("explain.json", stableJson(result.explanations));
  if (result.records.length > 0) files.set("events.jsonl", eventsJsonl(result));
  return files;
}

/** One canonical JSON line per event-log record (the same bytes the log's digest is computed over). */
function eventsJsonl(result: RunResult): string {
  return result.records.map(canonicalRecordLine).join("\n") + "\n";
}
