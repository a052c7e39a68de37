/**
 * What the CCM's parts share: the VIM it is a consumer of, simulated time, its settings, and the
 * clusters. Deferred work goes through `after` (the kernel's queue), never a nested call, so a VIM
 * notification that arrives inside one of the CCM's own VIM calls cannot re-enter it.
 */
import { NORMAL, type Simulation } from "../kernel/index.js";
import type { Vim } from "../vim/index.js";
import type { ClusterRecord, NodeRecord } from "./cluster-record.js";
import type { CcmSettings } from "./cluster-spec.js";
import type { NodeCapacity } from "./capacity-loss.js";

export interface CcmScheduler {
  readonly nowMs: number;
  /** Runs `task` `delayMs` from now (ties in scheduling order). */
  after(delayMs: number, task: () => void): void;
}

const runTask = (_sim: Simulation, task: () => void): void => task();

/** The kernel's queue as the CCM's scheduler. */
export function schedulerOf(sim: Simulation): CcmScheduler {
  return {
    get nowMs() {
      return sim.nowMs;
    },
    after: (delayMs, task) => void sim.schedule(delayMs, runTask, task, NORMAL),
  };
}

export interface CcmContext {
  readonly vim: Vim;
  readonly time: CcmScheduler;
  readonly settings: CcmSettings;
  readonly clusters: Map<string, ClusterRecord>;
  /** Every node the CCM ever made, by VM id (deleted ones too: INV-L3 asks after the fact). */
  readonly byCompute: Map<string, NodeRecord>;
  /** Clusters with a reconcile queued (one per cluster at a time). */
  readonly queued: Set<string>;
  /** Flavour id → a node's allocatable CPU and memory (flavour minus system-reserved), filled on first use. */
  readonly allocatable: Map<string, { readonly cpuMilli: number; readonly memoryMb: number; readonly gpus: number }>;
  /** Flavour id → what a node of it offers (vCPUs, memory, GPUs), filled on first use. */
  readonly capacity: Map<string, NodeCapacity>;
  /** Runs one reconcile pass of a cluster (set by the manager). */
  reconcile: (c: ClusterRecord) => void;
}

/** Queues one reconcile of `c` at the current instant, after the work in hand. */
export function requestReconcile(ctx: CcmContext, c: ClusterRecord): void {
  if (ctx.queued.has(c.spec.id)) return;
  ctx.queued.add(c.spec.id);
  ctx.time.after(0, () => {
    ctx.queued.delete(c.spec.id);
    ctx.reconcile(c);
  });
}
