/**
 * Files of a sweep: sweep.json (the grid, every point's metrics with intervals and verdicts, the
 * chosen point), sweep.csv (one row per point: the curves), report.md with the answer first,
 * junit.xml (the expectations at the chosen point, or the failures at the closest), and each point's
 * own files under point-001/, point-002/, ...
 */
import type { SweepPointResult, SweepResult } from "../scenario/index.js";
import { stableJson } from "./json.js";
import { junitXml } from "./junit.js";
import { formatMeanInterval, formatNumber, isShareMetric } from "./number-format.js";
import type { ChartKit } from "./html/chart-kit.js";
import { sweepHtml } from "./html/sweep-html.js";
import { renderReplicationFiles, renderRunFiles } from "./run-files.js";
import { mdCode, mdLines, mdRow, mdText } from "./markdown-text.js";
import { sweepKeyMetrics } from "./sweep-classes.js";

const num = (x: number): string => formatNumber(x, 9);

/** The folder of a point: point-001, ... (1-based, as rep-01 is). */
export function pointFolder(result: SweepResult, index: number): string {
  return `point-${String(index + 1).padStart(Math.max(3, String(result.points.length).length), "0")}`;
}

const minimised = (result: SweepResult): string => (result.minimise.kind === "hosts" ? "hosts" : result.minimise.path);

/** Every metric path of any point, sorted. */
const metricPaths = (result: SweepResult): string[] => [...new Set(result.points.flatMap((p) => Object.keys(p.metrics)))].sort();

/** One row per point in grid order: parameters, hosts, the minimised value, the verdict, every metric. */
export function sweepCsv(result: SweepResult): string {
  const paths = metricPaths(result);
  const header = ["point", ...result.parameters.map((p) => p.path), "hosts", "minimised", "meets", "chosen"];
  for (const path of paths) header.push(path, `${path}.ci95Low`, `${path}.ci95High`);
  const lines = [header.join(",")];
  for (const p of result.points) {
    const cells: Array<string | number> = [p.index + 1, ...p.values.map(String), p.hosts, num(p.size), p.meets ? "yes" : "no", p.index === result.chosen ? "yes" : "no"];
    for (const path of paths) {
      const m = p.metrics[path];
      cells.push(num(m?.mean ?? 0), num((m?.mean ?? 0) - (m?.halfWidth95 ?? 0)), num((m?.mean ?? 0) + (m?.halfWidth95 ?? 0)));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** The sweep as JSON (keys sorted); `chosenIndex` / `closestIndex` are 0-based grid positions. */
export function sweepJson(result: SweepResult): string {
  return stableJson({
    scenario: { name: result.spec.name, file: result.spec.file, baseSeed: result.spec.seed },
    seeds: result.seeds,
    parameters: result.parameters,
    ...(result.direction === "max" ? { maximise: minimised(result) } : { minimise: minimised(result) }),
    criterion: result.criterion,
    chosenIndex: result.chosen ?? null,
    closestIndex: result.closest ?? null,
    points: result.points.map((p) => ({
      index: p.index,
      folder: pointFolder(result, p.index),
      values: Object.fromEntries(result.parameters.map((param, i) => [param.path, p.values[i]])),
      hosts: p.hosts,
      minimised: p.size,
      meets: p.meets,
      shortfall: p.shortfall,
      metrics: p.metrics,
      expectations: p.expectations,
    })),
    expectations: result.expectations,
    warnings: result.warnings,
  });
}

function pointRow(result: SweepResult, p: SweepPointResult, keyMetrics: ReadonlyArray<string>): string {
  const metric = (path: string) => {
    const m = p.metrics[path];
    return m === undefined ? "" : formatMeanInterval(m, isShareMetric(path));
  };
  const mark = p.index === result.chosen ? " **chosen**" : p.index === result.closest ? " (closest)" : "";
  const met = p.expectations.filter((e) => (result.criterion === "ci95" ? e.passedCi95 : e.passed)).length;
  return mdRow([`${p.index + 1}${mark}`, ...p.values, p.hosts, ...keyMetrics.map(metric), `${met}/${p.expectations.length}`]);
}

/** How expectations were judged, in words. */
function criterionText(result: SweepResult): string {
  if (result.criterion === "ci95") return "the whole interval of each mean (95 %, or the expectation's own confidence)";
  const one = result.seeds.length === 1;
  return one ? "the means (the whole interval where an expectation gives a confidence)" : "the means only, as the file asks (criterion: mean), not on their intervals: a chosen point may miss a limit";
}

/** The answer first, then how it was chosen, then every point with its key metrics and verdict. */
export function sweepMarkdown(result: SweepResult): string {
  const at = result.points[result.chosen ?? result.closest ?? 0]!;
  const keyMetrics = sweepKeyMetrics(result);
  const answer = result.chosen !== undefined ? `**Answer:** point ${at.index + 1}: ${mdText(at.label)} (${at.hosts} hosts).` : `**No point meets every expectation.** Closest: point ${at.index + 1}: ${mdText(at.label)} (${at.hosts} hosts).`;
  const lines = [
    `# ${mdText(result.spec.name)}: sweep of ${result.points.length} points`,
    "",
    mdLines(result.spec.description),
    "",
    "## Sweep",
    "",
    answer,
    "",
    ...result.warnings.filter((w) => w.includes("] criterion mean: ")).flatMap((w) => [`**WARNING:** ${mdText(w)}`, ""]),
    `${result.direction === "max" ? "Largest means the highest" : "Smallest means the lowest"} ${mdCode(minimised(result))}${result.minimise.kind === "metric" ? " (mean)" : ""}, ties to the earlier point in grid order;`,
    `expectations are checked on ${criterionText(result)}.`,
    `Every point ran the same ${result.seeds.length} replication(s) (seeds ${result.seeds.join(", ")}): common random numbers.`,
    "",
    mdRow(["point", ...result.parameters.map((p) => p.path), "hosts", ...keyMetrics, "expectations met"]),
    `|---:|${result.parameters.map(() => "---:").join("|")}|---:|${keyMetrics.map(() => "---:").join("|")}|---:|`,
    ...result.points.map((p) => pointRow(result, p, keyMetrics)),
  ];
  if (result.expectations.length > 0) {
    lines.push("", `## Expectations at point ${at.index + 1}`, "");
    for (const e of result.expectations) lines.push(`- ${e.passed ? "PASS" : "FAIL"} ${mdText(e.text)}`);
  }
  if (result.warnings.length > 0) lines.push("", `## Warnings at point ${at.index + 1}`, "", ...result.warnings.map((w) => `- ${mdText(w)}`));
  return `${lines.join("\n")}\n`;
}

/** Every file of a sweep folder. */
export function renderSweepFiles(result: SweepResult, kit: ChartKit): Map<string, string> {
  const files = new Map<string, string>([
    ["sweep.json", sweepJson(result)],
    ["sweep.csv", sweepCsv(result)],
    ["report.md", sweepMarkdown(result)],
    ["report.html", sweepHtml(result, kit)],
  ]);
  if (result.expectations.length > 0) files.set("junit.xml", junitXml(result.spec.name, result.spec.file, result.expectations));
  for (const p of result.points) {
    const own = p.outcome.kind === "single" ? renderRunFiles(p.outcome.result, kit) : renderReplicationFiles(p.outcome.result, kit);
    for (const [name, text] of own) files.set(`${pointFolder(result, p.index)}/${name}`, text);
  }
  return files;
}

/** One point of a sweep curve: its parameter values, the metric's mean and interval, its verdict. */
export interface SweepCurvePoint {
  readonly index: number;
  /** One value per sweep parameter, in parameter order. */
  readonly values: ReadonlyArray<number | string>;
  readonly hosts: number;
  readonly mean: number;
  readonly halfWidth95: number;
  readonly meets: boolean;
}

/**
 * The curve of `metric` over the grid, in grid order, with the chosen index (undefined when no point
 * meets): the input of a chart such as sweepChartSvg(points, chosen).
 */
export function sweepCurve(result: SweepResult, metric: string): { points: SweepCurvePoint[]; chosen: number | undefined } {
  const points = result.points.map((p) => ({
    index: p.index,
    values: p.values,
    hosts: p.hosts,
    mean: p.metrics[metric]?.mean ?? 0,
    halfWidth95: p.metrics[metric]?.halfWidth95 ?? 0,
    meets: p.meets,
  }));
  return { points, chosen: result.chosen };
}
