/**
 * A subnet's gateway and allocation pools, decided from the request as Neutron does
 * (neutron/ipam/utils.py generate_pools, db/ipam_backend_mixin.py validate_allocation_pools):
 * - the default gateway is the first host address; `null` asks for none;
 * - without pools, everything usable in the CIDR except the gateway is allocatable: IPv4 drops the
 *   network and broadcast addresses (a /31 has no pool, a /32 pools its single address), IPv6 drops
 *   only the subnet-router anycast (first) address;
 * - given pools must lie inside the usable range (INVALID_ARGUMENT, Neutron's OutOfBoundsAllocationPool),
 *   must not overlap each other (CONFLICT, OverlappingAllocationPools) nor hold the gateway (CONFLICT,
 *   GatewayConflictWithAllocationPools); a gateway outside the CIDR is INVALID_ARGUMENT.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { cidrBounds, cidrContains, formatIp, parseIp, type Cidr } from "./cidr.js";
import type { ValueRange } from "./range-allocator.js";

/** An allocation pool as the API writes it. */
export interface AddressPoolText {
  readonly start: string;
  readonly end: string;
}

export interface SubnetAddressing {
  readonly gateway: bigint | null;
  readonly pools: readonly ValueRange[];
}

/** The usable range of a CIDR: what pools may cover (undefined when nothing is usable, a /31). */
function usableRange(cidr: Cidr): ValueRange | undefined {
  const { first, last } = cidrBounds(cidr);
  if (first === last) return { first, last };
  const usable = { first: first + 1n, last: cidr.ipVersion === "IPV4" ? last - 1n : last };
  return usable.first > usable.last ? undefined : usable;
}

function parseAddressIn(cidr: Cidr, text: string, what: string): Result<bigint> {
  const parsed = parseIp(text);
  if (!parsed.ok) return parsed;
  if (parsed.value.ipVersion !== cidr.ipVersion) return fail(domainError("INVALID_ARGUMENT", `${what} ${text} is not of the subnet's IP version`));
  return ok(parsed.value.value);
}

/** The gateway: the given one (inside the CIDR), none for null, else the first host address. */
function decideGateway(cidr: Cidr, gatewayIp: string | null | undefined): Result<bigint | null> {
  if (gatewayIp === null) return ok(null);
  if (gatewayIp === undefined) {
    const usable = usableRange(cidr);
    // Neutron's default, skipped when the CIDR has a single usable address (it goes to the pool).
    return ok(usable === undefined || usable.first === usable.last ? null : usable.first);
  }
  const gateway = parseAddressIn(cidr, gatewayIp, "gateway");
  if (!gateway.ok) return gateway;
  if (!cidrContains(cidr, gateway.value)) return fail(domainError("INVALID_ARGUMENT", `gateway ${gatewayIp} is not inside the subnet's CIDR`));
  return gateway;
}

/** Neutron's default pools: the usable range minus the gateway. */
function defaultPools(cidr: Cidr, gateway: bigint | null): ValueRange[] {
  const usable = usableRange(cidr);
  if (usable === undefined) return [];
  if (gateway === null || gateway < usable.first || gateway > usable.last) return [usable];
  const out: ValueRange[] = [];
  if (gateway > usable.first) out.push({ first: usable.first, last: gateway - 1n });
  if (gateway < usable.last) out.push({ first: gateway + 1n, last: usable.last });
  return out;
}

/** Validates the requested pools (see the header); sorted by first address. */
function validatePools(cidr: Cidr, texts: readonly AddressPoolText[], gateway: bigint | null): Result<ValueRange[]> {
  const usable = usableRange(cidr);
  const pools: ValueRange[] = [];
  for (const t of texts) {
    const first = parseAddressIn(cidr, t.start, "pool start");
    if (!first.ok) return first;
    const last = parseAddressIn(cidr, t.end, "pool end");
    if (!last.ok) return last;
    if (first.value > last.value) return fail(domainError("INVALID_ARGUMENT", `pool ${t.start}-${t.end} ends before it starts`));
    if (usable === undefined || first.value < usable.first || last.value > usable.last) {
      return fail(domainError("INVALID_ARGUMENT", `pool ${t.start}-${t.end} is outside the usable addresses of the CIDR`));
    }
    if (gateway !== null && gateway >= first.value && gateway <= last.value) {
      return fail(domainError("CONFLICT", `gateway ${formatIp(gateway, cidr.ipVersion)} is inside pool ${t.start}-${t.end}`));
    }
    pools.push({ first: first.value, last: last.value });
  }
  pools.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = 1; i < pools.length; i++) {
    if (pools[i]!.first <= pools[i - 1]!.last) return fail(domainError("CONFLICT", "allocation pools overlap"));
  }
  return ok(pools);
}

/** The gateway and pools of a new subnet, or why the request is refused. */
export function decideAddressing(cidr: Cidr, gatewayIp: string | null | undefined, pools: readonly AddressPoolText[] | undefined): Result<SubnetAddressing> {
  const gateway = decideGateway(cidr, gatewayIp);
  if (!gateway.ok) return gateway;
  if (pools === undefined) return ok({ gateway: gateway.value, pools: defaultPools(cidr, gateway.value) });
  const validated = validatePools(cidr, pools, gateway.value);
  return validated.ok ? ok({ gateway: gateway.value, pools: validated.value }) : validated;
}
