/**
 * Pod arrivals of arrival-driven deployments (issue 18 item 4), as the VM workload's streams: Poisson
 * arrivals with a constant, stepwise or daily rate from the named stream
 * `ccm/pods/<cluster>/<deployment>`, each pod removed after a lifetime drawn from
 * `ccm/pod-lifetime/<cluster>/<deployment>` (or kept to the end). Arrivals start at the cluster's
 * creation; one refused by the CCM (the cluster is being deleted) is counted by the caller.
 */
import { integerMsSampler, NORMAL, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { ClusterManager } from "../../ccm/index.js";
import { nextArrivalMs } from "../generators/arrival-process.js";
import type { PodArrivalSpec } from "../resolve/clusters.js";

interface PodStream {
  readonly clusterId: string;
  readonly spec: PodArrivalSpec;
  readonly uniform: { next(): number };
  readonly lifetimeMs: (() => number) | undefined;
  exactTimeMs: number;
}

interface Ctx {
  readonly sim: Simulation;
  readonly manager: ClusterManager;
  readonly horizonMs: number | undefined;
  readonly refused: (kind: string) => void;
}

/** Schedules the first arrival of each arrival-driven deployment of cluster `clusterId` created at `atMs`. */
export function startPodArrivals(ctx: Ctx, streams: RandomStreams, clusterId: string, atMs: number, specs: readonly PodArrivalSpec[]): void {
  for (const spec of specs) {
    const name = `${clusterId}/${spec.deployment}`;
    const stream: PodStream = {
      clusterId,
      spec,
      uniform: streams.stream(`ccm/pods/${name}`),
      lifetimeMs: spec.lifetime === undefined ? undefined : integerMsSampler(spec.lifetime, streams.stream(`ccm/pod-lifetime/${name}`)),
      exactTimeMs: atMs,
    };
    scheduleNext(ctx, stream);
  }
}

function scheduleNext(ctx: Ctx, s: PodStream): void {
  const next = nextArrivalMs(s.spec.arrivals, s.exactTimeMs, s.uniform.next());
  if (!Number.isFinite(next) || (ctx.horizonMs !== undefined && next >= ctx.horizonMs)) return;
  s.exactTimeMs = next;
  ctx.sim.scheduleAt(Math.round(next), onArrival, { ctx, s }, NORMAL);
}

function onArrival(_sim: Simulation, p: { readonly ctx: Ctx; readonly s: PodStream }): void {
  const { ctx, s } = p;
  const added = ctx.manager.addPod(s.clusterId, s.spec.deployment);
  if (!added.ok) ctx.refused(added.error.kind);
  else if (s.lifetimeMs !== undefined) ctx.sim.schedule(s.lifetimeMs(), onDeparture, { manager: ctx.manager, clusterId: s.clusterId, pod: added.value }, NORMAL);
  scheduleNext(ctx, s);
}

function onDeparture(_sim: Simulation, p: { readonly manager: ClusterManager; readonly clusterId: string; readonly pod: string }): void {
  // NOT_FOUND: the pod went with its cluster already.
  p.manager.removePod(p.clusterId, p.pod);
}
