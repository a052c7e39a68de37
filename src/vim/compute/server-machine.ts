/**
 * The server (VirtualCompute) life cycle as an explicit transition table (rule 10): Nova's
 * vm_state × task_state × power_state machine (ifa-digest §4.4) for the operations IFA 005/006
 * exposes. `transition` is pure: the VIM performs the returned effects (claim, release, start or
 * cancel the pending task, begin/commit/roll back a move) and writes the log record.
 *
 * Shape of the machine. A state is (vm_state, task_state, power_state), interned: compare by identity.
 * A user operation (start, stop, pause, ...) is legal only from the stable states its Nova guard lists
 * and only with no task in flight (INV-D2); it sets the task and the VIM schedules its completion,
 * `task.complete`, after a modelled duration. `task.fail` ends a task in ERROR (the server keeps its
 * host and allocations, as Nova's error-with-host), except that a failed move rolls back to the source
 * (and a failed confirm or revert still drops the host it was leaving).
 * `terminate` is legal from every live state, in flight or not (Nova deletes building servers too).
 * Power state distinguishes what Nova remembers across a resize: VERIFY_RESIZE of a running server
 * confirms back to ACTIVE, of a stopped one to SHUTOFF.
 */
export type VmState = "building" | "active" | "stopped" | "paused" | "suspended" | "resized" | "error" | "deleted";
export type TaskState =
  | "scheduling"
  | "spawning"
  | "powering_on"
  | "powering_off"
  | "pausing"
  | "unpausing"
  | "suspending"
  | "resuming"
  | "rebooting"
  | "rebooting_hard"
  | "image_snapshot"
  | "resize_migrating"
  | "resize_confirming"
  | "resize_reverting"
  | "migrating"
  | "rebuilding"
  | null;
export type PowerState = "NOSTATE" | "RUNNING" | "PAUSED" | "SHUTDOWN" | "SUSPENDED";

/** States are interned constants (compare by identity); `key` is the table row. */
export interface ServerState {
  readonly vmState: VmState;
  readonly taskState: TaskState;
  readonly powerState: PowerState;
  readonly key: string;
  /** Interning order: the row of the dense transition table (`transition` reads it on every change). */
  readonly ordinal: number;
}

/** User operations (IFA OperateVirtualisedComputeResource and friends), each starting one task. */
export const USER_OPS = [
  "start",
  "stop",
  "pause",
  "unpause",
  "suspend",
  "resume",
  "reboot.soft",
  "reboot.hard",
  "snapshot.create",
  "resize",
  "resize.confirm",
  "resize.revert",
  "migrate.live",
  "migrate.offline",
] as const;
export type UserOp = (typeof USER_OPS)[number];

/**
 * Fault edges (ifa-digest §4.4, §4.9): `host.fail` is the Doctor inspector resetting a server whose
 * host went DOWN to ERROR (its allocations stay, INV-D9); `evacuate` rebuilds an ERROR server on
 * another host (Nova evacuate, task rebuilding, status REBUILD). Neither is a user operation.
 */
export const FAULT_OPS = ["host.fail", "evacuate"] as const;
export type FaultOp = (typeof FAULT_OPS)[number];

export const SERVER_OPS = ["schedule.ok", "schedule.fail", "spawn.complete", "spawn.fail", "task.complete", "task.fail", "terminate", ...USER_OPS, ...FAULT_OPS] as const;
export type ServerOp = (typeof SERVER_OPS)[number];

/**
 * What the VIM must do when a transition is taken:
 * - claim / release: the instance's allocations (release also drops a move's source allocation);
 * - startTask / cancelTask: schedule or cancel the pending completion event (spawn included);
 * - moveBegin: claim the destination for the instance, hand the source to a migration consumer;
 * - moveCommit: drop the source (migration) allocation; moveRollback: drop the destination and give
 *   the source back to the instance (INV-A8: a move holds both until it ends).
 */
export type ServerEffect = "claim" | "release" | "startTask" | "cancelTask" | "moveBegin" | "moveCommit" | "moveRollback" | "relocate";

export interface Transition {
  readonly next: ServerState;
  readonly effects: ReadonlyArray<ServerEffect>;
  /** The effects as flags, so the hot path tests a field instead of searching a list. */
  readonly claims: boolean;
  readonly releases: boolean;
  readonly startsTask: boolean;
  readonly cancelsTask: boolean;
}

const interned = new Map<string, ServerState>();

/** The interned state (vm_state, task_state, power_state). */
export function serverState(vmState: VmState, taskState: TaskState, powerState: PowerState): ServerState {
  const key = `${vmState}/${taskState ?? "-"}/${powerState}`;
  let s = interned.get(key);
  if (s === undefined) interned.set(key, (s = Object.freeze({ vmState, taskState, powerState, key, ordinal: interned.size })));
  return s;
}

export const BUILDING_SCHEDULING = serverState("building", "scheduling", "NOSTATE");
export const BUILDING_SPAWNING = serverState("building", "spawning", "NOSTATE");
export const ACTIVE = serverState("active", null, "RUNNING");
export const STOPPED = serverState("stopped", null, "SHUTDOWN");
export const PAUSED = serverState("paused", null, "PAUSED");
export const SUSPENDED = serverState("suspended", null, "SUSPENDED");
export const RESIZED_RUNNING = serverState("resized", null, "RUNNING");
export const RESIZED_STOPPED = serverState("resized", null, "SHUTDOWN");
export const ERROR = serverState("error", null, "NOSTATE");
export const DELETED = serverState("deleted", null, "NOSTATE");
/** An ERROR server being rebuilt on another host after its host failed (Nova evacuate). */
export const ERROR_REBUILDING = serverState("error", "rebuilding", "NOSTATE");
export const INITIAL_SERVER_STATE: ServerState = BUILDING_SCHEDULING;

const to = (next: ServerState, effects: ReadonlyArray<ServerEffect> = []): Transition => ({
  next,
  effects,
  claims: effects.includes("claim"),
  releases: effects.includes("release"),
  startsTask: effects.includes("startTask"),
  cancelsTask: effects.includes("cancelTask"),
});

/** One user operation: its guard (stable source states), its task, and where completion leads. */
interface OperationRule {
  readonly op: UserOp;
  readonly from: readonly ServerState[];
  readonly task: Exclude<TaskState, null>;
  /** The stable state reached on completion, from the source state. */
  readonly done: (from: ServerState) => ServerState;
  readonly begin?: readonly ServerEffect[];
  readonly complete?: readonly ServerEffect[];
  /** A failed move rolls back to the source state; any other failure ends in ERROR. */
  readonly rollsBack?: boolean;
}

const same = (s: ServerState): ServerState => s;
const afterResize = (s: ServerState): ServerState => (s.powerState === "SHUTDOWN" ? RESIZED_STOPPED : RESIZED_RUNNING);
const afterConfirm = (s: ServerState): ServerState => (s.powerState === "SHUTDOWN" ? STOPPED : ACTIVE);

/** The Nova guards of ifa-digest §4.4 (IFA computeOperation ↔ Nova action ↔ legal source status). */
export const OPERATION_RULES: readonly OperationRule[] = [
  { op: "start", from: [STOPPED], task: "powering_on", done: () => ACTIVE },
  { op: "stop", from: [ACTIVE, ERROR], task: "powering_off", done: () => STOPPED },
  { op: "pause", from: [ACTIVE], task: "pausing", done: () => PAUSED },
  { op: "unpause", from: [PAUSED], task: "unpausing", done: () => ACTIVE },
  { op: "suspend", from: [ACTIVE], task: "suspending", done: () => SUSPENDED },
  { op: "resume", from: [SUSPENDED], task: "resuming", done: () => ACTIVE },
  { op: "reboot.soft", from: [ACTIVE], task: "rebooting", done: () => ACTIVE },
  { op: "reboot.hard", from: [ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR], task: "rebooting_hard", done: () => ACTIVE },
  { op: "snapshot.create", from: [ACTIVE, STOPPED, PAUSED, SUSPENDED], task: "image_snapshot", done: same },
  // Resize and cold migration: the destination is claimed when the task starts; VERIFY_RESIZE holds both.
  // Stryker disable next-line BooleanLiteral: resize and migrate.offline share their in-flight states; the migrate.offline rule below writes the same task.fail edge
  { op: "resize", from: [ACTIVE, STOPPED], task: "resize_migrating", done: afterResize, begin: ["moveBegin"], rollsBack: true },
  { op: "migrate.offline", from: [ACTIVE, STOPPED], task: "resize_migrating", done: afterResize, begin: ["moveBegin"], rollsBack: true },
  { op: "resize.confirm", from: [RESIZED_RUNNING, RESIZED_STOPPED], task: "resize_confirming", done: afterConfirm, complete: ["moveCommit"] },
  { op: "resize.revert", from: [RESIZED_RUNNING, RESIZED_STOPPED], task: "resize_reverting", done: afterConfirm, complete: ["moveRollback"] },
  { op: "migrate.live", from: [ACTIVE, PAUSED], task: "migrating", done: same, begin: ["moveBegin"], complete: ["moveCommit"], rollsBack: true },
];

type Table = Record<string, Partial<Record<ServerOp, Transition>>>;

function buildTable(): Table {
  const table: Table = {};
  const row = (s: ServerState): Partial<Record<ServerOp, Transition>> => (table[s.key] ??= {});
  row(BUILDING_SCHEDULING)["schedule.ok"] = to(BUILDING_SPAWNING, ["claim", "startTask"]);
  row(BUILDING_SCHEDULING)["schedule.fail"] = to(ERROR);
  row(BUILDING_SPAWNING)["spawn.complete"] = to(ACTIVE);
  // A build whose accelerator requests did not all bind fails (Cyborg BindFailed, INV-F3).
  row(BUILDING_SPAWNING)["spawn.fail"] = to(ERROR);
  row(DELETED);
  for (const rule of OPERATION_RULES) {
    for (const from of rule.from) {
      const inFlight = serverState(from.vmState, rule.task, from.powerState);
      row(from)[rule.op] = to(inFlight, [...(rule.begin ?? []), "startTask"]);
      row(inFlight)["task.complete"] = to(rule.done(from), rule.complete ?? []);
      // A failed move returns to the source state, with the destination dropped (Nova's rollback);
      // any other failure ends in ERROR, a failed confirm or revert still settling its move so that
      // no move outlives VERIFY_RESIZE.
      row(inFlight)["task.fail"] = rule.rollsBack === true ? to(from, ["moveRollback"]) : to(ERROR, rule.complete ?? []);
    }
  }
  addFaultEdges(row);
  for (const key of Object.keys(table)) {
    const s = interned.get(key)!;
    if (s === DELETED) continue;
    // Nova deletes in any state. "release" frees whatever the server holds: nothing before it is
    // scheduled, nothing after a failed build (INV-D5), its host's allocations after a failed task.
    const holds = s !== BUILDING_SCHEDULING;
    const effects: ServerEffect[] = s.taskState !== null && s !== BUILDING_SCHEDULING ? ["cancelTask"] : [];
    if (holds) effects.push("release");
    row(s).terminate = to(DELETED, effects);
  }
  return table;
}

/**
 * host.fail from every stable state that holds a host (a task in flight is failed first by the VIM,
 * so a move rolls back before this edge), and from a spawn (the build fails); evacuate from ERROR.
 */
function addFaultEdges(row: (s: ServerState) => Partial<Record<ServerOp, Transition>>): void {
  for (const s of [ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED_RUNNING, RESIZED_STOPPED, ERROR]) row(s)["host.fail"] = to(ERROR);
  row(BUILDING_SPAWNING)["host.fail"] = to(ERROR, ["cancelTask"]);
  row(ERROR).evacuate = to(ERROR_REBUILDING, ["relocate", "startTask"]);
  row(ERROR_REBUILDING)["task.complete"] = to(ACTIVE);
  row(ERROR_REBUILDING)["task.fail"] = to(ERROR);
}

/** The table: state key → op → transition. Every cell not listed is WRONG_STATE. */
export const SERVER_TRANSITIONS: Readonly<Table> = buildTable();

/** Every state of the machine, in table order. */
export const SERVER_STATES: ReadonlyArray<ServerState> = Object.keys(SERVER_TRANSITIONS).map((k) => interned.get(k)!);

type Row = Record<ServerOp, Transition | undefined>;

/**
 * The same table as dense rows by state ordinal, each row holding every op in SERVER_OPS order: all
 * rows share one object shape, so `transition` is an array index and a fixed-offset field read
 * instead of two string-keyed lookups (it runs on every server change of a run).
 */
const ROWS: ReadonlyArray<Row | undefined> = (() => {
  // Stryker disable next-line ArrayDeclaration: every ordinal in the table is written below, the interned state 0 included
  const rows: Array<Row | undefined> = [];
  for (const [key, cells] of Object.entries(SERVER_TRANSITIONS)) {
    const row = {} as Row;
    for (const op of SERVER_OPS) row[op] = cells[op];
    rows[interned.get(key)!.ordinal] = row;
  }
  return rows;
})();

/** The transition for `op` in `state`, or undefined when the op is illegal there (WRONG_STATE). */
export function transition(state: ServerState, op: ServerOp): Transition | undefined {
  return ROWS[state.ordinal]?.[op];
}

export type ServerStatus =
  | "BUILD"
  | "ACTIVE"
  | "SHUTOFF"
  | "PAUSED"
  | "SUSPENDED"
  | "VERIFY_RESIZE"
  | "REVERT_RESIZE"
  | "RESIZE"
  | "REBOOT"
  | "HARD_REBOOT"
  | "MIGRATING"
  | "REBUILD"
  | "ERROR"
  | "DELETED";

const ACTIVE_TASK_STATUS: Readonly<Partial<Record<Exclude<TaskState, null>, ServerStatus>>> = {
  rebooting: "REBOOT",
  rebooting_hard: "HARD_REBOOT",
  migrating: "MIGRATING",
  resize_migrating: "RESIZE",
};

/** The API status Nova derives from (vm_state, task_state), `_STATE_MAP` (INV-D3). */
export function serverStatus(state: ServerState): ServerStatus {
  const task = state.taskState;
  switch (state.vmState) {
    case "building":
      return "BUILD";
    case "active":
      // Stryker disable next-line ConditionalExpression: a null task reads no entry of the map either ("null" is no task name)
      return (task === null ? undefined : ACTIVE_TASK_STATUS[task]) ?? "ACTIVE";
    case "stopped":
      return task === "resize_migrating" ? "RESIZE" : "SHUTOFF";
    case "paused":
      return task === "migrating" ? "MIGRATING" : "PAUSED";
    case "suspended":
      return "SUSPENDED";
    case "resized":
      return task === "resize_reverting" ? "REVERT_RESIZE" : "VERIFY_RESIZE";
    case "error":
      return task === "rebuilding" ? "REBUILD" : "ERROR";
    case "deleted":
      return "DELETED";
  }
}
