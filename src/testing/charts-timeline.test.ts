/**
 * Issue 16 items 5 and 6: the time series covers every class in use (PCPU, accelerators per type and
 * device profile) and rejections; the binding resource is named (GPU on a GPU-bound site, VCPU on a
 * CPU-bound one) and its chart comes first; every time chart runs from 0 to the horizon with the
 * warm-up shaded and a marker per fault, storm and maintenance window.
 */
import { describe, expect, it } from "vitest";
import { loadChartKit, renderRunFiles, runHtml, timeseriesCsv } from "../report/index.js";
import { runScenario } from "../scenario/index.js";
import { TINY_MODEL } from "./fixtures.js";
import { slotModel, specFrom } from "./scenario-files.js";
import { xmlWellFormedProblems } from "./xml-well-formed.js";

const kit = await loadChartKit();

/** Two GPU hosts (2 handles each, one with dedicated CPUs), flavours asking 1 GPU handle, pinned CPUs, or neither. */
const GPU_MODEL = `kind: InfrastructureModel
name: gpus
profiles:
  - id: g
    cpu: { sockets: 1, coresPerSocket: 32, dedicated: 8 }
    memoryMb: 262144
    diskGb: 2000
    accelerators:
      - { name: gpu, type: GPU, vendor: nvidia, model: a16, functions: [inference], handles: 2, handleType: MDEV }
zones:
  - id: az1
    racks: [{ id: r1, hosts: [{ profile: g, count: 2 }] }]
deviceProfiles:
  - { id: gpu-1, groups: [{ type: GPU, function: inference }] }
flavours:
  - { id: gpu, vcpus: 1, ramMb: 1024, diskGb: 10, extraSpecs: { "accel:device_profile": gpu-1 } }
  - { id: pinned, vcpus: 1, ramMb: 1024, diskGb: 10, extraSpecs: { "hw:cpu_policy": dedicated } }
  - { id: plain, vcpus: 1, ramMb: 1024, diskGb: 10 }
tenants:
  - { id: t }
`;

const gpuScenario = (rate: string) => `kind: Scenario
name: gpu-bound
model: model.yaml
seed: 3
stop: { horizon: 4h }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: ${rate} }
      flavours: { gpu: 2, pinned: 1, plain: 1 }
      lifetime: { kind: exponential, mean: 1h }
      bootTime: 10s
output: { samplePeriod: 30m }
`;

const cpuScenario = `kind: Scenario
name: cpu-bound
model: model.yaml
seed: 5
stop: { horizon: 3h }
workload:
  streams:
    - { tenant: t, arrivals: { kind: poisson, rate: 60/h }, flavours: { one: 1 }, lifetime: { kind: exponential, mean: 1h }, bootTime: 10s }
output: { samplePeriod: 30m }
`;

/** The tiny model with a warm-up, a storm of the three az1 hosts and a maintenance window of az2, to 5h30m. */
const markedScenario = `kind: Scenario
name: marked
model: model.yaml
seed: 9
stop: { horizon: 5h30m }
warmup: { duration: 1h }
workload:
  streams:
    - { tenant: t1, arrivals: { kind: poisson, rate: 20/h }, flavours: { small: 1 }, lifetime: { kind: exponential, mean: 1h }, bootTime: 30s }
faults:
  storms:
    - { at: 2h, domain: host, zone: az1, within: 10m, timeToRepair: 30m }
  maintenance:
    - { at: 4h, duration: 1h, zone: az2 }
output: { samplePeriod: 1h }
`;

/** The SVG elements of a page. */
const svgs = (html: string): string[] => [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]);
const label = (svg: string): string => /aria-label="([^"]*)"/.exec(svg)?.[1] ?? "";

describe("time series and binding resource", () => {
  it("a GPU-bound site: the CSV has PCPU, GPU, GPU/profile and rejection columns, and GPU binds and is charted first", () => {
    const result = runScenario(specFrom(gpuScenario("30/h"), GPU_MODEL));
    const [header, ...rows] = timeseriesCsv(result.timeseries).trimEnd().split("\n");
    const columns = header!.split(",");
    expect(columns.slice(0, 4)).toEqual(["timeMs", "zone", "serversAlive", "rejectedRequests"]);
    for (const c of ["PCPU_used", "PCPU_capacity", "GPU_used", "GPU_capacity", "GPU_utilisation", "GPU/gpu-1_used", "GPU/gpu-1_capacity"]) expect(columns).toContain(c);
    // Classes the model lacks get no columns.
    expect(columns.filter((c) => /^(FPGA|NIC|SSD)_/.test(c))).toEqual([]);
    const site = rows.map((r) => r.split(",")).filter((r) => r[1] === "all");
    const rejected = site.reduce((n, r) => n + Number(r[3]), 0);
    expect(rejected).toBe(result.summary.requests.rejectedRequests.count);
    expect(Math.max(...site.map((r) => Number(r[columns.indexOf("GPU_used")])))).toBeGreaterThan(0);
    expect(Math.max(...site.map((r) => Number(r[columns.indexOf("PCPU_used")])))).toBeGreaterThan(0);
    expect(result.summary.bindingResource).toMatchObject({ class: "GPU", rule: "rejections" });
    const html = runHtml(result, kit);
    expect(svgs(html).map(label).filter((l) => l.startsWith("Utilisation"))[0]).toBe("Utilisation of GPU (binding resource) per zone");
    expect(html).toMatch(/<p class="binding">Binding resource: GPU \(named in \d+ of \d+ rejected requests\)<\/p>/);
    expect(renderRunFiles(result, kit).get("report.md")).toMatch(/\| \d+ \| \d+ \| \d+ \| [\d.]+ % \|\n\nBinding resource: GPU \(named in/);
  });

  it("a lightly loaded GPU site: no rejections, so the highest exact peak binds (the GPU, 2 of 4 handles)", () => {
    const result = runScenario(specFrom(gpuScenario("1/h"), GPU_MODEL));
    expect(result.summary.requests.rejectedRequests.count).toBe(0);
    const b = result.summary.bindingResource!;
    expect(b.rule).toBe("peak utilisation");
    expect(b.class).toBe("GPU");
    expect(b.reason).toBe(`peak utilisation ${(result.summary.accelerators!.utilisation["all"]!["GPU"]!.peakUtilisation * 100).toFixed(2)} %`);
  });

  it("a CPU-bound site names VCPU; a model without PCPU or accelerators has no columns for them", () => {
    const result = runScenario(specFrom(cpuScenario, slotModel(2, 8)));
    expect(result.summary.bindingResource).toMatchObject({ class: "VCPU", rule: "rejections" });
    const header = timeseriesCsv(result.timeseries).split("\n")[0]!;
    expect(header).not.toContain("PCPU");
    expect(header).toContain("VCPU_utilisation");
  });
});

describe("time charts", () => {
  const result = runScenario(specFrom(markedScenario, TINY_MODEL));
  const html = runHtml(result, kit);
  const timeCharts = svgs(html).filter((s) => s.includes("simulated time (h)"));

  it("the timeline holds the warm-up, a fault per storm victim, the storm and the maintenance window", () => {
    const t = result.timeline;
    expect(t.horizonMs).toBe(5.5 * 3_600_000);
    expect(t.warmupEndMs).toBe(3_600_000);
    expect(t.marks.filter((m) => m.kind === "fault").map((m) => m.label)).toEqual(expect.arrayContaining(["host az1-r1-h001 (storm 1)", "host az1-r1-h002 (storm 1)", "host az1-r1-h003 (storm 1)"]));
    expect(t.marks.map((m) => m.kind).sort()).toEqual(["fault", "fault", "fault", "maintenance", "storm"]);
    expect(t.marks.find((m) => m.kind === "maintenance")).toMatchObject({ startMs: 4 * 3_600_000, endMs: 5 * 3_600_000 });
  });

  it("every time chart ends at the horizon, shades the warm-up and marks each fault, the storm and the maintenance", () => {
    expect(timeCharts.map(label)).toEqual(expect.arrayContaining(["Servers alive", "Rejected requests per sample period", "Hosts down (capacity lost)"]));
    // Inner width 720 − 64 − 170 = 486 px for 5.5 h: the last tick is 5.5 h at the right edge (a nice axis would end at 6 h).
    for (const svg of timeCharts) {
      expect(xmlWellFormedProblems(svg), label(svg)).toEqual([]);
      const ticks = [...svg.matchAll(/<text class="tick" x="([\d.]+)" y="[\d.]+" text-anchor="middle">([\d.]+)<\/text>/g)].map((m) => [m[2], m[1]]);
      expect(ticks.at(-1), label(svg)).toEqual(["5.5", "486"]);
      expect(svg).toMatch(/<rect class="warmup" x="0" y="0" width="88.4"/);
      expect(svg.match(/class="marker marker-fault"/g)?.length, label(svg)).toBe(3);
      expect(svg.match(/class="marker marker-storm"/g)?.length).toBe(1);
      expect(svg.match(/class="marker marker-maintenance"/g)?.length).toBe(1);
    }
  });

  it("charts the same bytes on a second run", () => {
    expect(runHtml(runScenario(specFrom(markedScenario, TINY_MODEL)), kit)).toBe(html);
  });
});
