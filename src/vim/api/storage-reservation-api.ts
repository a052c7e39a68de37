/**
 * The storage side of the reservation façade (IFA CreateStorageResourceReservation, Query and
 * Terminate over ReservedVirtualStorage), tenant-scoped like volumes: a tenant user reserves its own
 * tenant's storage (a cloud administrator any tenant's) with the storage privileges, and another
 * tenant's reservation is NOT_FOUND. ReservationApi delegates here for requests with a storage pool.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { storageReservationView, type StoragePoolRequest, type StorageReservationUpdate } from "../reservation/storage-reservation.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";
import type { LeaseInput } from "./lease-input.js";

/** Create's storage form at the façade. */
export interface CreateStorageReservationInput extends LeaseInput {
  readonly storagePool: StoragePoolRequest;
}

const notConfigured = () => fail(domainError("NOT_FOUND", "storage reservation management is not configured in this VIM"));

/** CreateStorageResourceReservation: INVALID_ARGUMENT without a zone, else what the service refuses. */
export function createStorageReservation(core: VimCore, caller: Caller, input: CreateStorageReservationInput): Result<Record<string, unknown>> {
  const service = core.storageReservations;
  if (service === undefined) return notConfigured();
  const who = core.guard.owner(caller, "storage:create", input.tenantId);
  if (!who.ok) return who;
  if (input.zoneId === undefined) return fail(domainError("INVALID_ARGUMENT", "a storage reservation names the zone whose backend it reserves"));
  if (input.reservationId !== undefined && (core.reservations?.get(input.reservationId) ?? core.networkReservations?.get(input.reservationId)) !== undefined) return fail(domainError("CONFLICT", `reservation ${input.reservationId} already exists`));
  const { tenantId: _t, zoneId, ...rest } = input;
  const r = service.create({ ...rest, zoneId, tenantId: who.value.tenantId });
  return r.ok ? ok(storageReservationView(r.value)) : r;
}

/** The caller's storage reservations (every tenant's for a cloud administrator), in creation order. */
export function queryStorageReservations(core: VimCore, caller: Caller, filter: { readonly reservationId?: string }): Record<string, unknown>[] {
  const service = core.storageReservations;
  const p = core.guard.permit(caller, "storage:list");
  if (service === undefined || !p.ok) return [];
  const scope = core.guard.scope(p.value, "storage:list");
  return service.query({ ...filter, ...(scope === undefined ? {} : { tenantId: scope }) }).map(storageReservationView);
}

/** Terminates the storage reservations among `ids` the caller reaches; the ids terminated. */
export function terminateStorageReservations(core: VimCore, caller: Caller, ids: readonly string[]): string[] {
  const service = core.storageReservations;
  if (service === undefined) return [];
  const mine = [...new Set(ids)].filter((id) => service.get(id) !== undefined && core.guard.reach(caller, "storage:delete", `reservation ${id}`, service.get(id)!.tenantId).ok);
  return mine.filter((id) => service.terminate(id).ok);
}

/** UpdateStorageResourceReservation on a reservation the caller reaches; undefined when `id` is not a storage reservation. */
export function updateStorageReservation(core: VimCore, caller: Caller, id: string, change: StorageReservationUpdate): Result<Record<string, unknown>> | undefined {
  const service = core.storageReservations;
  const r = service?.get(id);
  if (service === undefined || r === undefined) return undefined;
  const p = core.guard.reach(caller, "storage:update", `reservation ${id}`, r.tenantId);
  if (!p.ok) return p;
  const u = service.update(id, change);
  return u.ok ? ok(storageReservationView(u.value)) : u;
}
