/**
 * Public (floating) IP addresses of the external network (Neutron floating IPs, IFA numPublicIps):
 * one provider pool, lowest free address first, each allocated address owned by one tenant and
 * optionally associated with a port. The pool is the resource network reservations hold numPublicIps
 * of; its size is fixed by the VIM's configuration.
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../../domain/index.js";
import { decideAddressing } from "./allocation-pools.js";
import { formatIp, parseCidr } from "./cidr.js";
import { RangeAllocator } from "./range-allocator.js";

export interface PublicIpPoolConfig {
  /** The external network's id as views name it (Neutron floating_network_id). */
  readonly networkId: string;
  /** The external subnet; its first host address is the router gateway, the rest is the pool. */
  readonly cidr: string;
}

/** A documentation range (RFC 5737 TEST-NET-3): 253 public addresses. */
export const DEFAULT_PUBLIC_POOL: PublicIpPoolConfig = { networkId: "public", cidr: "203.0.113.0/24" };

export interface PublicIpRecord {
  readonly publicIpId: string;
  readonly tenantId: string;
  readonly floatingNetworkId: string;
  readonly address: bigint;
  portId: string | null;
}

export class PublicIpPool {
  readonly networkId: string;
  private readonly addresses: RangeAllocator;

  constructor(config: PublicIpPoolConfig) {
    this.networkId = config.networkId;
    const cidr = parseCidr(config.cidr);
    if (!cidr.ok) throw new InvariantViolation("CONFIG", `public IP pool ${config.cidr}: ${cidr.error.message}`);
    const addressing = decideAddressing(cidr.value, undefined, undefined);
    if (!addressing.ok) throw new InvariantViolation("CONFIG", `public IP pool ${config.cidr}: ${addressing.error.message}`);
    this.addresses = new RangeAllocator(addressing.value.pools);
  }

  /** How many addresses the pool holds in all. */
  get size(): number {
    return Number(this.addresses.size);
  }

  get usedCount(): number {
    return this.addresses.usedCount;
  }

  /** The lowest free address; EXHAUSTED when none is left. */
  take(): Result<bigint> {
    const a = this.addresses.takeLowest();
    return a === undefined ? fail(domainError("EXHAUSTED", `no public IP address is left on external network ${this.networkId}`)) : ok(a);
  }

  release(address: bigint): void {
    this.addresses.release(address);
  }
}

/** IFA view of a public IP (Neutron FloatingIP). */
export function publicIpView(p: PublicIpRecord): Record<string, unknown> {
  return { publicIpId: p.publicIpId, tenantId: p.tenantId, floatingNetworkId: p.floatingNetworkId, address: formatIp(p.address, "IPV4"), portId: p.portId };
}
