/**
 * Storage reservations through the façade (vim.reservations with a storage pool, vim.storage.create
 * with a reservationId) on a 1000 GB backend: admission over the window (INV-C1), isolation of held
 * GB (C2), bounded consumption (C3), expiry unused (C4), reclaim at the end by policy (C5, C9), tenant
 * scoping and bad input; then admission against a brute-force reference over random leases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";
import type { VimNotification } from "../change/notifications.js";
import type { StorageReservationRecord } from "./storage-reservation.js";

const t1 = { userId: "t1-member" };
const t2 = { userId: "t2-member" };
const pool = (storageSizeGb: number, numVolumes?: number) => ({ storageSizeGb, ...(numVolumes === undefined ? {} : { numVolumes }) });

describe("storage reservations", () => {
  it("admits over the whole window against ordinary volumes and other leases (INV-C1)", () => {
    const w = reservationWorld();
    expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 300 }).ok).toBe(true);
    expect(w.vim.reservations.create(t1, { zoneId: "az1", startMs: 100, endMs: 200, storagePool: pool(500) }).ok).toBe(true);
    // 300 ordinary + 500 over [100, 200): another 300 overlapping is refused, back-to-back it fits.
    expect(w.vim.reservations.create(t1, { zoneId: "az1", startMs: 150, endMs: 250, storagePool: pool(300) })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(w.vim.reservations.create(t1, { zoneId: "az1", startMs: 200, endMs: 300, storagePool: pool(700) }).ok).toBe(true);
    expect(w.vim.reservations.create(t1, { zoneId: "az1", storagePool: pool(2000) })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { zoneId: "az9", storagePool: pool(1) })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.reservations.create(t1, { storagePool: pool(1) })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { zoneId: "az1", storagePool: pool(0) })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(w.vim.reservations.create(t1, { zoneId: "az1", storagePool: pool(1), container: { flavourId: "small", count: 1 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
  });

  it("keeps ordinary volumes off held GB, even before the lease starts (INV-C2)", () => {
    const w = reservationWorld();
    expect(w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "s1", startMs: 100, endMs: 200, storagePool: pool(600) }).ok).toBe(true);
    // Ordinary volumes have no end: the GB promised from 100 on is not theirs now either.
    const refused = w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 401 });
    expect(refused).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(refused.ok ? "" : refused.error.message).toContain("600 GB held for reservations");
    expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 400 }).ok).toBe(true);
  });

  it("lets volumes naming the reservation draw up to its GB and volume count, only while ACTIVE (INV-C3)", () => {
    const w = reservationWorld();
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "s1", startMs: 100, endMs: 1000, storagePool: pool(100, 2) });
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 10, reservationId: "s1" })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    w.sim.run({ untilMs: 101 });
    const v1 = w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 60, reservationId: "s1" });
    expect(v1.ok).toBe(true);
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 50, reservationId: "s1" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 10, reservationId: "s1" })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(w.vim.storage.extend(t1, "vol-1", 90).ok).toBe(true);
    expect(w.vim.storage.extend(t1, "vol-1", 101)).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 10, reservationId: "s1" }).ok).toBe(true);
    // Two volumes is the count, even with GB left.
    expect(w.vim.storage.delete(t1, "vol-2").ok).toBe(true);
    expect(w.storageReservations.get("s1")!.boundGb).toBe(90);
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 5, reservationId: "s1" })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    // The backend's used GB counts bound volumes once: 90 of 1000, with 10 more held for s1.
    expect(w.storage.backendUsage("az1")!.usedGb).toBe(90);
    expect(w.storageReservations.heldGb("az1")).toBe(10);
  });

  it("releases an unused reservation at its expiry, and keeps a used one (INV-C4)", () => {
    const w = reservationWorld();
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "idle", endMs: 1000, expiryMs: 100, storagePool: pool(500) });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "busy", endMs: 1000, expiryMs: 100, storagePool: pool(400) });
    w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 10, reservationId: "busy" });
    w.sim.run({ untilMs: 101 });
    expect(w.storageReservations.get("idle")!.status.ifa).toBe("EXPIRED");
    expect(w.storageReservations.get("busy")!.status.ifa).toBe("ACTIVE");
    expect(w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 5, reservationId: "idle" })).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    // 10 bound + 390 still held: 600 for ordinary volumes.
    expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 600 }).ok).toBe(true);
  });

  it("deletes bound volumes at the end (detached first), or keeps them as ordinary usage (INV-C5, C9)", () => {
    const w = reservationWorld();
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "del", endMs: 100, storagePool: pool(200) });
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "keep", endMs: 100, reclaim: "keep", storagePool: pool(200) });
    w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 50, reservationId: "del" });
    w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 70, reservationId: "keep" });
    const vm = w.vim.compute.allocate(t1, { flavourId: "small" });
    expect(vm.ok).toBe(true);
    w.sim.run({ untilMs: 50 });
    expect(w.vim.storage.attach(t1, "vol-1", "vm-1").ok).toBe(true);
    w.sim.run({ untilMs: 101 });
    expect(w.storageReservations.get("del")!.status.ifa).toBe("TERMINATED");
    expect(w.storage.volume("vol-1")).toBeUndefined();
    expect(w.storage.volume("vol-2")?.status).toBe("available");
    expect(w.storageReservations.get("keep")!.bound.size).toBe(0);
    expect(w.storage.backendUsage("az1")!.usedGb).toBe(70);
    expect(w.storageReservations.heldGb("az1")).toBe(0);
    // Terminate: a pending lease's GB is free in the same step.
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "later", startMs: 500, storagePool: pool(900) });
    expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 100 })).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    expect(w.vim.reservations.terminate(t2, ["later"])).toEqual({ ok: true, value: [] });
    expect(w.vim.reservations.terminate(t1, ["later"])).toEqual({ ok: true, value: ["later"] });
    expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: 100 }).ok).toBe(true);
  });

  it("is tenant-scoped in queries and reported by ReservationChangeNotifications", () => {
    const w = reservationWorld();
    const seen: VimNotification[] = [];
    w.vim.changes.subscribe(t1, { resourceTypes: ["reservation"] }, (n) => seen.push(n));
    w.vim.reservations.create(t1, { zoneId: "az1", reservationId: "s1", endMs: 50, storagePool: pool(10) });
    w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: 4, reservationId: "s1" });
    w.sim.run({ untilMs: 51 });
    // create, start (immediate use), consume, end: one notification each, the last with the volume reclaimed.
    expect(seen.map((n) => (n.kind === "change" ? n.changeType : n.kind))).toHaveLength(4);
    expect(w.storage.volume("vol-1")).toBeUndefined();
    const mine = w.vim.reservations.query(t1);
    expect(mine.ok && mine.value.map((r) => [r.reservationId, r.reservationStatus, (r.storagePoolReserved as { storageSize: number }).storageSize])).toEqual([["s1", "TERMINATED", 10]]);
    expect(w.vim.reservations.query(t2)).toEqual({ ok: true, value: [] });
  });
});

/** Reference admission: every millisecond of the window, ordinary GB + the other leases active then + asked ≤ capacity. */
function bruteForceAdmits(leases: readonly { fromMs: number; toMs: number; gb: number }[], ordinaryGb: number, capacityGb: number, ask: { fromMs: number; toMs: number; gb: number }): boolean {
  for (let t = ask.fromMs; t < ask.toMs; t++) {
    const committed = leases.filter((l) => l.fromMs <= t && t < l.toMs).reduce((s, l) => s + l.gb, 0);
    if (ordinaryGb + committed + ask.gb > capacityGb) return false;
  }
  return true;
}

describe("storage admission against a brute-force reference (INV-C1)", () => {
  it("admits exactly when every instant of the window has room", () => {
    const lease = fc.record({ fromMs: fc.integer({ min: 0, max: 40 }), lengthMs: fc.integer({ min: 1, max: 30 }), gb: fc.integer({ min: 1, max: 500 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.array(lease, { maxLength: 12 }), (ordinaryGb, asks) => {
        const w = reservationWorld();
        if (ordinaryGb > 0) w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: ordinaryGb });
        const admitted: { fromMs: number; toMs: number; gb: number }[] = [];
        for (const a of asks) {
          const ask = { fromMs: a.fromMs, toMs: a.fromMs + a.lengthMs, gb: a.gb };
          const expected = bruteForceAdmits(admitted, ordinaryGb, 1000, ask);
          const r = w.vim.reservations.create(t1, { zoneId: "az1", startMs: ask.fromMs, endMs: ask.toMs, storagePool: pool(ask.gb) });
          expect(r.ok).toBe(expected);
          if (r.ok) admitted.push(ask);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Reference of the GB held from `nowMs` on: the most any later instant commits to live leases, less what their volumes drew. */
function bruteForceHeldGb(leases: readonly StorageReservationRecord[], nowMs: number): number {
  const live = leases.filter((r) => r.status.lease === "PENDING" || r.status.lease === "ACTIVE");
  let most = 0;
  for (let t = nowMs; t <= nowMs + 200; t++) most = Math.max(most, live.filter((r) => r.times.startMs <= t && t < r.times.endMs).reduce((s, r) => s + r.storagePool.storageSizeGb, 0));
  return most - live.reduce((s, r) => s + r.boundGb, 0);
}

describe("storage reservations under random operations (INV-C2, C3)", () => {
  type Op =
    | { kind: "lease"; fromMs: number; lengthMs: number; gb: number; volumes: number }
    | { kind: "ordinary"; gb: number }
    | { kind: "bound"; lease: number; gb: number }
    | { kind: "delete"; volume: number }
    | { kind: "update"; lease: number; lengthMs: number; gb: number }
    | { kind: "wait"; ms: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant("lease" as const), fromMs: fc.integer({ min: 0, max: 50 }), lengthMs: fc.integer({ min: 1, max: 40 }), gb: fc.integer({ min: 1, max: 400 }), volumes: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant("ordinary" as const), gb: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant("bound" as const), lease: fc.integer({ min: 1, max: 6 }), gb: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant("delete" as const), volume: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant("update" as const), lease: fc.integer({ min: 1, max: 6 }), lengthMs: fc.integer({ min: 1, max: 60 }), gb: fc.integer({ min: 1, max: 500 }) }),
    fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 20 }) }),
  );

  it("never overfills the backend, never lets a lease bind more than it holds, and keeps ordinary volumes off held GB", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const w = reservationWorld();
        for (const o of ops) {
          const now = w.sim.nowMs;
          if (o.kind === "lease") w.vim.reservations.create(t1, { zoneId: "az1", startMs: now + o.fromMs, endMs: now + o.fromMs + o.lengthMs, storagePool: pool(o.gb, o.volumes) });
          else if (o.kind === "bound") w.vim.storage.create(t1, { zoneId: "az1", sizeOfStorageGb: o.gb, reservationId: `sresv-${o.lease}` });
          else if (o.kind === "delete") w.storage.delete(`vol-${o.volume}`);
          else if (o.kind === "update") {
            // UpdateStorageResourceReservation: a refusal changes nothing (times and GB as they were).
            const r = w.storageReservations.get(`sresv-${o.lease}`);
            const before = r === undefined ? undefined : { times: r.times, pool: r.storagePool };
            const u = w.storageReservations.update(`sresv-${o.lease}`, { endMs: Math.max(now, r?.times.startMs ?? now) + o.lengthMs, storagePool: pool(o.gb) });
            if (!u.ok && r !== undefined) expect({ times: r.times, pool: r.storagePool }).toEqual(before);
          }
          else if (o.kind === "wait") w.sim.run({ untilMs: now + o.ms });
          else {
            const heldBefore = w.storageReservations.heldGb("az1");
            const usedBefore = w.storage.backendUsage("az1")!.usedGb;
            // C2: an ordinary volume is created exactly when it fits next to the held GB.
            expect(w.vim.storage.create(t2, { zoneId: "az1", sizeOfStorageGb: o.gb }).ok).toBe(usedBefore + heldBefore + o.gb <= 1000);
          }
          const used = w.storage.backendUsage("az1")!.usedGb;
          expect(used).toBeLessThanOrEqual(1000);
          expect(w.storageReservations.heldGb("az1")).toBe(bruteForceHeldGb(w.storageReservations.query(), w.sim.nowMs));
          for (const r of w.storageReservations.query()) {
            // C3: what is bound never exceeds the lease, and only an ACTIVE lease has volumes bound (C4, C5).
            expect(r.boundGb).toBeLessThanOrEqual(r.storagePool.storageSizeGb);
            expect(r.volumesBound).toBeLessThanOrEqual(r.storagePool.numVolumes ?? Number.POSITIVE_INFINITY);
            if (r.status.ifa !== "ACTIVE") expect(r.bound.size).toBe(0);
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
