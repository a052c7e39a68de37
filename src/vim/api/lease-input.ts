/** What every Create of a reservation takes at the façade, whatever it reserves (compute, storage, network). */
import type { LeaseRequestBase } from "../reservation/reservation.js";

export interface LeaseInput extends LeaseRequestBase {
  /** The tenant reserved for (a cloud administrator may name any; default: the caller's). */
  readonly tenantId?: string;
}
