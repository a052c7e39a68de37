/**
 * Replayed traces (workload.traces) checked against the model and converted: trace times in seconds,
 * the replication and thinning that give the wanted demand, the candidate flavours smallest first.
 * The file itself is opened later (cli/ and lib/ check it before any run: check-traces.ts).
 */
import { DEFAULT_MACHINE_RAM_GB, smallestFirst, type FlavourSize, type PackingMachine, type SizeMapping, type TraceFormatName } from "../../ingest/index.js";
import type { DistributionSpec } from "../../kernel/index.js";
import { didYouMean } from "../../domain/index.js";
import type { InputIssue } from "../load/input-issue.js";
import type { TraceStream } from "../schema/traces.js";
import type { DurationOrDistribution } from "../schema/common.js";
import { ms, toDistributionSpec } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";

type Path = Array<string | number>;

export interface TraceStreamSpec {
  readonly id: string;
  /** The trace's path as the runner opens it (resolved against the scenario file by the loader). */
  readonly file: string;
  /** The path as messages and reports show it. */
  readonly display: string;
  /** Where the scenario names the file (a missing file is an issue there). */
  readonly at: Omit<InputIssue, "message" | "severity">;
  readonly format: TraceFormatName;
  readonly machineRamGb: number;
  /** azure-packing: the machine whose fractions the sizes are (undefined for other formats). */
  readonly machine: PackingMachine | undefined;
  readonly fromS: number;
  readonly toS: number | undefined;
  /** Rows before the window still alive at its start start at time 0 with what is left of their lifetime. */
  readonly aliveAtStart: boolean;
  readonly timeScale: number;
  readonly tenants: ReadonlyArray<string> | undefined;
  /** Superposed copies of the trace, each keeping a row with probability `keep` (its own stream). */
  readonly copies: number;
  readonly keep: number;
  readonly sizeMapping: SizeMapping;
  /** smallestFittingFlavour's candidates, smallest first. */
  readonly flavours: ReadonlyArray<FlavourSize>;
  readonly tenant: string;
  readonly zone: string | undefined;
  readonly bootTime: DistributionSpec;
  /** Skip malformed rows (counted in the report) instead of refusing the trace (`run --skip-bad-rows`). */
  readonly skipBadRows: boolean;
}

/** What reading a trace file needs (the pre-run check, a pod trace): the file and how to cut it. */
export type TraceFileSpec = Pick<TraceStreamSpec, "file" | "display" | "at" | "format" | "machineRamGb" | "machine" | "fromS" | "toS" | "aliveAtStart" | "tenants" | "skipBadRows">;

/**
 * Copies and keep probability for `replicate` copies thinned to `sample`, the whole demand scaled by
 * the workload's rate multiplier `m`: ⌈replicate × m⌉ copies, each keeping replicate × sample × m / copies.
 */
export function copiesAndKeep(replicate: number, sample: number, m: number): { copies: number; keep: number } {
  const copies = Math.max(1, Math.ceil(replicate * m - 1e-9));
  return { copies, keep: Math.min(1, (replicate * sample * m) / copies) };
}

/** Every trace stream resolved; problems reported at their fields. */
export function resolveTraces(
  traces: ReadonlyArray<TraceStream>,
  model: ResolvedModel,
  defaultBoot: DurationOrDistribution,
  multiplier: number,
  at: (path: Path) => Omit<InputIssue, "message" | "severity">,
  report: (path: Path, message: string) => void,
): TraceStreamSpec[] {
  const ids = new Set<string>();
  return traces.map((t, i) => {
    const base: Path = ["workload", "traces", i];
    const id = t.id ?? `trace#${i}`;
    if (ids.has(id)) report([...base, "id"], `duplicate trace id "${id}"`);
    ids.add(id);
    if (!model.tenants.has(t.tenant)) report([...base, "tenant"], `unknown tenant "${t.tenant}"; ${didYouMean(t.tenant, [...model.tenants.keys()].sort())}defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
    if (t.zone !== undefined && !model.zones.some((z) => z.id === t.zone)) report([...base, "zone"], `unknown zone "${t.zone}"; defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
    const names = t.flavours ?? [...model.flavours.keys()];
    names.forEach((f, j) => {
      if (!model.flavours.has(f)) report([...base, "flavours", j], `unknown flavour "${f}"; defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
    });
    const flavours = smallestFirst(names.flatMap((f) => {
      const r = model.flavours.get(f);
      return r === undefined ? [] : [{ id: r.id, vcpus: r.vcpus, ramMb: r.ramMb, diskGb: r.diskGb }];
    }));
    const fromS = t.timeWindow?.from === undefined ? 0 : ms(t.timeWindow.from) / 1000;
    const toS = t.timeWindow?.to === undefined ? undefined : ms(t.timeWindow.to) / 1000;
    if (toS !== undefined && toS <= fromS) report([...base, "timeWindow", "to"], `timeWindow.to must be after timeWindow.from`);
    if (t.format === "azure-packing" && t.machine === undefined) report([...base, "format"], "the azure-packing format needs machine: { vcpus, memoryGb } (its sizes are fractions of a machine)");
    if (t.format !== "azure-packing" && t.machine !== undefined) report([...base, "machine"], "machine applies to the azure-packing format only");
    return {
      id, file: t.file, display: t.file, at: at([...base, "file"]), format: t.format, machineRamGb: t.machineRamGb ?? DEFAULT_MACHINE_RAM_GB,
      machine: t.machine === undefined ? undefined : { id: t.machine.id, vcpus: t.machine.vcpus, memoryGb: t.machine.memoryGb },
      fromS, toS, aliveAtStart: t.timeWindow?.aliveAtStart ?? false, timeScale: t.timeScale ?? 1, tenants: t.tenants, ...copiesAndKeep(t.replicate ?? 1, t.sample ?? 1, multiplier),
      sizeMapping: t.sizeMapping ?? "smallestFittingFlavour", flavours, tenant: t.tenant, zone: t.zone, bootTime: toDistributionSpec(t.bootTime ?? defaultBoot), skipBadRows: false,
    };
  });
}

/** The cluster part mapTraceStreams reaches: each cluster's trace-driven deployments. */
interface WithPodTraces<P extends TraceFileSpec> {
  readonly clusters: ReadonlyArray<{ readonly podTraces?: ReadonlyArray<P> }>;
}

/**
 * `spec` with every trace file changed by `f`: its workload traces and its clusters' pod traces, its
 * own, its variants' and its sweep points'.
 */
export function mapTraceStreams<
  P extends TraceFileSpec,
  S extends {
    readonly traces?: ReadonlyArray<TraceStreamSpec>;
    readonly clusters?: WithPodTraces<P> | undefined;
    readonly variants: ReadonlyArray<{ readonly spec: S }>;
    readonly sweep: { readonly points: ReadonlyArray<{ readonly spec: S }> } | undefined;
  },
>(spec: S, f: <T extends TraceFileSpec>(t: T) => T): S {
  const hasFiles = (s: S) => s.traces !== undefined || (s.clusters?.clusters ?? []).some((c) => (c.podTraces?.length ?? 0) > 0);
  if (!hasFiles(spec) && !spec.variants.some((v) => hasFiles(v.spec)) && !(spec.sweep?.points ?? []).some((p) => hasFiles(p.spec))) return spec;
  return {
    ...spec,
    ...(spec.traces === undefined ? {} : { traces: spec.traces.map(f) }),
    ...(spec.clusters === undefined ? {} : { clusters: { ...spec.clusters, clusters: spec.clusters.clusters.map((c) => (c.podTraces === undefined ? c : { ...c, podTraces: c.podTraces.map(f) })) } }),
    variants: spec.variants.map((v) => ({ ...v, spec: mapTraceStreams(v.spec, f) })),
    sweep: spec.sweep === undefined ? undefined : { ...spec.sweep, points: spec.sweep.points.map((p) => ({ ...p, spec: mapTraceStreams(p.spec, f) })) },
  };
}
