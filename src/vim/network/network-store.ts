/**
 * The network service's records and the writes every operation shares: networks, subnets, ports and
 * trunks by id, the pools they draw from (segments, MACs, public IPs), the per-tenant tallies, and a
 * port's creation and removal with its addresses and binding. One object, shared by the operation
 * modules (network-ports.ts, network-addresses.ts, network-pools.ts, network-trunks.ts).
 */
import { domainError, fail, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, type Clock } from "../common/change-log.js";
import { TenantTally } from "../quota/tenant-tally.js";
import type { IpVersion } from "./cidr.js";
import { MacAddresses } from "./mac-addresses.js";
import { portView, type FixedIp, type NetworkRecord, type PortRecord, type SubnetRecord, type TrunkRecord } from "./network-resources.js";
import type { NetworkReservations } from "./network-reservations.js";
import type { TrunkContext } from "./network-trunks.js";
import { PublicIpPool, type PublicIpPoolConfig } from "./public-ips.js";
import { SegmentationPools, type SegmentationConfig } from "./segmentation-pools.js";

/** NOT_FOUND for the `what` with id `id`. */
export const notFound = (what: string, id: string): Result<never> => fail(domainError("NOT_FOUND", `${what} ${id} does not exist`));

/** A new port's fields, all but those the store assigns. */
export type PortFields = Omit<PortRecord, "resourceId" | "networkId" | "attachedResourceId" | "trunkId">;

export class NetworkStore implements TrunkContext {
  readonly networks = new Map<string, NetworkRecord>();
  readonly subnets = new Map<string, SubnetRecord>();
  readonly ports = new Map<string, PortRecord>();
  /** Compute id → its bound ports' records, so a termination does not scan every port (bench/ccm.bench.ts: 10,000 node VMs). */
  readonly portsByCompute = new Map<string, Set<PortRecord>>();
  readonly trunks = new Map<string, TrunkRecord>();
  /** Live ports and subnets per tenant, kept with every create and delete (quota usage in O(1): bench/ccm.bench.ts). */
  readonly portTally = new TenantTally();
  readonly subnetTally = new TenantTally();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;
  readonly segments: SegmentationPools;
  readonly macs = new MacAddresses();
  readonly publicIps: PublicIpPool;
  /** The number of the next resource of each kind (ids are <kind>-<n>). */
  readonly nextNo = { network: 1, subnet: 1, port: 1, trunk: 1 };
  /** Network reservations, when the VIM has them (absent: every pool is all there is). */
  reservations: NetworkReservations | undefined;

  constructor(clock: Clock, log: EventLog, segmentation: SegmentationConfig, publicPool: PublicIpPoolConfig) {
    this.changes = new ChangeLog(clock, log);
    this.segments = new SegmentationPools(segmentation);
    this.publicIps = new PublicIpPool(publicPool);
  }

  /** The IP version of a subnet (IPV4 for one that is gone). */
  ipVersionOf(subnetId: string): IpVersion {
    return this.subnets.get(subnetId)?.cidr.ipVersion ?? "IPV4";
  }

  /** A port's view for its records. */
  portSnapshot(p: PortRecord): Record<string, unknown> {
    return portView(p, (sid) => this.ipVersionOf(sid));
  }

  /** The network's IPv4 subnets, in creation order. */
  ipv4Subnets(n: NetworkRecord): SubnetRecord[] {
    return n.subnetIds.map((id) => this.subnets.get(id)!).filter((s) => s.cidr.ipVersion === "IPV4");
  }

  /** Makes a port on `n` with `fields` (its addresses and MAC already taken) and logs it. */
  addPort(n: NetworkRecord, fields: PortFields): PortRecord {
    const p: PortRecord = { resourceId: `port-${this.nextNo.port++}`, networkId: n.networkResourceId, attachedResourceId: null, trunkId: null, ...fields };
    this.ports.set(p.resourceId, p);
    this.portTally.add(p.tenantId, 1);
    n.portIds.add(p.resourceId);
    this.changes.write("port", p.resourceId, "create", null, () => this.portSnapshot(p));
    return p;
  }

  /** Removes a port: its addresses go back to their pools, its binding and reservation draw end (INV-J2). */
  removePort(p: PortRecord): void {
    const before = this.changes.snapshot(() => this.portSnapshot(p));
    this.releaseAddresses(p.fixedIps);
    this.forgetBinding(p);
    this.ports.delete(p.resourceId);
    this.portTally.add(p.tenantId, -1);
    this.networks.get(p.networkId)?.portIds.delete(p.resourceId);
    this.reservations?.release(p.resourceId);
    this.changes.write("port", p.resourceId, "delete", before, () => null);
  }

  /** Gives fixed IPs back to their subnets' pools. */
  releaseAddresses(fixedIps: readonly FixedIp[]): void {
    for (const f of fixedIps) this.subnets.get(f.subnetId)?.addresses.release(f.address);
  }

  /** Drops `p` from its compute's bound ports. */
  forgetBinding(p: PortRecord): void {
    if (p.attachedResourceId === null) return;
    const bound = this.portsByCompute.get(p.attachedResourceId);
    bound?.delete(p);
    if (bound?.size === 0) this.portsByCompute.delete(p.attachedResourceId);
  }
}
