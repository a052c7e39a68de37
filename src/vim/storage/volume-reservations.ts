/**
 * What the storage service asks of storage reservations (IFA CreateStorageResourceReservation), when
 * its VIM has them: how many GB of a zone ordinary volumes must leave free (INV-C2), and whether a
 * volume naming a reservation may draw from it (INV-C3). Declared here so the storage service knows
 * only this interface, not the reservation service behind it.
 */
import type { Result } from "../../domain/index.js";

export interface VolumeReservations {
  /** GB of `zoneId` held for reservations from now on and not yet consumed by their volumes (C2). */
  heldGb(zoneId: string): number;
  /** May a volume of `sizeGb` (a new one, or the growth of one already bound) draw from the reservation? */
  admit(reservationId: string, tenantId: string, zoneId: string, sizeGb: number, newVolume: boolean): Result<void>;
  /** The volume `storageId` now draws `sizeGb` more from the reservation (after `admit`). */
  consume(reservationId: string, storageId: string, sizeGb: number, newVolume: boolean): void;
  /** The volume `storageId` was deleted: what it drew goes back to its reservation (if still bound). */
  release(storageId: string): void;
  /** Is the volume drawing from a reservation now (its growth then draws from it too)? */
  boundTo(storageId: string): string | undefined;
}
