/**
 * The evacuation queue (Nova host-evacuate with a concurrency limit): servers of failed hosts wait
 * in priority order (higher first, then lower server number) and at most `concurrency` rebuilds run
 * at once. A server whose host came back meanwhile is restarted in place instead; one that finds no
 * valid host stays in ERROR on its failed host (counted, retried by nobody: the repair restarts it).
 */
import type { ComputeService } from "../compute/compute-service.js";
import type { ServerRecord } from "../compute/server.js";
import type { AvailabilityTracker } from "./availability.js";

export interface EvacuationConfig {
  readonly concurrency: number;
  /** Draws the rebuild duration of one evacuation (ms). */
  readonly rebuildMs: () => number;
  /** Larger first; ties by server number. */
  readonly priorityOf: (s: ServerRecord) => number;
}

interface Pending {
  readonly no: number;
  readonly priority: number;
}

export class EvacuationQueue {
  private pending: Pending[] = [];
  private head = 0;
  private readonly inFlight = new Set<number>();
  /** Called with each server that started its rebuild on a new host (cascade checks). */
  onEvacuated: ((s: ServerRecord) => void) | undefined;

  constructor(
    private readonly compute: ComputeService,
    private readonly config: EvacuationConfig,
    private readonly availability: AvailabilityTracker,
    private readonly restart: (no: number) => void,
  ) {}

  /** Queues servers (in any order) and starts what the cap allows. */
  enqueue(servers: ReadonlyArray<ServerRecord>): void {
    const rest = this.pending.slice(this.head);
    for (const s of servers) rest.push({ no: s.no, priority: this.config.priorityOf(s) });
    rest.sort((a, b) => b.priority - a.priority || a.no - b.no);
    this.pending = rest;
    this.head = 0;
    this.pump();
  }

  /** A server's task ended or it was deleted: its slot frees up. True when it was an evacuation in flight. */
  settled(no: number): boolean {
    if (!this.inFlight.delete(no)) return false;
    this.pump();
    return true;
  }

  get waiting(): number {
    return this.pending.length - this.head;
  }

  private pump(): void {
    while (this.inFlight.size < this.config.concurrency && this.head < this.pending.length) {
      const { no } = this.pending[this.head++]!;
      const s = this.compute.server(no);
      if (s === undefined || s.state.vmState !== "error" || s.taskOp !== undefined) continue;
      const r = this.compute.evacuate(no, this.config.rebuildMs());
      if (r.ok) {
        this.availability.evacuationsStarted++;
        this.inFlight.add(no);
        this.onEvacuated?.(s);
      } else if (r.error.kind === "NO_VALID_HOST") this.availability.evacuationsFailed++;
      else if (r.error.kind === "WRONG_STATE" && s.hostIndex >= 0) this.restart(no);
    }
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
  }
}
