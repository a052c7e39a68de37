/**
 * The OpenStack import over the shipped answers of a real Placement 8.0 (testdata/placement, copied
 * from the recorded samples), Nova answers in the api_samples shapes (testdata/nova) and a nova.conf.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importOpenStack, isImportOutput, withNovaProjects, type ImportOutput } from "./import-site.js";
import { readNovaAnswers, type NovaSite } from "./nova-answers.js";
import { cpuSetSize, parseNovaConf } from "./nova-conf.js";
import { ASSOCIATED_TRAITS_PATH, listedConsumers, providerPath, providersWithTraitPath, readPlacementSite, traitAnswersFromListings, usagesAnswerFrom, type PlacementSite } from "./placement-answers.js";

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), "testdata");

/** Recorded answers by request path. */
function recorded(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const file of readdirSync(join(TESTDATA, "placement")).sort()) {
    const doc = JSON.parse(readFileSync(join(TESTDATA, "placement", file), "utf8")) as { request: string; response: unknown };
    out.set(doc.request.replace(/^GET /, ""), doc.response);
  }
  return out;
}

function site(answers = recorded()): PlacementSite {
  const r = readPlacementSite((path) => answers.get(path));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.site;
}

function nova(): NovaSite {
  const dir = join(TESTDATA, "nova");
  const files = readdirSync(dir).sort().map((name) => ({ name, body: JSON.parse(readFileSync(join(dir, name), "utf8")) as unknown }));
  const r = readNovaAnswers(files);
  expect(r.problems).toEqual([]);
  return r.site;
}

const conf = () => parseNovaConf(readFileSync(join(TESTDATA, "nova.conf"), "utf8"));
const full = (): ImportOutput => importOpenStack({ placement: site(), nova: nova(), conf: conf(), name: "sample", sources: ["testdata"], modelRef: "sample.yaml" });
const placementOnly = (): ImportOutput => importOpenStack({ placement: site(), name: "sample", sources: ["testdata"], modelRef: "sample.yaml" });
type Obj = Record<string, unknown>;
const profileOf = (out: ImportOutput, provider: string): Obj => {
  const row = out.hosts.find((h) => h.provider === provider)!;
  return (out.model["profiles"] as Obj[]).find((p) => p["id"] === row.profile)!;
};

describe("reading Placement answers", () => {
  it("reads every provider with its parts, roots and nested, sorted by name", () => {
    const s = site();
    expect(s.providers.map((p) => p.name)).toEqual(["az1-cmp01", "az1-cmp01_pci_0000_3b_00_0", "az1-cmp02", "az1-cmp02_fpga_0000_af_00_0", "az1-cmp03", "az2-cmp01", "az2-cmp01_pci_0000_3b_00_0", "az2-cmp02"]);
    expect(s.providers.filter((p) => p.parentUuid !== null)).toHaveLength(3);
    expect(s.providers.find((p) => p.name === "az1-cmp03")!.inventories["PCPU"]).toEqual({ total: 64, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: 64, stepSize: 1 });
    expect(Object.keys(s.consumers)).toEqual(["a0a5d247-ab84-52b1-822f-87e374773fbd"]);
  });

  it("names the missing and the malformed answer by request path, with a kind", () => {
    const answers = recorded();
    const cmp01 = "7e6dc72d-6dbc-50ab-a72a-eaf67acc3064";
    answers.delete(providerPath(cmp01, "traits"));
    answers.set(providerPath(cmp01, "usages"), { usages: { VCPU: -1 } });
    const r = readPlacementSite((path) => answers.get(path));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      { kind: "MISSING_ANSWER", path: `/resource_providers/${cmp01}/traits`, message: "no answer for provider az1-cmp01" },
    ]);
    answers.set(providerPath(cmp01, "traits"), { traits: ["A"] });
    const r2 = readPlacementSite((path) => answers.get(path));
    expect(!r2.ok && r2.problems).toEqual([{ kind: "MALFORMED_ANSWER", path: `/resource_providers/${cmp01}/usages`, message: "usages.VCPU must be a count" }]);
    expect(readPlacementSite(() => undefined)).toEqual({ ok: false, problems: [{ kind: "MISSING_ANSWER", path: "/resource_providers", message: "no answer" }] });
  });

  it("lists the consumers to look up, sorted and once each", () => {
    expect(listedConsumers([{ allocations: { b: {}, a: {} } }, { allocations: { a: {} } }, null])).toEqual(["a", "b"]);
  });
});

describe("mapping a site to a model", () => {
  it("root providers become hosts in their availability zones (Nova aggregates), one rack each", () => {
    const out = full();
    expect(out.hosts.map((h) => [h.provider, h.hostId, h.zone])).toEqual([
      ["az1-cmp01", "az1-az1-cmp01-h001", "az1"],
      ["az1-cmp02", "az1-az1-cmp02-h001", "az1"],
      ["az1-cmp03", "az1-az1-cmp03-h001", "az1"],
      ["az2-cmp01", "az2-az2-cmp01-h001", "az2"],
      ["az2-cmp02", "az2-az2-cmp02-h001", "az2"],
    ]);
    expect((out.model["zones"] as Obj[]).map((z) => z["id"])).toEqual(["az1", "az2"]);
    expect(out.model["aggregates"]).toEqual([
      { id: "az1-hosts", metadata: { availability_zone: "az1" }, racks: ["az1-cmp01", "az1-cmp02", "az1-cmp03"] },
      { id: "az2-hosts", metadata: { availability_zone: "az2" }, racks: ["az2-cmp01", "az2-cmp02"] },
      { id: "hpc", metadata: { pinned: "true" }, racks: ["az1-cmp03"] },
    ]);
  });

  it("without Nova, zones come from the Placement aggregate each host shares most, and the report says so", () => {
    const out = placementOnly();
    expect([...new Set(out.hosts.map((h) => h.zone))]).toEqual(["agg-8597c647", "agg-323b3586"]);
    expect(out.notes.some((n) => n.topic === "zone" && /guessed from Placement aggregates/.test(n.reason))).toBe(true);
  });

  it("inventories become the profile: totals, reserved (memory always written), every ratio, PCPU as dedicated CPUs", () => {
    expect(profileOf(full(), "az1-cmp03")).toMatchObject({
      cpu: { sockets: 1, coresPerSocket: 144, threadsPerCore: 1, dedicated: 64 },
      memoryMb: 524288,
      diskGb: 3840,
      reserved: { MEMORY_MB: 32768, DISK_GB: 100 },
      allocationRatios: { VCPU: 2, MEMORY_MB: 1, DISK_GB: 1 },
      traits: ["CUSTOM_SRIOV_PHYSNET1", "HW_CPU_X86_AVX2", "HW_CPU_X86_AVX512F"],
    });
    expect(profileOf(full(), "az1-cmp03")["units"]).toBeUndefined();
  });

  it("unit rules other than Placement's defaults, a PCPU ratio ≠ 1 and ratio 0 are carried, not refused", () => {
    const answers = recorded();
    const path = providerPath("173e1062-c115-5cca-ae72-8088c70432b3", "inventories");
    const body = structuredClone(answers.get(path)) as { inventories: Record<string, Record<string, number>> };
    body.inventories["PCPU"]!["allocation_ratio"] = 2;
    body.inventories["MEMORY_MB"] = { ...body.inventories["MEMORY_MB"]!, min_unit: 1024, max_unit: 512, step_size: 256 };
    body.inventories["DISK_GB"]!["allocation_ratio"] = 0;
    answers.set(path, body);
    const p = profileOf(importOpenStack({ placement: site(answers), name: "s", sources: [], modelRef: "m.yaml" }), "az1-cmp03");
    expect(p["allocationRatios"]).toEqual({ VCPU: 2, PCPU: 2, MEMORY_MB: 1, DISK_GB: 0 });
    expect(p["units"]).toEqual({ MEMORY_MB: { minUnit: 1024, maxUnit: 512, stepSize: 256 } });
  });

  it("nested providers become devices: VGPU a GPU with mediated devices, a custom FPGA class an FPGA", () => {
    const out = full();
    expect(profileOf(out, "az1-cmp01")["accelerators"]).toEqual([{ name: "pci_0000_3b_00_0", type: "GPU", vendor: "unknown", model: "VGPU", handles: 4, handleType: "MDEV" }]);
    expect(profileOf(out, "az1-cmp02")["accelerators"]).toEqual([{ name: "fpga_0000_af_00_0", type: "FPGA", vendor: "unknown", model: "CUSTOM_FPGA_INTEL_ARRIA10", handles: 2, handleType: "PCI" }]);
    // Identical hosts share a profile: az2-cmp01 has the same inventories and vGPU as az1-cmp01.
    expect(out.hosts.find((h) => h.provider === "az2-cmp01")!.profile).toBe(out.hosts.find((h) => h.provider === "az1-cmp01")!.profile);
  });

  it("COMPUTE_STATUS_DISABLED is no host trait: the host starts disabled (a host event at 0 ms)", () => {
    const out = placementOnly();
    const disabled = out.hosts.filter((h) => h.disabled);
    expect(disabled.map((h) => h.provider)).toEqual(["az2-cmp02"]);
    expect(disabled[0]!.traits).toEqual(["HW_CPU_X86_AVX2"]);
    expect(out.scenario["hostEvents"]).toEqual([{ at: "0ms", hosts: [disabled[0]!.hostId], enabled: false }]);
  });
});

describe("the production state", () => {
  it("every consumer is a server on its host, sorted by uuid, its flavour matched on amounts and devices", () => {
    const out = full();
    expect(out.servers.map((s) => [s.id.slice(0, 8), s.flavour, s.host, s.tenant.slice(0, 8)])).toEqual([
      ["29b675eb", "m1.small", "az2-az2-cmp01-h001", "unknown-"],
      ["5efcb765", "p1.large", "az1-az1-cmp03-h001", "unknown-"],
      ["86579621", "imported-16c-32768m-160g-dp-custom_fpga_intel_arria10-1", "az1-az1-cmp02-h001", "unknown-"],
      ["a0a5d247", "g1.medium", "az1-az1-cmp01-h001", "517bd0fe"],
      ["c4bc7698", "m1.large", "az1-az1-cmp01-h001", "unknown-"],
    ]);
    expect(out.model["deviceProfiles"]).toEqual([
      { id: "dp-vgpu-1", description: "imported: VGPU:1", groups: [{ type: "GPU", count: 1 }] },
      { id: "dp-custom_fpga_intel_arria10-1", description: "imported: CUSTOM_FPGA_INTEL_ARRIA10:1", groups: [{ type: "FPGA", count: 1 }] },
    ]);
    const g1 = (out.model["flavours"] as Obj[]).find((f) => f["id"] === "g1.medium");
    expect(g1).toEqual({ id: "g1.medium", vcpus: 4, ramMb: 8192, diskGb: 40, extraSpecs: { "accel:device_profile": "dp-vgpu-1", "resources:VGPU": "1", "trait:HW_CPU_X86_AVX2": "required" } });
    expect(out.scenario["initialServers"]).toMatchObject({ lifetime: "wholeRun" });
  });

  it("without Nova, flavours are the exact sizes of the allocations", () => {
    const ids = (placementOnly().model["flavours"] as Obj[]).map((f) => f["id"]);
    expect(ids).toEqual(["imported-2c-4096m-20g", "imported-8c-16384m-80g-pinned", "imported-16c-32768m-160g-dp-custom_fpga_intel_arria10-1", "imported-4c-8192m-40g-dp-vgpu-1", "imported-8c-16384m-80g"]);
  });
});

describe("nova.conf and the report", () => {
  it("enabled_filters and weigher multipliers become the policy; what the twin lacks is listed", () => {
    const out = full();
    expect(out.scenario["placement"]).toEqual({
      policy: {
        name: "spread",
        filters: ["host-list", "host-state", "availability-zone", "aggregate-metadata", "capacity", "anti-affinity", "affinity"],
        weighers: [
          { name: "ram", multiplier: 1 },
          { name: "cpu", multiplier: 2 },
          { name: "soft-affinity", multiplier: 1 },
          { name: "soft-anti-affinity", multiplier: 1 },
        ],
      },
    });
    const items = out.notes.filter((n) => n.topic === "nova.conf").map((n) => n.item);
    expect(items).toContain("enabled_filters NUMATopologyFilter");
    expect(items).toContain("filter_scheduler.host_subset_size = 2");
    expect(items).toContain("filter_scheduler.io_ops_weight_multiplier = -1.0");
    expect(items).toContain("scheduler.max_attempts = 3");
    expect(items.some((i) => i.startsWith("database."))).toBe(false);
  });

  it("every input the model cannot carry is in the report's not-mapped table", () => {
    const out = full();
    for (const item of ["hpc host retired-cmp09", "m1.nodisk", "m1.large hw:numa_nodes"]) {
      expect(out.notes.some((n) => n.item === item)).toBe(true);
      expect(out.reportText).toContain(`| ${item} |`);
    }
    expect(out.reportText).toContain(`not mapped: ${out.notes.length}.`);
  });

  it("Nova's server groups are rebuilt around the imported servers; the rest is in the report", () => {
    const WEB = "5bbcc3c4-1da2-4437-a48a-66f15b1b13f9";
    const initial = full().scenario["initialServers"] as { groups: unknown[]; servers: Array<{ id: string; group?: string }> };
    expect(initial.groups).toEqual([{ id: WEB, policy: "anti-affinity" }]);
    expect(initial.servers.filter((s) => s.group !== undefined).map((s) => [s.id, s.group])).toEqual([["29b675eb-b128-5b20-b028-3a1f4de35742", WEB]]);
    const base = nova();
    const groups = [
      { id: "g-packed", name: "packed", policy: "anti-affinity", maxPerHost: 3, members: ["a0a5d247-ab84-52b1-822f-87e374773fbd", "gone-vm"] },
      { id: "g-empty", name: "empty", policy: "affinity", maxPerHost: undefined, members: ["gone-vm"] },
      { id: "g-odd", name: "odd", policy: "weird-policy", maxPerHost: undefined, members: [] },
    ];
    const out = importOpenStack({ placement: site(), nova: { ...base, serverGroups: groups }, conf: conf(), name: "sample", sources: [], modelRef: "sample.yaml" });
    expect((out.scenario["initialServers"] as { groups: unknown[] }).groups).toEqual([{ id: "g-packed", policy: "anti-affinity", maxPerHost: 3 }]);
    expect(out.notes.filter((n) => n.topic.startsWith("server group")).map((n) => n.item)).toEqual(["empty", "odd", "packed: gone-vm"]);
  });

  it("same inputs, same bytes; every file carries the mark the CLI replaces only", () => {
    const a = full();
    const b = full();
    expect([a.modelText, a.scenarioText, a.reportText]).toEqual([b.modelText, b.scenarioText, b.reportText]);
    for (const text of [a.modelText, a.scenarioText, a.reportText]) expect(isImportOutput(text)).toBe(true);
    expect(isImportOutput("kind: InfrastructureModel\n# Written by nfvtwin import openstack.\n")).toBe(false);
  });

  it("reads Nova CPU sets", () => {
    expect(cpuSetSize("0-3,8,^2")).toBe(4);
    expect(cpuSetSize("4-2")).toBeUndefined();
    expect(cpuSetSize("x")).toBeUndefined();
  });
});

describe("the HTTP walk's bulk answers", () => {
  it("usages are the sums of the allocations per inventory class, 0 for a class nothing holds", () => {
    const inventories = { inventories: { VCPU: {}, MEMORY_MB: {}, DISK_GB: {} } };
    const allocations = { allocations: { a: { resources: { VCPU: 2, MEMORY_MB: 512 } }, b: { resources: { VCPU: 4 } } } };
    expect(usagesAnswerFrom(inventories, allocations)).toEqual({ usages: { VCPU: 6, MEMORY_MB: 512, DISK_GB: 0 } });
    expect(usagesAnswerFrom(inventories, { allocations: { a: { resources: { VCPU: -1 } } } })).toBeUndefined();
    expect(usagesAnswerFrom({}, allocations)).toBeUndefined();
  });

  it("traits per provider from the per-trait listings; a malformed listing is named by its path", () => {
    const answers = new Map<string, unknown>([
      [ASSOCIATED_TRAITS_PATH, { traits: ["HW_CPU_X86_AVX2", "CUSTOM_GOLD"] }],
      [providersWithTraitPath("HW_CPU_X86_AVX2"), { resource_providers: [{ uuid: "p1", name: "a", generation: 1, parent_provider_uuid: null, root_provider_uuid: "p1" }, { uuid: "p2", name: "b", generation: 1, parent_provider_uuid: null, root_provider_uuid: "p2" }] }],
      [providersWithTraitPath("CUSTOM_GOLD"), { resource_providers: [{ uuid: "p2", name: "b", generation: 1, parent_provider_uuid: null, root_provider_uuid: "p2" }] }],
    ]);
    const r = traitAnswersFromListings(["p1", "p2", "p3"], (p) => answers.get(p));
    expect(r.ok && [...r.answers]).toEqual([
      ["p1", { traits: ["HW_CPU_X86_AVX2"] }],
      ["p2", { traits: ["CUSTOM_GOLD", "HW_CPU_X86_AVX2"] }],
      ["p3", { traits: [] }],
    ]);
    answers.set(providersWithTraitPath("CUSTOM_GOLD"), { providers: [] });
    expect(traitAnswersFromListings(["p1"], (p) => answers.get(p))).toMatchObject({ ok: false, problem: { kind: "MALFORMED_ANSWER", path: "/resource_providers?required=CUSTOM_GOLD" } });
  });
});

describe("Nova's servers (GET /servers/detail?all_tenants=1)", () => {
  it("give a consumer without a GET /allocations/{consumer} answer its project; Placement's answer wins when both", () => {
    const s = site();
    const [known] = Object.keys(s.consumers);
    const unknown = "b1b2b3b4-0000-4000-8000-000000000001";
    const r = readNovaAnswers([
      { name: "servers.json", body: { servers: [{ id: known, tenant_id: "from-nova", user_id: "u" }, { id: unknown, tenant_id: "proj-x" }, { id: "no-tenant" }] } },
    ]);
    expect(r.problems).toEqual(["servers.json: servers[2]: a server needs id and tenant_id"]);
    expect(r.site.servers.map((x) => x.id)).toEqual([known, unknown].sort());
    const merged = withNovaProjects(s, r.site);
    expect(merged.consumers[known!]).toEqual(s.consumers[known!]);
    expect(merged.consumers[unknown]).toEqual({ projectId: "proj-x", userId: "", consumerType: "INSTANCE" });
    expect(withNovaProjects(s, { ...r.site, servers: [] })).toBe(s);
  });
});
