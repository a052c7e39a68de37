/**
 * Worker capacity lost (issue 18 item 5): the exact time-integral of the vCPUs, memory and GPUs of
 * worker nodes that were unavailable because their VM or host failed, from the moment the node went
 * NotReady until it is Ready again or its replacement is. A failed node that the MachineHealthCheck
 * deletes leaves a debt on its pool, paid by the next node of the pool that becomes Ready; a failed
 * node removed as surplus (scale-in, upgrade) or with its cluster needs no replacement and ends the
 * loss. Rates are piecewise constant between these events, so `advance` integrates them exactly
 * (no sampling). The control plane is not worker capacity (its outage is the quorum-loss time).
 */
import type { CcmContext } from "./ccm-context.js";
import type { ClusterRecord, NodeRecord } from "./cluster-record.js";
import { CONTROL_PLANE } from "./cluster-spec.js";

/** A node's flavour: what it offers the cluster. */
export interface NodeCapacity {
  readonly vcpus: number;
  readonly memoryMb: number;
  readonly gpus: number;
}

export interface WorkerLoss {
  /** Integrals so far, up to `lastMs`: unavailable, and held (every worker VM, in any state). */
  lostVcpuMs: number;
  lostMemoryMbMs: number;
  lostGpuMs: number;
  provisionedVcpuMs: number;
  provisionedMemoryMbMs: number;
  provisionedGpuMs: number;
  lastMs: number;
  /** The rates now. */
  readonly lostNow: { vcpus: number; memoryMb: number; gpus: number };
  readonly provisionedNow: { vcpus: number; memoryMb: number; gpus: number };
  /** Failed nodes by name, with the capacity they took away. */
  readonly open: Map<string, NodeCapacity>;
  /** Per pool, capacity of remediated nodes still waiting for a Ready replacement (oldest first). */
  readonly debts: Map<string, NodeCapacity[]>;
}

export function newWorkerLoss(nowMs: number): WorkerLoss {
  return {
    lostVcpuMs: 0,
    lostMemoryMbMs: 0,
    lostGpuMs: 0,
    provisionedVcpuMs: 0,
    provisionedMemoryMbMs: 0,
    provisionedGpuMs: 0,
    lastMs: nowMs,
    lostNow: { vcpus: 0, memoryMb: 0, gpus: 0 },
    provisionedNow: { vcpus: 0, memoryMb: 0, gpus: 0 },
    open: new Map(),
    debts: new Map(),
  };
}

/** The flavour's vCPUs (shared and dedicated), memory and GPUs; cached per flavour. */
export function capacityOf(ctx: CcmContext, flavourId: string): NodeCapacity {
  const known = ctx.capacity.get(flavourId);
  if (known !== undefined) return known;
  const flavours = ctx.vim.flavours.query(ctx.vim.admin);
  const f = flavours.ok ? flavours.value.find((x) => x.id === flavourId) : undefined;
  const gpus = (f?.deviceProfile?.groups ?? []).reduce((n, g) => n + (g.type === "GPU" ? g.count : 0), 0);
  const cap = f === undefined ? { vcpus: 0, memoryMb: 0, gpus: 0 } : { vcpus: f.amounts.VCPU + f.amounts.PCPU, memoryMb: f.amounts.MEMORY_MB, gpus };
  ctx.capacity.set(flavourId, cap);
  return cap;
}

/** Integrates the current rates up to `nowMs`. */
function advance(l: WorkerLoss, nowMs: number): void {
  const dt = nowMs - l.lastMs;
  if (dt <= 0) return;
  l.lostVcpuMs += l.lostNow.vcpus * dt;
  l.lostMemoryMbMs += l.lostNow.memoryMb * dt;
  l.lostGpuMs += l.lostNow.gpus * dt;
  l.provisionedVcpuMs += l.provisionedNow.vcpus * dt;
  l.provisionedMemoryMbMs += l.provisionedNow.memoryMb * dt;
  l.provisionedGpuMs += l.provisionedNow.gpus * dt;
  l.lastMs = nowMs;
}

function add(rate: { vcpus: number; memoryMb: number; gpus: number }, cap: NodeCapacity, sign: 1 | -1): void {
  rate.vcpus += sign * cap.vcpus;
  rate.memoryMb += sign * cap.memoryMb;
  rate.gpus += sign * cap.gpus;
}

const isWorker = (n: NodeRecord): boolean => n.pool !== CONTROL_PLANE;

/** A worker VM was allocated: its capacity is held from now. */
export function workerProvisioned(ctx: CcmContext, c: ClusterRecord, n: NodeRecord): void {
  if (!isWorker(n)) return;
  const l = c.stats.workerLoss;
  advance(l, ctx.time.nowMs);
  add(l.provisionedNow, capacityOf(ctx, n.flavourId), 1);
}

/** A Ready worker went NotReady (its VM or host failed): its capacity is lost from now. */
export function workerFailed(ctx: CcmContext, c: ClusterRecord, n: NodeRecord): void {
  const l = c.stats.workerLoss;
  if (!isWorker(n) || l.open.has(n.name)) return;
  advance(l, ctx.time.nowMs);
  const cap = capacityOf(ctx, n.flavourId);
  l.open.set(n.name, cap);
  add(l.lostNow, cap, 1);
}

/** A worker became Ready: its own loss ends, or, for a new node, the oldest debt of its pool. */
export function workerReady(ctx: CcmContext, c: ClusterRecord, n: NodeRecord): void {
  if (!isWorker(n)) return;
  const l = c.stats.workerLoss;
  advance(l, ctx.time.nowMs);
  const own = l.open.get(n.name);
  if (own !== undefined) {
    l.open.delete(n.name);
    add(l.lostNow, own, -1);
    return;
  }
  const debt = l.debts.get(n.pool)?.shift();
  if (debt !== undefined) add(l.lostNow, debt, -1);
}

/**
 * A worker was deleted (after `c.nodes` dropped it): its VM's capacity is no longer held. A failed
 * one leaves a debt when its pool is now short of its desired count (remediation), else its loss ends.
 */
export function workerRemoved(ctx: CcmContext, c: ClusterRecord, n: NodeRecord): void {
  if (!isWorker(n)) return;
  const l = c.stats.workerLoss;
  advance(l, ctx.time.nowMs);
  add(l.provisionedNow, capacityOf(ctx, n.flavourId), -1);
  const lost = l.open.get(n.name);
  if (lost === undefined) return;
  l.open.delete(n.name);
  let live = 0;
  for (const m of c.nodes.values()) if (m.pool === n.pool && m.state !== "Draining") live++;
  const short = c.state !== "DELETING" && live < (c.desired.get(n.pool) ?? 0);
  if (!short) return add(l.lostNow, lost, -1);
  const debts = l.debts.get(n.pool) ?? [];
  debts.push(lost);
  l.debts.set(n.pool, debts);
}

/** The cluster is being deleted: nothing is owed any more (its capacity is given back on purpose). */
export function forgiveLoss(ctx: CcmContext, c: ClusterRecord): void {
  const l = c.stats.workerLoss;
  advance(l, ctx.time.nowMs);
  l.open.clear();
  l.debts.clear();
  l.lostNow.vcpus = l.lostNow.memoryMb = l.lostNow.gpus = 0;
}

export interface WorkerCapacityLost {
  readonly vcpuHours: number;
  readonly memoryGbHours: number;
  readonly gpuHours: number;
  /** vCPU-hours of worker VMs held over the run (the denominator of `share`). */
  readonly provisionedVcpuHours: number;
  /** lost ÷ provisioned vCPU-hours (0 when nothing was provisioned). */
  readonly share: number;
}

const MS_PER_HOUR = 3_600_000;
const MB_PER_GB = 1024;
/** Six decimals: exact sums printed without float noise (1 vCPU for 3.6 ms). */
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The integrals up to `nowMs`, in hours, without changing the record (the run may go on). */
export function workerCapacityLost(l: WorkerLoss, nowMs: number): WorkerCapacityLost {
  const dt = Math.max(0, nowMs - l.lastMs);
  const lostVcpuMs = l.lostVcpuMs + l.lostNow.vcpus * dt;
  const provisionedVcpuMs = l.provisionedVcpuMs + l.provisionedNow.vcpus * dt;
  return {
    vcpuHours: round6(lostVcpuMs / MS_PER_HOUR),
    memoryGbHours: round6((l.lostMemoryMbMs + l.lostNow.memoryMb * dt) / MB_PER_GB / MS_PER_HOUR),
    gpuHours: round6((l.lostGpuMs + l.lostNow.gpus * dt) / MS_PER_HOUR),
    provisionedVcpuHours: round6(provisionedVcpuMs / MS_PER_HOUR),
    share: provisionedVcpuMs === 0 ? 0 : round6(lostVcpuMs / provisionedVcpuMs),
  };
}

/** Sums per-cluster figures; the share is recomputed from the sums. */
export function sumCapacityLost(all: readonly WorkerCapacityLost[]): WorkerCapacityLost {
  const sum = (f: (x: WorkerCapacityLost) => number): number => round6(all.reduce((n, x) => n + f(x), 0));
  const vcpuHours = sum((x) => x.vcpuHours);
  const provisionedVcpuHours = sum((x) => x.provisionedVcpuHours);
  return { vcpuHours, memoryGbHours: sum((x) => x.memoryGbHours), gpuHours: sum((x) => x.gpuHours), provisionedVcpuHours, share: provisionedVcpuHours === 0 ? 0 : round6(vcpuHours / provisionedVcpuHours) };
}
