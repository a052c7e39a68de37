/**
 * Reservation behaviours one at a time, through the façade: back-to-back leases on a full host at the
 * same instant (INV-C7), the before-end warning clamped to the start (C8), the keep policy and its
 * hold shortfall (C5), terminate freeing capacity in the same step (C9), one
 * ReservationChangeNotification per change, tenant scoping, bad input, and the capacity forecast over
 * a window with leases booked (A9: the instant of least available capacity).
 */
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";
import type { VimNotification } from "../change/notifications.js";

const t1 = { userId: "t1-member" };
const t2 = { userId: "t2-member" };

describe("reservation service", () => {
  it("runs end before start at the same instant, so back-to-back leases fill one host twice (INV-C7)", () => {
    const w = reservationWorld({ hosts: 1, vcpus: 8 });
    const a = w.vim.reservations.create(t1, { startMs: 100, endMs: 200, beforeEndLeadMs: 0, container: { flavourId: "large", count: 2 } });
    const b = w.vim.reservations.create(t1, { startMs: 200, endMs: 300, beforeEndLeadMs: 0, container: { flavourId: "large", count: 2 } });
    expect([a.ok, b.ok]).toEqual([true, true]);
    // An overlapping third does not fit the host (INV-C1).
    expect(w.vim.reservations.create(t1, { startMs: 150, endMs: 250, container: { flavourId: "small", count: 1 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    w.sim.run({ untilMs: 101 });
    expect(w.vim.compute.allocate(t1, { flavourId: "large", count: 2, reservationId: "resv-1" }).ok).toBe(true);
    w.sim.run({ untilMs: 200 });
    // At 200 the end of resv-1 (deleting its servers) runs before the start of resv-2.
    w.sim.run({ untilMs: 201 });
    expect(w.reservations.get("resv-1")!.status.ifa).toBe("TERMINATED");
    expect(w.reservations.get("resv-2")!.status.ifa).toBe("ACTIVE");
    expect(w.compute.liveServerCount).toBe(0);
    expect(w.vim.compute.allocate(t1, { flavourId: "large", count: 2, reservationId: "resv-2" }).ok).toBe(true);
  });

  it("keeps ordinary requests off reserved capacity and lets bound ones use only theirs (INV-C2, C3)", () => {
    const w = reservationWorld({ hosts: 1, vcpus: 8 });
    expect(w.vim.reservations.create(t1, { container: { flavourId: "medium", count: 2 } }).ok).toBe(true);
    expect(w.vim.compute.allocate(t2, { flavourId: "medium", count: 3 })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.vim.compute.allocate(t2, { flavourId: "medium", count: 2 }).ok).toBe(true);
    expect(w.vim.compute.allocate(t1, { flavourId: "medium", count: 2, reservationId: "resv-1" }).ok).toBe(true);
    expect(w.vim.compute.allocate(t1, { flavourId: "medium", reservationId: "resv-1" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.compute.allocate(t1, { flavourId: "small", reservationId: "resv-1" })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    // Another tenant's reservation does not exist for it.
    expect(w.vim.compute.allocate(t2, { flavourId: "medium", reservationId: "resv-1" })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
  });

  it("warns before the end at end − lead, clamped to the start of a short lease (INV-C8)", () => {
    const w = reservationWorld();
    w.vim.reservations.create(t1, { startMs: 10, endMs: 1000, beforeEndLeadMs: 100, container: { flavourId: "small", count: 1 } });
    w.vim.reservations.create(t1, { startMs: 10, endMs: 50, beforeEndLeadMs: 100, container: { flavourId: "small", count: 1 } });
    w.sim.run({ untilMs: 11 });
    expect(w.reservations.get("resv-2")!.status.beforeEndEvent).toBe("DONE");
    expect(w.reservations.get("resv-1")!.status.beforeEndEvent).toBe("UNDONE");
    w.sim.run({ untilMs: 900 });
    expect(w.reservations.get("resv-1")!.status.beforeEndEvent).toBe("UNDONE");
    w.sim.run({ untilMs: 901 });
    expect(w.reservations.get("resv-1")!.status.beforeEndEvent).toBe("DONE");
  });

  it("keeps bound servers as ordinary usage under the keep policy, and frees terminated capacity at once (INV-C5, C9)", () => {
    const w = reservationWorld({ hosts: 1, vcpus: 8 });
    w.vim.reservations.create(t1, { endMs: 100, reclaim: "keep", container: { flavourId: "medium", count: 2 } });
    w.vim.compute.allocate(t1, { flavourId: "medium", reservationId: "resv-1" });
    w.vim.reservations.create(t1, { startMs: 50, endMs: 500, container: { flavourId: "medium", count: 2 } });
    w.sim.run({ untilMs: 101 });
    expect(w.reservations.get("resv-1")!.status.ifa).toBe("TERMINATED");
    expect(w.compute.liveServerCount).toBe(1);
    expect(w.reservations.stats.counts().reclaimedKept).toBe(1);
    const freeBefore = w.nfvi.free(0, 0);
    expect(w.vim.reservations.terminate(t1, ["resv-2"])).toEqual({ ok: true, value: ["resv-2"] });
    expect(w.nfvi.free(0, 0)).toBe(freeBefore + 4);
    expect(w.reservations.get("resv-2")!.status.ifa).toBe("CANCELLED");
  });

  it("notifies every change of a reservation to subscribers, scoped to the tenant", () => {
    const w = reservationWorld();
    const seen: VimNotification[] = [];
    w.vim.changes.subscribe(t1, { resourceTypes: ["reservation"] }, (n) => seen.push(n));
    w.vim.reservations.create(t1, { startMs: 10, endMs: 100, beforeEndLeadMs: 20, container: { flavourId: "small", count: 1 } });
    w.vim.reservations.create(t2, { startMs: 10, endMs: 100, container: { flavourId: "small", count: 1 } });
    w.sim.run({ untilMs: 11 });
    w.vim.compute.allocate(t1, { flavourId: "small", reservationId: "resv-1" });
    w.vim.reservations.update(t1, "resv-1", { endMs: 120 });
    w.sim.run({ untilMs: 200 });
    const ops = seen.map((n) => (n.kind === "change" ? `${n.virtualisedResourceId}:${n.operation}` : ""));
    expect(ops).toEqual(["resv-1:create", "resv-1:start", "resv-1:consume", "resv-1:update", "resv-1:beforeEnd", "resv-1:end"]);
  });

  it("refuses bad input as typed errors, and hides other tenants' reservations", () => {
    const w = reservationWorld();
    w.sim.run({ untilMs: 100 });
    const small = { container: { flavourId: "small", count: 1 } };
    expect(w.vim.reservations.create(t1, { startMs: 50, endMs: 200, ...small })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { startMs: 300, endMs: 200, ...small })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { container: { flavourId: "large", count: 100 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { container: { flavourId: "nope", count: 1 } })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.reservations.create(t1, { endMs: 300, ...small }).ok).toBe(true);
    expect(w.vim.reservations.query(t2)).toEqual({ ok: true, value: [] });
    expect(w.vim.reservations.update(t2, "resv-1", { endMs: 400 })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.reservations.terminate(t2, ["resv-1"])).toEqual({ ok: true, value: [] });
    expect(w.vim.reservations.query(w.vim.admin)).toMatchObject({ ok: true, value: [{ reservationId: "resv-1" }] });
  });

  it("forecasts capacity over a window with leases booked: the least available instant (INV-A9)", () => {
    const w = reservationWorld({ hosts: 2, vcpus: 8 });
    const day = 86_400_000;
    w.vim.reservations.create(t1, { startMs: 2 * day, endMs: 3 * day, zoneId: "az1", container: { flavourId: "large", count: 2 } });
    w.vim.reservations.create(t1, { startMs: 5 * day, endMs: 6 * day, zoneId: "az1", container: { flavourId: "medium", count: 1 } });
    const now = w.vim.capacity.query(w.vim.admin, { zoneId: "az1", resourceClass: "VCPU" });
    const week = w.vim.capacity.query(w.vim.admin, { zoneId: "az1", resourceClass: "VCPU", timeWindow: { fromMs: 0, toMs: 7 * day } });
    const after = w.vim.capacity.query(w.vim.admin, { zoneId: "az1", resourceClass: "VCPU", timeWindow: { fromMs: 3 * day, toMs: 7 * day } });
    expect(now).toMatchObject({ ok: true, value: { totalCapacity: 8, reservedCapacity: 8, allocatedCapacity: 0, availableCapacity: 0 } });
    expect(week).toMatchObject({ ok: true, value: { reservedCapacity: 8, availableCapacity: 0 } });
    expect(after).toMatchObject({ ok: true, value: { reservedCapacity: 2, availableCapacity: 6, atMs: 3 * day } });
  });
});
