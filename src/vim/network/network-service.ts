/**
 * IFA 005/006 virtualised network resources management with Neutron semantics: networks with a
 * provider segment, subnets with a CIDR, gateway, allocation pools and DHCP, ports with a MAC and
 * fixed IPs bound to at most one compute, and trunks (rules in network-trunks.ts). Operations are
 * instantaneous at library level; expected failures are returned as values, and every state change
 * is one log record.
 *
 * Address accounting: a DHCP-enabled subnet puts one address on the network's DHCP port (Neutron's
 * one port per network, device_owner network:dhcp), taken when the subnet is created; the DHCP port
 * goes away with the last DHCP-enabled subnet or with the network.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, sortedMetadata, type Clock } from "../common/change-log.js";
import { decideAddressing } from "./allocation-pools.js";
import { formatIp, parseCidr, parseIp, cidrsOverlap, type IpVersion } from "./cidr.js";
import { MacAddresses } from "./mac-addresses.js";
import {
  FUNDAMENTAL_ATTRIBUTES,
  matchesNetworkFilter,
  type CreateNetworkRequest,
  type CreatePortRequest,
  type CreateSubnetRequest,
  type CreateTrunkRequest,
  type FixedIpRequest,
  type NetworkResourceFilter,
  type SubPortRequest,
  type UpdateNetworkResourceData,
} from "./network-requests.js";
import * as trunkOps from "./network-trunks.js";
import { networkView, portView, subnetView, trunkView, type FixedIp, type NetworkRecord, type PortRecord, type SubnetRecord, type TrunkRecord } from "./network-resources.js";
import { checkNetworkInvariants } from "./network-invariants.js";
import { RangeAllocator } from "./range-allocator.js";
import { TenantTally } from "../quota/tenant-tally.js";
import { DEFAULT_SEGMENTATION, SegmentationPools, type SegmentationConfig } from "./segmentation-pools.js";
import { portPool, PUBLIC_IP_POOL, segmentPool, type NetworkReservations } from "./network-reservations.js";
import { DEFAULT_PUBLIC_POOL, PublicIpPool, publicIpView, type PublicIpPoolConfig, type PublicIpRecord } from "./public-ips.js";

const notFound = (what: string, id: string): Result<never> => fail(domainError("NOT_FOUND", `${what} ${id} does not exist`));

export class NetworkService {
  private readonly networks = new Map<string, NetworkRecord>();
  private readonly subnets = new Map<string, SubnetRecord>();
  private readonly ports = new Map<string, PortRecord>();
  /** Compute id → its bound ports' records, so a termination does not scan every port (bench/ccm.bench.ts: 10,000 node VMs). */
  private readonly portsByCompute = new Map<string, Set<PortRecord>>();
  private readonly trunks = new Map<string, TrunkRecord>();
  /** Live ports and subnets per tenant, kept with every create and delete (quota usage in O(1): bench/ccm.bench.ts). */
  private readonly portTally = new TenantTally();
  private readonly subnetTally = new TenantTally();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;
  private readonly segments: SegmentationPools;
  private readonly macs = new MacAddresses();
  private readonly nextNo = { network: 1, subnet: 1, port: 1, trunk: 1 };
  private readonly publicIps: PublicIpPool;
  /** Network reservations, when the VIM has them (absent: every pool is all there is). */
  private reservations: NetworkReservations | undefined;

  constructor(
    clock: Clock,
    log: EventLog,
    /** The segmentation types and ranges it offers (IFA network resource information). */
    readonly segmentation: SegmentationConfig = DEFAULT_SEGMENTATION,
    /** The external network's public IP pool (floating IPs). */
    publicPool: PublicIpPoolConfig = DEFAULT_PUBLIC_POOL,
  ) {
    this.changes = new ChangeLog(clock, log);
    this.segments = new SegmentationPools(segmentation);
    this.publicIps = new PublicIpPool(publicPool);
  }

  /** Network reservations decide what ordinary and bound allocations may take (reservation/network-reservation-service.ts). */
  useReservations(reservations: NetworkReservations): void {
    this.reservations = reservations;
  }

  /** Allocate NETWORK: a segment from its type's pool (EXHAUSTED when none is left, INV-G2); with a reservationId, one of its segments (INV-C3). */
  createNetwork(req: CreateNetworkRequest): Result<NetworkRecord> {
    const id = `net-${this.nextNo.network}`;
    const pool = req.networkType === "flat" ? undefined : segmentPool(req.networkType);
    if (pool === undefined && req.reservationId !== undefined) return fail(domainError("INVALID_ARGUMENT", "a flat network has no segmentation id to draw from a reservation"));
    const room = pool === undefined ? ok(undefined) : this.roomFor(pool, req.tenantId, 1, req.reservationId);
    if (!room.ok) return room;
    const segment = this.segments.take(req.networkType, id, req);
    if (!segment.ok) return segment;
    this.nextNo.network++;
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
    this.networks.set(id, n);
    this.changes.write("network", id, "create", null, () => networkView(n));
    if (req.reservationId !== undefined) this.reservations!.consume(req.reservationId, pool!, id, 1);
    return ok(n);
  }

  /**
   * Allocate SUBNET on a network the tenant owns (FORBIDDEN otherwise, Neutron's network-owner rule):
   * MALFORMED CIDR, CONFLICT when it overlaps another subnet of the network or its pools overlap,
   * EXHAUSTED when DHCP needs an address the pools do not have.
   */
  createSubnet(req: CreateSubnetRequest): Result<SubnetRecord> {
    const n = this.networks.get(req.networkId);
    if (n === undefined) return notFound("network", req.networkId);
    if (n.tenantId !== req.tenantId) return fail(domainError("FORBIDDEN", `network ${n.networkResourceId} belongs to another tenant`));
    const cidr = parseCidr(req.cidr);
    if (!cidr.ok) return cidr;
    const clash = n.subnetIds.find((sid) => cidrsOverlap(this.subnets.get(sid)!.cidr, cidr.value));
    if (clash !== undefined) return fail(domainError("CONFLICT", `CIDR ${req.cidr} overlaps subnet ${clash} of network ${n.networkResourceId}`));
    const addressing = decideAddressing(cidr.value, req.gatewayIp, req.addressPool);
    if (!addressing.ok) return addressing;
    const s: SubnetRecord = {
      resourceId: `subnet-${this.nextNo.subnet}`,
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
      const room = this.checkDhcpRoom(n, s);
      if (!room.ok) return room;
    }
    this.nextNo.subnet++;
    this.subnets.set(s.resourceId, s);
    this.subnetTally.add(s.tenantId, 1);
    const before = this.changes.snapshot(() => networkView(n));
    n.subnetIds.push(s.resourceId);
    this.changes.write("subnet", s.resourceId, "create", null, () => subnetView(s));
    this.changes.write("network", n.networkResourceId, "subnet.add", before, () => networkView(n));
    if (s.isDhcpEnabled) this.addDhcpAddress(n, s);
    return ok(s);
  }

  /**
   * Allocate PORT on a network (NOT_FOUND; FORBIDDEN on another tenant's unshared network): a MAC
   * and one fixed IP per requested subnet, all or nothing (EXHAUSTED when a pool is empty, CONFLICT
   * for an address in use).
   */
  createPort(req: CreatePortRequest): Result<PortRecord> {
    const n = this.networks.get(req.networkId);
    if (n === undefined) return notFound("network", req.networkId);
    if (n.tenantId !== req.tenantId && !n.isShared) return fail(domainError("FORBIDDEN", `network ${n.networkResourceId} is another tenant's and not shared`));
    // Addresses count against reservations only when the VIM has them.
    const need = this.reservations === undefined ? 0 : this.ipv4Need(n, req.fixedIps);
    const room = this.roomFor(portPool(n.networkResourceId), req.tenantId, need, req.reservationId);
    if (!room.ok) return room;
    const fixedIps = req.fixedIps === undefined ? this.takeDefaultAddresses(n) : this.takeAddresses(n, req.fixedIps);
    if (!fixedIps.ok) return fixedIps;
    const mac = this.macs.take();
    if (mac === undefined) {
      this.releaseAddresses(fixedIps.value);
      return fail(domainError("EXHAUSTED", "no MAC address is left"));
    }
    const p = this.addPort(n, { tenantId: req.tenantId, name: req.name ?? "", macAddress: mac, fixedIps: fixedIps.value, deviceOwner: "", adminStateUp: req.adminStateUp ?? true, metadata: sortedMetadata(req.metadata ?? {}) });
    if (req.reservationId !== undefined) this.reservations!.consume(req.reservationId, portPool(n.networkResourceId), p.resourceId, need);
    return ok(p);
  }

  /** Binds a port to a compute (a vNIC): CONFLICT when it is bound already or is a trunk sub-port (INV-G3). */
  bindPort(portId: string, computeId: string): Result<PortRecord> {
    const p = this.ports.get(portId);
    if (p === undefined) return notFound("port", portId);
    if (p.attachedResourceId !== null) return fail(domainError("CONFLICT", `port ${portId} is already bound to ${p.attachedResourceId}`));
    if (p.deviceOwner === "network:dhcp") return fail(domainError("CONFLICT", `port ${portId} is the network's DHCP port`));
    if (p.trunkId !== null && this.trunks.get(p.trunkId)?.parentPortId !== portId) {
      return fail(domainError("CONFLICT", `port ${portId} is a sub-port of trunk ${p.trunkId}: bind its parent`));
    }
    const before = this.changes.snapshot(() => this.portSnapshot(p));
    p.attachedResourceId = computeId;
    const bound = this.portsByCompute.get(computeId);
    if (bound === undefined) this.portsByCompute.set(computeId, new Set([p]));
    else bound.add(p);
    p.deviceOwner = "compute";
    this.changes.write("port", portId, "bind", before, () => this.portSnapshot(p));
    return ok(p);
  }

  /** Unbinds a port: WRONG_STATE when it is not bound. */
  unbindPort(portId: string): Result<PortRecord> {
    const p = this.ports.get(portId);
    if (p === undefined) return notFound("port", portId);
    if (p.attachedResourceId === null) return fail(domainError("WRONG_STATE", `port ${portId} is not bound`));
    const before = this.changes.snapshot(() => this.portSnapshot(p));
    this.forgetBinding(p);
    p.attachedResourceId = null;
    p.deviceOwner = "";
    this.changes.write("port", portId, "unbind", before, () => this.portSnapshot(p));
    return ok(p);
  }

  /** Unbinds every port of a compute (its termination, INV-J1); the port ids, in creation order. */
  unbindCompute(computeId: string): string[] {
    // Creation order is port number order (ids are port-<n>, numbered as made).
    const bound = [...(this.portsByCompute.get(computeId) ?? [])].map((p) => p.resourceId).sort((a, b) => portNo(a) - portNo(b));
    for (const id of bound) this.unbindPort(id);
    return bound;
  }

  /** Drops `p` from its compute's bound ports. */
  private forgetBinding(p: PortRecord): void {
    if (p.attachedResourceId === null) return;
    const bound = this.portsByCompute.get(p.attachedResourceId);
    bound?.delete(p);
    if (bound?.size === 0) this.portsByCompute.delete(p.attachedResourceId);
  }

  /** Deletes a port and frees its addresses (INV-J2); CONFLICT while it is part of a trunk. */
  deletePort(portId: string): Result<void> {
    const p = this.ports.get(portId);
    if (p === undefined) return notFound("port", portId);
    if (p.deviceOwner === "network:dhcp") return fail(domainError("FORBIDDEN", `port ${portId} is owned by the network's DHCP service`));
    if (p.trunkId !== null) return fail(domainError("CONFLICT", `port ${portId} is in use by trunk ${p.trunkId}`));
    this.removePort(p);
    return ok(undefined);
  }

  /** Deletes a subnet: CONFLICT while a port other than the DHCP port has an address on it. */
  deleteSubnet(subnetId: string): Result<void> {
    const s = this.subnets.get(subnetId);
    if (s === undefined) return notFound("subnet", subnetId);
    const n = this.networks.get(s.networkId)!;
    const holder = this.reservations?.holderOf(portPool(n.networkResourceId));
    if (holder !== undefined) return fail(domainError("CONFLICT", `network ${n.networkResourceId}'s addresses are reserved by ${holder}`));
    for (const portId of n.portIds) {
      const p = this.ports.get(portId)!;
      if (p.deviceOwner !== "network:dhcp" && p.fixedIps.some((f) => f.subnetId === subnetId)) {
        return fail(domainError("CONFLICT", `subnet ${subnetId} has addresses in use by port ${portId}`));
      }
    }
    if (n.dhcpPortId !== null) this.dropDhcpAddress(n, subnetId);
    const before = this.changes.snapshot(() => networkView(n));
    n.subnetIds.splice(n.subnetIds.indexOf(subnetId), 1);
    this.subnets.delete(subnetId);
    this.subnetTally.add(s.tenantId, -1);
    this.changes.write("subnet", subnetId, "delete", this.changes.snapshot(() => subnetView(s)), () => null);
    this.changes.write("network", n.networkResourceId, "subnet.remove", before, () => networkView(n));
    return ok(undefined);
  }

  /** Deletes a network, its subnets and DHCP port: CONFLICT while other ports live on it (INV-G3). */
  deleteNetwork(networkId: string): Result<void> {
    const n = this.networks.get(networkId);
    if (n === undefined) return notFound("network", networkId);
    const live = [...n.portIds].find((id) => id !== n.dhcpPortId);
    if (live !== undefined) return fail(domainError("CONFLICT", `network ${networkId} has live port ${live}`));
    const holder = this.reservations?.holderOf(portPool(networkId));
    if (holder !== undefined) return fail(domainError("CONFLICT", `network ${networkId}'s addresses are reserved by ${holder}`));
    for (const subnetId of [...n.subnetIds]) this.deleteSubnet(subnetId);
    this.segments.release(n.networkType, n);
    this.networks.delete(networkId);
    this.reservations?.release(networkId);
    this.changes.write("network", networkId, "delete", this.changes.snapshot(() => networkView(n)), () => null);
    return ok(undefined);
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
    const before = this.changes.snapshot(view);
    if (data.name !== undefined) record.name = data.name;
    if (data.adminStateUp !== undefined && "adminStateUp" in record) record.adminStateUp = data.adminStateUp;
    if (data.metadata !== undefined || data.removeMetadata !== undefined) {
      const next: Record<string, string> = { ...record.metadata, ...data.metadata };
      for (const key of data.removeMetadata ?? []) delete next[key];
      record.metadata = sortedMetadata(next);
    }
    this.changes.write(entity, resourceId, "update", before, view);
    return ok(undefined);
  }

  network(id: string): Readonly<NetworkRecord> | undefined {
    return this.networks.get(id);
  }
  subnet(id: string): Readonly<SubnetRecord> | undefined {
    return this.subnets.get(id);
  }
  port(id: string): Readonly<PortRecord> | undefined {
    return this.ports.get(id);
  }

  /** Query NETWORK: live networks matching `filter`, in creation order. */
  queryNetworks(filter: NetworkResourceFilter = {}): Readonly<NetworkRecord>[] {
    return [...this.networks.values()].filter((n) => matchesNetworkFilter(n.networkResourceId, n, filter));
  }
  /** Query SUBNET, in creation order. */
  querySubnets(filter: NetworkResourceFilter = {}): Readonly<SubnetRecord>[] {
    return [...this.subnets.values()].filter((s) => matchesNetworkFilter(s.resourceId, s, filter));
  }
  /** Query PORT, in creation order. */
  queryPorts(filter: NetworkResourceFilter = {}): Readonly<PortRecord>[] {
    return [...this.ports.values()].filter((p) => matchesNetworkFilter(p.resourceId, p, filter));
  }

  /** The tenant's live ports, subnets and public IPs, as kept (the quota items port, subnet, floatingip). */
  tenantCounts(tenantId: string): { readonly port: number; readonly subnet: number; readonly floatingip: number } {
    return { port: this.portTally.of(tenantId), subnet: this.subnetTally.of(tenantId), floatingip: this.publicIps.countOf(tenantId) };
  }

  /** A port's fixed IPs as text ("10.0.0.5"), in the order they were requested. */
  addressesOf(portId: string): string[] {
    const p = this.ports.get(portId);
    return p === undefined ? [] : p.fixedIps.map((f) => formatIp(f.address, this.ipVersionOf(f.subnetId)));
  }

  /** INV-G1/G2/J2 over every live network, subnet, port and public IP (network-invariants.ts); reads only. */
  checkInvariants(): void {
    checkNetworkInvariants({
      networks: [...this.networks.values()],
      subnets: this.subnets,
      ports: [...this.ports.values()],
      publicIps: this.publicIps.query(undefined),
      segmentation: this.segmentation,
      segmentsInUse: (type) => this.segments.inUse(type),
    });
  }

  /** Segmentation ids in use per type, ascending (INV-G2 checks). */
  segmentationIdsInUse(type: "vlan" | "vxlan"): number[] {
    return this.segments.inUse(type);
  }

  /**
   * TerminateVirtualisedNetworkResource over a list, best effort (IFA): trunks first, then ports,
   * subnets and networks, so a list holding a whole topology terminates in one call. Returns the ids
   * actually terminated, in the order given.
   */
  terminate(resourceIds: readonly string[]): string[] {
    const done = new Set<string>();
    const rank = (id: string): number => (this.trunks.has(id) ? 0 : this.ports.has(id) ? 1 : this.subnets.has(id) ? 2 : 3);
    const ordered = [...new Set(resourceIds)].map((id, i) => ({ id, i, r: rank(id) })).sort((a, b) => a.r - b.r || a.i - b.i);
    for (const { id } of ordered) if (this.deleteAny(id).ok) done.add(id);
    return resourceIds.filter((id, i) => done.has(id) && resourceIds.indexOf(id) === i);
  }

  /** Deletes a resource of any network type by id. */
  deleteAny(resourceId: string): Result<void> {
    if (this.trunks.has(resourceId)) return this.deleteTrunk(resourceId);
    if (this.ports.has(resourceId)) return this.deletePort(resourceId);
    if (this.subnets.has(resourceId)) return this.deleteSubnet(resourceId);
    if (this.networks.has(resourceId)) return this.deleteNetwork(resourceId);
    return notFound("network resource", resourceId);
  }

  // ---- public IPs and pools (network reservations) -------------------------------------------

  /** Allocates a public IP of the external network (EXHAUSTED when the pool is empty; C2/C3 with reservations). */
  allocatePublicIp(req: { readonly tenantId: string; readonly portId?: string; readonly reservationId?: string }): Result<Readonly<PublicIpRecord>> {
    if (req.portId !== undefined && this.ports.get(req.portId)?.tenantId !== req.tenantId) return notFound("port", req.portId);
    const room = this.roomFor(PUBLIC_IP_POOL, req.tenantId, 1, req.reservationId);
    if (!room.ok) return room;
    const allocated = this.publicIps.allocate(req.tenantId, req.portId ?? null);
    if (!allocated.ok) return allocated;
    const f = allocated.value;
    this.changes.write("publicIp", f.publicIpId, "create", null, () => publicIpView(f));
    if (req.reservationId !== undefined) this.reservations!.consume(req.reservationId, PUBLIC_IP_POOL, f.publicIpId, 1);
    return ok(f);
  }

  /** Releases a public IP to the pool. */
  releasePublicIp(publicIpId: string): Result<void> {
    const f = this.publicIps.get(publicIpId);
    if (f === undefined) return notFound("public IP", publicIpId);
    const before = this.changes.snapshot(() => publicIpView(f));
    this.publicIps.remove(publicIpId);
    this.changes.write("publicIp", publicIpId, "delete", before, () => null);
    this.reservations?.release(publicIpId);
    return ok(undefined);
  }

  publicIp(id: string): Readonly<PublicIpRecord> | undefined {
    return this.publicIps.get(id);
  }

  /** The live public IPs (of a tenant), in allocation order. */
  queryPublicIps(filter: { readonly tenantId?: string } = {}): Readonly<PublicIpRecord>[] {
    return this.publicIps.query(filter.tenantId);
  }

  /** How many items `pool` holds in all (see network-reservations.ts); undefined for a network that does not exist. */
  poolCapacity(pool: string): number | undefined {
    if (pool === PUBLIC_IP_POOL) return this.publicIps.size;
    if (pool === segmentPool("vlan") || pool === segmentPool("vxlan")) return this.segments.size(pool === segmentPool("vlan") ? "vlan" : "vxlan");
    const n = this.networks.get(pool.slice("port:".length));
    return n === undefined ? undefined : this.ipv4Subnets(n).reduce((sum, s) => sum + Number(s.addresses.size), 0);
  }

  /** Items of `pool` in use now, bound to reservations or not. */
  poolInUse(pool: string): number {
    if (pool === PUBLIC_IP_POOL) return this.publicIps.usedCount;
    if (pool === segmentPool("vlan") || pool === segmentPool("vxlan")) return this.segments.usedCount(pool === segmentPool("vlan") ? "vlan" : "vxlan");
    const n = this.networks.get(pool.slice("port:".length));
    return n === undefined ? 0 : this.ipv4Subnets(n).reduce((sum, s) => sum + s.addresses.usedCount, 0);
  }

  /** Reclaims a resource at the end of its reservation (INV-C5, delete policy): a public IP is released, a port or network deleted. */
  reclaim(resourceId: string): Result<void> {
    return this.publicIps.get(resourceId) !== undefined ? this.releasePublicIp(resourceId) : this.deleteAny(resourceId);
  }

  /**
   * Can `count` items of `pool` be taken: from the reservation when one is named (INV-C3), else from
   * what reservations do not hold from now on (INV-C2, EXHAUSTED).
   */
  private roomFor(pool: string, tenantId: string, count: number, reservationId: string | undefined): Result<void> {
    if (reservationId !== undefined) return this.reservations === undefined ? notFound("reservation", reservationId) : this.reservations.admit(reservationId, tenantId, pool, count);
    const held = this.reservations?.held(pool) ?? 0;
    if (held <= 0 || count === 0) return ok(undefined);
    const free = (this.poolCapacity(pool) ?? 0) - this.poolInUse(pool) - held;
    return count <= free ? ok(undefined) : fail(domainError("EXHAUSTED", `${pool}: ${Math.max(0, free)} free, ${held} held for reservations`));
  }

  private ipv4Subnets(n: NetworkRecord): SubnetRecord[] {
    return n.subnetIds.map((id) => this.subnets.get(id)!).filter((s) => s.cidr.ipVersion === "IPV4");
  }

  /** IPv4 addresses a new port takes: one per requested IPv4 fixed IP, or one when it gets the defaults on a network with IPv4 subnets. */
  private ipv4Need(n: NetworkRecord, fixedIps: readonly FixedIpRequest[] | undefined): number {
    if (fixedIps === undefined) return this.ipv4Subnets(n).length > 0 ? 1 : 0;
    return fixedIps.filter((f) => this.subnets.get(f.subnetId)?.cidr.ipVersion === "IPV4").length;
  }

  /** Allocate TRUNK (network-trunks.ts has the rules). */
  createTrunk(req: CreateTrunkRequest): Result<TrunkRecord> {
    const fields = { trunkId: `trunk-${this.nextNo.trunk}`, tenantId: req.tenantId, parentPortId: req.parentPortId, name: req.name ?? "", subPorts: req.subPorts ?? [], metadata: sortedMetadata(req.metadata ?? {}) };
    const t = trunkOps.createTrunk(this.trunkContext(), fields);
    if (t.ok) this.nextNo.trunk++;
    return t;
  }

  /** Adds sub-ports to a trunk, all or nothing. */
  addSubPorts(trunkId: string, subPorts: readonly SubPortRequest[]): Result<Readonly<TrunkRecord>> {
    return trunkOps.addSubPorts(this.trunkContext(), trunkId, subPorts);
  }

  /** Removes sub-ports from a trunk. */
  removeSubPorts(trunkId: string, portIds: readonly string[]): Result<Readonly<TrunkRecord>> {
    return trunkOps.removeSubPorts(this.trunkContext(), trunkId, portIds);
  }

  /** Deletes a trunk; its parent and sub-ports become plain ports again. */
  deleteTrunk(trunkId: string): Result<void> {
    return trunkOps.deleteTrunk(this.trunkContext(), trunkId);
  }

  trunk(id: string): Readonly<TrunkRecord> | undefined {
    return this.trunks.get(id);
  }

  /** Query TRUNK, in creation order. */
  queryTrunks(filter: NetworkResourceFilter = {}): Readonly<TrunkRecord>[] {
    return [...this.trunks.values()].filter((t) => matchesNetworkFilter(t.trunkId, t, filter));
  }

  private trunkContext(): trunkOps.TrunkContext {
    return { ports: this.ports, trunks: this.trunks, changes: this.changes, portSnapshot: (p) => this.portSnapshot(p) };
  }

  private ipVersionOf(subnetId: string): IpVersion {
    return this.subnets.get(subnetId)?.cidr.ipVersion ?? "IPV4";
  }

  private portSnapshot(p: PortRecord): Record<string, unknown> {
    return portView(p, (sid) => this.ipVersionOf(sid));
  }

  /** Takes one address per request, all or nothing. */
  /**
   * A port created without fixed IPs, as Neutron's IPAM does: one address of each IP version, from
   * the first subnet of that version (in creation order) that still has one; EXHAUSTED when a version
   * present on the network has none left anywhere.
   */
  private takeDefaultAddresses(n: NetworkRecord): Result<FixedIp[]> {
    const taken: FixedIp[] = [];
    for (const version of ["IPV4", "IPV6"] as const) {
      const subnets = n.subnetIds.map((id) => this.subnets.get(id)!).filter((sub) => sub.cidr.ipVersion === version);
      if (subnets.length === 0) continue;
      const withRoom = subnets.find((sub) => sub.addresses.freeCount > 0n);
      const address = withRoom?.addresses.takeLowest();
      if (withRoom === undefined || address === undefined) {
        this.releaseAddresses(taken);
        return fail(domainError("EXHAUSTED", `no free ${version} address is left on network ${n.networkResourceId} (subnets ${subnets.map((sub) => sub.resourceId).join(", ")})`));
      }
      taken.push({ subnetId: withRoom.resourceId, address });
    }
    return ok(taken);
  }

  private takeAddresses(n: NetworkRecord, requests: readonly FixedIpRequest[]): Result<FixedIp[]> {
    const taken: FixedIp[] = [];
    for (const r of requests) {
      const one = this.takeAddress(n, r);
      if (!one.ok) {
        this.releaseAddresses(taken);
        return one;
      }
      taken.push(one.value);
    }
    return ok(taken);
  }

  private takeAddress(n: NetworkRecord, r: FixedIpRequest): Result<FixedIp> {
    const s = this.subnets.get(r.subnetId);
    if (s === undefined) return notFound("subnet", r.subnetId);
    if (s.networkId !== n.networkResourceId) return fail(domainError("INVALID_ARGUMENT", `subnet ${r.subnetId} is not on network ${n.networkResourceId}`));
    if (r.ipAddress === undefined) {
      const address = s.addresses.takeLowest();
      if (address === undefined) return fail(domainError("EXHAUSTED", `no free address is left in the pools of subnet ${s.resourceId}`));
      return ok({ subnetId: s.resourceId, address });
    }
    const parsed = parseIp(r.ipAddress);
    if (!parsed.ok) return parsed;
    if (parsed.value.ipVersion !== s.cidr.ipVersion || !s.addresses.covers(parsed.value.value)) {
      return fail(domainError("INVALID_ARGUMENT", `${r.ipAddress} is not in the allocation pools of subnet ${s.resourceId}`));
    }
    if (!s.addresses.take(parsed.value.value)) return fail(domainError("CONFLICT", `${r.ipAddress} is already allocated on subnet ${s.resourceId}`));
    return ok({ subnetId: s.resourceId, address: parsed.value.value });
  }

  private releaseAddresses(fixedIps: readonly FixedIp[]): void {
    for (const f of fixedIps) this.subnets.get(f.subnetId)?.addresses.release(f.address);
  }

  private addPort(n: NetworkRecord, fields: Omit<PortRecord, "resourceId" | "networkId" | "attachedResourceId" | "trunkId">): PortRecord {
    const p: PortRecord = { resourceId: `port-${this.nextNo.port++}`, networkId: n.networkResourceId, attachedResourceId: null, trunkId: null, ...fields };
    this.ports.set(p.resourceId, p);
    this.portTally.add(p.tenantId, 1);
    n.portIds.add(p.resourceId);
    this.changes.write("port", p.resourceId, "create", null, () => this.portSnapshot(p));
    return p;
  }

  private removePort(p: PortRecord): void {
    const before = this.changes.snapshot(() => this.portSnapshot(p));
    this.releaseAddresses(p.fixedIps);
    this.forgetBinding(p);
    this.ports.delete(p.resourceId);
    this.portTally.add(p.tenantId, -1);
    this.networks.get(p.networkId)?.portIds.delete(p.resourceId);
    this.reservations?.release(p.resourceId);
    this.changes.write("port", p.resourceId, "delete", before, () => null);
  }

  /** Can the network's DHCP port get an address on the new subnet (and a MAC if it is the first)? */
  private checkDhcpRoom(n: NetworkRecord, s: SubnetRecord): Result<void> {
    if (s.addresses.freeCount === 0n) return fail(domainError("EXHAUSTED", `subnet ${s.resourceId} has no address for its DHCP port`));
    if (n.dhcpPortId === null && this.macs.peekExhausted()) return fail(domainError("EXHAUSTED", "no MAC address is left for the DHCP port"));
    return ok(undefined);
  }

  /** Gives the network's DHCP port an address on `s`, creating the port with the first such subnet. */
  private addDhcpAddress(n: NetworkRecord, s: SubnetRecord): void {
    const fixedIp: FixedIp = { subnetId: s.resourceId, address: s.addresses.takeLowest()! };
    if (n.dhcpPortId === null) {
      const fields = { tenantId: n.tenantId, name: "", macAddress: this.macs.take()!, fixedIps: [fixedIp], deviceOwner: "network:dhcp" as const, adminStateUp: true, metadata: {} };
      n.dhcpPortId = this.addPort(n, fields).resourceId;
      return;
    }
    const p = this.ports.get(n.dhcpPortId)!;
    const before = this.changes.snapshot(() => this.portSnapshot(p));
    p.fixedIps = [...p.fixedIps, fixedIp];
    this.changes.write("port", p.resourceId, "fixedIp.add", before, () => this.portSnapshot(p));
  }

  /** Takes the DHCP port's address on a subnet being deleted; the port goes with its last address. */
  private dropDhcpAddress(n: NetworkRecord, subnetId: string): void {
    const p = this.ports.get(n.dhcpPortId!)!;
    const mine = p.fixedIps.filter((f) => f.subnetId === subnetId);
    if (mine.length === 0) return;
    if (mine.length === p.fixedIps.length) {
      this.removePort(p);
      n.dhcpPortId = null;
      return;
    }
    const before = this.changes.snapshot(() => this.portSnapshot(p));
    this.releaseAddresses(mine);
    p.fixedIps = p.fixedIps.filter((f) => f.subnetId !== subnetId);
    this.changes.write("port", p.resourceId, "fixedIp.remove", before, () => this.portSnapshot(p));
  }

  /** The record behind any network resource id, with its log entity and view. */
  private resolve(id: string): { entity: string; record: { name: string; metadata: Readonly<Record<string, string>>; adminStateUp?: boolean }; view: () => unknown } | undefined {
    const n = this.networks.get(id);
    if (n !== undefined) return { entity: "network", record: n, view: () => networkView(n) };
    const s = this.subnets.get(id);
    if (s !== undefined) return { entity: "subnet", record: s, view: () => subnetView(s) };
    const p = this.ports.get(id);
    if (p !== undefined) return { entity: "port", record: p, view: () => this.portSnapshot(p) };
    const t = this.trunks.get(id);
    if (t !== undefined) return { entity: "trunk", record: t, view: () => trunkView(t) };
    return undefined;
}
}

/** The number of a port id port-<n>. */
const portNo = (id: string): number => Number(id.slice(id.lastIndexOf("-") + 1));
