/**
 * nfvtwin's NFVI against a real OpenStack Placement (Debian's python3-placement, SQLite, loopback;
 * placement-server.ts starts it once for this file). Random providers, inventories and claim sequences
 * go to both; every decision, every allocation-candidate answer and the final inventories and usages
 * must agree. The recorded samples replay into it as they were recorded, and the places where the twin
 * differs on purpose are pinned. Fails, not skips, when Placement is not installed (.ci/run installs it).
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBoth } from "./placement-differential.js";
import { arbHost, arbOp, createProviders, makeTwin, placementInventory, twinCandidates, uuidSequence } from "./placement-real.js";
import { sampleHosts } from "./placement-samples.js";
import { startPlacementServer, type PlacementServer } from "./placement-server.js";

describe("nfvtwin's NFVI against a real OpenStack Placement", () => {
  let server: PlacementServer | undefined;
  const nextUuid = uuidSequence();
  const api = (): PlacementServer => server!;
  /** PUT /allocations for a new consumer with `resources` on one provider; the HTTP status. */
  const claim = async (consumer: string, provider: string, resources: object, consumerGeneration: number | null = null): Promise<number> => {
    const body = { allocations: { [provider]: { resources } }, project_id: "p", user_id: "u", consumer_generation: consumerGeneration, consumer_type: "INSTANCE" };
    return (await api().request("PUT", `/allocations/${consumer}`, body)).status;
  };
  const generation = async (provider: string): Promise<number> => ((await api().request("GET", `/resource_providers/${provider}`)).body as { generation: number }).generation;

  beforeAll(async () => {
    server = await startPlacementServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("takes the same claim, deletion and inventory decisions and reports the same capacities and usages", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbHost, { minLength: 1, maxLength: 3 }), fc.array(arbOp, { minLength: 1, maxLength: 10 }), async (hosts, ops) => {
        const answers = await runBoth(api(), hosts, ops, nextUuid);
        expect(answers.steps.filter((s) => !isDeepStrictEqual(s.placement, s.twin))).toEqual([]);
        expect(answers.twin).toEqual(answers.placement);
      }),
      { numRuns: 30 },
    );
  });

  it("replays the recorded samples into the recorded usages, on Placement and in the twin", async () => {
    const hosts = sampleHosts();
    const twin = makeTwin(hosts.map((h) => h.inventories));
    for (const [h, host] of hosts.entries()) {
      expect((await api().request("POST", "/resource_providers", { name: host.name, uuid: host.uuid })).status).toBe(200);
      const records = Object.fromEntries(Object.entries(host.inventories).map(([rc, inv]) => [rc, placementInventory(inv)]));
      expect((await api().request("PUT", `/resource_providers/${host.uuid}/inventories`, { resource_provider_generation: 0, inventories: records })).status).toBe(200);
      for (const [consumer, amounts] of Object.entries(host.allocations)) {
        expect(await claim(consumer, host.uuid, amounts)).toBe(204);
        expect(twin.state.claim(consumer, h, amounts).ok).toBe(true);
      }
      const usages = (await api().request("GET", `/resource_providers/${host.uuid}/usages`)).body as { usages: object };
      expect(usages.usages).toEqual(host.usages);
      expect((await api().request("GET", `/resource_providers/${host.uuid}/inventories`)).body).toMatchObject({ inventories: host.records });
    }
    // A medium flavour: Placement's candidates among the sample hosts are the twin's capacity-filter survivors.
    const flavour = { VCPU: 8, MEMORY_MB: 16384, DISK_GB: 80 };
    const candidates = (await api().request("GET", "/allocation_candidates?resources=VCPU:8,MEMORY_MB:16384,DISK_GB:80")).body as { allocation_requests: { allocations: object }[] };
    const fitting = candidates.allocation_requests.flatMap((r) => Object.keys(r.allocations)).map((uuid) => hosts.findIndex((h) => h.uuid === uuid)).filter((h) => h >= 0);
    expect(fitting.sort((a, b) => a - b)).toEqual(twinCandidates(twin, flavour).passing);
  });

  describe("where the twin differs from Placement on purpose (the random runs avoid these)", () => {
    /** A fresh provider with one VCPU inventory; its uuid and the twin of it. */
    async function oneHost(over: object = {}): Promise<{ uuid: string; twin: ReturnType<typeof makeTwin> }> {
      const inventory = { total: 8, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: 8, stepSize: 1, ...over };
      const { uuids } = await createProviders(api(), [{ VCPU: inventory }], nextUuid);
      return { uuid: uuids[0]!, twin: makeTwin([{ VCPU: inventory }]) };
    }
    const inventoryPut = async (uuid: string, record: object): Promise<number> =>
      (await api().request("PUT", `/resource_providers/${uuid}/inventories/VCPU`, { resource_provider_generation: await generation(uuid), ...record })).status;
    const vcpu = (over: object) => ({ total: 8, reserved: 0, allocation_ratio: 1, min_unit: 1, max_unit: 8, step_size: 1, ...over });

    it("generations: Placement moves a provider's on a claim, not on DELETE /allocations; the twin's on both", async () => {
      const { uuid, twin } = await oneHost();
      const before = await generation(uuid);
      const consumer = nextUuid();
      expect(await claim(consumer, uuid, { VCPU: 1 })).toBe(204);
      expect((await api().request("DELETE", `/allocations/${consumer}`)).status).toBe(204);
      expect((await generation(uuid)) - before).toBe(1);
      twin.state.claim(consumer, 0, { VCPU: 1 });
      twin.state.release(consumer);
      expect(twin.state.generation(0)).toBe(2);
    });

    it("an inventory the twin refuses and Placement stores: reserved > total by less than 1/ratio (min_unit > max_unit and ratio 0 now load, issue 19)", async () => {
      const { uuid, twin } = await oneHost();
      expect(await inventoryPut(uuid, vcpu({ min_unit: 4, max_unit: 2 }))).toBe(200);
      expect(twin.state.setInventory(0, "VCPU", { total: 8, reserved: 0, allocationRatio: 1, minUnit: 4, maxUnit: 2, stepSize: 1 })).toMatchObject({ ok: true });
      expect(await inventoryPut(uuid, vcpu({ allocation_ratio: 0 }))).toBe(200);
      expect(twin.state.setInventory(0, "VCPU", { total: 8, reserved: 0, allocationRatio: 0, minUnit: 1, maxUnit: 8, stepSize: 1 })).toMatchObject({ ok: true });
      // int((1 − 2) × 0.1) is 0, not below 0, so Placement's reserved check lets it through.
      expect(await inventoryPut(uuid, vcpu({ total: 1, reserved: 2, allocation_ratio: 0.1 }))).toBe(200);
      expect(twin.state.setInventory(0, "VCPU", { total: 1, reserved: 2, allocationRatio: 0.1, minUnit: 1, maxUnit: 8, stepSize: 1 })).toMatchObject({ ok: false });
    });

    it("claims: Placement replaces a consumer's allocations; the twin refuses the second claim; both refuse an empty one (issue 19)", async () => {
      const { uuid, twin } = await oneHost();
      const consumer = nextUuid();
      expect(await claim(consumer, uuid, { VCPU: 2 })).toBe(204);
      expect(await claim(consumer, uuid, { VCPU: 3 }, 1)).toBe(204);
      expect(((await api().request("GET", `/resource_providers/${uuid}/usages`)).body as { usages: object }).usages).toEqual({ VCPU: 3 });
      expect(twin.state.claim(consumer, 0, { VCPU: 2 }).ok).toBe(true);
      expect(twin.state.claim(consumer, 0, { VCPU: 3 })).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
      expect(await claim(nextUuid(), uuid, {})).toBe(400);
      expect(twin.state.claim("empty", 0, {})).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    });

    it("removing an absent inventory: Placement answers 404, the twin's setInventory(undefined) accepts it", async () => {
      const { uuid, twin } = await oneHost();
      expect((await api().request("DELETE", `/resource_providers/${uuid}/inventories/DISK_GB`)).status).toBe(404);
      expect(twin.state.setInventory(0, "DISK_GB", undefined).ok).toBe(true);
    });
  });
});
