/**
 * Scenario calls on reservations, through the typed façade (IFA Update / Terminate
 * ...ResourceReservation, one façade for compute, storage and network leases). Terminate is best
 * effort at the façade (the ids it ended); a call that ends nothing is counted with the reason: the
 * caller cannot see the reservation (NOT_FOUND) or it has already ended (WRONG_STATE).
 */
import { domainError, fail, type Result } from "../../domain/index.js";
import type { Vim } from "../../vim/index.js";
import { ms } from "../resolve/distribution.js";
import { opt, type CallContext, type CallHandlers, type CallOf } from "./call-context.js";

/** Update's change at the façade (UpdateReservationInput). */
type ReservationChange = Parameters<Vim["reservations"]["update"]>[2];

const msOf = (d: string | number | undefined): number | undefined => (d === undefined ? undefined : ms(d));

/** The call's change: only the fields it gives (IFA: absent = unchanged). */
function changeOf(c: CallOf<"updateReservation">): ReservationChange {
  return {
    ...opt("startMs", msOf(c.start)),
    ...opt("endMs", msOf(c.end)),
    ...opt("expiryMs", msOf(c.expiry)),
    ...opt("beforeEndLeadMs", msOf(c.beforeEnd)),
    ...opt("pool", c.pool === undefined ? undefined : { numCpuCores: c.pool.cores, virtualMemSizeMb: c.pool.ramMb, numVcInstances: c.pool.instances }),
    ...opt("storagePool", c.storage === undefined ? undefined : { storageSizeGb: c.storage.gigabytes, ...opt("numVolumes", c.storage.volumes) }),
  };
}

function terminate(ctx: CallContext, reservationId: string): Result<string[]> {
  const r = ctx.vim.reservations.terminate(ctx.caller, [reservationId]);
  if (!r.ok || r.value.length > 0) return r;
  const seen = ctx.vim.reservations.query(ctx.caller, { reservationId });
  if (seen.ok && seen.value.length > 0) return fail(domainError("WRONG_STATE", `reservation ${reservationId} has already ended`));
  return seen.ok ? fail(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`)) : seen;
}

export const RESERVATION_HANDLERS: CallHandlers<"updateReservation" | "terminateReservation"> = {
  updateReservation: (ctx, c) => ctx.vim.reservations.update(ctx.caller, c.reservation, changeOf(c)),
  terminateReservation: (ctx, c) => terminate(ctx, c.reservation),
};

