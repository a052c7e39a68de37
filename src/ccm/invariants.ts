/**
 * INV-L1..L4 (ifa-digest §5 L) checked against the VIM's own view, through its public queries: what
 * the CCM believes is compared with what the VIM holds. Returns the violations as sentences (empty
 * when all hold); tests and the invariant mode decide what to do with them.
 */
import { InvariantViolation } from "../domain/index.js";
import type { Vim } from "../vim/index.js";
import type { ClusterManager } from "./cluster-manager.js";
import type { ClusterRecord } from "./cluster-record.js";
import { CLUSTER_TAG, CONTROL_PLANE } from "./cluster-spec.js";
import { vimHeld } from "./cluster-summary.js";

/** INV-L1, L2, L3 (bounds) and L4 over every cluster the manager knows. */
export function checkClusterInvariants(manager: ClusterManager, vim: Vim): string[] {
  const out: string[] = [];
  for (const c of manager.clusters()) {
    const id = c.spec.id;
    const servers = vim.compute.query(vim.admin, { metadata: { [CLUSTER_TAG]: id } });
    if (!servers.ok) throw new InvariantViolation("CCM", `query refused: ${servers.error.message}`);
    const byId = new Map(servers.value.map((s) => [String(s["computeId"]), s]));
    // INV-L1: node ↔ VM bijection.
    for (const n of c.nodes.values()) if (!byId.has(n.computeId)) out.push(`INV-L1: node ${n.name} of cluster ${id} has no live VM ${n.computeId}`);
    const nodeVms = new Set([...c.nodes.values()].map((n) => n.computeId));
    for (const computeId of byId.keys()) if (!nodeVms.has(computeId)) out.push(`INV-L1: VM ${computeId} tagged with cluster ${id} is no node of it`);
    out.push(...volumeInvariants(c, vim));
    // INV-L2: hard anti-affinity keeps control-plane members on distinct hosts.
    if (c.spec.controlPlane.policy === "anti-affinity") {
      const hosts = [...c.nodes.values()].filter((n) => n.pool === CONTROL_PLANE).map((n) => byId.get(n.computeId)?.["hostId"]).filter((h) => h !== null && h !== undefined);
      if (new Set(hosts).size !== hosts.length) out.push(`INV-L2: control-plane members of cluster ${id} share a host (${hosts.join(", ")})`);
    }
    // INV-L3: desired worker counts within [min, max].
    for (const p of c.spec.pools) {
      const d = c.desired.get(p.name)!;
      if (d < p.minReplicas || d > p.maxReplicas) out.push(`INV-L3: pool ${p.name} of cluster ${id} wants ${d} outside [${p.minReplicas}, ${p.maxReplicas}]`);
    }
    // Pods: none bound to a node that is gone or draining (a NotReady node's pods are Unknown until evicted).
    out.push(...podInvariants(c));
    out.push(...affinityInvariants(c));
    for (const p of c.pods.values()) {
      const n = p.node === undefined ? undefined : c.nodes.get(p.node);
      if (p.node !== undefined && (n === undefined || n.state === "Draining" || n.pool === CONTROL_PLANE)) out.push(`INV-L5: pod ${p.name} of cluster ${id} is bound to ${n === undefined ? "a deleted node" : `node ${n.name} (${n.state}, ${n.pool})`} ${p.node}`);
    }
    // INV-L4: a deleted (or rolled-back) cluster holds nothing.
    if (c.state === "DELETED" || (c.state === "FAILED" && c.spec.onPartialFailure === "rollback")) {
      const held = vimHeld(vim, id);
      const left = Object.entries(held).filter(([, n]) => n > 0);
      if (left.length > 0) out.push(`INV-L4: cluster ${id} is ${c.state} but the VIM still holds ${left.map(([k, n]) => `${n} ${k}`).join(", ")}`);
    }
  }
  return out;
}

/** INV-L1 for volumes: each node's volume is live and attached to its VM; no volume of the cluster belongs to no node. */
function volumeInvariants(c: ClusterRecord, vim: Vim): string[] {
  const id = c.spec.id;
  const vols = vim.storage.query(vim.admin, { metadata: { [CLUSTER_TAG]: id } });
  if (!vols.ok) throw new InvariantViolation("CCM", `volume query refused: ${vols.error.message}`);
  const byId = new Map(vols.value.map((v) => [v.storageId, v]));
  const out: string[] = [];
  const owned = new Set<string>();
  for (const n of c.nodes.values()) {
    if (n.volumeId === undefined) continue;
    owned.add(n.volumeId);
    const v = byId.get(n.volumeId);
    if (v === undefined || !v.attachments.some((a) => a.computeId === n.computeId)) out.push(`INV-L1: volume ${n.volumeId} of node ${n.name} of cluster ${id} is ${v === undefined ? "gone" : "not attached to its VM"}`);
  }
  for (const v of vols.value) if (!owned.has(v.storageId)) out.push(`INV-L1: volume ${v.storageId} tagged with cluster ${id} is no node's`);
  return out;
}

/** INV-L6: pod counts conserved (made − removed = live = Pending + bound) and each node's requests the sum of its pods'. */
function podInvariants(c: ClusterRecord): string[] {
  const id = c.spec.id;
  const out: string[] = [];
  const ps = c.podStats;
  let bound = 0;
  for (const [name, u] of c.used) {
    bound += u.pods.size;
    let cpu = 0;
    let mem = 0;
    let gpus = 0;
    for (const p of u.pods) {
      if (p.node !== name) out.push(`INV-L6: pod ${p.name} of cluster ${id} is counted on node ${name} but bound to ${p.node ?? "none"}`);
      cpu += p.cpuMilli;
      mem += p.memoryMb;
      gpus += p.gpus;
    }
    if (cpu !== u.cpuMilli || mem !== u.memoryMb || gpus !== u.gpus) out.push(`INV-L6: node ${name} of cluster ${id} counts ${u.cpuMilli}m/${u.memoryMb} MiB/${u.gpus} GPU, its pods request ${cpu}m/${mem} MiB/${gpus} GPU`);
  }
  if (ps.created - ps.removed !== c.pods.size || c.pods.size !== c.pending.length + bound) {
    out.push(`INV-L6: cluster ${id} made ${ps.created} pods, removed ${ps.removed}, holds ${c.pods.size} (${c.pending.length} Pending, ${bound} bound)`);
  }
  return out;
}

/**
 * INV-L7: required pod anti-affinity holds (no two bound pods of such a deployment in one topology
 * domain), and every group's domain counts are what its bound pods say, each in its node's domain.
 */
function affinityInvariants(c: ClusterRecord): string[] {
  if (c.affinity.size === 0) return [];
  const id = c.spec.id;
  const out: string[] = [];
  const counted = new Map<string, Map<string, number>>([...c.affinity.keys()].map((d) => [d, new Map<string, number>()]));
  for (const [name, u] of c.used) {
    const n = c.nodes.get(name);
    for (const p of u.pods) {
      const g = p.affinity;
      if (g === undefined) continue;
      const domain = n === undefined ? undefined : g.zone ? (n.zoneId ?? n.placedZoneId) : n.name;
      if (domain !== undefined && p.domain !== domain) out.push(`INV-L7: pod ${p.name} of cluster ${id} is counted in domain ${p.domain ?? "none"}, its node ${name} is in ${domain}`);
      const m = counted.get(g.deployment)!;
      m.set(p.domain ?? "", (m.get(p.domain ?? "") ?? 0) + 1);
    }
  }
  for (const [dep, g] of c.affinity) {
    const m = counted.get(dep)!;
    const text = (x: Map<string, number>): string => [...x].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, k]) => `${d}=${k}`).join(",");
    if (text(m) !== text(g.domains)) out.push(`INV-L7: deployment ${dep} of cluster ${id} counts ${text(g.domains)}, its bound pods are ${text(m)}`);
    if (g.required) for (const [d, k] of m) if (k > 1) out.push(`INV-L7: ${k} pods of deployment ${dep} of cluster ${id} share ${g.zone ? "zone" : "node"} ${d} despite required anti-affinity`);
  }
  return out;
}
