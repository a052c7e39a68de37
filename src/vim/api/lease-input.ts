/** What every Create of a reservation takes at the façade, whatever it reserves (compute, storage, network). */
import type { ReclaimPolicy } from "../reservation/reservation.js";

export interface LeaseInput {
  /** The tenant reserved for (a cloud administrator may name any; default: the caller's). */
  readonly tenantId?: string;
  readonly reservationId?: string;
  readonly zoneId?: string;
  readonly startMs?: number;
  readonly endMs?: number;
  readonly expiryMs?: number;
  /** Lead of the before-end warning (INV-C8); 0: none. Absent: 60 min for compute and network leases, none for storage. */
  readonly beforeEndLeadMs?: number;
  readonly reclaim?: ReclaimPolicy;
}
