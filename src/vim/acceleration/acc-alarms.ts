/**
 * IFA 019 fault side: accelerator alarms (raised when a device is disabled, cleared when it is
 * rediscovered), Subscribe / Unsubscribe per host, Notify to subscribers in subscription order, and
 * GetAlarmInfo.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";

export type AccAlarmSeverity = "CRITICAL" | "MAJOR" | "MINOR";

export interface AccAlarm {
  readonly alarmId: string;
  readonly managedObjectId: string;
  readonly hostId: string;
  readonly severity: AccAlarmSeverity;
  readonly probableCause: string;
  readonly raisedAtMs: number;
  clearedAtMs: number | null;
}

export interface AccAlarmFilter {
  readonly severity?: AccAlarmSeverity;
  readonly accResourceId?: string;
  /** Cleared alarms too (default: active only). */
  readonly includeCleared?: boolean;
}

export type AccNotifyConsumer = (alarm: Readonly<AccAlarm>, event: "RAISED" | "CLEARED") => void;

interface AccSubscription {
  readonly id: string;
  readonly hostId: string;
  readonly filter: AccAlarmFilter;
  readonly consumer: AccNotifyConsumer;
}

const matches = (a: AccAlarm, f: AccAlarmFilter): boolean =>
  (f.severity === undefined || a.severity === f.severity) &&
  (f.accResourceId === undefined || a.managedObjectId === f.accResourceId) &&
  (f.includeCleared === true || a.clearedAtMs === null);

export class AccAlarmBoard {
  private readonly alarms: AccAlarm[] = [];
  /**
   * Subscriptions by host, each list in subscription order and replaced (never changed in place) so
   * that a notify walks the list it started with. By host: the VIM subscribes once per host, and a
   * single list copied on every subscribe cost quadratic time on 200,000 hosts (bench/hyperscale).
   */
  private readonly subscriptions = new Map<string, readonly AccSubscription[]>();
  private nextAlarmNo = 1;
  private nextSubscriptionNo = 1;

  subscribe(hostId: string, filter: AccAlarmFilter, consumer: AccNotifyConsumer): string {
    const id = `acc-sub-${this.nextSubscriptionNo++}`;
    this.subscriptions.set(hostId, [...(this.subscriptions.get(hostId) ?? []), { id, hostId, filter, consumer }]);
    return id;
  }

  /** NOT_FOUND for an unknown subscription or one of another host. */
  unsubscribe(hostId: string, id: string): Result<void> {
    const list = this.subscriptions.get(hostId) ?? [];
    if (!list.some((s) => s.id === id)) return fail(domainError("NOT_FOUND", `accelerator subscription ${id} on ${hostId} does not exist`));
    this.subscriptions.set(hostId, list.filter((s) => s.id !== id));
    return ok(undefined);
  }

  raise(managedObjectId: string, hostId: string, severity: AccAlarmSeverity, probableCause: string, nowMs: number): AccAlarm {
    const alarm: AccAlarm = { alarmId: `acc-alarm-${this.nextAlarmNo++}`, managedObjectId, hostId, severity, probableCause, raisedAtMs: nowMs, clearedAtMs: null };
    this.alarms.push(alarm);
    this.notify(alarm, "RAISED");
    return alarm;
  }

  /** Clears the active alarms of a device; returns them. */
  clear(managedObjectId: string, nowMs: number): AccAlarm[] {
    const cleared = this.alarms.filter((a) => a.managedObjectId === managedObjectId && a.clearedAtMs === null);
    for (const a of cleared) {
      a.clearedAtMs = nowMs;
      this.notify(a, "CLEARED");
    }
    return cleared;
  }

  /** GetAlarmInfo: alarms of the host matching the filter, in raise order (copies). */
  alarmInfo(hostId: string, filter: AccAlarmFilter = {}): AccAlarm[] {
    return this.alarms.filter((a) => a.hostId === hostId && matches(a, filter)).map((a) => ({ ...a }));
  }

  private notify(alarm: AccAlarm, event: "RAISED" | "CLEARED"): void {
    for (const s of this.subscriptions.get(alarm.hostId) ?? []) if (matches(alarm, { ...s.filter, includeCleared: true })) s.consumer(alarm, event);
  }
}
