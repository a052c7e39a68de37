/** report.html: self-contained pages with SVG charts drawn by d3-node. */
export { barChartSvg, type Bar } from "./bar-chart.js";
export { loadChartKit, type ChartKit } from "./chart-kit.js";
export { comparisonHtml } from "./comparison-html.js";
export { escapeHtml } from "./escape.js";
export { intervalChartSvg, type IntervalRow } from "./interval-chart.js";
export { lineChartSvg, type LineSeries } from "./line-chart.js";
export { replicationsHtml } from "./replications-html.js";
export { runHtml } from "./run-html.js";
export { sweepChartSvg, type SweepLabels, type SweepPoint } from "./sweep-chart.js";
export { sweepHtml, sweepPoints } from "./sweep-html.js";
