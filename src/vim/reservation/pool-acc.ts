/**
 * Accelerators of a pool reservation (IFA ComputePoolReservation.computeAttributes
 * .accelerationCapability; INV-F7 for pools): the pool asks for `count` servers' worth of handles of
 * a device profile. Admission places them together with the pool's cores and RAM (pool-sets.ts):
 * each chunk says how many sets its host holds, each "slot" being what one server of the profile
 * binds (AccHoldBook's unit). A server of a flavour with that profile drawing from the pool goes to a
 * chunk whose host still holds a slot and takes that slot's handles.
 */
import type { Placement } from "./admission.js";

/** One slot per set, on the chunks' hosts in chunk order; undefined unless the chunks hold exactly `count` sets. */
export function placeAccSlots(count: number, chunks: readonly Placement[]): Placement[] | undefined {
  const out: Placement[] = [];
  for (const chunk of chunks) for (let i = 0; i < (chunk.accSets ?? 0); i++) out.push(chunk);
  return out.length === count ? out : undefined;
}

/** Is this flavour's device profile the one the pool holds handles for (same name)? */
export function usesPoolAccelerators(poolProfile: string | undefined, flavourProfile: string | undefined): boolean {
  return poolProfile !== undefined && poolProfile === flavourProfile;
}
