/** Horizontal bars (rejections by reason): one bar per label, longest first, ties by label. */
import { chartFrame, CHART_HEIGHT, px } from "./chart-frame.js";
import type { ChartKit } from "./chart-kit.js";

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export interface BarChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly bars: ReadonlyArray<Bar>;
}

/** Bars beyond this many are summed into one "other" bar, so labels stay readable at a fixed height. */
const MAX_BARS = 10;
const LABEL_CHARS = 34;

/** Labels longer than fit are cut with an ellipsis; the full text is in the bar's <title>. */
const shortLabel = (label: string): string => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/** The bars to draw: sorted by value then label, the tail folded into "(N more)". */
export function barsToDraw(bars: ReadonlyArray<Bar>): Bar[] {
  const sorted = [...bars].sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  if (sorted.length <= MAX_BARS) return sorted;
  const rest = sorted.slice(MAX_BARS - 1);
  return [...sorted.slice(0, MAX_BARS - 1), { label: `(${rest.length} more)`, value: rest.reduce((sum, b) => sum + b.value, 0) }];
}

/** The SVG markup of a horizontal bar chart. */
export function barChartSvg(kit: ChartKit, spec: BarChartSpec): string {
  const bars = barsToDraw(spec.bars);
  const max = bars.reduce((m, b) => Math.max(m, b.value), 0);
  const f = chartFrame(kit, { title: spec.title, xLabel: spec.xLabel, yLabel: "", xDomain: [0, max], yDomain: [0, 1], yTicks: false, margins: { top: 30, right: 30, bottom: 42, left: 230 } });
  const rowHeight = (CHART_HEIGHT - 72) / Math.max(bars.length, 1);
  const barHeight = Math.min(22, rowHeight * 0.7);
  bars.forEach((b, i) => {
    const top = i * rowHeight + (rowHeight - barHeight) / 2;
    const bar = f.plot.append("path").attr("class", "bar").attr("d", `M0,${px(top)}H${px(f.x(b.value))}V${px(top + barHeight)}H0Z`);
    bar.append("title").text(`${b.label}: ${b.value}`);
    f.plot.append("text").attr("class", "bar-label").attr("x", -8).attr("y", px(top + barHeight / 2 + 4)).attr("text-anchor", "end").text(shortLabel(b.label));
    f.plot.append("text").attr("class", "bar-value").attr("x", px(f.x(b.value) + 4)).attr("y", px(top + barHeight / 2 + 4)).text(String(b.value));
  });
  if (bars.length === 0) f.plot.append("text").attr("class", "empty").attr("x", px(f.innerWidth / 2)).attr("y", 100).attr("text-anchor", "middle").text("none");
  return f.markup();
}
