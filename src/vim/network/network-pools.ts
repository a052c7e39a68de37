/**
 * The network's countable pools (network-reservations.ts names them): how many items each holds and
 * has in use, whether an allocation may take some (from its reservation, INV-C3, or from what
 * reservations leave free, INV-C2), and the public IPs of the external network drawn from one.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { FixedIpRequest } from "./network-requests.js";
import { PUBLIC_IP_POOL, segmentPool } from "./network-reservations.js";
import type { NetworkRecord } from "./network-resources.js";
import { notFound, type NetworkStore } from "./network-store.js";
import { publicIpView, type PublicIpRecord } from "./public-ips.js";

/** How many items `pool` holds in all; undefined for a network that does not exist. */
export function poolCapacity(store: NetworkStore, pool: string): number | undefined {
  if (pool === PUBLIC_IP_POOL) return store.publicIps.size;
  if (pool === segmentPool("vlan") || pool === segmentPool("vxlan")) return store.segments.size(pool === segmentPool("vlan") ? "vlan" : "vxlan");
  const n = store.networks.get(pool.slice("port:".length));
  return n === undefined ? undefined : store.ipv4Subnets(n).reduce((sum, s) => sum + Number(s.addresses.size), 0);
}

/** Items of `pool` in use now, bound to reservations or not. */
export function poolInUse(store: NetworkStore, pool: string): number {
  if (pool === PUBLIC_IP_POOL) return store.publicIps.usedCount;
  if (pool === segmentPool("vlan") || pool === segmentPool("vxlan")) return store.segments.usedCount(pool === segmentPool("vlan") ? "vlan" : "vxlan");
  const n = store.networks.get(pool.slice("port:".length));
  return n === undefined ? 0 : store.ipv4Subnets(n).reduce((sum, s) => sum + s.addresses.usedCount, 0);
}

/**
 * Can `count` items of `pool` be taken: from the reservation when one is named (INV-C3), else from
 * what reservations do not hold from now on (INV-C2, EXHAUSTED).
 */
export function roomFor(store: NetworkStore, pool: string, tenantId: string, count: number, reservationId: string | undefined): Result<void> {
  const reservations = store.reservations;
  if (reservationId !== undefined) return reservations === undefined ? notFound("reservation", reservationId) : reservations.admit(reservationId, tenantId, pool, count);
  const held = reservations?.held(pool) ?? 0;
  if (held <= 0 || count === 0) return ok(undefined);
  const free = (poolCapacity(store, pool) ?? 0) - poolInUse(store, pool) - held;
  return count <= free ? ok(undefined) : fail(domainError("EXHAUSTED", `${pool}: ${Math.max(0, free)} free, ${held} held for reservations`));
}

/** IPv4 addresses a new port takes: one per requested IPv4 fixed IP, or one when it gets the defaults on a network with IPv4 subnets. */
export function ipv4Need(store: NetworkStore, n: NetworkRecord, fixedIps: readonly FixedIpRequest[] | undefined): number {
  if (fixedIps === undefined) return store.ipv4Subnets(n).length > 0 ? 1 : 0;
  return fixedIps.filter((f) => store.subnets.get(f.subnetId)?.cidr.ipVersion === "IPV4").length;
}

/** Allocates a public IP of the external network (EXHAUSTED when the pool is empty; C2/C3 with reservations). */
export function allocatePublicIp(store: NetworkStore, req: { readonly tenantId: string; readonly portId?: string; readonly reservationId?: string }): Result<Readonly<PublicIpRecord>> {
  if (req.portId !== undefined && store.ports.get(req.portId)?.tenantId !== req.tenantId) return notFound("port", req.portId);
  const room = roomFor(store, PUBLIC_IP_POOL, req.tenantId, 1, req.reservationId);
  if (!room.ok) return room;
  const allocated = store.publicIps.allocate(req.tenantId, req.portId ?? null);
  if (!allocated.ok) return allocated;
  const f = allocated.value;
  store.changes.write("publicIp", f.publicIpId, "create", null, () => publicIpView(f));
  if (req.reservationId !== undefined) store.reservations!.consume(req.reservationId, PUBLIC_IP_POOL, f.publicIpId, 1);
  return ok(f);
}

/** Releases a public IP to the pool. */
export function releasePublicIp(store: NetworkStore, publicIpId: string): Result<void> {
  const f = store.publicIps.get(publicIpId);
  if (f === undefined) return notFound("public IP", publicIpId);
  const before = store.changes.snapshot(() => publicIpView(f));
  store.publicIps.remove(publicIpId);
  store.changes.write("publicIp", publicIpId, "delete", before, () => null);
  store.reservations?.release(publicIpId);
  return ok(undefined);
}
