/** A virtualised compute resource (IFA 005 VirtualCompute) as the VIM keeps it. */
import type { FlavourSpec } from "./flavour.js";
import { INITIAL_SERVER_STATE, serverStatus, type ServerState, type UserOp } from "./server-machine.js";

export interface ServerRecord {
  /** Dense number; the IFA computeId is `vm-<no>` (never reused: INV-D4). */
  readonly no: number;
  readonly id: string;
  readonly name: string;
  readonly tenant: string;
  /** The current flavour's id (the new one from the end of a resize until it is reverted). */
  readonly flavour: string;
  flavourSpec: FlavourSpec;
  readonly zoneConstraint: string | undefined;
  readonly groupId: string | undefined;
  metadata: Readonly<Record<string, string>>;
  state: ServerState;
  /** Host index while the server holds an allocation (the destination during a move); -1 otherwise. */
  hostIndex: number;
  /** The NFVI ledger slot of its allocation while it holds one (NfviState.claimVector); -1 otherwise. */
  allocationSlot: number;
  readonly requestedAtMs: number;
  activeAtMs: number;
  /** Pending completion event of the task in flight (spawn included), to cancel on terminate; -1 when none. */
  taskHandle: number;
  /** The user operation whose task is in flight (its end or error event names it). */
  taskOp: UserOp | "evacuate" | undefined;
  /** The NO_VALID_HOST reason when it ended in ERROR, or the reason a task failed. */
  faultMessage: string | undefined;
  /** Whether this server counts toward steady-state metrics (requested after the warm-up). */
  readonly measured: boolean;
  /** During a move (resize, migration): the source host and its allocation slot (migration consumer). */
  move: ServerMove | undefined;
  /** The VIM's last logged snapshot of this server and the snapshot epoch it belongs to (see ComputeService). */
  snapshotCache: Record<string, unknown> | undefined;
  snapshotEpoch: number;
  /**
   * What the tenant usage book counts this server for (cores, RAM; cores −1 when not counted). Kept
   * on the record the change already touches: a side table indexed by server number cost cache misses.
   */
  quotaCores: number;
  quotaRam: number;
  /** The same for the VIM façade's usage book (LiveUsageBook: every live server counts); cores −1 when not counted. */
  liveQuotaCores: number;
  liveQuotaRam: number;
}

/** A move in flight or awaiting confirmation: where the server came from and what it held there. */
export interface ServerMove {
  readonly sourceHost: number;
  /** Ledger slot of the source allocation, now held by the migration consumer. */
  readonly sourceSlot: number;
  readonly sourceFlavour: FlavourSpec;
  /** IFA Scale and offline Migrate confirm on their own once the move is done (resize + confirm). */
  readonly autoConfirm: boolean;
}

export const SERVER_ID_PREFIX = "vm-";
/** The IFA computeId of server number `no`. */
export const serverId = (no: number): string => `${SERVER_ID_PREFIX}${no}`;

/** What a request gives a new server; everything else starts as a server being scheduled (no host, no task). */
export interface NewServer {
  readonly no: number;
  readonly requestedName: string | undefined;
  readonly tenant: string;
  readonly flavourSpec: FlavourSpec;
  readonly zoneConstraint: string | undefined;
  readonly groupId: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  readonly requestedAtMs: number;
  readonly measured: boolean;
}

/**
 * The VIM's server record. Its id and name are derived on read: the hot path never needs the
 * `vm-<no>` string (the event log asks only when it keeps content), and building a million of them
 * was a measurable share of a long run.
 */
export class Server implements ServerRecord {
  readonly no: number;
  readonly requestedName: string | undefined;
  readonly tenant: string;
  flavourSpec: FlavourSpec;
  readonly zoneConstraint: string | undefined;
  readonly groupId: string | undefined;
  metadata: Readonly<Record<string, string>>;
  state: ServerState;
  hostIndex: number;
  allocationSlot: number;
  readonly requestedAtMs: number;
  activeAtMs: number;
  taskHandle: number;
  taskOp: UserOp | "evacuate" | undefined;
  faultMessage: string | undefined;
  readonly measured: boolean;
  move: ServerMove | undefined;
  snapshotCache: Record<string, unknown> | undefined;
  snapshotEpoch: number;
  quotaCores: number;
  quotaRam: number;
  liveQuotaCores: number;
  liveQuotaRam: number;
  /** Position in the VIM's dense live list while live; −1 once deleted (VIM-internal). */
  livePosition: number;

  constructor(init: NewServer) {
    // V8 lays fields out in assignment order. A terminate reads the first ten (fourteen with quota
    // usage kept) long after the server was made, when its record is cold: together they take the
    // fewest cache lines.
    this.no = init.no;
    this.state = INITIAL_SERVER_STATE;
    this.hostIndex = -1;
    this.allocationSlot = -1;
    this.taskHandle = -1;
    this.taskOp = undefined;
    this.move = undefined;
    this.groupId = init.groupId;
    this.livePosition = -1;
    this.measured = init.measured;
    this.quotaCores = -1;
    this.quotaRam = 0;
    this.liveQuotaCores = -1;
    this.liveQuotaRam = 0;
    this.flavourSpec = init.flavourSpec;
    this.tenant = init.tenant;
    this.requestedName = init.requestedName;
    this.zoneConstraint = init.zoneConstraint;
    this.metadata = init.metadata;
    this.requestedAtMs = init.requestedAtMs;
    this.activeAtMs = -1;
    this.faultMessage = undefined;
    this.snapshotCache = undefined;
    this.snapshotEpoch = -1;
    this.idText = undefined;
  }

  get flavour(): string {
    return this.flavourSpec.id;
  }
  /** Built on first read and kept: the hot path never reads it, notifications read it often. */
  private idText: string | undefined;
  get id(): string {
    return (this.idText ??= serverId(this.no));
  }
  /** The requested name, or the id when none was given (Nova names unnamed servers by id). */
  get name(): string {
    return this.requestedName ?? this.id;
  }
}

/**
 * A compact, JSON-ready view for the event log and change notifications: everything a change can
 * alter, so that the `after` of one record of a server equals the `before` of its next (INV-H2).
 */
export function serverSnapshot(s: ServerRecord, hostId: (h: number) => string): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {
    status: serverStatus(s.state),
    vmState: s.state.vmState,
    taskState: s.state.taskState,
    powerState: s.state.powerState,
    host: s.hostIndex >= 0 ? hostId(s.hostIndex) : null,
    tenant: s.tenant,
    flavour: s.flavour,
    metadata: s.metadata,
  };
  // Assigned, not spread: this runs for every change while anyone listens.
  if (s.move !== undefined) snapshot["sourceHost"] = hostId(s.move.sourceHost);
  if (s.faultMessage !== undefined) snapshot["fault"] = s.faultMessage;
  return snapshot;
}
