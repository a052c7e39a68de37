/**
 * The frame every chart shares: a fixed-size SVG made with d3-node, a title, linear x and y scales
 * with "nice" domains, grid lines, tick labels and axis labels. Sizes are fixed and every number
 * written is rounded (formatNumber), so the same data always gives the same bytes.
 */
import type { D3Subset, LinearScale, Selection } from "d3-node";
import { formatNumber } from "../number-format.js";
import { stripForMarkup } from "../text-safety.js";
import type { ChartKit } from "./chart-kit.js";

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 300;

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface FrameSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly margins?: Margins;
  /** Draw x tick labels (false for charts whose rows are labelled instead). */
  readonly xTicks?: boolean;
  readonly yTicks?: boolean;
  /** Round the x domain out to nice ticks (default); false keeps it exact (a time axis ending at the horizon). */
  readonly niceX?: boolean;
}

export interface Frame {
  readonly d3: D3Subset;
  /** The plot area, translated to the top-left of the margins. */
  readonly plot: Selection;
  readonly x: LinearScale;
  readonly y: LinearScale;
  readonly innerWidth: number;
  readonly innerHeight: number;
  /** The SVG markup (call once, after drawing). */
  readonly markup: () => string;
}

const DEFAULT_MARGINS: Margins = { top: 30, right: 20, bottom: 42, left: 64 };

/** Pixel coordinates in the markup: one decimal is below what a screen shows. */
export const px = (value: number): string => formatNumber(value, 1);
/** Tick labels: at most 4 decimals, enough for shares and hours. */
export const tickLabel = (value: number): string => formatNumber(value, 4);

/** A new chart frame; draw into `plot` with the scales, then take `markup()`. */
export function chartFrame(kit: ChartKit, spec: FrameSpec): Frame {
  const m = spec.margins ?? DEFAULT_MARGINS;
  const node = kit.newNode();
  const d3 = node.d3;
  const innerWidth = CHART_WIDTH - m.left - m.right;
  const innerHeight = CHART_HEIGHT - m.top - m.bottom;
  const svg = node.createSVG(CHART_WIDTH, CHART_HEIGHT, { viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`, role: "img", "aria-label": spec.title, class: "chart" });
  svg.append("title").text(spec.title);
  svg.append("text").attr("x", 8).attr("y", 18).attr("class", "chart-title").text(spec.title);
  const xScale = d3.scaleLinear().domain(widen(spec.xDomain)).range([0, innerWidth]);
  const x = spec.niceX === false ? xScale : xScale.nice(8);
  const y = d3.scaleLinear().domain(widen(spec.yDomain)).range([innerHeight, 0]).nice(5);
  const plot = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);
  drawAxes(plot, x, y, innerWidth, innerHeight, spec);
  // Labels go in through d3's .text(), which escapes markup but keeps control characters: drop them here.
  return { d3, plot, x, y, innerWidth, innerHeight, markup: () => stripForMarkup(node.svgString()) };
}

/** A degenerate domain (one value) widened so the scale still maps it inside the plot. */
function widen([low, high]: readonly [number, number]): readonly [number, number] {
  if (high > low) return [low, high];
  return low === 0 ? [0, 1] : [Math.min(0, low), Math.max(0, low) * 1.1 || 1];
}

function drawAxes(plot: Selection, x: LinearScale, y: LinearScale, width: number, height: number, spec: FrameSpec): void {
  const axes = plot.append("g").attr("class", "axes");
  if (spec.yTicks !== false) {
    for (const t of y.ticks(5)) {
      axes.append("line").attr("class", "grid").attr("x1", 0).attr("x2", px(width)).attr("y1", px(y(t))).attr("y2", px(y(t)));
      axes.append("text").attr("class", "tick").attr("x", -6).attr("y", px(y(t) + 4)).attr("text-anchor", "end").text(tickLabel(t));
    }
  }
  if (spec.xTicks !== false) {
    for (const t of x.ticks(8)) {
      axes.append("line").attr("class", "grid").attr("x1", px(x(t))).attr("x2", px(x(t))).attr("y1", 0).attr("y2", px(height));
      axes.append("text").attr("class", "tick").attr("x", px(x(t))).attr("y", px(height + 16)).attr("text-anchor", "middle").text(tickLabel(t));
    }
  }
  axes.append("line").attr("class", "axis").attr("x1", 0).attr("x2", px(width)).attr("y1", px(height)).attr("y2", px(height));
  axes.append("line").attr("class", "axis").attr("x1", 0).attr("x2", 0).attr("y1", 0).attr("y2", px(height));
  axes.append("text").attr("class", "axis-label").attr("x", px(width / 2)).attr("y", px(height + 34)).attr("text-anchor", "middle").text(spec.xLabel);
  axes.append("text").attr("class", "axis-label").attr("transform", `translate(-48,${px(height / 2)}) rotate(-90)`).attr("text-anchor", "middle").text(spec.yLabel);
}
