/**
 * Networks and their subnets (IFA NETWORK and SUBNET, Neutron semantics): a network takes a provider
 * segment from its type's pool; a subnet has a CIDR that overlaps no other subnet of its network, a
 * gateway and allocation pools (allocation-pools.ts), and with DHCP an address on the network's DHCP
 * port (network-addresses.ts). Deleting a network deletes its subnets and DHCP port.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { sortedMetadata } from "../common/change-log.js";
import { decideAddressing } from "./allocation-pools.js";
import { cidrsOverlap, parseCidr } from "./cidr.js";
import { addDhcpAddress, checkDhcpRoom, dropDhcpAddress } from "./network-addresses.js";
import { roomFor } from "./network-pools.js";
import type { CreateNetworkRequest, CreateSubnetRequest } from "./network-requests.js";
import { portPool, segmentPool } from "./network-reservations.js";
import { networkView, subnetView, type NetworkRecord, type SubnetRecord } from "./network-resources.js";
import { notFound, type NetworkStore } from "./network-store.js";
import { RangeAllocator } from "./range-allocator.js";

/** Allocate NETWORK: a segment from its type's pool (EXHAUSTED when none is left, INV-G2); with a reservationId, one of its segments (INV-C3). */
export function createNetwork(store: NetworkStore, req: CreateNetworkRequest): Result<NetworkRecord> {
  const id = `net-${store.nextNo.network}`;
  const pool = req.networkType === "flat" ? undefined : segmentPool(req.networkType);
  if (pool === undefined && req.reservationId !== undefined) return fail(domainError("INVALID_ARGUMENT", "a flat network has no segmentation id to draw from a reservation"));
  const room = pool === undefined ? ok(undefined) : roomFor(store, pool, req.tenantId, 1, req.reservationId);
  if (!room.ok) return room;
  const segment = store.segments.take(req.networkType, id, req);
  if (!segment.ok) return segment;
  store.nextNo.network++;
  const n: NetworkRecord = {
    networkResourceId: id,
    tenantId: req.tenantId,
    name: req.name ?? "",
    networkType: req.networkType,
    ...segment.value,
    isShared: req.isShared ?? false,
    adminStateUp: req.adminStateUp ?? true,
    metadata: sortedMetadata(req.metadata ?? {}),
    subnetIds: [],
    portIds: new Set(),
    dhcpPortId: null,
  };
  store.networks.set(id, n);
  store.changes.write("network", id, "create", null, () => networkView(n));
  if (req.reservationId !== undefined) store.reservations!.consume(req.reservationId, pool!, id, 1);
  return ok(n);
}

/**
 * Allocate SUBNET on a network the tenant owns (FORBIDDEN otherwise, Neutron's network-owner rule):
 * MALFORMED CIDR, CONFLICT when it overlaps another subnet of the network or its pools overlap,
 * EXHAUSTED when DHCP needs an address the pools do not have.
 */
export function createSubnet(store: NetworkStore, req: CreateSubnetRequest): Result<SubnetRecord> {
  const n = store.networks.get(req.networkId);
  if (n === undefined) return notFound("network", req.networkId);
  if (n.tenantId !== req.tenantId) return fail(domainError("FORBIDDEN", `network ${n.networkResourceId} belongs to another tenant`));
  const cidr = parseCidr(req.cidr);
  if (!cidr.ok) return cidr;
  const clash = n.subnetIds.find((sid) => cidrsOverlap(store.subnets.get(sid)!.cidr, cidr.value));
  if (clash !== undefined) return fail(domainError("CONFLICT", `CIDR ${req.cidr} overlaps subnet ${clash} of network ${n.networkResourceId}`));
  const addressing = decideAddressing(cidr.value, req.gatewayIp, req.addressPool);
  if (!addressing.ok) return addressing;
  const s: SubnetRecord = {
    resourceId: `subnet-${store.nextNo.subnet}`,
    networkId: n.networkResourceId,
    tenantId: req.tenantId,
    name: req.name ?? "",
    cidr: cidr.value,
    gateway: addressing.value.gateway,
    isDhcpEnabled: req.isDhcpEnabled ?? true,
    pools: addressing.value.pools,
    addresses: new RangeAllocator(addressing.value.pools),
    metadata: sortedMetadata(req.metadata ?? {}),
  };
  if (s.isDhcpEnabled) {
    const room = checkDhcpRoom(store, n, s);
    if (!room.ok) return room;
  }
  store.nextNo.subnet++;
  store.subnets.set(s.resourceId, s);
  store.subnetTally.add(s.tenantId, 1);
  const before = store.changes.snapshot(() => networkView(n));
  n.subnetIds.push(s.resourceId);
  store.changes.write("subnet", s.resourceId, "create", null, () => subnetView(s));
  store.changes.write("network", n.networkResourceId, "subnet.add", before, () => networkView(n));
  if (s.isDhcpEnabled) addDhcpAddress(store, n, s);
  return ok(s);
}

/** Deletes a subnet: CONFLICT while a port other than the DHCP port has an address on it. */
export function deleteSubnet(store: NetworkStore, subnetId: string): Result<void> {
  const s = store.subnets.get(subnetId);
  if (s === undefined) return notFound("subnet", subnetId);
  const n = store.networks.get(s.networkId)!;
  const holder = store.reservations?.holderOf(portPool(n.networkResourceId));
  if (holder !== undefined) return fail(domainError("CONFLICT", `network ${n.networkResourceId}'s addresses are reserved by ${holder}`));
  for (const portId of n.portIds) {
    const p = store.ports.get(portId)!;
    if (p.deviceOwner !== "network:dhcp" && p.fixedIps.some((f) => f.subnetId === subnetId)) {
      return fail(domainError("CONFLICT", `subnet ${subnetId} has addresses in use by port ${portId}`));
    }
  }
  if (n.dhcpPortId !== null) dropDhcpAddress(store, n, subnetId);
  const before = store.changes.snapshot(() => networkView(n));
  n.subnetIds.splice(n.subnetIds.indexOf(subnetId), 1);
  store.subnets.delete(subnetId);
  store.subnetTally.add(s.tenantId, -1);
  store.changes.write("subnet", subnetId, "delete", store.changes.snapshot(() => subnetView(s)), () => null);
  store.changes.write("network", n.networkResourceId, "subnet.remove", before, () => networkView(n));
  return ok(undefined);
}

/** Deletes a network, its subnets and DHCP port: CONFLICT while other ports live on it (INV-G3). */
export function deleteNetwork(store: NetworkStore, networkId: string): Result<void> {
  const n = store.networks.get(networkId);
  if (n === undefined) return notFound("network", networkId);
  const live = [...n.portIds].find((id) => id !== n.dhcpPortId);
  if (live !== undefined) return fail(domainError("CONFLICT", `network ${networkId} has live port ${live}`));
  const holder = store.reservations?.holderOf(portPool(networkId));
  if (holder !== undefined) return fail(domainError("CONFLICT", `network ${networkId}'s addresses are reserved by ${holder}`));
  for (const subnetId of [...n.subnetIds]) deleteSubnet(store, subnetId);
  store.segments.release(n.networkType, n);
  store.networks.delete(networkId);
  store.reservations?.release(networkId);
  store.changes.write("network", networkId, "delete", store.changes.snapshot(() => networkView(n)), () => null);
  return ok(undefined);
}
