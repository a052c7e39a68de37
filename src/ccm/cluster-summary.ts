/**
 * summary.json's `clusters` section: per cluster and in total, what a planner asks of Kubernetes on
 * the VIM (time to READY, nodes per pool at the end and at peak, allocations refused by the VIM by
 * purpose and kind, nodes remediated, control-plane quorum-loss time, worker capacity lost to
 * failures, upgrades, VIM resources held: VMs, ports, networks, groups, public IPs, volumes and GB).
 * Keys sorted; computed at the end of the run from the CCM's records and the VIM's own queries.
 */
import type { Vim } from "../vim/index.js";
import type { ClusterManager } from "./cluster-manager.js";
import { poolNames, poolNodes, type ClusterRecord } from "./cluster-record.js";
import { CLUSTER_TAG } from "./cluster-spec.js";
import { closeQuorumLoss } from "./node-health.js";
import { sumCapacityLost, workerCapacityLost, type WorkerCapacityLost } from "./capacity-loss.js";

export interface VimHeld {
  readonly servers: number;
  readonly ports: number;
  readonly networks: number;
  readonly serverGroups: number;
  readonly publicIps: number;
  /** Volumes tagged with the cluster, and their size in GB. */
  readonly volumes: number;
  readonly volumeGb: number;
}

export interface ClusterSummary {
  readonly state: string;
  readonly kubernetesVersion: string;
  /** From createCluster to READY; null when it never was. */
  readonly timeToReadyMs: number | null;
  readonly nodes: Readonly<Record<string, { readonly atEnd: number; readonly peak: number; readonly desired: number }>>;
  readonly refusedByVim: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly scaleUpsRefused: number;
  readonly surgesRefused: number;
  readonly nodesRemediated: number;
  readonly remediationsShortCircuited: number;
  readonly quorumLossMs: number;
  readonly quorumLosses: number;
  readonly upgrades: { readonly started: number; readonly completed: number; readonly lastDurationMs: number | null; readonly peakSurge: number };
  readonly vimResources: VimHeld;
  /** Worker capacity unavailable because nodes failed, integrated exactly over the run. */
  readonly workerCapacityLost: WorkerCapacityLost;
  /** Present when the cluster has deployments. */
  readonly pods?: PodsSummary;
}

export interface PodsSummary {
  readonly running: number;
  readonly pending: number;
  /** Bound to a NotReady node, not yet evicted. */
  readonly unknown: number;
  readonly peakPending: number;
  readonly scheduled: number;
  readonly meanSchedulingLatencyMs: number;
  /** Nearest-rank percentiles of the time Pending until bound, over every binding (0 when none). */
  readonly schedulingLatencyMsP50: number;
  readonly schedulingLatencyMsP95: number;
  readonly schedulingLatencyMsP99: number;
  /** Pods of arrival-driven deployments that arrived, and whose lifetime ended. */
  readonly arrived: number;
  readonly completed: number;
  readonly evicted: number;
  readonly autoscaleUps: number;
  readonly autoscaleDowns: number;
}

export interface ClustersSummary {
  readonly byCluster: Readonly<Record<string, ClusterSummary>>;
  readonly total: {
    readonly clusters: number;
    readonly readyAtEnd: number;
    readonly nodesAtEnd: number;
    readonly timeToReadyMsMax: number | null;
    /** Nearest-rank percentiles over the clusters that were READY. */
    readonly timeToReadyMsP50: number | null;
    readonly timeToReadyMsP95: number | null;
    readonly scaleUpsRefused: number;
    readonly surgesRefused: number;
    readonly nodesRemediated: number;
    readonly quorumLossMs: number;
    readonly vimResources: VimHeld;
    readonly workerCapacityLost: WorkerCapacityLost;
  };
}

const sortedRecord = <T>(entries: Iterable<readonly [string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The VIM resources tagged with `clusterId` that exist now, counted through the VIM's queries. */
export function vimHeld(vim: Vim, clusterId: string): VimHeld {
  const tag = { [CLUSTER_TAG]: clusterId };
  const admin = vim.admin;
  const servers = vim.compute.query(admin, { metadata: tag });
  const ports = vim.network.queryPorts(admin, { metadata: tag });
  const networks = vim.network.queryNetworks(admin, { metadata: tag });
  const groups = vim.compute.serverGroups(admin);
  const portIds = new Set(ports.ok ? ports.value.map((p) => p.resourceId) : []);
  const ips = vim.network.queryPublicIps(admin);
  const volumes = vim.storage.query(admin, { metadata: tag });
  const vols = volumes.ok ? volumes.value : [];
  return {
    servers: servers.ok ? servers.value.length : 0,
    ports: portIds.size,
    networks: networks.ok ? networks.value.length : 0,
    serverGroups: groups.ok ? groups.value.filter((g) => g.metadata[CLUSTER_TAG] === clusterId).length : 0,
    publicIps: ips.ok ? ips.value.filter((ip) => ip.portId !== null && portIds.has(ip.portId)).length : 0,
    volumes: vols.length,
    volumeGb: vols.reduce((n, v) => n + v.sizeOfStorageGb, 0),
  };
}

type Held = { -readonly [K in keyof VimHeld]: number };

/**
 * vimHeld for every cluster from one query of each kind (the summary of 500 clusters must not
 * query the VIM 500 times over 10,000 servers; bench/ccm.bench.ts).
 */
export function vimHeldByCluster(vim: Vim): (clusterId: string) => VimHeld {
  const admin = vim.admin;
  const held = new Map<string, Held>();
  const of = (id: string | undefined): Held | undefined => {
    if (id === undefined) return undefined;
    let h = held.get(id);
    if (h === undefined) held.set(id, (h = { servers: 0, ports: 0, networks: 0, serverGroups: 0, publicIps: 0, volumes: 0, volumeGb: 0 }));
    return h;
  };
  const all = <T>(r: { readonly ok: boolean; readonly value?: readonly T[] }): readonly T[] => (r.ok ? r.value! : []);
  for (const s of all(vim.compute.query(admin))) {
    const h = of((s["metadata"] as Readonly<Record<string, string>> | undefined)?.[CLUSTER_TAG]);
    if (h !== undefined) h.servers++;
  }
  const clusterOfPort = new Map<string, string>();
  for (const p of all(vim.network.queryPorts(admin))) {
    const id = p.metadata[CLUSTER_TAG];
    if (id === undefined) continue;
    of(id)!.ports++;
    clusterOfPort.set(p.resourceId, id);
  }
  for (const n of all(vim.network.queryNetworks(admin))) {
    const h = of(n.metadata[CLUSTER_TAG]);
    if (h !== undefined) h.networks++;
  }
  for (const g of all(vim.compute.serverGroups(admin))) {
    const h = of(g.metadata[CLUSTER_TAG]);
    if (h !== undefined) h.serverGroups++;
  }
  for (const ip of all(vim.network.queryPublicIps(admin))) {
    const h = ip.portId === null ? undefined : of(clusterOfPort.get(ip.portId));
    if (h !== undefined) h.publicIps++;
  }
  for (const v of all(vim.storage.query(admin))) {
    const h = of(v.metadata[CLUSTER_TAG]);
    if (h === undefined) continue;
    h.volumes++;
    h.volumeGb += v.sizeOfStorageGb;
  }
  return (clusterId) => held.get(clusterId) ?? { servers: 0, ports: 0, networks: 0, serverGroups: 0, publicIps: 0, volumes: 0, volumeGb: 0 };
}

function summariseOne(c: ClusterRecord, held: VimHeld, nowMs: number): ClusterSummary {
  closeQuorumLoss(nowMs, c);
  const s = c.stats;
  const refused = sortedRecord([...s.refusals.entries()].map(([purpose, byKind]) => [purpose, sortedRecord(byKind.entries())] as const));
  const sum = (purpose: string): number => Object.values(refused[purpose] ?? {}).reduce((a, b) => a + b, 0);
  return {
    state: c.state,
    kubernetesVersion: c.kubernetesVersion,
    timeToReadyMs: s.readyAtMs === undefined ? null : s.readyAtMs - s.createdAtMs,
    nodes: sortedRecord(poolNames(c).map((p) => [p, { atEnd: poolNodes(c, p).length, peak: s.peakNodes.get(p) ?? 0, desired: c.desired.get(p)! }] as const)),
    refusedByVim: refused,
    scaleUpsRefused: sum("scaleUp"),
    surgesRefused: sum("surge"),
    nodesRemediated: s.nodesRemediated,
    remediationsShortCircuited: s.remediationsShortCircuited,
    quorumLossMs: s.quorumLossMs,
    quorumLosses: s.quorumLosses,
    upgrades: { started: s.upgradesStarted, completed: s.upgradesCompleted, lastDurationMs: s.upgradeDurationMs ?? null, peakSurge: s.upgradePeakSurge },
    vimResources: held,
    workerCapacityLost: workerCapacityLost(s.workerLoss, nowMs),
    ...(c.deployments.size === 0 ? {} : { pods: podsSummary(c) }),
  };
}

function podsSummary(c: ClusterRecord): PodsSummary {
  const ready = (name: string | undefined): boolean => name !== undefined && c.nodes.get(name)?.state === "Ready";
  const ps = c.podStats;
  const pods = [...c.pods.values()];
  const latencies = Float64Array.from(ps.schedulingLatenciesMs).sort();
  return {
    running: pods.filter((p) => ready(p.node)).length,
    pending: c.pending.length,
    unknown: pods.filter((p) => p.node !== undefined && !ready(p.node)).length,
    peakPending: ps.peakPending,
    scheduled: ps.scheduled,
    meanSchedulingLatencyMs: ps.scheduled === 0 ? 0 : Math.round(ps.schedulingLatencyMsSum / ps.scheduled),
    schedulingLatencyMsP50: nearestRank(latencies, 0.5),
    schedulingLatencyMsP95: nearestRank(latencies, 0.95),
    schedulingLatencyMsP99: nearestRank(latencies, 0.99),
    arrived: ps.arrived,
    completed: ps.completed,
    evicted: ps.evicted,
    autoscaleUps: ps.autoscaleUps,
    autoscaleDowns: ps.autoscaleDowns,
  };
}

/** Nearest-rank percentile `q` of ascending `sorted` (0 when empty). */
function nearestRank(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

/** The section at the end of the run (open quorum losses are closed at `nowMs`). */
export function clustersSummary(manager: ClusterManager, vim: Vim): ClustersSummary {
  const nowMs = manager.nowMs;
  const heldOf = vimHeldByCluster(vim);
  const byCluster = sortedRecord(manager.clusters().map((c) => [c.spec.id, summariseOne(c, heldOf(c.spec.id), nowMs)] as const));
  const all = Object.values(byCluster);
  const total = (f: (s: ClusterSummary) => number): number => all.reduce((n, s) => n + f(s), 0);
  const ready = all.flatMap((s) => (s.timeToReadyMs === null ? [] : [s.timeToReadyMs])).sort((a, b) => a - b);
  const rank = (q: number): number | null => (ready.length === 0 ? null : ready[Math.max(0, Math.ceil(q * ready.length) - 1)]!);
  return {
    byCluster,
    total: {
      clusters: all.length,
      readyAtEnd: all.filter((s) => s.state === "READY").length,
      nodesAtEnd: total((s) => Object.values(s.nodes).reduce((n, p) => n + p.atEnd, 0)),
      timeToReadyMsMax: rank(1),
      timeToReadyMsP50: rank(0.5),
      timeToReadyMsP95: rank(0.95),
      scaleUpsRefused: total((s) => s.scaleUpsRefused),
      surgesRefused: total((s) => s.surgesRefused),
      nodesRemediated: total((s) => s.nodesRemediated),
      quorumLossMs: total((s) => s.quorumLossMs),
      vimResources: {
        servers: total((s) => s.vimResources.servers),
        ports: total((s) => s.vimResources.ports),
        networks: total((s) => s.vimResources.networks),
        serverGroups: total((s) => s.vimResources.serverGroups),
        publicIps: total((s) => s.vimResources.publicIps),
        volumes: total((s) => s.vimResources.volumes),
        volumeGb: total((s) => s.vimResources.volumeGb),
      },
      workerCapacityLost: sumCapacityLost(all.map((s) => s.workerCapacityLost)),
    },
  };
}
