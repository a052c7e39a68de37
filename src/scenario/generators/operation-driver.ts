/**
 * Drives the `operations:` section: scripted actions at their times and Poisson action streams on
 * live servers, applied through the VIM's typed operations. Expected refusals (WRONG_STATE,
 * NO_VALID_HOST, NOT_FOUND) are outcomes to count, never errors of the run. Draws come from named
 * streams (`operations/<id>/arrivals`, `operations/<id>/pick`), so variants share them.
 */
import { NORMAL, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { ComputeMetrics, EventLog } from "../../metrics/index.js";
import { recordRefusal } from "./refusals.js";
import type { DomainError } from "../../domain/index.js";
import { resizeCharge, transition, type ComputeService, type FlavourSpec, type ServerRecord } from "../../vim/index.js";
import type { QuotaGate } from "./quota-gate.js";
import type { ActionSpec, ActionStreamSpec, OperationsSpec, ScriptedActionSpec } from "../resolve/operations.js";

/** How many random draws look for an eligible server before a scan from the last draw. */
const PICK_TRIES = 16;

interface StreamState {
  readonly spec: ActionStreamSpec;
  readonly arrivals: { next(): number };
  readonly pick: { next(): number };
  count: number;
  exactTimeMs: number;
}

export class OperationDriver {
  constructor(
    private readonly sim: Simulation,
    private readonly streams: RandomStreams,
    private readonly compute: ComputeService,
    private readonly metrics: ComputeMetrics,
    private readonly spec: OperationsSpec,
    private readonly flavours: ReadonlyMap<string, FlavourSpec>,
    private readonly horizonMs: number | undefined,
    private readonly log: EventLog,
    private readonly quotas: QuotaGate | undefined = undefined,
  ) {}

  /** Schedules every scripted action and every stream's first action. */
  start(): void {
    for (const a of this.spec.actions) this.sim.scheduleAt(a.atMs, (_sim, action: ScriptedActionSpec) => this.scripted(action), a, NORMAL);
    for (const s of this.spec.streams) {
      const state: StreamState = {
        spec: s,
        arrivals: this.streams.stream(`operations/${s.id}/arrivals`),
        pick: this.streams.stream(`operations/${s.id}/pick`),
        count: 0,
        exactTimeMs: s.fromMs,
      };
      this.scheduleNext(state);
    }
  }

  private scripted(a: ScriptedActionSpec): void {
    if (a.computeId !== undefined) return this.apply(a, Number(a.computeId.slice(3)));
    const named = this.compute.query({ name: a.computeName! });
    const newest = named[named.length - 1];
    if (newest === undefined) this.metrics.onActionOutcome(a.op, "NOT_FOUND");
    else this.apply(a, newest.no);
  }

  private scheduleNext(state: StreamState): void {
    const { spec } = state;
    if (spec.maxActions !== undefined && state.count >= spec.maxActions) return;
    const next = state.exactTimeMs - Math.log(1 - state.arrivals.next()) / spec.ratePerMs;
    if (!Number.isFinite(next) || next >= spec.untilMs || (this.horizonMs !== undefined && next >= this.horizonMs)) return;
    state.exactTimeMs = next;
    this.sim.scheduleAt(Math.round(next), (_sim, s: StreamState) => this.streamAction(s), state, NORMAL);
  }

  private streamAction(state: StreamState): void {
    state.count++;
    const server = this.pickEligible(state);
    if (server === undefined) this.metrics.onActionOutcome(state.spec.op, "noEligibleServer");
    else this.apply(state.spec, server.no);
    this.scheduleNext(state);
  }

  private resizeOverQuota(a: ActionSpec, no: number): DomainError | undefined {
    if (a.op !== "resize" || a.flavour === undefined || this.quotas === undefined) return undefined;
    const s = this.compute.server(no);
    if (s === undefined || !this.quotas.limited(s.tenant) || transition(s.state, "resize") === undefined) return undefined;
    // Nova re-checks the quota of a resize's delta (cores, RAM), after the state.
    return this.quotas.check(s.tenant, resizeCharge(s, this.flavours.get(a.flavour)!));
  }

  /** A uniformly drawn live server the action is legal for (of the stream's tenant), or undefined. */
  private pickEligible(state: StreamState): ServerRecord | undefined {
    const n = this.compute.liveServerCount;
    if (n === 0) return undefined;
    let at = 0;
    for (let i = 0; i < PICK_TRIES; i++) {
      at = Math.floor(state.pick.next() * n);
      const s = this.compute.liveServerAt(at);
      if (s !== undefined && this.eligible(s, state.spec)) return s;
    }
    for (let k = 1; k < n; k++) {
      const s = this.compute.liveServerAt((at + k) % n);
      if (s !== undefined && this.eligible(s, state.spec)) return s;
    }
    return undefined;
  }

  private eligible(s: ServerRecord, spec: ActionStreamSpec): boolean {
    if (spec.tenant !== undefined && s.tenant !== spec.tenant) return false;
    if (spec.op === "terminate") return true;
    return s.hostIndex >= 0 && transition(s.state, spec.op) !== undefined;
  }

  /** Applies one action to server `no` and counts its outcome. */
  private apply(a: ActionSpec, no: number): void {
    const overQuota = this.resizeOverQuota(a, no);
    if (overQuota !== undefined) {
      this.metrics.onActionOutcome(a.op, overQuota.kind);
      recordRefusal(this.log, this.sim.nowMs, `vm-${no}`, a.op, overQuota);
      return;
    }
    const result =
      a.op === "terminate"
        ? this.compute.terminate(no)
        : this.compute.operate(no, a.op, { ...(a.flavour === undefined ? {} : { flavour: this.flavours.get(a.flavour)! }), autoConfirm: a.op === "resize" && a.autoConfirm });
    this.metrics.onActionOutcome(a.op, result.ok ? "accepted" : result.error.kind);
    if (!result.ok) recordRefusal(this.log, this.sim.nowMs, `vm-${no}`, a.op, result.error);
  }
}
