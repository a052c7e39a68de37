/**
 * QueryResourceCapacity for storage GB and public IPs under random reservation and allocation steps
 * (INV-A9, with C2 as its meaning): after every step each pool's four values are a fresh recount —
 * total the pool's size, allocated the live volumes' GB (addresses in use), reserved a brute-force
 * sweep of the live leases less what their resources drew — they satisfy
 * total = available + reserved + allocated exactly, and available is what an ordinary request can
 * take: that much succeeds, one more is EXHAUSTED. A future instant of a window reads the sweep from
 * that instant on.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reservationWorld, type ReservationWorld } from "../../testing/reservation-world.js";
import type { PoolCapacityQuery } from "../index.js";

interface Lease {
  readonly startMs: number;
  readonly endMs: number;
  readonly amount: number;
  readonly bound: number;
}

/** Reference: the most committed at any instant from `atMs` on, less what is bound to leases still open at `atMs`. */
function sweepReserved(leases: readonly Lease[], atMs: number): number {
  const starts = [atMs, ...leases.map((l) => l.startMs).filter((t) => t > atMs)];
  const most = Math.max(0, ...starts.map((t) => leases.filter((l) => l.startMs <= t && t < l.endMs).reduce((s, l) => s + l.amount, 0)));
  return most - leases.filter((l) => atMs < l.endMs).reduce((s, l) => s + l.bound, 0);
}

const holding = (status: string) => status === "PENDING" || status === "ACTIVE";

function storageLeases(w: ReservationWorld): Lease[] {
  return w.storageReservations.query().filter((r) => holding(r.status.lease)).map((r) => ({ startMs: r.times.startMs, endMs: r.times.endMs, amount: r.storagePool.storageSizeGb, bound: r.boundGb }));
}

function ipLeases(w: ReservationWorld): Lease[] {
  return w.networkReservations
    .query()
    .filter((r) => holding(r.status.lease))
    .map((r) => ({ startMs: r.times.startMs, endMs: r.times.endMs, amount: r.amounts.find(([p]) => p === "publicIp")?.[1] ?? 0, bound: r.boundByPool.get("publicIp") ?? 0 }));
}

type Op =
  | { kind: "storageLease" | "ipLease"; fromMs: number; lengthMs: number; amount: number }
  | { kind: "volume"; lease: number; gb: number }
  | { kind: "ip"; lease: number }
  | { kind: "delete"; item: number }
  | { kind: "extend"; lengthMs: number; lease: number }
  | { kind: "terminate"; lease: number }
  | { kind: "wait"; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom("storageLease" as const, "ipLease" as const), fromMs: fc.integer({ min: 0, max: 50 }), lengthMs: fc.integer({ min: 1, max: 40 }), amount: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("volume" as const), lease: fc.integer({ min: 0, max: 4 }), gb: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant("ip" as const), lease: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant("delete" as const), item: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant("extend" as const), lease: fc.integer({ min: 1, max: 4 }), lengthMs: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("terminate" as const), lease: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 20 }) }),
);

function apply(w: ReservationWorld, o: Op): void {
  const now = w.sim.nowMs;
  const window = (x: { fromMs: number; lengthMs: number }) => ({ startMs: now + x.fromMs, endMs: now + x.fromMs + x.lengthMs });
  if (o.kind === "storageLease") w.storageReservations.create({ tenantId: "t1", zoneId: "az1", ...window(o), storagePool: { storageSizeGb: o.amount } });
  else if (o.kind === "ipLease") w.networkReservations.create({ tenantId: "t1", ...window(o), network: { numPublicIps: Math.min(o.amount, 253) } });
  else if (o.kind === "volume") w.storage.create({ tenantId: "t1", zoneId: "az1", sizeOfStorageGb: o.gb, ...(o.lease === 0 ? {} : { reservationId: `sresv-${o.lease}` }) });
  else if (o.kind === "ip") w.network.allocatePublicIp({ tenantId: "t1", ...(o.lease === 0 ? {} : { reservationId: `nresv-${o.lease}` }) });
  else if (o.kind === "delete") {
    w.storage.delete(`vol-${o.item}`);
    w.network.releasePublicIp(`fip-${o.item}`);
  } else if (o.kind === "extend") {
    for (const id of [`sresv-${o.lease}`, `nresv-${o.lease}`]) w.vim.reservations.update(w.vim.admin, id, { endMs: now + o.lengthMs });
  } else if (o.kind === "terminate") w.vim.reservations.terminate(w.vim.admin, [`sresv-${o.lease}`, `nresv-${o.lease}`]);
  else if (o.kind === "wait") w.sim.run({ untilMs: now + o.ms });
}

/** The façade's answer; a refusal fails the test. */
function capacity(w: ReservationWorld, q: PoolCapacityQuery) {
  const r = w.vim.capacity.queryResource(w.vim.admin, q);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The answer is a recount, satisfies A9, and `available` is exactly what an ordinary request may take (C2). */
function checkStorage(w: ReservationWorld): void {
  const c = capacity(w, { resourceType: "storageGb", zoneId: "az1" });
  expect(c.totalCapacity).toBe(1000);
  expect(c.allocatedCapacity).toBe(w.storage.query().reduce((s, v) => s + v.sizeOfStorageGb, 0));
  expect(c.reservedCapacity).toBe(sweepReserved(storageLeases(w), w.sim.nowMs));
  expect(c.totalCapacity).toBe(c.availableCapacity + c.reservedCapacity + c.allocatedCapacity);
  expect(w.storage.create({ tenantId: "t2", zoneId: "az1", sizeOfStorageGb: Math.max(1, c.availableCapacity + 1) }).ok).toBe(false);
  if (c.availableCapacity > 0) {
    const probe = w.storage.create({ tenantId: "t2", zoneId: "az1", sizeOfStorageGb: c.availableCapacity });
    expect(probe.ok).toBe(true);
    if (probe.ok) w.storage.delete(probe.value.storageId);
  }
}

function checkPublicIps(w: ReservationWorld): void {
  const c = capacity(w, { resourceType: "publicIps" });
  expect(c.totalCapacity).toBe(253);
  expect(c.allocatedCapacity).toBe(w.network.queryPublicIps().length);
  expect(c.reservedCapacity).toBe(sweepReserved(ipLeases(w), w.sim.nowMs));
  expect(c.totalCapacity).toBe(c.availableCapacity + c.reservedCapacity + c.allocatedCapacity);
}

/** Over a window, every instant read is the sweep from that instant on, and the answer is the least available. */
function checkWindow(w: ReservationWorld): void {
  const now = w.sim.nowMs;
  const c = capacity(w, { resourceType: "storageGb", zoneId: "az1", timeWindow: { fromMs: now, toMs: now + 100 } });
  expect(c.totalCapacity).toBe(c.availableCapacity + c.reservedCapacity + c.allocatedCapacity);
  expect(c.atMs).toBeGreaterThanOrEqual(now);
  expect(c.reservedCapacity).toBe(sweepReserved(storageLeases(w), c.atMs));
  const instants = [now, ...storageLeases(w).flatMap((l) => [l.startMs, l.endMs]).filter((t) => t > now && t <= now + 100)];
  const leastReserved = Math.max(...instants.map((t) => sweepReserved(storageLeases(w), t)));
  expect(c.reservedCapacity).toBe(leastReserved);
}

describe("QueryResourceCapacity for storage and public IPs under random steps (INV-A9, C2)", () => {
  it("is a fresh recount, holds total = available + reserved + allocated, and available is what an ordinary request gets", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const w = reservationWorld();
        for (const o of ops) {
          apply(w, o);
          checkStorage(w);
          checkPublicIps(w);
          checkWindow(w);
        }
      }),
      { numRuns: 60 },
    );
  });
});
