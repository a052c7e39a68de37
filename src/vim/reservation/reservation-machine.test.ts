/**
 * The reservation tables cell by cell (rule 10): every (status, op) pair either follows Blazar's lease
 * edges into an allowed combination, or is refused; and every status reachable from the initial one
 * is an allowed combination (INV-C6).
 */
import { describe, expect, it } from "vitest";
import { INITIAL_STATUS, isAllowedCombination, LEASE_EDGES, RESERVATION_OPS, reservationTransition, type ReservationOp, type ReservationStatus } from "./reservation-machine.js";

/** Every status reachable from the initial one, by breadth-first search over the ops. */
function reachable(): ReservationStatus[] {
  const seen = new Map<string, ReservationStatus>([[JSON.stringify(INITIAL_STATUS), INITIAL_STATUS]]);
  const queue = [INITIAL_STATUS];
  while (queue.length > 0) {
    const s = queue.shift()!;
    for (const op of RESERVATION_OPS) {
      const t = reservationTransition(s, op);
      if (t === undefined || seen.has(JSON.stringify(t.next))) continue;
      seen.set(JSON.stringify(t.next), t.next);
      queue.push(t.next);
    }
  }
  return [...seen.values()];
}

/** Which ops each stable lease status admits (written out from Blazar's table, not derived). */
const LEGAL: Record<string, readonly ReservationOp[]> = {
  PENDING: ["start", "update", "terminate", "fail"],
  ACTIVE: ["beforeEnd", "end", "expire", "update", "terminate"],
  TERMINATED: ["terminate"],
  ERROR: ["terminate"],
  DELETED: [],
};

describe("reservation state tables", () => {
  const states = reachable();

  it("reaches every stable lease status, each in an allowed combination", () => {
    expect([...new Set(states.map((s) => s.lease))].sort()).toEqual(["ACTIVE", "DELETED", "ERROR", "PENDING", "TERMINATED"]);
    for (const s of states) expect(isAllowedCombination(s), JSON.stringify(s)).toBe(true);
  });

  it("takes only Blazar's lease edges, and refuses every other cell", () => {
    for (const s of states) {
      for (const op of RESERVATION_OPS) {
        const t = reservationTransition(s, op);
        const legal = LEGAL[s.lease]!.includes(op) && !(op === "beforeEnd" && s.beforeEndEvent !== "UNDONE");
        expect(t !== undefined, `${s.lease} ${op}`).toBe(legal);
        if (t === undefined) continue;
        let at = s.lease;
        for (const next of t.path) {
          expect(LEASE_EDGES[at], `${at} → ${next}`).toContain(next);
          at = next;
        }
        expect(at).toBe(t.next.lease);
      }
    }
  });

  it("reports expiry and consumer termination apart from the end of the window", () => {
    const active = reservationTransition(INITIAL_STATUS, "start")!.next;
    expect(reservationTransition(active, "end")!.next.ifa).toBe("TERMINATED");
    expect(reservationTransition(active, "expire")!.next.ifa).toBe("EXPIRED");
    expect(reservationTransition(active, "terminate")!.next.ifa).toBe("CANCELLED");
    expect(reservationTransition(reservationTransition(active, "end")!.next, "terminate")!.next.ifa).toBe("TERMINATED");
  });
});
