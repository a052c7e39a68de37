/**
 * report.html of a sweep: the answer first (the chosen point, or the closest when none meets), then
 * the curves a planner reads it from (each key metric against the host count, the chosen point
 * ringed), then every point of the grid with its verdict. Each point-NNN/ folder has its own page.
 */
import type { SweepResult } from "../../scenario/index.js";
import { formatMeanInterval, formatNumber, formatPercent, isShareMetric } from "../number-format.js";
import type { ChartKit } from "./chart-kit.js";
import { escapeHtml } from "./escape.js";
import { expectationsTable, headlineFigures, htmlTable, identityList, section, titleBlock } from "./fragments.js";
import { htmlPage } from "./page.js";
import { sweepChartSvg, type SweepPoint, type SweepTarget } from "./sweep-chart.js";

const num = (x: number): number => Number(formatNumber(x, 6));
const CURVE_METRICS = ["requests.rejectionRate", "utilisation.all.VCPU.meanUtilisation"];

/** The x axis of the curves: the swept parameter the answer is chosen by, else the host count. */
function xAxis(result: SweepResult): { label: string; of: (p: SweepResult["points"][number]) => number } {
  const m = result.minimise;
  // The minimised quantity of a parameter is its value as a number (rates per hour, durations in ms).
  if (m.kind === "parameter") return { label: m.path, of: (p) => p.size };
  return { label: "hosts", of: (p) => p.hosts };
}

/** The curve of `metric` against the x axis, each point with its interval's half-width. */
export function sweepPoints(result: SweepResult, metric: string): { points: SweepPoint[]; chosen: SweepPoint | undefined } {
  const x = xAxis(result);
  const points = result.points.map((p) => ({ parameter: x.of(p), value: p.metrics[metric]?.mean ?? 0, halfWidth: p.metrics[metric]?.halfWidth95 ?? 0 }));
  const chosen = result.chosen === undefined ? undefined : points[result.chosen];
  return { points, chosen };
}

/** The limits expectations set on `metric`, as target lines: `max 1 %`, `min 0.5`. */
export function sweepTargets(result: SweepResult, metric: string): SweepTarget[] {
  const show = (x: number) => (isShareMetric(metric) ? formatPercent(x) : String(num(x)));
  return result.spec.expectations
    .filter((e) => e.metric === metric)
    .flatMap((e) => [...(e.max === undefined ? [] : [{ value: e.max, label: `max ${show(e.max)}` }]), ...(e.min === undefined ? [] : [{ value: e.min, label: `min ${show(e.min)}` }])]);
}

/** The curves drawn: the key metrics, then any other metric an expectation names. */
const curveMetrics = (result: SweepResult): string[] => [...CURVE_METRICS, ...[...new Set(result.spec.expectations.map((e) => e.metric))].filter((m) => !CURVE_METRICS.includes(m)).sort()];

/** The whole report.html of a sweep. */
export function sweepHtml(result: SweepResult, kit: ChartKit): string {
  const at = result.points[result.chosen ?? result.closest ?? 0];
  const answer = at === undefined ? "no point ran" : result.chosen !== undefined ? `point ${at.index + 1}: ${at.label} (${at.hosts} hosts)` : `none meets every expectation; closest is point ${at.index + 1}: ${at.label}`;
  const x = xAxis(result).label;
  const charts = curveMetrics(result).map((metric) => {
    const { points, chosen } = sweepPoints(result, metric);
    return sweepChartSvg(kit, points, chosen, { title: `${metric} against ${x === "hosts" ? "host count" : x}`, parameter: x, metric, targets: sweepTargets(result, metric) });
  });
  const rows = result.points.map((p) => [
    `${p.index + 1}${p.index === result.chosen ? " (chosen)" : p.index === result.closest ? " (closest)" : ""}`,
    p.label,
    p.hosts,
    formatMeanInterval(p.metrics["requests.rejectionRate"] ?? { n: 1, mean: 0, halfWidth95: 0 }, true),
    p.meets ? "yes" : "no",
  ]);
  return htmlPage({
    title: result.spec.name,
    body: [
      ...titleBlock(result.spec),
      identityList([
        { label: "scenario file", value: result.spec.file, code: true },
        { label: "seeds", value: result.seeds.join(", ") },
        { label: "grid", value: `${result.points.length} points over ${result.parameters.map((p) => p.path).join(" × ")}` },
        { label: "answer", value: answer },
      ]),
      headlineFigures([
        { caption: "points", value: String(result.points.length) },
        { caption: "meeting every expectation", value: String(result.points.filter((p) => p.meets).length) },
        { caption: "chosen host count", value: result.chosen === undefined ? "-" : String(result.points[result.chosen]!.hosts) },
      ]),
      section(`Expectations at point ${(at?.index ?? 0) + 1}`, expectationsTable(result.expectations)),
      ...(result.warnings.length === 0 ? [] : [section("Warnings", `<ul>${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`)]),
      section("Curves", ...charts),
      section("Points", htmlTable(["point", "parameters", "hosts", "rejection rate", "meets"], rows)),
    ],
  });
}
