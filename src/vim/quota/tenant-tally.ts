/**
 * A running count per tenant of one quota item (ports, subnets, public IPs, volumes, gigabytes,
 * snapshots), kept by the service that creates and deletes the resources, so a quota check reads
 * the tenant's usage in O(1) instead of counting every live resource of the site (issue 18 target,
 * bench/ccm.bench.ts: 500 clusters' node churn). The invariant mode compares it with a recount
 * (INV-B3, quota-facade-invariants.ts).
 */
export class TenantTally {
  private readonly counts = new Map<string, number>();

  /** Adds `by` (negative: takes away) to the tenant's count. */
  add(tenant: string, by: number): void {
    const next = (this.counts.get(tenant) ?? 0) + by;
    if (next === 0) this.counts.delete(tenant);
    else this.counts.set(tenant, next);
  }

  /** The tenant's count now. */
  of(tenant: string): number {
    return this.counts.get(tenant) ?? 0;
  }
}
