/** A virtualised compute resource (IFA 005 VirtualCompute) as the VIM keeps it. */
import type { ServerState } from "./server-machine.js";

export interface ServerRecord {
  /** Dense number; the IFA computeId is `vm-<no>` (never reused: INV-D4). */
  readonly no: number;
  readonly id: string;
  readonly name: string;
  readonly tenant: string;
  readonly flavour: string;
  readonly zoneConstraint: string | undefined;
  readonly groupId: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  state: ServerState;
  /** Host index while the server holds an allocation; -1 otherwise. */
  hostIndex: number;
  readonly requestedAtMs: number;
  activeAtMs: number;
  /** Pending spawn completion event, to cancel on terminate; -1 when none. */
  spawnHandle: number;
  /** The NO_VALID_HOST reason when it ended in ERROR. */
  faultMessage: string | undefined;
  /** Whether this server counts toward steady-state metrics (requested after the warm-up). */
  readonly measured: boolean;
}

/** The IFA computeId of server number `no`. */
export const serverId = (no: number): string => `vm-${no}`;

/** A compact, JSON-ready view for the event log and queries. */
export function serverSnapshot(s: ServerRecord, hostId: (h: number) => string): Record<string, unknown> {
  return {
    status: s.state.vmState === "building" ? "BUILD" : s.state.vmState.toUpperCase(),
    vmState: s.state.vmState,
    taskState: s.state.taskState,
    host: s.hostIndex >= 0 ? hostId(s.hostIndex) : null,
  };
}
