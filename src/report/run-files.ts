/** The files of one run's folder, and of a replicated run's folder (aggregate + rep-NN/ per run). */
import { canonicalRecordLine } from "../metrics/index.js";
import type { ReplicationsResult, RunResult } from "../scenario/index.js";
import { timeseriesCsv } from "./csv.js";
import { replicationsHtml, runHtml, type ChartKit } from "./html/index.js";
import { stableJson } from "./json.js";
import { runMarkdown } from "./markdown.js";
import { junitXml } from "./junit.js";
import { replicationsCsv, replicationsJson, replicationsMarkdown } from "./replications.js";

/** Every file of one run's report folder: name → content (`kit` draws report.html's charts). */
export function renderRunFiles(result: RunResult, kit: ChartKit): Map<string, string> {
  const files = new Map<string, string>();
  files.set("summary.json", stableJson(result.expectations.length === 0 ? result.summary : { ...result.summary, expectations: result.expectations }));
  files.set("timeseries.csv", timeseriesCsv(result.timeseries));
  files.set("report.md", runMarkdown(result));
  files.set("report.html", runHtml(result, kit));
  if (result.explanations.length > 0) files.set("explain.json", stableJson(result.explanations));
  if (result.records.length > 0) files.set("events.jsonl", eventsJsonl(result));
  if (result.expectations.length > 0) files.set("junit.xml", junitXml(result.summary.scenario.name, result.summary.scenario.file, result.expectations));
  return files;
}

/** One canonical JSON line per event-log record (the same bytes the log's digest is computed over). */
function eventsJsonl(result: RunResult): string {
  return result.records.map(canonicalRecordLine).join("\n") + "\n";
}

/** Every file of a replicated run's folder, under `prefix`: the aggregate, then each run under rep-NN/. */
export function renderReplicationFiles(result: ReplicationsResult, kit: ChartKit, prefix = ""): Map<string, string> {
  const files = new Map<string, string>();
  files.set(`${prefix}replications.json`, replicationsJson(result));
  files.set(`${prefix}replications.csv`, replicationsCsv(result));
  files.set(`${prefix}report.md`, replicationsMarkdown(result));
  files.set(`${prefix}report.html`, replicationsHtml(result, kit));
  if (result.expectations.length > 0) files.set(`${prefix}junit.xml`, junitXml(result.spec.name, result.spec.file, result.expectations));
  const width = Math.max(2, String(result.runs.length).length);
  result.runs.forEach((run, i) => {
    for (const [name, text] of renderRunFiles(run, kit)) files.set(`${prefix}rep-${String(i + 1).padStart(width, "0")}/${name}`, text);
  });
  return files;
}
