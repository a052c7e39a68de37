/**
 * Library façade for IFA reservation management (Create / Query / Update / Terminate compute
 * resource reservations), tenant-scoped like quotas: a tenant user reserves for its own tenant (a
 * cloud administrator for any), sees and changes only its own tenant's reservations (another
 * tenant's is NOT_FOUND), with the compute privileges (a reservation is future compute).
 * `routeAllocation` is the hook Allocate uses: a request naming a reservation draws from it (INV-C3),
 * any other request goes to ordinary placement, which can never see held capacity (INV-C2).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { AllocateComputeRequest } from "../compute/compute-service.js";
import type { ServerRecord } from "../compute/server.js";
import type { Affinity } from "../reservation/admission.js";
import { reservationView, type ReservationRecord, type ReservationRequest } from "../reservation/reservation.js";
import type { ReservationUpdate } from "../reservation/reservation-service.js";
import type { Caller } from "./guard.js";
import { createStorageReservation, queryStorageReservations, terminateStorageReservations, updateStorageReservation, type CreateStorageReservationInput } from "./storage-reservation-api.js";
import { createNetworkReservation, queryNetworkReservations, terminateNetworkReservations, updateNetworkReservation, type CreateNetworkReservationInput } from "./network-reservation-api.js";
import type { VimCore } from "./vim-core.js";
import type { LeaseInput } from "./lease-input.js";

export type ReservationView = Record<string, unknown>;

/** Create's input at the façade: a container reservation names a flavour of the catalogue. */
export interface CreateReservationInput extends LeaseInput {
  readonly pool?: ReservationRequest["pool"];
  readonly container?: { readonly flavourId: string; readonly count: number; readonly affinity?: Affinity };
  /** CreateStorageResourceReservation instead: GB (and a volume count) of the zone's backend. */
  readonly storagePool?: CreateStorageReservationInput["storagePool"];
  /** CreateNetworkResourceReservation instead: public IPs, ports of a network, segmentation ids. */
  readonly network?: CreateNetworkReservationInput["network"];
}

/** Update's change; `storagePool` and `network` apply to storage and network reservations. */
export type UpdateReservationInput = Omit<ReservationUpdate, "container"> & {
  readonly container?: CreateReservationInput["container"];
  readonly storagePool?: CreateStorageReservationInput["storagePool"];
  readonly network?: CreateNetworkReservationInput["network"];
};

type AllocationOutcome = { servers: ServerRecord[]; error: string | undefined; reasons: ReadonlyMap<string, number> | undefined };

const notConfigured = () => fail(domainError("NOT_FOUND", "reservation management is not configured in this VIM"));

/** Allocate's placement step: through the reservation when the request names one, else ordinary placement. */
export function routeAllocation(core: VimCore, reservationId: string | undefined, req: AllocateComputeRequest): Result<AllocationOutcome> {
  if (reservationId === undefined) return ok(core.compute.allocate(req));
  if (core.reservations === undefined) return notConfigured();
  const r = core.reservations.allocateBound(reservationId, req);
  if (!r.ok) return r;
  const failure = r.value.failure;
  return ok({ servers: r.value.servers, error: failure?.message, reasons: failure === undefined ? undefined : new Map(Object.entries(failure.detail ?? {})) });
}

export class ReservationApi {
  constructor(private readonly core: VimCore) {}

  /** CreateComputeResourceReservation: see ReservationService.create for the refusals. */
  create(caller: Caller, input: CreateReservationInput): Result<ReservationView> {
    const kinds = [input.pool ?? input.container, input.storagePool, input.network].filter((k) => k !== undefined).length;
    if (kinds > 1) return fail(domainError("INVALID_ARGUMENT", "a reservation asks for compute, storage or network, one of them"));
    if (input.storagePool !== undefined) return createStorageReservation(this.core, caller, { ...input, storagePool: input.storagePool });
    if (input.network !== undefined) return createNetworkReservation(this.core, caller, { ...input, network: input.network });
    const service = this.core.reservations;
    if (service === undefined) return notConfigured();
    const who = this.core.guard.owner(caller, "compute:create", input.tenantId);
    if (!who.ok) return who;
    const container = this.container(input.container);
    if (!container.ok) return container;
    const { tenantId: _t, container: _c, ...rest } = input;
    const r = service.create({ ...rest, tenantId: who.value.tenantId, ...(container.value === undefined ? {} : { container: container.value }) });
    return r.ok ? ok(this.view(r.value)) : r;
  }

  /** QueryComputeResourceReservation: the caller's tenant's (every tenant's for a cloud administrator). */
  query(caller: Caller, filter: { readonly reservationId?: string } = {}): Result<ReservationView[]> {
    const service = this.core.reservations;
    if (service === undefined && this.core.storageReservations === undefined && this.core.networkReservations === undefined) return notConfigured();
    const p = this.core.guard.permit(caller, "compute:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "compute:list");
    const compute = (service?.query({ ...filter, ...(scope === undefined ? {} : { tenantId: scope }) }) ?? []).map((r) => this.view(r));
    // Storage reservations (ReservedVirtualStorage) follow the compute ones.
    return ok([...compute, ...queryStorageReservations(this.core, caller, filter), ...queryNetworkReservations(this.core, caller, filter)]);
  }

  /** UpdateComputeResourceReservation: absent fields unchanged; NOT_FOUND for another tenant's. */
  update(caller: Caller, reservationId: string, change: UpdateReservationInput): Result<ReservationView> {
    const { storagePool, network, ...times } = change;
    const otherKind = this.core.storageReservations?.get(reservationId) ?? this.core.networkReservations?.get(reservationId);
    if (otherKind !== undefined && (change.pool !== undefined || change.container !== undefined)) return fail(domainError("INVALID_ARGUMENT", `reservation ${reservationId} is not a compute reservation: it has no pool or containers`));
    const other = updateStorageReservation(this.core, caller, reservationId, { ...times, ...(storagePool === undefined ? {} : { storagePool }) }) ?? updateNetworkReservation(this.core, caller, reservationId, { ...times, ...(network === undefined ? {} : { network }) });
    if (other !== undefined) return other;
    if (storagePool !== undefined || network !== undefined) return fail(domainError("NOT_FOUND", `reservation ${reservationId} does not exist`));
    const service = this.core.reservations;
    if (service === undefined) return notConfigured();
    const p = this.core.guard.reach(caller, "compute:update", `reservation ${reservationId}`, service.get(reservationId)?.tenantId);
    if (!p.ok) return p;
    const container = this.container(change.container);
    if (!container.ok) return container;
    const { container: _c, storagePool: _s, network: _n, ...rest } = change;
    const r = service.update(reservationId, { ...rest, ...(container.value === undefined ? {} : { container: container.value }) });
    return r.ok ? ok(this.view(r.value)) : r;
  }

  /** TerminateComputeResourceReservation, best effort: the ids terminated (another tenant's are skipped). */
  terminate(caller: Caller, reservationIds: readonly string[]): Result<string[]> {
    const service = this.core.reservations;
    if (service === undefined && this.core.storageReservations === undefined && this.core.networkReservations === undefined) return notConfigured();
    const p = this.core.guard.permit(caller, "compute:delete");
    if (!p.ok) return p;
    const visible = reservationIds.filter((id) => this.core.guard.reach(caller, "compute:delete", `reservation ${id}`, service?.get(id)?.tenantId).ok);
    const storage = terminateStorageReservations(this.core, caller, reservationIds);
    const network = terminateNetworkReservations(this.core, caller, reservationIds);
    return ok([...(service?.terminateMany(visible) ?? []), ...storage, ...network]);
  }

  private container(c: CreateReservationInput["container"]): Result<ReservationRequest["container"]> {
    if (c === undefined) return ok(undefined);
    const flavour = this.core.flavours.flavour(c.flavourId);
    if (flavour === undefined) return fail(domainError("NOT_FOUND", `flavour ${c.flavourId} does not exist`));
    return ok({ flavour, count: c.count, ...(c.affinity === undefined ? {} : { affinity: c.affinity }) });
  }

  private view(r: ReservationRecord): ReservationView {
    const zones = this.core.nfvi.topology.zones;
    return reservationView(r, (h) => this.core.nfvi.hostId(h), (h) => zones[this.core.nfvi.zoneIndexOf(h)]!.id);
  }
}
