import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ccmWorld, clusterSpec, pool } from "../testing/ccm-world.js";
import type { AffinityGroup, ClusterRecord, NodeRecord, PodRecord, ReadyEntry } from "./cluster-record.js";
import { clustersSummary } from "./cluster-summary.js";
import { checkClusterInvariants } from "./invariants.js";
import { bestEntry, bindPod, readyIndex, unbindPod } from "./pod-index.js";
import type { PodScoring } from "./cluster-spec.js";

const MIN = 60_000;

/** One member and a pool of m1.small workers (1900m, 3584 MiB allocatable); deployment `jobs` is arrival-driven. */
function world(workers: number, scoring: PodScoring = "LeastAllocated", autoscale = false) {
  const w = ccmWorld(undefined, { pods: { evictionDelayMs: 5 * MIN, scaleDownUtilisation: 0.5, scaleDownUnneededMs: 10 * MIN, systemReservedCpuMilli: 100, systemReservedMemoryMb: 512, scoring } });
  const spec = clusterSpec(w, "c", 1, [pool("w", workers, { minReplicas: 1, maxReplicas: 6, autoscale })], {
    controlPlane: { replicas: 1, flavourId: "m1.small", policy: "anti-affinity", zones: [] },
    deployments: [{ name: "jobs", replicas: 0, cpuMilli: 500, memoryMb: 512, arrivals: true }],
  });
  expect(w.ccm.createCluster(spec).ok).toBe(true);
  w.sim.run({ untilMs: 10 * MIN });
  return w;
}

const nodesOf = (w: ReturnType<typeof world>): string[] => {
  const c = w.ccm.clusters().find((x) => x.spec.id === "c")!;
  return [...c.pods.values()].map((p) => p.node ?? "-");
};

describe("arrival-driven pods", () => {
  it("an arriving pod binds at once when a node fits; removePod frees its room; counts are conserved", () => {
    const w = world(2);
    const names = [1, 2, 3].map(() => w.ccm.addPod("c", "jobs"));
    expect(names.every((r) => r.ok)).toBe(true);
    const s = clustersSummary(w.ccm, w.vim).byCluster["c"]!.pods!;
    expect(s).toMatchObject({ running: 3, pending: 0, arrived: 3, scheduled: 3, schedulingLatencyMsP99: 0 });
    expect(w.ccm.removePod("c", names[0]!.ok ? names[0]!.value : "").ok).toBe(true);
    expect(w.ccm.removePod("c", "jobs-999").ok).toBe(false);
    expect(clustersSummary(w.ccm, w.vim).byCluster["c"]!.pods).toMatchObject({ running: 2, completed: 1 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("arrive answers the pod record (named <deployment>-<no>); depart ends it once, and a pod name of another deployment or number is not found", () => {
    const w = world(2);
    const r = w.ccm.arrive("c", "jobs");
    expect(r.ok).toBe(true);
    const p = r.ok ? r.value : undefined!;
    expect(p.name).toBe(`jobs-${p.no}`);
    expect(w.ccm.removePod("c", `other-${p.no}`).ok).toBe(false);
    w.ccm.depart("c", p);
    w.ccm.depart("c", p);
    expect(w.ccm.removePod("c", p.name).ok).toBe(false);
    expect(clustersSummary(w.ccm, w.vim).byCluster["c"]!.pods).toMatchObject({ running: 0, arrived: 1, completed: 1 });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("pods beyond the room wait Pending; the autoscaler adds nodes; latency percentiles count the wait", () => {
    const w = world(1, "LeastAllocated", true);
    for (let i = 0; i < 9; i++) w.ccm.addPod("c", "jobs");
    w.sim.run({ untilMs: 11 * MIN });
    expect(clustersSummary(w.ccm, w.vim).byCluster["c"]!.pods).toMatchObject({ running: 3, pending: 6 });
    w.sim.run({ untilMs: 20 * MIN });
    const s = clustersSummary(w.ccm, w.vim).byCluster["c"]!;
    expect(s.pods).toMatchObject({ running: 9, pending: 0, peakPending: 6 });
    expect(s.nodes["w"]!.atEnd).toBe(3);
    // 3 bound at once, 6 waited boot + join (2 min) for the new nodes.
    expect(s.pods).toMatchObject({ schedulingLatencyMsP50: 2 * MIN, schedulingLatencyMsP95: 2 * MIN });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });

  it("LeastAllocated spreads pods over the nodes, MostAllocated packs them", () => {
    const spread = world(2, "LeastAllocated");
    const packed = world(2, "MostAllocated");
    for (let i = 0; i < 2; i++) {
      spread.ccm.addPod("c", "jobs");
      packed.ccm.addPod("c", "jobs");
    }
    expect(new Set(nodesOf(spread)).size).toBe(2);
    expect(new Set(nodesOf(packed)).size).toBe(1);
  });

  it("deleting the cluster removes its pods (conserved: made − removed = live)", () => {
    const w = world(1);
    w.ccm.addPod("c", "jobs");
    expect(w.ccm.deleteCluster("c").ok).toBe(true);
    expect(w.ccm.addPod("c", "jobs")).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    w.sim.run({ untilMs: 20 * MIN });
    expect(checkClusterInvariants(w.ccm, w.vim)).toEqual([]);
  });
});

/** A bare cluster record with `n` Ready workers of allocatable (cpu, mem, gpus) given per node. */
function bareCluster(nodes: ReadonlyArray<{ cpuMilli: number; memoryMb: number; gpus: number }>): { c: ClusterRecord; alloc: Map<string, { cpuMilli: number; memoryMb: number; gpus: number }> } {
  const alloc = new Map(nodes.map((a, i) => [`f${i}`, a] as const));
  const c = { nodes: new Map<string, NodeRecord>(), used: new Map(), readyIndex: undefined } as unknown as ClusterRecord;
  nodes.forEach((_, i) => c.nodes.set(`n${i}`, { name: `n${i}`, pool: "w", state: "Ready", flavourId: `f${i}` } as NodeRecord));
  return { c, alloc };
}

const pod = (no: number, cpuMilli: number, memoryMb: number, gpus: number, affinity?: AffinityGroup): PodRecord => ({ no, name: `p${no}`, deployment: affinity?.deployment ?? "d", cpuMilli, memoryMb, gpus, pool: undefined, node: undefined, pendingSinceMs: 0, affinity });

const group = (deployment: string, required: boolean): AffinityGroup => ({ deployment, required, zone: false, domains: new Map() });

/** The simpler model: every node scanned, same fit and score; siblings counted over the bound pods. */
function bruteForce(index: readonly ReadyEntry[], p: PodRecord, scoring: PodScoring, bound: readonly PodRecord[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const e of [...index].sort((a, b) => (a.node.name < b.node.name ? -1 : 1))) {
    const a = e.allocatable;
    const cpu = a.cpuMilli - e.use.cpuMilli - p.cpuMilli;
    const mem = a.memoryMb - e.use.memoryMb - p.memoryMb;
    if (cpu < 0 || mem < 0 || a.gpus - e.use.gpus < p.gpus) continue;
    const siblings = p.affinity === undefined ? 0 : bound.filter((q) => q.affinity === p.affinity && q.node === e.node.name).length;
    if (siblings > 0 && p.affinity!.required) continue;
    const free = (cpu / a.cpuMilli + mem / a.memoryMb) / 2;
    const score = (scoring === "MostAllocated" ? 1 - free : free) - siblings;
    if (best === undefined || score > best.score) best = { name: e.node.name, score };
  }
  return best?.name;
}

describe("the ready index", () => {
  it("a GPU pod fits only a node with free GPUs; a pod larger than every node fits nowhere", () => {
    const { c, alloc } = bareCluster([{ cpuMilli: 8000, memoryMb: 16000, gpus: 0 }, { cpuMilli: 4000, memoryMb: 8000, gpus: 1 }]);
    const index = readyIndex({} as never, c, (_ctx, f) => alloc.get(f)!);
    expect(bestEntry({} as never, c, index, pod(1, 100, 100, 1), "LeastAllocated")?.node.name).toBe("n1");
    expect(bestEntry({} as never, c, index, pod(2, 100, 100, 2), "LeastAllocated")).toBeUndefined();
    expect(bestEntry({} as never, c, index, pod(3, 9000, 100, 0), "LeastAllocated")).toBeUndefined();
  });

  it("after any binds and unbinds the index chooses what a scan of every node chooses", () => {
    const shape = fc.record({ cpuMilli: fc.integer({ min: 1000, max: 8000 }), memoryMb: fc.integer({ min: 1000, max: 16000 }), gpus: fc.integer({ min: 0, max: 2 }) });
    const op = fc.record({ cpuMilli: fc.integer({ min: 1, max: 3000 }), memoryMb: fc.integer({ min: 1, max: 6000 }), gpus: fc.integer({ min: 0, max: 1 }), unbind: fc.nat(4), affinity: fc.nat(2) });
    fc.assert(
      fc.property(fc.array(shape, { minLength: 1, maxLength: 8 }), fc.array(op, { maxLength: 40 }), fc.constantFrom<PodScoring>("LeastAllocated", "MostAllocated"), (nodes, ops, scoring) => {
        const { c, alloc } = bareCluster(nodes);
        const index = readyIndex({} as never, c, (_ctx, f) => alloc.get(f)!);
        const bound: PodRecord[] = [];
        // Pods with no anti-affinity, a required one (by node) and a preferred one.
        const groups = [undefined, group("db", true), group("web", false)];
        ops.forEach((o, i) => {
          if (o.unbind === 0 && bound.length > 0) return unbindPod(c, bound.shift()!);
          const p = pod(i, o.cpuMilli, o.memoryMb, o.gpus, groups[o.affinity]);
          const want = bruteForce(index, p, scoring, bound);
          const got = bestEntry({} as never, c, index, p, scoring);
          expect(got?.node.name).toBe(want);
          if (got !== undefined) {
            bindPod({} as never, c, p, got);
            bound.push(p);
          }
        });
        // The groups' counts are their bound pods'.
        for (const g of groups.slice(1)) {
          const counts = new Map<string, number>();
          for (const q of bound) if (q.affinity === g) counts.set(q.node!, (counts.get(q.node!) ?? 0) + 1);
          expect(new Map([...g!.domains].sort())).toEqual(new Map([...counts].sort()));
        }
        // Order: free CPU, most first, ties by name; positions recorded.
        index.forEach((e, i) => expect(e.pos).toBe(i));
        for (let i = 1; i < index.length; i++) {
          const [a, b] = [index[i - 1]!, index[i]!];
          expect(a.allocatable.cpuMilli - a.use.cpuMilli >= b.allocatable.cpuMilli - b.use.cpuMilli).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("LeastAllocated: a later node (less free CPU, more free memory) that ties the best score wins by name; the early exit still scores it", () => {
    const { c, alloc } = bareCluster([{ cpuMilli: 2000, memoryMb: 2000, gpus: 0 }, { cpuMilli: 2000, memoryMb: 2000, gpus: 0 }]);
    const index = readyIndex({} as never, c, (_ctx, f) => alloc.get(f)!);
    const at = (name: string): ReadyEntry => index.find((e) => e.node.name === name)!;
    bindPod({} as never, c, pod(1, 1000, 0, 0), at("n0"));
    bindPod({} as never, c, pod(2, 0, 1000, 0), at("n1"));
    // n1 first in the index (more free CPU); n0's score is equal ((999 + 1999) / 2000 / 2 either way) and its name smaller.
    expect(index.map((e) => e.node.name)).toEqual(["n1", "n0"]);
    expect(bestEntry({} as never, c, index, pod(3, 1, 1, 0), "LeastAllocated")?.node.name).toBe("n0");
  });

  it("alike nodes and pods (ties everywhere): LeastAllocated's early exit chooses what the full scan chooses, and its bounds hold", () => {
    const op = fc.record({ size: fc.nat(2), unbind: fc.nat(2) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.nat(1), fc.array(op, { maxLength: 80 }), (count, mixed, ops) => {
        // Every node alike, or every other one larger (the bound's smallest allocatable matters then).
        const { c, alloc } = bareCluster(Array.from({ length: count }, (_, i) => (mixed === 1 && i % 2 === 1 ? { cpuMilli: 7900, memoryMb: 15872, gpus: 0 } : { cpuMilli: 3900, memoryMb: 7680, gpus: 0 })));
        const index = readyIndex({} as never, c, (_ctx, f) => alloc.get(f)!);
        const bound: PodRecord[] = [];
        const sizes = [{ cpu: 500, mem: 1024 }, { cpu: 250, mem: 2048 }, { cpu: 1000, mem: 512 }];
        ops.forEach((o, i) => {
          if (o.unbind === 0 && bound.length > 0) unbindPod(c, bound.splice(i % bound.length, 1)[0]!);
          else {
            const p = pod(i, sizes[o.size]!.cpu, sizes[o.size]!.mem, 0);
            const got = bestEntry({} as never, c, index, p, "LeastAllocated");
            expect(got?.node.name).toBe(bruteForce(index, p, "LeastAllocated", bound));
            if (got !== undefined) {
              bindPod({} as never, c, p, got);
              bound.push(p);
            }
          }
          // Known bounds are exact: the most free memory of any entry, and how many hold it.
          const b = c.readyBounds!;
          const frees = index.map((e) => e.allocatable.memoryMb - e.use.memoryMb);
          if (b.exact) expect([b.maxFreeMemoryMb, b.atMax]).toEqual([Math.max(...frees), frees.filter((f) => f === Math.max(...frees)).length]);
          // The index stays ordered by free CPU (most first), ties by name, its positions recorded.
          const key = (e: ReadyEntry): [number, string] => [e.allocatable.cpuMilli - e.use.cpuMilli, e.node.name];
          expect(index.map((e) => e.pos)).toEqual(index.map((_, j) => j));
          expect(index.map(key)).toEqual([...index].map(key).sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? -1 : 1)));
        });
      }),
      { numRuns: 150 },
    );
  });
});
