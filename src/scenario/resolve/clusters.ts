/**
 * `clusters:` → ClustersRunSpec: every name checked against the model (tenants, flavours, zones,
 * device profiles) and the section's own images and pools, and the CCM's rules (odd control plane,
 * min ≤ replicas ≤ max, maxSurge + maxUnavailable > 0) reported at their fields, so a bad cluster
 * fails at load time with file:line:column (exit 2), never during the run.
 */
import { clusterSpecProblems, DEFAULT_PODS, type ClusterSpec, type DeploymentSpec, type NodePoolSpec, type PodSettings } from "../../ccm/index.js";
import type { DistributionSpec } from "../../kernel/index.js";
import { resolveArrivals } from "./arrivals.js";
import type { ArrivalSpec } from "./run-spec.js";
import type { Clusters } from "../schema/clusters.js";
import { ms, toDistributionSpec } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import { resolvePodTraces, type PodTraceSpec } from "./pod-traces.js";
import type { InputIssue } from "../load/input-issue.js";
import { ZONE_STORAGE_GB } from "./storage-reservations.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

export interface ClusterActionSpec {
  readonly atMs: number;
  readonly clusterId: string;
  readonly op: "scale" | "upgrade" | "delete" | "deploy";
  readonly deployment?: string;
  readonly pool?: string;
  readonly replicas?: number;
  readonly kubernetesVersion?: string;
  /** Image name (a clusters.images id). */
  readonly image?: string;
  readonly flavours?: Readonly<Record<string, string>>;
}

/** An arrival-driven deployment's pods: when they come, how long they live (undefined: to the end). */
export interface PodArrivalSpec {
  readonly deployment: string;
  readonly arrivals: ArrivalSpec;
  readonly lifetime: DistributionSpec | undefined;
}

export interface ClustersRunSpec {
  readonly images: ReadonlyArray<{ readonly id: string; readonly sizeGb: number }>;
  /** Specs whose imageId is the image's name; the run maps it to the VIM's id. */
  readonly clusters: ReadonlyArray<{ readonly atMs: number; readonly spec: ClusterSpec; readonly podArrivals: readonly PodArrivalSpec[]; readonly podTraces?: readonly PodTraceSpec[] }>;
  readonly actions: ReadonlyArray<ClusterActionSpec>;
  readonly settings: {
    readonly bootTime: DistributionSpec;
    readonly joinTime: DistributionSpec;
    readonly drainTimeMs: number;
    readonly retryIntervalMs: number;
    readonly unhealthyTimeoutMs: number;
    readonly nodeStartupTimeoutMs: number;
    readonly maxUnhealthyFraction: number;
    readonly pods: PodSettings;
  };
}

type Definition = Clusters["definitions"][number];
type PoolInput = Definition["pools"][number];

/** The section resolved, or undefined when absent; problems reported at their fields. */
export function resolveClusters(section: Clusters | undefined, model: ResolvedModel, report: Report, at: (path: Path) => Omit<InputIssue, "message" | "severity">): ClustersRunSpec | undefined {
  if (section === undefined) return undefined;
  const images = new Set(section.images.map((i) => i.id));
  const ids = new Set<string>();
  const clusters = section.definitions.map((d, i) => {
    const base: Path = ["clusters", "definitions", i];
    if (d.id === "total") report([...base, "id"], "'total' names the clusters' totals in summary.json (clusters.total.…): choose another id");
    if (ids.has(d.id)) report([...base, "id"], `cluster ${d.id} is defined twice`);
    ids.add(d.id);
    return { atMs: d.at === undefined ? 0 : ms(d.at), spec: resolveDefinition(d, i, model, images, report, reserved(section)), podArrivals: resolvePodArrivals(d, base, report), ...podTracesOf(resolvePodTraces(d.deployments ?? [], base, at, report)) };
  });
  const byId = new Map(clusters.map((c) => [c.spec.id, c.spec]));
  const actions = (section.actions ?? []).map((a, i) => resolveAction(a, ["clusters", "actions", i], byId, images, model, reserved(section), report));
  const s = section.settings ?? {};
  return {
    images: section.images.map((i) => ({ id: i.id, sizeGb: i.sizeGb ?? 0 })),
    clusters,
    actions: [...actions].sort((a, b) => a.atMs - b.atMs),
    settings: {
      bootTime: toDistributionSpec(s.bootTime ?? "1m"),
      joinTime: toDistributionSpec(s.joinTime ?? "1m"),
      drainTimeMs: ms(s.drainTime ?? "30s"),
      retryIntervalMs: ms(s.retryInterval ?? "1m"),
      unhealthyTimeoutMs: ms(s.unhealthyTimeout ?? "5m"),
      nodeStartupTimeoutMs: ms(s.nodeStartupTimeout ?? "10m"),
      maxUnhealthyFraction: s.maxUnhealthy ?? 0.4,
      pods: {
        evictionDelayMs: s.podEvictionDelay === undefined ? DEFAULT_PODS.evictionDelayMs : ms(s.podEvictionDelay),
        scaleDownUtilisation: s.scaleDownUtilisation ?? DEFAULT_PODS.scaleDownUtilisation,
        scaleDownUnneededMs: s.scaleDownUnneededTime === undefined ? DEFAULT_PODS.scaleDownUnneededMs : ms(s.scaleDownUnneededTime),
        ...(s.podScoring === undefined ? {} : { scoring: s.podScoring }),
        ...reserved(section),
      },
    },
  };
}

type Reserved = Pick<PodSettings, "systemReservedCpuMilli" | "systemReservedMemoryMb">;

const reserved = (section: Clusters): Reserved => ({
  systemReservedCpuMilli: section.settings?.systemReservedCpuMilli ?? DEFAULT_PODS.systemReservedCpuMilli,
  systemReservedMemoryMb: section.settings?.systemReservedMemoryMb ?? DEFAULT_PODS.systemReservedMemoryMb,
});

/** Absent when none: a spec without pod traces hashes as before (the shard header's inputs digest). */
const podTracesOf = (podTraces: PodTraceSpec[]) => (podTraces.length === 0 ? {} : { podTraces });

/** Arrival-driven deployments: arrivals, lifetime, and no replicas beside them. */
function resolvePodArrivals(d: Definition, base: Path, report: Report): PodArrivalSpec[] {
  return (d.deployments ?? []).flatMap((dep, i) => {
    const path = [...base, "deployments", i];
    if (dep.arrivals === undefined) {
      if (dep.lifetime !== undefined && dep.trace === undefined) report([...path, "lifetime"], "a lifetime needs arrivals or a trace (replicas live until scaled away)");
      return [];
    }
    if (dep.replicas !== undefined) report([...path, "replicas"], "a deployment has replicas or arrivals, not both");
    return [{ deployment: dep.name, arrivals: resolveArrivals(dep.arrivals, [...path, "arrivals"], report), lifetime: dep.lifetime === undefined ? undefined : toDistributionSpec(dep.lifetime) }];
  });
}

/** Deployments: pools exist, and a pod fits the allocatable of some pool it may run on. */
function resolveDeployments(d: Definition, base: Path, pools: readonly NodePoolSpec[], model: ResolvedModel, r: Reserved, report: Report): DeploymentSpec[] {
  return (d.deployments ?? []).map((dep, i) => {
    const path = [...base, "deployments", i];
    if (dep.pool !== undefined && !pools.some((p) => p.name === dep.pool)) report([...path, "pool"], `cluster ${d.id} has no pool ${dep.pool} (pools: ${pools.map((p) => p.name).join(", ")})`);
    const eligible = pools.filter((p) => dep.pool === undefined || p.name === dep.pool);
    const gpus = dep.gpus ?? 0;
    if (dep.topologyKey !== undefined && dep.antiAffinity === undefined) report([...path, "topologyKey"], "a topologyKey needs antiAffinity (required or preferred)");
    // A trace gives each pod its own requests: the deployment's are then optional (0 when absent).
    const ask = { ...dep, cpuMilli: dep.cpuMilli ?? 0, memoryMb: dep.memoryMb ?? 0 };
    for (const key of ["cpuMilli", "memoryMb"] as const) if (dep[key] === undefined && dep.trace === undefined) report([...path, key], `${key} is required (unless the deployment's pods come from a trace)`);
    const sized = dep.cpuMilli !== undefined && dep.memoryMb !== undefined;
    if (sized && eligible.length > 0 && !podFitsSome(ask, eligible.map((p) => p.flavourId), model, r)) report(path, `a pod of ${dep.name} (${podAsks(ask)}) exceeds the allocatable of every node flavour it may run on (${allocatableRule(ask, r)})`);
    return {
      name: dep.name,
      replicas: dep.replicas ?? 0,
      cpuMilli: ask.cpuMilli,
      memoryMb: ask.memoryMb,
      ...(gpus === 0 ? {} : { gpus }),
      ...(dep.pool === undefined ? {} : { pool: dep.pool }),
      ...(dep.arrivals === undefined && dep.trace === undefined ? {} : { arrivals: true }),
      ...(dep.antiAffinity === undefined ? {} : { antiAffinity: dep.antiAffinity, topologyKey: ZONE_KEYS.has(dep.topologyKey ?? "") ? "zone" : "hostname" }),
    };
  });
}

/** topologyKey values naming the zone (the others name the node). */
const ZONE_KEYS: ReadonlySet<string> = new Set(["zone", "topology.kubernetes.io/zone"]);

type PodAsk = { readonly name: string; readonly cpuMilli: number; readonly memoryMb: number; readonly gpus?: number | undefined; readonly pool?: string | undefined };

/** Does a pod of `dep` fit the allocatable of a node of one of `flavourIds`? */
function podFitsSome(dep: PodAsk, flavourIds: readonly string[], model: ResolvedModel, r: Reserved): boolean {
  return flavourIds.some((id) => {
    const f = model.flavours.get(id);
    return f !== undefined && dep.cpuMilli <= f.vcpus * 1000 - r.systemReservedCpuMilli && dep.memoryMb <= f.ramMb - r.systemReservedMemoryMb && (dep.gpus ?? 0) <= gpusOf(f);
  });
}

const podAsks = (dep: PodAsk): string => `${dep.cpuMilli}m CPU, ${dep.memoryMb} MiB${(dep.gpus ?? 0) > 0 ? `, ${dep.gpus} nvidia.com/gpu` : ""}`;
const allocatableRule = (dep: PodAsk, r: Reserved): string => `flavour minus system-reserved ${r.systemReservedCpuMilli}m, ${r.systemReservedMemoryMb} MiB${(dep.gpus ?? 0) > 0 ? "; GPUs of its device profile" : ""}`;

/** After an upgrade that gives pools new flavours, every deployment's pod must still fit some pool it may run on. */
function checkPodsAfterUpgrade(spec: ClusterSpec, flavours: Readonly<Record<string, string>>, path: Path, model: ResolvedModel, r: Reserved, report: Report): void {
  for (const dep of spec.deployments ?? []) {
    const eligible = spec.pools.filter((p) => dep.pool === undefined || p.name === dep.pool).map((p) => flavours[p.name] ?? p.flavourId);
    if (eligible.length === 0 || !eligible.every((id) => model.flavours.has(id))) continue;
    if (!podFitsSome(dep, eligible, model, r)) report(path, `after this upgrade a pod of ${dep.name} (${podAsks(dep)}) exceeds the allocatable of every node flavour it may run on (${allocatableRule(dep, r)})`);
  }
}

/** GPUs a node of flavour `f` offers pods: the GPU groups of its device profile. */
const gpusOf = (f: { readonly deviceProfile?: { readonly groups: ReadonlyArray<{ readonly type: string; readonly count: number }> } }): number =>
  (f.deviceProfile?.groups ?? []).reduce((n, g) => n + (g.type === "GPU" ? g.count : 0), 0);

function checkFlavour(model: ResolvedModel, id: string, path: Path, report: Report): void {
  if (!model.flavours.has(id)) report(path, `unknown flavour ${id} (flavours: ${[...model.flavours.keys()].sort().join(", ")})`);
}

/** A node volume no zone's storage backend could ever hold would refuse every node: a spec error, not an outcome. */
function checkVolume(gb: number | undefined, path: Path, report: Report): void {
  if (gb !== undefined && gb > ZONE_STORAGE_GB) report(path, `a ${gb} GB volume exceeds a zone's storage (${ZONE_STORAGE_GB} GB): no node could ever get one`);
}

function checkZones(model: ResolvedModel, zones: readonly string[] | undefined, path: Path, report: Report): void {
  const known = model.zones.map((z) => z.id);
  (zones ?? []).forEach((z, i) => {
    if (!known.includes(z)) report([...path, i], `unknown zone ${z} (zones: ${known.join(", ")})`);
  });
}

function resolveDefinition(d: Definition, index: number, model: ResolvedModel, images: ReadonlySet<string>, report: Report, r: Reserved): ClusterSpec {
  const base: Path = ["clusters", "definitions", index];
  if (!model.tenants.has(d.tenant)) report([...base, "tenant"], `unknown tenant ${d.tenant} (tenants: ${[...model.tenants.keys()].sort().join(", ")})`);
  if (!images.has(d.image)) report([...base, "image"], `unknown image ${d.image} (clusters.images: ${[...images].join(", ") || "none"})`);
  checkFlavour(model, d.controlPlane.flavour, [...base, "controlPlane", "flavour"], report);
  checkVolume(d.controlPlane.etcdVolumeGb, [...base, "controlPlane", "etcdVolumeGb"], report);
  checkZones(model, d.controlPlane.zones, [...base, "controlPlane", "zones"], report);
  const pools = d.pools.map((p, i) => resolvePool(p, [...base, "pools", i], model, report));
  const spec: ClusterSpec = {
    id: d.id,
    tenantId: d.tenant,
    kubernetesVersion: d.kubernetesVersion,
    imageId: d.image,
    subnetCidr: d.subnet ?? `10.${index % 256}.0.0/16`,
    controlPlane: {
      replicas: d.controlPlane.replicas,
      flavourId: d.controlPlane.flavour,
      policy: d.controlPlane.policy ?? "anti-affinity",
      zones: d.controlPlane.zones ?? [],
      ...(d.controlPlane.etcdVolumeGb === undefined ? {} : { etcdVolumeGb: d.controlPlane.etcdVolumeGb }),
    },
    pools,
    onPartialFailure: d.onPartialFailure ?? "rollback",
    ...(d.deployments === undefined ? {} : { deployments: resolveDeployments(d, base, pools, model, r, report) }),
  };
  for (const p of clusterSpecProblems(spec)) report([...base, ...p.path], p.message);
  return spec;
}

function resolvePool(p: PoolInput, path: Path, model: ResolvedModel, report: Report): NodePoolSpec {
  checkFlavour(model, p.flavour, [...path, "flavour"], report);
  checkZones(model, p.zones, [...path, "zones"], report);
  checkVolume(p.volumeGb, [...path, "volumeGb"], report);
  if (p.reservation !== undefined) report([...path, "reservation"], "pools drawing from a reservation are not in scenario files yet (the library's NodePoolSpec.reservationId is)");
  const profile = model.flavours.get(p.flavour)?.deviceProfile?.name;
  if (p.deviceProfile !== undefined && model.flavours.has(p.flavour) && profile !== p.deviceProfile) {
    report([...path, "deviceProfile"], `flavour ${p.flavour} carries ${profile === undefined ? "no device profile" : `device profile ${profile}`}, not ${p.deviceProfile}`);
  }
  return {
    name: p.name,
    flavourId: p.flavour,
    minReplicas: p.min,
    maxReplicas: p.max,
    replicas: p.replicas,
    zones: p.zones ?? [],
    labels: p.labels ?? {},
    ...(p.deviceProfile === undefined ? {} : { deviceProfile: p.deviceProfile }),
    maxSurge: p.maxSurge ?? 1,
    maxUnavailable: p.maxUnavailable ?? 0,
    ...(p.autoscale === undefined ? {} : { autoscale: p.autoscale }),
    ...(p.volumeGb === undefined ? {} : { volumeGb: p.volumeGb }),
  };
}

function resolveAction(a: NonNullable<Clusters["actions"]>[number], path: Path, clusters: ReadonlyMap<string, ClusterSpec>, images: ReadonlySet<string>, model: ResolvedModel, r: Reserved, report: Report): ClusterActionSpec {
  const spec = clusters.get(a.cluster);
  if (spec === undefined) report([...path, "cluster"], `unknown cluster ${a.cluster} (clusters: ${[...clusters.keys()].join(", ") || "none"})`);
  const need = (key: keyof typeof a, what: string): void => {
    if (a[key] === undefined) report(path, `${a.op === "upgrade" ? "an" : "a"} ${a.op} needs ${String(key)} (${what})`);
  };
  if (a.op === "scale") {
    need("pool", "the pool to scale");
    need("replicas", "its new size");
    const pool = spec?.pools.find((p) => p.name === a.pool);
    if (spec !== undefined && a.pool !== undefined && pool === undefined) report([...path, "pool"], `cluster ${a.cluster} has no pool ${a.pool} (pools: ${spec.pools.map((p) => p.name).join(", ")})`);
    if (pool !== undefined && a.replicas !== undefined && (a.replicas < pool.minReplicas || a.replicas > pool.maxReplicas)) {
      report([...path, "replicas"], `pool ${pool.name} scales within [min, max] = [${pool.minReplicas}, ${pool.maxReplicas}]; got ${a.replicas}`);
    }
  }
  if (a.op === "deploy") {
    need("deployment", "the deployment");
    need("replicas", "its pods");
    if ((spec?.deployments ?? []).some((d) => d.name === a.deployment && d.arrivals === true)) report([...path, "deployment"], `deployment ${a.deployment} of cluster ${a.cluster} is arrival-driven: its pods come by arrivals, not replicas`);
    if (spec !== undefined && a.deployment !== undefined && !(spec.deployments ?? []).some((d) => d.name === a.deployment)) {
      report([...path, "deployment"], `cluster ${a.cluster} has no deployment ${a.deployment} (deployments: ${(spec.deployments ?? []).map((d) => d.name).join(", ") || "none"})`);
    }
  }
  if (a.op === "upgrade") {
    need("kubernetesVersion", "the new version");
    need("image", "the new node image");
    if (a.image !== undefined && !images.has(a.image)) report([...path, "image"], `unknown image ${a.image} (clusters.images: ${[...images].join(", ")})`);
    for (const [pool, flavour] of Object.entries(a.flavours ?? {})) {
      if (spec !== undefined && !spec.pools.some((p) => p.name === pool)) report([...path, "flavours", pool], `cluster ${a.cluster} has no pool ${pool}`);
      checkFlavour(model, flavour, [...path, "flavours", pool], report);
    }
    if (spec !== undefined && a.flavours !== undefined) checkPodsAfterUpgrade(spec, a.flavours, [...path, "flavours"], model, r, report);
  }
  return {
    atMs: ms(a.at),
    clusterId: a.cluster,
    op: a.op,
    ...(a.pool === undefined ? {} : { pool: a.pool }),
    ...(a.deployment === undefined ? {} : { deployment: a.deployment }),
    ...(a.replicas === undefined ? {} : { replicas: a.replicas }),
    ...(a.kubernetesVersion === undefined ? {} : { kubernetesVersion: a.kubernetesVersion }),
    ...(a.image === undefined ? {} : { image: a.image }),
    ...(a.flavours === undefined ? {} : { flavours: a.flavours }),
  };
}
