/**
 * The server (VirtualCompute) life cycle as an explicit transition table (rule 10), a subset of Nova's
 * vm_state × task_state machine: allocate → BUILD(scheduling) → BUILD(spawning) → ACTIVE, or ERROR
 * with NO_VALID_HOST; terminate from any live state → DELETED. `transition` is pure: the VIM performs
 * the returned effects (claim, release, schedule the spawn) and writes the log record.
 */
export type VmState = "building" | "active" | "error" | "deleted";
export type TaskState = "scheduling" | "spawning" | null;

/** States are interned constants (compare by identity); `key` is the table row. */
export interface ServerState {
  readonly vmState: VmState;
  readonly taskState: TaskState;
  readonly key: string;
}

export const SERVER_OPS = ["schedule.ok", "schedule.fail", "spawn.complete", "terminate"] as const;
export type ServerOp = (typeof SERVER_OPS)[number];

/** What the VIM must do when a transition is taken. */
export type ServerEffect = "claim" | "release" | "startSpawn" | "cancelSpawn";

export interface Transition {
  readonly next: ServerState;
  readonly effects: ReadonlyArray<ServerEffect>;
  /** The effects as flags, so the hot path tests a field instead of searching a list. */
  readonly claims: boolean;
  readonly releases: boolean;
  readonly startsSpawn: boolean;
  readonly cancelsSpawn: boolean;
}

const state = (vmState: VmState, taskState: TaskState): ServerState => ({ vmState, taskState, key: `${vmState}/${taskState ?? "-"}` });

export const BUILDING_SCHEDULING = state("building", "scheduling");
export const BUILDING_SPAWNING = state("building", "spawning");
export const ACTIVE = state("active", null);
export const ERROR = state("error", null);
export const DELETED = state("deleted", null);
export const SERVER_STATES: ReadonlyArray<ServerState> = [BUILDING_SCHEDULING, BUILDING_SPAWNING, ACTIVE, ERROR, DELETED];
export const INITIAL_SERVER_STATE: ServerState = BUILDING_SCHEDULING;

const to = (next: ServerState, effects: ReadonlyArray<ServerEffect> = []): Transition => ({
  next,
  effects,
  claims: effects.includes("claim"),
  releases: effects.includes("release"),
  startsSpawn: effects.includes("startSpawn"),
  cancelsSpawn: effects.includes("cancelSpawn"),
});

/** The table: state key → op → transition. Every cell not listed is WRONG_STATE. */
export const SERVER_TRANSITIONS: Readonly<Record<string, Partial<Record<ServerOp, Transition>>>> = {
  [BUILDING_SCHEDULING.key]: {
    "schedule.ok": to(BUILDING_SPAWNING, ["claim", "startSpawn"]),
    "schedule.fail": to(ERROR),
    terminate: to(DELETED),
  },
  [BUILDING_SPAWNING.key]: {
    "spawn.complete": to(ACTIVE),
    // Nova lets a user delete a server that is still building; the spawn is abandoned.
    terminate: to(DELETED, ["cancelSpawn", "release"]),
  },
  [ACTIVE.key]: {
    terminate: to(DELETED, ["release"]),
  },
  [ERROR.key]: {
    // A server that failed scheduling holds no allocation (INV-D5): nothing to release.
    terminate: to(DELETED),
  },
  [DELETED.key]: {},
};

/** The transition for `op` in `state`, or undefined when the op is illegal there (WRONG_STATE). */
export function transition(state: ServerState, op: ServerOp): Transition | undefined {
  return SERVER_TRANSITIONS[state.key]?.[op];
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
