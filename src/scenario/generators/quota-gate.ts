/**
 * Compute quotas for the workload of a run (IFA Quota Management, Nova's quota check): a tenant whose
 * model entry has `quotas:` gets its requests checked before placement (instances, cores, RAM; items
 * it does not name take the OpenStack defaults), and a request over the limit is rejected with
 * QUOTA_EXCEEDED without touching the NFVI (INV-B1, B2). Usage is recounted from the tenant's live
 * servers at each check (INV-B3), so nothing can drift. Tenants without `quotas:` are not limited:
 * a capacity study should not be cut by defaults nobody chose. When the run has a VIM façade (tenant
 * calls), the limits are read from its quota store (`useLimits`), seeded with the same rule, so a
 * call that changes a quota (updateQuota, deleteQuota) governs the workload from that instant on.
 */
import { admit, computeCharge, DEFAULT_QUOTAS, serverCharge, UNLIMITED, zeroQuotaSet, type ComputeService, type FlavourSpec, type QuotaSet } from "../../vim/index.js";
import type { DomainError } from "../../domain/index.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";

export class QuotaGate {
  private readonly limits = new Map<string, QuotaSet>();
  /** The façade's quota store, once the run has one: the limits of every tenant, UNLIMITED items included. */
  private source: ((tenant: string) => QuotaSet) | undefined;

  constructor(
    model: ResolvedModel,
    private readonly compute: ComputeService,
  ) {
    for (const t of model.tenants.values()) {
      if (Object.keys(t.quotas).length > 0) this.limits.set(t.id, { ...DEFAULT_QUOTAS, ...t.quotas });
    }
  }

  /** Reads limits from `source` from now on (the run's VIM façade, seeded from the same model). */
  useLimits(source: (tenant: string) => QuotaSet): void {
    this.source = source;
  }

  /** Is the tenant limited at all on the compute items? (Unlimited tenants cost nothing per request.) */
  limited(tenant: string): boolean {
    if (this.source === undefined) return this.limits.has(tenant);
    const limits = this.source(tenant);
    return limits.instances !== UNLIMITED || limits.cores !== UNLIMITED || limits.ram !== UNLIMITED;
  }

  /** QUOTA_EXCEEDED when `count` servers of `flavour` (or a resize adding `delta`) would pass a limit. */
  check(tenant: string, requested: Partial<QuotaSet>): DomainError | undefined {
    if (!this.limited(tenant)) return undefined;
    const limits = this.source?.(tenant) ?? this.limits.get(tenant);
    if (limits === undefined) return undefined;
    const r = admit(limits, this.usage(tenant), requested);
    return r.ok ? undefined : r.error;
  }

  /** What `count` new servers of `flavour` ask for. */
  static forServers(flavour: FlavourSpec, count: number): Partial<QuotaSet> {
    const c = computeCharge(flavour.amounts);
    return { instances: count, cores: c.cores * count, ram: c.ram * count };
  }

  /** Instances, cores and RAM of the tenant's live servers (a move counts its larger flavour). */
  private usage(tenant: string): QuotaSet {
    const usage = zeroQuotaSet();
    for (let i = 0; i < this.compute.liveServerCount; i++) {
      const s = this.compute.liveServerAt(i);
      // A server whose build failed holds nothing; the workload's tenants never delete them, so
      // counting them (as Nova would until they are deleted) would leak quota without end.
      if (s === undefined || s.tenant !== tenant || s.hostIndex < 0) continue;
      const charge = serverCharge(s);
      usage.instances++;
      usage.cores += charge.cores;
      usage.ram += charge.ram;
    }
    return usage;
  }
}
