/**
 * The network resources the VIM keeps (IFA VirtualNetwork, NetworkSubnet, VirtualNetworkPort and the
 * Neutron trunk), and their IFA views for queries and log snapshots. Every resource carries its owner
 * tenant (`tenantId`, the IFA resourceGroupId / OpenStack project), so tenant isolation can be enforced.
 */
import { formatCidr, formatIp, type Cidr, type IpVersion } from "./cidr.js";
import type { RangeAllocator, ValueRange } from "./range-allocator.js";

/** Provider network types the twin models (IFA NetworkSegmentType, lower case as Neutron writes them). */
export const NETWORK_TYPES = ["flat", "vlan", "vxlan"] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

export interface NetworkRecord {
  readonly networkResourceId: string;
  readonly tenantId: string;
  name: string;
  readonly networkType: NetworkType;
  /** VLAN id / VNI; null for flat networks. */
  readonly segmentationId: number | null;
  /** The physical network a flat network occupies alone; null otherwise. */
  readonly physicalNetwork: string | null;
  readonly isShared: boolean;
  adminStateUp: boolean;
  metadata: Readonly<Record<string, string>>;
  /** Subnet ids, in creation order. */
  readonly subnetIds: string[];
  /** Live port ids on the network (the DHCP port included), in creation order. */
  readonly portIds: Set<string>;
  /** The network's DHCP port (Neutron's one per network), when a DHCP-enabled subnet exists. */
  dhcpPortId: string | null;
}

export interface SubnetRecord {
  readonly resourceId: string;
  readonly networkId: string;
  readonly tenantId: string;
  name: string;
  readonly cidr: Cidr;
  readonly gateway: bigint | null;
  readonly isDhcpEnabled: boolean;
  readonly pools: readonly ValueRange[];
  /** The addresses of the pools, lowest free first. */
  readonly addresses: RangeAllocator;
  metadata: Readonly<Record<string, string>>;
}

export interface FixedIp {
  readonly subnetId: string;
  readonly address: bigint;
}

/** Who owns a port: a compute's vNIC, the network's DHCP service, or nothing yet. */
export type DeviceOwner = "" | "compute" | "network:dhcp";

export interface PortRecord {
  readonly resourceId: string;
  readonly networkId: string;
  readonly tenantId: string;
  name: string;
  readonly macAddress: string;
  fixedIps: FixedIp[];
  /** The compute the port is bound to (IFA attachedResourceId); at most one (INV-G3). */
  attachedResourceId: string | null;
  deviceOwner: DeviceOwner;
  adminStateUp: boolean;
  metadata: Readonly<Record<string, string>>;
  /** The trunk this port is the parent of, or a sub-port of. */
  trunkId: string | null;
}

export interface SubPort {
  readonly portId: string;
  readonly segmentationType: "vlan";
  readonly segmentationId: number;
}

export interface TrunkRecord {
  readonly trunkId: string;
  readonly tenantId: string;
  name: string;
  readonly parentPortId: string;
  subPorts: SubPort[];
  adminStateUp: boolean;
  metadata: Readonly<Record<string, string>>;
}

/** The IFA VirtualNetwork view. */
export function networkView(n: NetworkRecord): Record<string, unknown> {
  return {
    networkResourceId: n.networkResourceId,
    networkResourceName: n.name,
    tenantId: n.tenantId,
    networkType: n.networkType,
    segmentationId: n.segmentationId,
    physicalNetwork: n.physicalNetwork,
    isShared: n.isShared,
    adminStateUp: n.adminStateUp,
    operationalState: n.adminStateUp ? "ENABLED" : "DISABLED",
    subnetId: [...n.subnetIds],
    networkPort: [...n.portIds],
    metadata: n.metadata,
  };
}

/** The IFA NetworkSubnet view (addresses as canonical text). */
export function subnetView(s: SubnetRecord): Record<string, unknown> {
  const ip = (v: bigint): string => formatIp(v, s.cidr.ipVersion);
  return {
    resourceId: s.resourceId,
    networkId: s.networkId,
    name: s.name,
    tenantId: s.tenantId,
    ipVersion: s.cidr.ipVersion satisfies IpVersion,
    cidr: formatCidr(s.cidr),
    gatewayIp: s.gateway === null ? null : ip(s.gateway),
    isDhcpEnabled: s.isDhcpEnabled,
    addressPool: s.pools.map((p) => ({ start: ip(p.first), end: ip(p.last) })),
    usedAddresses: s.addresses.usedCount,
    metadata: s.metadata,
  };
}

/** The IFA VirtualNetworkPort view; `ipVersionOf` gives each fixed IP's family. */
export function portView(p: PortRecord, ipVersionOf: (subnetId: string) => IpVersion): Record<string, unknown> {
  return {
    resourceId: p.resourceId,
    networkId: p.networkId,
    name: p.name,
    tenantId: p.tenantId,
    macAddress: p.macAddress,
    fixedIps: p.fixedIps.map((f) => ({ subnetId: f.subnetId, ipAddress: formatIp(f.address, ipVersionOf(f.subnetId)) })),
    attachedResourceId: p.attachedResourceId,
    deviceOwner: p.deviceOwner,
    portType: p.trunkId === null ? "access" : "trunk",
    trunkId: p.trunkId,
    adminStateUp: p.adminStateUp,
    operationalState: p.adminStateUp ? "ENABLED" : "DISABLED",
    metadata: p.metadata,
  };
}

/** The Neutron trunk view. */
export function trunkView(t: TrunkRecord): Record<string, unknown> {
  return {
    trunkId: t.trunkId,
    name: t.name,
    tenantId: t.tenantId,
    parentPortId: t.parentPortId,
    subPorts: t.subPorts.map((s) => ({ ...s })),
    adminStateUp: t.adminStateUp,
    metadata: t.metadata,
  };
}
