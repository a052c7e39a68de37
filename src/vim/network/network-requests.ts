/**
 * The inputs of the network operations (IFA AllocateVirtualisedNetworkResource's typeNetworkData,
 * typeSubnetData, typeNetworkPortData, typeTrunkData; Update's update*Data; Query's filter), and the
 * pure filter match used by the queries.
 */
import { metadataMatches } from "../common/change-log.js";
import type { AddressPoolText } from "./allocation-pools.js";
import type { NetworkType } from "./network-resources.js";

export interface CreateNetworkRequest {
  readonly tenantId: string;
  readonly name?: string;
  readonly networkType: NetworkType;
  /** A provider segmentation id to take instead of the lowest free one. */
  readonly segmentationId?: number;
  /** The physical network of a flat network (default: the first configured one). */
  readonly physicalNetwork?: string;
  readonly isShared?: boolean;
  /** IFA reservationId: the segment is drawn from this network reservation (INV-C3). */
  readonly reservationId?: string;
  readonly adminStateUp?: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface CreateSubnetRequest {
  readonly tenantId: string;
  readonly networkId: string;
  readonly name?: string;
  readonly cidr: string;
  /** The gateway; null for none; omitted for the first host address (Neutron's default). */
  readonly gatewayIp?: string | null;
  /** Default true, as Neutron's enable_dhcp. */
  readonly isDhcpEnabled?: boolean;
  /** Allocation pools; omitted for everything usable but the gateway. */
  readonly addressPool?: readonly AddressPoolText[];
  readonly metadata?: Readonly<Record<string, string>>;
}

/** One requested fixed IP: an address on `subnetId`, the given one or the lowest free. */
export interface FixedIpRequest {
  readonly subnetId: string;
  readonly ipAddress?: string;
}

export interface CreatePortRequest {
  readonly tenantId: string;
  readonly networkId: string;
  readonly name?: string;
  /** One address per entry; omitted for one address on every subnet of the network. */
  readonly fixedIps?: readonly FixedIpRequest[];
  readonly adminStateUp?: boolean;
  /** IFA reservationId: the port's addresses are drawn from this network reservation (INV-C3). */
  readonly reservationId?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface SubPortRequest {
  readonly portId: string;
  /** VLAN id the sub-port's traffic is tagged with inside the trunk (1..4094). */
  readonly segmentationId: number;
}

export interface CreateTrunkRequest {
  readonly tenantId: string;
  readonly parentPortId: string;
  readonly name?: string;
  readonly subPorts?: readonly SubPortRequest[];
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * UpdateVirtualisedNetworkResource: name, metadata and admin state may change. Fundamental
 * attributes (the IFA "create a new resource instead" ones) are listed so a request naming them is
 * refused with INVALID_ARGUMENT rather than silently ignored.
 */
export interface UpdateNetworkResourceData {
  readonly name?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly removeMetadata?: readonly string[];
  readonly adminStateUp?: boolean;
  readonly cidr?: string;
  readonly ipVersion?: string;
  readonly networkId?: string;
  readonly networkType?: string;
  readonly segmentationId?: number;
  readonly macAddress?: string;
  readonly gatewayIp?: string | null;
  readonly addressPool?: readonly AddressPoolText[];
  readonly isDhcpEnabled?: boolean;
}

/** The attributes of UpdateNetworkResourceData the twin refuses to change in place. */
export const FUNDAMENTAL_ATTRIBUTES = [
  "cidr",
  "ipVersion",
  "networkId",
  "networkType",
  "segmentationId",
  "macAddress",
  "gatewayIp",
  "addressPool",
  "isDhcpEnabled",
] as const satisfies ReadonlyArray<keyof UpdateNetworkResourceData>;

/** QueryVirtualisedNetworkResource's filter; every given field must match. */
export interface NetworkResourceFilter {
  readonly tenantId?: string;
  readonly ids?: readonly string[];
  readonly name?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Subnets and ports: the network they belong to. */
  readonly networkId?: string;
  /** Ports: the compute they are bound to. */
  readonly attachedResourceId?: string;
}

/** The fields every network resource has, as the filter reads them. */
export interface Filterable {
  readonly tenantId: string;
  readonly name: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly networkId?: string;
  readonly attachedResourceId?: string | null;
}

/** Does a resource with id `id` match every given field of `filter`? */
export function matchesNetworkFilter(id: string, r: Filterable, filter: NetworkResourceFilter): boolean {
  if (filter.tenantId !== undefined && r.tenantId !== filter.tenantId) return false;
  if (filter.ids !== undefined && !filter.ids.includes(id)) return false;
  if (filter.name !== undefined && r.name !== filter.name) return false;
  if (filter.networkId !== undefined && r.networkId !== filter.networkId) return false;
  if (filter.attachedResourceId !== undefined && r.attachedResourceId !== filter.attachedResourceId) return false;
  return metadataMatches(r.metadata, filter.metadata);
}
