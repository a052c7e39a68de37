/** Turns the counters of a finished run into the RunSummary and RunResult the reports are made of. */
import { RESOURCE_CLASSES } from "../../domain/index.js";
import { formatDurationMs, type Simulation, type StopReason } from "../../kernel/index.js";
import { sortedRecord, type ComputeMetrics, type EventLog } from "../../metrics/index.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { evaluateExpectations, unjudgedConfidenceWarnings } from "./expectations.js";
import { runDigest } from "./run-digest.js";
import type { ClassUtilisation, DistributionSummary, RequestExplanation, RunResult, RunSummary, TimeseriesRow } from "./run-result.js";
import type { ZoneTotals } from "./utilisation-sampler.js";

/** Mean and peak of used units and of stranded share, per zone and class, over the measured samples. */
export class UtilisationAccumulator {
  private samples = 0;
  private readonly sums = new Map<string, { used: Float64Array; peak: Float64Array; capacity: Float64Array; strandedShare: number; lastStranded: number }>();

  /** Adds one sample of every zone. */
  add(totals: ReadonlyMap<string, ZoneTotals>): void {
    this.samples++;
    for (const [zone, t] of totals) {
      let s = this.sums.get(zone);
      if (s === undefined) {
        const n = RESOURCE_CLASSES.length;
        s = { used: new Float64Array(n), peak: new Float64Array(n), capacity: new Float64Array(n), strandedShare: 0, lastStranded: 0 };
        this.sums.set(zone, s);
      }
      for (let c = 0; c < RESOURCE_CLASSES.length; c++) {
        s.used[c]! += t.used[c]!;
        s.peak[c] = Math.max(s.peak[c]!, t.used[c]!);
        s.capacity[c] = t.capacity[c]!;
      }
      // Stranded share of free memory: the class every flavour asks for.
      const m = RESOURCE_CLASSES.indexOf("MEMORY_MB");
      s.strandedShare += t.free[m]! > 0 ? t.stranded[m]! / t.free[m]! : 0;
      s.lastStranded = t.stranded[m]!;
    }
  }

  /** zone → class → utilisation. */
  utilisation(): Record<string, Record<string, ClassUtilisation>> {
    const out: Record<string, Record<string, ClassUtilisation>> = {};
    for (const zone of [...this.sums.keys()].sort()) {
      const s = this.sums.get(zone)!;
      const classes: Record<string, ClassUtilisation> = {};
      RESOURCE_CLASSES.forEach((rc, c) => {
        const capacity = s.capacity[c]!;
        const meanUsed = this.samples === 0 ? 0 : s.used[c]! / this.samples;
        classes[rc] = {
          capacity,
          meanUsed: round(meanUsed),
          peakUsed: s.peak[c]!,
          meanUtilisation: capacity > 0 ? round(meanUsed / capacity) : 0,
          peakUtilisation: capacity > 0 ? round(s.peak[c]! / capacity) : 0,
        };
      });
      out[zone] = classes;
    }
    return out;
  }

  /** zone → mean stranded share of free memory and the last stranded amount (MEMORY_MB). */
  fragmentation(): Record<string, { meanStrandedShareOfFree: number; lastStranded: number }> {
    const out: Record<string, { meanStrandedShareOfFree: number; lastStranded: number }> = {};
    for (const zone of [...this.sums.keys()].sort()) {
      const s = this.sums.get(zone)!;
      out[zone] = { meanStrandedShareOfFree: this.samples === 0 ? 0 : round(s.strandedShare / this.samples), lastStranded: s.lastStranded };
    }
    return out;
  }
}

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
type OptionalSections = Pick<RunSummary, "reservations" | "storageReservations" | "networkReservations" | "quotas" | "availability" | "performance" | "accelerators" | "networkPools">;

export interface RunOutcome extends OptionalSections {
  readonly spec: RunSpec;
  readonly sim: Simulation;
  readonly stoppedBy: StopReason;
  readonly log: EventLog;
  readonly metrics: ComputeMetrics;
  readonly timeseries: ReadonlyArray<TimeseriesRow>;
  readonly utilisation: UtilisationAccumulator;
  readonly measuringSinceMs: number;
  readonly explanations: ReadonlyArray<RequestExplanation>;
  readonly policy: string;
  readonly requests: number;
}

/** The version of summary.json's layout; its JSON Schema is report/summary-schema.ts. */
export const SUMMARY_SCHEMA_VERSION = "nfvtwin.summary/1";

/** The RunResult of a finished run. */
export function summarise(o: RunOutcome): RunResult {
  const { spec, sim, metrics } = o;
  const m = metrics;
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
      placedByZone: sortedRecord(m.placedByZone),
      hostsRejectedByReason: sortedRecord(m.hostsRejectedByReason),
      all: { total: m.requestsAll, placed: m.placedAll, rejected: m.rejectedAll },
    },
    servers: {
      created: m.serversCreated,
      terminated: m.serversTerminated,
      aliveAtEnd: m.aliveNow,
      peakAlive: m.aliveOverTime.peak,
      meanAlive: round(m.aliveOverTime.meanUntil(sim.nowMs)),
      bootTimeMs: distribution(m),
    },
    utilisation: o.utilisation.utilisation(),
    fragmentation: o.utilisation.fragmentation(),
    ...(hasOperations(spec, m) ? { operations: operationsSummary(m) } : {}),
    ...(o.reservations === undefined ? {} : { reservations: o.reservations }),
    ...(o.storageReservations === undefined ? {} : { storageReservations: o.storageReservations }),
    ...(o.networkReservations === undefined ? {} : { networkReservations: o.networkReservations }),
    ...(o.quotas === undefined ? {} : { quotas: o.quotas }),
    ...(o.availability === undefined ? {} : { availability: o.availability }),
    ...(o.performance === undefined ? {} : { performance: o.performance }),
    ...(o.accelerators === undefined ? {} : { accelerators: o.accelerators }),
    ...(o.networkPools === undefined ? {} : { networkPools: o.networkPools }),
    warnings: [...spec.warnings, ...unjudgedConfidenceWarnings(spec.expectations)],
  };
  const pct = (summary.requests.rejectionRate * 100).toFixed(2);
  const headline = `${spec.name}: ${m.requestsMeasured} requests, ${m.placedMeasured} placed, ${m.rejectedMeasured} rejected (${pct} %), ${summary.run.simulatedTime} simulated`;
  const expectations = evaluateExpectations(spec.expectations, summary);
  const failed = expectations.filter((e) => !e.passed).length;
  const n = expectations.length;
  const verdict = n === 0 ? "" : failed === 0 ? `, ${n === 1 ? "1 expectation" : `${n} expectations`} met` : `, ${failed} of ${n} expectations FAILED`;
  return { summary, timeseries: o.timeseries, records: o.log.kept, explanations: o.explanations, expectations, headline: headline + verdict };
}
