/**
 * IFA 005/006 Fault Management (ifa-digest §1.13): alarms raised, updated and cleared by the fault
 * manager, GetAlarmList over the active ones, and Subscribe/Notify with AlarmNotification (raise and
 * each update), AlarmClearedNotification and AlarmListRebuiltNotification. Repeated faults on the
 * same (managed object, fault type, probable cause) update the active alarm instead of raising a new
 * one (INV-I4). Delivery is synchronous in subscription order, as the ChangeNotifier's.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { Clock } from "../common/change-log.js";
import { alarmTransition, type Alarm, type AlarmOp, type FaultyResourceInfo, type ManagedObjectType, type PerceivedSeverity } from "./alarm.js";

export interface RaiseAlarm {
  readonly managedObjectId: string;
  readonly managedObjectType: ManagedObjectType;
  readonly tenantId?: string;
  readonly faultType: string;
  readonly probableCause: string;
  readonly perceivedSeverity: PerceivedSeverity;
  readonly eventTimeMs: number;
  readonly isRootCause: boolean;
  readonly rootCauseFaultyResource?: FaultyResourceInfo;
  readonly correlatedAlarmIds?: ReadonlyArray<string>;
  readonly faultDetails?: ReadonlyArray<string>;
}

/** GetAlarmList / subscription filter; every given field must match. `tenantId` is the caller's scope. */
export interface AlarmFilter {
  readonly managedObjectIds?: ReadonlyArray<string>;
  readonly managedObjectTypes?: ReadonlyArray<ManagedObjectType>;
  readonly perceivedSeverities?: ReadonlyArray<PerceivedSeverity>;
  readonly tenantId?: string;
}

export type AlarmNotification =
  | { readonly kind: "AlarmNotification"; readonly timeMs: number; readonly alarm: Alarm }
  | { readonly kind: "AlarmClearedNotification"; readonly timeMs: number; readonly alarmId: string; readonly alarmClearedTimeMs: number; readonly alarm: Alarm }
  | { readonly kind: "AlarmListRebuiltNotification"; readonly timeMs: number };

export type AlarmConsumer = (n: AlarmNotification) => void;

/** Counts and durations for the availability report. */
export interface AlarmStatistics {
  raised: number;
  updated: number;
  cleared: number;
  readonly raisedByType: Map<ManagedObjectType, number>;
  /** Cleared alarms' lifetimes (cleared − raised), in clearing order. */
  readonly durationsMs: number[];
}

const dedupKey = (objectId: string, faultType: string, cause: string): string => `${objectId}\u0000${faultType}\u0000${cause}`;

export function matchesAlarm(a: Alarm, f: AlarmFilter): boolean {
  if (f.tenantId !== undefined && a.tenantId !== f.tenantId) return false;
  if (f.managedObjectIds !== undefined && !f.managedObjectIds.includes(a.managedObjectId)) return false;
  if (f.managedObjectTypes !== undefined && !f.managedObjectTypes.includes(a.managedObjectType)) return false;
  return f.perceivedSeverities === undefined || f.perceivedSeverities.includes(a.perceivedSeverity);
}

export class AlarmService {
  private nextAlarmNo = 1;
  private nextSubscriptionNo = 1;
  /** Active alarms by dedup key; insertion order is raise order, so the list comes out by alarm id. */
  private readonly active = new Map<string, Alarm>();
  private readonly byId = new Map<string, Alarm>();
  private readonly activeByObject = new Map<string, Set<string>>();
  private subscriptions: Array<{ readonly id: string; readonly filter: AlarmFilter; readonly consumer: AlarmConsumer }> = [];
  readonly stats: AlarmStatistics = { raised: 0, updated: 0, cleared: 0, raisedByType: new Map(), durationsMs: [] };

  constructor(
    private readonly clock: Clock,
    private readonly log: EventLog,
  ) {}

  /** Raises an alarm, or updates the active one with the same (object, fault type, cause) (INV-I4). */
  raise(r: RaiseAlarm): Alarm {
    const key = dedupKey(r.managedObjectId, r.faultType, r.probableCause);
    const existing = this.active.get(key);
    if (existing !== undefined) return this.update(existing, r);
    const alarm: Alarm = {
      alarmId: `alarm-${this.nextAlarmNo++}`,
      managedObjectId: r.managedObjectId,
      managedObjectType: r.managedObjectType,
      tenantId: r.tenantId,
      rootCauseFaultyResource: r.rootCauseFaultyResource,
      alarmRaisedTimeMs: this.clock.nowMs,
      alarmChangedTimeMs: undefined,
      alarmClearedTimeMs: undefined,
      state: "FIRED",
      perceivedSeverity: r.perceivedSeverity,
      eventTimeMs: Math.min(r.eventTimeMs, this.clock.nowMs),
      faultType: r.faultType,
      probableCause: r.probableCause,
      isRootCause: r.isRootCause,
      correlatedAlarmIds: [...(r.correlatedAlarmIds ?? [])],
      faultDetails: [...(r.faultDetails ?? [])],
    };
    this.active.set(key, alarm);
    this.byId.set(alarm.alarmId, alarm);
    let ids = this.activeByObject.get(alarm.managedObjectId);
    if (ids === undefined) this.activeByObject.set(alarm.managedObjectId, (ids = new Set()));
    ids.add(alarm.alarmId);
    this.stats.raised++;
    this.stats.raisedByType.set(alarm.managedObjectType, (this.stats.raisedByType.get(alarm.managedObjectType) ?? 0) + 1);
    this.record(alarm.alarmId, "raise", null, alarm);
    this.publish({ kind: "AlarmNotification", timeMs: this.clock.nowMs, alarm });
    return alarm;
  }

  /** Clears an active alarm (AlarmClearedNotification); WRONG_STATE when already cleared, NOT_FOUND when unknown. */
  clear(alarmId: string): Result<Alarm> {
    const a = this.byId.get(alarmId);
    if (a === undefined) return fail(domainError("NOT_FOUND", `alarm ${alarmId} does not exist`));
    const next = alarmTransition(a.state, "clear");
    if (next === undefined) return fail(domainError("WRONG_STATE", `alarm ${alarmId} is already cleared`));
    const now = this.clock.nowMs;
    const cleared: Alarm = { ...a, state: next, perceivedSeverity: "CLEARED", alarmClearedTimeMs: now, alarmChangedTimeMs: now };
    this.replace(a, cleared, "clear");
    this.active.delete(dedupKey(a.managedObjectId, a.faultType, a.probableCause));
    const ids = this.activeByObject.get(a.managedObjectId);
    ids?.delete(alarmId);
    if (ids?.size === 0) this.activeByObject.delete(a.managedObjectId);
    this.stats.cleared++;
    this.stats.durationsMs.push(now - a.alarmRaisedTimeMs);
    this.publish({ kind: "AlarmClearedNotification", timeMs: now, alarmId, alarmClearedTimeMs: now, alarm: cleared });
    return ok(cleared);
  }

  /** Clears every active alarm on `managedObjectId` (the object was repaired or deleted, INV-I2); returns how many. */
  clearObject(managedObjectId: string): number {
    const ids = this.activeByObject.get(managedObjectId);
    if (ids === undefined) return 0;
    const list = [...ids];
    for (const id of list) this.clear(id);
    return list.length;
  }

  /** Does `managedObjectId` have an active alarm? */
  hasActive(managedObjectId: string): boolean {
    return this.activeByObject.has(managedObjectId);
  }

  /** An alarm by id, active or cleared. */
  alarm(alarmId: string): Alarm | undefined {
    return this.byId.get(alarmId);
  }

  /** GetAlarmList: the active alarms matching `filter`, by alarm id (INV-I3). */
  getAlarmList(filter: AlarmFilter = {}): Alarm[] {
    const out: Alarm[] = [];
    for (const a of this.active.values()) if (matchesAlarm(a, filter)) out.push(a);
    return out;
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Subscribe: returns the subscription id (`alarm-sub-<n>`). */
  subscribe(filter: AlarmFilter, consumer: AlarmConsumer): string {
    const id = `alarm-sub-${this.nextSubscriptionNo++}`;
    this.subscriptions = [...this.subscriptions, { id, filter, consumer }];
    return id;
  }

  /** Unsubscribe: NOT_FOUND for an unknown or already removed subscription. */
  unsubscribe(id: string): Result<void> {
    if (!this.subscriptions.some((s) => s.id === id)) return fail(domainError("NOT_FOUND", `subscription ${id} does not exist`));
    this.subscriptions = this.subscriptions.filter((s) => s.id !== id);
    return ok(undefined);
  }

  /** Tells every subscriber to resynchronise with GetAlarmList (after a VIM restart, INV-I7). */
  rebuildList(): void {
    this.record("alarm-list", "rebuilt", null, { active: this.active.size });
    for (const s of this.subscriptions) s.consumer({ kind: "AlarmListRebuiltNotification", timeMs: this.clock.nowMs });
  }

  private update(a: Alarm, r: RaiseAlarm): Alarm {
    const next = alarmTransition(a.state, "update" satisfies AlarmOp)!;
    const correlated = [...new Set([...a.correlatedAlarmIds, ...(r.correlatedAlarmIds ?? [])])];
    const updated: Alarm = { ...a, state: next, perceivedSeverity: r.perceivedSeverity, alarmChangedTimeMs: this.clock.nowMs, correlatedAlarmIds: correlated };
    this.replace(a, updated, "update");
    this.active.set(dedupKey(a.managedObjectId, a.faultType, a.probableCause), updated);
    this.stats.updated++;
    this.publish({ kind: "AlarmNotification", timeMs: this.clock.nowMs, alarm: updated });
    return updated;
  }

  private replace(before: Alarm, after: Alarm, op: AlarmOp): void {
    this.byId.set(after.alarmId, after);
    this.record(after.alarmId, op, before, after);
  }

  /** One log record per alarm change (rule: every state change is logged). */
  private record(id: string, op: string, before: unknown, after: unknown): void {
    if (this.log.wantsContent) this.log.append(this.clock.nowMs, "alarm", id, op, before, after);
    else this.log.skip(this.clock.nowMs, "alarm", id, op);
  }

  private publish(n: AlarmNotification): void {
    if (this.subscriptions.length === 0) return;
    const alarm = n.kind === "AlarmListRebuiltNotification" ? undefined : n.alarm;
    for (const s of this.subscriptions) if (alarm === undefined || matchesAlarm(alarm, s.filter)) s.consumer(n);
  }
}
