/**
 * The sweep curve: a metric against a swept parameter, one point per sweep value, and the chosen
 * point ringed and labelled. Plain arrays in, so the sweep code needs no report types.
 */
import { formatNumber } from "../number-format.js";
import { chartFrame, px } from "./chart-frame.js";
import type { ChartKit } from "./chart-kit.js";
import { extent } from "./extent.js";

export interface SweepPoint {
  readonly parameter: number;
  readonly value: number;
}

export interface SweepLabels {
  readonly title: string;
  readonly parameter: string;
  readonly metric: string;
}

const DEFAULT_LABELS: SweepLabels = { title: "Sweep", parameter: "parameter", metric: "metric" };

/** The SVG markup of the sweep curve; `chosen` (if any) is marked whether or not it is one of `points`. */
export function sweepChartSvg(kit: ChartKit, points: ReadonlyArray<SweepPoint>, chosen: SweepPoint | undefined, labels: SweepLabels = DEFAULT_LABELS): string {
  const sorted = [...points].sort((a, b) => a.parameter - b.parameter || a.value - b.value);
  const all = chosen === undefined ? sorted : [...sorted, chosen];
  const [, yMax] = extent(all.map((p) => p.value));
  const f = chartFrame(kit, { title: labels.title, xLabel: labels.parameter, yLabel: labels.metric, xDomain: extent(all.map((p) => p.parameter)), yDomain: [Math.min(0, extent(all.map((p) => p.value))[0]), yMax] });
  const pixels = sorted.map((p) => [f.x(p.parameter), f.y(p.value)] as const);
  f.plot.append("path").attr("class", "series").attr("d", f.d3.line().digits(1)(pixels) ?? "").attr("stroke", "#1f77b4").attr("fill", "none");
  for (const [x, y] of pixels) f.plot.append("circle").attr("class", "point").attr("cx", px(x)).attr("cy", px(y)).attr("r", 3);
  if (chosen !== undefined) {
    const x = px(f.x(chosen.parameter));
    const y = px(f.y(chosen.value));
    f.plot.append("circle").attr("class", "chosen").attr("cx", x).attr("cy", y).attr("r", 8);
    const text = `chosen: ${labels.parameter} ${formatNumber(chosen.parameter, 4)} → ${formatNumber(chosen.value, 4)}`;
    f.plot.append("text").attr("class", "chosen-label").attr("x", x).attr("y", px(f.y(chosen.value) - 14)).attr("text-anchor", "middle").text(text);
  }
  return f.markup();
}
