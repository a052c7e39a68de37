/**
 * The compute quota invariants (ifa-digest §5 B): the usage book's running sums equal a recount of
 * each tenant's live placed servers, the larger flavour of a move counted (INV-B3), and, where the
 * limits cannot have been forced below usage, no tenant is over a limit (INV-B1). Reads only; throws
 * InvariantViolation on the first break.
 */
import { invariant } from "../../domain/index.js";
import type { ServerRecord } from "../compute/server.js";
import { UNLIMITED, type QuotaSet } from "./quota-set.js";
import { serverCharge } from "./quota-usage.js";
import type { ComputeUsage, TenantUsageBook } from "./tenant-usage-book.js";

const ITEMS = ["instances", "cores", "ram"] as const;

/**
 * `live`: every live server. `limitsOf`: each tenant's limits, given only when no forced lowering can
 * have put them below usage (INV-B4 lets usage stay above a lowered limit); undefined: not limited.
 */
export function checkQuotaInvariants(book: TenantUsageBook, live: ReadonlyArray<ServerRecord>, limitsOf?: (tenant: string) => QuotaSet | undefined): void {
  const counted = recount(live);
  const tenants = [...new Set([...counted.keys(), ...book.tenants()])].sort();
  for (const tenant of tenants) {
    const want = counted.get(tenant) ?? { instances: 0, cores: 0, ram: 0 };
    const got = book.current(tenant);
    for (const item of ITEMS) {
      invariant(got[item] === want[item], "INV-B3", () => `tenant ${tenant}: ${item} usage ${got[item]}, a recount of its live servers gives ${want[item]}`);
    }
    const limits = limitsOf?.(tenant);
    if (limits === undefined) continue;
    for (const item of ITEMS) {
      const limit = limits[item];
      invariant(limit === UNLIMITED || want[item] <= limit, "INV-B1", () => `tenant ${tenant}: ${item} usage ${want[item]} exceeds its limit ${limit}`);
    }
  }
}

/** Usage per tenant counted afresh: a server counts while it holds a host. */
function recount(live: ReadonlyArray<ServerRecord>): Map<string, ComputeUsage> {
  const out = new Map<string, { instances: number; cores: number; ram: number }>();
  for (const s of live) {
    if (s.hostIndex < 0) continue;
    const c = serverCharge(s);
    const u = out.get(s.tenant) ?? { instances: 0, cores: 0, ram: 0 };
    u.instances++;
    u.cores += c.cores;
    u.ram += c.ram;
    out.set(s.tenant, u);
  }
  return out;
}
