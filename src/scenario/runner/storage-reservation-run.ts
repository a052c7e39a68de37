/**
 * Storage reservations in a scenario run (the runner's one hook for them): builds the run's storage
 * service (each zone's backend) with the StorageReservationService over it, requests the static
 * leases at their times (HIGH priority: before the calls of the same millisecond), and builds the
 * summary's `storageReservations` section. A scenario without storage entries gets none of it.
 */
import { HIGH, type Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import { StorageReservationService, StorageService, type ReservationCounts } from "../../vim/index.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { leaseOutcome, leaseRequest } from "./lease-run.js";
import { ZONE_STORAGE_GB, type StorageReservationSpec } from "../resolve/storage-reservations.js";

/** summary.json `storageReservations` (present only when the scenario has storage reservations). */
export interface StorageReservationSummary {
  /** The compute reservations' counts, with volumes bound in place of servers (storage has no warning or holds). */
  readonly counts: Omit<ReservationCounts, "serversBound" | "beforeEndWarnings" | "holdShortfalls"> & {
    readonly volumesBound: number;
    /** Present when some storage lease asks for the before-end warning (INV-C8). */
    readonly beforeEndWarnings?: number;
  };
  /** Each static storage reservation at the end of the run, in file order. */
  readonly leases: ReadonlyArray<{ readonly id: string; readonly tenant: string; readonly zone: string; readonly gigabytes: number; readonly status: string; readonly lease: string; readonly used: boolean; readonly volumesBound: number; readonly boundGbAtEnd: number }>;
}

export class StorageReservationRun {
  private constructor(
    private readonly specs: readonly StorageReservationSpec[],
    readonly storage: StorageService,
    readonly service: StorageReservationService,
  ) {}

  /** The hook of a run with its leases scheduled, or undefined when its scenario has no storage reservations. */
  static of(spec: RunSpec, sim: Simulation, log: EventLog): StorageReservationRun | undefined {
    const specs = spec.storageReservations;
    if (specs === undefined) return undefined;
    const storage = new StorageService(sim, log, spec.model.zones.map((z) => ({ zoneId: z.id, capacityGb: ZONE_STORAGE_GB })));
    const service = new StorageReservationService(sim, storage, log);
    for (const r of specs) sim.scheduleAt(r.atMs, () => service.create(request(r)), undefined, HIGH);
    return new StorageReservationRun(specs, storage, service);
  }

  summary(): StorageReservationSummary {
    const c = this.service.stats.counts();
    const warns = this.specs.some((s) => s.beforeEndLeadMs !== undefined) ? { beforeEndWarnings: c.beforeEndWarnings } : {};
    const counts = { admitted: c.admitted, refusedByKind: c.refusedByKind, volumesBound: c.serversBound, consumptionRefusedByKind: c.consumptionRefusedByKind, expired: c.expired, ended: c.ended, terminated: c.terminated, reclaimedDeleted: c.reclaimedDeleted, reclaimedKept: c.reclaimedKept, ...warns };
    const leases = this.specs.map((spec) => {
      const r = this.service.get(spec.id);
      return { id: spec.id, tenant: spec.tenant, zone: spec.zone, gigabytes: r?.storagePool.storageSizeGb ?? spec.gigabytes, ...leaseOutcome(r), volumesBound: r?.volumesBound ?? 0, boundGbAtEnd: r?.boundGb ?? 0 };
    });
    return { counts, leases };
  }
}

function request(r: StorageReservationSpec) {
  return {
    ...leaseRequest(r),
    zoneId: r.zone,
    storagePool: { storageSizeGb: r.gigabytes, ...(r.volumes === undefined ? {} : { numVolumes: r.volumes }) },
  };
}
