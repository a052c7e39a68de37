/**
 * The network pool invariants (ifa-digest §5 G, J2) over a plain view of the network service: the
 * segmentation ids of live VLAN/VXLAN networks are unique, inside the configured range and exactly the
 * ids the pool counts as taken (INV-G2, nothing leaked); within a subnet every fixed IP is unique,
 * inside the CIDR, not the gateway, on the port's own network, and taken in the subnet's pool when the
 * pool covers it (INV-G1); MAC addresses are unique (INV-G1, design: globally); public IPs are unique
 * (INV-G1). Reads only; throws InvariantViolation on the first break.
 */
import { invariant } from "../../domain/index.js";
import { cidrContains } from "./cidr.js";
import type { NetworkRecord, PortRecord, SubnetRecord } from "./network-resources.js";
import type { PublicIpRecord } from "./public-ips.js";
import type { SegmentationConfig } from "./segmentation-pools.js";

export interface NetworkInvariantView {
  readonly networks: ReadonlyArray<Readonly<NetworkRecord>>;
  readonly subnets: ReadonlyMap<string, Readonly<SubnetRecord>>;
  readonly ports: ReadonlyArray<Readonly<PortRecord>>;
  readonly publicIps: ReadonlyArray<Readonly<PublicIpRecord>>;
  readonly segmentation: SegmentationConfig;
  /** The ids the segmentation pool counts as taken, ascending. */
  readonly segmentsInUse: (type: "vlan" | "vxlan") => readonly number[];
}

export function checkNetworkInvariants(view: NetworkInvariantView): void {
  checkSegments(view);
  checkAddresses(view);
  const addresses = new Set<bigint>();
  for (const ip of view.publicIps) {
    invariant(!addresses.has(ip.address), "INV-G1", () => `public IP ${ip.publicIpId}: address ${ip.address} is allocated twice`);
    addresses.add(ip.address);
  }
}

function checkSegments(view: NetworkInvariantView): void {
  for (const type of ["vlan", "vxlan"] as const) {
    const [first, last] = view.segmentation[type];
    const seen = new Set<number>();
    for (const n of view.networks) {
      if (n.networkType !== type) continue;
      const id = n.segmentationId;
      invariant(id !== null && id >= first && id <= last, "INV-G2", () => `network ${n.networkResourceId}: ${type} id ${id} is outside [${first}, ${last}]`);
      invariant(!seen.has(id), "INV-G2", () => `network ${n.networkResourceId}: ${type} id ${id} is used by another live network`);
      seen.add(id);
    }
    const taken = view.segmentsInUse(type);
    const live = [...seen].sort((a, b) => a - b);
    invariant(taken.length === live.length && taken.every((id, i) => id === live[i]), "INV-J2", () => `${type} pool holds [${taken.join(", ")}], live networks use [${live.join(", ")}]`);
  }
}

function checkAddresses(view: NetworkInvariantView): void {
  const bySubnet = new Map<string, Set<bigint>>();
  const macs = new Set<string>();
  for (const p of view.ports) {
    invariant(!macs.has(p.macAddress), "INV-G1", () => `port ${p.resourceId}: MAC ${p.macAddress} is used by another port`);
    macs.add(p.macAddress);
    for (const f of p.fixedIps) {
      const s = view.subnets.get(f.subnetId);
      invariant(s !== undefined && s.networkId === p.networkId, "INV-G1", () => `port ${p.resourceId}: address on subnet ${f.subnetId}, which is not a live subnet of its network`);
      invariant(cidrContains(s.cidr, f.address) && f.address !== s.gateway, "INV-G1", () => `port ${p.resourceId}: address ${f.address} is outside ${s.resourceId} or its gateway`);
      const used = bySubnet.get(s.resourceId) ?? new Set<bigint>();
      invariant(!used.has(f.address), "INV-G1", () => `port ${p.resourceId}: address ${f.address} of ${s.resourceId} is assigned twice`);
      used.add(f.address);
      bySubnet.set(s.resourceId, used);
      invariant(!s.addresses.covers(f.address) || s.addresses.isUsed(f.address), "INV-G1", () => `port ${p.resourceId}: address ${f.address} is assigned but free in the pool of ${s.resourceId}`);
    }
  }
}
