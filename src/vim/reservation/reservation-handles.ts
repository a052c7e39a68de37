/**
 * Accelerator handles held for compute reservations (INV-F7, acc-hold.ts): a container's slots of a
 * device-profile flavour, or a pool's accelerationCapability as admission placed its sets
 * (pool-sets.ts, pool-acc.ts). Bound servers take their slot's handles and give them back when they
 * go; what a reservation still holds is freed when it ends. Each change is one `accHold` record.
 */
import { domainError, fail, ok, type DeviceProfile, type Result } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { AccHoldBook } from "./acc-hold.js";
import type { Placement } from "./admission.js";
import { placeAccSlots } from "./pool-acc.js";
import type { PoolSets } from "./pool-sets.js";
import type { ReservationLog } from "./reservation-log.js";
import type { ReservationStats } from "./reservation-stats.js";
import type { PoolAcceleration, ReservationRecord } from "./reservation.js";

type Groups = DeviceProfile["groups"] | undefined;

export class ReservationHandles {
  readonly accHolds: AccHoldBook;

  constructor(
    nfvi: NfviState,
    private readonly rlog: ReservationLog,
    private readonly stats: ReservationStats,
  ) {
    this.accHolds = new AccHoldBook(nfvi.accelerators);
  }

  /** Admission's per-host slot limit by free matching handles, when the flavour asks for accelerators. */
  slotLimit(groups: Groups): { slotLimit?: (h: number, most: number) => number } {
    return this.accHolds.applies(groups) ? { slotLimit: (h, most) => this.accHolds.slotsFree(h, groups, most) } : {};
  }

  /** A pool with accelerators places its sets with its cores, by the hosts' free sets of its profile (pool-sets.ts). */
  poolSets(acc: PoolAcceleration | undefined): { poolSets?: PoolSets } {
    if (acc === undefined || !this.accHolds.applies(acc.deviceProfile.groups)) return {};
    const groups = acc.deviceProfile.groups;
    return { poolSets: { count: acc.count, setsFree: (h, most) => this.accHolds.slotsFree(h, groups, most) } };
  }

  /**
   * Holds the handles of a reservation (INV-F7): a container's slots, or a pool's accelerationCapability
   * as admission placed them with its chunks (NO_VALID_HOST without accelerators in the cloud).
   */
  holdFor(id: string, tenantId: string, groups: Groups, acc: PoolAcceleration | undefined, placements: readonly Placement[]): Result<void> {
    if (acc === undefined) return this.holdHandles(id, tenantId, groups, placements);
    const slots = this.accHolds.applies(acc.deviceProfile.groups) ? placeAccSlots(acc.count, placements) : undefined;
    // Admission placed the sets whenever the cloud has accelerators; without any, none can be held.
    if (slots === undefined) return fail(domainError("NO_VALID_HOST", `reservation ${id}: no ${acc.count} free sets of device profile ${acc.deviceProfile.name} in the cloud`, { "insufficient accelerator sets": 1 }));
    return this.holdHandles(id, tenantId, acc.deviceProfile.groups, slots);
  }

  /** Holds handles for the placements an update admitted (or, refused, the old ones again). */
  rehold(r: ReservationRecord, groups: Groups, acc: PoolAcceleration | undefined, placements: Placement[]): Result<Placement[]> {
    const held = this.holdFor(r.reservationId, r.tenantId, groups, acc, placements);
    return held.ok ? ok(placements) : held;
  }

  /** Sets aside the handles of every slot (INV-F7); NO_VALID_HOST with the reason when a host lacks them. */
  private holdHandles(id: string, tenantId: string, groups: Groups, placements: readonly Placement[]): Result<void> {
    if (!this.accHolds.applies(groups)) return ok(undefined);
    const problem = this.accHolds.hold(id, groups, placements);
    if (problem !== null) return fail(domainError("NO_VALID_HOST", `reservation ${id}: ${problem}`, { [problem]: 1 }));
    this.rlog.write("accHold", id, "hold", null, () => ({ handles: this.accHolds.view(id) }), tenantId);
    return ok(undefined);
  }

  /** Frees the held handles of these slots for the servers about to bind them; false when none are held. */
  take(r: ReservationRecord, slots: readonly number[]): boolean {
    if (!this.accHolds.has(r.reservationId)) return false;
    const before = { handles: this.accHolds.view(r.reservationId) };
    for (const slot of slots) this.accHolds.take(r.reservationId, slot);
    this.rlog.write("accHold", r.reservationId, "take", before, () => ({ handles: this.accHolds.view(r.reservationId) }), r.tenantId);
    return true;
  }

  /** Holds the handles of these slots again (their servers are gone); a shortfall is counted and logged. */
  restore(r: ReservationRecord, slots: readonly number[]): void {
    const before = { handles: this.accHolds.view(r.reservationId) };
    let short = 0;
    for (const slot of slots) if (!this.accHolds.restore(r.reservationId, slot)) short++;
    if (short > 0) this.stats.shortfall();
    this.rlog.write("accHold", r.reservationId, short > 0 ? "restore.shortfall" : "restore", before, () => ({ handles: this.accHolds.view(r.reservationId), shortSlots: short }), r.tenantId);
  }

  /** C4/C5/C9 for handles: what the reservation still holds is free in this step. */
  free(r: ReservationRecord): void {
    if (!this.accHolds.has(r.reservationId)) return;
    const before = { handles: this.accHolds.view(r.reservationId) };
    this.accHolds.releaseAll(r.reservationId);
    this.rlog.write("accHold", r.reservationId, "free", before, () => ({ handles: [] }), r.tenantId);
  }
}
