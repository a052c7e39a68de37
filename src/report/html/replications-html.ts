/**
 * report.html of a replicated run: which scenario and seeds, the headline interval, expectations on
 * the means, then each key metric per replication beside the 95 % interval of its mean, and a table
 * of the replications with their own run digests (each rep-NN/ folder has its own report.html).
 */
import type { ReplicationsResult } from "../../scenario/index.js";
import { formatNumber } from "../number-format.js";
import { expectationsBasis } from "../replications.js";
import type { ChartKit } from "./chart-kit.js";
import { escapeHtml } from "./escape.js";
import { expectationsTable, headlineFigures, htmlTable, identityList, percent, section, titleBlock } from "./fragments.js";
import { intervalChartSvg, type IntervalRow } from "./interval-chart.js";
import { htmlPage } from "./page.js";

/** Rounded to 6 decimals and kept a number, so tables right-align it. */
const num = (x: number): number => Number(formatNumber(x, 6));
const CHART_METRICS = ["requests.rejectionRate", "servers.meanAlive", "utilisation.all.VCPU.meanUtilisation"];

/** One row per replication (its value, no interval), then the mean with its 95 % interval. */
export function replicationRows(result: ReplicationsResult, metric: string): IntervalRow[] {
  const m = result.metrics[metric];
  if (m === undefined) return [];
  const rows = result.runs.map((run, i) => {
    const value = metricValue(run.summary, metric);
    return { label: `rep ${i + 1} (seed ${result.seeds[i]})`, mean: value, low: value, high: value };
  });
  return [...rows, { label: `mean of ${m.n} ± 95 %`, mean: m.mean, low: m.mean - m.halfWidth95, high: m.mean + m.halfWidth95 }];
}

/** The number at a dotted path of a summary (0 when absent, as the aggregation counts it). */
function metricValue(summary: object, path: string): number {
  let node: unknown = summary;
  for (const key of path.split(".")) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === "number" ? node : 0;
}

/** The whole report.html of a replicated run. */
export function replicationsHtml(result: ReplicationsResult, kit: ChartKit): string {
  const rate = result.metrics["requests.rejectionRate"];
  const charts = CHART_METRICS.filter((m) => result.metrics[m] !== undefined).map((m) => intervalChartSvg(kit, { title: `${m} per replication and mean (95 % interval)`, xLabel: m, rows: replicationRows(result, m) }));
  const runs = result.runs.map((run, i) => [`rep-${String(i + 1).padStart(2, "0")}`, run.summary.scenario.seed, percent(run.summary.requests.rejectionRate), run.summary.run.digest]);
  const keyRows = Object.keys(result.metrics).sort().filter((m) => m.startsWith("requests.") || m.startsWith("servers.meanAlive")).map((m) => {
    const v = result.metrics[m]!;
    return [m, num(v.mean), num(v.halfWidth95), num(v.sd), num(v.min), num(v.max)];
  });
  return htmlPage({
    title: result.spec.name,
    body: [
      ...titleBlock(result.spec),
      identityList([
        { label: "scenario file", value: result.spec.file, code: true },
        { label: "base seed", value: String(result.spec.seed) },
        { label: "replications", value: `${result.runs.length} (seeds ${result.seeds.join(", ")})` },
        { label: "run digests", value: result.runs.map((r) => r.summary.run.digest.slice(0, 16)).join(" "), code: true },
      ]),
      headlineFigures([
        { caption: "replications", value: String(result.runs.length) },
        { caption: "rejection rate (mean)", value: rate === undefined ? "-" : percent(rate.mean) },
        { caption: "± 95 % half-width", value: rate === undefined ? "-" : percent(rate.halfWidth95) },
      ]),
      section(`Expectations (${expectationsBasis(result)})`, expectationsTable(result.expectations)),
      ...(result.warnings.length === 0 ? [] : [section("Warnings", `<ul>${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`)]),
      section("Across replications", ...charts),
      section("Key metrics", htmlTable(["metric", "mean", "± 95 %", "sd", "min", "max"], keyRows)),
      section("Replications", htmlTable(["folder", "seed", "rejection rate", "run digest"], runs)),
    ],
  });
}
