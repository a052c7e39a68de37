/**
 * Library façade for IFA virtualised resources information management: the consumable resource types
 * (compute from the flavours, network segmentation types, storage backends) for any caller who may
 * list that kind of resource, and the resource zones (QueryResourceZone, Or-Vi: cloud administrators
 * only). Flavour changes are announced as InformationChangeNotifications (flavour-catalogue.ts).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import {
  computeInformation,
  networkInformation,
  resourceZones,
  storageInformation,
  type ResourceZone,
  type VirtualComputeResourceInformation,
  type VirtualNetworkResourceInformation,
  type VirtualStorageResourceInformation,
} from "../information/resource-information.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class InformationApi {
  constructor(private readonly core: VimCore) {}

  /** QueryVirtualisedComputeResourceInformation, optionally of one compute resource type (flavour id). */
  queryCompute(caller: Caller, filter: { readonly computeResourceTypeId?: string } = {}): Result<VirtualComputeResourceInformation[]> {
    const p = this.core.guard.permit(caller, "flavour:list");
    if (!p.ok) return p;
    const all = computeInformation(this.core.nfvi, this.core.flavours.list());
    return ok(filter.computeResourceTypeId === undefined ? all : all.filter((i) => i.computeResourceTypeId === filter.computeResourceTypeId));
  }

  /** QueryVirtualisedNetworkResourceInformation: the segmentation types and their ranges. */
  queryNetwork(caller: Caller): Result<VirtualNetworkResourceInformation[]> {
    const p = this.core.guard.permit(caller, "network:list");
    return p.ok ? ok(networkInformation(this.core.network.segmentation)) : p;
  }

  /** QueryVirtualisedStorageResourceInformation: one volume type per zone backend. */
  queryStorage(caller: Caller): Result<VirtualStorageResourceInformation[]> {
    const p = this.core.guard.permit(caller, "storage:list");
    if (!p.ok) return p;
    const storage = this.core.storage;
    return ok(storageInformation(storage.zoneIds().map((zoneId) => ({ zoneId, capacityGb: storage.backendUsage(zoneId)!.capacityGb }))));
  }

  /** QueryResourceZone: the availability zones and whether they take servers (cloud administrators). */
  queryZones(caller: Caller): Result<ResourceZone[]> {
    const p = this.core.guard.permit(caller, "tenant:list");
    if (!p.ok) return p;
    if (this.core.guard.scope(p.value, "tenant:list") !== undefined) return fail(domainError("FORBIDDEN", "resource zones are for cloud administrators", { "not cloud-scoped": 1 }));
    return ok(resourceZones(this.core.nfvi));
  }
}
