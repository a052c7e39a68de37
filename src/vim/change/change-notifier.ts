/**
 * Subscriptions and delivery of VIM notifications (IFA Subscribe / Unsubscribe / Notify). Delivery
 * is synchronous, at the simulated instant of the change, to subscriptions in creation order: a
 * consumer sees changes in the order they were committed (INV-H2), nothing before it subscribed and
 * nothing after it unsubscribed (INV-H5). With no subscription the VIM builds no payload at all:
 * `active` is the one test its hot path makes.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { matchesNotification, type NotificationFilter, type VimNotification } from "./notifications.js";

export type NotificationConsumer = (notification: VimNotification) => void;

interface Subscription {
  readonly id: string;
  readonly filter: NotificationFilter;
  readonly consumer: NotificationConsumer;
}

export class ChangeNotifier {
  private subscriptions: Subscription[] = [];
  private nextSubscriptionNo = 1;
  /** Notifications delivered (to at least one subscription), for reports. */
  delivered = 0;

  /** Is anyone listening? (Callers skip building notifications otherwise.) */
  get active(): boolean {
    return this.subscriptions.length > 0;
  }

  /** Subscribe: returns the subscription id (`sub-<n>`). */
  subscribe(filter: NotificationFilter, consumer: NotificationConsumer): string {
    const id = `sub-${this.nextSubscriptionNo++}`;
    this.subscriptions = [...this.subscriptions, { id, filter, consumer }];
    return id;
  }

  /** Unsubscribe: NOT_FOUND for an unknown or already removed subscription. */
  unsubscribe(id: string): Result<void> {
    if (!this.subscriptions.some((s) => s.id === id)) return fail(domainError("NOT_FOUND", `subscription ${id} does not exist`));
    this.subscriptions = this.subscriptions.filter((s) => s.id !== id);
    return ok(undefined);
  }

  /** Subscription ids, in creation order. */
  subscriptionIds(): string[] {
    return this.subscriptions.map((s) => s.id);
  }

  /** Delivers `n` to every matching subscription (a consumer that unsubscribes meanwhile still gets this one). */
  publish(n: VimNotification): void {
    let matched = false;
    for (const s of this.subscriptions) {
      if (!matchesNotification(n, s.filter)) continue;
      matched = true;
      s.consumer(n);
    }
    if (matched) this.delivered++;
  }
}
