/**
 * Reservations in a scenario run (the runner's one hook for them): wraps the placement selector with
 * the reservation routing, builds the ReservationService once the compute service exists, requests
 * the static leases at their times (HIGH priority: before the requests of the same millisecond),
 * routes `reservation:` requests through it, samples occupancy with the utilisation samples, and
 * builds the summary's `reservations` section. A scenario without `reservations:` gets none of it.
 */
import { InvariantViolation, RC_MEMORY_MB, RC_VCPU } from "../../domain/index.js";
import { HIGH, LOW, type Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { queryCapacity, reservationCommitments, ReservationRouting, ReservationService, type CapacityCommitments, type ComputeService, type FlavourSpec, type HostSelector, type ReservationCounts } from "../../vim/index.js";
import type { ForecastSpec, ReservationSpec } from "../resolve/reservations.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { leaseOutcome, leaseRequest } from "./lease-run.js";
import type { ReservationRouter } from "../generators/workload-driver.js";

export interface ReservationOccupancy {
  readonly timeMs: number;
  readonly active: number;
  readonly reservedVcpu: number;
  readonly boundVcpu: number;
  readonly reservedMemoryMb: number;
  readonly boundMemoryMb: number;
}

/** summary.json `reservations` (present only when the scenario has reservations). */
export interface ReservationSummary {
  readonly counts: ReservationCounts;
  /** Each static reservation at the end of the run, in file order. */
  readonly leases: ReadonlyArray<{ readonly id: string; readonly tenant: string; readonly status: string; readonly lease: string; readonly used: boolean; readonly boundAtEnd: number }>;
  /** Reserved and consumed capacity of the ACTIVE reservations at every sample. */
  readonly occupancy: ReadonlyArray<ReservationOccupancy>;
  /** The capacity forecast, when the scenario asked for one and the run reached its time. */
  readonly forecast?: ReadonlyArray<ForecastRow>;
}

/** One step of the forecast for one class: the least available capacity in [fromMs, toMs) and when. */
export interface ForecastRow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly resourceClass: string;
  readonly totalCapacity: number;
  readonly reservedCapacity: number;
  readonly allocatedCapacity: number;
  readonly availableCapacity: number;
  readonly atMs: number;
}

/** QueryResourceCapacity over each step of the window, for vCPUs and memory (A9 holds in every row). */
function forecastRows(f: ForecastSpec, nfvi: NfviState, commitments: CapacityCommitments, nowMs: number): ForecastRow[] {
  const rows: ForecastRow[] = [];
  for (let fromMs = f.atMs; fromMs < f.atMs + f.windowMs; fromMs += f.stepMs) {
    const toMs = Math.min(fromMs + f.stepMs, f.atMs + f.windowMs);
    for (const resourceClass of ["VCPU", "MEMORY_MB"] as const) {
      const q = queryCapacity(nfvi, { ...(f.zone === undefined ? {} : { zoneId: f.zone }), resourceClass, timeWindow: { fromMs, toMs: toMs - 1 } }, nowMs, commitments);
      if (!q.ok) throw new InvariantViolation("MODEL", `capacity forecast accepted by the loader but refused: ${q.error.message}`);
      const v = q.value;
      rows.push({ fromMs, toMs, resourceClass, totalCapacity: v.totalCapacity, reservedCapacity: v.reservedCapacity, allocatedCapacity: v.allocatedCapacity, availableCapacity: v.availableCapacity, atMs: v.atMs });
    }
  }
  return rows;
}


export class ReservationRun {
  private readonly routing: ReservationRouting;
  private service: ReservationService | undefined;
  private readonly occupancy: ReservationOccupancy[] = [];

  private forecastRows: ForecastRow[] | undefined;

  private constructor(
    private readonly specs: readonly ReservationSpec[],
    nfvi: NfviState,
    private readonly forecast: ForecastSpec | undefined,
  ) {
    this.routing = new ReservationRouting(nfvi);
  }

  /** The hook of a run, or undefined when its scenario has no reservations. */
  static of(spec: RunSpec, nfvi: NfviState): ReservationRun | undefined {
    if (spec.reservations === undefined && spec.capacityForecast === undefined) return undefined;
    return new ReservationRun(spec.reservations ?? [], nfvi, spec.capacityForecast);
  }

  wrap(select: HostSelector): HostSelector {
    return this.routing.wrap(select);
  }

  /** Builds the service over `compute` and schedules the static leases. */
  attach(sim: Simulation, nfvi: NfviState, compute: ComputeService, log: EventLog, flavours: ReadonlyMap<string, FlavourSpec>): void {
    const service = new ReservationService(sim, nfvi, compute, this.routing, log, compute.notifier);
    this.service = service;
    for (const r of this.specs) {
      sim.scheduleAt(r.atMs, () => service.create(request(r, flavours)), undefined, HIGH);
    }
    const f = this.forecast;
    // After the requests of its millisecond (LOW): the forecast sees what was booked and placed by then.
    if (f !== undefined) sim.scheduleAt(f.atMs, () => (this.forecastRows = forecastRows(f, nfvi, reservationCommitments(service, nfvi, sim), sim.nowMs)), undefined, LOW);
  }

  readonly router: ReservationRouter = (reservationId, req) => {
    const r = this.service!.allocateBound(reservationId, req);
    if (!r.ok) return r;
    const failure = r.value.failure;
    return { ok: true, value: { servers: r.value.servers, error: failure?.message, reasons: failure === undefined ? undefined : new Map(Object.entries(failure.detail ?? {})) } };
  };

  /** Ledger consumers that are reservation holds (the runner's INV-A6 count). */
  /** The service once attached (the calls' façade updates and terminates its leases). */
  get reservationService(): ReservationService | undefined {
    return this.service;
  }

  get holdCount(): number {
    return this.service?.holdCount ?? 0;
  }

  sample(timeMs: number): void {
    const s = this.service;
    if (s === undefined) return;
    const cpu = s.occupancy(RC_VCPU);
    const mem = s.occupancy(RC_MEMORY_MB);
    this.occupancy.push({ timeMs, active: cpu.active, reservedVcpu: cpu.reserved, boundVcpu: cpu.bound, reservedMemoryMb: mem.reserved, boundMemoryMb: mem.bound });
  }

  summary(): ReservationSummary {
    const s = this.service!;
    // INV-F7 at the end of the run: every held accelerator handle belongs to a live lease (one scan of the devices).
    const held = s.accHoldProblem();
    if (held !== null) throw new InvariantViolation("INV-F7", held);
    const leases = this.specs.map((spec) => {
      const r = s.get(spec.id);
      return { id: spec.id, tenant: spec.tenant, ...leaseOutcome(r), boundAtEnd: r?.bindings.size ?? 0 };
    });
    return { counts: s.stats.counts(), leases, occupancy: this.occupancy, ...(this.forecastRows === undefined ? {} : { forecast: this.forecastRows }) };
  }
}

function request(r: ReservationSpec, flavours: ReadonlyMap<string, FlavourSpec>) {
  return {
    ...leaseRequest(r),
    ...(r.pool === undefined ? {} : { pool: r.pool }),
    ...(r.containers === undefined ? {} : { container: { flavour: flavours.get(r.containers.flavour)!, count: r.containers.count, ...(r.containers.affinity === undefined ? {} : { affinity: r.containers.affinity }) } }),
  };
}
