/**
 * The network side of the reservation façade (IFA Create / Query / Update / Terminate
 * NetworkResourceReservation over ReservedVirtualNetwork), tenant-scoped like networks: a tenant user
 * reserves for its own tenant (a cloud administrator for any) with the network privileges, ports only
 * on a network it can reach, and another tenant's reservation is NOT_FOUND. ReservationApi delegates
 * here for requests with a network form.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { NetworkReservationAmounts } from "../reservation/network-reservation.js";
import type { NetworkReservationUpdate } from "../reservation/network-reservation-service.js";
import { sees, type Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";
import type { LeaseInput } from "./lease-input.js";

/** Create's network form at the façade. */
export interface CreateNetworkReservationInput extends LeaseInput {
  readonly network: NetworkReservationAmounts;
}

const notConfigured = () => fail(domainError("NOT_FOUND", "network reservation management is not configured in this VIM"));

/** Is `id` taken by a reservation of another kind (ids are one namespace at the façade)? */
const takenElsewhere = (core: VimCore, id: string | undefined): boolean => id !== undefined && (core.reservations?.get(id) !== undefined || core.storageReservations?.get(id) !== undefined);

/** CreateNetworkResourceReservation: NOT_FOUND for ports on a network the caller cannot reach, else what the service refuses. */
export function createNetworkReservation(core: VimCore, caller: Caller, input: CreateNetworkReservationInput): Result<Record<string, unknown>> {
  const service = core.networkReservations;
  if (service === undefined) return notConfigured();
  const who = core.guard.owner(caller, "network:create", input.tenantId);
  if (!who.ok) return who;
  const networkId = input.network.networkId;
  const n = networkId === undefined ? undefined : core.network.network(networkId);
  if (networkId !== undefined && (n === undefined || (!n.isShared && !sees(who.value.principal, "network:create", n.tenantId)))) return fail(domainError("NOT_FOUND", `network ${networkId} does not exist`));
  if (takenElsewhere(core, input.reservationId)) return fail(domainError("CONFLICT", `reservation ${input.reservationId} already exists`));
  const { tenantId: _t, ...rest } = input;
  const r = service.create({ ...rest, tenantId: who.value.tenantId });
  return r.ok ? ok(service.viewOf(r.value)) : r;
}

/** The caller's network reservations (every tenant's for a cloud administrator), in creation order. */
export function queryNetworkReservations(core: VimCore, caller: Caller, filter: { readonly reservationId?: string }): Record<string, unknown>[] {
  const service = core.networkReservations;
  const p = core.guard.permit(caller, "network:list");
  if (service === undefined || !p.ok) return [];
  const scope = core.guard.scope(p.value, "network:list");
  return service.query({ ...filter, ...(scope === undefined ? {} : { tenantId: scope }) }).map((r) => service.viewOf(r));
}

/** UpdateNetworkResourceReservation on a reservation the caller reaches; undefined when `id` is not a network reservation. */
export function updateNetworkReservation(core: VimCore, caller: Caller, id: string, change: NetworkReservationUpdate): Result<Record<string, unknown>> | undefined {
  const service = core.networkReservations;
  const r = service?.get(id);
  if (service === undefined || r === undefined) return undefined;
  const p = core.guard.reach(caller, "network:update", `reservation ${id}`, r.tenantId);
  if (!p.ok) return p;
  const u = service.update(id, change);
  return u.ok ? ok(service.viewOf(u.value)) : u;
}

/** Terminates the network reservations among `ids` the caller reaches; the ids terminated. */
export function terminateNetworkReservations(core: VimCore, caller: Caller, ids: readonly string[]): string[] {
  const service = core.networkReservations;
  if (service === undefined) return [];
  const mine = [...new Set(ids)].filter((id) => service.get(id) !== undefined && core.guard.reach(caller, "network:delete", `reservation ${id}`, service.get(id)!.tenantId).ok);
  return mine.filter((id) => service.terminate(id).ok);
}
