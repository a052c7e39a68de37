/**
 * Compute quota usage per tenant kept as running sums (instances, cores, RAM), so a quota check costs
 * O(1) instead of a scan of every live server (issue target: quota checks add at most 5 % to
 * placement). The compute service re-charges a server at every change it logs, which is every change
 * of its host, flavour or move (each state change is a log record): the sums are then exactly what a
 * count of the live resources gives (INV-B3), which the model-based test checks after every step.
 * A server counts while it is live and placed (a build that found no host holds nothing), during a
 * move for the larger flavour of each item (serverCharge).
 */
import type { ServerRecord } from "../compute/server.js";
import { serverCharge } from "./quota-usage.js";

export interface ComputeUsage {
  readonly instances: number;
  readonly cores: number;
  readonly ram: number;
}

interface Sums {
  instances: number;
  cores: number;
  ram: number;
  /** The largest value each item reached (the report's peak usage). */
  readonly peak: { instances: number; cores: number; ram: number };
}

const NONE: ComputeUsage = { instances: 0, cores: 0, ram: 0 };

export class TenantUsageBook {
  private readonly byTenant = new Map<string, Sums>();
  /** The sums last looked up (they are updated in place, so they stay current): the same tenant mostly asks again. */
  private lastTenant: string | undefined;
  private lastSums: Sums | undefined;

  /** The tenant's usage now. */
  usage(tenant: string): ComputeUsage {
    if (tenant === this.lastTenant) return this.lastSums!;
    const sums = this.byTenant.get(tenant);
    if (sums === undefined) return NONE;
    this.lastTenant = tenant;
    this.lastSums = sums;
    return sums;
  }

  /** The largest usage of each item the tenant reached so far. */
  peak(tenant: string): ComputeUsage {
    return this.byTenant.get(tenant)?.peak ?? NONE;
  }

  /** The tenants charged so far, sorted (for the invariant check). */
  tenants(): string[] {
    return [...this.byTenant.keys()].sort();
  }

  /** The tenant's usage now, without touching the lookup memo (checkers change nothing). */
  current(tenant: string): ComputeUsage {
    return this.byTenant.get(tenant) ?? NONE;
  }

  /** Brings server `s` to its current charge: it counts while it holds a host (terminate releases it). */
  recharge(s: ServerRecord): void {
    const wasCounted = s.quotaCores >= 0;
    const counts = s.hostIndex >= 0;
    if (!wasCounted && !counts) return;
    // Most changes (a spawn completing, a reboot) leave the charge as it was: no tenant lookup then.
    const a = s.flavourSpec.amounts;
    let cores = a.VCPU + a.PCPU;
    let ram = a.MEMORY_MB;
    if (s.move !== undefined) {
      const larger = serverCharge(s);
      cores = larger.cores;
      ram = larger.ram;
    }
    if (wasCounted && counts && s.quotaCores === cores && s.quotaRam === ram) return;
    const sums = this.sumsOf(s.tenant);
    if (wasCounted) {
      sums.instances--;
      sums.cores -= s.quotaCores;
      sums.ram -= s.quotaRam;
    }
    if (!counts) {
      s.quotaCores = -1;
      s.quotaRam = 0;
      return;
    }
    s.quotaCores = cores;
    s.quotaRam = ram;
    sums.instances++;
    sums.cores += cores;
    sums.ram += ram;
    const peak = sums.peak;
    if (sums.instances > peak.instances) peak.instances = sums.instances;
    if (sums.cores > peak.cores) peak.cores = sums.cores;
    if (sums.ram > peak.ram) peak.ram = sums.ram;
  }

  private sumsOf(tenant: string): Sums {
    if (tenant === this.lastTenant) return this.lastSums!;
    let sums = this.byTenant.get(tenant);
    if (sums === undefined) this.byTenant.set(tenant, (sums = { instances: 0, cores: 0, ram: 0, peak: { instances: 0, cores: 0, ram: 0 } }));
    this.lastTenant = tenant;
    this.lastSums = sums;
    return sums;
  }
}
