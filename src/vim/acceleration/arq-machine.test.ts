import { describe, expect, it } from "vitest";
import { ARQ_OPS, ARQ_STATES, arqTransition, holdsHandles, type ArqState } from "./arq-machine.js";

/** Cyborg's ARQ_STATES_TRANSFORM_MATRIX, written out: target ← allowed predecessors. */
const CYBORG: Readonly<Record<ArqState, readonly ArqState[]>> = {
  Initial: [],
  BindStarted: ["Initial", "Unbound"],
  Bound: ["BindStarted"],
  Unbound: ["Initial", "BindStarted", "Bound", "BindFailed"],
  BindFailed: ["BindStarted", "Bound"],
  UnbindFailed: [],
  Deleting: ["Initial", "BindStarted", "Bound", "Unbound", "BindFailed"],
};

describe("ARQ transition table", () => {
  it("every (state, op) cell is an edge of Cyborg's matrix or undefined", () => {
    for (const state of ARQ_STATES) {
      for (const op of ARQ_OPS) {
        const t = arqTransition(state, op);
        if (t !== undefined) expect(CYBORG[t.next], `${state} --${op}--> ${t.next}`).toContain(state);
      }
    }
  });

  it("every edge of Cyborg's matrix is reachable by some op", () => {
    for (const target of ARQ_STATES) {
      for (const from of CYBORG[target]) {
        expect(ARQ_OPS.some((op) => arqTransition(from, op)?.next === target), `${from} → ${target}`).toBe(true);
      }
    }
  });

  it("UnbindFailed and Deleting have no way out, and nothing enters UnbindFailed", () => {
    for (const op of ARQ_OPS) {
      expect(arqTransition("Deleting", op)).toBeUndefined();
      expect(arqTransition("UnbindFailed", op)).toBeUndefined();
      for (const s of ARQ_STATES) expect(arqTransition(s, op)?.next).not.toBe("UnbindFailed");
    }
  });

  it("handle effects agree with which states hold handles", () => {
    for (const state of ARQ_STATES) {
      for (const op of ARQ_OPS) {
        const t = arqTransition(state, op);
        if (t === undefined) continue;
        const after = t.handles === "claim" ? true : t.handles === "free" ? false : holdsHandles(state);
        expect(holdsHandles(t.next), `${state} --${op}-->`).toBe(after);
      }
    }
  });
});

describe("ARQ table, every cell written out", () => {
  it("each (state, op) leads exactly here with exactly this handle effect; every other cell is WRONG_STATE", () => {
    const cells = ARQ_STATES.flatMap((s) => ARQ_OPS.flatMap((op) => {
      const t = arqTransition(s, op);
      return t === undefined ? [] : [`${s} --${op}--> ${t.next} (${t.handles})`];
    }));
    expect(cells).toEqual([
      "Initial --bind.start--> BindStarted (claim)",
      "Initial --unbind--> Unbound (keep)",
      "Initial --delete--> Deleting (keep)",
      "BindStarted --bind.complete--> Bound (keep)",
      "BindStarted --unbind--> Unbound (free)",
      "BindStarted --bind.fail--> BindFailed (free)",
      "BindStarted --delete--> Deleting (free)",
      "Bound --unbind--> Unbound (free)",
      "Bound --bind.fail--> BindFailed (free)",
      "Bound --delete--> Deleting (free)",
      "Unbound --bind.start--> BindStarted (claim)",
      "Unbound --delete--> Deleting (keep)",
      "BindFailed --unbind--> Unbound (keep)",
      "BindFailed --delete--> Deleting (keep)",
    ]);
    expect(ARQ_STATES.filter(holdsHandles)).toEqual(["BindStarted", "Bound"]);
  });
});
