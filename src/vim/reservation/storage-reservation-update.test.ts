/**
 * UpdateStorageResourceReservation (new end and amounts re-admitted over the new window; refused with
 * a typed error and no side effect when it does not fit) and the storage leases' before-end warning
 * (INV-C8: only when a lead is given, at end − lead, clamped to the start).
 */
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";

const t1 = { userId: "t1-member" };
const t2 = { userId: "t2-member" };
const pool = (storageSizeGb: number, numVolumes?: number) => ({ storageSizeGb, ...(numVolumes === undefined ? {} : { numVolumes }) });

describe("storage reservation update", () => {
  it("moves the end and the GB when the new window fits, and changes nothing when it does not", () => {
    const w = reservationWorld({ keepRecords: true });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "a", startMs: 100, endMs: 200, storagePool: pool(600) });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "b", startMs: 200, endMs: 300, storagePool: pool(500) });
    const records = w.log.kept.length;
    // a over [100, 250) meets b: 1100 GB > 1000.
    expect(w.vim.reservations.update(t1, "a", { endMs: 250 })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.storageReservations.get("a")!.times.endMs).toBe(200);
    expect(w.log.kept.length).toBe(records);
    expect(w.storageReservations.heldGb("az1")).toBe(600);
    // Its old window is still booked: 401 GB more over [150, 200) does not fit.
    expect(w.vim.reservations.create(t1, { zoneId: "az1", startMs: 150, endMs: 200, storagePool: pool(401) })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    // With 500 GB it fits; the held GB follows.
    expect(w.vim.reservations.update(t1, "a", { endMs: 250, storagePool: pool(500) }).ok).toBe(true);
    expect(w.storageReservations.get("a")!.times.endMs).toBe(250);
    expect(w.storageReservations.heldGb("az1")).toBe(1000);
    expect(w.log.kept.at(-1)).toMatchObject({ entity: "reservation", id: "a", op: "update" });
    expect(w.vim.reservations.update(t2, "a", { endMs: 260 })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.reservations.update(t1, "a", { endMs: 50 })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.update(t1, "a", { storagePool: pool(0) })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
  });

  it("keeps an ACTIVE lease's start and what its volumes draw, and moves its end event", () => {
    const w = reservationWorld();
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "a", startMs: 10, endMs: 200, storagePool: pool(300, 2) });
    w.sim.run({ untilMs: 20 });
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 100, reservationId: "a" }).ok).toBe(true);
    expect(w.vim.reservations.update(t1, "a", { startMs: 30 })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    expect(w.vim.reservations.update(t1, "a", { storagePool: pool(99) })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.update(t1, "a", { storagePool: pool(100, 1) }).ok).toBe(true);
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 1, reservationId: "a" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.reservations.update(t1, "a", { endMs: 60 }).ok).toBe(true);
    w.sim.run({ untilMs: 61 });
    expect(w.storageReservations.get("a")!.status.ifa).toBe("TERMINATED");
    expect(w.storage.volume("vol-1")).toBeUndefined();
    expect(w.vim.reservations.update(t1, "a", { endMs: 100 })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
  });
});

describe("storage reservation before-end warning (INV-C8)", () => {
  it("fires at end − lead when a lead is given, clamped to the start, and never without one", () => {
    const w = reservationWorld({ keepRecords: true });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "warned", startMs: 10, endMs: 1000, beforeEndLeadMs: 100, storagePool: pool(10) });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "clamped", startMs: 10, endMs: 50, beforeEndLeadMs: 100, storagePool: pool(10) });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "silent", startMs: 10, endMs: 1000, storagePool: pool(10) });
    w.sim.run({ untilMs: 2000 });
    const warnings = w.log.kept.filter((r) => r.entity === "reservation" && r.op === "beforeEnd").map((r) => [r.id, r.timeMs]);
    expect(warnings).toEqual([["clamped", 10], ["warned", 900]]);
    expect(w.storageReservations.stats.counts().beforeEndWarnings).toBe(2);
    // Moving the end moves the warning of a lease that has not warned yet.
    const v = reservationWorld({ keepRecords: true });
    v.vim.reservations.create(t1, { zoneId: "az1", reservationId: "moved", startMs: 10, endMs: 1000, beforeEndLeadMs: 100, storagePool: pool(10) });
    v.sim.run({ untilMs: 20 });
    expect(v.vim.reservations.update(t1, "moved", { endMs: 500 }).ok).toBe(true);
    v.sim.run({ untilMs: 2000 });
    expect(v.log.kept.filter((r) => r.op === "beforeEnd").map((r) => r.timeMs)).toEqual([400]);
  });
});
