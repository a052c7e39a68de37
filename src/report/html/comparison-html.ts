/**
 * report.html of a policy comparison: the scenario, the common seeds and the expectations first,
 * then for each key metric every variant's mean with its 95 % interval (variants in file order, the
 * baseline first), and the paired differences to the baseline as a table.
 */
import type { ComparisonResult } from "../../scenario/index.js";
import { formatNumber } from "../number-format.js";
import type { ChartKit } from "./chart-kit.js";
import { expectationsTable, headlineFigures, htmlTable, identityList, percent, section, type Cell, titleBlock } from "./fragments.js";
import { intervalChartSvg, type IntervalRow } from "./interval-chart.js";
import { htmlPage } from "./page.js";

/** Rounded to 6 decimals and kept a number, so tables right-align it. */
const num = (x: number): number => Number(formatNumber(x, 6));
const CHART_METRICS = ["requests.rejectionRate", "servers.meanAlive", "utilisation.all.VCPU.meanUtilisation", "fragmentation.all.meanStrandedShareOfFree"];

/** Every variant's mean and 95 % interval of `metric`, in file order. */
export function variantRows(result: ComparisonResult, metric: string): IntervalRow[] {
  return result.variants.flatMap((v) => {
    const m = v.replications.metrics[metric];
    return m === undefined ? [] : [{ label: v.name, mean: m.mean, low: m.mean - m.halfWidth95, high: m.mean + m.halfWidth95 }];
  });
}

/** Paired differences to the baseline per (metric, variant); significant ones marked. */
function differenceRows(result: ComparisonResult): Cell[][] {
  const rows: Cell[][] = [];
  for (const metric of CHART_METRICS) {
    for (const v of result.variants.slice(1)) {
      const d = v.differences[metric];
      if (d === undefined) continue;
      const significant = d.halfWidth95 > 0 && Math.abs(d.mean) > d.halfWidth95 ? "yes" : "no";
      rows.push([metric, v.name, num(d.mean), num(d.halfWidth95), significant]);
    }
  }
  return rows;
}

/** The whole report.html of a comparison. */
export function comparisonHtml(result: ComparisonResult, kit: ChartKit): string {
  const baseline = result.variants[0];
  const charts = CHART_METRICS.filter((m) => variantRows(result, m).length > 0).map((m) => intervalChartSvg(kit, { title: `${m}: mean and 95 % interval per variant`, xLabel: m, rows: variantRows(result, m) }));
  const variants = result.variants.map((v) => [v.name, v.policy, v.description, percent(v.replications.metrics["requests.rejectionRate"]?.mean ?? 0)]);
  return htmlPage({
    title: result.spec.name,
    body: [
      ...titleBlock(result.spec),
      identityList([
        { label: "scenario file", value: result.spec.file, code: true },
        { label: "base seed", value: String(result.spec.seed) },
        { label: "common seeds", value: result.seeds.join(", ") },
        { label: "baseline", value: baseline?.name ?? "-" },
        { label: "run digests (first replication)", value: result.variants.map((v) => `${v.name} ${v.replications.runs[0]?.summary.run.digest.slice(0, 16) ?? "-"}`).join(", "), code: true },
      ]),
      headlineFigures(result.variants.map((v) => ({ caption: `${v.name} rejection rate`, value: percent(v.replications.metrics["requests.rejectionRate"]?.mean ?? 0) }))),
      section("Expectations (on each variant's means)", expectationsTable(result.expectations)),
      section("Variants", htmlTable(["variant", "policy", "description", "rejection rate (mean)"], variants)),
      section("Confidence intervals across variants", ...charts),
      section("Paired differences to the baseline", htmlTable(["metric", "variant", "difference", "± 95 %", "significant"], differenceRows(result))),
    ],
  });
}
