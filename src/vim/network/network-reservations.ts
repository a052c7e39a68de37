/**
 * What the network service asks of network reservations (IFA CreateNetworkResourceReservation), when
 * its VIM has them: how many items of a pool ordinary allocations must leave free (INV-C2), and
 * whether an allocation naming a reservation may draw from it (INV-C3). Declared here so the network
 * service knows only this interface, not the reservation service behind it.
 *
 * A pool is one countable network resource, named by a key:
 *   - "publicIp": addresses of the external network's public IP pool (IFA numPublicIps);
 *   - "segment:vlan", "segment:vxlan": the provider's segmentation ids of that type;
 *   - "port:<networkId>": the IPv4 addresses of a network's subnets, one per reserved port.
 */
import type { Result } from "../../domain/index.js";

export const PUBLIC_IP_POOL = "publicIp";
export type SegmentType = "vlan" | "vxlan";
export const segmentPool = (type: SegmentType): string => `segment:${type}`;
export const portPool = (networkId: string): string => `port:${networkId}`;

export interface NetworkReservations {
  /** Items of `pool` held for reservations from now on and not yet consumed by their allocations (C2). */
  held(pool: string): number;
  /** May an allocation of `count` items of `pool` draw from the reservation (C3)? */
  admit(reservationId: string, tenantId: string, pool: string, count: number): Result<void>;
  /** The resource `itemId` (a port, network or public IP) now draws `count` items of `pool` from it (after `admit`). */
  consume(reservationId: string, pool: string, itemId: string, count: number): void;
  /** The resource `itemId` is gone: what it drew goes back to its reservation (if still bound). */
  release(itemId: string): void;
  /** A reservation holding `pool` now (PENDING or ACTIVE), if any (its network's addresses may not shrink). */
  holderOf(pool: string): string | undefined;
}
