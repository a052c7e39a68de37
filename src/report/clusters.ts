/**
 * The "Kubernetes clusters" section of report.md (issue 18): per cluster its state, time to READY,
 * nodes per pool at the end and at peak, allocations the VIM refused, nodes remediated, the API
 * outage (etcd quorum lost) and upgrades; then the VIM resources each still holds (volumes and GB
 * included); then worker capacity lost to failures. Only for runs whose summary has `clusters`.
 */
import type { ClusterSummary, WorkerCapacityLost } from "../ccm/index.js";
import type { RunResult } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";
import { percent } from "./number-format.js";
import { tableMarkdown, type ReportTable } from "./report-table.js";

type Summary = RunResult["summary"];

const minutes = (ms: number | null): string => (ms === null ? "—" : `${(ms / 60_000).toFixed(1)} min`);

const refusals = (c: ClusterSummary): string => {
  const parts = Object.entries(c.refusedByVim).flatMap(([purpose, byKind]) => Object.entries(byKind).map(([kind, n]) => `${purpose} ${kind} ${n}`));
  return parts.length === 0 ? "none" : parts.join(", ");
};

/** The section's lines; [] when the run has no clusters. */
export function clustersMarkdown(s: Summary): string[] {
  const section = s.clusters;
  if (section === undefined) return [];
  const clusters = Object.entries(section).filter((e): e is [string, ClusterSummary] => e[0] !== "total");
  const lines = [
    "",
    "## Kubernetes clusters (CCM on the VIM)",
    "",
    "| cluster | state | version | time to READY | nodes at end / peak by pool | refused by the VIM | remediated | API outage (no quorum) | upgrades done / started, last |",
    "|---|---|---|---:|---|---|---:|---:|---|",
  ];
  for (const [id, c] of clusters) {
    const nodes = Object.entries(c.nodes).map(([pool, n]) => `${pool} ${n.atEnd}/${n.peak}`).join(", ");
    const upgrades = `${c.upgrades.completed}/${c.upgrades.started}, ${minutes(c.upgrades.lastDurationMs)}, surge ${c.upgrades.peakSurge}`;
    lines.push(mdRow([id, c.state, c.kubernetesVersion, minutes(c.timeToReadyMs), nodes, refusals(c), c.nodesRemediated, `${minutes(c.quorumLossMs)} (${c.quorumLosses}×)`, upgrades]));
  }
  lines.push("", "| cluster | VMs | ports | networks | server groups | public IPs | volumes (GB) (held at the end) |", "|---|---:|---:|---:|---:|---:|---:|");
  for (const [id, c] of clusters) {
    const v = c.vimResources;
    lines.push(mdRow([id, v.servers, v.ports, v.networks, v.serverGroups, v.publicIps, `${v.volumes} (${v.volumeGb})`]));
  }
  lines.push(...tableMarkdown(capacityLostTable(s)!, "###"));
  const withPods = clusters.filter(([, c]) => c.pods !== undefined);
  if (withPods.length === 0) return lines;
  lines.push("", "| cluster | pods running / pending / unknown at end | peak pending | scheduled | mean scheduling latency | p95 / p99 | evicted | autoscaler up / down steps |", "|---|---|---:|---:|---:|---|---:|---|");
  for (const [id, c] of withPods) {
    const p = c.pods!;
    lines.push(mdRow([id, `${p.running} / ${p.pending} / ${p.unknown}`, p.peakPending, p.scheduled, minutes(p.meanSchedulingLatencyMs), `${minutes(p.schedulingLatencyMsP95)} / ${minutes(p.schedulingLatencyMsP99)}`, p.evicted, `${p.autoscaleUps} / ${p.autoscaleDowns}`]));
  }
  return lines;
}

const hours = (x: number): string => x.toFixed(2);

const lostCells = (l: WorkerCapacityLost): string[] => [hours(l.vcpuHours), hours(l.memoryGbHours), hours(l.gpuHours), hours(l.provisionedVcpuHours), percent(l.share)];

/** Worker capacity lost to failed nodes, per cluster and in total (report.md and report.html); undefined without clusters. */
export function capacityLostTable(s: Summary): ReportTable | undefined {
  const section = s.clusters;
  if (section === undefined) return undefined;
  const rows = Object.entries(section).flatMap(([id, c]) => (id === "total" ? [] : [[id, ...lostCells((c as ClusterSummary).workerCapacityLost)]]));
  const total = section["total"] as { readonly workerCapacityLost: WorkerCapacityLost };
  return {
    title: "Worker capacity lost to failed nodes (NotReady until Ready again or replaced)",
    headers: ["cluster", "vCPU·h lost", "memory GB·h lost", "GPU·h lost", "worker vCPU·h held", "share lost"],
    rows: [...rows, ["total", ...lostCells(total.workerCapacityLost)]],
    rightAligned: [false, true, true, true, true, true],
  };
}
