/**
 * Library façade for IFA quota management (Create/Query/Update/Terminate of compute, network and
 * storage quotas, one quota set per tenant). Changing a quota is the cloud administrator's
 * (Nova/Neutron/Cinder admin-only quota updates: the cloud-only tenant:create privilege); every
 * tenant user may query its own tenant's quota and usage, another tenant's is NOT_FOUND.
 * `quotaAdmits` is the check every allocate and scale of the façade makes before any side effect.
 */
import { domainError, fail, invariant, ok, type Result } from "../../domain/index.js";
import type { QuotaChangeOptions } from "../quota/quota-store.js";
import { admit, QUOTA_ITEMS, UNLIMITED, type QuotaSet } from "../quota/quota-set.js";
import { countUsage } from "../quota/quota-usage.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

/** A tenant's quota as Query returns it: its limits, its usage now, and whether they are the defaults. */
export interface QuotaView {
  readonly tenantId: string;
  readonly limits: QuotaSet;
  readonly usage: QuotaSet;
  readonly isDefault: boolean;
}

/**
 * The tenant's usage of every quota item as the services keep it (running sums updated with every
 * create, delete and resize: O(1), bench/ccm.bench.ts); equal to countUsage's recount (INV-B3,
 * checkQuotaUsage).
 */
export function keptUsage(core: VimCore, tenantId: string): QuotaSet {
  const compute = core.usage.usage(tenantId);
  const network = core.network.tenantCounts(tenantId);
  const storage = core.storage.tenantCounts(tenantId);
  return {
    instances: compute.instances,
    cores: compute.cores,
    ram: compute.ram,
    port: network.port,
    subnet: network.subnet,
    floatingip: network.floatingip,
    volumes: storage.volumes,
    gigabytes: storage.gigabytes,
    snapshots: storage.snapshots,
  };
}

/** INV-B1/B2: ok when `requested` fits the tenant's quota now; QUOTA_EXCEEDED otherwise, nothing changed. */
export function quotaAdmits(core: VimCore, tenantId: string, requested: Partial<QuotaSet>): Result<void> {
  const limits = core.quotas.limits(tenantId);
  // When no requested item is limited it cannot refuse: usage is not even read (500 Kubernetes clusters' node churn: bench/ccm.bench.ts).
  if (QUOTA_ITEMS.every((item) => (requested[item] ?? 0) <= 0 || limits[item] === UNLIMITED)) return ok(undefined);
  return admit(limits, keptUsage(core, tenantId), requested);
}

/** INV-B3: every tenant's kept usage equals a recount of its live resources; throws InvariantViolation on the first difference. */
export function checkQuotaUsage(core: VimCore): void {
  const tenants = [...new Set([...core.identity.listTenants().map((t) => t.tenantId), ...core.usage.tenants()])].sort();
  for (const tenantId of tenants) {
    const kept = keptUsage(core, tenantId);
    const counted = countUsage(core, tenantId);
    for (const item of QUOTA_ITEMS) {
      invariant(kept[item] === counted[item], "INV-B3", () => `tenant ${tenantId}: ${item} usage kept as ${kept[item]}, a recount of its live resources gives ${counted[item]}`);
    }
  }
}

export class QuotaApi {
  constructor(private readonly core: VimCore) {}

  /** Create*ResourceQuota: CONFLICT when the tenant already has one, or below usage unless forced. */
  create(caller: Caller, tenantId: string, limits: Partial<QuotaSet>, options: QuotaChangeOptions = {}): Result<QuotaView> {
    const t = this.administer(caller, tenantId);
    if (!t.ok) return t;
    const r = this.core.quotas.create(tenantId, limits, keptUsage(this.core, tenantId), options);
    return r.ok ? ok(this.view(tenantId)) : r;
  }

  /** Update*ResourceQuota: absent members unchanged; CONFLICT below usage unless forced. */
  update(caller: Caller, tenantId: string, limits: Partial<QuotaSet>, options: QuotaChangeOptions = {}): Result<QuotaView> {
    const t = this.administer(caller, tenantId);
    if (!t.ok) return t;
    const r = this.core.quotas.update(tenantId, limits, keptUsage(this.core, tenantId), options);
    return r.ok ? ok(this.view(tenantId)) : r;
  }

  /** Terminate*ResourceQuota, best effort (IFA): the tenants returned to the defaults, in the order given. */
  terminate(caller: Caller, tenantIds: readonly string[], options: QuotaChangeOptions = {}): Result<string[]> {
    const p = this.core.guard.permit(caller, "tenant:create");
    if (!p.ok) return p;
    return ok([...new Set(tenantIds)].filter((id) => this.core.identity.tenant(id) !== undefined && this.core.quotas.terminate(id, keptUsage(this.core, id), options).ok));
  }

  /** The limits in force for a tenant (its own set, else the defaults), without counting usage: for the VIM's own admission paths. */
  limitsOf(tenantId: string): QuotaSet {
    return this.core.quotas.limits(tenantId);
  }

  /** Query*ResourceQuota: the caller's tenant (every tenant, by id, for a cloud administrator), or the one named. */
  query(caller: Caller, tenantId?: string): Result<QuotaView[]> {
    // Every tenant role may read its own quota (Nova shows a project's quota set to its members):
    // compute:list is the read all of them hold; tenant:list, cloud-scoped, widens it to every tenant.
    const p = this.core.guard.permit(caller, "compute:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "tenant:list");
    if (tenantId !== undefined) {
      const visible = this.core.identity.tenant(tenantId) !== undefined && (scope === undefined || scope === tenantId);
      return visible ? ok([this.view(tenantId)]) : fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`));
    }
    const ids = scope === undefined ? this.core.identity.listTenants().map((t) => t.tenantId) : [scope];
    return ok(ids.map((id) => this.view(id)));
  }

  /** The caller may change `tenantId`'s quota: cloud administrators only; NOT_FOUND for an unknown tenant. */
  private administer(caller: Caller, tenantId: string): Result<void> {
    const p = this.core.guard.permit(caller, "tenant:create");
    if (!p.ok) return p;
    return this.core.identity.tenant(tenantId) === undefined ? fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`)) : ok(undefined);
  }

  private view(tenantId: string): QuotaView {
    return { tenantId, limits: this.core.quotas.limits(tenantId), usage: keptUsage(this.core, tenantId), isDefault: !this.core.quotas.has(tenantId) };
  }
}
