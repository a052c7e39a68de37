/**
 * The sweep curve: a metric against a swept parameter, one point per sweep value, and the chosen
 * point ringed and labelled. Plain arrays in, so the sweep code needs no report types.
 */
import { formatNumber } from "../number-format.js";
import { chartFrame, px, type Frame } from "./chart-frame.js";
import type { ChartKit } from "./chart-kit.js";
import { extent } from "./extent.js";

export interface SweepPoint {
  readonly parameter: number;
  readonly value: number;
  /** Half-width of the value's interval over replications: an error bar when above 0. */
  readonly halfWidth?: number;
}

/** A limit the metric must keep (an expectation's min or max): a dashed horizontal line with its label. */
export interface SweepTarget {
  readonly value: number;
  readonly label: string;
}

export interface SweepLabels {
  readonly title: string;
  readonly parameter: string;
  readonly metric: string;
  readonly targets?: ReadonlyArray<SweepTarget>;
}

const DEFAULT_LABELS: SweepLabels = { title: "Sweep", parameter: "parameter", metric: "metric" };

/** The SVG markup of the sweep curve; `chosen` (if any) is marked whether or not it is one of `points`. */
export function sweepChartSvg(kit: ChartKit, points: ReadonlyArray<SweepPoint>, chosen: SweepPoint | undefined, labels: SweepLabels = DEFAULT_LABELS): string {
  const sorted = [...points].sort((a, b) => a.parameter - b.parameter || a.value - b.value);
  const all = chosen === undefined ? sorted : [...sorted, chosen];
  const targets = [...(labels.targets ?? [])].sort((a, b) => a.value - b.value || (a.label < b.label ? -1 : 1));
  const ys = [...all.flatMap((p) => [p.value - (p.halfWidth ?? 0), p.value + (p.halfWidth ?? 0)]), ...targets.map((t) => t.value)];
  const [yMin, yMax] = extent(ys);
  const f = chartFrame(kit, { title: labels.title, xLabel: labels.parameter, yLabel: labels.metric, xDomain: extent(all.map((p) => p.parameter)), yDomain: [Math.min(0, yMin), yMax] });
  const pixels = sorted.map((p) => [f.x(p.parameter), f.y(p.value)] as const);
  for (const t of targets) {
    const y = px(f.y(t.value));
    f.plot.append("line").attr("class", "target").attr("x1", 0).attr("x2", px(f.innerWidth)).attr("y1", y).attr("y2", y).attr("stroke", "#d62728").attr("stroke-dasharray", "6 4");
    f.plot.append("text").attr("class", "target-label").attr("x", px(f.innerWidth - 4)).attr("y", px(f.y(t.value) - 4)).attr("text-anchor", "end").text(t.label);
  }
  for (const p of sorted) if ((p.halfWidth ?? 0) > 0) errorBar(f, p.parameter, p.value, p.halfWidth!);
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

/** The interval of one point: a vertical line from mean − half-width to mean + half-width, with caps. */
function errorBar(f: Frame, parameter: number, mean: number, halfWidth: number): void {
  const x = f.x(parameter);
  const [low, high] = [f.y(mean - halfWidth), f.y(mean + halfWidth)];
  const bar = f.plot.append("g").attr("class", "error-bar").attr("stroke", "#1f77b4");
  bar.append("line").attr("x1", px(x)).attr("x2", px(x)).attr("y1", px(low)).attr("y2", px(high));
  for (const y of [low, high]) bar.append("line").attr("x1", px(x - 4)).attr("x2", px(x + 4)).attr("y1", px(y)).attr("y2", px(y));
}
