/** What the compute service tells its owner (the VIM façade, the fault manager, explain) as servers live. */
import type { SelectionRequest } from "./host-selector.js";
import type { ServerRecord } from "./server.js";

export interface ComputeHooks {
  /** A server reached ACTIVE (the workload schedules its end of life from here). */
  onActive?(server: ServerRecord): void;
  /** Placement is about to decide for `server` (member `member` of its request): for explain. */
  beforeSelect?(server: ServerRecord, member: number, selection: SelectionRequest): void;
  /** A server's task ended (completed or failed): the fault manager learns of restored servers. */
  onTaskEnd?(server: ServerRecord): void;
  /** A server was terminated (its alarms are cleared, its downtime ends). */
  onTerminated?(server: ServerRecord): void;
}
