/**
 * Every cell of the server table, written out by hand (not derived from OPERATION_RULES): where each
 * user operation leads, where its task completes and fails to, the effects of each edge and the API
 * status observed while the task runs. A changed destination or effect anywhere turns this red.
 */
import { describe, expect, it } from "vitest";
import {
  ACTIVE,
  BUILDING_SCHEDULING,
  BUILDING_SPAWNING,
  DELETED,
  ERROR,
  ERROR_REBUILDING,
  PAUSED,
  RESIZED_RUNNING,
  RESIZED_STOPPED,
  SERVER_OPS,
  SERVER_STATES,
  SERVER_TRANSITIONS,
  serverState,
  serverStatus,
  STOPPED,
  SUSPENDED,
  transition,
  type ServerEffect,
  type ServerState,
  type ServerStatus,
  type Transition,
  type UserOp,
} from "./server-machine.js";

/** op, source, status while in flight, completion target and effects, failure target and effects. */
type Row = readonly [UserOp, ServerState, ServerStatus, ServerState, readonly ServerEffect[], ServerState, readonly ServerEffect[]];
const RB: readonly ServerEffect[] = ["moveRollback"];
const MC: readonly ServerEffect[] = ["moveCommit"];
const ROWS: readonly Row[] = [
  ["start", STOPPED, "SHUTOFF", ACTIVE, [], ERROR, []],
  ["stop", ACTIVE, "ACTIVE", STOPPED, [], ERROR, []],
  ["stop", ERROR, "ERROR", STOPPED, [], ERROR, []],
  ["pause", ACTIVE, "ACTIVE", PAUSED, [], ERROR, []],
  ["unpause", PAUSED, "PAUSED", ACTIVE, [], ERROR, []],
  ["suspend", ACTIVE, "ACTIVE", SUSPENDED, [], ERROR, []],
  ["resume", SUSPENDED, "SUSPENDED", ACTIVE, [], ERROR, []],
  ["reboot.soft", ACTIVE, "REBOOT", ACTIVE, [], ERROR, []],
  ["reboot.hard", ACTIVE, "HARD_REBOOT", ACTIVE, [], ERROR, []],
  ["reboot.hard", STOPPED, "SHUTOFF", ACTIVE, [], ERROR, []],
  ["reboot.hard", PAUSED, "PAUSED", ACTIVE, [], ERROR, []],
  ["reboot.hard", SUSPENDED, "SUSPENDED", ACTIVE, [], ERROR, []],
  ["reboot.hard", ERROR, "ERROR", ACTIVE, [], ERROR, []],
  ["snapshot.create", ACTIVE, "ACTIVE", ACTIVE, [], ERROR, []],
  ["snapshot.create", STOPPED, "SHUTOFF", STOPPED, [], ERROR, []],
  ["snapshot.create", PAUSED, "PAUSED", PAUSED, [], ERROR, []],
  ["snapshot.create", SUSPENDED, "SUSPENDED", SUSPENDED, [], ERROR, []],
  // A failed resize or cold migration rolls back to where it started, dropping the destination.
  ["resize", ACTIVE, "RESIZE", RESIZED_RUNNING, [], ACTIVE, RB],
  ["resize", STOPPED, "RESIZE", RESIZED_STOPPED, [], STOPPED, RB],
  ["migrate.offline", ACTIVE, "RESIZE", RESIZED_RUNNING, [], ACTIVE, RB],
  ["migrate.offline", STOPPED, "RESIZE", RESIZED_STOPPED, [], STOPPED, RB],
  // A failed confirm or revert still settles the move (no move outlives VERIFY_RESIZE).
  ["resize.confirm", RESIZED_RUNNING, "VERIFY_RESIZE", ACTIVE, MC, ERROR, MC],
  ["resize.confirm", RESIZED_STOPPED, "VERIFY_RESIZE", STOPPED, MC, ERROR, MC],
  ["resize.revert", RESIZED_RUNNING, "REVERT_RESIZE", ACTIVE, RB, ERROR, RB],
  ["resize.revert", RESIZED_STOPPED, "REVERT_RESIZE", STOPPED, RB, ERROR, RB],
  ["migrate.live", ACTIVE, "MIGRATING", ACTIVE, MC, ACTIVE, RB],
  ["migrate.live", PAUSED, "MIGRATING", PAUSED, MC, PAUSED, RB],
];
const MOVES = new Set<UserOp>(["resize", "migrate.offline", "migrate.live"]);

const shape = (t: Transition | undefined): unknown =>
  t === undefined ? undefined : { next: t.next.key, effects: [...t.effects], claims: t.claims, releases: t.releases, startsTask: t.startsTask, cancelsTask: t.cancelsTask };
const edge = (next: ServerState, effects: readonly ServerEffect[]): unknown => ({
  next: next.key,
  effects: [...effects],
  claims: effects.includes("claim"),
  releases: effects.includes("release"),
  startsTask: effects.includes("startTask"),
  cancelsTask: effects.includes("cancelTask"),
});

describe("server table, every user-operation cell", () => {
  it.each(ROWS.map((r) => [`${r[0]} from ${r[1].key}`, r] as const))("%s", (_, [op, from, status, done, doneFx, failed, failFx]) => {
    const begin = transition(from, op);
    expect(shape(begin)).toEqual(edge(serverState(from.vmState, begin!.next.taskState, from.powerState), MOVES.has(op) ? ["moveBegin", "startTask"] : ["startTask"]));
    const inFlight = begin!.next;
    expect(inFlight.taskState).not.toBeNull();
    expect(serverStatus(inFlight)).toBe(status);
    expect(shape(transition(inFlight, "task.complete"))).toEqual(edge(done, doneFx));
    expect(shape(transition(inFlight, "task.fail"))).toEqual(edge(failed, failFx));
    expect(shape(transition(inFlight, "terminate"))).toEqual(edge(DELETED, ["cancelTask", "release"]));
    // No user operation and no fault edge while the task runs (INV-D2): only its end or terminate.
    const legal = SERVER_OPS.filter((o) => transition(inFlight, o) !== undefined);
    expect(legal).toEqual(["task.complete", "task.fail", "terminate"]);
  });

  it("the in-flight task names the operation, and the states are exactly these", () => {
    const tasks = ROWS.map(([op, from]) => `${op}:${transition(from, op)!.next.key}`);
    expect(tasks).toEqual([
      "start:stopped/powering_on/SHUTDOWN",
      "stop:active/powering_off/RUNNING",
      "stop:error/powering_off/NOSTATE",
      "pause:active/pausing/RUNNING",
      "unpause:paused/unpausing/PAUSED",
      "suspend:active/suspending/RUNNING",
      "resume:suspended/resuming/SUSPENDED",
      "reboot.soft:active/rebooting/RUNNING",
      "reboot.hard:active/rebooting_hard/RUNNING",
      "reboot.hard:stopped/rebooting_hard/SHUTDOWN",
      "reboot.hard:paused/rebooting_hard/PAUSED",
      "reboot.hard:suspended/rebooting_hard/SUSPENDED",
      "reboot.hard:error/rebooting_hard/NOSTATE",
      "snapshot.create:active/image_snapshot/RUNNING",
      "snapshot.create:stopped/image_snapshot/SHUTDOWN",
      "snapshot.create:paused/image_snapshot/PAUSED",
      "snapshot.create:suspended/image_snapshot/SUSPENDED",
      "resize:active/resize_migrating/RUNNING",
      "resize:stopped/resize_migrating/SHUTDOWN",
      "migrate.offline:active/resize_migrating/RUNNING",
      "migrate.offline:stopped/resize_migrating/SHUTDOWN",
      "resize.confirm:resized/resize_confirming/RUNNING",
      "resize.confirm:resized/resize_confirming/SHUTDOWN",
      "resize.revert:resized/resize_reverting/RUNNING",
      "resize.revert:resized/resize_reverting/SHUTDOWN",
      "migrate.live:active/migrating/RUNNING",
      "migrate.live:paused/migrating/PAUSED",
    ]);
    const stable = [BUILDING_SCHEDULING, BUILDING_SPAWNING, ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED_RUNNING, RESIZED_STOPPED, ERROR, DELETED, ERROR_REBUILDING];
    const inFlight = new Set(ROWS.map(([op, from]) => transition(from, op)!.next));
    expect(new Set(SERVER_STATES)).toEqual(new Set([...stable, ...inFlight]));
    expect(SERVER_STATES).toHaveLength(stable.length + inFlight.size);
  });

  it("build, terminate and fault edges of the stable states, with their effects", () => {
    expect(shape(transition(BUILDING_SCHEDULING, "schedule.ok"))).toEqual(edge(BUILDING_SPAWNING, ["claim", "startTask"]));
    expect(shape(transition(BUILDING_SCHEDULING, "schedule.fail"))).toEqual(edge(ERROR, []));
    expect(shape(transition(BUILDING_SPAWNING, "spawn.complete"))).toEqual(edge(ACTIVE, []));
    expect(shape(transition(BUILDING_SPAWNING, "spawn.fail"))).toEqual(edge(ERROR, []));
    expect(shape(transition(BUILDING_SPAWNING, "host.fail"))).toEqual(edge(ERROR, ["cancelTask"]));
    expect(shape(transition(BUILDING_SCHEDULING, "terminate"))).toEqual(edge(DELETED, []));
    expect(shape(transition(BUILDING_SPAWNING, "terminate"))).toEqual(edge(DELETED, ["cancelTask", "release"]));
    expect(shape(transition(ERROR_REBUILDING, "terminate"))).toEqual(edge(DELETED, ["cancelTask", "release"]));
    expect(shape(transition(ERROR, "evacuate"))).toEqual(edge(ERROR_REBUILDING, ["relocate", "startTask"]));
    expect(shape(transition(ERROR_REBUILDING, "task.complete"))).toEqual(edge(ACTIVE, []));
    expect(shape(transition(ERROR_REBUILDING, "task.fail"))).toEqual(edge(ERROR, []));
    for (const s of [ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED_RUNNING, RESIZED_STOPPED, ERROR]) {
      expect(shape(transition(s, "terminate")), s.key).toEqual(edge(DELETED, ["release"]));
      expect(shape(transition(s, "host.fail")), s.key).toEqual(edge(ERROR, []));
    }
    const building = [BUILDING_SCHEDULING, BUILDING_SPAWNING].map((s) => SERVER_OPS.filter((o) => transition(s, o) !== undefined));
    expect(building).toEqual([
      ["schedule.ok", "schedule.fail", "terminate"],
      ["spawn.complete", "spawn.fail", "terminate", "host.fail"],
    ]);
    expect(Object.keys(SERVER_TRANSITIONS[DELETED.key]!)).toEqual([]);
  });

  it("interning: the same triple is the same object, a new triple gets the next ordinal", () => {
    expect(serverState("active", null, "RUNNING")).toBe(ACTIVE);
    expect(ACTIVE.key).toBe("active/-/RUNNING");
    const ordinals = SERVER_STATES.map((s) => s.ordinal);
    expect(new Set(ordinals).size).toBe(ordinals.length);
    const fresh = serverState("deleted", "spawning", "PAUSED");
    expect(fresh.ordinal).toBeGreaterThanOrEqual(SERVER_STATES.length);
    expect(serverState("deleted", "spawning", "PAUSED")).toBe(fresh);
    expect(serverState("deleted", "pausing", "PAUSED").ordinal).toBe(fresh.ordinal + 1);
    expect(Object.isFrozen(fresh)).toBe(true);
    // A state outside the table has no transitions at all.
    for (const op of SERVER_OPS) expect(transition(fresh, op)).toBeUndefined();
  });

  it("statuses of every vm_state by task (Nova's _STATE_MAP)", () => {
    const cases: ReadonlyArray<[ServerState, ServerStatus]> = [
      [BUILDING_SCHEDULING, "BUILD"],
      [ACTIVE, "ACTIVE"],
      [serverState("active", "migrating", "RUNNING"), "MIGRATING"],
      [serverState("active", "resize_migrating", "RUNNING"), "RESIZE"],
      [serverState("active", "image_snapshot", "RUNNING"), "ACTIVE"],
      [serverState("stopped", "rebooting_hard", "SHUTDOWN"), "SHUTOFF"],
      [PAUSED, "PAUSED"],
      [serverState("paused", "unpausing", "PAUSED"), "PAUSED"],
      [SUSPENDED, "SUSPENDED"],
      [RESIZED_RUNNING, "VERIFY_RESIZE"],
      [serverState("resized", "resize_confirming", "SHUTDOWN"), "VERIFY_RESIZE"],
      [ERROR, "ERROR"],
      [ERROR_REBUILDING, "REBUILD"],
      [serverState("error", "powering_off", "NOSTATE"), "ERROR"],
      [DELETED, "DELETED"],
    ];
    for (const [s, status] of cases) expect(serverStatus(s), s.key).toBe(status);
  });
});
