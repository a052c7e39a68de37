/**
 * Files of a replicated run: replications.json (seeds, every metric's mean, sd and 95 % interval,
 * expectations, warnings), replications.csv (one row per metric), report.md, and each run's own
 * files under rep-01/, rep-02/, ...
 */
import type { ReplicationsResult } from "../scenario/index.js";
import { stableJson } from "./json.js";
import { formatNumber } from "./number-format.js";
import { mdLines, mdRow, mdText } from "./markdown-text.js";

const num = (x: number): string => formatNumber(x, 9);

/** One row per metric: n, mean, sd, the 95 % interval and the range. */
export function replicationsCsv(result: ReplicationsResult): string {
  const lines = ["metric,n,mean,sd,ci95Low,ci95High,min,max"];
  for (const path of Object.keys(result.metrics).sort()) {
    const m = result.metrics[path]!;
    lines.push([path, m.n, num(m.mean), num(m.sd), num(m.mean - m.halfWidth95), num(m.mean + m.halfWidth95), num(m.min), num(m.max)].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** The aggregate as JSON (keys sorted). */
export function replicationsJson(result: ReplicationsResult): string {
  return stableJson({
    scenario: { name: result.spec.name, file: result.spec.file, baseSeed: result.spec.seed },
    replications: result.runs.length,
    seeds: result.seeds,
    metrics: result.metrics,
    expectations: result.expectations,
    warnings: result.warnings,
  });
}

const KEY_METRICS = ["requests.rejectionRate", "requests.placed", "requests.rejected", "servers.meanAlive", "servers.bootTimeMs.p99", "utilisation.all.VCPU.meanUtilisation", "utilisation.all.MEMORY_MB.meanUtilisation"];

/** A short Markdown report: the key metrics with their intervals, then the expectations. */
export function replicationsMarkdown(result: ReplicationsResult): string {
  const lines = [
    `# ${mdText(result.spec.name)} (${result.runs.length} replications)`,
    "",
    mdLines(result.spec.description),
    "",
    `Seeds: ${result.seeds.join(", ")} (replication 1 uses the base seed). Every metric is in replications.csv.`,
    "",
    "| metric | mean | ± 95 % | sd | min | max |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const path of KEY_METRICS) {
    const m = result.metrics[path];
    if (m !== undefined) lines.push(mdRow([path, num(m.mean), num(m.halfWidth95), num(m.sd), num(m.min), num(m.max)]));
  }
  if (result.expectations.length > 0) {
    lines.push("", `## Expectations (${expectationsBasis(result)})`, "");
    for (const e of result.expectations) lines.push(`- ${e.passed ? "PASS" : "FAIL"} ${mdText(e.text)}`);
  }
  if (result.warnings.length > 0) {
    lines.push("", "## Warnings", "");
    for (const w of result.warnings) lines.push(`- ${mdText(w)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** What the expectations were judged on, for headings: the means, and intervals where a confidence is given. */
export function expectationsBasis(result: ReplicationsResult): string {
  return result.spec.expectations.some((e) => e.confidence !== undefined) ? "on the means; on the whole interval where a confidence is given" : "on the means";
}
