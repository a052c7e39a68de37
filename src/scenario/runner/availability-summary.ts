/**
 * The `availability` section of summary.json (issue 8, item 5), present only when the scenario has
 * `faults:`: faults by domain, alarm counts and durations, the OPNFV Doctor check (fault to the
 * consumer's notification under the deadline for every affected server), server downtime and time
 * to restore, evacuation success, capacity lost, SLA availability per tenant, and the N+1 headroom
 * of every rack and zone at the end of the run (a dry run of its evacuation with the run's policy)
 * and over the run's checks (headroom-checks.ts).
 */
import type { NfviState } from "../../nfvi/index.js";
import type { DomainHeadroom, FaultManager } from "../../vim/index.js";
import type { FaultsSpec } from "../resolve/faults.js";
import { shortfallsOf, type HeadroomChecks } from "./headroom-checks.js";
import { kOfNAvailability } from "./hosts-up.js";
import type { AvailabilitySummary, DistributionSummary, HeadroomSummary } from "./run-result.js";

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** count, mean, min, max and nearest-rank percentiles of `values`. */
export function summariseValues(values: ReadonlyArray<number>): DistributionSummary {
  if (values.length === 0) return { count: 0, mean: 0, min: 0, max: 0, p50: 0, p95: 0, p99: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { count: sorted.length, mean: round(mean), min: sorted[0]!, max: sorted[sorted.length - 1]!, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

const sortedEntries = <V>(m: ReadonlyMap<string, V>): Array<[string, V]> => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function headroom(list: ReadonlyArray<DomainHeadroom>, overRun: Pick<HeadroomSummary, "checks" | "survivableShare" | "worst">): HeadroomSummary {
  const short = list.filter((d) => !d.survivable);
  return { total: list.length, survivable: list.length - short.length, notSurvivable: short.map((d) => d.id), shortfalls: shortfallsOf(list), ...overRun };
}

/** Points of the failed-host count at most: the series is the peak within each of these buckets. */
const TIMELINE_BUCKETS = 200;

/** [bucket start ms, peak failed hosts in the bucket] over [0, endMs), from the change steps. */
export function hostsDownOverTime(steps: ReadonlyArray<readonly [number, number]>, endMs: number): Array<[number, number]> {
  if (endMs <= 0) return [];
  const width = Math.max(1, Math.ceil(endMs / TIMELINE_BUCKETS));
  const out: Array<[number, number]> = [];
  let i = 0;
  let current = 0;
  for (let start = 0; start < endMs; start += width) {
    // Changes at the bucket's first instant set its starting value.
    while (i < steps.length && steps[i]![0] <= start) current = steps[i++]![1];
    let peak = current;
    while (i < steps.length && steps[i]![0] < start + width) {
      current = steps[i]![1];
      peak = Math.max(peak, current);
      i++;
    }
    out.push([start, peak]);
  }
  return out;
}

/** The section for a finished run (call FaultManager.finish first). */
export function availabilitySummary(m: FaultManager, spec: FaultsSpec, nfvi: NfviState, simulatedMs: number, checks: HeadroomChecks): AvailabilitySummary {
  const a = m.availability;
  const latencies = summariseValues(a.doctorLatenciesMs);
  const violations = a.doctorLatenciesMs.filter((x) => x >= spec.notificationDeadlineMs).length;
  const tenants: Record<string, { availability: number; downtimeMs: number; exposureMs: number }> = {};
  for (const [id, t] of sortedEntries(a.tenants)) tenants[id] = { availability: t.exposureMs > 0 ? round(1 - t.downtimeMs / t.exposureMs) : 1, downtimeMs: t.downtimeMs, exposureMs: t.exposureMs };
  const room = checks.last();
  const overRun = checks.overRun();
  const hosts = nfvi.hostCount;
  const tried = a.evacuationsStarted + a.evacuationsFailed;
  return {
    faults: { injected: [...m.injectedByDomain.values()].reduce((x, y) => x + y, 0), byDomain: Object.fromEntries(sortedEntries(m.injectedByDomain)) },
    alarms: {
      raised: m.alarms.stats.raised,
      updated: m.alarms.stats.updated,
      cleared: m.alarms.stats.cleared,
      activeAtEnd: m.alarms.activeCount,
      raisedByType: Object.fromEntries(sortedEntries(m.alarms.stats.raisedByType)),
      durationMs: summariseValues(m.alarms.stats.durationsMs),
    },
    doctor: { deadlineMs: spec.notificationDeadlineMs, notifications: latencies.count, maxLatencyMs: latencies.max, p99LatencyMs: latencies.p99, violations, met: violations === 0 },
    servers: { incidents: a.incidents, restored: a.restored, lost: a.lost, downAtEnd: a.downAtEnd, downtimeMs: summariseValues(a.downtimesMs), timeToRestoreMs: summariseValues(a.restoreTimesMs) },
    evacuations: { started: a.evacuationsStarted, succeeded: a.evacuationsSucceeded, failed: a.evacuationsFailed, successRate: tried > 0 ? round(a.evacuationsSucceeded / tried) : 1, restarts: a.restarts },
    capacity: {
      hostHoursDown: round(a.hostDownMs / 3_600_000),
      peakHostsDown: a.peakHostsDown,
      meanShareDown: simulatedMs > 0 && hosts > 0 ? round(a.hostDownMs / simulatedMs / hosts) : 0,
      hostsDownOverTime: hostsDownOverTime(a.hostsDownSteps, simulatedMs),
    },
    // k-of-n per site, zone and rack, and per-host shares: over the same [0, end] as meanShareDown.
    ...kOfNAvailability(nfvi.topology, a.hostChanges, 0, simulatedMs),
    tenants,
    headroom: { racks: headroom(room.racks, overRun.racks), zones: headroom(room.zones, overRun.zones) },
  };
}
