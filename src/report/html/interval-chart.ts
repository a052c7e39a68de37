/**
 * Confidence intervals (variants or replications): one row per label, a dot at the mean and a bar
 * over the 95 % interval. Rows keep the caller's order (variants in file order, replications in
 * seed order), which is itself deterministic.
 */
import { chartFrame, px } from "./chart-frame.js";
import type { ChartKit } from "./chart-kit.js";
import { extent } from "./extent.js";

export interface IntervalRow {
  readonly label: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface IntervalChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly rows: ReadonlyArray<IntervalRow>;
}

/** The SVG markup of a dot-and-error-bar chart. */
export function intervalChartSvg(kit: ChartKit, spec: IntervalChartSpec): string {
  const xDomain = extent(spec.rows.flatMap((r) => [r.low, r.high, r.mean]));
  const f = chartFrame(kit, { title: spec.title, xLabel: spec.xLabel, yLabel: "", xDomain, yDomain: [0, 1], yTicks: false, margins: { top: 30, right: 30, bottom: 42, left: 200 } });
  const rowHeight = f.innerHeight / Math.max(spec.rows.length, 1);
  spec.rows.forEach((r, i) => {
    const y = px(i * rowHeight + rowHeight / 2);
    const row = f.plot.append("g").attr("class", "interval");
    row.append("title").text(`${r.label}: ${r.mean} (95 % ${r.low} to ${r.high})`);
    row.append("path").attr("class", "error-bar").attr("d", `M${px(f.x(r.low))},${y}H${px(f.x(r.high))}M${px(f.x(r.low))},${y}m0,-5v10M${px(f.x(r.high))},${y}m0,-5v10`);
    row.append("circle").attr("class", "mean").attr("cx", px(f.x(r.mean))).attr("cy", y).attr("r", 4);
    f.plot.append("text").attr("class", "bar-label").attr("x", -8).attr("y", px(i * rowHeight + rowHeight / 2 + 4)).attr("text-anchor", "end").text(r.label);
  });
  return f.markup();
}
