/**
 * `clusters:` at load time: a good section resolves (defaults filled in), and every bad input the
 * issue names (unknown pools, flavours, images; min > max; an even control plane; maxSurge =
 * maxUnavailable = 0) is reported with file:line:column and the field's path, all at once.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";

function load(extra: string) {
  const text = TINY_SCENARIO.replace("output:", `${extra}\noutput:`);
  return loadScenario(memoryReader({ "s.yaml": text, "model.yaml": TINY_MODEL }), "s.yaml", () => undefined);
}

const cluster = (cp: string, pool: string, actions = ""): string =>
  [
    "clusters:",
    "  images: [{ id: k8s }]",
    "  definitions:",
    "    - id: c1",
    "      tenant: t1",
    "      kubernetesVersion: 1.29.3",
    "      image: k8s",
    `      controlPlane: ${cp}`,
    "      pools:",
    `        - ${pool}`,
    actions,
  ].join("\n");

const GOOD_CP = "{ replicas: 3, flavour: small, zones: [az1, az2] }";
const GOOD_POOL = "{ name: w, flavour: small, min: 1, max: 4, replicas: 2 }";

describe("clusters: good input", () => {
  it("resolves with the defaults (anti-affinity, rollback, maxSurge 1, maxUnavailable 0, 5 min unhealthy timeout)", () => {
    const r = load(cluster(GOOD_CP, GOOD_POOL, "  actions:\n    - { at: 1h, cluster: c1, op: scale, pool: w, replicas: 4 }"));
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const c = r.value.clusters!;
    expect(c.clusters[0]!.spec).toMatchObject({ id: "c1", subnetCidr: "10.0.0.0/16", onPartialFailure: "rollback", controlPlane: { policy: "anti-affinity", zones: ["az1", "az2"] } });
    expect(c.clusters[0]!.spec.pools[0]).toMatchObject({ maxSurge: 1, maxUnavailable: 0 });
    expect(c.settings.unhealthyTimeoutMs).toBe(300_000);
    expect(c.actions).toEqual([{ atMs: 3_600_000, clusterId: "c1", op: "scale", pool: "w", replicas: 4 }]);
  });

  it("passes the etcd and pool volume sizes through; absent means none", () => {
    const r = load(cluster("{ replicas: 3, flavour: small, etcdVolumeGb: 20 }", "{ name: w, flavour: small, min: 1, max: 4, replicas: 2, volumeGb: 100 }"));
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const spec = r.value.clusters!.clusters[0]!.spec;
    expect(spec.controlPlane.etcdVolumeGb).toBe(20);
    expect(spec.pools[0]!.volumeGb).toBe(100);
    const plain = load(cluster(GOOD_CP, GOOD_POOL));
    expect(plain.ok && [plain.value.clusters!.clusters[0]!.spec.controlPlane.etcdVolumeGb, plain.value.clusters!.clusters[0]!.spec.pools[0]!.volumeGb]).toEqual([undefined, undefined]);
  });

  it("leaves a scenario without clusters as it was (no clusters key in its RunSpec)", () => {
    const r = load("");
    expect(r.ok && !("clusters" in r.value)).toBe(true);
  });
});

describe("clusters: bad input is reported with positions (exit 2)", () => {
  it("even control plane, unknown flavour and zone, min > max, maxSurge = maxUnavailable = 0", () => {
    const r = load(cluster("{ replicas: 2, flavour: tiny, zones: [az9] }", "{ name: w, flavour: small, min: 3, max: 2, replicas: 2, maxSurge: 0 }"));
    expect(r.ok ? [] : r.issues.map(formatInputIssue)).toEqual([
      expect.stringMatching(/^s\.yaml:\d+:\d+: clusters\.definitions\.0\.controlPlane\.replicas: a control plane has 1, 3 or 5 members/),
      expect.stringMatching(/^s\.yaml:\d+:\d+: clusters\.definitions\.0\.controlPlane\.flavour: unknown flavour tiny \(flavours: big, small\)$/),
      expect.stringMatching(/^s\.yaml:\d+:\d+: clusters\.definitions\.0\.controlPlane\.zones\.0: unknown zone az9 \(zones: az1, az2\)$/),
      expect.stringMatching(/^s\.yaml:\d+:\d+: clusters\.definitions\.0\.pools\.0\.min: min \(3\) is above max \(2\)$/),
      expect.stringMatching(/^s\.yaml:\d+:\d+: clusters\.definitions\.0\.pools\.0\.maxSurge: maxSurge and maxUnavailable are both 0/),
    ]);
  });

  it("unknown image, tenant, cluster and pool in actions, replicas out of bounds, an upgrade without its image", () => {
    const actions = [
      "  actions:",
      "    - { at: 1h, cluster: c1, op: scale, pool: gpu, replicas: 2 }",
      "    - { at: 1h, cluster: c1, op: scale, pool: w, replicas: 9 }",
      "    - { at: 2h, cluster: c9, op: delete }",
      "    - { at: 2h, cluster: c1, op: upgrade, kubernetesVersion: '1.30' }",
      "    - { at: 2h, cluster: c1, op: upgrade, kubernetesVersion: '1.30', image: k8s-2 }",
    ].join("\n");
    const r = load(cluster(GOOD_CP, GOOD_POOL, actions).replace("image: k8s", "image: k8s-old").replace("tenant: t1", "tenant: t7"));
    const lines = r.ok ? [] : r.issues.map(formatInputIssue).map((l) => l.replace(/^s\.yaml:\d+:\d+: /, ""));
    expect(lines).toEqual([
      "clusters.definitions.0.tenant: unknown tenant t7 (tenants: t1)",
      "clusters.definitions.0.image: unknown image k8s-old (clusters.images: k8s)",
      "clusters.actions.0.pool: cluster c1 has no pool gpu (pools: w)",
      "clusters.actions.1.replicas: pool w scales within [min, max] = [1, 4]; got 9",
      "clusters.actions.2.cluster: unknown cluster c9 (clusters: c1)",
      "clusters.actions.3: an upgrade needs image (the new node image)",
      "clusters.actions.4.image: unknown image k8s-2 (clusters.images: k8s)",
    ]);
  });
});

describe("clusters: upgrades and volumes at load time", () => {
  it("an upgrade naming an unknown pool or flavour, an upgrade whose new flavour no pod fits, a volume no zone could hold: reported with positions", () => {
    const pool = "{ name: w, flavour: big, min: 1, max: 4, replicas: 2, volumeGb: 200000 }\n      deployments:\n        - { name: web, replicas: 2, cpuMilli: 2000, memoryMb: 1024 }";
    const actions = [
      "  actions:",
      "    - { at: 1h, cluster: c1, op: upgrade, kubernetesVersion: '1.30', image: k8s, flavours: { gpu: big, w: huge } }",
      "    - { at: 2h, cluster: c1, op: upgrade, kubernetesVersion: '1.30', image: k8s, flavours: { w: small } }",
    ].join("\n");
    const r = load(cluster("{ replicas: 3, flavour: small, etcdVolumeGb: 100001 }", pool, actions));
    const lines = r.ok ? [] : r.issues.map(formatInputIssue);
    expect(lines.every((l) => /^s\.yaml:\d+:\d+: /.test(l))).toBe(true);
    expect(lines.map((l) => l.replace(/^s\.yaml:\d+:\d+: /, ""))).toEqual([
      "clusters.definitions.0.controlPlane.etcdVolumeGb: a 100001 GB volume exceeds a zone's storage (100000 GB): no node could ever get one",
      "clusters.definitions.0.pools.0.volumeGb: a 200000 GB volume exceeds a zone's storage (100000 GB): no node could ever get one",
      "clusters.actions.0.flavours.gpu: cluster c1 has no pool gpu",
      "clusters.actions.0.flavours.w: unknown flavour huge (flavours: big, small)",
      "clusters.actions.1.flavours: after this upgrade a pod of web (2000m CPU, 1024 MiB) exceeds the allocatable of every node flavour it may run on (flavour minus system-reserved 100m, 512 MiB)",
    ]);
  });
});

describe("clusters: pods at load time", () => {
  it("pods larger than every node flavour they may run on, an unknown pool or deployment: reported with positions", () => {
    const pool = "{ name: w, flavour: small, min: 1, max: 4, replicas: 2, autoscale: true }\n      deployments:\n        - { name: big, replicas: 1, cpuMilli: 4000, memoryMb: 512 }\n        - { name: pinned, replicas: 1, cpuMilli: 100, memoryMb: 100, pool: gpu }";
    const r = load(cluster(GOOD_CP, pool, "  actions:\n    - { at: 1h, cluster: c1, op: deploy, deployment: nope, replicas: 3 }"));
    const lines = r.ok ? [] : r.issues.map(formatInputIssue).map((l) => l.replace(/^s\.yaml:\d+:\d+: /, ""));
    expect(lines).toEqual([
      "clusters.definitions.0.deployments.0: a pod of big (4000m CPU, 512 MiB) exceeds the allocatable of every node flavour it may run on (flavour minus system-reserved 100m, 512 MiB)",
      "clusters.definitions.0.deployments.1.pool: cluster c1 has no pool gpu (pools: w)",
      "clusters.actions.0.deployment: cluster c1 has no deployment nope (deployments: big, pinned)",
    ]);
  });

  it("a GPU pod with no GPU pool, replicas beside arrivals, a lifetime without arrivals, deploy on arrivals: reported", () => {
    const pool =
      "{ name: w, flavour: small, min: 1, max: 4, replicas: 2 }\n      deployments:\n        - { name: infer, cpuMilli: 100, memoryMb: 100, gpus: 1, arrivals: { kind: poisson, rate: 60/h } }\n        - { name: jobs, replicas: 1, cpuMilli: 100, memoryMb: 100, arrivals: { kind: poisson, rate: 60/h }, lifetime: 10m }\n        - { name: web, replicas: 1, cpuMilli: 100, memoryMb: 100, lifetime: 10m }";
    const r = load(cluster(GOOD_CP, pool, "  actions:\n    - { at: 1h, cluster: c1, op: deploy, deployment: jobs, replicas: 3 }"));
    const lines = r.ok ? [] : r.issues.map(formatInputIssue).map((l) => l.replace(/^s\.yaml:\d+:\d+: /, ""));
    expect(lines).toEqual([
      "clusters.definitions.0.deployments.0: a pod of infer (100m CPU, 100 MiB, 1 nvidia.com/gpu) exceeds the allocatable of every node flavour it may run on (flavour minus system-reserved 100m, 512 MiB; GPUs of its device profile)",
      "clusters.definitions.0.deployments.1.replicas: a deployment has replicas or arrivals, not both",
      "clusters.definitions.0.deployments.2.lifetime: a lifetime needs arrivals or a trace (replicas live until scaled away)",
      "clusters.actions.0.deployment: deployment jobs of cluster c1 is arrival-driven: its pods come by arrivals, not replicas",
    ]);
  });

  it("anti-affinity resolves (topologyKey short or as the Kubernetes label; hostname by default); more replicas than nodes is no error", () => {
    const pool =
      "{ name: w, flavour: small, min: 1, max: 2, replicas: 2 }\n      deployments:\n        - { name: a, replicas: 9, cpuMilli: 100, memoryMb: 100, antiAffinity: required }\n        - { name: b, replicas: 1, cpuMilli: 100, memoryMb: 100, antiAffinity: required, topologyKey: topology.kubernetes.io/zone }\n        - { name: c, replicas: 1, cpuMilli: 100, memoryMb: 100, antiAffinity: preferred, topologyKey: zone }\n        - { name: d, replicas: 1, cpuMilli: 100, memoryMb: 100 }";
    const r = load(cluster(GOOD_CP, pool));
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    expect(r.value.clusters!.clusters[0]!.spec.deployments!.map((d) => [d.name, d.antiAffinity, d.topologyKey])).toEqual([
      ["a", "required", "hostname"],
      ["b", "required", "zone"],
      ["c", "preferred", "zone"],
      ["d", undefined, undefined],
    ]);
  });

  it("an unknown topologyKey, or one without antiAffinity, is reported at its field with its position", () => {
    const bad = load(cluster(GOOD_CP, "{ name: w, flavour: small, min: 1, max: 4, replicas: 2 }\n      deployments:\n        - { name: a, replicas: 2, cpuMilli: 100, memoryMb: 100, antiAffinity: required, topologyKey: rack }"));
    const lines = bad.ok ? [] : bad.issues.map(formatInputIssue);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^s\.yaml:\d+:\d+: clusters\.definitions\.0\.deployments\.0\.topologyKey: .*hostname/);
    const lone = load(cluster(GOOD_CP, "{ name: w, flavour: small, min: 1, max: 4, replicas: 2 }\n      deployments:\n        - { name: a, replicas: 2, cpuMilli: 100, memoryMb: 100, topologyKey: zone }"));
    expect(lone.ok ? [] : lone.issues.map(formatInputIssue).map((l) => l.replace(/^s\.yaml:\d+:\d+: /, ""))).toEqual([
      "clusters.definitions.0.deployments.0.topologyKey: a topologyKey needs antiAffinity (required or preferred)",
    ]);
  });
});
