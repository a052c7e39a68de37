/**
 * Network reservations through the façade (vim.reservations with a network form; createPort,
 * createNetwork and allocatePublicIp with a reservationId): admission over the window per pool
 * (INV-C1), isolation (C2), bounded consumption (C3), expiry (C4), reclaim by policy (C5, C9), the
 * before-end warning (C8), Update with re-admission, notifications and scoping; then admission
 * against a brute-force reference over random leases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";
import type { VimNotification } from "../change/notifications.js";

const t1 = { userId: "t1-member" };
const t2 = { userId: "t2-member" };
/** Five VLAN ids (100-104), so segment pools run out in a test. */
const SMALL_VLAN = { vlan: [100, 104] as const, vxlan: [1, 1000] as const, flatNetworks: ["physnet1"] };

/** A world whose tenant t1 has network net-1 with a /28 subnet (13 addresses for ports, 1 on the DHCP port). */
function withSubnet(options: Parameters<typeof reservationWorld>[0] = {}) {
  const w = reservationWorld({ segmentation: SMALL_VLAN, ...options });
  const n = w.vim.network.createNetwork(t1, { networkType: "vxlan", name: "data" });
  if (!n.ok) throw new Error(n.error.message);
  const s = w.vim.network.createSubnet(t1, { networkId: "net-1", cidr: "10.0.0.0/28" });
  if (!s.ok) throw new Error(s.error.message);
  return w;
}

describe("network reservations", () => {
  it("admits each pool over the whole window against ordinary use and other leases (INV-C1)", () => {
    const w = withSubnet();
    // Below the façade: the floatingip quota (50 by default) does not get in the way.
    for (let i = 0; i < 53; i++) expect(w.network.allocatePublicIp({ tenantId: "t2" }).ok).toBe(true);
    // 253 public addresses: 53 ordinary + 150 over [100, 200) leave 50.
    expect(w.vim.reservations.create(t1, { startMs: 100, endMs: 200, network: { numPublicIps: 150 } }).ok).toBe(true);
    expect(w.vim.reservations.create(t1, { startMs: 150, endMs: 250, network: { numPublicIps: 51 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.vim.reservations.create(t1, { startMs: 150, endMs: 250, network: { numPublicIps: 50 } }).ok).toBe(true);
    // Back to back: the window [200, 300) sees only the second lease.
    expect(w.vim.reservations.create(t1, { startMs: 250, endMs: 300, network: { numPublicIps: 200 } }).ok).toBe(true);
    // All pools of one request fit, or none is booked.
    expect(w.vim.reservations.create(t1, { startMs: 100, endMs: 120, network: { numSegments: 3 } }).ok).toBe(true);
    expect(w.vim.reservations.create(t1, { startMs: 110, endMs: 130, network: { numPorts: 5, networkId: "net-1", numSegments: 3 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.vim.reservations.create(t1, { network: { numSegments: 6 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.networkReservations.held("port:net-1")).toBe(0);
    expect(w.vim.reservations.create(t1, { network: { numPublicIps: 254 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { network: { numPorts: 1, networkId: "net-9" } })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.reservations.create(t2, { network: { numPorts: 1, networkId: "net-1" } })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.reservations.create(t1, { network: {} })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { network: { numPorts: 2 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { startMs: 10, endMs: 5, network: { numPublicIps: 1 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { network: { numPublicIps: 1 }, storagePool: { storageSizeGb: 1 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    w.vim.network.createNetwork(t1, { networkType: "vxlan", name: "bare" });
    expect(w.vim.reservations.create(t1, { network: { numPorts: 1, networkId: "net-2" } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
  });

  it("keeps ordinary allocations off what is held, even before the lease starts (INV-C2)", () => {
    const w = withSubnet();
    expect(w.vim.reservations.create(t1, { reservationId: "n1", startMs: 100, endMs: 200, network: { numPublicIps: 250, numPorts: 10, networkId: "net-1", numSegments: 4 } }).ok).toBe(true);
    for (let i = 0; i < 3; i++) expect(w.vim.network.allocatePublicIp(t2, {}).ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t2, {})).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    // 13 addresses, 1 on the DHCP port, 10 held: two ordinary ports.
    expect(w.vim.network.createPort(t1, { networkId: "net-1" }).ok).toBe(true);
    expect(w.vim.network.createPort(t1, { networkId: "net-1" }).ok).toBe(true);
    expect(w.vim.network.createPort(t1, { networkId: "net-1" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    // Five VLAN ids, four held.
    expect(w.vim.network.createNetwork(t2, { networkType: "vlan" }).ok).toBe(true);
    expect(w.vim.network.createNetwork(t2, { networkType: "vlan" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    // The reserved network's addresses cannot shrink while held.
    expect(w.vim.network.delete(t1, "subnet-1")).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
  });

  it("lets allocations naming the reservation draw up to its amounts, only while ACTIVE, for its tenant (INV-C3)", () => {
    const w = withSubnet();
    w.vim.reservations.create(t1, { reservationId: "n1", startMs: 100, endMs: 1000, network: { numPublicIps: 2, numPorts: 2, networkId: "net-1", numSegments: 1 } });
    expect(w.vim.network.allocatePublicIp(t1, { reservationId: "n1" })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    w.sim.run({ untilMs: 101 });
    const ip = w.vim.network.allocatePublicIp(t1, { reservationId: "n1" });
    expect(ip.ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t2, { reservationId: "n1" })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.network.allocatePublicIp(t1, { reservationId: "n1" }).ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t1, { reservationId: "n1" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.network.createPort(t1, { networkId: "net-1", reservationId: "n1" }).ok).toBe(true);
    expect(w.vim.network.createPort(t1, { networkId: "net-1", reservationId: "n1" }).ok).toBe(true);
    expect(w.vim.network.createPort(t1, { networkId: "net-1", reservationId: "n1" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    const vlan = w.vim.network.createNetwork(t1, { networkType: "vlan", reservationId: "n1" });
    expect(vlan.ok && vlan.value.segmentationId).toBe(100);
    expect(w.vim.network.createNetwork(t1, { networkType: "vxlan", reservationId: "n1" })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    // A released port gives its address back to the reservation.
    expect(w.vim.network.delete(t1, "port-2").ok).toBe(true);
    expect(w.vim.network.createPort(t1, { networkId: "net-1", reservationId: "n1" }).ok).toBe(true);
    const view = w.vim.reservations.query(t1);
    expect(view.ok && view.value[0]).toMatchObject({ reservationId: "n1", used: true, publicIps: ["203.0.113.2", "203.0.113.3"], networkAttributes: { segmentType: "vlan", segmentIds: [100] }, networkPorts: { networkId: "net-1", numPorts: 2, portIds: ["port-3", "port-4"] } });
    expect(w.networkReservations.stats.counts().consumptionRefusedByKind).toEqual({ EXHAUSTED: 2, INVALID_ARGUMENT: 1, NOT_FOUND: 1, WRONG_STATE: 1 });
  });

  it("releases an unused reservation at its expiry and keeps a used one (INV-C4)", () => {
    const w = withSubnet();
    w.vim.reservations.create(t1, { reservationId: "idle", endMs: 1000, expiryMs: 100, network: { numPublicIps: 200 } });
    w.vim.reservations.create(t1, { reservationId: "busy", endMs: 1000, expiryMs: 100, network: { numPublicIps: 50 } });
    w.vim.network.allocatePublicIp(t1, { reservationId: "busy" });
    // 253 − 1 bound − 249 held.
    for (let i = 0; i < 3; i++) expect(w.network.allocatePublicIp({ tenantId: "t2" }).ok).toBe(true);
    expect(w.network.allocatePublicIp({ tenantId: "t2" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    w.sim.run({ untilMs: 101 });
    expect(w.networkReservations.get("idle")!.status.ifa).toBe("EXPIRED");
    expect(w.networkReservations.get("busy")!.status.ifa).toBe("ACTIVE");
    expect(w.vim.network.allocatePublicIp(t1, { reservationId: "idle" })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    // 1 bound + 49 held by busy, 3 ordinary: 200 more for ordinary use.
    expect(w.networkReservations.held("publicIp")).toBe(49);
    for (let i = 0; i < 200; i++) expect(w.network.allocatePublicIp({ tenantId: "t2" }).ok).toBe(true);
    expect(w.network.allocatePublicIp({ tenantId: "t2" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
  });

  it("deletes bound resources at the end or keeps them as ordinary usage (INV-C5, C9)", () => {
    const w = withSubnet();
    w.vim.reservations.create(t1, { reservationId: "del", endMs: 100, network: { numPublicIps: 1, numPorts: 1, networkId: "net-1", numSegments: 1 } });
    w.vim.reservations.create(t1, { reservationId: "keep", endMs: 100, reclaim: "keep", network: { numPublicIps: 1 } });
    w.vim.network.createNetwork(t1, { networkType: "vlan", reservationId: "del" });
    w.vim.network.createPort(t1, { networkId: "net-1", reservationId: "del" });
    w.vim.network.allocatePublicIp(t1, { reservationId: "del", portId: "port-2" });
    w.vim.network.allocatePublicIp(t1, { reservationId: "keep" });
    w.sim.run({ untilMs: 101 });
    expect(w.networkReservations.get("del")!.status.ifa).toBe("TERMINATED");
    expect(w.network.network("net-2")).toBeUndefined();
    expect(w.network.port("port-2")).toBeUndefined();
    expect(w.network.publicIp("fip-1")).toBeUndefined();
    expect(w.network.publicIp("fip-2")?.tenantId).toBe("t1");
    expect(w.networkReservations.get("keep")!.bound.size).toBe(0);
    expect(w.networkReservations.stats.counts()).toMatchObject({ ended: 2, reclaimedDeleted: 3, reclaimedKept: 1 });
    // Terminate: a pending lease's items are free in the same step; another tenant's is skipped.
    w.vim.reservations.create(t1, { reservationId: "later", startMs: 500, network: { numPublicIps: 252 } });
    expect(w.vim.network.allocatePublicIp(t2, {})).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.reservations.terminate(t2, ["later"])).toEqual({ ok: true, value: [] });
    expect(w.vim.reservations.terminate(t1, ["later"])).toEqual({ ok: true, value: ["later"] });
    expect(w.networkReservations.get("later")!.status.ifa).toBe("CANCELLED");
    expect(w.vim.network.allocatePublicIp(t2, {}).ok).toBe(true);
  });

  it("warns before the end at end − lead, 1h by default, clamped to the start, never with lead 0 (INV-C8)", () => {
    const w = withSubnet({ keepRecords: true });
    const HOUR = 3_600_000;
    w.vim.reservations.create(t1, { reservationId: "long", startMs: 10, endMs: 3 * HOUR, network: { numPublicIps: 1 } });
    w.vim.reservations.create(t1, { reservationId: "short", startMs: 10, endMs: 1000, network: { numPublicIps: 1 } });
    w.vim.reservations.create(t1, { reservationId: "lead", startMs: 10, endMs: HOUR, beforeEndLeadMs: 600_000, network: { numPublicIps: 1 } });
    w.vim.reservations.create(t1, { reservationId: "quiet", startMs: 10, endMs: HOUR, beforeEndLeadMs: 0, network: { numPublicIps: 1 } });
    w.sim.run({ untilMs: 4 * HOUR });
    const warnings = w.log.kept.filter((r) => r.entity === "reservation" && r.op === "beforeEnd").map((r) => [r.id, r.timeMs]);
    expect(warnings).toEqual([["short", 10], ["lead", HOUR - 600_000], ["long", 2 * HOUR]]);
    expect(w.networkReservations.stats.counts().beforeEndWarnings).toBe(3);
  });

  it("updates times and amounts with re-admission over the new window, and changes nothing when refused", () => {
    const w = withSubnet();
    w.vim.reservations.create(t1, { reservationId: "a", startMs: 100, endMs: 200, network: { numPublicIps: 150 } });
    w.vim.reservations.create(t1, { reservationId: "b", startMs: 200, endMs: 300, network: { numPublicIps: 150 } });
    // Extending a into b's window does not fit (300 > 253): refused, a unchanged, b still admissible around it.
    const refused = w.vim.reservations.update(t1, "a", { endMs: 250 });
    expect(refused).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.networkReservations.get("a")!.times.endMs).toBe(200);
    expect(w.vim.reservations.create(t1, { startMs: 150, endMs: 200, network: { numPublicIps: 104 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.vim.reservations.update(t1, "a", { endMs: 250, network: { numPublicIps: 100 } }).ok).toBe(true);
    expect(w.networkReservations.get("a")!.times.endMs).toBe(250);
    expect(w.vim.reservations.update(t2, "a", { endMs: 260 })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    w.sim.run({ untilMs: 120 });
    w.vim.network.allocatePublicIp(t1, { reservationId: "a" });
    expect(w.vim.reservations.update(t1, "a", { startMs: 130 })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    expect(w.vim.reservations.update(t1, "a", { network: { numPorts: 1, networkId: "net-1" } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    // The new end moves the end event: a ends at 180 now.
    expect(w.vim.reservations.update(t1, "a", { endMs: 180 }).ok).toBe(true);
    w.sim.run({ untilMs: 181 });
    expect(w.networkReservations.get("a")!.status.ifa).toBe("TERMINATED");
    expect(w.network.publicIp("fip-1")).toBeUndefined();
  });

  it("finds a broken binding (the runner's end-of-run check), and none in a sound state", () => {
    const w = withSubnet();
    w.vim.reservations.create(t1, { reservationId: "n1", endMs: 100, network: { numPublicIps: 1 } });
    w.vim.network.allocatePublicIp(t1, { reservationId: "n1" });
    expect(w.networkReservations.problem()).toBeNull();
    w.networkReservations.get("n1")!.boundByPool.set("publicIp", 2);
    expect(w.networkReservations.problem()).toBe("reservation n1 has 2 of publicIp bound, 1 reserved");
  });

  it("counts public IPs in the floatingip quota (Neutron's item), released ones no more", () => {
    const w = withSubnet();
    expect(w.vim.quotas.create(w.vim.admin, "t2", { floatingip: 2 }).ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t2, {}).ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t2, {}).ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t2, {})).toMatchObject({ ok: false, error: { kind: "QUOTA_EXCEEDED" } });
    expect(w.vim.network.releasePublicIp(t1, "fip-1")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.network.releasePublicIp(t2, "fip-1").ok).toBe(true);
    expect(w.vim.network.allocatePublicIp(t2, {}).ok).toBe(true);
    const mine = w.vim.network.queryPublicIps(t2);
    expect(mine.ok && mine.value.map((f) => f.publicIpId)).toEqual(["fip-2", "fip-3"]);
  });

  it("reports every change as a ReservationChangeNotification to the tenant's subscribers", () => {
    const w = withSubnet();
    const seen: VimNotification[] = [];
    w.vim.changes.subscribe(t1, { resourceTypes: ["reservation"] }, (n) => seen.push(n));
    w.vim.reservations.create(t1, { reservationId: "n1", endMs: 50, beforeEndLeadMs: 0, network: { numPublicIps: 1 } });
    w.vim.network.allocatePublicIp(t1, { reservationId: "n1" });
    w.sim.run({ untilMs: 51 });
    // create, start (immediate use), consume, end (the public IP reclaimed with it).
    expect(seen.map((n) => (n.kind === "change" ? n.changeType : n.kind))).toHaveLength(4);
    expect(w.network.publicIp("fip-1")).toBeUndefined();
    expect(w.vim.reservations.query(t2)).toEqual({ ok: true, value: [] });
  });
});

/** Reference admission: every millisecond of the window, ordinary + the other leases active then + asked ≤ capacity. */
function bruteForceAdmits(leases: readonly { fromMs: number; toMs: number; n: number }[], ordinary: number, capacity: number, ask: { fromMs: number; toMs: number; n: number }): boolean {
  for (let t = ask.fromMs; t < ask.toMs; t++) {
    const committed = leases.filter((l) => l.fromMs <= t && t < l.toMs).reduce((s, l) => s + l.n, 0);
    if (ordinary + committed + ask.n > capacity) return false;
  }
  return true;
}

describe("network admission against a brute-force reference (INV-C1)", () => {
  it("admits public IPs exactly when every instant of the window has room", () => {
    const lease = fc.record({ fromMs: fc.integer({ min: 0, max: 40 }), lengthMs: fc.integer({ min: 1, max: 30 }), n: fc.integer({ min: 1, max: 120 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.array(lease, { maxLength: 12 }), (ordinary, asks) => {
        const w = reservationWorld();
        for (let i = 0; i < ordinary; i++) w.network.allocatePublicIp({ tenantId: "t2" });
        const admitted: { fromMs: number; toMs: number; n: number }[] = [];
        for (const a of asks) {
          const ask = { fromMs: a.fromMs, toMs: a.fromMs + a.lengthMs, n: a.n };
          const expected = bruteForceAdmits(admitted, ordinary, 253, ask);
          const r = w.vim.reservations.create(t1, { startMs: ask.fromMs, endMs: ask.toMs, network: { numPublicIps: ask.n } });
          expect(r.ok).toBe(expected);
          if (r.ok) admitted.push(ask);
        }
      }),
      { numRuns: 40 },
    );
  });
});
