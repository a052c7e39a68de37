import { describe, expect, it } from "vitest";
import { NOVA_LEGAL_FROM } from "../../testing/small-vim.js";
import {
  ACTIVE,
  BUILDING_SCHEDULING,
  BUILDING_SPAWNING,
  DELETED,
  ERROR,
  RESIZED_RUNNING,
  SERVER_OPS,
  SERVER_STATES,
  serverState,
  serverStatus,
  STOPPED,
  transition,
  USER_OPS,
  type ServerStatus,
  type UserOp,
} from "./server-machine.js";

const LEGAL_FROM: Readonly<Record<UserOp, readonly ServerStatus[]>> = NOVA_LEGAL_FROM;

describe("server transition table", () => {
  it("allows each user operation exactly from its Nova source statuses, and only with no task in flight (INV-D1/D2)", () => {
    for (const state of SERVER_STATES) {
      for (const op of USER_OPS) {
        const legal = state.taskState === null && state.vmState !== "deleted" && LEGAL_FROM[op].includes(serverStatus(state));
        expect(transition(state, op) !== undefined, `${op} from ${state.key}`).toBe(legal);
      }
    }
  });

  it("lets terminate end every live state and nothing leave DELETED (INV-D4)", () => {
    for (const state of SERVER_STATES) {
      expect(transition(state, "terminate") !== undefined, state.key).toBe(state !== DELETED);
    }
    for (const op of SERVER_OPS) expect(transition(DELETED, op)).toBeUndefined();
  });

  it("gives every task an end, complete and fail, and only tasks have them (INV-D7)", () => {
    for (const state of SERVER_STATES) {
      const inFlight = state.taskState !== null && state.vmState !== "building";
      expect(transition(state, "task.complete") !== undefined, state.key).toBe(inFlight);
      expect(transition(state, "task.fail") !== undefined, state.key).toBe(inFlight);
    }
  });

  it("builds: scheduling → spawning (claim) → ACTIVE, or ERROR without a claim", () => {
    expect(transition(BUILDING_SCHEDULING, "schedule.ok")).toMatchObject({ next: BUILDING_SPAWNING, claims: true, startsTask: true });
    expect(transition(BUILDING_SCHEDULING, "schedule.fail")).toMatchObject({ next: ERROR, claims: false });
    expect(transition(BUILDING_SPAWNING, "spawn.complete")?.next).toBe(ACTIVE);
    expect(transition(BUILDING_SCHEDULING, "terminate")).toMatchObject({ releases: false, cancelsTask: false });
    expect(transition(BUILDING_SPAWNING, "terminate")).toMatchObject({ releases: true, cancelsTask: true });
  });

  it("remembers the power state across a resize: confirm and revert return to ACTIVE or SHUTOFF", () => {
    const fromActive = transition(transition(ACTIVE, "resize")!.next, "task.complete")!.next;
    const fromStopped = transition(transition(STOPPED, "resize")!.next, "task.complete")!.next;
    expect(fromActive).toBe(RESIZED_RUNNING);
    expect(serverStatus(fromStopped)).toBe("VERIFY_RESIZE");
    for (const op of ["resize.confirm", "resize.revert"] as const) {
      expect(transition(transition(fromActive, op)!.next, "task.complete")!.next).toBe(ACTIVE);
      expect(transition(transition(fromStopped, op)!.next, "task.complete")!.next).toBe(STOPPED);
    }
  });

  it("moves: begin claims the destination, live migration commits on completion, failures roll back", () => {
    const migrating = transition(ACTIVE, "migrate.live")!;
    expect(migrating.effects).toContain("moveBegin");
    expect(serverStatus(migrating.next)).toBe("MIGRATING");
    expect(transition(migrating.next, "task.complete")).toMatchObject({ next: ACTIVE, effects: ["moveCommit"] });
    expect(transition(migrating.next, "task.fail")).toMatchObject({ next: ACTIVE, effects: ["moveRollback"] });
    expect(transition(transition(RESIZED_RUNNING, "resize.revert")!.next, "task.complete")!.effects).toEqual(["moveRollback"]);
  });

  it("maps states to the API status of Nova's _STATE_MAP (INV-D3)", () => {
    expect(serverStatus(BUILDING_SPAWNING)).toBe("BUILD");
    expect(serverStatus(serverState("active", "rebooting", "RUNNING"))).toBe("REBOOT");
    expect(serverStatus(serverState("active", "rebooting_hard", "RUNNING"))).toBe("HARD_REBOOT");
    expect(serverStatus(serverState("active", "pausing", "RUNNING"))).toBe("ACTIVE");
    expect(serverStatus(serverState("stopped", "resize_migrating", "SHUTDOWN"))).toBe("RESIZE");
    expect(serverStatus(serverState("paused", "migrating", "PAUSED"))).toBe("MIGRATING");
    expect(serverStatus(serverState("resized", "resize_reverting", "RUNNING"))).toBe("REVERT_RESIZE");
    expect(serverStatus(STOPPED)).toBe("SHUTOFF");
    expect(serverStatus(DELETED)).toBe("DELETED");
  });
});
