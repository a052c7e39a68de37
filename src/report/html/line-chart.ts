/** Line charts (utilisation over time, VMs alive): one path per named series, series sorted by name. */
import { chartFrame, CHART_WIDTH, px } from "./chart-frame.js";
import type { ChartKit } from "./chart-kit.js";
import { downsample, type Point } from "./downsample.js";
import { extent } from "./extent.js";
import { seriesStyle } from "./palette.js";
import { drawTimeline, timeDomainHours } from "./markers.js";
import type { RunTimeline } from "../../scenario/index.js";

export interface LineSeries {
  readonly name: string;
  /** (x, y) sorted by x. */
  readonly points: ReadonlyArray<Point>;
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: ReadonlyArray<LineSeries>;
  /** Fixed y range (e.g. [0, 1] for utilisation); default: 0 to the largest value. */
  readonly yDomain?: readonly [number, number];
  /** A time chart (x in simulated hours): the x axis runs from 0 to the horizon, with the warm-up and marks behind the lines. */
  readonly timeline?: RunTimeline;
}

const LEGEND_WIDTH = 170;

/** The SVG markup of a line chart. */
export function lineChartSvg(kit: ChartKit, spec: LineChartSpec): string {
  const series = [...spec.series].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const t = spec.timeline;
  const xDomain = t === undefined ? extent(series.flatMap((s) => s.points.map((p) => p[0]))) : timeDomainHours(t);
  const yDomain = spec.yDomain ?? ([0, extent(series.flatMap((s) => s.points.map((p) => p[1])))[1]] as const);
  // A time chart keeps its x domain exact (it ends at the horizon) and leaves room for the marks' legend.
  const f = chartFrame(kit, { ...spec, xDomain, yDomain, niceX: t === undefined, margins: { top: t === undefined ? 30 : 44, right: LEGEND_WIDTH, bottom: 42, left: 64 } });
  if (t !== undefined) drawTimeline(f, t);
  const line = f.d3.line().digits(1);
  const buckets = Math.ceil(f.innerWidth);
  series.forEach((s, i) => {
    const style = seriesStyle(i);
    const pixels = downsample(s.points, buckets).map((p) => [f.x(p[0]), f.y(p[1])] as const);
    f.plot.append("path").attr("class", "series").attr("d", line(pixels) ?? "").attr("stroke", style.colour).attr("stroke-dasharray", style.dash).attr("fill", "none");
    const legendY = 6 + i * 16;
    const legend = f.plot.append("g").attr("transform", `translate(${px(f.innerWidth + 12)},${legendY})`);
    legend.append("line").attr("x1", 0).attr("x2", 18).attr("y1", 0).attr("y2", 0).attr("stroke", style.colour).attr("stroke-dasharray", style.dash).attr("stroke-width", 2);
    legend.append("text").attr("class", "legend").attr("x", 24).attr("y", 4).text(s.name);
  });
  if (series.length === 0) f.plot.append("text").attr("class", "empty").attr("x", px((CHART_WIDTH - LEGEND_WIDTH) / 2)).attr("y", 100).text("no samples");
  return f.markup();
}
