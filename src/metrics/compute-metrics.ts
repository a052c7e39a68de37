/**
 * Counters of the compute life cycle during a run: requests, placements, rejections by kind and by
 * filter reason, servers alive (time-weighted), boot times. Requests are "measured" after the warm-up;
 * the runner says which ones are.
 *
 * Two units, named once (issue 16): a **request** is one allocation call (one arrival, whatever its
 * server count; Nova places a multi-server request all or nothing), a **server** is one of the VMs it
 * asks for. A request of 3 rejected counts 1 rejected request and 3 rejected servers.
 */
import { Percentiles, RunningStats, TimeWeighted } from "./statistics.js";

export class ComputeMetrics {
  /** Requests placed and rejected over the whole run, warm-up included (decided = their sum). */
  placedAll = 0;
  rejectedAll = 0;
  placedMeasured = 0;
  rejectedMeasured = 0;
  /** Measured rejected requests by error kind. */
  readonly rejectedByKind = new Map<string, number>();
  /** Servers placed and rejected over the whole run, warm-up included (asked for = their sum). */
  serversPlacedAll = 0;
  serversRejectedAll = 0;
  serversPlacedMeasured = 0;
  serversRejectedMeasured = 0;
  /** Measured rejected servers by error kind. */
  readonly serversRejectedByKind = new Map<string, number>();
  readonly hostsRejectedByReason = new Map<string, number>();
  /** Where measured servers landed: zone → servers placed there. */
  readonly placedByZone = new Map<string, number>();
  serversCreated = 0;
  serversTerminated = 0;
  private alive = 0;
  readonly aliveOverTime = new TimeWeighted(0);
  readonly bootTimeMs = new RunningStats();
  readonly bootTimePercentiles = new Percentiles();

  /** One server of a request was decided: placed or rejected. */
  onDecision(measured: boolean, placed: boolean): void {
    if (placed) this.serversPlacedAll++;
    else this.serversRejectedAll++;
    if (!measured) return;
    if (placed) this.serversPlacedMeasured++;
    else this.serversRejectedMeasured++;
  }

  /** A request was placed whole (each of its servers also passes through onDecision). */
  onRequestPlaced(measured: boolean): void {
    this.placedAll++;
    if (measured) this.placedMeasured++;
  }

  /**
   * A request of `servers` servers was rejected with `kind` (each server also passes through
   * onDecision); `reasons` are per-reason host counts.
   */
  onRejection(measured: boolean, kind: string, servers: number, reasons: ReadonlyMap<string, number> | undefined): void {
    this.rejectedAll++;
    if (!measured) return;
    this.rejectedMeasured++;
    this.rejectedByKind.set(kind, (this.rejectedByKind.get(kind) ?? 0) + 1);
    this.serversRejectedByKind.set(kind, (this.serversRejectedByKind.get(kind) ?? 0) + servers);
    if (reasons === undefined) return;
    for (const [reason, n] of reasons) this.hostsRejectedByReason.set(reason, (this.hostsRejectedByReason.get(reason) ?? 0) + n);
  }

  /** A measured server was placed in `zone`. */
  onPlacedIn(measured: boolean, zone: string): void {
    if (measured) this.placedByZone.set(zone, (this.placedByZone.get(zone) ?? 0) + 1);
  }

  /** A server now holds resources (claimed) at `timeMs`. */
  onServerStarted(timeMs: number): void {
    this.serversCreated++;
    this.alive++;
    this.aliveOverTime.set(timeMs, this.alive);
  }

  /** Server operations by "<op or task>/<phase>" (phase: started, completed, failed). */
  readonly operations = new Map<string, number>();

  /** A server operation started, or its task completed or failed. */
  onOperation(opOrTask: string, phase: "started" | "completed" | "failed"): void {
    const key = `${opOrTask}/${phase}`;
    this.operations.set(key, (this.operations.get(key) ?? 0) + 1);
  }

  /** Scenario actions by operation: outcome (accepted, or the refusal's error kind) → count. */
  readonly actionOutcomes = new Map<string, Map<string, number>>();

  /** A scenario action on a server was accepted, refused (with an error kind) or found no eligible server. */
  onActionOutcome(op: string, outcome: string): void {
    let byOutcome = this.actionOutcomes.get(op);
    if (byOutcome === undefined) this.actionOutcomes.set(op, (byOutcome = new Map()));
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
  }

  /** A server released its resources at `timeMs`. */
  onServerEnded(timeMs: number): void {
    this.serversTerminated++;
    this.alive--;
    this.aliveOverTime.set(timeMs, this.alive);
  }

  /** A server reached ACTIVE `bootMs` after it was requested. */
  onActive(bootMs: number, measured: boolean): void {
    if (!measured) return;
    this.bootTimeMs.add(bootMs);
    this.bootTimePercentiles.add(bootMs);
  }

  /** Servers holding resources now. */
  get aliveNow(): number {
    return this.alive;
  }

  /** Requests decided over the whole run. */
  get requestsAll(): number {
    return this.placedAll + this.rejectedAll;
  }

  /** Requests decided after the warm-up. */
  get requestsMeasured(): number {
    return this.placedMeasured + this.rejectedMeasured;
  }

  /** Servers asked for over the whole run. */
  get serversRequestedAll(): number {
    return this.serversPlacedAll + this.serversRejectedAll;
  }

  /** Servers asked for after the warm-up. */
  get serversRequestedMeasured(): number {
    return this.serversPlacedMeasured + this.serversRejectedMeasured;
  }

  /** Measured rejection rate of requests (0 when nothing was measured). */
  get rejectionRate(): number {
    return this.requestsMeasured === 0 ? 0 : this.rejectedMeasured / this.requestsMeasured;
  }

  /** Measured rejection rate of servers (0 when nothing was measured). */
  get serverRejectionRate(): number {
    return this.serversRequestedMeasured === 0 ? 0 : this.serversRejectedMeasured / this.serversRequestedMeasured;
  }
}

/** A Map as a plain object with sorted keys, for JSON output. */
export function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)!;
  return out;
}
