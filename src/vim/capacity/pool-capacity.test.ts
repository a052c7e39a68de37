/**
 * QueryResourceCapacity for storage and network pools at the façade: worked examples per resource
 * type (a lease held before it starts, a bound resource counted once, the window's least available
 * instant) and the typed refusals (NOT_FOUND zone or network, INVALID_ARGUMENT window, FORBIDDEN).
 */
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";
import type { PoolCapacityQuery } from "../index.js";

const values = (r: { ok: boolean; value?: unknown }) => {
  if (!r.ok) throw new Error("refused");
  const v = r.value as { totalCapacity: number; reservedCapacity: number; allocatedCapacity: number; availableCapacity: number; atMs: number };
  return [v.totalCapacity, v.reservedCapacity, v.allocatedCapacity, v.availableCapacity, v.atMs];
};

describe("QueryResourceCapacity, storage and network variants", () => {
  it("storage GB: a future lease is reserved now, a bound volume counts once (allocated), the window finds the least available", () => {
    const w = reservationWorld();
    const q = (extra: Partial<PoolCapacityQuery> = {}) => w.vim.capacity.queryResource(w.vim.admin, { resourceType: "storageGb", zoneId: "az1", ...extra } as PoolCapacityQuery);
    expect(w.storageReservations.create({ tenantId: "t1", zoneId: "az1", startMs: 10, endMs: 50, storagePool: { storageSizeGb: 600 } }).ok).toBe(true);
    expect(w.storage.create({ tenantId: "t2", zoneId: "az1", sizeOfStorageGb: 100 }).ok).toBe(true);
    expect(values(q())).toEqual([1000, 600, 100, 300, 0]);
    w.sim.run({ untilMs: 20 });
    expect(w.storage.create({ tenantId: "t1", zoneId: "az1", sizeOfStorageGb: 200, reservationId: "sresv-1" }).ok).toBe(true);
    expect(values(q())).toEqual([1000, 400, 300, 300, 20]);
    // A second lease booked later makes the end of the window the tighter instant.
    expect(w.storageReservations.create({ tenantId: "t1", zoneId: "az1", startMs: 60, endMs: 90, storagePool: { storageSizeGb: 650 } }).ok).toBe(true);
    expect(values(q({ timeWindow: { fromMs: 0, toMs: 100 } }))).toEqual([1000, 650, 300, 50, 50]);
    // Now the new lease is held less what sresv-1 has drawn; the whole VIM sums every zone's backend (one here).
    expect(values(w.vim.capacity.queryResource(w.vim.admin, { resourceType: "storageGb" }))).toEqual([1000, 450, 300, 250, 20]);
  });

  it("public IPs, a network's ports and VLAN ids: total = available + reserved + allocated", () => {
    const w = reservationWorld({ segmentation: { vlan: [100, 109], vxlan: [1, 10], flatNetworks: ["physnet1"] } });
    const net = w.network.createNetwork({ tenantId: "t1", networkType: "vxlan" });
    if (!net.ok) throw new Error(net.error.message);
    const id = net.value.networkResourceId;
    expect(w.network.createSubnet({ tenantId: "t1", networkId: id, cidr: "10.0.0.0/28" }).ok).toBe(true);
    expect(w.networkReservations.create({ tenantId: "t1", startMs: 5, endMs: 50, network: { numPublicIps: 3, numPorts: 4, networkId: id, numSegments: 2 } }).ok).toBe(true);
    expect(w.network.allocatePublicIp({ tenantId: "t2" }).ok).toBe(true);
    expect(w.network.createPort({ tenantId: "t1", networkId: id }).ok).toBe(true);
    const admin = w.vim.admin;
    expect(values(w.vim.capacity.queryResource(admin, { resourceType: "publicIps" }))).toEqual([253, 3, 1, 249, 0]);
    // A /28 has 13 addresses for ports (less the gateway); the DHCP port and one port take one each.
    expect(values(w.vim.capacity.queryResource(admin, { resourceType: "ports", networkId: id }))).toEqual([13, 4, 2, 7, 0]);
    expect(values(w.vim.capacity.queryResource(admin, { resourceType: "segments", segmentType: "vlan" }))).toEqual([10, 2, 0, 8, 0]);
    expect(values(w.vim.capacity.queryResource(admin, { resourceType: "segments", segmentType: "vxlan" }))).toEqual([10, 0, 1, 9, 0]);
  });

  it("answers with the compute query's typed errors", () => {
    const w = reservationWorld();
    const kind = (r: { ok: boolean; error?: { kind: string } }) => (r.ok ? "ok" : r.error!.kind);
    expect(kind(w.vim.capacity.queryResource(w.vim.admin, { resourceType: "storageGb", zoneId: "az9" }))).toBe("NOT_FOUND");
    expect(kind(w.vim.capacity.queryResource(w.vim.admin, { resourceType: "ports", networkId: "net-404" }))).toBe("NOT_FOUND");
    expect(kind(w.vim.capacity.queryResource(w.vim.admin, { resourceType: "publicIps", timeWindow: { fromMs: 5, toMs: 1 } }))).toBe("INVALID_ARGUMENT");
    expect(kind(w.vim.capacity.queryResource({ userId: "t1-member" }, { resourceType: "publicIps" }))).toBe("FORBIDDEN");
  });
});
