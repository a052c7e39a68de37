/**
 * The IFA 005 §8.6 Alarm information element (ifa-digest §1.13) and its life cycle as a table
 * (rule 10): an alarm is FIRED when raised, UPDATED by each repeat of its fault (de-duplication,
 * INV-I4) and CLEARED once, after which nothing changes it (INV-I1).
 */
export const ALARM_STATES = ["FIRED", "UPDATED", "CLEARED"] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** X.733 perceived severities. */
export const PERCEIVED_SEVERITIES = ["CRITICAL", "MAJOR", "MINOR", "WARNING", "INDETERMINATE", "CLEARED"] as const;
export type PerceivedSeverity = (typeof PERCEIVED_SEVERITIES)[number];

export type FaultyResourceType = "COMPUTE" | "STORAGE" | "NETWORK";

/** What an alarm is about: a virtualised resource or, for root-cause alarms, an NFVI element. */
export type ManagedObjectType = "VIRTUAL_COMPUTE" | "COMPUTE_HOST" | "HYPERVISOR" | "NIC" | "RACK" | "PDU" | "TOR_SWITCH" | "ZONE" | "ACCELERATOR";

export interface FaultyResourceInfo {
  readonly faultyResource: { readonly resourceId: string; readonly vimLevelResourceType: ManagedObjectType };
  readonly faultyResourceType: FaultyResourceType;
}

export interface Alarm {
  readonly alarmId: string;
  readonly managedObjectId: string;
  readonly managedObjectType: ManagedObjectType;
  /** The owner of a virtualised resource (scope of GetAlarmList and subscriptions); none for NFVI elements. */
  readonly tenantId: string | undefined;
  readonly rootCauseFaultyResource: FaultyResourceInfo | undefined;
  readonly alarmRaisedTimeMs: number;
  readonly alarmChangedTimeMs: number | undefined;
  readonly alarmClearedTimeMs: number | undefined;
  readonly state: AlarmState;
  readonly perceivedSeverity: PerceivedSeverity;
  /** When the fault was observed to happen (before or at the raise: detection takes time). */
  readonly eventTimeMs: number;
  readonly faultType: string;
  readonly probableCause: string;
  readonly isRootCause: boolean;
  readonly correlatedAlarmIds: ReadonlyArray<string>;
  readonly faultDetails: ReadonlyArray<string>;
}

export type AlarmOp = "update" | "clear";

/** The alarm table: state → op → next state; a missing cell is WRONG_STATE (cleared alarms are final). */
export const ALARM_TRANSITIONS: Readonly<Record<AlarmState, Partial<Record<AlarmOp, AlarmState>>>> = {
  FIRED: { update: "UPDATED", clear: "CLEARED" },
  UPDATED: { update: "UPDATED", clear: "CLEARED" },
  CLEARED: {},
};

/** The next state of `op` from `state`, or undefined when the op is illegal there. */
export const alarmTransition = (state: AlarmState, op: AlarmOp): AlarmState | undefined => ALARM_TRANSITIONS[state][op];

/** Aodh's three severities for an IFA severity (ifa-digest §4.9, twin mapping). */
export function aodhSeverity(s: PerceivedSeverity): "critical" | "moderate" | "low" | "ok" {
  if (s === "CRITICAL" || s === "MAJOR") return "critical";
  if (s === "MINOR") return "moderate";
  return s === "CLEARED" ? "ok" : "low";
}
