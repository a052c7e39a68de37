/**
 * report.html of one run. The first screen answers "which run is this and did it pass": scenario
 * name, file, seed, run digest, the headline numbers and the expectations; the charts and tables
 * follow.
 */
import { OPERATION_HEADERS, operationRows } from "../operations.js";
import { availabilityRows, performanceRows } from "../availability.js";
import { hostsUpTable } from "../hosts-up-table.js";
import { windowsTable } from "../windows.js";
import type { ReportTable } from "../report-table.js";
import { acceleratorTables } from "../accelerators.js";
import { plural } from "../number-format.js";
import type { RunResult } from "../../scenario/index.js";
import { barChartSvg } from "./bar-chart.js";
import type { ChartKit } from "./chart-kit.js";
import { escapeHtml } from "./escape.js";
import { expectationsTable, headlineFigures, htmlTable, identityList, percent, section, sortedEntries, type Cell } from "./fragments.js";
import { lineChartSvg } from "./line-chart.js";
import { reservationsSection } from "./reservations-html.js";
import { storageReservationsSection } from "./storage-reservations-html.js";
import { networkReservationsSection } from "./network-reservations-html.js";
import { networkPoolsSection } from "./network-pools-html.js";
import { quotaSection } from "./quotas-html.js";
import { htmlPage } from "./page.js";
import { aliveSeries, clusterNodeSeries, pendingPodSeries, rejectionBars, rejectionSeries, utilisationCharts } from "./run-series.js";
import { bindingLine } from "../binding-text.js";
import { capacityLostTable } from "../clusters.js";

/** The first screen: identity, headline figures, expectations. */
export function runFirstScreen(result: RunResult): string {
  const s = result.summary;
  return [
    `<h1>${escapeHtml(s.scenario.name)}</h1>`,
    ...(s.scenario.description === "" ? [] : [`<p>${escapeHtml(s.scenario.description)}</p>`]),
    identityList([
      { label: "scenario file", value: s.scenario.file, code: true },
      { label: "seed", value: String(s.scenario.seed) },
      { label: "run digest", value: s.run.digest, code: true },
      { label: "model", value: `${s.scenario.model} (${plural(s.scenario.hosts, "host")} in ${plural(s.scenario.zones, "zone")})` },
      { label: "placement policy", value: s.scenario.policy },
      { label: "simulated", value: `${s.run.simulatedTime}, ${s.run.events} events, stopped by ${s.run.stoppedBy}` },
    ]),
    headlineFigures([
      { caption: "requests (after warm-up)", value: String(s.requests.measured) },
      { caption: "placed", value: String(s.requests.placed) },
      { caption: "rejected", value: String(s.requests.rejected) },
      { caption: "rejection rate", value: percent(s.requests.rejectionRate) },
      // Multi-server requests: the server counts differ, so show them beside the request counts.
      ...(s.servers.requested === s.requests.measured ? [] : [{ caption: "servers rejected", value: `${s.servers.rejected} of ${s.servers.requested}` }, { caption: "server rejection rate", value: percent(s.servers.rejectionRate) }]),
    ]),
    ...(s.bindingResource === undefined ? [] : [`<p class="binding">${escapeHtml(bindingLine(s.bindingResource))}</p>`]),
    section("Expectations", expectationsTable(result.expectations)),
  ].join("\n");
}

/** Mean and peak utilisation per zone and class, zones and classes sorted. */
function utilisationTable(result: RunResult): string {
  const rows: Cell[][] = [];
  for (const zone of Object.keys(result.summary.utilisation).sort()) {
    const classes = result.summary.utilisation[zone]!;
    for (const rc of Object.keys(classes).sort()) {
      const u = classes[rc]!;
      if (u.capacity > 0) rows.push([zone, rc, u.capacity, percent(u.meanUtilisation), percent(u.peakUtilisation)]);
    }
  }
  return htmlTable(["zone", "class", "capacity", "mean", "peak"], rows);
}

/** The whole report.html of one run. */
export function runHtml(result: RunResult, kit: ChartKit): string {
  const s = result.summary;
  const rejections = rejectionBars(result);
  const b = s.servers.bootTimeMs;
  const timeline = result.timeline;
  const timeChart = (title: string, yLabel: string, series: ReturnType<typeof aliveSeries>, yDomain?: readonly [number, number]) =>
    lineChartSvg(kit, { title, xLabel: "simulated time (h)", yLabel, series, timeline, ...(yDomain === undefined ? {} : { yDomain }) });
  return htmlPage({
    title: s.scenario.name,
    body: [
      runFirstScreen(result),
      section(
        "Utilisation over time",
        ...utilisationCharts(result).map((c) => timeChart(`Utilisation of ${c.resourceClass}${c.binding ? " (binding resource)" : ""} per zone`, "used / capacity", c.series, [0, 1])),
        utilisationTable(result),
      ),
      section("Servers", timeChart("Servers alive", "servers", aliveSeries(result.timeseries)),
        htmlTable(["created", "terminated", "alive at end", "mean alive", "peak alive", "boot p50 (ms)", "boot p99 (ms)"], [[s.servers.created, s.servers.terminated, s.servers.aliveAtEnd, s.servers.meanAlive.toFixed(1), s.servers.peakAlive, b.p50, b.p99]])),
      section("Rejections", timeChart("Rejected requests per sample period", "rejected requests", rejectionSeries(result.timeseries)), barChartSvg(kit, { title: rejections.title, xLabel: rejections.what, bars: rejections.bars }),
        htmlTable(["kind", "rejected requests", "rejected servers"], sortedEntries(s.requests.rejectedByKind).map(([k, n]) => [k, n, s.servers.rejectedByKind[k] ?? 0])),
        htmlTable(["zone", "placed servers"], sortedEntries(s.servers.placedByZone).map(([z, n]) => [z, n]))),
      ...(s.clusters === undefined ? [] : [section("Kubernetes clusters over time", timeChart("Nodes per pool (all clusters)", "nodes", clusterNodeSeries(result.timeseries)), timeChart("Pending pods (all clusters)", "pods", pendingPodSeries(result.timeseries)), ...tableHtml(capacityLostTable(s)))]),
      ...operationsSection(s),
      ...reservationsSection(kit, s, timeline),
      ...storageReservationsSection(s),
      ...networkReservationsSection(s),
      ...networkPoolsSection(s),
      ...quotaSection(s),
      ...(s.availability === undefined ? [] : [section("Availability", hostsDownChart(kit, s.availability, timeline), htmlTable(["measure", "value"], availabilityRows(s).map(([k, v]) => [k, v])), ...tableHtml(hostsUpTable(s)))]),
      ...tableSection(windowsTable(s)),
      ...(s.performance === undefined ? [] : [section("Performance", htmlTable(["measure", "value"], performanceRows(s).map(([k, v]) => [k, v])))]),
      ...acceleratorTables(s).flatMap(tableSection),
      section("Event log", identityList([{ label: "records", value: String(s.run.logRecords) }, { label: "event-log digest", value: s.run.eventLogDigest, code: true }])),
      ...(s.warnings.length > 0 ? [section("Warnings", `<ul>${s.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul>`)] : []),
    ],
  });
}

/** Capacity lost over time: failed hosts (peak per bucket) against simulated hours. */
function hostsDownChart(kit: ChartKit, a: NonNullable<RunResult["summary"]["availability"]>, timeline: RunResult["timeline"]): string {
  const points = a.capacity.hostsDownOverTime.map(([ms, n]) => [ms / 3_600_000, n] as const);
  if (points.length === 0) return "";
  return lineChartSvg(kit, { title: "Hosts down (capacity lost)", xLabel: "simulated time (h)", yLabel: "failed hosts", series: [{ name: "hosts down", points }], timeline });
}

/** The operations table, when the run had any (scenario actions, calls, drains). */
function operationsSection(s: RunResult["summary"]): string[] {
  const rows = operationRows(s);
  if (rows.length === 0) return [];
  return [section("Operations", htmlTable([...OPERATION_HEADERS], rows.map((o) => [o.operation, o.accepted, o.refused, o.started, o.completed, o.failed])))];
}

/** A titled table of report.md's kind inside another section: its title as a caption line, then the table. */
function tableHtml(t: ReportTable | undefined): string[] {
  return t === undefined ? [] : [`<p>${escapeHtml(t.title)}</p>`, htmlTable([...t.headers], t.rows.map((r) => [...r]))];
}

/** A titled table of report.md's kind as a section of its own. */
function tableSection(t: ReportTable | undefined): string[] {
  return t === undefined ? [] : [section(t.title, htmlTable([...t.headers], t.rows.map((r) => [...r])))];
}
