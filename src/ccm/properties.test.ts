/**
 * INV-L1..L4 as properties (fast-check over random clusters, operations and faults): after every
 * slice of simulated time the CCM's nodes and the VIM's tagged VMs are in bijection (L1), hard
 * anti-affinity keeps control-plane members on distinct hosts (L2), desired worker counts stay in
 * [min, max] and no VM of a node is terminated before its Node is deleted (L3), and a deleted or
 * rolled-back cluster leaves nothing tagged with it, volumes included (L4); each node's volume is
 * attached to its VM and every volume of a cluster is some node's (L1), with zone storage plentiful
 * or short (refused volumes). Also: a cluster fewer than a majority of
 * whose control-plane VMs ever failed never loses quorum; no pod is bound to a draining or deleted
 * node, and pods are conserved (made − removed = Pending + bound; INV-L6), with replica and
 * arrival-driven deployments (pods arriving and ending) and the cluster autoscaler on random pools;
 * no two pods of a deployment with required anti-affinity share a node (or zone, by its topology
 * key; INV-L7), and no pod is bound to a node that is not Ready (but Unknown ones within the
 * eviction delay).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RecoveryPolicy } from "../vim/index.js";
import { ccmWorld, clusterSpec, pool } from "../testing/ccm-world.js";
import type { ClusterRecord } from "./cluster-record.js";
import { CONTROL_PLANE, DEFAULT_PODS } from "./cluster-spec.js";
import { clustersSummary } from "./cluster-summary.js";
import { checkClusterInvariants } from "./invariants.js";

const MIN = 60_000;
const HORIZON_MS = 8 * 60 * MIN;
const HOSTS = 12;

type Op =
  | { readonly kind: "scale"; readonly atMs: number; readonly cluster: number; readonly replicas: number }
  | { readonly kind: "upgrade"; readonly atMs: number; readonly cluster: number }
  | { readonly kind: "delete"; readonly atMs: number; readonly cluster: number }
  | { readonly kind: "deploy"; readonly atMs: number; readonly cluster: number; readonly replicas: number }
  | { readonly kind: "arrive"; readonly atMs: number; readonly cluster: number; readonly pods: number; readonly lifeMs: number }
  | { readonly kind: "hostFail"; readonly atMs: number; readonly host: number; readonly repairMs: number }
  | { readonly kind: "rackFail"; readonly atMs: number; readonly zone: number; readonly repairMs: number };

const at = fc.integer({ min: 0, max: 6 * 60 }).map((m) => m * MIN);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("scale" as const), atMs: at, cluster: fc.nat(1), replicas: fc.nat(6) }),
  fc.record({ kind: fc.constant("upgrade" as const), atMs: at, cluster: fc.nat(1) }),
  fc.record({ kind: fc.constant("delete" as const), atMs: at, cluster: fc.nat(1) }),
  fc.record({ kind: fc.constant("deploy" as const), atMs: at, cluster: fc.nat(1), replicas: fc.nat(16) }),
  fc.record({ kind: fc.constant("arrive" as const), atMs: at, cluster: fc.nat(1), pods: fc.integer({ min: 1, max: 8 }), lifeMs: fc.integer({ min: 1, max: 240 }).map((m) => m * MIN) }),
  fc.record({ kind: fc.constant("hostFail" as const), atMs: at, host: fc.nat(HOSTS - 1), repairMs: fc.integer({ min: 1, max: 180 }).map((m) => m * MIN) }),
  fc.record({ kind: fc.constant("rackFail" as const), atMs: at, zone: fc.nat(2), repairMs: fc.integer({ min: 1, max: 180 }).map((m) => m * MIN) }),
);
const clusterArb = fc.record({
  cp: fc.constantFrom(1, 3, 5),
  min: fc.nat(2),
  span: fc.nat(4),
  surge: fc.nat(2),
  unavailable: fc.nat(1),
  spreadCp: fc.boolean(),
  partial: fc.constantFrom("rollback" as const, "keep" as const),
  autoscale: fc.boolean(),
  pods: fc.nat(8),
  etcdGb: fc.constantFrom(0, 10),
  volumeGb: fc.constantFrom(0, 30),
  appAffinity: fc.constantFrom(undefined, "required" as const, "preferred" as const),
  appTopology: fc.constantFrom("hostname" as const, "zone" as const),
  jobsAffinity: fc.constantFrom(undefined, "required" as const),
});

/**
 * Pods bound to a node that is not Ready: none, but for the Unknown pods of a NotReady node within
 * the eviction delay (kube-controller-manager evicts them after it; they are not scheduled there).
 */
function podsOnUnreadyNodes(clusters: readonly ClusterRecord[], nowMs: number): string[] {
  const out: string[] = [];
  for (const c of clusters) {
    for (const p of c.pods.values()) {
      if (p.node === undefined) continue;
      const n = c.nodes.get(p.node);
      const unknown = n?.state === "NotReady" && nowMs - n.notReadySinceMs <= DEFAULT_PODS.evictionDelayMs;
      if (n?.state !== "Ready" && !unknown) out.push(`pod ${p.name} of ${c.spec.id} on ${p.node} (${n?.state ?? "deleted"})`);
    }
  }
  return out;
}

describe("CCM invariants over random operations and faults", () => {
  it("INV-L1..L4 and quorum hold", () => {
    fc.assert(
      // A zone's storage is plentiful or holds a few volumes only (refused volumes are refused nodes).
      fc.property(fc.array(clusterArb, { minLength: 1, maxLength: 2 }), fc.array(opArb, { maxLength: 12 }), fc.constantFrom<RecoveryPolicy>("none", "restart", "evacuate"), fc.constantFrom(10_000, 100), (clusters, ops, recovery, storageGb) => {
        const w = ccmWorld({ zones: 3, racks: 1, hostsPerRack: 4 }, {}, { recovery }, storageGb);
        const terminatedEarly: string[] = [];
        const cpFailures = new Map<string, Set<string>>();
        w.vim.changes.subscribe(w.vim.admin, { kinds: ["change"], resourceTypes: ["server"] }, (n) => {
          if (n.kind !== "change") return;
          const node = w.ccm.nodeOfCompute(n.virtualisedResourceId);
          if (node === undefined) return;
          if (n.changeType === "REMOVED" && node.state !== "Deleted") terminatedEarly.push(node.name);
          const vmState = (n.after as { vmState?: string } | null)?.vmState;
          if (node.pool === CONTROL_PLANE && vmState !== undefined && vmState !== "active" && n.changeType !== "REMOVED") {
            const failed = cpFailures.get(node.clusterId) ?? new Set<string>();
            failed.add(node.computeId);
            cpFailures.set(node.clusterId, failed);
          }
        });
        const ids = clusters.map((c, i) => {
          const id = `c${i}`;
          const spec = clusterSpec(w, id, c.cp, [pool("w", c.min + 1, { minReplicas: c.min, maxReplicas: c.min + 1 + c.span, maxSurge: c.surge, maxUnavailable: c.surge === 0 ? Math.max(1, c.unavailable) : c.unavailable, zones: ["z1", "z2", "z3"], autoscale: c.autoscale, volumeGb: c.volumeGb })], {
            deployments: [
              { name: "app", replicas: c.pods, cpuMilli: 700, memoryMb: 1024, ...(c.appAffinity === undefined ? {} : { antiAffinity: c.appAffinity, topologyKey: c.appTopology }) },
              { name: "jobs", replicas: 0, cpuMilli: 300, memoryMb: 512, arrivals: true, ...(c.jobsAffinity === undefined ? {} : { antiAffinity: c.jobsAffinity }) },
            ],
            subnetCidr: `10.${i}.0.0/22`,
            onPartialFailure: c.partial,
            controlPlane: { replicas: c.cp, flavourId: "m1.small", policy: "anti-affinity", zones: c.spreadCp ? ["z1", "z2", "z3"] : [], etcdVolumeGb: c.etcdGb },
          });
          expect(w.ccm.createCluster(spec).ok).toBe(true);
          return id;
        });
        for (const op of ops) {
          w.sim.scheduleAt(op.atMs, () => {
            const id = ids[op.kind === "hostFail" || op.kind === "rackFail" ? 0 : op.cluster % ids.length]!;
            if (op.kind === "scale") w.ccm.scaleNodePool(id, "w", op.replicas);
            else if (op.kind === "upgrade") w.ccm.upgradeCluster(id, { kubernetesVersion: "next", imageId: w.images.next });
            else if (op.kind === "delete") w.ccm.deleteCluster(id);
            else if (op.kind === "deploy") w.ccm.scaleDeployment(id, "app", op.replicas);
            else if (op.kind === "arrive") {
              for (let k = 0; k < op.pods; k++) {
                const pod = w.ccm.addPod(id, "jobs");
                if (pod.ok) w.sim.schedule(op.lifeMs + k * MIN, () => void w.ccm.removePod(id, pod.value));
              }
            }
            else if (op.kind === "hostFail") w.faults.inject({ domain: "host", domainId: w.nfvi.hostId(op.host), hosts: [op.host], kind: "crash", repairAfterMs: op.repairMs });
            else w.faults.inject({ domain: "rack", domainId: `z${op.zone + 1}/r1`, hosts: [0, 1, 2, 3].map((k) => op.zone * 4 + k), kind: "crash", repairAfterMs: op.repairMs });
          });
        }
        for (let t = 5 * MIN; t <= HORIZON_MS; t += 5 * MIN) {
          w.sim.run({ untilMs: t });
          expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
          expect(podsOnUnreadyNodes(w.ccm.clusters(), t)).toEqual([]);
        }
        expect(terminatedEarly).toEqual([]);
        const summary = clustersSummary(w.ccm, w.vim).byCluster;
        const faulted = ops.some((op) => op.kind === "hostFail" || op.kind === "rackFail");
        clusters.forEach((c, i) => {
          const failed = cpFailures.get(`c${i}`)?.size ?? 0;
          if (failed < Math.floor(c.cp / 2) + 1) expect(summary[`c${i}`]!.quorumLossMs).toBe(0);
          // Worker capacity is lost only to failures, and never more than was held.
          const lost = summary[`c${i}`]!.workerCapacityLost;
          if (!faulted) expect(lost.vcpuHours).toBe(0);
          expect(lost.vcpuHours).toBeLessThanOrEqual(lost.provisionedVcpuHours);
          expect(lost.share).toBeGreaterThanOrEqual(0);
          expect(lost.share).toBeLessThanOrEqual(1);
        });
      }),
      { numRuns: 40 },
    );
  });
});
