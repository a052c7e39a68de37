/**
 * Bad accelerator input in model and scenario files: every problem with file:line:column and field
 * path (exit 2 at the CLI), and the good model decodes to hosts with devices and flavours with profiles.
 */
import { describe, expect, it } from "vitest";
import { formatInputIssue } from "./input-issue.js";
import { loadModel, loadScenario } from "./load-scenario.js";
import { memoryReader } from "./source-reader.js";

const MODEL = `kind: InfrastructureModel
name: m
profiles:
  - id: p
    cpu: { sockets: 1, coresPerSocket: 8 }
    memoryMb: 65536
    diskGb: 500
    accelerators:
      - { name: fpga, count: 2, type: FPGA, vendor: intel, model: n3000, handles: 1, image: ipsec }
zones:
  - id: z
    racks: [{ id: r1, hosts: [{ profile: p, count: 2 }] }]
accImages:
  - { id: ipsec, type: FPGA, functions: [crypto], onloadTime: 30s }
deviceProfiles:
  - { id: dp, groups: [{ type: FPGA, function: crypto }] }
flavours:
  - { id: f, vcpus: 2, ramMb: 2048, diskGb: 10, extraSpecs: { "accel:device_profile": dp } }
tenants:
  - id: t
`;

function modelErrors(model: string): string[] {
  const result = loadModel(memoryReader({ "model.yaml": model }), "model.yaml");
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

function scenarioErrors(accelerators: string, model = MODEL): string[] {
  const scenario = `kind: Scenario
name: s
model: model.yaml
stop: { horizon: 1h }
workload:
  requests: [{ at: 0s, tenant: t, flavour: f }]
accelerators:
${accelerators}`;
  const result = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", () => undefined);
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

describe("accelerators in model files", () => {
  it("decodes devices (count expanded), images and device profiles", () => {
    const loaded = loadModel(memoryReader({ "model.yaml": MODEL }), "model.yaml");
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const host = loaded.value.hosts[0]!;
    expect(host.accelerators?.map((d) => [d.name, d.imageId, d.functions])).toEqual([["fpga0", "ipsec", ["crypto"]], ["fpga1", "ipsec", ["crypto"]]]);
    expect(loaded.value.flavours.get("f")?.deviceProfile).toEqual({ name: "dp", groups: [{ type: "FPGA", function: "crypto", count: 1 }] });
  });

  it("an unknown accelerator type is a decode error at the field", () => {
    const errors = modelErrors(MODEL.replace("groups: [{ type: FPGA, function: crypto }]", "groups: [{ type: TPU, function: crypto }]"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^model\.yaml:16:32: deviceProfiles\.0\.groups\.0\.type: /);
  });

  it("a device profile asking for an unknown image, a type no host has, or a function nobody offers", () => {
    const model = MODEL.replace("  - { id: dp, groups: [{ type: FPGA, function: crypto }] }", "  - { id: dp, groups: [{ type: FPGA, image: fec }, { type: GPU }, { type: FPGA, function: fec }] }");
    expect(modelErrors(model)).toEqual([
      'model.yaml:16:45: deviceProfiles.0.groups.0.image: unknown accelerator image "fec"; images: ipsec',
      "model.yaml:16:60: deviceProfiles.0.groups.1.type: no host profile has a GPU accelerator",
      'model.yaml:16:91: deviceProfiles.0.groups.2.function: no FPGA device or image offers function "fec"',
    ]);
  });

  it("a flavour naming an unknown device profile, a device with an unknown image, an unknown field", () => {
    const model = MODEL.replace('"accel:device_profile": dp', '"accel:device_profile": nope').replace("image: ipsec }", "image: fec, sriov: 4 }");
    const errors = modelErrors(model);
    expect(errors).toEqual(['model.yaml:9:98: profiles.0.accelerators.0.sriov: unknown field "sriov"']);
    expect(modelErrors(MODEL.replace('"accel:device_profile": dp', '"accel:device_profile": nope'))).toEqual([
      'model.yaml:18:87: flavours.0.extraSpecs.accel:device_profile: unknown device profile "nope"; device profiles: dp',
    ]);
  });
});

describe("the accelerators section of a scenario", () => {
  it("accepts onloads, faults and offload traffic", () => {
    expect(scenarioErrors("  onload: [{ at: 10m, image: ipsec }]\n  faults: [{ at: 5m, device: z-r1-h001/fpga0, repairAfter: 10m }]\n  offload: [{ function: crypto, rate: 10/s, serviceTime: 20ms }]\n")).toEqual([]);
  });

  it("reports an unknown image, device and function with positions", () => {
    expect(scenarioErrors("  onload: [{ at: 10m, image: fec }]\n  faults: [{ at: 5m, device: z-r1-h009/fpga0 }]\n  offload: [{ function: fec, rate: 10/s, serviceTime: 20ms }]\n")).toEqual([
      's.yaml:8:30: accelerators.onload.0.image: unknown accelerator image "fec"; images: ipsec',
      's.yaml:9:30: accelerators.faults.0.device: unknown accelerator "z-r1-h009/fpga0" (write <host>/<device name>)',
      's.yaml:10:25: accelerators.offload.0.function: no accelerator or image offers function "fec"; functions: crypto',
    ]);
  });

  it("refuses offload traffic of more than 100,000,000 requests per run (issue 15)", () => {
    expect(scenarioErrors("  offload: [{ function: crypto, rate: 100000/s, serviceTime: 20ms }]\n")).toEqual([
      "s.yaml:8:39: accelerators.offload.0.rate: up to 1,440,000,000 offload requests (rate × 4 handles × 1h); at most 100,000,000 per run",
    ]);
  });
});
