/**
 * The server (VirtualCompute) life cycle as an explicit transition table (rule 10), a subset of Nova's
 * vm_state × task_state machine: allocate → BUILD(scheduling) → BUILD(spawning) → ACTIVE, or ERROR
 * with NO_VALID_HOST; terminate from any live state → DELETED. `transition` is pure: the VIM performs
 * the returned effects (claim, release, schedule the spawn) and writes the log record.
 */
export type VmState = "building" | "active" | "error" | "deleted";
export type TaskState = "scheduling" | "spawning" | null;

export interface ServerState {
  readonly vmState: VmState;
  readonly taskState: TaskState;
}

export const SERVER_OPS = ["schedule.ok", "schedule.fail", "spawn.complete", "terminate"] as const;
export type ServerOp = (typeof SERVER_OPS)[number];

/** What the VIM must do when a transition is taken. */
export type ServerEffect = "claim" | "release" | "startSpawn" | "cancelSpawn";

export interface Transition {
  readonly next: ServerState;
  readonly effects: ReadonlyArray<ServerEffect>;
}

export const INITIAL_SERVER_STATE: ServerState = { vmState: "building", taskState: "scheduling" };

const key = (s: ServerState): string => `${s.vmState}/${s.taskState ?? "-"}`;

/** The table: state key → op → transition. Every cell not listed is WRONG_STATE. */
export const SERVER_TRANSITIONS: Readonly<Record<string, Partial<Record<ServerOp, Transition>>>> = {
  "building/scheduling": {
    "schedule.ok": { next: { vmState: "building", taskState: "spawning" }, effects: ["claim", "startSpawn"] },
    "schedule.fail": { next: { vmState: "error", taskState: null }, effects: [] },
    terminate: { next: { vmState: "deleted", taskState: null }, effects: [] },
  },
  "building/spawning": {
    "spawn.complete": { next: { vmState: "active", taskState: null }, effects: [] },
    // Nova lets a user delete a server that is still building; the spawn is abandoned.
    terminate: { next: { vmState: "deleted", taskState: null }, effects: ["cancelSpawn", "release"] },
  },
  "active/-": {
    terminate: { next: { vmState: "deleted", taskState: null }, effects: ["release"] },
  },
  "error/-": {
    // A server that failed scheduling holds no allocation (INV-D5): nothing to release.
    terminate: { next: { vmState: "deleted", taskState: null }, effects: [] },
  },
  "deleted/-": {},
};

/** The transition for `op` in `state`, or undefined when the op is illegal there (WRONG_STATE). */
export function transition(state: ServerState, op: ServerOp): Transition | undefined {
  return SERVER_TRANSITIONS[key(state)]?.[op];
}

/** The API status Nova derives from (vm_state, task_state): INV-D3. */
export function serverStatus(state: ServerState): "BUILD" | "ACTIVE" | "ERROR" | "DELETED" {
  switch (state.vmState) {
    case "building":
      return "BUILD";
    case "active":
      return "ACTIVE";
    case "error":
      return "ERROR";
    case "deleted":
      return "DELETED";
  }
}
