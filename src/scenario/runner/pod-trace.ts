/**
 * Pods of a trace-driven deployment (clusters.definitions[].deployments[].trace): a container trace
 * pulled one row at a time (one pending row, whatever the trace's length, as trace-replay.ts), each
 * create row a pod of that row's requests arriving at the cluster's creation + trace time ×
 * timeScale. Alibaba's containers have no end: a pod lives to the end of the run, or for the
 * deployment's lifetime (stream `ccm/pod-lifetime/<cluster>/<deployment>`). A pod the CCM refuses
 * (its cluster is gone or being deleted) is counted by the caller, as arrival-driven pods are.
 */
import { integerMsSampler, NORMAL, type RandomStreams, type Simulation } from "../../kernel/index.js";
import { TraceReader, type LineSource, type TraceCreate } from "../../ingest/index.js";
import type { PodRecord, PodSize } from "../../ccm/index.js";
import type { Result } from "../../domain/index.js";
import type { PodTraceSpec } from "../resolve/pod-traces.js";
import { checkedRow } from "../generators/trace-replay.js";

/** What the replay needs of the CCM (ClusterManager in a run, a recorder in tests). */
export interface PodSink {
  arrive(clusterId: string, deployment: string, size: PodSize): Result<PodRecord>;
  depart(clusterId: string, pod: PodRecord): void;
}

export class PodTraceReplay {
  private readonly reader: TraceReader;
  private readonly lifetimeMs: (() => number) | undefined;
  private row: TraceCreate | undefined;

  constructor(
    private readonly sim: Simulation,
    streams: RandomStreams,
    private readonly sink: PodSink,
    private readonly clusterId: string,
    private readonly atMs: number,
    private readonly spec: PodTraceSpec,
    lines: LineSource,
    private readonly horizonMs: number | undefined,
    private readonly refused: (kind: string) => void,
  ) {
    this.reader = new TraceReader(lines, spec);
    this.lifetimeMs = spec.lifetime === undefined ? undefined : integerMsSampler(spec.lifetime, streams.stream(`ccm/pod-lifetime/${clusterId}/${spec.deployment}`));
  }

  /** Schedules the first pod. */
  start(): void {
    this.pull();
  }

  /** Reads rows up to the next create and schedules it; nothing at the end of the trace or past the horizon. */
  private pull(): void {
    for (;;) {
      const step = checkedRow(this.reader, this.spec.display);
      if (step === undefined) return;
      if (step.event.kind !== "create") continue;
      const atMs = this.atMs + Math.max(0, Math.round(step.event.timeS * 1000 * this.spec.timeScale));
      if (this.horizonMs !== undefined && atMs >= this.horizonMs) return;
      this.row = step.event;
      this.sim.scheduleAt(Math.max(atMs, this.sim.nowMs), PodTraceReplay.onRow, this, NORMAL);
      return;
    }
  }

  private static onRow(sim: Simulation, r: PodTraceReplay): void {
    const e = r.row!;
    const added = r.sink.arrive(r.clusterId, r.spec.deployment, { cpuMilli: e.cpuMilli ?? e.vcpus * 1000, memoryMb: e.ramMb ?? 0 });
    if (!added.ok) r.refused(added.error.kind);
    else if (r.lifetimeMs !== undefined) sim.schedule(r.lifetimeMs(), (_s, pod: PodRecord) => r.sink.depart(r.clusterId, pod), added.value, NORMAL);
    r.pull();
  }

  /** Rows read and pods made, for the cluster summary. */
  get counts(): { readonly linesRead: number; readonly pods: number } {
    return { linesRead: this.reader.counts.lines, pods: this.reader.counts.creates };
  }
}
