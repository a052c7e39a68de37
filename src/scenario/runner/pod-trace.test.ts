/**
 * Pods from a container trace (Alibaba container_meta.csv as a deployment's pods): each container's
 * first row is one pod of its own requests at the cluster's creation + time × timeScale, app_du
 * filtered; through a run the cluster counts them; a bad row is refused before the run at file:line.
 */
import { describe, expect, it } from "vitest";
import { memoryLines, textLineSource } from "../../ingest/index.js";
import { createStreams, Simulation } from "../../kernel/index.js";
import { ok } from "../../domain/index.js";
import type { PodRecord, PodSize } from "../../ccm/index.js";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { specFrom } from "../../testing/scenario-files.js";
import { checkTraces } from "../load/check-traces.js";
import type { PodTraceSpec } from "../resolve/pod-traces.js";
import { runScenario } from "./runner.js";
import { PodTraceReplay } from "./pod-trace.js";

// container_id, machine_id, time_stamp, app_du, status, cpu_request (1/100 core), cpu_limit, mem_size (% of 100 GB)
const TRACE = [
  "c1,m_1,0,app1,started,50,100,1.5",
  "c1,m_1,10,app1,running,50,100,1.5",
  "c2,m_2,30,app2,started,200,200,3",
  "c3,m_1,45,app1,started,120,100,0.5",
  "c4,m_3,100000,app1,started,100,100,1",
].join("\n");

const spec = (over: Partial<PodTraceSpec> = {}): PodTraceSpec => ({
  deployment: "web", file: "pods.csv", display: "pods.csv", at: { file: "s.yaml", line: 1, column: 1, path: "" }, format: "alibaba", machineRamGb: 100, machine: undefined,
  fromS: 0, toS: undefined, aliveAtStart: false, tenants: undefined, skipBadRows: false, timeScale: 1, lifetime: undefined, ...over,
});

/** The pods a replay hands the CCM: [time ms, deployment, cpuMilli, memoryMb]. */
function replay(s: PodTraceSpec, atMs: number, horizonMs: number | undefined): Array<[number, string, number, number]> {
  const sim = new Simulation();
  const got: Array<[number, string, number, number]> = [];
  const sink = {
    arrive: (_c: string, d: string, size: PodSize) => {
      got.push([sim.nowMs, d, size.cpuMilli, size.memoryMb]);
      return ok({ no: got.length } as unknown as PodRecord);
    },
    depart: () => undefined,
  };
  new PodTraceReplay(sim, createStreams(1), sink, "c1", atMs, s, textLineSource(TRACE), horizonMs, () => undefined).start();
  sim.run();
  return got;
}

describe("pods from a container trace", () => {
  it("makes one pod per container at the cluster's creation + time × timeScale, with the row's requests", () => {
    expect(replay(spec(), 60_000, 3_600_000)).toEqual([
      [60_000, "web", 500, 1536],
      [90_000, "web", 2000, 3072],
      [105_000, "web", 1200, 512],
    ]);
    expect(replay(spec({ tenants: ["app1"], timeScale: 2 }), 0, undefined)).toEqual([
      [0, "web", 500, 1536],
      [90_000, "web", 1200, 512],
      [200_000_000, "web", 1000, 1024],
    ]);
  });

  const scenario = (trace: string) =>
    TINY_SCENARIO.replace(/workload:[\s\S]*?output:/, `workload: {}\nclusters:
  images: [{ id: k8s }]
  definitions:
    - id: k1
      tenant: t1
      kubernetesVersion: 1.29.3
      image: k8s
      at: 1m
      controlPlane: { replicas: 1, flavour: big }
      pools: [{ name: w, flavour: big, min: 1, max: 2, replicas: 1 }]
      deployments:
        - { name: web, trace: { file: pods.csv, format: alibaba, ${trace} } }
output:`);

  it("runs them in the cluster: every container of the app arrives as a pod", () => {
    const s = specFrom(scenario("appDu: app1"), TINY_MODEL);
    const openTrace = memoryLines({ "pods.csv": TRACE });
    expect(checkTraces(s, openTrace)).toEqual([]);
    const r = runScenario(s, { openTrace });
    const c = r.summary.clusters?.["k1"] as { pods?: { arrived: number } } | undefined;
    // c4 (at 100,000 s) is past the 6 h horizon.
    expect(c?.pods?.arrived).toBe(2);
  });

  it("refuses a bad row of a pod trace before the run, at its file:line", () => {
    const s = specFrom(scenario("machineRamGb: 64"), TINY_MODEL);
    const issues = checkTraces(s, memoryLines({ "pods.csv": `${TRACE}\nc9,m_1,50,app1,started,abc,1,1\n` }));
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual(['pods.csv:6: cpu_request is not a positive number (1/100 core): "abc"']);
  });
});

describe("trace-driven deployments at load time", () => {
  const load = (deployment: string) => {
    try {
      specFrom(
        TINY_SCENARIO.replace(/workload:[\s\S]*?output:/, `workload: {}\nclusters:\n  images: [{ id: k8s }]\n  definitions:\n    - id: k1\n      tenant: t1\n      kubernetesVersion: 1.29.3\n      image: k8s\n      controlPlane: { replicas: 1, flavour: big }\n      pools: [{ name: w, flavour: big, min: 1, max: 2, replicas: 1 }]\n      deployments:\n        - ${deployment}\noutput:`),
        TINY_MODEL,
      );
      return [];
    } catch (e) {
      return (e as Error).message.split("\n").map((l) => l.replace(/^s\.yaml:\d+:\d+: /, ""));
    }
  };
  it("a trace beside arrivals or replicas, and a deployment without requests or a trace, are reported", () => {
    expect(load("{ name: web, replicas: 2, trace: { file: p.csv, format: alibaba } }")).toEqual(["clusters.definitions.0.deployments.0.replicas: a deployment has a trace or replicas, not both"]);
    expect(load("{ name: web, cpuMilli: 100 }")).toEqual(["clusters.definitions.0.deployments.0.memoryMb: memoryMb is required (unless the deployment's pods come from a trace)"]);
    expect(load("{ name: web, lifetime: 1h, trace: { file: p.csv, format: alibaba, timeScale: 0.5 } }")).toEqual([]);
  });
});
