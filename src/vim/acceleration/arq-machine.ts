/**
 * Cyborg accelerator requests (ARQs) as a transition table (style rule 10). The edges are exactly
 * Cyborg's ARQ_STATES_TRANSFORM_MATRIX (ifa-digest §4.8): BindStarted ← {Initial, Unbound};
 * Bound ← {BindStarted}; Unbound ← {Initial, BindStarted, Bound, BindFailed};
 * BindFailed ← {BindStarted, Bound}; Deleting ← {Initial, BindStarted, Bound, Unbound, BindFailed}.
 * UnbindFailed is a Cyborg state that its matrix never enters; it is kept so the names match, and a
 * test shows it unreachable.
 */
export const ARQ_STATES = ["Initial", "BindStarted", "Bound", "Unbound", "BindFailed", "UnbindFailed", "Deleting"] as const;
export type ArqState = (typeof ARQ_STATES)[number];

export const ARQ_OPS = ["bind.start", "bind.complete", "unbind", "bind.fail", "delete"] as const;
export type ArqOp = (typeof ARQ_OPS)[number];

/** What an edge does to the ARQ's handles: claim them, free them, or keep what it holds. */
export type HandleEffect = "claim" | "free" | "keep";

export interface ArqTransition {
  readonly next: ArqState;
  readonly handles: HandleEffect;
}

const TABLE: Readonly<Record<ArqState, Partial<Record<ArqOp, ArqTransition>>>> = {
  Initial: { "bind.start": { next: "BindStarted", handles: "claim" }, unbind: { next: "Unbound", handles: "keep" }, delete: { next: "Deleting", handles: "keep" } },
  BindStarted: {
    "bind.complete": { next: "Bound", handles: "keep" },
    "bind.fail": { next: "BindFailed", handles: "free" },
    unbind: { next: "Unbound", handles: "free" },
    delete: { next: "Deleting", handles: "free" },
  },
  Bound: {
    "bind.fail": { next: "BindFailed", handles: "free" },
    unbind: { next: "Unbound", handles: "free" },
    delete: { next: "Deleting", handles: "free" },
  },
  Unbound: { "bind.start": { next: "BindStarted", handles: "claim" }, delete: { next: "Deleting", handles: "keep" } },
  BindFailed: { unbind: { next: "Unbound", handles: "keep" }, delete: { next: "Deleting", handles: "keep" } },
  UnbindFailed: {},
  Deleting: {},
};

/** The edge of `op` from `state`, or undefined when Cyborg forbids it (WRONG_STATE, nothing changes). */
export function arqTransition(state: ArqState, op: ArqOp): ArqTransition | undefined {
  return TABLE[state][op];
}

/** Does an ARQ in `state` hold attach handles? (BindStarted and Bound do; INV-F1/F4.) */
export const holdsHandles = (state: ArqState): boolean => state === "BindStarted" || state === "Bound";
