import { describe, expect, it } from "vitest";
import { SERVER_OPS, SERVER_TRANSITIONS, serverStatus, transition, type ServerState } from "./server-machine.js";

const STATES: ServerState[] = [
  { vmState: "building", taskState: "scheduling" },
  { vmState: "building", taskState: "spawning" },
  { vmState: "active", taskState: null },
  { vmState: "error", taskState: null },
  { vmState: "deleted", taskState: null },
];

describe("server transition table", () => {
  it("covers every state of the machine", () => {
    expect(Object.keys(SERVER_TRANSITIONS).sort()).toEqual(
      STATES.map((s) => `${s.vmState}/${s.taskState ?? "-"}`).sort(),
    );
  });

  // Every (state, op) cell: the legal ones are exactly these; all others are WRONG_STATE.
  const legal = new Set([
    "building/scheduling schedule.ok",
    "building/scheduling schedule.fail",
    "building/scheduling terminate",
    "building/spawning spawn.complete",
    "building/spawning terminate",
    "active/- terminate",
    "error/- terminate",
  ]);
  for (const state of STATES) {
    for (const op of SERVER_OPS) {
      const cell = `${state.vmState}/${state.taskState ?? "-"} ${op}`;
      it(`${cell} is ${legal.has(cell) ? "legal" : "WRONG_STATE"}`, () => {
        expect(transition(state, op) !== undefined).toBe(legal.has(cell));
      });
    }
  }

  it("DELETED is absorbing (INV-D4)", () => {
    for (const op of SERVER_OPS) expect(transition({ vmState: "deleted", taskState: null }, op)).toBeUndefined();
  });

  it("releases allocations exactly when leaving a state that holds them (INV-D5)", () => {
    expect(transition({ vmState: "active", taskState: null }, "terminate")?.effects).toContain("release");
    expect(transition({ vmState: "building", taskState: "spawning" }, "terminate")?.effects).toContain("release");
    expect(transition({ vmState: "error", taskState: null }, "terminate")?.effects).not.toContain("release");
    expect(transition({ vmState: "building", taskState: "scheduling" }, "schedule.ok")?.effects).toContain("claim");
  });

  it("maps states to API status (INV-D3)", () => {
    expect(STATES.map(serverStatus)).toEqual(["BUILD", "BUILD", "ACTIVE", "ERROR", "DELETED"]);
  });
});
