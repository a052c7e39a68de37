/**
 * What compute reservations book on the hosts: each placement's amounts committed in the index over
 * the reservation's window (INV-C1), and each host's hold resized to what its commitments and bound
 * servers leave unheld (hold-book.ts, INV-C2), logged as entity `hold`. Admission reads the books
 * through `view`.
 */
import { domainError, fail, ok, RESOURCE_CLASS_COUNT, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { roomOver, type AdmissionView, type Placement } from "./admission.js";
import { CommitmentIndex } from "./commitment-index.js";
import { HoldBook } from "./hold-book.js";
import type { ReservationLog } from "./reservation-log.js";
import type { ReservationStats } from "./reservation-stats.js";
import type { ReservationRecord, ReservationTimes } from "./reservation.js";

const C = RESOURCE_CLASS_COUNT;

export class ReservationBooking {
  readonly index: CommitmentIndex;
  readonly holds: HoldBook;
  /** Admission's view of the hosts and these books. */
  readonly view: AdmissionView;

  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly rlog: ReservationLog,
    private readonly stats: ReservationStats,
  ) {
    this.index = new CommitmentIndex(nfvi.hostCount);
    this.holds = new HoldBook(nfvi, this.index);
    const zones = new Map(nfvi.topology.zones.map((z) => [z.id, z.hosts] as const));
    const all = nfvi.topology.hosts.map((_, h) => h);
    this.view = {
      hostCount: nfvi.hostCount,
      capacity: (h, c) => nfvi.capacity(h, c),
      inventory: (h, c) => nfvi.inventory(h, c),
      isUsable: (h) => nfvi.isUsable(h),
      hostsOf: (zoneId) => (zoneId === undefined ? all : zones.get(zoneId as (typeof nfvi.topology.zones)[number]["id"])),
      index: this.index,
      ordinaryUsed: (h, c) => this.holds.ordinaryUsed(h, c),
      roomLowerBound: (h, c) => this.holds.roomLowerBound(h, c),
    };
  }

  /** Commits the reservation's placements over its window and resizes their hosts' holds. */
  book(r: ReservationRecord): void {
    for (const p of r.placements) this.index.add(p.host, { reservationId: r.reservationId, fromMs: r.times.startMs, toMs: r.times.endMs, amounts: p.amounts });
    this.refreshHosts(r.placements.map((p) => p.host));
  }

  /** Withdraws the reservation's commitments and resizes their hosts' holds. */
  unbook(r: ReservationRecord): void {
    const hosts = [...new Set(r.placements.map((p) => p.host))];
    for (const h of hosts) this.index.remove(h, r.reservationId);
    this.refreshHosts(hosts);
  }

  /** The same placements over new times (an ACTIVE reservation's hosts cannot change). */
  refit(placements: readonly Placement[], times: ReservationTimes): Result<Placement[]> {
    const need = new Map<number, Float64Array>();
    for (const p of placements) {
      const v = need.get(p.host) ?? new Float64Array(C);
      for (let c = 0; c < C; c++) v[c]! += p.amounts[c]!;
      need.set(p.host, v);
    }
    const room = new Float64Array(C);
    for (const [h, v] of need) {
      roomOver(this.view, h, this.sim.nowMs, times.endMs, room);
      // Bound servers are not ordinary usage: their amounts are part of v, as the whole reservation's.
      for (let c = 0; c < C; c++) if (v[c]! > room[c]!) return fail(domainError("NO_VALID_HOST", `host ${this.nfvi.hostId(h)} has no room for the reservation over the new window`, { "insufficient capacity over the window": 1 }));
    }
    return ok([...placements]);
  }

  /** Resizes the holds of these hosts (in host order), one `hold` record for each that changed. */
  refreshHosts(hosts: readonly number[]): void {
    for (const h of [...new Set(hosts)].sort((a, b) => a - b)) {
      const change = this.holds.refresh(h, this.sim.nowMs);
      if (change === undefined) continue;
      if (change.shortfall !== undefined) this.stats.shortfall();
      this.rlog.write("hold", this.nfvi.hostId(h), change.shortfall === undefined ? "set" : "set.shortfall", change.before, () => ({ held: change.after, shortfall: change.shortfall ?? null }), undefined);
    }
  }
}
