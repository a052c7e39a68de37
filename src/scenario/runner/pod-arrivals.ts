/**
 * Pod arrivals of arrival-driven deployments (issue 18 item 4), as the VM workload's streams: Poisson
 * arrivals with a constant, stepwise or daily rate from the named stream
 * `ccm/pods/<cluster>/<deployment>`, each pod removed after a lifetime drawn from
 * `ccm/pod-lifetime/<cluster>/<deployment>` (or kept to the end). Arrivals start at the cluster's
 * creation; one refused by the CCM (the cluster is being deleted) is counted by the caller.
 *
 * The events carry no payload objects of their own (bench/ccm.bench.ts: a million arrivals and
 * departures): an arrival's payload is its stream, a departure's the pod record, handled by the
 * stream's own departure function.
 */
import { integerMsSampler, NORMAL, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { ClusterManager, PodRecord } from "../../ccm/index.js";
import { nextArrivalMs } from "../generators/arrival-process.js";
import type { PodArrivalSpec } from "../resolve/clusters.js";

interface PodStream {
  readonly ctx: Ctx;
  readonly clusterId: string;
  readonly spec: PodArrivalSpec;
  readonly uniform: { next(): number };
  readonly lifetimeMs: (() => number) | undefined;
  /** The departure event's handler for this stream's pods. */
  readonly depart: (sim: Simulation, pod: PodRecord) => void;
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
      ctx,
      clusterId,
      spec,
      uniform: streams.stream(`ccm/pods/${name}`),
      lifetimeMs: spec.lifetime === undefined ? undefined : integerMsSampler(spec.lifetime, streams.stream(`ccm/pod-lifetime/${name}`)),
      // NOT_FOUND (the pod went with its cluster already) is nothing to do.
      depart: (_sim, pod) => ctx.manager.depart(clusterId, pod),
      exactTimeMs: atMs,
    };
    scheduleNext(stream);
  }
}

function scheduleNext(s: PodStream): void {
  const next = nextArrivalMs(s.spec.arrivals, s.exactTimeMs, s.uniform.next());
  if (!Number.isFinite(next) || (s.ctx.horizonMs !== undefined && next >= s.ctx.horizonMs)) return;
  s.exactTimeMs = next;
  s.ctx.sim.scheduleAt(Math.round(next), onArrival, s, NORMAL);
}

function onArrival(_sim: Simulation, s: PodStream): void {
  const { ctx } = s;
  const added = ctx.manager.arrive(s.clusterId, s.spec.deployment);
  if (!added.ok) ctx.refused(added.error.kind);
  else if (s.lifetimeMs !== undefined) ctx.sim.schedule(s.lifetimeMs(), s.depart, added.value, NORMAL);
  scheduleNext(s);
}
