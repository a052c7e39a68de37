/**
 * The compute reservation invariants (ifa-digest §5 C): every lease's statuses are an allowed Blazar
 * combination (INV-C6); only an ACTIVE lease has servers bound, and never more than it reserved, class
 * by class (INV-C3); the hold book's bound amounts are exactly the leases' bindings, and what is held
 * and bound on a host is part of what its ledger says is used, so no hold exceeds what the host has
 * (INV-C1, with INV-A1); accelerator handles held for reservations agree with the table (INV-F7).
 * Reads only; throws InvariantViolation on the first break.
 */
import { invariant, RESOURCE_CLASS_COUNT, RESOURCE_CLASSES } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { HoldBook } from "./hold-book.js";
import { isAllowedCombination } from "./reservation-machine.js";
import type { ReservationRecord } from "./reservation.js";

const C = RESOURCE_CLASS_COUNT;

export interface ReservationInvariantView {
  readonly nfvi: NfviState;
  readonly leases: ReadonlyArray<ReservationRecord>;
  readonly holds: HoldBook;
  /** AccHoldBook.problem over the live leases (null when sound). */
  readonly accHoldProblem: string | null;
}

export function checkReservationInvariants(view: ReservationInvariantView): void {
  const { nfvi } = view;
  const bound = new Float64Array(nfvi.hostCount * C);
  for (const r of view.leases) {
    const s = r.status;
    invariant(isAllowedCombination(s), "INV-C6", () => `reservation ${r.reservationId}: lease ${s.lease} with reservation ${s.reservation}, start ${s.startEvent}, end ${s.endEvent}`);
    invariant(r.bindings.size === 0 || s.lease === "ACTIVE" || s.lease === "UPDATING", "INV-C3", () => `reservation ${r.reservationId} is ${s.lease} with ${r.bindings.size} servers bound`);
    const reserved = new Float64Array(C);
    const taken = new Float64Array(C);
    for (const p of r.placements) for (let c = 0; c < C; c++) reserved[c]! += p.amounts[c]!;
    for (const b of r.bindings.values()) {
      for (let c = 0; c < C; c++) {
        taken[c]! += b.amounts[c]!;
        bound[b.host * C + c]! += b.amounts[c]!;
      }
    }
    for (let c = 0; c < C; c++) {
      invariant(taken[c]! <= reserved[c]!, "INV-C3", () => `reservation ${r.reservationId}: ${taken[c]} ${RESOURCE_CLASSES[c]} bound, ${reserved[c]} reserved`);
    }
  }
  for (let h = 0; h < nfvi.hostCount; h++) {
    for (let c = 0; c < C; c++) {
      const held = view.holds.heldOn(h, c);
      const inBook = view.holds.boundOn(h, c);
      const where = `${nfvi.hostId(h)}/${RESOURCE_CLASSES[c]}`;
      invariant(inBook === bound[h * C + c], "INV-C3", () => `${where}: the hold book counts ${inBook} bound, the leases' bindings ${bound[h * C + c]}`);
      invariant(held >= 0 && held + inBook <= nfvi.used(h, c), "INV-C1", () => `${where}: ${held} held and ${inBook} bound, but the ledger uses ${nfvi.used(h, c)}`);
    }
  }
  const acc = view.accHoldProblem;
  invariant(acc === null, "INV-F7", () => acc!);
}
