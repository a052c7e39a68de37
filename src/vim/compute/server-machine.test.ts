import { describe, expect, it } from "vitest";
import { DELETED, SERVER_OPS, SERVER_STATES, SERVER_TRANSITIONS, serverStatus, transition, type ServerState } from "./server-machine.js";

const STATES: ReadonlyArray<ServerState> = SERVER_STATES;

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
    for (const op of SERVER_OPS) expect(transition(DELETED, op)).toBeUndefined();
  });

  it("releases allocations exactly when leaving a state that holds them (INV-D5)", () => {
    const [scheduling, spawning, active, error] = STATES;
    expect(transition(active!, "terminate")?.releases).toBe(true);
    expect(transition(spawning!, "terminate")?.releases).toBe(true);
    expect(transition(error!, "terminate")?.releases).toBe(false);
    expect(transition(scheduling!, "schedule.ok")?.claims).toBe(true);
  });

  it("maps states to API status (INV-D3)", () => {
    expect(STATES.map(serverStatus)).toEqual(["BUILD", "BUILD", "ACTIVE", "ERROR", "DELETED"]);
  });
});
