/**
 * Server snapshots (IFA computeOperation CREATE_SNAPSHOT / DELETE_SNAPSHOT): taken when a
 * `snapshot.create` task completes, kept until deleted, each logged as it comes and goes.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { ComputeRecorder } from "./compute-records.js";
import type { ServerRecord } from "./server.js";

/** What the log records of a snapshot (its content stays as it was before the tenant was kept). */
interface SnapshotRecord {
  readonly server: string;
  readonly createdAtMs: number;
}

/** A snapshot as the API shows it: its server, owner tenant and creation time. */
export interface SnapshotView {
  readonly snapshotId: string;
  readonly computeId: string;
  readonly tenantId: string;
  readonly createdAtMs: number;
}

/** Code-unit order (locale-independent). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class SnapshotStore {
  private readonly snapshots = new Map<string, SnapshotRecord>();
  /** The tenant of each snapshot's server (kept apart so the logged record stays as it was). */
  private readonly tenants = new Map<string, string>();
  private nextNo = 1;

  constructor(
    private readonly sim: Simulation,
    private readonly rec: ComputeRecorder,
  ) {}

  /** Records the snapshot of server `s` taken now. */
  take(s: ServerRecord): void {
    const id = `snap-${this.nextNo++}`;
    const snapshot = { server: s.id, createdAtMs: this.sim.nowMs };
    this.snapshots.set(id, snapshot);
    this.tenants.set(id, s.tenant);
    this.rec.writeLog("snapshot", id, "create", null, snapshot);
  }

  /** DeleteSnapshot: NOT_FOUND unless the snapshot exists. */
  delete(snapshotId: string): Result<void> {
    const snapshot = this.snapshots.get(snapshotId);
    if (snapshot === undefined) return fail(domainError("NOT_FOUND", `snapshot ${snapshotId} does not exist`));
    this.snapshots.delete(snapshotId);
    this.tenants.delete(snapshotId);
    this.rec.writeLog("snapshot", snapshotId, "delete", snapshot, null);
    return ok(undefined);
  }

  /** Snapshots taken and not deleted, by id (sorted). */
  ids(): string[] {
    return [...this.snapshots.keys()].sort(compareIds);
  }

  /** A snapshot, or undefined once deleted or never taken. */
  view(snapshotId: string): SnapshotView | undefined {
    const s = this.snapshots.get(snapshotId);
    return s === undefined ? undefined : { snapshotId, computeId: s.server, tenantId: this.tenants.get(snapshotId) ?? "", createdAtMs: s.createdAtMs };
  }
}
