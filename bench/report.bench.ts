/**
 * Report generation (issue 4 target: all formats, 5 charts, 10,000 samples per series, under 1 s).
 * A real run of the tiny scenario with its time series replaced by 10,000 synthetic samples per zone
 * (3 zones + site, 3 classes: 12 utilisation series and the servers-alive series), rendered to every
 * file of a run folder (summary.json, timeseries.csv, report.md, report.html with 3 charts), plus the
 * other 2 charts: the interval chart of a comparison and a sweep curve of 50 points. Measured in
 * process after d3-node is loaded; the load itself (jsdom) is reported on its own line.
 */
import { loadChartKit, intervalChartSvg, renderRunFiles, sweepChartSvg } from "../src/report/index.js";
import { syntheticTimeseries, tinyRun } from "../src/testing/report-results.js";
import { median, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const SAMPLES = 10_000;
const TARGET_SECONDS = 1;

const elapsedSeconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

export const reportSection: BenchSection = {
  name: "report",
  title: `Report generation: all formats, 5 charts, ${SAMPLES.toLocaleString("en")} samples per series`,
  async run(context: BenchContext): Promise<BenchTable> {
    const loadStarted = process.hrtime.bigint();
    const kit = await loadChartKit();
    const loadSeconds = elapsedSeconds(loadStarted);
    const base = tinyRun();
    const result = { ...base, timeseries: syntheticTimeseries(SAMPLES, 3) };
    const rows = Array.from({ length: 4 }, (_, i) => ({ label: `variant ${i + 1}`, mean: 0.1 * i, low: 0.1 * i - 0.02, high: 0.1 * i + 0.02 }));
    const sweep = Array.from({ length: 50 }, (_, i) => ({ parameter: 1 + i * 0.5, value: 1 / (1 + i) }));
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < (context.quick ? 2 : 5); i++) {
      const started = process.hrtime.bigint();
      const files = renderRunFiles(result, kit);
      const extra = [intervalChartSvg(kit, { title: "intervals", xLabel: "rejection rate", rows }), sweepChartSvg(kit, sweep, sweep[10])];
      times.push(elapsedSeconds(started));
      bytes = [...files.values(), ...extra].reduce((sum, text) => sum + text.length, 0);
    }
    const html = renderRunFiles(result, kit).get("report.html")!.length;
    const m = median(times);
    return {
      columns: ["what", "median wall", "best wall", "output"],
      rows: [
        ["all formats + 5 charts", seconds(m), seconds(Math.min(...times)), `${(bytes / 1e6).toFixed(2)} MB (report.html ${(html / 1e3).toFixed(0)} kB)`],
        ["loading d3-node + jsdom (once per process)", seconds(loadSeconds), seconds(loadSeconds), "-"],
      ],
      notes: [`median of ${times.length}; target < ${TARGET_SECONDS.toFixed(3)} s: ${m < TARGET_SECONDS ? "met" : "NOT MET"}; with the one-off load: ${seconds(m + loadSeconds)}`],
    };
  },
};
