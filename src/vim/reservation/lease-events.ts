/**
 * The kernel events of a lease (start, before-end warning, end, expiry), compute, storage or network
 * alike:
 *   - equal times run before-end < end and expiry < start (INV-C7);
 *   - a lease whose start is now starts in this step (IFA startTime absent or now);
 *   - the before-end warning fires at end − lead, clamped to the start, never for lead 0 or an
 *     unbounded window (INV-C8); when it coincides with the start, the start runs it right after;
 *   - expiry ends only a lease nothing used (INV-C4).
 */
import { HIGH, type Simulation } from "../../kernel/index.js";
import type { ReservationStatus } from "./reservation-machine.js";
import type { ReservationTimes } from "./reservation.js";

/** Equal-time order of lease events (INV-C7), all before HIGH + 64 and after host events (HIGH). */
export const BEFORE_END_PRIORITY = HIGH + 10;
export const END_PRIORITY = HIGH + 20;
export const START_PRIORITY = HIGH + 30;

/** What the events read and write of a lease record. */
export interface LeaseLike {
  readonly times: ReservationTimes;
  readonly status: ReservationStatus;
  readonly used: boolean;
  handles: number[];
}

/** The service's steps: start and before-end return whether the edge was legal. */
export interface LeaseSteps<R extends LeaseLike> {
  start(r: R): boolean;
  beforeEnd(r: R): boolean;
  finish(r: R, op: "end" | "expire"): void;
}

type Op = "start" | "beforeEnd" | "end" | "expire";
interface Payload<R extends LeaseLike> {
  readonly steps: LeaseSteps<R>;
  readonly r: R;
  readonly op: Op;
}

function fire<R extends LeaseLike>(_sim: Simulation, p: Payload<R>): void {
  if (p.op === "start") startNow(p.steps, p.r);
  else if (p.op === "beforeEnd") p.steps.beforeEnd(p.r);
  else if (p.op === "end") p.steps.finish(p.r, "end");
  else if (!p.r.used) p.steps.finish(p.r, "expire");
}

function startNow<R extends LeaseLike>(steps: LeaseSteps<R>, r: R): void {
  if (!steps.start(r)) return;
  const { startMs, endMs, beforeEndLeadMs } = r.times;
  if (beforeEndLeadMs > 0 && Number.isFinite(endMs) && endMs - beforeEndLeadMs <= startMs) steps.beforeEnd(r);
}

/** Schedules the lease's pending events (after a create or an update); a PENDING lease starting now starts in this step. */
export function scheduleLease<R extends LeaseLike>(sim: Simulation, r: R, steps: LeaseSteps<R>): void {
  const nowMs = sim.nowMs;
  const { startMs, endMs, expiryMs } = r.times;
  const pending = r.status.lease === "PENDING";
  const at = (ms: number, op: Op, priority: number) => r.handles.push(sim.scheduleAt(ms, fire, { steps, r, op } as Payload<R>, priority));
  if (pending && startMs > nowMs) at(startMs, "start", START_PRIORITY);
  if (Number.isFinite(endMs)) at(endMs, "end", END_PRIORITY);
  if (expiryMs !== undefined) at(expiryMs, "expire", END_PRIORITY);
  if (pending && startMs <= nowMs) startNow(steps, r);
  scheduleBeforeEnd(sim, r, at);
}

function scheduleBeforeEnd<R extends LeaseLike>(sim: Simulation, r: R, at: (ms: number, op: Op, priority: number) => void): void {
  const { startMs, endMs, beforeEndLeadMs } = r.times;
  if (beforeEndLeadMs <= 0 || !Number.isFinite(endMs) || r.status.beforeEndEvent !== "UNDONE") return;
  const atMs = Math.max(startMs, endMs - beforeEndLeadMs, sim.nowMs);
  // A lease's own start precedes its own before-end when they coincide: the start runs it.
  if (atMs === startMs && r.status.lease === "PENDING") return;
  at(atMs, "beforeEnd", BEFORE_END_PRIORITY);
}

/** Cancels the lease's pending events (terminate, or before rescheduling on update). */
export function cancelLease(sim: Simulation, r: LeaseLike): void {
  for (const h of r.handles) sim.cancel(h);
  r.handles = [];
}
