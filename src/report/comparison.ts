/**
 * Files of a policy comparison: comparison.json / comparison.csv (every metric per variant with its
 * interval, and the paired difference to the baseline with its interval), report.md, and each
 * variant's replication files under <variant>/.
 */
import type { ComparisonResult } from "../scenario/index.js";
import { stableJson } from "./json.js";
import { comparisonHtml, type ChartKit } from "./html/index.js";
import { junitXml } from "./junit.js";
import { renderReplicationFiles } from "./run-files.js";
import { formatNumber } from "./number-format.js";
import { mdCode, mdLines, mdRow, mdText } from "./markdown-text.js";

const num = (x: number): string => formatNumber(x, 9);

/** One row per (metric, variant). */
export function comparisonCsv(result: ComparisonResult): string {
  const lines = ["metric,variant,n,mean,ci95Low,ci95High,diffVsBaseline,diffCi95Low,diffCi95High"];
  const paths = [...new Set(result.variants.flatMap((v) => Object.keys(v.replications.metrics)))].sort();
  for (const path of paths) {
    for (const v of result.variants) {
      const m = v.replications.metrics[path];
      const d = v.differences[path];
      if (m === undefined || d === undefined) continue;
      lines.push([path, v.name, m.n, num(m.mean), num(m.mean - m.halfWidth95), num(m.mean + m.halfWidth95), num(d.mean), num(d.mean - d.halfWidth95), num(d.mean + d.halfWidth95)].join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}

export function comparisonJson(result: ComparisonResult): string {
  return stableJson({
    scenario: { name: result.spec.name, file: result.spec.file, baseSeed: result.spec.seed },
    seeds: result.seeds,
    baseline: result.variants[0]?.name,
    variants: result.variants.map((v) => ({ name: v.name, description: v.description, policy: v.policy, metrics: v.replications.metrics, differences: v.differences })),
    expectations: result.expectations,
  });
}

const KEY_METRICS = ["requests.rejectionRate", "requests.placed", "servers.meanAlive", "utilisation.all.VCPU.meanUtilisation", "utilisation.all.MEMORY_MB.meanUtilisation", "fragmentation.all.meanStrandedShareOfFree"];

/** Key metrics per variant, with the paired difference to the baseline and whether it is significant. */
export function comparisonMarkdown(result: ComparisonResult): string {
  const base = result.variants[0]!;
  const lines = [
    `# ${mdText(result.spec.name)}: ${result.variants.length} variants`,
    "",
    mdLines(result.spec.description),
    "",
    `Common random numbers: every variant ran the same ${result.seeds.length} replications (seeds ${result.seeds.join(", ")}).`,
    `Differences are against the baseline ${mdCode(base.name)}, paired replication by replication, with 95 % intervals;`,
    "a difference whose interval excludes 0 is marked *.",
    "",
    "| metric | variant | policy | mean ± 95 % | difference to baseline ± 95 % |",
    "|---|---|---|---:|---:|",
  ];
  for (const path of KEY_METRICS) {
    for (const v of result.variants) {
      const m = v.replications.metrics[path];
      const d = v.differences[path];
      if (m === undefined || d === undefined) continue;
      const significant = d.halfWidth95 > 0 && Math.abs(d.mean) > d.halfWidth95 ? " *" : "";
      const diff = v === base ? "(baseline)" : `${num(d.mean)} ± ${num(d.halfWidth95)}${significant}`;
      lines.push(mdRow([path, v.name, v.policy, `${num(m.mean)} ± ${num(m.halfWidth95)}`, diff]));
    }
  }
  if (result.expectations.length > 0) {
    const basis = result.spec.expectations.some((e) => e.confidence !== undefined) ? "on each variant's means; on the whole interval where a confidence is given" : "on each variant's means";
    lines.push("", `## Expectations (${basis})`, "");
    for (const e of result.expectations) lines.push(`- ${e.passed ? "PASS" : "FAIL"} ${mdText(e.text)}`);
  }
  const warnings = result.variants.flatMap((v) => v.replications.warnings.map((w) => `[${v.name}] ${w}`));
  if (warnings.length > 0) lines.push("", "## Warnings", "", ...warnings.map((w) => `- ${mdText(w)}`));
  return `${lines.join("\n")}\n`;
}

/** Every file of a comparison folder (`kit` draws report.html's charts). */
export function renderComparisonFiles(result: ComparisonResult, kit: ChartKit): Map<string, string> {
  const files = new Map<string, string>([
    ["comparison.json", comparisonJson(result)],
    ["comparison.csv", comparisonCsv(result)],
    ["report.md", comparisonMarkdown(result)],
    ["report.html", comparisonHtml(result, kit)],
  ]);
  if (result.expectations.length > 0) files.set("junit.xml", junitXml(result.spec.name, result.spec.file, result.expectations));
  for (const v of result.variants) for (const [name, text] of renderReplicationFiles(v.replications, kit, `${v.name}/`)) files.set(name, text);
  return files;
}
