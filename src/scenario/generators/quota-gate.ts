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
import { admit, computeCharge, DEFAULT_QUOTAS, UNLIMITED, zeroQuotaSet, type ComputeService, type FlavourSpec, type QuotaSet, type TenantUsageBook } from "../../vim/index.js";
import type { DomainError } from "../../domain/index.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";

export class QuotaGate {
  private readonly limits = new Map<string, QuotaSet>();
  /** The façade's quota store, once the run has one: the limits of every tenant, UNLIMITED items included. */
  private source: ((tenant: string) => QuotaSet) | undefined;

  /** Per tenant: the peak usage seen, and the refusals (count, first time): the report's quota view. */
  private readonly stats = new Map<string, { refusals: number; firstRefusalMs: number | null }>();
  /** The simulated clock (for the time a tenant first ran out). */
  private now: () => number = () => 0;

  /** Usage sums, kept only when some tenant can be limited (a run without quotas pays nothing). */
  private readonly book: TenantUsageBook | undefined;

  /**
   * Build it before the first server exists. `quotasMayChange`: the run has tenant calls, which can
   * give any tenant a limit later (useLimits). `startsOverLimits`: the run starts from a production
   * state (initialServers), whose usage may already exceed a limit, as Nova lets an operator lower a
   * quota below usage: then usage ≤ limit is not an invariant of the run.
   */
  constructor(
    model: ResolvedModel,
    compute: ComputeService,
    quotasMayChange = false,
    private readonly startsOverLimits = false,
  ) {
    const anyLimited = [...model.tenants.values()].some((t) => Object.keys(t.quotas).length > 0);
    this.book = anyLimited || quotasMayChange ? compute.trackTenantUsage() : undefined;
    for (const t of model.tenants.values()) {
      if (Object.keys(t.quotas).length > 0) this.limits.set(t.id, { ...DEFAULT_QUOTAS, ...t.quotas });
    }
  }

  /**
   * For the invariant checks: the usage book (undefined when no tenant can be limited), and the limits
   * when no call can have forced them below usage (the model's, fixed for the run; INV-B4).
   */
  invariantSources(): { readonly book: TenantUsageBook; readonly limitsOf?: (tenant: string) => QuotaSet | undefined } | undefined {
    if (this.book === undefined) return undefined;
    return this.source === undefined && !this.startsOverLimits ? { book: this.book, limitsOf: (tenant) => this.limits.get(tenant) } : { book: this.book };
  }

  /** Stamps refusals with `now` (the run's simulated clock). */
  useClock(now: () => number): void {
    this.now = now;
  }

  /** Reads limits from `source` from now on (the run's VIM façade, seeded from the same model). */
  useLimits(source: (tenant: string) => QuotaSet, tenants: readonly string[]): void {
    this.source = source;
    this.sourceTenants = [...tenants];
  }

  /** The tenants the quota store knows (to report those it limits). */
  private sourceTenants: string[] = [];

  /** Is the tenant limited at all on the compute items? (Unlimited tenants cost nothing per request.) */
  limited(tenant: string): boolean {
    if (this.source === undefined) return this.modelLimits(tenant) !== undefined;
    const limits = this.source(tenant);
    return limits.instances !== UNLIMITED || limits.cores !== UNLIMITED || limits.ram !== UNLIMITED;
  }

  /** The last tenant asked for and its model limits: consecutive requests mostly share their tenant. */
  private lastTenant: string | undefined;
  private lastLimits: QuotaSet | undefined;

  /** The model's limits of a tenant (fixed for the run: the façade's store, when there is one, is read instead). */
  private modelLimits(tenant: string): QuotaSet | undefined {
    if (tenant !== this.lastTenant) {
      this.lastTenant = tenant;
      this.lastLimits = this.limits.get(tenant);
    }
    return this.lastLimits;
  }

  /** QUOTA_EXCEEDED when `count` new servers of `flavour` would pass a limit (the per-request path: allocates nothing when they fit). */
  checkServers(tenant: string, flavour: FlavourSpec, count: number): DomainError | undefined {
    const limits = this.source?.(tenant) ?? this.modelLimits(tenant);
    if (limits === undefined) return undefined;
    const u = this.book?.usage(tenant) ?? NO_USAGE;
    const a = flavour.amounts;
    if (fits(limits.instances, u.instances, count) && fits(limits.cores, u.cores, (a.VCPU + a.PCPU) * count) && fits(limits.ram, u.ram, a.MEMORY_MB * count)) return undefined;
    return this.check(tenant, QuotaGate.forServers(flavour, count));
  }

  /** QUOTA_EXCEEDED when `count` servers of `flavour` (or a resize adding `delta`) would pass a limit. */
  check(tenant: string, requested: Partial<QuotaSet>): DomainError | undefined {
    const limits = this.source?.(tenant) ?? this.limits.get(tenant);
    if (limits === undefined) return undefined;
    const u = this.book?.usage(tenant) ?? NO_USAGE;
    // The compute items in line (this runs per request); admit() builds the refusal's message.
    if (fits(limits.instances, u.instances, requested.instances) && fits(limits.cores, u.cores, requested.cores) && fits(limits.ram, u.ram, requested.ram)) return undefined;
    const r = admit(limits, this.usage(tenant), requested);
    if (r.ok) return undefined;
    const stat = this.statOf(tenant);
    stat.refusals++;
    stat.firstRefusalMs ??= this.now();
    return r.error;
  }

  /**
   * Each limited tenant's quota against its use: the limits in force at the end, the peak and final
   * usage, the peak's share of each limit, how many requests and scale-ups were refused and when the
   * first was (the time to exhaustion). Undefined when no tenant is limited.
   */
  report(): QuotaReport | undefined {
    const tenants = this.limitedTenants();
    if (tenants.length === 0) return undefined;
    const out: Record<string, QuotaTenantReport> = {};
    for (const tenant of tenants) {
      const limits = this.source?.(tenant) ?? this.limits.get(tenant)!;
      const stat = this.statOf(tenant);
      const end = this.usage(tenant);
      const p = this.book?.peak(tenant) ?? NO_USAGE;
      const peak = { instances: p.instances, cores: p.cores, ram: p.ram };
      const share = (item: "instances" | "cores" | "ram"): number | null => (limits[item] === UNLIMITED || limits[item] === 0 ? null : round4(peak[item] / limits[item]));
      out[tenant] = {
        limits: { instances: limits.instances, cores: limits.cores, ram: limits.ram },
        peak,
        end: { instances: end.instances, cores: end.cores, ram: end.ram },
        peakShareOfLimit: { instances: share("instances"), cores: share("cores"), ram: share("ram") },
        refusals: stat.refusals,
        firstRefusalMs: stat.firstRefusalMs,
      };
    }
    return out;
  }

  /** Tenants the model or the quota store limits now, sorted, plus any refused earlier. */
  private limitedTenants(): string[] {
    const known = new Set([...this.limits.keys(), ...this.stats.keys(), ...this.sourceTenants]);
    return [...known].filter((t) => this.limited(t) || (this.stats.get(t)?.refusals ?? 0) > 0).sort();
  }

  private statOf(tenant: string): { refusals: number; firstRefusalMs: number | null } {
    let stat = this.stats.get(tenant);
    if (stat === undefined) this.stats.set(tenant, (stat = { refusals: 0, firstRefusalMs: null }));
    return stat;
  }

  /** What `count` new servers of `flavour` ask for. */
  static forServers(flavour: FlavourSpec, count: number): Partial<QuotaSet> {
    const c = computeCharge(flavour.amounts);
    return { instances: count, cores: c.cores * count, ram: c.ram * count };
  }

  /** Instances, cores and RAM of the tenant's live, placed servers (a move counts its larger flavour). */
  private usage(tenant: string): QuotaSet {
    // Running sums kept by the compute service (INV-B3 holds: they equal a count of live servers; a
    // build that found no host holds nothing, and the workload's tenants never delete such servers,
    // so counting them as Nova would until deletion would leak quota without end).
    const u = this.book?.usage(tenant) ?? { instances: 0, cores: 0, ram: 0 };
    return { ...zeroQuotaSet(), instances: u.instances, cores: u.cores, ram: u.ram };
  }
}

export interface QuotaTenantReport {
  readonly limits: { readonly instances: number; readonly cores: number; readonly ram: number };
  readonly peak: { readonly instances: number; readonly cores: number; readonly ram: number };
  readonly end: { readonly instances: number; readonly cores: number; readonly ram: number };
  /** Peak usage over the limit per item; null for an unlimited (or zero) item. */
  readonly peakShareOfLimit: { readonly instances: number | null; readonly cores: number | null; readonly ram: number | null };
  /** Requests and scale-ups refused with QUOTA_EXCEEDED (warm-up included). */
  readonly refusals: number;
  /** Simulated time of the first refusal: when the tenant ran out; null if it never did. */
  readonly firstRefusalMs: number | null;
}

export type QuotaReport = Readonly<Record<string, QuotaTenantReport>>;

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

const NO_USAGE = { instances: 0, cores: 0, ram: 0 } as const;

/** Does `want` more fit under `limit` with `used` in use (UNLIMITED always fits; nothing asked always fits)? */
const fits = (limit: number, used: number, want: number | undefined): boolean => want === undefined || want <= 0 || limit === UNLIMITED || used + want <= limit;
