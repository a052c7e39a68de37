/**
 * Accelerators of a pool reservation (IFA ComputePoolReservation.computeAttributes
 * .accelerationCapability; INV-F7 for pools): the pool asks for `count` servers' worth of handles of
 * a device profile. They are held where the pool's cores and RAM are: spread over the hosts of its
 * chunks in chunk order, as many per host as its free matching handles allow, each "slot" being what
 * one server of the profile binds (AccHoldBook's unit). A server of a flavour with that profile drawing
 * from the pool goes to a chunk whose host still holds a slot and takes that slot's handles.
 */
import type { AccRequestGroup } from "../../domain/index.js";
import type { AccHoldBook } from "./acc-hold.js";
import type { Placement } from "./admission.js";

/** One slot per handle set to hold, on the chunks' hosts in order; undefined when those hosts lack free handles. */
export function placeAccSlots(book: AccHoldBook, groups: readonly AccRequestGroup[], count: number, chunks: readonly Placement[]): Placement[] | undefined {
  const out: Placement[] = [];
  for (const chunk of chunks) {
    const n = book.slotsFree(chunk.host, groups, count - out.length);
    for (let i = 0; i < n; i++) out.push(chunk);
    if (out.length === count) return out;
  }
  return undefined;
}

/** Is this flavour's device profile the one the pool holds handles for (same name)? */
export function usesPoolAccelerators(poolProfile: string | undefined, flavourProfile: string | undefined): boolean {
  return poolProfile !== undefined && poolProfile === flavourProfile;
}
