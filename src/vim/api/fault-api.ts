/**
 * Library façade for IFA 005/006 Fault Management: GetAlarmList, Subscribe and Unsubscribe. A caller
 * who is not a cloud administrator sees and is notified of its own tenant's alarms only (alarms on
 * its virtualised resources), whatever its filter says (INV-I3 "caller's scope", INV-H5);
 * infrastructure alarms (hosts, racks, PDUs) are the administrator's.
 */
import { ok, type Result } from "../../domain/index.js";
import type { Alarm } from "../fault/alarm.js";
import type { AlarmConsumer, AlarmFilter, AlarmService } from "../fault/alarm-service.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class FaultApi {
  /** Subscription id → owner tenant. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly core: VimCore,
    readonly alarms: AlarmService,
  ) {}

  /** GetAlarmList: the active alarms matching `filter` within the caller's scope, by alarm id. */
  getAlarmList(caller: Caller, filter: AlarmFilter = {}): Result<Alarm[]> {
    const p = this.core.guard.permit(caller, "compute:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "compute:list");
    return ok(this.alarms.getAlarmList(scope === undefined ? filter : { ...filter, tenantId: scope }));
  }

  /** Subscribe to AlarmNotification, AlarmClearedNotification and AlarmListRebuiltNotification. */
  subscribe(caller: Caller, filter: AlarmFilter, consumer: AlarmConsumer): Result<string> {
    const p = this.core.guard.permit(caller, "subscription:create");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "subscription:create");
    const id = this.alarms.subscribe(scope === undefined ? filter : { ...filter, tenantId: scope }, consumer);
    this.owners.set(id, p.value.tenantId);
    return ok(id);
  }

  unsubscribe(caller: Caller, subscriptionId: string): Result<void> {
    const p = this.core.guard.reach(caller, "subscription:delete", `subscription ${subscriptionId}`, this.owners.get(subscriptionId));
    if (!p.ok) return p;
    this.owners.delete(subscriptionId);
    return this.alarms.unsubscribe(subscriptionId);
  }
}
