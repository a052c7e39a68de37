/**
 * IFA 005/006 virtualised network resources management with Neutron semantics: networks with a
 * provider segment, subnets with a CIDR, gateway, allocation pools and DHCP, ports with a MAC and
 * fixed IPs bound to at most one compute, trunks, and public IPs drawn from pools that network
 * reservations may hold. Operations are instantaneous at library level; expected failures are
 * returned as values, and every state change is one log record. This class is the service's face:
 * the operations live in network-subnets.ts, network-ports.ts (addresses: network-addresses.ts),
 * network-trunks.ts and network-pools.ts, all over one shared set of records (network-store.ts).
 *
 * Address accounting: a DHCP-enabled subnet puts one address on the network's DHCP port (Neutron's
 * one port per network, device_owner network:dhcp), taken when the subnet is created; the DHCP port
 * goes away with the last DHCP-enabled subnet or with the network.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { sortedMetadata, type ChangeLog, type Clock } from "../common/change-log.js";
import { formatIp } from "./cidr.js";
import { checkNetworkInvariants } from "./network-invariants.js";
import * as pools from "./network-pools.js";
import * as portOps from "./network-ports.js";
import {
  FUNDAMENTAL_ATTRIBUTES,
  matchesNetworkFilter,
  type CreateNetworkRequest,
  type CreatePortRequest,
  type CreateSubnetRequest,
  type CreateTrunkRequest,
  type NetworkResourceFilter,
  type SubPortRequest,
  type UpdateNetworkResourceData,
} from "./network-requests.js";
import type { NetworkReservations } from "./network-reservations.js";
import { networkView, subnetView, trunkView, type NetworkRecord, type PortRecord, type SubnetRecord, type TrunkRecord } from "./network-resources.js";
import { NetworkStore, notFound } from "./network-store.js";
import * as subnetOps from "./network-subnets.js";
import * as trunkOps from "./network-trunks.js";
import { DEFAULT_PUBLIC_POOL, type PublicIpPoolConfig, type PublicIpRecord } from "./public-ips.js";
import { DEFAULT_SEGMENTATION, type SegmentationConfig } from "./segmentation-pools.js";

export class NetworkService {
  private readonly store: NetworkStore;
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;

  constructor(
    clock: Clock,
    log: EventLog,
    /** The segmentation types and ranges it offers (IFA network resource information). */
    readonly segmentation: SegmentationConfig = DEFAULT_SEGMENTATION,
    /** The external network's public IP pool (floating IPs). */
    publicPool: PublicIpPoolConfig = DEFAULT_PUBLIC_POOL,
  ) {
    this.store = new NetworkStore(clock, log, segmentation, publicPool);
    this.changes = this.store.changes;
  }

  /** Network reservations decide what ordinary and bound allocations may take (reservation/network-reservation-service.ts). */
  useReservations(reservations: NetworkReservations): void {
    this.store.reservations = reservations;
  }

  /** Allocate NETWORK: a segment from its type's pool (EXHAUSTED when none is left, INV-G2); with a reservationId, one of its segments (INV-C3). */
  createNetwork(req: CreateNetworkRequest): Result<NetworkRecord> {
    return subnetOps.createNetwork(this.store, req);
  }

  /** Allocate SUBNET on a network the tenant owns, with its addressing and DHCP (network-subnets.ts). */
  createSubnet(req: CreateSubnetRequest): Result<SubnetRecord> {
    return subnetOps.createSubnet(this.store, req);
  }

  /** Allocate PORT on a network: a MAC and fixed IPs, all or nothing (network-ports.ts). */
  createPort(req: CreatePortRequest): Result<PortRecord> {
    return portOps.createPort(this.store, req);
  }

  /** Binds a port to a compute (a vNIC): CONFLICT when it is bound already or is a trunk sub-port (INV-G3). */
  bindPort(portId: string, computeId: string): Result<PortRecord> {
    return portOps.bindPort(this.store, portId, computeId);
  }

  /** Unbinds a port: WRONG_STATE when it is not bound. */
  unbindPort(portId: string): Result<PortRecord> {
    return portOps.unbindPort(this.store, portId);
  }

  /** Unbinds every port of a compute (its termination, INV-J1); the port ids, in creation order. */
  unbindCompute(computeId: string): string[] {
    return portOps.unbindCompute(this.store, computeId);
  }

  /** Deletes a port and frees its addresses (INV-J2); CONFLICT while it is part of a trunk. */
  deletePort(portId: string): Result<void> {
    return portOps.deletePort(this.store, portId);
  }

  /** Deletes a subnet: CONFLICT while a port other than the DHCP port has an address on it. */
  deleteSubnet(subnetId: string): Result<void> {
    return subnetOps.deleteSubnet(this.store, subnetId);
  }

  /** Deletes a network, its subnets and DHCP port: CONFLICT while other ports live on it (INV-G3). */
  deleteNetwork(networkId: string): Result<void> {
    return subnetOps.deleteNetwork(this.store, networkId);
  }

  /**
   * UpdateVirtualisedNetworkResource: name, metadata and admin state of any network resource;
   * INVALID_ARGUMENT for fundamental attributes (IFA: create a new resource instead).
   */
  update(resourceId: string, data: UpdateNetworkResourceData): Result<void> {
    const fundamental = FUNDAMENTAL_ATTRIBUTES.filter((a) => data[a] !== undefined);
    if (fundamental.length > 0) return fail(domainError("INVALID_ARGUMENT", `${fundamental.join(", ")} cannot change in place: create a new resource instead`));
    const target = this.resolve(resourceId);
    if (target === undefined) return notFound("network resource", resourceId);
    const { entity, record, view } = target;
    if (data.adminStateUp !== undefined && !("adminStateUp" in record)) return fail(domainError("INVALID_ARGUMENT", `a ${entity} has no admin state`));
    const before = this.store.changes.snapshot(view);
    if (data.name !== undefined) record.name = data.name;
    if (data.adminStateUp !== undefined && "adminStateUp" in record) record.adminStateUp = data.adminStateUp;
    if (data.metadata !== undefined || data.removeMetadata !== undefined) {
      const next: Record<string, string> = { ...record.metadata, ...data.metadata };
      for (const key of data.removeMetadata ?? []) delete next[key];
      record.metadata = sortedMetadata(next);
    }
    this.store.changes.write(entity, resourceId, "update", before, view);
    return ok(undefined);
  }

  network(id: string): Readonly<NetworkRecord> | undefined {
    return this.store.networks.get(id);
  }
  subnet(id: string): Readonly<SubnetRecord> | undefined {
    return this.store.subnets.get(id);
  }
  port(id: string): Readonly<PortRecord> | undefined {
    return this.store.ports.get(id);
  }

  /** Query NETWORK: live networks matching `filter`, in creation order. */
  queryNetworks(filter: NetworkResourceFilter = {}): Readonly<NetworkRecord>[] {
    return [...this.store.networks.values()].filter((n) => matchesNetworkFilter(n.networkResourceId, n, filter));
  }
  /** Query SUBNET, in creation order. */
  querySubnets(filter: NetworkResourceFilter = {}): Readonly<SubnetRecord>[] {
    return [...this.store.subnets.values()].filter((s) => matchesNetworkFilter(s.resourceId, s, filter));
  }
  /** Query PORT, in creation order. */
  queryPorts(filter: NetworkResourceFilter = {}): Readonly<PortRecord>[] {
    return [...this.store.ports.values()].filter((p) => matchesNetworkFilter(p.resourceId, p, filter));
  }

  /** The tenant's live ports, subnets and public IPs, as kept (the quota items port, subnet, floatingip). */
  tenantCounts(tenantId: string): { readonly port: number; readonly subnet: number; readonly floatingip: number } {
    return { port: this.store.portTally.of(tenantId), subnet: this.store.subnetTally.of(tenantId), floatingip: this.store.publicIps.countOf(tenantId) };
  }

  /** A port's fixed IPs as text ("10.0.0.5"), in the order they were requested. */
  addressesOf(portId: string): string[] {
    const p = this.store.ports.get(portId);
    return p === undefined ? [] : p.fixedIps.map((f) => formatIp(f.address, this.store.ipVersionOf(f.subnetId)));
  }

  /** INV-G1/G2/J2 over every live network, subnet, port and public IP (network-invariants.ts); reads only. */
  checkInvariants(): void {
    checkNetworkInvariants({
      networks: [...this.store.networks.values()],
      subnets: this.store.subnets,
      ports: [...this.store.ports.values()],
      publicIps: this.store.publicIps.query(undefined),
      segmentation: this.segmentation,
      segmentsInUse: (type) => this.store.segments.inUse(type),
    });
  }

  /** Segmentation ids in use per type, ascending (INV-G2 checks). */
  segmentationIdsInUse(type: "vlan" | "vxlan"): number[] {
    return this.store.segments.inUse(type);
  }

  /**
   * TerminateVirtualisedNetworkResource over a list, best effort (IFA): trunks first, then ports,
   * subnets and networks, so a list holding a whole topology terminates in one call. Returns the ids
   * actually terminated, in the order given.
   */
  terminate(resourceIds: readonly string[]): string[] {
    const done = new Set<string>();
    const rank = (id: string): number => (this.store.trunks.has(id) ? 0 : this.store.ports.has(id) ? 1 : this.store.subnets.has(id) ? 2 : 3);
    const ordered = [...new Set(resourceIds)].map((id, i) => ({ id, i, r: rank(id) })).sort((a, b) => a.r - b.r || a.i - b.i);
    for (const { id } of ordered) if (this.deleteAny(id).ok) done.add(id);
    return resourceIds.filter((id, i) => done.has(id) && resourceIds.indexOf(id) === i);
  }

  /** Deletes a resource of any network type by id. */
  deleteAny(resourceId: string): Result<void> {
    if (this.store.trunks.has(resourceId)) return this.deleteTrunk(resourceId);
    if (this.store.ports.has(resourceId)) return this.deletePort(resourceId);
    if (this.store.subnets.has(resourceId)) return this.deleteSubnet(resourceId);
    if (this.store.networks.has(resourceId)) return this.deleteNetwork(resourceId);
    return notFound("network resource", resourceId);
  }

  // ---- public IPs and pools (network reservations, network-pools.ts) ------------------------

  /** Allocates a public IP of the external network (EXHAUSTED when the pool is empty; C2/C3 with reservations). */
  allocatePublicIp(req: { readonly tenantId: string; readonly portId?: string; readonly reservationId?: string }): Result<Readonly<PublicIpRecord>> {
    return pools.allocatePublicIp(this.store, req);
  }

  /** Releases a public IP to the pool. */
  releasePublicIp(publicIpId: string): Result<void> {
    return pools.releasePublicIp(this.store, publicIpId);
  }

  publicIp(id: string): Readonly<PublicIpRecord> | undefined {
    return this.store.publicIps.get(id);
  }

  /** The live public IPs (of a tenant), in allocation order. */
  queryPublicIps(filter: { readonly tenantId?: string } = {}): Readonly<PublicIpRecord>[] {
    return this.store.publicIps.query(filter.tenantId);
  }

  /** How many items `pool` holds in all (see network-reservations.ts); undefined for a network that does not exist. */
  poolCapacity(pool: string): number | undefined {
    return pools.poolCapacity(this.store, pool);
  }

  /** Items of `pool` in use now, bound to reservations or not. */
  poolInUse(pool: string): number {
    return pools.poolInUse(this.store, pool);
  }

  /** Reclaims a resource at the end of its reservation (INV-C5, delete policy): a public IP is released, a port or network deleted. */
  reclaim(resourceId: string): Result<void> {
    return this.store.publicIps.get(resourceId) !== undefined ? this.releasePublicIp(resourceId) : this.deleteAny(resourceId);
  }

  /** Allocate TRUNK (network-trunks.ts has the rules). */
  createTrunk(req: CreateTrunkRequest): Result<TrunkRecord> {
    const fields = { trunkId: `trunk-${this.store.nextNo.trunk}`, tenantId: req.tenantId, parentPortId: req.parentPortId, name: req.name ?? "", subPorts: req.subPorts ?? [], metadata: sortedMetadata(req.metadata ?? {}) };
    const t = trunkOps.createTrunk(this.store, fields);
    if (t.ok) this.store.nextNo.trunk++;
    return t;
  }

  /** Adds sub-ports to a trunk, all or nothing. */
  addSubPorts(trunkId: string, subPorts: readonly SubPortRequest[]): Result<Readonly<TrunkRecord>> {
    return trunkOps.addSubPorts(this.store, trunkId, subPorts);
  }

  /** Removes sub-ports from a trunk. */
  removeSubPorts(trunkId: string, portIds: readonly string[]): Result<Readonly<TrunkRecord>> {
    return trunkOps.removeSubPorts(this.store, trunkId, portIds);
  }

  /** Deletes a trunk; its parent and sub-ports become plain ports again. */
  deleteTrunk(trunkId: string): Result<void> {
    return trunkOps.deleteTrunk(this.store, trunkId);
  }

  trunk(id: string): Readonly<TrunkRecord> | undefined {
    return this.store.trunks.get(id);
  }

  /** Query TRUNK, in creation order. */
  queryTrunks(filter: NetworkResourceFilter = {}): Readonly<TrunkRecord>[] {
    return [...this.store.trunks.values()].filter((t) => matchesNetworkFilter(t.trunkId, t, filter));
  }

  /** The record behind any network resource id, with its log entity and view. */
  private resolve(id: string): { entity: string; record: { name: string; metadata: Readonly<Record<string, string>>; adminStateUp?: boolean }; view: () => unknown } | undefined {
    const n = this.store.networks.get(id);
    if (n !== undefined) return { entity: "network", record: n, view: () => networkView(n) };
    const s = this.store.subnets.get(id);
    if (s !== undefined) return { entity: "subnet", record: s, view: () => subnetView(s) };
    const p = this.store.ports.get(id);
    if (p !== undefined) return { entity: "port", record: p, view: () => this.store.portSnapshot(p) };
    const t = this.store.trunks.get(id);
    if (t !== undefined) return { entity: "trunk", record: t, view: () => trunkView(t) };
    return undefined;
  }
}
