/**
 * The charts of `nfvtwin fit`'s comparison report (SVG, drawn with the report room's chart helpers):
 * the lifetimes' distribution in the trace against the fitted lognormal and Weibull, and the
 * trace's arrivals by hour of day (the fitted daily factors). Written beside the report, each SVG
 * starting with the mark that lets a later fit replace it.
 */
import { arrivalProfile, cdf, empiricalQuantile, fitLognormal, fitWeibull, type TraceStats } from "../ingest/index.js";
import { lineChartSvg, type ChartKit } from "../report/index.js";

/** The first line of every chart fit writes (fit-command.ts OWN_FILE). */
export const FIT_CHART_MARK = "<!-- Fitted by nfvtwin fit -->";

/** Quantile levels the lifetime chart is drawn at (the top percent left out: a lognormal tail would flatten the rest). */
const LEVELS = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

/** Chart file suffix → SVG text: `-lifetimes.svg` (when some row has an end) and `-arrivals.svg`. */
export function fitCharts(kit: ChartKit, stats: TraceStats): Map<string, string> {
  const charts = new Map<string, string>();
  const sorted = stats.sortedLifetimesS();
  if (sorted.length >= 2) {
    const xs = LEVELS.map((p) => empiricalQuantile(sorted, p));
    const ln = fitLognormal(sorted);
    const wb = fitWeibull(sorted);
    const series = [
      { name: "trace", points: xs.map((x, i) => [x / 3600, LEVELS[i]!] as [number, number]) },
      { name: `lognormal (KS ${ln.ks.toFixed(3)})`, points: xs.map((x) => [x / 3600, cdf(ln, x)] as [number, number]) },
      { name: `weibull (KS ${wb.ks.toFixed(3)})`, points: xs.map((x) => [x / 3600, cdf(wb, x)] as [number, number]) },
    ];
    charts.set("-lifetimes.svg", mark(lineChartSvg(kit, { title: "Lifetimes: trace and fits (to the 99th percentile)", xLabel: "lifetime, hours", yLabel: "share of servers", series, yDomain: [0, 1] })));
  }
  const hourly = arrivalProfile(stats).hourly;
  const arrivals = [{ name: "trace (fitted hourly factors)", points: hourly.map((f, h) => [h + 0.5, f] as [number, number]) }];
  charts.set("-arrivals.svg", mark(lineChartSvg(kit, { title: "Arrivals by hour of day (mean 1)", xLabel: "hour of day", yLabel: "factor", series: arrivals })));
  return charts;
}

const mark = (svg: string): string => `${FIT_CHART_MARK}\n${svg}`;
