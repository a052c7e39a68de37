/**
 * A compute resource reservation (IFA 005 §1.10 CreateComputeResourceReservation, realised as a
 * Blazar lease): what is asked, its validation (bad input is INVALID_ARGUMENT, never a throw), the
 * record the service keeps, and its IFA view (ReservedVirtualCompute).
 */
import { domainError, fail, ok, RESOURCE_CLASS_COUNT, type DeviceProfile, type Result } from "../../domain/index.js";
import { readAmounts } from "../../nfvi/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { Affinity, Placement, ReservationShape } from "./admission.js";
import type { ReservationStatus } from "./reservation-machine.js";

/** What happens at the end of the window to servers still bound to the reservation (INV-C5, C9). */
export type ReclaimPolicy = "delete" | "keep";
export const RECLAIM_POLICIES: readonly ReclaimPolicy[] = ["delete", "keep"];

/** Blazar's minutes_before_end_lease default: 60 minutes. */
export const DEFAULT_BEFORE_END_LEAD_MS = 3_600_000;

export interface PoolRequest {
  readonly numCpuCores: number;
  readonly virtualMemSizeMb: number;
  readonly numVcInstances: number;
  /** IFA computeAttributes.accelerationCapability: `count` servers' worth of handles of a device profile, held on the pool's hosts (INV-F7). */
  readonly acceleration?: PoolAcceleration;
}

/** Accelerators of a pool reservation: what `count` servers of a flavour with `deviceProfile` bind. */
export interface PoolAcceleration {
  readonly deviceProfile: DeviceProfile;
  readonly count: number;
}

export interface ContainerRequest {
  readonly flavour: FlavourSpec;
  readonly count: number;
  readonly affinity?: Affinity;
}

/** What every Create of a reservation (compute, storage, network) may give besides its tenant and amounts. */
export interface LeaseRequestBase {
  /** A caller-chosen id (scenario files name their leases); default `resv-<n>` (`sresv-`, `nresv-`). */
  readonly reservationId?: string;
  readonly zoneId?: string;
  /** Absent: now (immediate use). */
  readonly startMs?: number;
  /** Absent: unbounded (IFA). */
  readonly endMs?: number;
  /** If nothing used the reservation by then, it is released (INV-C4). */
  readonly expiryMs?: number;
  /** Lead of the before-end warning (INV-C8); 0 disables. Absent: 60 min (Blazar) for compute and network leases, none for storage. */
  readonly beforeEndLeadMs?: number;
  readonly reclaim?: ReclaimPolicy;
}

/** CreateComputeResourceReservation's input (one of pool or container). */
export interface ReservationRequest extends LeaseRequestBase {
  readonly tenantId: string;
  readonly pool?: PoolRequest;
  readonly container?: ContainerRequest;
}

/** The window and options after defaults. */
export interface ReservationTimes {
  readonly startMs: number;
  readonly endMs: number;
  readonly expiryMs: number | undefined;
  readonly beforeEndLeadMs: number;
}

/** A server bound to the reservation: the placement it draws from and the amounts it took there. */
export interface Binding {
  readonly serverNo: number;
  readonly placement: number;
  readonly host: number;
  readonly amounts: Float64Array;
  /** The accelerator slot a pool server took (a pool with accelerationCapability and a server of its profile). */
  readonly accSlot?: number;
}

export interface ReservationRecord {
  readonly reservationId: string;
  readonly tenantId: string;
  readonly zoneId: string | undefined;
  readonly reclaim: ReclaimPolicy;
  readonly createdAtMs: number;
  times: ReservationTimes;
  shape: ReservationShape;
  /** The flavour of a container reservation (bound servers must use it, INV-C3). */
  flavourId: string | undefined;
  status: ReservationStatus;
  placements: Placement[];
  readonly bindings: Map<number, Binding>;
  /** Has any allocation referenced it (IFA reservationStatus USED / NOT_USED)? */
  used: boolean;
  /** A pool reservation's accelerators (absent for containers, whose flavour says, and for pools without). */
  poolAcceleration?: PoolAcceleration | undefined;
  /** Pending kernel events (start, before-end, end, expiry). */
  handles: number[];
}

const isNonNegativeInteger = (x: number | undefined): boolean => x === undefined || (Number.isSafeInteger(x) && x >= 0);
const bad = (message: string): Result<never> => fail(domainError("INVALID_ARGUMENT", message));

/** The times of a request after defaults; INVALID_ARGUMENT for a window that is not one (bad input). */
export function validateTimes(req: Pick<ReservationRequest, "startMs" | "endMs" | "expiryMs" | "beforeEndLeadMs">, nowMs: number): Result<ReservationTimes> {
  for (const [name, v] of [["startTime", req.startMs], ["endTime", req.endMs], ["expiryTime", req.expiryMs], ["beforeEnd", req.beforeEndLeadMs]] as const) {
    if (!isNonNegativeInteger(v)) return bad(`${name} ${v} is not a non-negative integer number of milliseconds`);
  }
  const startMs = req.startMs ?? nowMs;
  if (startMs < nowMs) return bad(`startTime ${startMs} is in the past (now ${nowMs})`);
  const endMs = req.endMs ?? Number.POSITIVE_INFINITY;
  if (endMs <= startMs) return bad(`endTime ${endMs} is not after startTime ${startMs}`);
  const expiryMs = req.expiryMs;
  if (expiryMs !== undefined && (expiryMs <= startMs || expiryMs >= endMs)) return bad(`expiryTime ${expiryMs} is not inside the window (${startMs}, ${endMs})`);
  return ok({ startMs, endMs, expiryMs, beforeEndLeadMs: req.beforeEndLeadMs ?? DEFAULT_BEFORE_END_LEAD_MS });
}

/** The shape of a request; INVALID_ARGUMENT unless exactly one of pool or container is well formed. */
export function validateShape(req: Pick<ReservationRequest, "pool" | "container">): Result<ReservationShape> {
  if ((req.pool === undefined) === (req.container === undefined)) return bad("a reservation asks for exactly one of computePoolReservation or virtualisationContainerReservation");
  if (req.container !== undefined) {
    const { flavour, count, affinity } = req.container;
    if (!Number.isSafeInteger(count) || count < 1) return bad(`container count ${count} is not a positive integer`);
    const vector = new Float64Array(RESOURCE_CLASS_COUNT);
    const problem = readAmounts(flavour.amounts, vector);
    if (problem !== null) return bad(`flavour ${flavour.id}: ${problem.message}`);
    return ok({ kind: "container", flavourAmounts: vector, count, ...(affinity === undefined ? {} : { affinity }) });
  }
  const p = req.pool!;
  for (const [name, v] of [["numCpuCores", p.numCpuCores], ["virtualMemSize", p.virtualMemSizeMb], ["numVcInstances", p.numVcInstances]] as const) {
    if (!isNonNegativeInteger(v)) return bad(`${name} ${v} is not a non-negative integer`);
  }
  if (p.numCpuCores + p.virtualMemSizeMb === 0 || p.numVcInstances === 0) return bad("a pool reservation asks for no cores, no memory or no instances");
  const acc = p.acceleration;
  if (acc !== undefined && (!Number.isSafeInteger(acc.count) || acc.count < 1 || acc.count > p.numVcInstances)) return bad(`accelerationCapability count ${acc.count} is not between 1 and numVcInstances (${p.numVcInstances})`);
  // Every set comes with at least one core of the pool (pool-sets.ts): a server of the profile needs both.
  if (acc !== undefined && p.numCpuCores < acc.count) return bad(`accelerationCapability count ${acc.count} is more than numCpuCores (${p.numCpuCores}): each set comes with at least one core`);
  if (acc !== undefined && acc.deviceProfile.groups.length === 0) return bad(`device profile ${acc.deviceProfile.name} asks for no accelerators`);
  return ok({ kind: "pool", numCpuCores: p.numCpuCores, virtualMemSizeMb: p.virtualMemSizeMb, numVcInstances: p.numVcInstances });
}

const finite = (ms: number | undefined): number | null => (ms === undefined || !Number.isFinite(ms) ? null : ms);

/**
 * The fields every lease's view starts with (compute, storage, network): id, tenant, IFA and Blazar
 * statuses, times (null when unbounded) and reclaim policy. `withBeforeEnd` false leaves the
 * before-end event out (storage leases that asked for no warning show as they did before it existed).
 */
export function leaseView(r: { readonly reservationId: string; readonly tenantId: string; readonly status: ReservationStatus; readonly used: boolean; readonly times: ReservationTimes; readonly reclaim: ReclaimPolicy }, withBeforeEnd = true): Record<string, unknown> {
  const s = r.status;
  return {
    reservationId: r.reservationId,
    tenantId: r.tenantId,
    reservationStatus: s.ifa,
    used: r.used,
    lease: { status: s.lease, reservation: s.reservation, startLease: s.startEvent, ...(withBeforeEnd ? { beforeEndLease: s.beforeEndEvent } : {}), endLease: s.endEvent },
    startTime: r.times.startMs,
    endTime: finite(r.times.endMs),
    expiryTime: finite(r.times.expiryMs),
    reclaim: r.reclaim,
  };
}

/** IFA ReservedVirtualCompute (with Blazar's statuses), for queries, log records and notifications. */
export function reservationView(r: ReservationRecord, hostId: (h: number) => string, zoneOf: (h: number) => string): Record<string, unknown> {
  const s = r.shape;
  const hosts = [...new Set(r.placements.map((p) => hostId(p.host)))].sort();
  const base = {
    ...leaseView(r),
    zoneId: r.zoneId ?? (r.placements.length > 0 ? zoneOf(r.placements[0]!.host) : null),
    hosts,
    boundComputeIds: [...r.bindings.keys()].sort((a, b) => a - b).map((no) => `vm-${no}`),
  };
  if (s.kind === "pool") {
    // accelerationCapability shows only on pools that asked for it (older outputs stay as they were).
    const acc = r.poolAcceleration === undefined ? {} : { accelerationCapability: { deviceProfile: r.poolAcceleration.deviceProfile.name, count: r.poolAcceleration.count } };
    return { ...base, computePoolReserved: { numCpuCores: s.numCpuCores, virtualMemSize: s.virtualMemSizeMb, numVcInstances: s.numVcInstances, ...acc } };
  }
  return { ...base, virtualisationContainerReserved: { flavourId: r.flavourId, count: s.count, affinity: s.affinity ?? null } };
}
