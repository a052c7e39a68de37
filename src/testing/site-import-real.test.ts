/**
 * `import openstack` against a real OpenStack Placement (Debian's python3-placement, SQLite, noauth2,
 * loopback; placement-server.ts): a small site is built through Placement's API (root providers in
 * their own aggregates, a nested vGPU provider, a custom FPGA class, traits, a disabled compute,
 * allocations spanning parent and child), imported over HTTP, and the model's capacities and the run's
 * state at time 0 are checked against what Placement reports. Fails, not skips, without Placement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPlacementSite } from "../ingest/openstack/placement-answers.js";
import { importOpenStack, readNovaAnswers, type ImportOutput } from "../ingest/index.js";
import { readPlacementOverHttp } from "../cli/import-openstack.js";
import { CommandFailure } from "../cli/exit-codes.js";
import { formatInputIssue, loadScenario, memoryReader, runScenario, type RunSpec } from "../scenario/index.js";
import { startPlacementServer, type PlacementServer } from "./placement-server.js";

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CMP1 = uuid(1);
const CMP2 = uuid(2);
const GPU1 = uuid(3);
const AGG1 = uuid(11);
const AGG2 = uuid(12);
const VM_A = uuid(21);
const VM_B = uuid(22);
const inv = (total: number, reserved: number, ratio: number, over: object = {}) => ({ total, reserved, allocation_ratio: ratio, min_unit: 1, max_unit: total, step_size: 1, ...over });

describe("import openstack from a real Placement", () => {
  let server: PlacementServer | undefined;
  const api = (): PlacementServer => server!;
  const ok = async (method: string, path: string, body?: unknown): Promise<void> => {
    const r = await api().request(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const generation = async (p: string): Promise<number> => ((await api().request("GET", `/resource_providers/${p}`)).body as { generation: number }).generation;
  const put = async (p: string, part: string, body: object) => ok("PUT", `/resource_providers/${p}/${part}`, { ...body, resource_provider_generation: await generation(p) });

  beforeAll(async () => {
    server = await startPlacementServer();
    await ok("PUT", "/traits/CUSTOM_NFVTWIN_GOLD");
    await ok("PUT", "/resource_classes/CUSTOM_NFVTWIN_FPGA");
    await ok("POST", "/resource_providers", { name: "site-cmp1", uuid: CMP1 });
    await ok("POST", "/resource_providers", { name: "site-cmp2", uuid: CMP2 });
    await ok("POST", "/resource_providers", { name: "site-cmp1_gpu0", uuid: GPU1, parent_provider_uuid: CMP1 });
    await put(CMP1, "inventories", { inventories: { VCPU: inv(32, 2, 4), MEMORY_MB: inv(131072, 4096, 1.5), DISK_GB: inv(1000, 0, 1, { step_size: 10, max_unit: 500 }) } });
    // A PCPU ratio other than 1 and min_unit above max_unit: Placement stores both, the import must load them.
    await put(CMP2, "inventories", { inventories: { VCPU: inv(16, 0, 2, { min_unit: 4, max_unit: 2 }), PCPU: inv(8, 0, 2), MEMORY_MB: inv(65536, 512, 1), DISK_GB: inv(500, 0, 1) } });
    await put(GPU1, "inventories", { inventories: { VGPU: inv(4, 0, 1), CUSTOM_NFVTWIN_FPGA: inv(2, 0, 1) } });
    await put(CMP1, "aggregates", { aggregates: [AGG1] });
    await put(CMP2, "aggregates", { aggregates: [AGG2] });
    await put(CMP1, "traits", { traits: ["HW_CPU_X86_AVX2", "CUSTOM_NFVTWIN_GOLD"] });
    await put(CMP2, "traits", { traits: ["HW_CPU_X86_AVX2", "COMPUTE_STATUS_DISABLED"] });
    const claim = (consumer: string, allocations: object, project: string) =>
      ok("PUT", `/allocations/${consumer}`, { allocations, project_id: project, user_id: "u", consumer_generation: null, consumer_type: "INSTANCE" });
    await claim(VM_A, { [CMP1]: { resources: { VCPU: 4, MEMORY_MB: 8192, DISK_GB: 40 } }, [GPU1]: { resources: { VGPU: 1 } } }, "tenant-a");
    await claim(VM_B, { [CMP2]: { resources: { PCPU: 2, MEMORY_MB: 4096, DISK_GB: 20 } } }, "tenant-b");
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** The site read over HTTP, imported, loaded as files, and run to the end of time 0. */
  async function imported(): Promise<{ out: ImportOutput; spec: RunSpec }> {
    const site = await readPlacementOverHttp(api().baseUrl, "admin");
    const out = importOpenStack({ placement: site, name: "real", sources: ["test"], modelRef: "real.yaml" });
    const loaded = loadScenario(memoryReader({ "s/scenario.yaml": out.scenarioText, "s/real.yaml": out.modelText }), "s/scenario.yaml", () => undefined);
    if (!loaded.ok) throw new Error(loaded.issues.map(formatInputIssue).join("\n"));
    return { out, spec: loaded.value };
  }

  it("the model's capacities, the servers' hosts and the usages at time 0 are Placement's", async () => {
    const { out, spec } = await imported();
    expect(out.hosts.map((h) => [h.provider, h.zone, h.disabled, h.traits])).toEqual([
      // Both aggregates start with the same 8 characters: their zones are named by the whole uuid.
      ["site-cmp1", `agg-${AGG1}`, false, ["CUSTOM_NFVTWIN_GOLD", "HW_CPU_X86_AVX2"]],
      ["site-cmp2", `agg-${AGG2}`, true, ["HW_CPU_X86_AVX2"]],
    ]);
    expect(out.servers.map((s) => [s.id, s.tenant, s.host])).toEqual([
      [VM_A, "tenant-a", out.hosts[0]!.hostId],
      [VM_B, "tenant-b", out.hosts[1]!.hostId],
    ]);
    // Capacities: int((total − reserved) × ratio) per class, as Placement computes them.
    const byId = new Map(spec.model.hosts.map((h) => [h.id, h]));
    const cmp1 = byId.get(out.hosts[0]!.hostId)!.inventories;
    const cmp2 = byId.get(out.hosts[1]!.hostId)!.inventories;
    expect(cmp1.DISK_GB).toEqual({ total: 1000, reserved: 0, allocationRatio: 1, maxUnit: 500, stepSize: 10 });
    expect(cmp1.MEMORY_MB).toMatchObject({ total: 131072, reserved: 4096, allocationRatio: 1.5 });
    expect(cmp2.PCPU).toMatchObject({ total: 8, allocationRatio: 2 });
    expect(cmp2.VCPU).toMatchObject({ minUnit: 4, maxUnit: 2 });
    expect(spec.warnings.some((w) => /minUnit 4 > maxUnit 2/.test(w))).toBe(true);
    expect(spec.warnings.some((w) => /PCPU: allocationRatio 2/.test(w))).toBe(true);
    const result = runScenario({ ...spec, stop: { ...spec.stop, horizonMs: 1000 } });
    for (const [h, provider] of [[0, CMP1], [1, CMP2]] as const) {
      const usages = ((await api().request("GET", `/resource_providers/${provider}/usages`)).body as { usages: Record<string, number> }).usages;
      const inventories = ((await api().request("GET", `/resource_providers/${provider}/inventories`)).body as { inventories: Record<string, { total: number; reserved: number; allocation_ratio: number }> }).inventories;
      const zone = result.summary.utilisation[out.hosts[h]!.zone]!;
      for (const rc of ["VCPU", "PCPU", "MEMORY_MB", "DISK_GB"]) {
        const i = inventories[rc];
        expect(zone[rc]?.capacity ?? 0, `${provider} ${rc} capacity`).toBe(i === undefined ? 0 : Math.floor((i.total - i.reserved) * i.allocation_ratio));
        expect(zone[rc]?.peakUsed ?? 0, `${provider} ${rc} used`).toBe(usages[rc] ?? 0);
      }
    }
    // The vGPU allocation on the nested provider holds a GPU handle of the imported device.
    const gpu = ((await api().request("GET", `/resource_providers/${GPU1}/usages`)).body as { usages: Record<string, number> }).usages;
    expect(result.summary.accelerators?.utilisation["all"]?.["GPU"]).toMatchObject({ handles: 4, peakBound: gpu["VGPU"] });
    expect(result.summary.servers.aliveAtEnd).toBe(2);
  });

  it("an error status or a missing token is exit 2 naming the URL and the status, never the token", async () => {
    const refused = async (url: string, token: string | undefined): Promise<CommandFailure> => {
      try {
        await readPlacementOverHttp(url, token);
      } catch (e) {
        if (e instanceof CommandFailure) return e;
        throw e;
      }
      throw new Error("accepted");
    };
    const noToken = await refused(api().baseUrl, undefined);
    expect(noToken.exitCode).toBe(2);
    expect(noToken.lines).toEqual([`nfvtwin: Placement at ${api().baseUrl}/resource_providers answered 401 Unauthorized`]);
    const wrongPath = await refused(`${api().baseUrl}/nothing-here`, "admin-secret-token");
    expect(wrongPath.lines.join("\n")).toMatch(/^nfvtwin: Placement at http:\/\/127\.0\.0\.1:\d+\/nothing-here\/resource_providers answered 40\d/);
    expect(wrongPath.lines.join("\n")).not.toContain("admin-secret-token");
  });

  it("reads the same site from recorded answers as over HTTP, traits and usages from bulk answers", async () => {
    const stats = { requests: 0 };
    const live = await readPlacementOverHttp(api().baseUrl, "admin", stats);
    // Providers and associated traits, 3 traits' listings, 3 parts of 3 providers, 2 consumers (not 5 parts per provider).
    expect(stats.requests).toBe(2 + 3 + 3 * 3 + 2);
    const answers = new Map<string, unknown>();
    for (const path of ["/resource_providers", ...live.providers.flatMap((p) => ["inventories", "aggregates", "traits", "usages", "allocations"].map((x) => `/resource_providers/${p.uuid}/${x}`)), `/allocations/${VM_A}`, `/allocations/${VM_B}`]) {
      answers.set(path, (await api().request("GET", path)).body);
    }
    const recorded = readPlacementSite((path) => answers.get(path));
    expect(recorded.ok && recorded.site).toEqual(live);
  });
  it("asks no GET /allocations/{consumer} for a server Nova lists with its project, and takes Nova's project", async () => {
    const stats = { requests: 0 };
    const live = await readPlacementOverHttp(api().baseUrl, "admin", stats, new Set([VM_A]));
    expect(stats.requests).toBe(2 + 3 + 3 * 3 + 1);
    expect(Object.keys(live.consumers)).toEqual([VM_B]);
    const nova = readNovaAnswers([{ name: "servers.json", body: { servers: [{ id: VM_A, tenant_id: "tenant-a", user_id: "u" }] } }]);
    expect(nova.problems).toEqual([]);
    const out = importOpenStack({ placement: live, nova: nova.site, name: "real", sources: ["test"], modelRef: "real.yaml" });
    expect(out.servers.map((s) => [s.id, s.tenant]).sort()).toEqual([
      [VM_A, "tenant-a"],
      [VM_B, "tenant-b"],
    ]);
    expect(out.notes.filter((n) => n.reason.includes("project is unknown"))).toEqual([]);
  });
});
