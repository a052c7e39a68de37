/**
 * Public (floating) IP addresses of the external network (Neutron floating IPs, IFA numPublicIps):
 * one provider pool, lowest free address first, each allocated address owned by one tenant and
 * optionally associated with a port. The pool is the resource network reservations hold numPublicIps
 * of; its CIDR is the VIM's configuration (a scenario run takes it from the model's `network.external`).
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../../domain/index.js";
import { decideAddressing } from "./allocation-pools.js";
import { formatIp, parseCidr } from "./cidr.js";
import { RangeAllocator, type ValueRange } from "./range-allocator.js";
import { TenantTally } from "../quota/tenant-tally.js";

export interface PublicIpPoolConfig {
  /** The external network's id as views name it (Neutron floating_network_id). */
  readonly networkId: string;
  /** The external subnet; its first host address is the router gateway, the rest is the pool. */
  readonly cidr: string;
}

/** A documentation range (RFC 5737 TEST-NET-3): 253 public addresses. */
export const DEFAULT_PUBLIC_POOL: PublicIpPoolConfig = { networkId: "public", cidr: "203.0.113.0/24" };

/**
 * The pool's address ranges for an external CIDR, or why it cannot be one: MALFORMED text, an IPv6
 * prefix (INVALID_ARGUMENT: views write public IPs as IPv4), or no address left once the network,
 * broadcast and gateway addresses are taken (INVALID_ARGUMENT, a /31). The one rule both the pool and
 * the model's load-time checks use, so a checked size is the size the run gets.
 */
export function publicPoolRanges(cidrText: string): Result<readonly ValueRange[]> {
  const cidr = parseCidr(cidrText);
  if (!cidr.ok) return cidr;
  if (cidr.value.ipVersion !== "IPV4") return fail(domainError("INVALID_ARGUMENT", `'${cidrText}' is IPv6; the external network's public IP pool is IPv4 only`));
  const addressing = decideAddressing(cidr.value, undefined, undefined);
  if (!addressing.ok) return addressing;
  if (addressing.value.pools.length === 0) return fail(domainError("INVALID_ARGUMENT", `'${cidrText}' leaves no address for the pool (the network, broadcast and gateway addresses are not allocatable)`));
  return ok(addressing.value.pools);
}

/** How many public IPs a pool over `cidrText` holds, or why there can be no such pool (publicPoolRanges). */
export function publicPoolSize(cidrText: string): Result<number> {
  const ranges = publicPoolRanges(cidrText);
  return ranges.ok ? ok(ranges.value.reduce((n, r) => n + Number(r.last - r.first + 1n), 0)) : ranges;
}

export interface PublicIpRecord {
  readonly publicIpId: string;
  readonly tenantId: string;
  readonly floatingNetworkId: string;
  readonly address: bigint;
  portId: string | null;
}

/** The external network's pool and the public IPs allocated from it, in allocation order. */
export class PublicIpPool {
  readonly networkId: string;
  private readonly addresses: RangeAllocator;
  private readonly records = new Map<string, PublicIpRecord>();
  /** Live public IPs per tenant (the floatingip quota item in O(1): bench/ccm.bench.ts). */
  private readonly tally = new TenantTally();
  private nextNo = 1;

  constructor(config: PublicIpPoolConfig) {
    this.networkId = config.networkId;
    const ranges = publicPoolRanges(config.cidr);
    if (!ranges.ok) throw new InvariantViolation("CONFIG", `public IP pool ${config.cidr}: ${ranges.error.message}`);
    this.addresses = new RangeAllocator(ranges.value);
  }

  /** How many addresses the pool holds in all. */
  get size(): number {
    return Number(this.addresses.size);
  }

  get usedCount(): number {
    return this.addresses.usedCount;
  }

  /** A public IP with the lowest free address, `fip-<n>`; EXHAUSTED when none is left. */
  allocate(tenantId: string, portId: string | null): Result<PublicIpRecord> {
    const address = this.addresses.takeLowest();
    if (address === undefined) return fail(domainError("EXHAUSTED", `no public IP address is left on external network ${this.networkId}`));
    const f: PublicIpRecord = { publicIpId: `fip-${this.nextNo++}`, tenantId, floatingNetworkId: this.networkId, address, portId };
    this.records.set(f.publicIpId, f);
    this.tally.add(tenantId, 1);
    return ok(f);
  }

  /** Gives a public IP's address back; the record it was, undefined when there is none. */
  remove(publicIpId: string): PublicIpRecord | undefined {
    const f = this.records.get(publicIpId);
    if (f === undefined) return undefined;
    this.addresses.release(f.address);
    this.records.delete(publicIpId);
    this.tally.add(f.tenantId, -1);
    return f;
  }

  get(publicIpId: string): PublicIpRecord | undefined {
    return this.records.get(publicIpId);
  }

  /** How many live public IPs the tenant holds. */
  countOf(tenantId: string): number {
    return this.tally.of(tenantId);
  }

  /** Live public IPs (of a tenant), in allocation order. */
  query(tenantId: string | undefined): PublicIpRecord[] {
    return [...this.records.values()].filter((f) => tenantId === undefined || f.tenantId === tenantId);
  }
}

/** IFA view of a public IP (Neutron FloatingIP). */
export function publicIpView(p: PublicIpRecord): Record<string, unknown> {
  return { publicIpId: p.publicIpId, tenantId: p.tenantId, floatingNetworkId: p.floatingNetworkId, address: formatIp(p.address, "IPV4"), portId: p.portId };
}
