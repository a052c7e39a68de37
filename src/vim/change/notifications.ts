/**
 * What the VIM tells its consumers (IFA 005/006 Virtualised Resources Change Management, and
 * Nova-style versioned operation events): one VirtualisedResourceChangeNotification per committed
 * state change, carrying the before/after snapshots, and `<resource>.<action>.start|end|error` for
 * each operation. Both carry the event-log sequence number of their record, so (timeMs, seq) is
 * strictly increasing across everything the VIM emits (INV-H2).
 */

/** The twin's change categories (ifa-digest §1.9). */
export type ChangeType = "ADDED" | "MODIFIED" | "OPERATED" | "SCALED" | "MIGRATED" | "REMOVED" | "FAILED";
export const CHANGE_TYPES: readonly ChangeType[] = ["ADDED", "MODIFIED", "OPERATED", "SCALED", "MIGRATED", "REMOVED", "FAILED"];

/** Why the VIM changed something: a consumer asked, or the VIM did it itself (VimResourceChangeType). */
export type ChangeReason = "CONSUMER_REQUEST" | "NFVI_MAINTENANCE" | "NFVI_OPERATION" | "NFVI_EVACUATION" | "NFVI_OPTIMIZATION";

export interface ChangeNotification {
  readonly kind: "change";
  readonly seq: number;
  readonly timeMs: number;
  /** `chg-<seq>`: unique, ordered. */
  readonly changeId: string;
  /** The log entity: server, serverGroup, snapshot, ... */
  readonly resourceType: string;
  readonly virtualisedResourceId: string;
  /** Owner tenant of the resource, when it has one (subscriptions are scoped by it). */
  readonly tenantId: string | undefined;
  readonly changeType: ChangeType;
  readonly changeReason: ChangeReason;
  /** The operation or event of the state machine that made the change (e.g. "pause", "task.complete"). */
  readonly operation: string;
  readonly before: unknown;
  readonly after: unknown;
}

export type OperationPhase = "start" | "end" | "error";

export interface OperationNotification {
  readonly kind: "operation";
  readonly seq: number;
  readonly timeMs: number;
  /** Nova's event_type: `instance.<action>.<phase>` (e.g. instance.live_migration.end). */
  readonly eventType: string;
  readonly virtualisedResourceId: string;
  readonly tenantId: string | undefined;
  readonly phase: OperationPhase;
  readonly fault: string | undefined;
}

/** IFA InformationChangeNotification: a consumable resource type was added, removed or updated. */
export interface InformationChangeNotification {
  readonly kind: "information";
  readonly seq: number;
  readonly timeMs: number;
  /** `info-<seq>`. */
  readonly changeId: string;
  /** The resource type (a flavour id for compute); also the id filters match. */
  readonly virtualisedResourceId: string;
  readonly resourceTypeId: string;
  /** The catalogue is public: no tenant owns it, and every subscriber may hear it. */
  readonly tenantId: undefined;
  readonly changeType: "ADDITION" | "REMOVAL" | "UPDATE";
  readonly changedResourceData: unknown;
}

export type VimNotification = ChangeNotification | OperationNotification | InformationChangeNotification;

/** What a subscription receives: every field given must match (IFA SubscribeRequest filter). */
export interface NotificationFilter {
  readonly kinds?: readonly VimNotification["kind"][];
  readonly resourceTypes?: readonly string[];
  readonly resourceIds?: readonly string[];
  /** Only this tenant's resources (a tenant-scoped consumer never sees another tenant's: INV-H5). */
  readonly tenantId?: string;
  readonly changeTypes?: readonly ChangeType[];
}

/** Does notification `n` pass `filter`? */
export function matchesNotification(n: VimNotification, filter: NotificationFilter): boolean {
  if (filter.kinds !== undefined && !filter.kinds.includes(n.kind)) return false;
  if (filter.resourceIds !== undefined && !filter.resourceIds.includes(n.virtualisedResourceId)) return false;
  if (filter.tenantId !== undefined && n.tenantId !== filter.tenantId && n.kind !== "information") return false;
  if (n.kind === "change") {
    if (filter.resourceTypes !== undefined && !filter.resourceTypes.includes(n.resourceType)) return false;
    if (filter.changeTypes !== undefined && !filter.changeTypes.includes(n.changeType)) return false;
  } else if (n.kind === "information") {
    if (filter.resourceTypes !== undefined && !filter.resourceTypes.includes("information")) return false;
  } else if (filter.resourceTypes !== undefined && !filter.resourceTypes.includes(n.eventType.split(".")[0] ?? "")) {
    return false;
  }
  return true;
}
