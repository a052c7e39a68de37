/**
 * The quota sets the cloud administrator gave tenants (IFA Create/Update/Terminate Quota, Nova's
 * os-quota-sets). A tenant without one gets DEFAULT_QUOTAS; Terminate returns it to them. Lowering
 * a limit below usage is CONFLICT unless forced (Nova `_validate_quota_limit`); a forced lowering
 * evicts nothing, and the admission rule refuses new requests until usage falls (INV-B4). Every
 * change is one log record and one QuotaChangeNotification (a change notification with
 * resourceType "quota") through the VIM's ChangeNotifier.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import { changeNotification } from "../change/change-types.js";
import type { Clock } from "../common/change-log.js";
import { belowUsage, DEFAULT_QUOTAS, validateLimits, type QuotaSet } from "./quota-set.js";

export interface QuotaChangeOptions {
  /** Accept limits below current usage (nothing is evicted). */
  readonly force?: boolean;
}

export class QuotaStore {
  /** Explicit quota sets by tenant id (complete: defaults filled in at creation). */
  private readonly explicit = new Map<string, QuotaSet>();

  constructor(
    private readonly clock: Clock,
    private readonly log: EventLog,
    private readonly notifier: ChangeNotifier,
  ) {}

  /** The tenant's limits: its own quota set, else the OpenStack defaults. */
  limits(tenantId: string): QuotaSet {
    return this.explicit.get(tenantId) ?? DEFAULT_QUOTAS;
  }

  /** Does the tenant have a quota set of its own? */
  has(tenantId: string): boolean {
    return this.explicit.has(tenantId);
  }

  /** Create: CONFLICT when the tenant already has one; absent members take the defaults. */
  create(tenantId: string, limits: Partial<QuotaSet>, usage: QuotaSet, options: QuotaChangeOptions = {}): Result<QuotaSet> {
    if (this.explicit.has(tenantId)) return fail(domainError("CONFLICT", `tenant ${tenantId} already has a quota; update it instead`));
    return this.apply(tenantId, "create", { ...DEFAULT_QUOTAS, ...limits }, usage, options);
  }

  /** Update: absent members unchanged; a tenant on defaults gets a quota set of its own. */
  update(tenantId: string, limits: Partial<QuotaSet>, usage: QuotaSet, options: QuotaChangeOptions = {}): Result<QuotaSet> {
    return this.apply(tenantId, "update", { ...this.limits(tenantId), ...limits }, usage, options);
  }

  /**
   * Terminate: back to the defaults. NOT_FOUND without a quota set of its own; CONFLICT when the
   * defaults are below usage, unless forced (the same rule as any lowering).
   */
  terminate(tenantId: string, usage: QuotaSet, options: QuotaChangeOptions = {}): Result<QuotaSet> {
    const before = this.explicit.get(tenantId);
    if (before === undefined) return fail(domainError("NOT_FOUND", `tenant ${tenantId} has no quota of its own`));
    const refused = this.refuseLowering(tenantId, DEFAULT_QUOTAS, usage, options);
    if (!refused.ok) return refused;
    this.explicit.delete(tenantId);
    this.record(tenantId, "terminate", before, DEFAULT_QUOTAS);
    return ok(DEFAULT_QUOTAS);
  }

  private apply(tenantId: string, op: "create" | "update", next: QuotaSet, usage: QuotaSet, options: QuotaChangeOptions): Result<QuotaSet> {
    const valid = validateLimits(next);
    if (!valid.ok) return valid;
    const refused = this.refuseLowering(tenantId, next, usage, options);
    if (!refused.ok) return refused;
    const before = this.explicit.get(tenantId) ?? null;
    const frozen = Object.freeze({ ...next });
    this.explicit.set(tenantId, frozen);
    this.record(tenantId, op, before, frozen);
    return ok(frozen);
  }

  private refuseLowering(tenantId: string, next: QuotaSet, usage: QuotaSet, options: QuotaChangeOptions): Result<void> {
    const below = belowUsage(next, usage);
    if (below.length === 0 || options.force === true) return ok(undefined);
    const items = below.map((item) => `${item} (limit ${next[item]}, in use ${usage[item]})`).join(", ");
    return fail(domainError("CONFLICT", `tenant ${tenantId}: quota below current usage for ${items}; use force to accept`, Object.fromEntries(below.map((i) => [i, 1]))));
  }

  /** One log record and one QuotaChangeNotification (IFA VirtualisedResourceQuotaChangeNotification). */
  private record(tenantId: string, op: "create" | "update" | "terminate", before: QuotaSet | null, after: QuotaSet): void {
    const now = this.clock.nowMs;
    const seq = this.log.wantsContent ? this.log.append(now, "quota", tenantId, op, before, after) : this.log.skip(now, "quota", tenantId, op);
    if (!this.notifier.active) return;
    this.notifier.publish(changeNotification(seq, now, "quota", tenantId, tenantId, op, before, { ...after }));
  }
}
