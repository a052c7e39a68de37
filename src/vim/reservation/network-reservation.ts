/**
 * A network resource reservation (IFA 005 §1.10 CreateNetworkResourceReservation,
 * VirtualNetworkReservation{numPublicIps, networkAttributes, networkPorts[]}): for a window, public
 * IPs of the external network, ports (IPv4 addresses) of one network, and/or segmentation ids of a
 * provider type. Its validation (bad input is INVALID_ARGUMENT), the record the service keeps, and
 * its IFA view (ReservedVirtualNetwork). Admission works on amounts per pool (network-reservations.ts
 * names the pools); the view lists the concrete items (addresses, segment ids, ports) bound so far.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { portPool, PUBLIC_IP_POOL, segmentPool, type SegmentType } from "../network/network-reservations.js";
import { leaseView, type ReclaimPolicy, type ReservationRequest, type ReservationTimes } from "./reservation.js";
import type { ReservationStatus } from "./reservation-machine.js";

export interface NetworkReservationAmounts {
  /** IFA numPublicIps: addresses of the external network's public IP pool. */
  readonly numPublicIps?: number;
  /** IFA networkPorts[]: this many ports (one IPv4 address each) on `networkId`. */
  readonly numPorts?: number;
  readonly networkId?: string;
  /** IFA networkAttributes.segmentType: this many segmentation ids of `segmentType` (default vlan). */
  readonly numSegments?: number;
  readonly segmentType?: SegmentType;
}

/** CreateNetworkResourceReservation's input. */
export interface NetworkReservationRequest extends Pick<ReservationRequest, "reservationId" | "tenantId" | "startMs" | "endMs" | "expiryMs" | "beforeEndLeadMs" | "reclaim"> {
  /** IFA zoneId (informational: the network pools are the VIM's). */
  readonly zoneId?: string;
  readonly network: NetworkReservationAmounts;
}

/** A resource drawing from the reservation: its pool and how many items it takes there. */
export interface NetworkBinding {
  readonly pool: string;
  readonly count: number;
}

export interface NetworkReservationRecord {
  readonly reservationId: string;
  readonly tenantId: string;
  readonly zoneId: string | undefined;
  readonly reclaim: ReclaimPolicy;
  readonly createdAtMs: number;
  times: ReservationTimes;
  network: NetworkReservationAmounts;
  /** Pool → items reserved, sorted by pool. */
  amounts: ReadonlyArray<readonly [string, number]>;
  status: ReservationStatus;
  /** Bound resource id → its binding, in binding order. */
  readonly bound: Map<string, NetworkBinding>;
  /** Pool → items drawn by the bound resources. */
  readonly boundByPool: Map<string, number>;
  used: boolean;
  handles: number[];
}

const bad = (message: string): Result<never> => fail(domainError("INVALID_ARGUMENT", message));
const positive = (x: number | undefined): boolean => x === undefined || (Number.isSafeInteger(x) && x >= 1);

/** INVALID_ARGUMENT unless at least one amount is asked, every amount is a positive integer, and ports name their network. */
export function validateNetworkAmounts(a: NetworkReservationAmounts): Result<NetworkReservationAmounts> {
  for (const [name, v] of [["numPublicIps", a.numPublicIps], ["numPorts", a.numPorts], ["numSegments", a.numSegments]] as const) {
    if (!positive(v)) return bad(`${name} ${v} is not a positive integer`);
  }
  if (a.numPublicIps === undefined && a.numPorts === undefined && a.numSegments === undefined) return bad("a network reservation asks for public IPs, ports or segments");
  if ((a.numPorts === undefined) !== (a.networkId === undefined)) return bad("numPorts and networkId go together: ports are reserved on one network");
  if (a.segmentType !== undefined && a.numSegments === undefined) return bad("segmentType without numSegments");
  return ok(a);
}

/** The pools and amounts of a valid request, sorted by pool. */
export function networkAmounts(a: NetworkReservationAmounts): Array<readonly [string, number]> {
  const out: Array<readonly [string, number]> = [];
  if (a.numPublicIps !== undefined) out.push([PUBLIC_IP_POOL, a.numPublicIps]);
  if (a.numPorts !== undefined) out.push([portPool(a.networkId!), a.numPorts]);
  if (a.numSegments !== undefined) out.push([segmentPool(a.segmentType ?? "vlan"), a.numSegments]);
  return out.sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0));
}


/** What the view needs to name bound items: a public IP's address, a network's segmentation id. */
export interface BoundItemLabels {
  address(publicIpId: string): string | undefined;
  segmentationId(networkId: string): number | null | undefined;
}

/** IFA ReservedVirtualNetwork (with Blazar's statuses), for queries, log records and notifications. */
export function networkReservationView(r: NetworkReservationRecord, labels: BoundItemLabels): Record<string, unknown> {
  const items = (prefix: string) => [...r.bound].filter(([, b]) => b.pool.startsWith(prefix)).map(([id]) => id).sort();
  const a = r.network;
  return {
    ...leaseView(r),
    zoneId: r.zoneId ?? null,
    numPublicIps: a.numPublicIps ?? 0,
    publicIps: items(PUBLIC_IP_POOL).map((id) => labels.address(id) ?? id),
    networkAttributes: { segmentType: a.numSegments === undefined ? null : (a.segmentType ?? "vlan"), numSegments: a.numSegments ?? 0, segmentIds: items("segment:").map((id) => labels.segmentationId(id) ?? null) },
    networkPorts: { networkId: a.networkId ?? null, numPorts: a.numPorts ?? 0, portIds: items("port:") },
  };
}
