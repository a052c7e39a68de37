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
  /** The NFVI ledger slot of its allocation while it holds one (NfviState.claimVector); -1 otherwise. */
  allocationSlot: number;
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

/** What a new server is made of: every field of ServerRecord but the derived id and name. */
export type ServerInit = Omit<ServerRecord, "id" | "name"> & { readonly requestedName: string | undefined };

/**
 * The VIM's server record. Its id and name are derived on read: the hot path never needs the
 * `vm-<no>` string (the event log asks only when it keeps content), and building a million of them
 * was a measurable share of a long run.
 */
export class Server implements ServerRecord {
  readonly no: number;
  readonly requestedName: string | undefined;
  readonly tenant: string;
  readonly flavour: string;
  readonly zoneConstraint: string | undefined;
  readonly groupId: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  state: ServerState;
  hostIndex: number;
  allocationSlot: number;
  readonly requestedAtMs: number;
  activeAtMs: number;
  spawnHandle: number;
  faultMessage: string | undefined;
  readonly measured: boolean;

  constructor(init: ServerInit) {
    this.no = init.no;
    this.requestedName = init.requestedName;
    this.tenant = init.tenant;
    this.flavour = init.flavour;
    this.zoneConstraint = init.zoneConstraint;
    this.groupId = init.groupId;
    this.metadata = init.metadata;
    this.state = init.state;
    this.hostIndex = init.hostIndex;
    this.allocationSlot = init.allocationSlot;
    this.requestedAtMs = init.requestedAtMs;
    this.activeAtMs = init.activeAtMs;
    this.spawnHandle = init.spawnHandle;
    this.faultMessage = init.faultMessage;
    this.measured = init.measured;
  }

  get id(): string {
    return serverId(this.no);
  }
  /** The requested name, or the id when none was given (Nova names unnamed servers by id). */
  get name(): string {
    return this.requestedName ?? this.id;
  }
}

/** A compact, JSON-ready view for the event log and queries. */
export function serverSnapshot(s: ServerRecord, hostId: (h: number) => string): Record<string, unknown> {
  return {
    status: s.state.vmState === "building" ? "BUILD" : s.state.vmState.toUpperCase(),
    vmState: s.state.vmState,
    taskState: s.state.taskState,
    host: s.hostIndex >= 0 ? hostId(s.hostIndex) : null,
  };
}
