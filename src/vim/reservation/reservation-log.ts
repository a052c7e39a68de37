/**
 * The record writer of compute reservations: one log record per change (entity `reservation`, holds
 * as `hold`, held accelerator handles as `accHold`) and its change notification, a
 * ReservationChangeNotification (NFVI_OPERATION) through the ChangeNotifier. Views are built only
 * when someone reads content.
 */
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import { changeNotification } from "../change/change-types.js";
import { reservationView, type ReservationRecord } from "./reservation.js";

export class ReservationLog {
  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly log: EventLog,
    private readonly notifier: ChangeNotifier,
  ) {}

  /** The reservation's view for a record, or null when nobody reads content. */
  viewOf(r: ReservationRecord): Record<string, unknown> | null {
    if (!this.log.wantsContent && !this.notifier.active) return null;
    const zones = this.nfvi.topology.zones;
    return reservationView(r, (h) => this.nfvi.hostId(h), (h) => zones[this.nfvi.zoneIndexOf(h)]!.id);
  }

  /** Logs the change `op` of reservation `r` from `before` to its view now. */
  changed(r: ReservationRecord, op: string, before: unknown): void {
    this.write("reservation", r.reservationId, op, before, () => this.viewOf(r), r.tenantId);
  }

  /** One log record and its change notification (ReservationChangeNotification for entity `reservation`). */
  write(entity: string, id: string, op: string, before: unknown, after: () => unknown, tenantId: string | undefined): void {
    const now = this.sim.nowMs;
    const wanted = this.log.wantsContent || this.notifier.active;
    const afterValue = wanted ? after() : null;
    const seq = this.log.wantsContent ? this.log.append(now, entity, id, op, before, afterValue) : this.log.skip(now, entity, id, op);
    if (this.notifier.active) this.notifier.publish(changeNotification(seq, now, entity, id, tenantId, op, before, afterValue, "NFVI_OPERATION"));
  }
}
