/**
 * Compute quota usage per tenant as the VIM façade counts it (quota-usage.ts, Nova's counting
 * driver): every live server, ERROR ones without a host included, for its flavour (during a move the
 * larger of both flavours per item). Kept as running sums, re-charged at every logged change of a
 * server, so the façade's quota check is O(items requested) instead of a scan of every server
 * (issue 18 target, bench/ccm.bench.ts). The invariant mode compares it with a recount (INV-B3).
 * Unlike TenantUsageBook (the scenario workload's quota gate, which counts placed servers only), a
 * server counts from its creation to its termination.
 */
import type { ServerRecord } from "../compute/server.js";
import { serverCharge } from "./quota-usage.js";
import type { ComputeUsage } from "./tenant-usage-book.js";

interface Sums {
  instances: number;
  cores: number;
  ram: number;
}

const NONE: ComputeUsage = { instances: 0, cores: 0, ram: 0 };

export class LiveUsageBook {
  private readonly byTenant = new Map<string, Sums>();

  /** The tenant's usage now. */
  usage(tenant: string): ComputeUsage {
    return this.byTenant.get(tenant) ?? NONE;
  }

  /** The tenants charged so far, sorted (for the invariant check). */
  tenants(): string[] {
    return [...this.byTenant.keys()].sort();
  }

  /** Brings server `s` to its current charge; `live`: it is not terminated. */
  recharge(s: ServerRecord, live: boolean): void {
    const wasCounted = s.liveQuotaCores >= 0;
    if (!wasCounted && !live) return;
    let cores = -1;
    let ram = 0;
    if (live) {
      const a = s.flavourSpec.amounts;
      cores = a.VCPU + a.PCPU;
      ram = a.MEMORY_MB;
      if (s.move !== undefined) ({ cores, ram } = serverCharge(s));
    }
    // Most changes (a spawn completing, a reboot) leave the charge as it was.
    if (s.liveQuotaCores === cores && s.liveQuotaRam === ram) return;
    const sums = this.sumsOf(s.tenant);
    if (wasCounted) {
      sums.instances--;
      sums.cores -= s.liveQuotaCores;
      sums.ram -= s.liveQuotaRam;
    }
    s.liveQuotaCores = cores;
    s.liveQuotaRam = ram;
    if (!live) return;
    sums.instances++;
    sums.cores += cores;
    sums.ram += ram;
  }

  private sumsOf(tenant: string): Sums {
    let sums = this.byTenant.get(tenant);
    if (sums === undefined) this.byTenant.set(tenant, (sums = { instances: 0, cores: 0, ram: 0 }));
    return sums;
  }
}
