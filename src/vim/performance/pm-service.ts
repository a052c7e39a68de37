/**
 * IFA 005/006 Performance Management (ifa-digest §1.12): PM jobs collect their metrics at every
 * multiple of the collection period from their start and publish a report at every multiple of the
 * reporting period, none after the reporting boundary or the job's deletion (INV-K2); thresholds
 * are checked on their own period and notify once per crossing, with its direction and hysteresis
 * (INV-K3). Job and threshold changes and every crossing are log records.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { LOW, type Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { MetricSource } from "./metric-source.js";
import type { PerformanceReport, PerformanceReportEntry, PmJob, PmJobSpec, PmNotification, Threshold, ThresholdSpec } from "./pm-types.js";

export type PmConsumer = (n: PmNotification) => void;

interface JobState {
  readonly job: PmJob;
  handle: number;
  /** objectId \u0000 metric → values collected since the last report. */
  buffer: Map<string, PerformanceReportEntry & { performanceValues: Array<{ timeStampMs: number; performanceValue: number }> }>;
  lastReportMs: number;
}

interface ThresholdState {
  readonly threshold: Threshold;
  handle: number;
  above: boolean | undefined;
}

export interface PmStatistics {
  collections: number;
  reports: number;
  crossingsUp: number;
  crossingsDown: number;
}

export class PmService {
  private nextJobNo = 1;
  private nextThresholdNo = 1;
  private readonly jobs = new Map<string, JobState>();
  private readonly thresholds = new Map<string, ThresholdState>();
  private readonly reportsByJob = new Map<string, PerformanceReport[]>();
  private consumers: PmConsumer[] = [];
  readonly stats: PmStatistics = { collections: 0, reports: 0, crossingsUp: 0, crossingsDown: 0 };

  constructor(
    private readonly sim: Simulation,
    private readonly source: MetricSource,
    private readonly log: EventLog,
  ) {}

  /** CreatePmJob: INVALID_ARGUMENT unless both periods are positive and reporting is a multiple of collection. */
  createPmJob(spec: PmJobSpec): Result<PmJob> {
    if (!(spec.collectionPeriodMs > 0) || !(spec.reportingPeriodMs >= spec.collectionPeriodMs) || spec.reportingPeriodMs % spec.collectionPeriodMs !== 0) {
      return fail(domainError("INVALID_ARGUMENT", `reportingPeriod (${spec.reportingPeriodMs} ms) must be a positive multiple of collectionPeriod (${spec.collectionPeriodMs} ms)`));
    }
    if (spec.performanceMetrics.length === 0) return fail(domainError("INVALID_ARGUMENT", "a PM job needs at least one performance metric"));
    const job: PmJob = { ...spec, pmJobId: `pmjob-${this.nextJobNo++}`, startedAtMs: this.sim.nowMs };
    const state: JobState = { job, handle: -1, buffer: new Map(), lastReportMs: job.startedAtMs };
    this.jobs.set(job.pmJobId, state);
    this.reportsByJob.set(job.pmJobId, []);
    this.record("pmJob", job.pmJobId, "create", null, job);
    this.scheduleCollection(state);
    return ok(job);
  }

  /** DeletePmJob: no collection or report afterwards. */
  deletePmJob(pmJobId: string): Result<void> {
    const state = this.jobs.get(pmJobId);
    if (state === undefined) return fail(domainError("NOT_FOUND", `PM job ${pmJobId} does not exist`));
    if (state.handle >= 0) this.sim.cancel(state.handle);
    this.jobs.delete(pmJobId);
    this.record("pmJob", pmJobId, "delete", state.job, null);
    return ok(undefined);
  }

  /** QueryPmJob: the live jobs by id (no reports). */
  queryPmJob(): PmJob[] {
    return [...this.jobs.values()].map((s) => s.job);
  }

  /** The reports a job published, oldest first (kept after its deletion). */
  reports(pmJobId: string): ReadonlyArray<PerformanceReport> {
    return this.reportsByJob.get(pmJobId) ?? [];
  }

  /** CreateThreshold: checked every checkPeriodMs from now; the first check sets the side without notifying. */
  createThreshold(spec: ThresholdSpec): Result<Threshold> {
    if (!(spec.checkPeriodMs > 0) || !(spec.hysteresis >= 0)) return fail(domainError("INVALID_ARGUMENT", "a threshold needs a positive check period and a non-negative hysteresis"));
    const threshold: Threshold = { ...spec, thresholdId: `threshold-${this.nextThresholdNo++}` };
    const state: ThresholdState = { threshold, handle: -1, above: undefined };
    this.thresholds.set(threshold.thresholdId, state);
    this.record("threshold", threshold.thresholdId, "create", null, threshold);
    this.scheduleCheck(state);
    return ok(threshold);
  }

  deleteThreshold(thresholdId: string): Result<void> {
    const state = this.thresholds.get(thresholdId);
    if (state === undefined) return fail(domainError("NOT_FOUND", `threshold ${thresholdId} does not exist`));
    if (state.handle >= 0) this.sim.cancel(state.handle);
    this.thresholds.delete(thresholdId);
    this.record("threshold", thresholdId, "delete", state.threshold, null);
    return ok(undefined);
  }

  queryThreshold(): Threshold[] {
    return [...this.thresholds.values()].map((s) => s.threshold);
  }

  /** Subscribe to PerformanceInformationAvailable and ThresholdCrossed notifications. */
  subscribe(consumer: PmConsumer): void {
    this.consumers = [...this.consumers, consumer];
  }

  private scheduleCollection(state: JobState): void {
    const next = this.sim.nowMs + state.job.collectionPeriodMs;
    const boundary = state.job.reportingBoundaryMs;
    if (boundary !== undefined && next > boundary) return;
    // LOW: a collection at an instant sees every change of that instant.
    state.handle = this.sim.schedule(state.job.collectionPeriodMs, PmService.onCollect, { service: this, state }, LOW);
  }

  private static onCollect(_sim: Simulation, p: { service: PmService; state: JobState }): void {
    p.state.handle = -1;
    p.service.collect(p.state);
  }

  private collect(state: JobState): void {
    const job = state.job;
    const now = this.sim.nowMs;
    const ids = job.objectInstanceIds ?? this.source.objects(job.objectType);
    for (const id of ids) {
      for (const metric of job.performanceMetrics) {
        const value = this.source.value(job.objectType, id, metric);
        if (value === undefined) continue;
        const key = `${id}\u0000${metric}`;
        let entry = state.buffer.get(key);
        if (entry === undefined) state.buffer.set(key, (entry = { objectType: job.objectType, objectInstanceId: id, performanceMetric: metric, performanceValues: [] }));
        entry.performanceValues.push({ timeStampMs: now, performanceValue: value });
      }
    }
    this.stats.collections++;
    if ((now - job.startedAtMs) % job.reportingPeriodMs === 0) this.report(state);
    this.scheduleCollection(state);
  }

  private report(state: JobState): void {
    const now = this.sim.nowMs;
    const report: PerformanceReport = { pmJobId: state.job.pmJobId, periodStartMs: state.lastReportMs, periodEndMs: now, entries: [...state.buffer.values()] };
    state.buffer = new Map();
    state.lastReportMs = now;
    this.reportsByJob.get(state.job.pmJobId)!.push(report);
    this.stats.reports++;
    const objects = [...new Set(report.entries.map((e) => e.objectInstanceId))];
    this.publish({ kind: "PerformanceInformationAvailableNotification", timeMs: now, pmJobId: state.job.pmJobId, objectInstanceIds: objects });
  }

  private scheduleCheck(state: ThresholdState): void {
    state.handle = this.sim.schedule(state.threshold.checkPeriodMs, PmService.onCheck, { service: this, state }, LOW);
  }

  private static onCheck(_sim: Simulation, p: { service: PmService; state: ThresholdState }): void {
    p.state.handle = -1;
    p.service.check(p.state);
    p.service.scheduleCheck(p.state);
  }

  private check(state: ThresholdState): void {
    const t = state.threshold;
    const value = this.source.value(t.objectType, t.objectInstanceId, t.performanceMetric);
    if (value === undefined) return;
    if (state.above === undefined) {
      state.above = value > t.thresholdValue;
      return;
    }
    const up = !state.above && value > t.thresholdValue + t.hysteresis;
    const down = state.above && value < t.thresholdValue - t.hysteresis;
    if (!up && !down) return;
    state.above = up;
    if (up) this.stats.crossingsUp++;
    else this.stats.crossingsDown++;
    const direction = up ? "UP" : "DOWN";
    this.record("threshold", t.thresholdId, "crossed", { above: !up }, { above: up, value });
    this.publish({ kind: "ThresholdCrossedNotification", timeMs: this.sim.nowMs, thresholdId: t.thresholdId, crossingDirection: direction, objectInstanceId: t.objectInstanceId, performanceMetric: t.performanceMetric, performanceValue: value });
  }

  private record(entity: string, id: string, op: string, before: unknown, after: unknown): void {
    if (this.log.wantsContent) this.log.append(this.sim.nowMs, entity, id, op, before, after);
    else this.log.skip(this.sim.nowMs, entity, id, op);
  }

  private publish(n: PmNotification): void {
    for (const c of this.consumers) c(n);
  }
}
