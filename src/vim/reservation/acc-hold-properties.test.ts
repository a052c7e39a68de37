/**
 * Reservations holding accelerator handles over random operation sequences (fast-check prints the
 * seed and the shrunk sequence on failure): after every step the table is sound with the holds in it
 * (held + bound ≤ handles per device, INV-F1), every held handle belongs to a live reservation on its
 * slot's host and the book agrees with the table (INV-F7), and, as long as no device has failed, a
 * reserved server of an ACTIVE lease with a free slot always finds its handles (C2 for handles).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accWorld, type AccWorld } from "../../testing/acc-world.js";
import { checkAccelerationInvariants } from "../acceleration/acc-invariants.js";
import type { FlavourSpec } from "../compute/flavour.js";

const PROFILES = ["gpu2", "mixed", "fec", "ipsec"] as const;

type Command =
  | { kind: "reserve"; profile: (typeof PROFILES)[number]; count: number; startMs: number; durationMs: number }
  | { kind: "allocate"; profile: (typeof PROFILES)[number]; count: number }
  | { kind: "bound"; pick: number; count: number }
  | { kind: "deleteServer"; pick: number }
  | { kind: "terminate"; pick: number }
  | { kind: "advance"; ms: number }
  | { kind: "fault"; device: number };

const profile = fc.constantFrom(...PROFILES);
// Weighted towards contention: ordinary demand and reserved servers competing for a few handles.
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reserve" as const), profile, count: fc.integer({ min: 1, max: 3 }), startMs: fc.integer({ min: 0, max: 500 }), durationMs: fc.integer({ min: 500, max: 5_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("allocate" as const), profile, count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("bound" as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteServer" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("terminate" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 1, max: 1_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fault" as const), device: fc.nat() }) },
);

const request = (tenant: string, flavour: FlavourSpec, count: number) => ({ tenant, flavour, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: Array.from({ length: count }, () => 100), measured: true });

/** Applies one command; returns whether a device has failed (the isolation promise then no longer holds). */
function apply(w: AccWorld, c: Command, faulted: boolean): boolean {
  const resv = w.reservations!;
  const now = w.sim.nowMs;
  switch (c.kind) {
    case "reserve":
      resv.create({ tenantId: "t1", startMs: now + c.startMs, endMs: now + c.startMs + c.durationMs, beforeEndLeadMs: 0, container: { flavour: w.flavours[c.profile]!, count: c.count } });
      return faulted;
    case "allocate":
      w.compute.allocate(request("t2", w.flavours[c.profile]!, c.count));
      return faulted;
    case "bound": {
      const all = resv.query();
      const r = all[c.pick % Math.max(1, all.length)];
      if (r === undefined) return faulted;
      const flavour = Object.values(w.flavours).find((f) => f.id === r.flavourId)!;
      const freeSlots = r.placements.length - r.bindings.size;
      const result = resv.allocateBound(r.reservationId, request("t1", flavour, c.count));
      // C2 for handles: an ACTIVE lease with the slots free always places its servers (no fault meanwhile).
      if (!faulted && r.status.ifa === "ACTIVE" && c.count <= freeSlots) expect(result.ok && result.value.failure, `${r.reservationId} refused its own server`).toBeUndefined();
      return faulted;
    }
    case "deleteServer": {
      const servers = w.compute.query();
      const s = servers[c.pick % Math.max(1, servers.length)];
      if (s !== undefined) w.compute.terminate(s.no);
      return faulted;
    }
    case "terminate": {
      const all = resv.query();
      const r = all[c.pick % Math.max(1, all.length)];
      if (r !== undefined) resv.terminate(r.reservationId);
      return faulted;
    }
    case "advance":
      w.sim.run({ untilMs: now + c.ms });
      return faulted;
    case "fault": {
      const d = w.acc.pool.devices[c.device % w.acc.pool.devices.length]!;
      return w.acc.disableDevice(d.id, "card failure").ok || faulted;
    }
  }
}

describe("reservations holding accelerator handles, over random sequences", () => {
  it("keep the table and the hold book sound, and the held handles for the lease's own servers", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 30 }), (commands) => {
        const w = accWorld(2, { reservations: true, keepRecords: false });
        let faulted = false;
        for (const c of commands) {
          faulted = apply(w, c, faulted);
          expect(w.reservations!.accHoldProblem()).toBeNull();
          expect(checkAccelerationInvariants(w.acc, new Map(w.compute.query().map((s) => [s.id, s] as const)))).toBeNull();
        }
        // Once every lease is over, nothing is held.
        w.sim.run({ untilMs: w.sim.nowMs + 10_000 });
        expect(w.reservations!.accHolds.heldCount).toBe(0);
      }),
      {
        numRuns: 100,
        // The lease's two slots fill h00's GPU; ordinary demand for four must not take them.
        examples: [[[{ kind: "reserve", profile: "gpu2", count: 2, startMs: 0, durationMs: 1_000 }, { kind: "allocate", profile: "gpu2", count: 2 }, { kind: "allocate", profile: "gpu2", count: 2 }, { kind: "bound", pick: 0, count: 2 }] as Command[]]],
      },
    );
  });
});
