/**
 * QueryResourceCapacity for the storage and network resource types at the façade (IFA 005 §1.5 has
 * compute, network and storage variants): builds the pools a query names from the VIM's storage and
 * network services and, when the VIM has them, their reservations (capacity/pool-capacity.ts has the
 * rules). NOT_FOUND for an unknown zone or network, INVALID_ARGUMENT for a bad window.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { queryPoolCapacity, type CapacityWindow, type PoolCapacityInformation, type PoolCapacitySource } from "../capacity/pool-capacity.js";
import { portPool, PUBLIC_IP_POOL, segmentPool, type SegmentType } from "../network/network-reservations.js";
import { commitmentChanges, reservedAt, type PoolCommitments } from "../reservation/pool-commitments.js";
import type { VimCore } from "./vim-core.js";

/** Which pool: a zone's (or every zone's) volume backend in GB, the public IPs, a network's ports, a provider range's ids. */
export type PoolCapacityQuery = (
  | { readonly resourceType: "storageGb"; readonly zoneId?: string }
  | { readonly resourceType: "publicIps" }
  | { readonly resourceType: "ports"; readonly networkId: string }
  | { readonly resourceType: "segments"; readonly segmentType?: SegmentType }
) & { readonly timeWindow?: CapacityWindow };

/** A pool as a capacity source: its counts now, and its reservations' commitments (none without reservations). */
function source(total: () => number, allocated: () => number, commitments: PoolCommitments | undefined, nowMs: number): PoolCapacitySource {
  return {
    total,
    allocated,
    reservedAt: (atMs) => (commitments === undefined ? 0 : reservedAt(commitments, atMs, nowMs)),
    changesWithin: (fromMs, toMs) => (commitments === undefined ? [] : commitmentChanges(commitments, fromMs, toMs)),
  };
}

function storageSources(core: VimCore, zoneId: string | undefined, nowMs: number): Result<PoolCapacitySource[]> {
  const zones = zoneId === undefined ? core.storage.zoneIds() : [zoneId];
  if (zoneId !== undefined && core.storage.backendUsage(zoneId) === undefined) return fail(domainError("NOT_FOUND", `zone ${zoneId} has no volume backend`));
  return ok(zones.map((z) => source(() => core.storage.backendUsage(z)!.capacityGb, () => core.storage.backendUsage(z)!.usedGb, core.storageReservations?.commitmentsOf(z), nowMs)));
}

/** The network pool a query names: NOT_FOUND for a network that does not exist. */
function networkPool(core: VimCore, q: PoolCapacityQuery): Result<string> {
  if (q.resourceType === "publicIps") return ok(PUBLIC_IP_POOL);
  if (q.resourceType === "segments") return ok(segmentPool(q.segmentType ?? "vlan"));
  if (q.resourceType !== "ports" || core.network.network(q.networkId) === undefined) return fail(domainError("NOT_FOUND", `network ${"networkId" in q ? q.networkId : "(none)"} does not exist`));
  return ok(portPool(q.networkId));
}

/** QueryResourceCapacity of a storage or network pool (see the file comment). */
export function queryResourceCapacity(core: VimCore, q: PoolCapacityQuery): Result<PoolCapacityInformation> {
  const nowMs = core.clock.nowMs;
  if (q.resourceType === "storageGb") {
    const sources = storageSources(core, q.zoneId, nowMs);
    if (!sources.ok) return sources;
    return queryPoolCapacity({ resourceType: q.resourceType, zoneId: q.zoneId ?? null, pool: "storage" }, sources.value, q.timeWindow, nowMs);
  }
  const pool = networkPool(core, q);
  if (!pool.ok) return pool;
  const p = pool.value;
  const s = source(() => core.network.poolCapacity(p) ?? 0, () => core.network.poolInUse(p), core.networkReservations?.commitmentsOf(p), nowMs);
  return queryPoolCapacity({ resourceType: q.resourceType, zoneId: null, pool: p }, [s], q.timeWindow, nowMs);
}
