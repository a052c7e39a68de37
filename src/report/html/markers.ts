/**
 * What every time chart of a run shows behind its lines: the warm-up shaded, faults as shaded bands
 * from injection to repair with a line at the injection, fault storms and maintenance windows as
 * bands, and lease starts as dashed lines, each with a <title> naming it. Drawn from the run's
 * timeline in its order, so the same run gives the same bytes.
 */
import type { RunTimeline, TimelineMark } from "../../scenario/index.js";
import { px, type Frame } from "./chart-frame.js";

const MS_PER_HOUR = 3_600_000;
/** Beyond this many marks a chart shows the first ones and says how many it left out. */
export const MAX_MARKS = 400;

const COLOURS: Readonly<Record<TimelineMark["kind"], string>> = { fault: "#d62728", storm: "#ff7f0e", maintenance: "#1f77b4", lease: "#2ca02c" };
const LEGEND: Readonly<Record<TimelineMark["kind"], string>> = { fault: "faults", storm: "storms", maintenance: "maintenance", lease: "lease starts" };
const KINDS: ReadonlyArray<TimelineMark["kind"]> = ["fault", "storm", "maintenance", "lease"];

/** The x domain of a time chart in hours: 0 to the horizon. */
export const timeDomainHours = (t: RunTimeline): readonly [number, number] => [0, t.horizonMs / MS_PER_HOUR];

/** Draws the warm-up and the marks into the frame's plot, under the series (call before drawing them). */
export function drawTimeline(f: Frame, t: RunTimeline): void {
  const g = f.plot.append("g").attr("class", "timeline");
  const x = (ms: number) => f.x(ms / MS_PER_HOUR);
  if (t.warmupEndMs > 0) {
    const r = g.append("rect").attr("class", "warmup").attr("x", px(x(0))).attr("y", 0).attr("width", px(x(t.warmupEndMs) - x(0))).attr("height", px(f.innerHeight)).attr("fill", "#888").attr("fill-opacity", 0.15);
    r.append("title").text(`warm-up (until ${hours(t.warmupEndMs)} h)`);
  }
  const shown = t.marks.slice(0, MAX_MARKS);
  for (const m of shown) drawMark(g, m, x(m.startMs), x(m.endMs), f.innerHeight);
  legend(f, t, shown.length);
}

function drawMark(g: Frame["plot"], m: TimelineMark, x0: number, x1: number, height: number): void {
  const colour = COLOURS[m.kind];
  const title = `${m.label}: ${hours(m.startMs)} h${m.endMs > m.startMs ? ` to ${hours(m.endMs)} h` : ""}`;
  const mark = g.append("g").attr("class", `marker marker-${m.kind}`);
  mark.append("title").text(title);
  if (m.kind !== "lease" && x1 > x0) mark.append("rect").attr("x", px(x0)).attr("y", 0).attr("width", px(x1 - x0)).attr("height", px(height)).attr("fill", colour).attr("fill-opacity", 0.1);
  const line = mark.append("line").attr("x1", px(x0)).attr("x2", px(x0)).attr("y1", 0).attr("y2", px(height)).attr("stroke", colour).attr("stroke-width", 1);
  if (m.kind === "lease") line.attr("stroke-dasharray", "4 3");
}

/** One line between the title and the plot naming what is marked, coloured as the marks. */
function legend(f: Frame, t: RunTimeline, shown: number): void {
  const kinds = KINDS.filter((k) => t.marks.some((m) => m.kind === k));
  const parts: Array<{ text: string; colour: string }> = [
    ...(t.warmupEndMs > 0 ? [{ text: "warm-up", colour: "#666" }] : []),
    ...kinds.map((k) => ({ text: LEGEND[k], colour: COLOURS[k] })),
    ...(shown < t.marks.length ? [{ text: `(first ${shown} of ${t.marks.length} marks)`, colour: "#666" }] : []),
  ];
  if (parts.length === 0) return;
  const text = f.plot.append("text").attr("class", "marker-legend").attr("x", 0).attr("y", -8);
  parts.forEach((p, i) => text.append("tspan").attr("fill", p.colour).text(`${i === 0 ? "" : " · "}${p.text}`));
}

const hours = (ms: number): string => String(Math.round((ms / MS_PER_HOUR) * 100) / 100);
