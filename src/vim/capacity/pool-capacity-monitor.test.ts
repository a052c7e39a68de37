/**
 * Capacity thresholds on storage and network pools (INV-K1): a notification exactly at the steps
 * where the measure crosses its target (reservations included: a lease booked can push available
 * below it), none while it stays on one side, none after unsubscribe; checked against a recount after
 * every random step.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";
import type { PoolCapacityChangeNotification } from "../index.js";

describe("capacity thresholds on storage and network pools (INV-K1)", () => {
  it("notifies once going below and once coming back, a lease booked counting as a crossing", () => {
    const w = reservationWorld();
    const got: PoolCapacityChangeNotification[] = [];
    const sub = w.vim.capacity.subscribeResource(w.vim.admin, { resourceType: "storageGb", zoneId: "az1", measure: "available", targetValue: 300 }, (n) => got.push(n));
    expect(sub.ok).toBe(true);
    expect(w.vim.storage.create({ userId: "t1-member" }, { zoneId: "az1", sizeOfStorageGb: 500 }).ok).toBe(true);
    expect(got).toEqual([]);
    // 500 GB left; a lease of 300 GB leaves 200 available: DOWN.
    expect(w.vim.reservations.create(w.vim.admin, { tenantId: "t1", zoneId: "az1", startMs: 10, endMs: 20, storagePool: { storageSizeGb: 300 } }).ok).toBe(true);
    expect(w.vim.storage.create({ userId: "t1-member" }, { zoneId: "az1", sizeOfStorageGb: 100 }).ok).toBe(true);
    w.sim.run({ untilMs: 25 });
    expect(got.map((n) => [n.direction, n.value, n.timeMs, n.pool])).toEqual([
      ["DOWN", 200, 0, "storage"],
      ["UP", 400, 20, "storage"],
    ]);
    expect(w.vim.capacity.list(w.vim.admin)).toEqual({ ok: true, value: [sub.ok ? sub.value : ""] });
    expect(w.vim.capacity.unsubscribe(w.vim.admin, sub.ok ? sub.value : "").ok).toBe(true);
    expect(w.vim.storage.create({ userId: "t1-member" }, { zoneId: "az1", sizeOfStorageGb: 300 }).ok).toBe(true);
    expect(got).toHaveLength(2);
  });

  it("refuses an unknown network or zone and a non-cloud caller", () => {
    const w = reservationWorld();
    const kind = (r: { ok: boolean; error?: { kind: string } }) => (r.ok ? "ok" : r.error!.kind);
    expect(kind(w.vim.capacity.subscribeResource(w.vim.admin, { resourceType: "ports", networkId: "net-9", measure: "available", targetValue: 1 }, () => {}))).toBe("NOT_FOUND");
    expect(kind(w.vim.capacity.subscribeResource(w.vim.admin, { resourceType: "storageGb", zoneId: "az7", measure: "available", targetValue: 1 }, () => {}))).toBe("NOT_FOUND");
    expect(kind(w.vim.capacity.subscribeResource({ userId: "t1-member" }, { resourceType: "publicIps", measure: "available", targetValue: 1 }, () => {}))).toBe("FORBIDDEN");
  });

  it("matches a recount of the side after every random step", () => {
    type Op = { kind: "ip" | "release" | "lease" | "terminate" | "wait"; n: number };
    const op = fc.record({ kind: fc.constantFrom<Op["kind"]>("ip", "release", "lease", "terminate", "wait"), n: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 150, max: 250 }), (ops, target) => {
        const w = reservationWorld();
        const got: PoolCapacityChangeNotification[] = [];
        expect(w.vim.capacity.subscribeResource(w.vim.admin, { resourceType: "publicIps", measure: "available", targetValue: target }, (n) => got.push(n)).ok).toBe(true);
        const available = () => {
          const q = w.vim.capacity.queryResource(w.vim.admin, { resourceType: "publicIps" });
          return q.ok ? q.value.availableCapacity : Number.NaN;
        };
        let below = available() < target;
        let expected = 0;
        for (const o of ops) {
          const now = w.sim.nowMs;
          if (o.kind === "ip") for (let i = 0; i < o.n % 8; i++) w.network.allocatePublicIp({ tenantId: "t2" });
          else if (o.kind === "release") w.network.releasePublicIp(`fip-${o.n}`);
          else if (o.kind === "lease") w.networkReservations.create({ tenantId: "t1", startMs: now + o.n, endMs: now + 2 * o.n, network: { numPublicIps: o.n } });
          else if (o.kind === "terminate") w.networkReservations.terminate(`nresv-${o.n % 6}`);
          else w.sim.run({ untilMs: now + o.n });
          const side = available() < target;
          if (side !== below) expected++;
          below = side;
          expect(got).toHaveLength(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
