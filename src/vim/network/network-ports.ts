/**
 * Ports (IFA PORT, Neutron ports): created on a network with a MAC and fixed IPs, all or nothing;
 * bound to at most one compute as its vNIC (INV-G3); deleted with their addresses (INV-J2). A trunk's
 * ports follow the trunk's rules (network-trunks.ts); the DHCP port belongs to its network.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { sortedMetadata } from "../common/change-log.js";
import { takeAddresses, takeDefaultAddresses } from "./network-addresses.js";
import { ipv4Need, roomFor } from "./network-pools.js";
import type { CreatePortRequest } from "./network-requests.js";
import { portPool } from "./network-reservations.js";
import type { PortRecord } from "./network-resources.js";
import { notFound, type NetworkStore } from "./network-store.js";

/**
 * Allocate PORT on a network (NOT_FOUND; FORBIDDEN on another tenant's unshared network): a MAC
 * and one fixed IP per requested subnet, all or nothing (EXHAUSTED when a pool is empty, CONFLICT
 * for an address in use).
 */
export function createPort(store: NetworkStore, req: CreatePortRequest): Result<PortRecord> {
  const n = store.networks.get(req.networkId);
  if (n === undefined) return notFound("network", req.networkId);
  if (n.tenantId !== req.tenantId && !n.isShared) return fail(domainError("FORBIDDEN", `network ${n.networkResourceId} is another tenant's and not shared`));
  // Addresses count against reservations only when the VIM has them.
  const need = store.reservations === undefined ? 0 : ipv4Need(store, n, req.fixedIps);
  const room = roomFor(store, portPool(n.networkResourceId), req.tenantId, need, req.reservationId);
  if (!room.ok) return room;
  const fixedIps = req.fixedIps === undefined ? takeDefaultAddresses(store, n) : takeAddresses(store, n, req.fixedIps);
  if (!fixedIps.ok) return fixedIps;
  const mac = store.macs.take();
  if (mac === undefined) {
    store.releaseAddresses(fixedIps.value);
    return fail(domainError("EXHAUSTED", "no MAC address is left"));
  }
  const p = store.addPort(n, { tenantId: req.tenantId, name: req.name ?? "", macAddress: mac, fixedIps: fixedIps.value, deviceOwner: "", adminStateUp: req.adminStateUp ?? true, metadata: sortedMetadata(req.metadata ?? {}) });
  if (req.reservationId !== undefined) store.reservations!.consume(req.reservationId, portPool(n.networkResourceId), p.resourceId, need);
  return ok(p);
}

/** Binds a port to a compute (a vNIC): CONFLICT when it is bound already or is a trunk sub-port (INV-G3). */
export function bindPort(store: NetworkStore, portId: string, computeId: string): Result<PortRecord> {
  const p = store.ports.get(portId);
  if (p === undefined) return notFound("port", portId);
  if (p.attachedResourceId !== null) return fail(domainError("CONFLICT", `port ${portId} is already bound to ${p.attachedResourceId}`));
  if (p.deviceOwner === "network:dhcp") return fail(domainError("CONFLICT", `port ${portId} is the network's DHCP port`));
  if (p.trunkId !== null && store.trunks.get(p.trunkId)?.parentPortId !== portId) {
    return fail(domainError("CONFLICT", `port ${portId} is a sub-port of trunk ${p.trunkId}: bind its parent`));
  }
  const before = store.changes.snapshot(() => store.portSnapshot(p));
  p.attachedResourceId = computeId;
  const bound = store.portsByCompute.get(computeId);
  if (bound === undefined) store.portsByCompute.set(computeId, new Set([p]));
  else bound.add(p);
  p.deviceOwner = "compute";
  store.changes.write("port", portId, "bind", before, () => store.portSnapshot(p));
  return ok(p);
}

/** Unbinds a port: WRONG_STATE when it is not bound. */
export function unbindPort(store: NetworkStore, portId: string): Result<PortRecord> {
  const p = store.ports.get(portId);
  if (p === undefined) return notFound("port", portId);
  if (p.attachedResourceId === null) return fail(domainError("WRONG_STATE", `port ${portId} is not bound`));
  const before = store.changes.snapshot(() => store.portSnapshot(p));
  store.forgetBinding(p);
  p.attachedResourceId = null;
  p.deviceOwner = "";
  store.changes.write("port", portId, "unbind", before, () => store.portSnapshot(p));
  return ok(p);
}

/** Unbinds every port of a compute (its termination, INV-J1); the port ids, in creation order. */
export function unbindCompute(store: NetworkStore, computeId: string): string[] {
  // Creation order is port number order (ids are port-<n>, numbered as made).
  const bound = [...(store.portsByCompute.get(computeId) ?? [])].map((p) => p.resourceId).sort((a, b) => portNo(a) - portNo(b));
  for (const id of bound) unbindPort(store, id);
  return bound;
}

/** Deletes a port and frees its addresses (INV-J2); CONFLICT while it is part of a trunk. */
export function deletePort(store: NetworkStore, portId: string): Result<void> {
  const p = store.ports.get(portId);
  if (p === undefined) return notFound("port", portId);
  if (p.deviceOwner === "network:dhcp") return fail(domainError("FORBIDDEN", `port ${portId} is owned by the network's DHCP service`));
  if (p.trunkId !== null) return fail(domainError("CONFLICT", `port ${portId} is in use by trunk ${p.trunkId}`));
  store.removePort(p);
  return ok(undefined);
}

/** The number of a port id port-<n>. */
const portNo = (id: string): number => Number(id.slice(id.lastIndexOf("-") + 1));
