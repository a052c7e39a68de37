/**
 * Network reservations under random operations (INV-C1, C2, C3): leases of public IPs and VLAN ids
 * over random windows, ordinary and bound allocations, releases, updates, terminations and time. After
 * every step no pool is overfilled, what is held from now on equals a brute-force sweep of the live
 * leases (the kept maximum of held-max.ts never drifts), an ordinary allocation succeeds exactly when
 * it fits beside what is held, and only ACTIVE leases have resources bound, never more than they hold.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reservationWorld } from "../../testing/reservation-world.js";
import type { NetworkReservationRecord } from "./network-reservation.js";

const SMALL_VLAN = { vlan: [100, 119] as const, vxlan: [1, 1000] as const, flatNetworks: ["physnet1"] };
const POOLS = { publicIp: 253, "segment:vlan": 20 } as const;
type Pool = keyof typeof POOLS;

/** Reference of what is held from `nowMs` on: the most any later instant commits to live leases, less what their resources drew. */
function bruteForceHeld(leases: readonly NetworkReservationRecord[], pool: Pool, nowMs: number): number {
  const live = leases.filter((r) => r.status.lease === "PENDING" || r.status.lease === "ACTIVE");
  const amount = (r: NetworkReservationRecord) => r.amounts.find(([p]) => p === pool)?.[1] ?? 0;
  let most = 0;
  for (let t = nowMs; t <= nowMs + 200; t++) most = Math.max(most, live.filter((r) => r.times.startMs <= t && t < r.times.endMs).reduce((s, r) => s + amount(r), 0));
  return most - live.reduce((s, r) => s + (r.boundByPool.get(pool) ?? 0), 0);
}

type Op =
  | { kind: "lease"; fromMs: number; lengthMs: number; ips: number; vlans: number }
  | { kind: "ordinary"; pool: Pool }
  | { kind: "bound"; lease: number; pool: Pool }
  | { kind: "release"; item: number }
  | { kind: "update"; lease: number; lengthMs: number; ips: number }
  | { kind: "terminate"; lease: number }
  | { kind: "wait"; ms: number };

const pool = fc.constantFrom<Pool>("publicIp", "segment:vlan");
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("lease" as const), fromMs: fc.integer({ min: 0, max: 50 }), lengthMs: fc.integer({ min: 1, max: 40 }), ips: fc.integer({ min: 0, max: 120 }), vlans: fc.integer({ min: 0, max: 8 }) }),
  fc.record({ kind: fc.constant("ordinary" as const), pool }),
  fc.record({ kind: fc.constant("bound" as const), lease: fc.integer({ min: 1, max: 6 }), pool }),
  fc.record({ kind: fc.constant("release" as const), item: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant("update" as const), lease: fc.integer({ min: 1, max: 6 }), lengthMs: fc.integer({ min: 1, max: 60 }), ips: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant("terminate" as const), lease: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 20 }) }),
);

describe("network reservations under random operations (INV-C1, C2, C3)", () => {
  it("never overfill a pool, keep ordinary allocations off held items, and hold exactly what a sweep finds", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const w = reservationWorld({ segmentation: SMALL_VLAN });
        const s = w.networkReservations;
        const net = w.network;
        const allocate = (p: Pool, reservationId?: string) =>
          p === "publicIp" ? net.allocatePublicIp({ tenantId: reservationId === undefined ? "t2" : "t1", ...(reservationId === undefined ? {} : { reservationId }) }) : net.createNetwork({ tenantId: reservationId === undefined ? "t2" : "t1", networkType: "vlan", ...(reservationId === undefined ? {} : { reservationId }) });
        for (const o of ops) {
          const now = w.sim.nowMs;
          if (o.kind === "lease") {
            if (o.ips + o.vlans > 0) s.create({ tenantId: "t1", startMs: now + o.fromMs, endMs: now + o.fromMs + o.lengthMs, network: { ...(o.ips > 0 ? { numPublicIps: o.ips } : {}), ...(o.vlans > 0 ? { numSegments: o.vlans } : {}) } });
          } else if (o.kind === "bound") allocate(o.pool, `nresv-${o.lease}`);
          else if (o.kind === "release") net.reclaim(net.publicIp(`fip-${o.item}`) !== undefined ? `fip-${o.item}` : `net-${o.item}`);
          else if (o.kind === "update") s.update(`nresv-${o.lease}`, { endMs: Math.max(now, s.get(`nresv-${o.lease}`)?.times.startMs ?? now) + o.lengthMs, network: { numPublicIps: o.ips } });
          else if (o.kind === "terminate") s.terminate(`nresv-${o.lease}`);
          else if (o.kind === "wait") w.sim.run({ untilMs: now + o.ms });
          else {
            const free = POOLS[o.pool] - net.poolInUse(o.pool) - s.held(o.pool);
            // C2: an ordinary allocation succeeds exactly when it fits beside what is held.
            expect(allocate(o.pool).ok).toBe(free >= 1);
          }
          for (const p of Object.keys(POOLS) as Pool[]) {
            expect(net.poolInUse(p)).toBeLessThanOrEqual(POOLS[p]);
            expect(s.held(p)).toBe(bruteForceHeld(s.query(), p, w.sim.nowMs));
          }
          expect(s.problem()).toBeNull();
          for (const r of s.query()) {
            // C3: what is bound never exceeds the lease, and only an ACTIVE lease has resources bound (C4, C5).
            for (const [p, n] of r.boundByPool) expect(n).toBeLessThanOrEqual(r.amounts.find(([q]) => q === p)?.[1] ?? 0);
            if (r.status.ifa !== "ACTIVE") expect(r.bound.size).toBe(0);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
