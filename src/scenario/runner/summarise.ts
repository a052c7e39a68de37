/** Turns the counters of a finished run into the RunSummary and RunResult the reports are made of. */
import { formatDurationMs, type Simulation, type StopReason } from "../../kernel/index.js";
import { plural } from "../../domain/index.js";
import { bindingResource, classLoads, sortedRecord, type ComputeMetrics, type EventLog, type RejectionsByClass } from "../../metrics/index.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { evaluateExpectations, unjudgedConfidenceWarnings } from "./expectations.js";
import { runDigest } from "./run-digest.js";
import type { DistributionSummary, RequestExplanation, RunResult, RunSummary, TimeseriesRow } from "./run-result.js";
import type { UsageTracker } from "./usage-tracker.js";
import type { RejectedRequestsSummary } from "../generators/rejected-requests.js";
import type { InjectedFault } from "../generators/fault-driver.js";

import { runTimeline } from "./timeline.js";

/** Rounds to 9 significant decimals so reports do not depend on the last bits of a float sum. */
const round = (x: number): number => Math.round(x * 1e9) / 1e9;

function distribution(metrics: ComputeMetrics): DistributionSummary {
  const s = metrics.bootTimeMs;
  const p = metrics.bootTimePercentiles;
  return { count: s.count, mean: round(s.mean), min: s.count === 0 ? 0 : s.min, max: s.count === 0 ? 0 : s.max, p50: p.quantile(0.5), p95: p.quantile(0.95), p99: p.quantile(0.99) };
}

const hasOperations = (spec: RunSpec, m: ComputeMetrics): boolean =>
  spec.operations.actions.length > 0 || spec.operations.streams.length > 0 || spec.operations.calls.length > 0 || m.operations.size > 0;

/**
 * Per operation: the scenario's actions by outcome (accepted, or the error kind that refused them) and
 * the VIM's tasks started, completed and failed (auto-confirms of scale and offline migration included).
 */
function operationsSummary(m: ComputeMetrics): Record<string, { actions: Record<string, number>; tasks: Record<string, number> }> {
  const ops = new Set<string>([...m.actionOutcomes.keys(), ...[...m.operations.keys()].map((k) => k.slice(0, k.lastIndexOf("/")))]);
  const out: Record<string, { actions: Record<string, number>; tasks: Record<string, number> }> = {};
  for (const op of [...ops].sort((a, b) => (a.replaceAll(".", "-") < b.replaceAll(".", "-") ? -1 : 1))) {
    const tasks: Record<string, number> = {};
    for (const phase of ["completed", "failed", "started"]) tasks[phase] = m.operations.get(`${op}/${phase}`) ?? 0;
    // Keys without dots, so that an expectation's dotted path can name them (migrate.live → migrate-live).
    out[op.replaceAll(".", "-")] = { actions: sortedRecord(m.actionOutcomes.get(op) ?? new Map()), tasks };
  }
  return out;
}

/** summary.json's optional sections: each present only when the run has that feature (see RunSummary). */
type OptionalSections = Pick<RunSummary, "reservations" | "storageReservations" | "networkReservations" | "quotas" | "availability" | "performance" | "accelerators" | "networkPools" | "windows" | "clusters" | "traces">;

export interface RunOutcome extends OptionalSections {
  readonly spec: RunSpec;
  readonly sim: Simulation;
  readonly stoppedBy: StopReason;
  readonly log: EventLog;
  readonly metrics: ComputeMetrics;
  readonly timeseries: ReadonlyArray<TimeseriesRow>;
  readonly usage: UsageTracker;
  readonly measuringSinceMs: number;
  readonly explanations: ReadonlyArray<RequestExplanation>;
  readonly policy: string;
  readonly requests: number;
  readonly rejectedRequests: RejectedRequestsSummary;
  readonly rejectionsByClass: RejectionsByClass;
  /** The failures the fault driver injected (none without `faults:`), for the charts' markers. */
  readonly injectedFaults: ReadonlyArray<InjectedFault>;
}

/** The version of summary.json's layout; its JSON Schema is report/summary-schema.ts. */
export const SUMMARY_SCHEMA_VERSION = "nfvtwin.summary/2";

/** The RunResult of a finished run. */
export function summarise(o: RunOutcome): RunResult {
  const { spec, sim, metrics } = o;
  const m = metrics;
  const utilisation = o.usage.utilisation(sim.nowMs);
  const binding = bindingResource(classLoads(utilisation, o.accelerators), o.rejectionsByClass);
  const summary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    scenario: {
      name: spec.name,
      file: spec.file,
      description: spec.description,
      seed: spec.seed,
      model: spec.model.name,
      hosts: spec.model.hosts.length,
      zones: spec.model.zones.length,
      policy: o.policy,
    },
    run: {
      simulatedTimeMs: sim.nowMs,
      simulatedTime: formatDurationMs(sim.nowMs),
      events: sim.eventsProcessed,
      stoppedBy: o.stoppedBy,
      digest: runDigest(spec, o.log),
      logRecords: o.log.count,
      eventLogDigest: o.log.wantsContent ? o.log.digest : "not kept (run with --trace)",
      warmupEndMs: Math.max(0, o.measuringSinceMs),
    },
    requests: {
      total: m.requestsAll,
      measured: m.requestsMeasured,
      placed: m.placedMeasured,
      rejected: m.rejectedMeasured,
      rejectionRate: round(m.rejectionRate),
      rejectedByKind: sortedRecord(m.rejectedByKind),
      hostsRejectedByReason: sortedRecord(m.hostsRejectedByReason),
      all: { total: m.requestsAll, placed: m.placedAll, rejected: m.rejectedAll },
      arrivals: o.requests,
      rejectedRequests: o.rejectedRequests,
    },
    servers: {
      requested: m.serversRequestedMeasured,
      placed: m.serversPlacedMeasured,
      rejected: m.serversRejectedMeasured,
      rejectionRate: round(m.serverRejectionRate),
      rejectedByKind: sortedRecord(m.serversRejectedByKind),
      placedByZone: sortedRecord(m.placedByZone),
      all: { requested: m.serversRequestedAll, placed: m.serversPlacedAll, rejected: m.serversRejectedAll },
      created: m.serversCreated,
      terminated: m.serversTerminated,
      aliveAtEnd: m.aliveNow,
      peakAlive: m.aliveOverTime.peak,
      meanAlive: round(m.aliveOverTime.meanUntil(sim.nowMs)),
      bootTimeMs: distribution(m),
    },
    utilisation,
    fragmentation: o.usage.fragmentation(sim.nowMs),
    ...(hasOperations(spec, m) ? { operations: operationsSummary(m) } : {}),
    ...(o.reservations === undefined ? {} : { reservations: o.reservations }),
    ...(o.storageReservations === undefined ? {} : { storageReservations: o.storageReservations }),
    ...(o.networkReservations === undefined ? {} : { networkReservations: o.networkReservations }),
    ...(o.quotas === undefined ? {} : { quotas: o.quotas }),
    ...(o.availability === undefined ? {} : { availability: o.availability }),
    ...(o.performance === undefined ? {} : { performance: o.performance }),
    ...(o.accelerators === undefined ? {} : { accelerators: o.accelerators }),
    ...(o.networkPools === undefined ? {} : { networkPools: o.networkPools }),
    ...(binding === undefined ? {} : { bindingResource: binding }),
    ...(o.windows === undefined ? {} : { windows: o.windows }),
    ...(o.clusters === undefined ? {} : { clusters: o.clusters }),
    ...(o.traces === undefined ? {} : { traces: o.traces }),
    warnings: [...spec.warnings, ...unjudgedConfidenceWarnings(spec.expectations)],
  };
  const pct = (summary.requests.rejectionRate * 100).toFixed(2);
  const servers = m.serversRequestedMeasured === m.requestsMeasured ? "" : ` (${plural(m.serversRequestedMeasured, "server")}, ${m.serversRejectedMeasured} rejected)`;
  // A production state's servers are not requests of the run: say they were there, or "0 requests" reads as an idle site.
  const alive = spec.initialServers === undefined || spec.initialServers.length === 0 ? "" : `${plural(spec.initialServers.length, "server")} alive at start, `;
  const headline = `${spec.name}: ${alive}${plural(m.requestsMeasured, "request")}, ${m.placedMeasured} placed, ${m.rejectedMeasured} rejected (${pct} %)${servers}, ${summary.run.simulatedTime} simulated`;
  const expectations = evaluateExpectations(spec.expectations, summary);
  const failed = expectations.filter((e) => !e.passed).length;
  const n = expectations.length;
  const verdict = n === 0 ? "" : failed === 0 ? `, ${n === 1 ? "1 expectation" : `${n} expectations`} met` : `, ${failed} of ${n} expectations FAILED`;
  const timeline = runTimeline(spec, sim.nowMs, summary.run.warmupEndMs, o.injectedFaults);
  return { summary, timeseries: o.timeseries, timeline, records: o.log.kept, explanations: o.explanations, expectations, headline: headline + verdict };
}
