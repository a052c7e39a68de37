/**
 * A run's CCM (issue 18): registers the node images in the VIM, gives each cluster tenant the CCM's
 * service user (member role), builds the ClusterManager over the run's VIM façade, and calls
 * createCluster, scaleNodePool, upgradeCluster and deleteCluster at their times. An operation
 * refused at its time (WRONG_STATE, ...) is counted, never a crash. Boot and join times are drawn
 * from the streams ccm/boot and ccm/join.
 */
import { checkClusterInvariants, ClusterManager, clustersSummary, schedulerOf, type ClusterSummary, type ClustersSummary } from "../../ccm/index.js";
import { InvariantViolation } from "../../domain/index.js";
import { HIGH, integerMsSampler, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { Vim } from "../../vim/index.js";
import type { ClusterActionSpec, ClustersRunSpec } from "../resolve/clusters.js";
import { startPodArrivals } from "./pod-arrivals.js";
import { PodTraceReplay } from "./pod-trace.js";
import type { PodTraceSpec } from "../resolve/pod-traces.js";
import type { OpenLines } from "../../ingest/index.js";

/** The totals, and the operations refused when called ("<op> <kind>" → count). */
export type ClustersTotal = ClustersSummary["total"] & { readonly refusedCalls: Readonly<Record<string, number>> };

/** summary.json `clusters`: cluster id → its numbers, and `total`. */
export type ClustersSection = Readonly<Record<string, ClusterSummary | ClustersTotal>>;

const BYTES_PER_GB = 1_000_000_000;

export class ClusterRun {
  readonly manager: ClusterManager;
  /** Operations refused when called: "<op> <kind>" → count. */
  private readonly refusedCalls = new Map<string, number>();
  private readonly imageIds = new Map<string, string>();

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    private readonly vim: Vim,
    spec: ClustersRunSpec,
    horizonMs: number | undefined = undefined,
    /** Opens the files of trace-driven deployments (runScenario's openTrace). */
    openTrace?: OpenLines,
  ) {
    for (const image of spec.images) {
      const added = vim.images.add(vim.admin, { name: image.id, visibility: "public", sizeBytes: image.sizeGb * BYTES_PER_GB });
      if (!added.ok) throw new InvariantViolation("MODEL", `cluster image ${image.id} accepted by the loader but refused: ${added.error.message}`);
      this.imageIds.set(image.id, added.value.softwareImageId);
    }
    for (const tenant of [...new Set(spec.clusters.map((c) => c.spec.tenantId))].sort()) {
      const user = vim.identity.createUser(vim.admin, serviceUser(tenant), ["member"], tenant);
      if (!user.ok) throw new InvariantViolation("MODEL", `the CCM's user in tenant ${tenant} refused: ${user.error.message}`);
    }
    const s = spec.settings;
    this.manager = new ClusterManager(
      vim,
      schedulerOf(sim),
      {
        bootTimeMs: integerMsSampler(s.bootTime, streams.stream("ccm/boot")),
        joinTimeMs: integerMsSampler(s.joinTime, streams.stream("ccm/join")),
        drainTimeMs: s.drainTimeMs,
        retryIntervalMs: s.retryIntervalMs,
        health: { unhealthyTimeoutMs: s.unhealthyTimeoutMs, nodeStartupTimeoutMs: s.nodeStartupTimeoutMs, maxUnhealthyFraction: s.maxUnhealthyFraction },
        pods: s.pods,
      },
      (tenantId) => ({ userId: serviceUser(tenantId) }),
    );
    const arrivals = { sim, manager: this.manager, horizonMs, refused: (kind: string) => this.outcome("pod", { ok: false, error: { kind } }) };
    for (const c of spec.clusters) {
      const clusterSpec = { ...c.spec, imageId: this.imageIds.get(c.spec.imageId)! };
      sim.scheduleAt(c.atMs, () => this.outcome("create", this.manager.createCluster(clusterSpec)), undefined, HIGH);
      startPodArrivals(arrivals, streams, c.spec.id, c.atMs, c.podArrivals);
      for (const t of c.podTraces ?? []) this.startPodTrace(sim, streams, c.spec.id, c.atMs, t, horizonMs, openTrace);
    }
    for (const a of spec.actions) sim.scheduleAt(a.atMs, () => this.act(a), undefined, HIGH);
  }

  private startPodTrace(sim: Simulation, streams: RandomStreams, clusterId: string, atMs: number, t: PodTraceSpec, horizonMs: number | undefined, openTrace: OpenLines | undefined): void {
    if (openTrace === undefined) throw new Error(`deployment ${t.deployment} of cluster ${clusterId} replays the trace ${t.display}: runScenario needs options.openTrace (e.g. the library's traceLines)`);
    const lines = openTrace(t.file, t.format);
    if ("error" in lines) throw new Error(`cannot read the trace ${t.display}: ${lines.error}`);
    new PodTraceReplay(sim, streams, this.manager, clusterId, atMs, t, lines, horizonMs, (kind) => this.outcome("pod", { ok: false, error: { kind } })).start();
  }

  private act(a: ClusterActionSpec): void {
    const m = this.manager;
    if (a.op === "scale") return this.outcome("scale", m.scaleNodePool(a.clusterId, a.pool!, a.replicas!));
    if (a.op === "deploy") return this.outcome("deploy", m.scaleDeployment(a.clusterId, a.deployment!, a.replicas!));
    if (a.op === "upgrade") return this.outcome("upgrade", m.upgradeCluster(a.clusterId, { kubernetesVersion: a.kubernetesVersion!, imageId: this.imageIds.get(a.image!)!, ...(a.flavours === undefined ? {} : { flavourByPool: a.flavours }) }));
    this.outcome("delete", m.deleteCluster(a.clusterId));
  }

  private outcome(op: string, r: { readonly ok: boolean; readonly error?: { readonly kind: string } }): void {
    if (r.ok) return;
    const key = `${op} ${r.error!.kind}`;
    this.refusedCalls.set(key, (this.refusedCalls.get(key) ?? 0) + 1);
  }

  /** One time-series sample: `nodes/<pool>` summed over the clusters (keys sorted) and `pendingPods`. */
  sample(): Readonly<Record<string, number>> {
    // Counted by pool name, the `nodes/` key made once per pool (bench/ccm.bench.ts: 10,000 nodes a sample).
    const nodes = new Map<string, number>();
    let pending = 0;
    for (const c of this.manager.clusters()) {
      for (const pool of c.desired.keys()) if (!nodes.has(pool)) nodes.set(pool, 0);
      for (const n of c.nodes.values()) nodes.set(n.pool, nodes.get(n.pool)! + 1);
      pending += c.pending.length;
    }
    const rows = [...nodes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pool, n]) => [`nodes/${pool}`, n] as const);
    return Object.fromEntries([...rows, ["pendingPods", pending]]);
  }

  /** INV-B3 over the VIM façade's quota usage (thrown), INV-L1..L4 over the run's clusters: the broken ones as "INV-Ln: what", empty when all hold. */
  checkInvariants(): string[] {
    // The VIM façade's kept quota usage against a recount (INV-B3; throws on a difference).
    this.vim.checkQuotaUsage();
    return checkClusterInvariants(this.manager, this.vim);
  }

  /** The section: clusters by id, and `total` with the operations refused when called. */
  summary(): ClustersSection {
    const s = clustersSummary(this.manager, this.vim);
    const refusedCalls = Object.fromEntries([...this.refusedCalls].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { ...s.byCluster, total: { ...s.total, refusedCalls } };
  }
}

const serviceUser = (tenantId: string): string => `ccm.${tenantId}`;
