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

/** A network lease's amounts now (its ReservedVirtualNetwork view), with the call's amounts over them. */
function networkChange(ctx: CallContext, c: CallOf<"updateReservation">): ReservationChange["network"] {
  const n = c;
  if (n.publicIps === undefined && n.ports === undefined && n.segments === undefined) return undefined;
  const seen = ctx.vim.reservations.query(ctx.caller, { reservationId: c.reservation });
  const v = (seen.ok ? seen.value[0] : undefined) as { numPublicIps?: number; networkPorts?: { networkId: string | null; numPorts: number }; networkAttributes?: { segmentType: "vlan" | "vxlan" | null; numSegments: number } } | undefined;
  const positive = (x: number | undefined): number | undefined => (x === undefined || x === 0 ? undefined : x);
  const ports = n.ports ?? positive(v?.networkPorts?.numPorts);
  const segments = n.segments ?? positive(v?.networkAttributes?.numSegments);
  return {
    ...opt("numPublicIps", n.publicIps ?? positive(v?.numPublicIps)),
    ...(ports === undefined ? {} : { numPorts: ports, ...opt("networkId", v?.networkPorts?.networkId ?? undefined) }),
    ...(segments === undefined ? {} : { numSegments: segments, ...opt("segmentType", v?.networkAttributes?.segmentType ?? undefined) }),
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
  updateReservation: (ctx, c) => ctx.vim.reservations.update(ctx.caller, c.reservation, { ...changeOf(c), ...opt("network", networkChange(ctx, c)) }),
  terminateReservation: (ctx, c) => terminate(ctx, c.reservation),
};

