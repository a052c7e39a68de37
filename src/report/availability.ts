/**
 * The availability section of report.md and report.html (issue 8), as plain rows both writers
 * print: the OPNFV Doctor check first, then server downtime, evacuations, alarms, capacity lost,
 * SLA availability per tenant and the N+1 headroom. Only for runs whose summary has `availability`.
 */
import type { RunResult } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";
import { hostsUpTable } from "./hosts-up-table.js";
import { tableMarkdown } from "./report-table.js";

type Summary = RunResult["summary"];
export type AvailabilityRow = readonly [string, string];

const pct = (x: number, digits = 4): string => `${(x * 100).toFixed(digits)} %`;
/** A duration for people: ms below a second, then s, min, h, d with one decimal. */
export function readableMs(x: number): string {
  const steps: ReadonlyArray<readonly [number, string]> = [[86_400_000, "d"], [3_600_000, "h"], [60_000, "min"], [1_000, "s"]];
  for (const [unit, name] of steps) if (Math.abs(x) >= unit) return `${(x / unit).toFixed(1)} ${name}`;
  return `${Math.round(x)} ms`;
}
const ms = readableMs;

type Shortfalls = NonNullable<Summary["availability"]>["headroom"]["racks"]["shortfalls"];
/** Domains named in an N+1 row; the rest are counted ("and 4 more"). */
const SHORTFALLS_SHOWN = 3;

/** "2 of 3 survivable; az1/r02: 17 of 40 servers find no host (insufficient GPU handles 14, server group anti-affinity 3)". */
export function headroomText(survivable: number, total: number, shortfalls: Shortfalls): string {
  const one = (d: Shortfalls[number]): string =>
    `${d.id}: ${d.unplaced} of ${d.servers} servers find no host (${Object.entries(d.short).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([reason, n]) => `${reason} ${n}`).join(", ")})`;
  const more = shortfalls.length - SHORTFALLS_SHOWN;
  const named = shortfalls.slice(0, SHORTFALLS_SHOWN).map(one);
  return [`${survivable} of ${total} survivable`, ...named, ...(more > 0 ? [`and ${more} more`] : [])].join("; ");
}

/** "all survivable in 97.5 % of 40 checks, worst at 2.0 h: 1 of 3 survivable": the checks over the run. */
function overRunText(h: NonNullable<Summary["availability"]>["headroom"]["racks"]): string {
  const worst = h.worst.survivable < h.total ? `, worst at ${readableMs(h.worst.timeMs)}: ${h.worst.survivable} of ${h.total} survivable` : "";
  return `all survivable in ${pct(h.survivableShare, 1)} of ${h.checks} checks${worst}`;
}

/** Headline rows (measure, value), in reading order; [] when the run had no faults. */
export function availabilityRows(s: Summary): AvailabilityRow[] {
  const a = s.availability;
  if (a === undefined) return [];
  const d = a.doctor;
  const head = (h: typeof a.headroom.racks): string => `at the end ${headroomText(h.survivable, h.total, h.shortfalls)}; ${overRunText(h)}`;
  return [
    ["Doctor: fault → consumer notified", `${d.met ? "MET" : "NOT MET"}: max ${ms(d.maxLatencyMs)}, p99 ${ms(d.p99LatencyMs)} over ${d.notifications} servers (deadline ${ms(d.deadlineMs)}, ${d.violations} late)`],
    ["faults injected", `${a.faults.injected} (${Object.entries(a.faults.byDomain).map(([k, n]) => `${k} ${n}`).join(", ")})`],
    ["servers down (incidents)", `${a.servers.incidents}: ${a.servers.restored} restored, ${a.servers.lost} deleted while down, ${a.servers.downAtEnd} still down at the end`],
    ["downtime per incident", `mean ${ms(a.servers.downtimeMs.mean)}, p50 ${ms(a.servers.downtimeMs.p50)}, p99 ${ms(a.servers.downtimeMs.p99)}, max ${ms(a.servers.downtimeMs.max)}`],
    ["time to restore", `mean ${ms(a.servers.timeToRestoreMs.mean)}, p99 ${ms(a.servers.timeToRestoreMs.p99)}`],
    ["evacuations", `${a.evacuations.started} started, ${a.evacuations.succeeded} succeeded, ${a.evacuations.failed} found no host (success ${pct(a.evacuations.successRate, 1)}); ${a.evacuations.restarts} restarts in place`],
    ["alarms", `${a.alarms.raised} raised, ${a.alarms.updated} updates, ${a.alarms.cleared} cleared, ${a.alarms.activeAtEnd} active at end; duration p50 ${ms(a.alarms.durationMs.p50)}, max ${ms(a.alarms.durationMs.max)}`],
    ["capacity lost", `${a.capacity.hostHoursDown} host-hours; peak ${a.capacity.peakHostsDown} hosts down; mean share down ${pct(a.capacity.meanShareDown)}`],
    ["host availability (over hosts)", `mean ${pct(a.hostAvailability.mean)}, p50 ${pct(a.hostAvailability.p50)}, p5 ${pct(a.hostAvailability.p5)}, p1 ${pct(a.hostAvailability.p1)}, min ${pct(a.hostAvailability.min)}`],
    ...Object.entries(a.tenants).map(([t, v]): AvailabilityRow => [`SLA availability (tenant ${t})`, pct(v.availability)]),
    ["N+1: loss of one rack", head(a.headroom.racks)],
    ["N+1: loss of one zone", head(a.headroom.zones)],
  ];
}

/** PM rows (measure, value); [] when the run had no `performance:` section. */
export function performanceRows(s: Summary): AvailabilityRow[] {
  const p = s.performance;
  if (p === undefined) return [];
  const first = p.crossings.slice(0, 20).map((c): AvailabilityRow => [`crossing at ${c.timeMs} ms`, `${c.thresholdId} ${c.crossingDirection}: ${c.objectInstanceId} ${c.performanceMetric} = ${c.performanceValue}`]);
  return [["PM jobs", `${p.jobs}: ${p.collections} collections, ${p.reports} reports`], ["threshold crossings", `${p.thresholdCrossings.UP} up, ${p.thresholdCrossings.DOWN} down`], ...first];
}

const table = (title: string, rows: AvailabilityRow[]): string[] =>
  rows.length === 0 ? [] : ["", `## ${title}`, "", "| measure | value |", "|---|---|", ...rows.map((row) => mdRow(row))];

/** The k-of-n table as Markdown lines; [] without faults. */
function hostsUpMarkdown(s: Summary): string[] {
  const t = hostsUpTable(s);
  return t === undefined ? [] : tableMarkdown(t, "###");
}

/** The Markdown sections (availability with its k-of-n table, performance); [] without faults or PM. */
export function availabilityMarkdown(s: Summary): string[] {
  return [...table("Availability", availabilityRows(s)), ...hostsUpMarkdown(s), ...table("Performance", performanceRows(s))];
}
