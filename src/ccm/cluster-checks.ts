/**
 * What is wrong with a ClusterSpec, each problem at the path of its field (the scenario loader maps
 * the path to file:line:column; the library returns INVALID_ARGUMENT with the messages).
 */
import type { ClusterSpec, NodePoolSpec } from "./cluster-spec.js";

export interface SpecProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const CONTROL_PLANE_SIZES = [1, 3, 5];

const isSize = (gb: number): boolean => Number.isInteger(gb) && gb >= 0;

/** Problems of `spec` that need no VIM (sizes, bounds, surge); catalogue lookups are the caller's. */
export function clusterSpecProblems(spec: ClusterSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const cp = spec.controlPlane.replicas;
  if (!CONTROL_PLANE_SIZES.includes(cp)) {
    problems.push({ path: ["controlPlane", "replicas"], message: `a control plane has 1, 3 or 5 members (an etcd quorum needs an odd size); got ${cp}` });
  }
  const etcd = spec.controlPlane.etcdVolumeGb;
  if (etcd !== undefined && !isSize(etcd)) problems.push({ path: ["controlPlane", "etcdVolumeGb"], message: `a volume size is a whole number of GB, 0 for none; got ${etcd}` });
  const names = new Set<string>();
  spec.pools.forEach((p, i) => {
    if (names.has(p.name)) problems.push({ path: ["pools", i, "name"], message: `pool ${p.name} is defined twice` });
    names.add(p.name);
    problems.push(...poolProblems(p).map((q) => ({ path: ["pools", i, ...q.path], message: q.message })));
  });
  return problems;
}

function poolProblems(p: NodePoolSpec): SpecProblem[] {
  const out: SpecProblem[] = [];
  if (p.minReplicas > p.maxReplicas) out.push({ path: ["min"], message: `min (${p.minReplicas}) is above max (${p.maxReplicas})` });
  else if (p.replicas < p.minReplicas || p.replicas > p.maxReplicas) out.push({ path: ["replicas"], message: `replicas (${p.replicas}) must be within [min, max] = [${p.minReplicas}, ${p.maxReplicas}]` });
  if (p.volumeGb !== undefined && !isSize(p.volumeGb)) out.push({ path: ["volumeGb"], message: `a volume size is a whole number of GB, 0 for none; got ${p.volumeGb}` });
  if (p.maxSurge === 0 && p.maxUnavailable === 0) out.push({ path: ["maxSurge"], message: "maxSurge and maxUnavailable are both 0: a rolling upgrade could never replace a node" });
  return out;
}
