/**
 * The compute task engine: the operations that start a server task (IFA Operate, Scale, Migrate,
 * resize confirm/revert; evacuate), the task's end after its modelled duration (complete, or fail
 * with a move's rollback), the end of a build (spawn), and a host failure's reset to ERROR. Every
 * state change is an edge of the transition table (server-machine.ts); this class performs the
 * edge's effects, writes its record and event, and schedules the task's end.
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../../domain/index.js";
import { NORMAL, type Simulation } from "../../kernel/index.js";
import type { ComputeMetrics } from "../../metrics/index.js";
import type { ComputeHooks } from "./compute-hooks.js";
import { eventTypesOf, SERVER_TEXTS as T, type ComputeRecorder } from "./compute-records.js";
import type { FlavourSpec } from "./flavour.js";
import type { ServerClaims } from "./server-claims.js";
import { relocate } from "./server-evacuate.js";
import { BUILDING_SPAWNING, ERROR_REBUILDING, serverStatus, transition, type Transition, type UserOp } from "./server-machine.js";
import { beginMove, commitMove, rollbackMove } from "./server-move.js";
import { serverNotFound, type ServerRegistry } from "./server-registry.js";
import type { ServerRecord } from "./server.js";
import type { SnapshotStore } from "./snapshot-store.js";

/** How long each operation's task takes, in simulated ms (drawn by the caller's named streams). */
export interface OperationTimings {
  durationMs(op: UserOp): number;
}

/** Every operation completes in the step that starts it. */
export const INSTANT_OPERATIONS: OperationTimings = { durationMs: () => 0 };

export interface OperateOptions {
  /** The new flavour of a resize (IFA Scale). */
  readonly flavour?: FlavourSpec;
  /** Confirm the resize as soon as it is done (IFA Scale is resize + confirm). */
  readonly autoConfirm?: boolean;
}

type TaskEnd = "spawn.complete" | "task.complete";

export class ServerTasks {
  constructor(
    private readonly sim: Simulation,
    private readonly registry: ServerRegistry,
    private readonly claims: ServerClaims,
    private readonly rec: ComputeRecorder,
    private readonly snapshots: SnapshotStore,
    private readonly metrics: ComputeMetrics,
    private readonly hooks: ComputeHooks,
    private readonly timings: OperationTimings,
  ) {}

  /**
   * Starts user operation `op` on server `no`: WRONG_STATE when the machine has no such edge from the
   * server's state (nothing changes, INV-D1/D2), NO_VALID_HOST when a move finds no destination
   * (nothing changes either). The task takes `timings.durationMs(op)`; 0 completes it at once.
   */
  operate(no: number, op: UserOp, options: OperateOptions = {}): Result<ServerRecord> {
    const s = this.registry.live(no);
    if (s === undefined) return serverNotFound(no);
    const t = transition(s.state, op);
    if (t === undefined) return fail(domainError("WRONG_STATE", `${op} is not allowed for server ${s.id} in status ${serverStatus(s.state)}${s.state.taskState === null ? "" : ` (task_state ${s.state.taskState})`}`));
    if (s.hostIndex < 0) return fail(domainError("WRONG_STATE", `server ${s.id} has no host (its build failed): only terminate is allowed`));
    const refused = this.claims.acc?.refusal(s, op);
    if (refused !== undefined) return fail(domainError("FORBIDDEN", refused));
    const before = this.rec.before(s);
    if (t.effects.includes("moveBegin")) {
      const target = options.flavour ?? s.flavourSpec;
      const begun = beginMove(this.claims, s, target, op === "migrate.offline" || options.autoConfirm === true);
      if (!begun.ok) return begun;
    }
    s.state = t.next;
    s.taskOp = op;
    this.metrics.onOperation(op, "started");
    this.rec.serverChanged(s, op, before);
    this.rec.writeEvent(s, eventTypesOf(op), "start");
    this.start(s, "task.complete", this.timings.durationMs(op));
    return ok(s);
  }

  /** Ends the task in flight with a failure (a fault, an injected error): ERROR, or a move's rollback. */
  failTask(no: number, reason: string): Result<ServerRecord> {
    const s = this.registry.live(no);
    if (s === undefined) return serverNotFound(no);
    const t = transition(s.state, "task.fail");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} has no task in flight`));
    if (s.taskHandle >= 0) this.sim.cancel(s.taskHandle);
    s.taskHandle = -1;
    s.faultMessage = reason;
    this.metrics.onOperation(s.taskOp ?? "task", "failed");
    this.applyTaskEnd(s, t, "task.fail");
    return ok(s);
  }

  /**
   * The server's host failed (Doctor: the inspector resets its servers to ERROR): a task in flight
   * fails first (a move rolls back to its source); a server still on a host in `failed` then goes
   * to ERROR, keeping its allocations (INV-D9). Returns whether the server is now down.
   */
  hostFailed(no: number, failed: (h: number) => boolean, reason: string): Result<boolean> {
    const s = this.registry.live(no);
    if (s === undefined) return serverNotFound(no);
    if (s.taskOp !== undefined) this.failTask(no, reason);
    if (s.hostIndex < 0 || !failed(s.hostIndex)) return ok(false);
    const t = transition(s.state, "host.fail");
    if (t === undefined) return fail(domainError("WRONG_STATE", `server ${s.id} in state ${s.state.key} cannot fail with its host`));
    const before = this.rec.before(s);
    if (t.cancelsTask && s.taskHandle >= 0) this.sim.cancel(s.taskHandle);
    s.taskHandle = -1;
    if (s.state === BUILDING_SPAWNING) this.rec.writeEvent(s, T.create, "error", reason);
    s.state = t.next;
    s.faultMessage = reason;
    this.rec.serverChanged(s, "host.fail", before);
    return ok(true);
  }

  /**
   * Evacuate (Nova evacuate, IFA heal): rebuilds an ERROR server whose host is out of service on
   * another host chosen by placement with its group's constraints (INV-E4); the rebuild takes
   * `rebuildMs`. WRONG_STATE unless the server is in ERROR on an unusable host; NO_VALID_HOST when
   * no host fits (nothing changes: the server keeps its allocation on the failed host).
   */
  evacuate(no: number, rebuildMs: number): Result<ServerRecord> {
    const s = this.registry.live(no);
    if (s === undefined) return serverNotFound(no);
    const t = transition(s.state, "evacuate");
    if (t === undefined || s.hostIndex < 0) return fail(domainError("WRONG_STATE", `evacuate is not allowed for server ${s.id} in status ${serverStatus(s.state)}`));
    const nfvi = this.claims.nfvi;
    if (nfvi.isUsable(s.hostIndex)) return fail(domainError("WRONG_STATE", `server ${s.id}: host ${nfvi.hostId(s.hostIndex)} is in service; evacuate needs a failed host`));
    const before = this.rec.before(s);
    const moved = relocate(this.claims, s);
    if (!moved.ok) return moved;
    const acc = this.claims.acc;
    if (acc !== undefined && !acc.rebind(s, s.hostIndex)) throw new InvariantViolation("INV-F2", `evacuation chose host ${nfvi.hostId(s.hostIndex)} for ${s.id} without free accelerator handles`);
    s.state = t.next;
    s.taskOp = "evacuate";
    this.metrics.onOperation("evacuate", "started");
    this.rec.serverChanged(s, "evacuate", before);
    this.rec.writeEvent(s, eventTypesOf("evacuate"), "start");
    this.start(s, "task.complete", rebuildMs);
    return ok(s);
  }

  /** Ends the server's task after `durationMs` (at once when ≤ 0) with `op`. */
  start(s: ServerRecord, op: TaskEnd, durationMs: number): void {
    if (durationMs <= 0) this.complete(s, op);
    else s.taskHandle = this.sim.schedule(durationMs, ServerTasks.onTaskDue, { tasks: this, server: s, op }, NORMAL);
  }

  private static onTaskDue(_sim: Simulation, p: { tasks: ServerTasks; server: ServerRecord; op: TaskEnd }): void {
    p.server.taskHandle = -1;
    p.tasks.complete(p.server, p.op);
  }

  private complete(s: ServerRecord, op: TaskEnd): void {
    if (op === "spawn.complete") return this.spawnComplete(s);
    // An evacuation rebuild ends ACTIVE only with every accelerator request Bound (INV-F3), as a build does.
    const accFault = s.state === ERROR_REBUILDING ? this.claims.acc?.missingBinds(s) : undefined;
    if (accFault !== undefined) {
      s.taskHandle = -1;
      s.faultMessage = accFault;
      this.metrics.onOperation(s.taskOp ?? "task", "failed");
      return this.applyTaskEnd(s, transition(s.state, "task.fail")!, "task.fail");
    }
    const t = transition(s.state, "task.complete");
    if (t === undefined) throw new InvariantViolation("INV-D7", `server ${s.id}: a task completed in state ${s.state.key}`);
    this.metrics.onOperation(s.taskOp ?? "task", "completed");
    const snapshotOf = s.state.taskState === "image_snapshot" ? s : undefined;
    this.applyTaskEnd(s, t, "task.complete");
    if (snapshotOf !== undefined) this.snapshots.take(snapshotOf);
    // A build cut short by a host failure becomes ACTIVE through its rebuild: its life starts now.
    if (s.activeAtMs < 0 && s.state.vmState === "active") {
      s.activeAtMs = this.sim.nowMs;
      this.hooks.onActive?.(s);
    }
    // IFA Scale and offline Migrate are resize (or migrate) + confirm.
    if (s.move?.autoConfirm === true && transition(s.state, "resize.confirm") !== undefined) this.operate(s.no, "resize.confirm");
  }

  /** Takes a task's end edge (complete or fail) and performs its move effects. */
  private applyTaskEnd(s: ServerRecord, t: Transition, op: "task.complete" | "task.fail"): void {
    const before = this.rec.before(s);
    if (t.effects.includes("moveCommit")) commitMove(this.claims, s);
    if (t.effects.includes("moveRollback")) rollbackMove(this.claims, s);
    s.state = t.next;
    this.rec.serverChanged(s, op, before);
    const types = eventTypesOf(s.taskOp);
    s.taskOp = undefined;
    // The end (or error) follows the last change the operation caused (INV-H4).
    this.rec.writeEvent(s, types, op === "task.fail" ? "error" : "end", op === "task.fail" ? s.faultMessage : undefined);
    this.hooks.onTaskEnd?.(s);
  }

  private spawnComplete(s: ServerRecord): void {
    const accFault = this.claims.acc?.completeBind(s);
    if (accFault !== undefined) return this.spawnFailed(s, accFault);
    const before = this.rec.before(s);
    s.state = transition(s.state, "spawn.complete")!.next;
    s.activeAtMs = this.sim.nowMs;
    this.metrics.onActive(s.activeAtMs - s.requestedAtMs, s.measured);
    this.rec.serverChanged(s, T.spawnComplete, before);
    this.rec.writeEvent(s, T.create, "end");
    this.hooks.onActive?.(s);
  }

  /** A build whose accelerators did not all bind: ERROR, holding nothing (INV-F3, INV-D5). */
  private spawnFailed(s: ServerRecord, fault: string): void {
    const before = this.rec.before(s);
    this.claims.releaseAll(s);
    s.state = transition(s.state, "spawn.fail")!.next;
    s.faultMessage = fault;
    this.rec.serverChanged(s, "spawn.fail", before);
    this.rec.writeEvent(s, T.create, "error", fault);
  }
}
