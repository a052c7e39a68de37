/** The report room: pure writers from run results to file bytes. No file system, no clock. */
export { comparisonCsv, comparisonJson, comparisonMarkdown, renderComparisonFiles } from "./comparison.js";
export { timeseriesCsv } from "./csv.js";
export { renderExplanation, renderRejectedRequests } from "./explanation.js";
export { clockTime } from "./number-format.js";
export { stableJson } from "./json.js";
export { junitXml, xmlEscape } from "./junit.js";
export { runMarkdown } from "./markdown.js";
export { replicationsCsv, replicationsJson, replicationsMarkdown } from "./replications.js";
export { renderReplicationFiles, renderRunFiles } from "./run-files.js";
export { pointFolder, renderSweepFiles, sweepCsv, sweepCurve, sweepJson, sweepMarkdown, type SweepCurvePoint } from "./sweep.js";
export { SUMMARY_JSON_SCHEMA, SUMMARY_SCHEMA_ID } from "./summary-schema.js";
export { barChartSvg, comparisonHtml, escapeHtml, intervalChartSvg, lineChartSvg, loadChartKit, replicationsHtml, runHtml, sweepChartSvg, sweepHtml } from "./html/index.js";
export type { Bar, ChartKit, IntervalRow, LineSeries, SweepLabels, SweepPoint } from "./html/index.js";
export { stripControls, stripForMarkup } from "./text-safety.js";
