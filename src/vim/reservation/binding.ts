/**
 * Which part of a reservation each member of a bound allocation draws from (INV-C3), a pure choice:
 *   - container reservation: one free slot per member, in slot order, and only for the reserved
 *     flavour (Blazar's reservation flavour);
 *   - pool reservation: at most numVcInstances servers in all, each on a chunk whose unused cores and
 *     RAM cover its flavour (first fit in chunk order); the server's other classes (disk) are ordinary.
 * EXHAUSTED when the reservation has too little left; nothing is changed either way.
 */
import { domainError, fail, ok, RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT, type Result } from "../../domain/index.js";
import { readAmounts } from "../../nfvi/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { Binding, ReservationRecord } from "./reservation.js";

const C = RESOURCE_CLASS_COUNT;
export type PendingBinding = Omit<Binding, "serverNo">;

const exhausted = (r: ReservationRecord, what: string): Result<never> =>
  fail(domainError("EXHAUSTED", `reservation ${r.reservationId} has ${what} left`, { "reserved capacity used up": 1 }));

/** The bindings of `count` new servers of `flavour`, or why the reservation cannot take them. */
export function pickBindings(r: ReservationRecord, flavour: FlavourSpec, count: number, accSlots?: Map<number, number[]>): Result<PendingBinding[]> {
  if (r.shape.kind === "container") {
    if (flavour.id !== r.flavourId) return fail(domainError("INVALID_ARGUMENT", `reservation ${r.reservationId} is for flavour ${r.flavourId}, not ${flavour.id}`));
    const taken = new Set([...r.bindings.values()].map((b) => b.placement));
    const free = r.placements.map((_, i) => i).filter((i) => !taken.has(i));
    if (free.length < count) return exhausted(r, `${free.length} of ${r.placements.length} slots`);
    return ok(free.slice(0, count).map((i) => ({ placement: i, host: r.placements[i]!.host, amounts: r.placements[i]!.amounts })));
  }
  if (r.bindings.size + count > r.shape.numVcInstances) return exhausted(r, `${r.shape.numVcInstances - r.bindings.size} of ${r.shape.numVcInstances} instances`);
  const vector = new Float64Array(C);
  readAmounts(flavour.amounts, vector);
  const amounts = new Float64Array(C);
  amounts[RC_VCPU] = vector[RC_VCPU]!;
  amounts[RC_MEMORY_MB] = vector[RC_MEMORY_MB]!;
  const left = r.placements.map((p) => Float64Array.from(p.amounts));
  for (const b of r.bindings.values()) for (let c = 0; c < C; c++) left[b.placement]![c]! -= b.amounts[c]!;
  const out: PendingBinding[] = [];
  // With accelerators held for the flavour's profile, only a chunk whose host still holds a slot (pool-acc.ts).
  const slotsLeft = accSlots === undefined ? undefined : new Map([...accSlots].map(([h, slots]): [number, number[]] => [h, [...slots]]));
  for (let m = 0; m < count; m++) {
    const i = left.findIndex((l, j) => l[RC_VCPU]! >= amounts[RC_VCPU]! && l[RC_MEMORY_MB]! >= amounts[RC_MEMORY_MB]! && (slotsLeft === undefined || (slotsLeft.get(r.placements[j]!.host)?.length ?? 0) > 0));
    if (i < 0) return exhausted(r, slotsLeft === undefined ? "no chunk with room for the flavour" : "no chunk with room and held accelerators for the flavour");
    for (let c = 0; c < C; c++) left[i]![c]! -= amounts[c]!;
    const host = r.placements[i]!.host;
    out.push({ placement: i, host, amounts, ...(slotsLeft === undefined ? {} : { accSlot: slotsLeft.get(host)!.shift()! }) });
  }
  return ok(out);
}
