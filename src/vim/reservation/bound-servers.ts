/**
 * Servers bound to compute reservations (INV-C3): a bound allocation draws its members' amounts from
 * the reservation (binding.ts chooses which part) and sends them to the reserved hosts; a bound
 * server deleted inside the window gives its amounts back to the reservation's hold; at the end the
 * reservation's servers are reclaimed by its policy, deleted like Blazar or kept (INV-C5, C9).
 */
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import type { AllocateComputeRequest, ComputeService } from "../compute/compute-service.js";
import type { ServerRecord } from "../compute/server.js";
import { pickBindings } from "./binding.js";
import type { LeaseBook } from "./lease-book.js";
import { usesPoolAccelerators } from "./pool-acc.js";
import type { ReservationBooking } from "./reservation-booking.js";
import type { ReservationHandles } from "./reservation-handles.js";
import type { ReservationLog } from "./reservation-log.js";
import type { ReservationRouting } from "./reservation-routing.js";
import type { ReservationStats } from "./reservation-stats.js";
import type { Binding, ReservationRecord } from "./reservation.js";

export class BoundServers {
  /** Bound server number → its reservation. */
  private readonly boundServers = new Map<number, ReservationRecord>();
  /** The subscription to server removals, while any server is bound. */
  private feed: string | undefined;

  constructor(
    private readonly compute: ComputeService,
    private readonly routing: ReservationRouting,
    private readonly notifier: ChangeNotifier,
    private readonly leases: LeaseBook<ReservationRecord>,
    private readonly booking: ReservationBooking,
    private readonly handles: ReservationHandles,
    private readonly rlog: ReservationLog,
    private readonly stats: ReservationStats,
  ) {}

  /**
   * A bound AllocateVirtualisedComputeResource (INV-C3): NOT_FOUND for an unknown reservation or
   * another tenant's, WRONG_STATE outside its window (pending, expired, ended, cancelled),
   * INVALID_ARGUMENT for another flavour than a container reservation's, EXHAUSTED when its slots or
   * amounts are used up. Otherwise the members go to their reserved hosts.
   */
  allocate(reservationId: string, req: AllocateComputeRequest): Result<{ servers: ServerRecord[]; failure: DomainError | undefined }> {
    const r = this.leases.get(reservationId);
    const refused = (e: DomainError) => {
      this.stats.consumptionRefused(e.kind);
      return fail(e);
    };
    if (r === undefined || r.tenantId !== req.tenant) return refused(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`));
    if (r.status.ifa !== "ACTIVE") return refused(domainError("WRONG_STATE", `reservation ${reservationId} is ${r.status.ifa}, not ACTIVE`));
    const poolAcc = r.shape.kind === "pool" && usesPoolAccelerators(r.poolAcceleration?.deviceProfile.name, req.flavour.deviceProfile?.name);
    const picked = pickBindings(r, req.flavour, req.bootTimesMs.length, poolAcc ? this.handles.accHolds.heldSlots(r.reservationId) : undefined);
    if (!picked.ok) return refused(picked.error);
    for (const b of picked.value) this.booking.holds.addBound(b.host, b.amounts, 1);
    this.booking.refreshHosts(picked.value.map((b) => b.host));
    // A container server takes its slot's handles; a pool server of the pool's profile, the slot it was given.
    const slots = r.shape.kind === "container" ? picked.value.map((b) => b.placement) : picked.value.flatMap((b) => (b.accSlot === undefined ? [] : [b.accSlot]));
    const taken = slots.length > 0 && this.handles.take(r, slots);
    const result = this.routing.withPins(picked.value.map((b) => b.host), () => this.compute.allocate(req));
    if (result.error !== undefined) {
      if (taken) this.handles.restore(r, slots);
      for (const b of picked.value) this.booking.holds.addBound(b.host, b.amounts, -1);
      this.booking.refreshHosts(picked.value.map((b) => b.host));
      return ok({ servers: result.servers, failure: domainError("NO_VALID_HOST", result.error, Object.fromEntries(result.reasons ?? [])) });
    }
    const before = this.rlog.viewOf(r);
    result.servers.forEach((s, i) => this.bind(r, { ...picked.value[i]!, serverNo: s.no }));
    r.used = true;
    this.stats.consumed(result.servers.length);
    this.rlog.changed(r, "consume", before);
    return ok({ servers: result.servers, failure: undefined });
  }

  /** INV-C5/C9: bound servers are deleted (Blazar) or kept as ordinary usage, by the reservation's policy. */
  reclaim(r: ReservationRecord): void {
    for (const b of [...r.bindings.values()].sort((a, b2) => a.serverNo - b2.serverNo)) {
      this.unbind(r, b);
      if (r.reclaim === "delete") {
        const deleted = this.compute.terminate(b.serverNo);
        if (deleted.ok) this.stats.reclaimed("delete");
      } else this.stats.reclaimed("keep");
    }
  }

  private bind(r: ReservationRecord, b: Binding): void {
    r.bindings.set(b.serverNo, b);
    this.boundServers.set(b.serverNo, r);
    if (this.feed === undefined) {
      this.feed = this.notifier.subscribe({ kinds: ["change"], resourceTypes: ["server"], changeTypes: ["REMOVED"] }, (n) => this.onServerRemoved(n.kind === "change" ? n.virtualisedResourceId : ""));
    }
  }

  /** Drops a binding: its amounts leave `bound` (the hold is refreshed by the caller or below). */
  private unbind(r: ReservationRecord, b: Binding): void {
    r.bindings.delete(b.serverNo);
    this.boundServers.delete(b.serverNo);
    this.booking.holds.addBound(b.host, b.amounts, -1);
    if (this.boundServers.size === 0 && this.feed !== undefined) {
      this.notifier.unsubscribe(this.feed);
      this.feed = undefined;
    }
  }

  /** A bound server was deleted inside the window: its amounts go back to the reservation's hold. */
  private onServerRemoved(computeId: string): void {
    const no = Number(/^vm-(\d+)$/.exec(computeId)?.[1] ?? -1);
    const r = this.boundServers.get(no);
    const b = r?.bindings.get(no);
    if (r === undefined || b === undefined) return;
    const before = this.rlog.viewOf(r);
    this.unbind(r, b);
    this.booking.refreshHosts([b.host]);
    const slot = r.shape.kind === "container" ? b.placement : b.accSlot;
    if (slot !== undefined && this.handles.accHolds.has(r.reservationId)) this.handles.restore(r, [slot]);
    this.rlog.changed(r, "release", before);
  }
}
