/**
 * What the compute, storage and network reservation hooks of a run share: the Create request fields
 * of a static lease (its id, tenant, zone, times and reclaim policy), and a lease's outcome at the end
 * of the run for the summary's rows.
 */
import type { LeaseSpecBase } from "../resolve/reservations.js";

/** The Create fields of a static lease, times absolute (the run starts at 0). */
export function leaseRequest(r: LeaseSpecBase & { readonly zone?: string | undefined; readonly beforeEndLeadMs?: number | undefined }) {
  return {
    reservationId: r.id,
    tenantId: r.tenant,
    ...(r.zone === undefined ? {} : { zoneId: r.zone }),
    startMs: r.startMs,
    ...(r.endMs === undefined ? {} : { endMs: r.endMs }),
    ...(r.expiryMs === undefined ? {} : { expiryMs: r.expiryMs }),
    ...(r.beforeEndLeadMs === undefined ? {} : { beforeEndLeadMs: r.beforeEndLeadMs }),
    reclaim: r.reclaim,
  };
}

/** A lease's statuses at the end of the run: REFUSED and NONE when it was never admitted. */
export function leaseOutcome(r: { readonly status: { readonly ifa: string; readonly lease: string }; readonly used: boolean } | undefined): { status: string; lease: string; used: boolean } {
  return { status: r?.status.ifa ?? "REFUSED", lease: r?.status.lease ?? "NONE", used: r?.used ?? false };
}
