/**
 * Pool reservations with accelerator sets over random operation sequences (fast-check prints the seed
 * and the shrunk sequence on failure), through the service: after every step the accelerator table
 * and the hold book are sound (INV-F1, INV-F7), and every pool that holds capacity has exactly `count`
 * sets placed with its chunks, each chunk with sets holding cores of the pool, the chunks adding up to
 * the pool, and its held sets only on hosts of chunks that hold sets (no more there than the chunk's).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RC_MEMORY_MB, RC_VCPU } from "../../domain/index.js";
import { accRequest, accWorld, PROFILES, type AccWorld } from "../../testing/acc-world.js";
import { checkAccelerationInvariants } from "../acceleration/acc-invariants.js";
import { holdsCapacity } from "./reservation-machine.js";

const POOL_PROFILES = ["gpu2", "mixed"] as const;

type Command =
  | { kind: "pool"; profile: (typeof POOL_PROFILES)[number]; count: number; extraCores: number; ramMb: number; startMs: number; durationMs: number }
  | { kind: "allocate"; profile: (typeof POOL_PROFILES)[number]; count: number }
  | { kind: "bound"; pick: number; count: number }
  | { kind: "deleteServer"; pick: number }
  | { kind: "terminate"; pick: number }
  | { kind: "advance"; ms: number };

const profile = fc.constantFrom(...POOL_PROFILES);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("pool" as const), profile, count: fc.integer({ min: 1, max: 5 }), extraCores: fc.integer({ min: 0, max: 40 }), ramMb: fc.integer({ min: 0, max: 131072 }), startMs: fc.integer({ min: 0, max: 500 }), durationMs: fc.integer({ min: 500, max: 5_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("allocate" as const), profile, count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("bound" as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteServer" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("terminate" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 1, max: 1_000 }) }) },
);

function apply(w: AccWorld, c: Command): void {
  const resv = w.reservations!;
  const now = w.sim.nowMs;
  const pick = (n: number) => resv.query()[n % Math.max(1, resv.query().length)];
  switch (c.kind) {
    case "pool": {
      const pool = { numCpuCores: c.count + c.extraCores, virtualMemSizeMb: c.ramMb, numVcInstances: c.count + 1, acceleration: { deviceProfile: PROFILES[c.profile]!, count: c.count } };
      const r = resv.create({ tenantId: "t1", startMs: now + c.startMs, endMs: now + c.startMs + c.durationMs, beforeEndLeadMs: 0, pool });
      if (!r.ok) expect(["NO_VALID_HOST", "INVALID_ARGUMENT"]).toContain(r.error.kind);
      return;
    }
    case "allocate":
      w.compute.allocate(accRequest("t2", w.flavours[c.profile]!, c.count));
      return;
    case "bound": {
      const r = pick(c.pick);
      if (r?.poolAcceleration !== undefined) resv.allocateBound(r.reservationId, accRequest("t1", w.flavours[r.poolAcceleration.deviceProfile.name]!, c.count));
      return;
    }
    case "deleteServer": {
      const servers = w.compute.query();
      const s = servers[c.pick % Math.max(1, servers.length)];
      if (s !== undefined) w.compute.terminate(s.no);
      return;
    }
    case "terminate": {
      const r = pick(c.pick);
      if (r !== undefined) resv.terminate(r.reservationId);
      return;
    }
    case "advance":
      w.sim.run({ untilMs: now + c.ms });
  }
}

/** The pool rule's promises for every live pool with accelerators (see the file comment). */
function checkPools(w: AccWorld): void {
  for (const r of w.reservations!.query()) {
    if (r.poolAcceleration === undefined || !holdsCapacity(r.status) || r.shape.kind !== "pool") continue;
    const chunks = r.placements;
    expect(chunks.reduce((a, p) => a + (p.accSets ?? 0), 0)).toBe(r.poolAcceleration.count);
    expect(chunks.reduce((a, p) => a + p.amounts[RC_VCPU]!, 0)).toBe(r.shape.numCpuCores);
    expect(chunks.reduce((a, p) => a + p.amounts[RC_MEMORY_MB]!, 0)).toBe(r.shape.virtualMemSizeMb);
    for (const p of chunks) if ((p.accSets ?? 0) > 0) expect(p.amounts[RC_VCPU]).toBeGreaterThan(0);
    for (const [host, slots] of w.reservations!.accHolds.heldSlots(r.reservationId)) {
      expect(slots.length).toBeLessThanOrEqual(chunks.find((p) => p.host === host)?.accSets ?? 0);
    }
  }
}

describe("pool reservations with accelerator sets, over random sequences", () => {
  it("keep the table and the hold book sound, and every live pool's sets beside its cores", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        const w = accWorld(4, { reservations: true, keepRecords: false });
        for (const c of commands) {
          apply(w, c);
          expect(w.reservations!.accHoldProblem()).toBeNull();
          expect(checkAccelerationInvariants(w.acc, new Map(w.compute.query().map((s) => [s.id, s] as const)))).toBeNull();
          checkPools(w);
        }
        w.sim.run({ untilMs: w.sim.nowMs + 10_000 });
        expect(w.reservations!.accHolds.heldCount).toBe(0);
      }),
      { numRuns: 80 },
    );
  });
});
