/**
 * Library façade for IFA change management (Subscribe / Unsubscribe). A caller who is not a cloud
 * administrator is subscribed to its own tenant's resources only, whatever its filter says (INV-H5);
 * a subscription belongs to its tenant, and another tenant's is NOT_FOUND.
 */
import { ok, type Result } from "../../domain/index.js";
import type { NotificationConsumer } from "../change/change-notifier.js";
import type { NotificationFilter } from "../change/notifications.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class ChangeApi {
  /** Subscription id → owner tenant. */
  private readonly owners = new Map<string, string>();

  constructor(private readonly core: VimCore) {}

  /** Subscribe: the subscription id. */
  subscribe(caller: Caller, filter: NotificationFilter, consumer: NotificationConsumer): Result<string> {
    const p = this.core.guard.permit(caller, "subscription:create");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "subscription:create");
    const id = this.core.notifier.subscribe(scope === undefined ? filter : { ...filter, tenantId: scope }, consumer);
    this.owners.set(id, p.value.tenantId);
    return ok(id);
  }

  unsubscribe(caller: Caller, subscriptionId: string): Result<void> {
    const p = this.core.guard.reach(caller, "subscription:delete", `subscription ${subscriptionId}`, this.owners.get(subscriptionId));
    if (!p.ok) return p;
    this.owners.delete(subscriptionId);
    return this.core.notifier.unsubscribe(subscriptionId);
  }

  /** The caller's tenant's subscription ids (all for a cloud administrator), in creation order. */
  list(caller: Caller): Result<string[]> {
    const p = this.core.guard.permit(caller, "subscription:create");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "subscription:create");
    return ok(this.core.notifier.subscriptionIds().filter((id) => scope === undefined || this.owners.get(id) === scope));
  }
}
