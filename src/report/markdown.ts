/** A human-readable report.md: what ran, what was accepted, why the rest was rejected, how full it got. */
import { fragmentationMarkdown } from "./fragmentation.js";
import { OPERATION_HEADERS, operationRows } from "./operations.js";
import { quotaMarkdown } from "./quotas.js";
import { reservationMarkdown } from "./reservations.js";
import { storageReservationMarkdown } from "./storage-reservations.js";
import { networkReservationMarkdown } from "./network-reservations.js";
import { networkPoolsMarkdown } from "./network-pools.js";
import { availabilityMarkdown } from "./availability.js";
import { acceleratorMarkdown } from "./accelerators.js";
import { windowsMarkdown } from "./windows.js";
import { clustersMarkdown } from "./clusters.js";
import { tracesMarkdown } from "./traces.js";
import type { RunResult } from "../scenario/index.js";
import { mdLines, mdRow, mdText } from "./markdown-text.js";
import { percent as pct, plural } from "./number-format.js";
import { bindingLine } from "./binding-text.js";

/** The Markdown report of one run; every string from the input passes through mdText. */
export function runMarkdown(result: RunResult): string {
  const s = result.summary;
  const lines: string[] = [
    `# ${mdText(s.scenario.name)}`,
    "",
    ...(s.scenario.description.trim() === "" ? [] : [mdLines(s.scenario.description), ""]),
    `- model: ${mdText(s.scenario.model)} (${plural(s.scenario.hosts, "host")} in ${plural(s.scenario.zones, "zone")})`,
    `- placement policy: ${mdText(s.scenario.policy)}`,
    `- seed: ${s.scenario.seed}`,
    `- run digest: \`${s.run.digest}\` (inputs and event log; equal for a replay)`,
    `- simulated time: ${s.run.simulatedTime} (${s.run.events} events, stopped by ${s.run.stoppedBy})`,
    `- event log: ${s.run.logRecords} records, digest ${s.run.eventLogDigest}`,
    "",
    "## Requests (after warm-up)",
    "",
    "A request is one allocation (an arrival or a scenario call) of one or more servers, placed whole or refused whole.",
    "",
    "| counted in | asked | placed | rejected | rejection rate |",
    "|---|---:|---:|---:|---:|",
    `| requests | ${s.requests.measured} | ${s.requests.placed} | ${s.requests.rejected} | ${pct(s.requests.rejectionRate)} |`,
    `| servers | ${s.servers.requested} | ${s.servers.placed} | ${s.servers.rejected} | ${pct(s.servers.rejectionRate)} |`,
    "",
    ...(s.bindingResource === undefined ? [] : [mdText(bindingLine(s.bindingResource)), ""]),
  ];
  const zones = Object.entries(s.servers.placedByZone as Record<string, number>);
  if (zones.length > 0) {
    lines.push("### Where placed servers landed", "", "| zone | servers | share |", "|---|---:|---:|");
    for (const [zone, n] of zones) lines.push(mdRow([zone, n, pct(s.servers.placed > 0 ? n / s.servers.placed : 0)]));
    lines.push("");
  }
  const reasons = Object.entries(s.requests.hostsRejectedByReason as Record<string, number>).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (reasons.length > 0) {
    lines.push("### Why hosts were rejected (summed over rejected requests)", "", "| reason | hosts |", "|---|---:|");
    for (const [reason, n] of reasons) lines.push(mdRow([reason, n]));
    lines.push("");
  }
  lines.push("## Utilisation (mean / peak over the measured period)", "", "| zone | class | capacity | mean | peak |", "|---|---|---:|---:|---:|");
  for (const zone of Object.keys(s.utilisation).sort()) {
    const classes = s.utilisation[zone]!;
    for (const rc of Object.keys(classes).sort()) {
      const u = classes[rc]!;
      if (u.capacity === 0) continue;
      lines.push(mdRow([zone, rc, u.capacity, pct(u.meanUtilisation), pct(u.peakUtilisation)]));
    }
  }
  lines.push(...windowsMarkdown(s));
  lines.push(...fragmentationMarkdown(s));
  lines.push("", "## Servers", "", `- created ${s.servers.created}, terminated ${s.servers.terminated}, alive at end ${s.servers.aliveAtEnd}`);
  lines.push(`- alive: mean ${s.servers.meanAlive.toFixed(1)}, peak ${s.servers.peakAlive}`);
  const b = s.servers.bootTimeMs;
  lines.push(`- boot time (ms): mean ${b.mean.toFixed(0)}, p50 ${b.p50.toFixed(0)}, p95 ${b.p95.toFixed(0)}, p99 ${b.p99.toFixed(0)}`);
  const ops = operationRows(s);
  if (ops.length > 0) {
    lines.push("", "## Operations", "", `| ${OPERATION_HEADERS.join(" | ")} |`, "|---|---:|---|---:|---:|---:|");
    for (const o of ops) lines.push(mdRow([o.operation, o.accepted, o.refused, o.started, o.completed, o.failed]));
  }
  lines.push(...reservationMarkdown(s));
  lines.push(...storageReservationMarkdown(s));
  lines.push(...networkReservationMarkdown(s));
  lines.push(...networkPoolsMarkdown(s));
  lines.push(...quotaMarkdown(s));
  lines.push(...availabilityMarkdown(s));
  lines.push(...acceleratorMarkdown(s));
  lines.push(...clustersMarkdown(s));
  lines.push(...tracesMarkdown(s));
  if (result.expectations.length > 0) {
    lines.push("", "## Expectations", "");
    for (const e of result.expectations) lines.push(`- ${e.passed ? "PASS" : "FAIL"} ${mdText(e.text)}`);
  }
  if (s.warnings.length > 0) {
    lines.push("", "## Warnings", "");
    for (const w of s.warnings) lines.push(`- ${mdText(w)}`);
  }
  return `${lines.join("\n")}\n`;
}
