import { describe, expect, it } from "vitest";
import { asId, type AggregateId, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { novaHost } from "./host.js";
import { buildTopology, metadataKey } from "./topology.js";

const host = (id: string, zone: string, rack: string, aggregates: string[] = []) =>
  novaHost({
    id: asId<HostId>(id),
    zone: asId<ZoneId>(zone),
    rack: asId<RackId>(rack),
    aggregates: aggregates.map((a) => asId<AggregateId>(a)),
    vcpus: 8,
    memoryMb: 8192,
    diskGb: 100,
  });

describe("buildTopology", () => {
  it("indexes hosts in id order and groups zones → racks → hosts", () => {
    const t = buildTopology([host("h-2", "az2", "r1"), host("h-0", "az1", "r1"), host("h-1", "az2", "r2")]);
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.hosts.map((h) => h.spec.id)).toEqual(["h-0", "h-1", "h-2"]);
    expect(t.value.zones.map((z) => [z.id, z.hosts])).toEqual([
      ["az1", [0]],
      ["az2", [1, 2]],
    ]);
    // "r1" of az1 and "r1" of az2 are two racks.
    expect(t.value.racks.map((r) => [r.id, r.zoneIndex, r.hosts])).toEqual([
      ["r1", 0, [0]],
      ["r1", 1, [2]],
      ["r2", 1, [1]],
    ]);
    expect(t.value.hostIndex(asId("h-2"))).toBe(2);
    expect(t.value.zoneIndex(asId("az2"))).toBe(1);
  });

  it("merges aggregate metadata per host as key → sorted values", () => {
    const t = buildTopology(
      [host("a", "z", "r", ["agg1", "agg2"]), host("b", "z", "r", ["agg2"])],
      [
        { id: asId("agg1"), metadata: { ssd: "true", tier: "gold" } },
        { id: asId("agg2"), metadata: { ssd: "false" } },
      ],
    );
    if (!t.ok) throw new Error(t.error.message);
    expect([...(t.value.hosts[0]?.metadata ?? [])]).toEqual([
      ["ssd", ["false", "true"]],
      ["tier", ["gold"]],
    ]);
    expect(t.value.metadataHosts.get(metadataKey("ssd", "false"))).toEqual([0, 1]);
    expect(t.value.metadataHosts.get(metadataKey("ssd", "true"))).toEqual([0]);
    expect(t.value.aggregates.map((a) => a.hosts)).toEqual([[0], [0, 1]]);
  });

  it("shares one merged metadata map among the hosts of one aggregate set (memory at 200,000 hosts)", () => {
    const t = buildTopology(
      [host("a", "z", "r", ["agg1"]), host("b", "z", "r", ["agg1"]), host("c", "z", "r"), host("d", "z", "r"), host("e", "z", "r", ["agg1", "agg2"])],
      [
        { id: asId("agg1"), metadata: { ssd: "true" } },
        { id: asId("agg2"), metadata: { ssd: "false" } },
      ],
    );
    if (!t.ok) throw new Error(t.error.message);
    const [a, b, c, d, e] = t.value.hosts;
    expect(a!.metadata).toBe(b!.metadata);
    expect(c!.metadata).toBe(d!.metadata);
    expect([...c!.metadata]).toEqual([]);
    expect([...e!.metadata]).toEqual([["ssd", ["false", "true"]]]);
    expect(t.value.metadataHosts.get(metadataKey("ssd", "true"))).toEqual([0, 1, 4]);
  });

  it("reports every problem at once", () => {
    const bad = { ...host("x", "z", "r", ["nope"]), inventories: { VCPU: { total: 0, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: 1, stepSize: 1 } } };
    const t = buildTopology([bad, host("x", "z", "r")]);
    expect(t.ok).toBe(false);
    if (t.ok) return;
    expect(t.error.kind).toBe("INVALID_ARGUMENT");
    expect(t.error.message).toContain("duplicate id");
    expect(t.error.message).toContain("unknown aggregate nope");
    expect(t.error.message).toContain("VCPU: total");
  });
});
