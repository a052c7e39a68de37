/**
 * The time frame every time chart of a run shares: 0 to the horizon (the end of the run when it has
 * none), the warm-up, and what happened over spans of it: faults injected (to their repair), fault
 * storms (their window), maintenance windows (host events to MAINTENANCE until the same hosts are UP
 * again) and the starts of static leases (compute, storage, network).
 */
import type { InjectedFault } from "../generators/fault-driver.js";
import type { RunSpec } from "../resolve/run-spec.js";
import type { RunTimeline, TimelineMark } from "./run-result.js";

/** The run's timeline; marks sorted by start, end, kind and label, and cut at the horizon. */
export function runTimeline(spec: RunSpec, endMs: number, warmupEndMs: number, injected: ReadonlyArray<InjectedFault>): RunTimeline {
  const horizonMs = spec.stop.horizonMs ?? endMs;
  const marks: TimelineMark[] = [
    ...injected.map((f) => mark("fault", f.atMs, f.atMs + f.repairAfterMs, f.label)),
    ...(spec.faults?.storms ?? []).map((s, i) => mark("storm", s.atMs, s.atMs + s.withinMs, `storm ${i + 1} (${s.domain})`)),
    ...(spec.accelerators?.faults ?? []).map((f) => mark("fault", f.atMs, f.repairAfterMs === undefined ? horizonMs : f.atMs + f.repairAfterMs, `accelerator ${f.deviceId}`)),
    ...maintenanceMarks(spec, horizonMs),
    ...leaseStarts(spec),
  ];
  const cut = marks.filter((m) => m.startMs <= horizonMs).map((m) => (m.endMs > horizonMs ? { ...m, endMs: horizonMs } : m));
  return { horizonMs, warmupEndMs: Math.min(warmupEndMs, horizonMs), marks: cut.sort(byTime) };
}

const mark = (kind: TimelineMark["kind"], startMs: number, endMs: number, label: string): TimelineMark => ({ kind, startMs, endMs: Math.max(startMs, endMs), label });

/** A host event to MAINTENANCE opens a window that the first later UP event of the same hosts closes. */
function maintenanceMarks(spec: RunSpec, horizonMs: number): TimelineMark[] {
  const events = spec.hostEvents;
  return events.flatMap((e, i) => {
    if (e.state !== "MAINTENANCE") return [];
    const key = e.hosts.join(",");
    const end = events.find((u, j) => j > i && u.state === "UP" && u.atMs >= e.atMs && u.hosts.join(",") === key);
    const hosts = e.hosts.length === 1 ? `host ${e.hosts[0]}` : `${e.hosts.length} hosts`;
    return [mark("maintenance", e.atMs, end?.atMs ?? horizonMs, `maintenance of ${hosts}`)];
  });
}

function leaseStarts(spec: RunSpec): TimelineMark[] {
  const leases = [...(spec.reservations ?? []), ...(spec.storageReservations ?? []), ...(spec.networkReservations ?? [])];
  return leases.map((l) => mark("lease", l.startMs, l.startMs, `lease ${l.id} starts`));
}

function byTime(a: TimelineMark, b: TimelineMark): number {
  return a.startMs - b.startMs || a.endMs - b.endMs || cmp(a.kind, b.kind) || cmp(a.label, b.label);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
