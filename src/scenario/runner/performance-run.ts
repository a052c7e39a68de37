/**
 * A scenario's `performance:` section in a run: the PM jobs and thresholds created at time 0 on a
 * PmService, the crossings recorded as they are notified, and the `performance` section of
 * summary.json (present only when the scenario has the section).
 */
import { InvariantViolation } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { MetricSource, PmService, type ComputeService } from "../../vim/index.js";
import type { PerformanceSpec } from "../resolve/performance.js";
import type { PerformanceSummary, ThresholdCrossing } from "./run-result.js";

/** Crossings listed in summary.json at most (all are counted). */
const MAX_LISTED_CROSSINGS = 1_000;

export class PerformanceRun {
  private readonly pm: PmService;
  private readonly crossings: ThresholdCrossing[] = [];

  constructor(sim: Simulation, nfvi: NfviState, compute: ComputeService, log: EventLog, spec: PerformanceSpec) {
    this.pm = new PmService(sim, new MetricSource(nfvi, compute), log);
    this.pm.subscribe((n) => {
      if (n.kind !== "ThresholdCrossedNotification" || this.crossings.length >= MAX_LISTED_CROSSINGS) return;
      this.crossings.push({ timeMs: n.timeMs, thresholdId: n.thresholdId, objectInstanceId: n.objectInstanceId, performanceMetric: n.performanceMetric, crossingDirection: n.crossingDirection, performanceValue: n.performanceValue });
    });
    for (const job of spec.jobs) {
      const r = this.pm.createPmJob(job);
      if (!r.ok) throw new InvariantViolation("MODEL", `PM job accepted by the loader but refused: ${r.error.message}`);
    }
    for (const t of spec.thresholds) {
      const r = this.pm.createThreshold(t);
      if (!r.ok) throw new InvariantViolation("MODEL", `threshold accepted by the loader but refused: ${r.error.message}`);
    }
  }

  summary(): PerformanceSummary {
    const s = this.pm.stats;
    return { jobs: this.pm.queryPmJob().length, collections: s.collections, reports: s.reports, thresholdCrossings: { UP: s.crossingsUp, DOWN: s.crossingsDown }, crossings: this.crossings };
  }
}
