/**
 * Fixed IPs of ports as Neutron's IPAM hands them out: a port's addresses, all or nothing (the lowest
 * free one of a subnet's pools, or the one asked for), and the address of the network's DHCP port on
 * each DHCP-enabled subnet (Neutron's one port per network, device_owner network:dhcp, taken when the
 * subnet is created and gone with the last DHCP-enabled subnet or with the network).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { parseIp } from "./cidr.js";
import type { FixedIpRequest } from "./network-requests.js";
import type { FixedIp, NetworkRecord, SubnetRecord } from "./network-resources.js";
import { notFound, type NetworkStore } from "./network-store.js";

/**
 * A port created without fixed IPs, as Neutron's IPAM does: one address of each IP version, from
 * the first subnet of that version (in creation order) that still has one; EXHAUSTED when a version
 * present on the network has none left anywhere.
 */
export function takeDefaultAddresses(store: NetworkStore, n: NetworkRecord): Result<FixedIp[]> {
  const taken: FixedIp[] = [];
  for (const version of ["IPV4", "IPV6"] as const) {
    const subnets = n.subnetIds.map((id) => store.subnets.get(id)!).filter((sub) => sub.cidr.ipVersion === version);
    if (subnets.length === 0) continue;
    const withRoom = subnets.find((sub) => sub.addresses.freeCount > 0n);
    const address = withRoom?.addresses.takeLowest();
    if (withRoom === undefined || address === undefined) {
      store.releaseAddresses(taken);
      return fail(domainError("EXHAUSTED", `no free ${version} address is left on network ${n.networkResourceId} (subnets ${subnets.map((sub) => sub.resourceId).join(", ")})`));
    }
    taken.push({ subnetId: withRoom.resourceId, address });
  }
  return ok(taken);
}

/** Takes one address per request, all or nothing. */
export function takeAddresses(store: NetworkStore, n: NetworkRecord, requests: readonly FixedIpRequest[]): Result<FixedIp[]> {
  const taken: FixedIp[] = [];
  for (const r of requests) {
    const one = takeAddress(store, n, r);
    if (!one.ok) {
      store.releaseAddresses(taken);
      return one;
    }
    taken.push(one.value);
  }
  return ok(taken);
}

function takeAddress(store: NetworkStore, n: NetworkRecord, r: FixedIpRequest): Result<FixedIp> {
  const s = store.subnets.get(r.subnetId);
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

/** Can the network's DHCP port get an address on the new subnet (and a MAC if it is the first)? */
export function checkDhcpRoom(store: NetworkStore, n: NetworkRecord, s: SubnetRecord): Result<void> {
  if (s.addresses.freeCount === 0n) return fail(domainError("EXHAUSTED", `subnet ${s.resourceId} has no address for its DHCP port`));
  if (n.dhcpPortId === null && store.macs.peekExhausted()) return fail(domainError("EXHAUSTED", "no MAC address is left for the DHCP port"));
  return ok(undefined);
}

/** Gives the network's DHCP port an address on `s`, creating the port with the first such subnet. */
export function addDhcpAddress(store: NetworkStore, n: NetworkRecord, s: SubnetRecord): void {
  const fixedIp: FixedIp = { subnetId: s.resourceId, address: s.addresses.takeLowest()! };
  if (n.dhcpPortId === null) {
    const fields = { tenantId: n.tenantId, name: "", macAddress: store.macs.take()!, fixedIps: [fixedIp], deviceOwner: "network:dhcp" as const, adminStateUp: true, metadata: {} };
    n.dhcpPortId = store.addPort(n, fields).resourceId;
    return;
  }
  const p = store.ports.get(n.dhcpPortId)!;
  const before = store.changes.snapshot(() => store.portSnapshot(p));
  p.fixedIps = [...p.fixedIps, fixedIp];
  store.changes.write("port", p.resourceId, "fixedIp.add", before, () => store.portSnapshot(p));
}

/** Takes the DHCP port's address on a subnet being deleted; the port goes with its last address. */
export function dropDhcpAddress(store: NetworkStore, n: NetworkRecord, subnetId: string): void {
  const p = store.ports.get(n.dhcpPortId!)!;
  const mine = p.fixedIps.filter((f) => f.subnetId === subnetId);
  if (mine.length === 0) return;
  if (mine.length === p.fixedIps.length) {
    store.removePort(p);
    n.dhcpPortId = null;
    return;
  }
  const before = store.changes.snapshot(() => store.portSnapshot(p));
  store.releaseAddresses(mine);
  p.fixedIps = p.fixedIps.filter((f) => f.subnetId !== subnetId);
  store.changes.write("port", p.resourceId, "fixedIp.remove", before, () => store.portSnapshot(p));
}
