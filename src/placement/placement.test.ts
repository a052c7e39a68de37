import { describe, expect, it } from "vitest";
import { asId, type AggregateId, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { createNfviState, novaHost, type NfviState } from "../nfvi/index.js";
import { diagnose } from "./diagnosis.js";
import { explain } from "./explain.js";
import { selectReference, select } from "./policy.js";
import { DEFAULT_FILTERS, policySpecProblem, PREFABS, resolvePolicy, type PolicySpec } from "./registry.js";
import { makeRequest, type PlacementRequestInput } from "./request.js";
import type { Policy } from "./policy.js";

const hostId = (i: number): HostId => asId(`host-${String(i).padStart(3, "0")}`);

function cloud(
  n: number,
  over: (i: number) => Partial<Parameters<typeof novaHost>[0]> = () => ({}),
  aggregates: { id: string; metadata: Record<string, string> }[] = [],
): NfviState {
  const hosts = Array.from({ length: n }, (_, i) =>
    novaHost({ id: hostId(i), zone: asId<ZoneId>("az1"), rack: asId<RackId>("r1"), vcpus: 16, memoryMb: 16896, diskGb: 100, ...over(i) }),
  );
  const s = createNfviState(hosts, aggregates.map((a) => ({ id: asId<AggregateId>(a.id), metadata: a.metadata })));
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

const policy = (spec: PolicySpec): Policy => {
  const p = resolvePolicy(spec);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};

const request = (input: PlacementRequestInput) => {
  const r = makeRequest(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const chosen = (p: Policy, s: NfviState, input: PlacementRequestInput): number => {
  const r = select(p, s, request(input));
  const ref = selectReference(p, s, request(input));
  expect(r.ok ? r.value : -1).toBe(ref.ok ? ref.value : -1);
  return r.ok ? r.value : -1;
};

describe("registry", () => {
  it("lists the prefab policies and their parts", () => {
    expect(PREFABS.map((p) => [p.name, p.weighers.map((w) => `${w.name}:${w.multiplier}`)])).toEqual([
      ["balanced", ["cpu:1", "ram:1", "soft-affinity:1", "soft-anti-affinity:1"]],
      ["first-fit", []],
      ["pack", ["ram:-1", "soft-affinity:1", "soft-anti-affinity:1"]],
      ["spread", ["ram:1", "soft-affinity:1", "soft-anti-affinity:1"]],
    ]);
    for (const p of PREFABS) expect(p.filters).toEqual(DEFAULT_FILTERS);
    expect(DEFAULT_FILTERS).toEqual(["host-list", "host-state", "availability-zone", "aggregate-metadata", "capacity", "anti-affinity", "affinity"]);
  });

  it("answers an unknown name with the valid names", () => {
    expect(resolvePolicy("stack")).toEqual({
      ok: false,
      error: { kind: "INVALID_ARGUMENT", message: "unknown policy 'stack'; did you mean \"pack\"? valid: balanced, first-fit, pack, spread" },
    });
    const badFilter = resolvePolicy({ filters: ["capacity", "numa"] });
    expect(!badFilter.ok && badFilter.error.message).toBe(
      "unknown filter 'numa'; valid: accelerator, affinity, aggregate-metadata, anti-affinity, availability-zone, capacity, host-list, host-state, traits",
    );
    const badWeigher = resolvePolicy({ weighers: [{ name: "io" }] });
    expect(!badWeigher.ok && badWeigher.error.message).toBe(
      "unknown weigher 'io'; valid: cpu, disk, ram, soft-affinity, soft-anti-affinity",
    );
  });

  it("resolves specs: prefab default spread, replaced lists, default multipliers, finite multipliers only", () => {
    const p = policy({ weighers: [{ name: "cpu" }, { name: "ram", multiplier: -2 }] });
    expect(p.name).toBe("spread+custom");
    expect(p.filters.map((f) => f.name)).toEqual(DEFAULT_FILTERS);
    expect(p.weighers.map((w) => [w.weigher.name, w.multiplier])).toEqual([
      ["cpu", 1],
      ["ram", -2],
    ]);
    expect(policy("pack").name).toBe("pack");
    expect(resolvePolicy({ weighers: [{ name: "ram", multiplier: Number.POSITIVE_INFINITY }] }).ok).toBe(false);
    expect(resolvePolicy({ filters: ["capacity", "capacity"] }).ok).toBe(false);
  });

  it("falls back to the scan for a policy without the index prerequisites", () => {
    expect(policy({ filters: ["capacity"] }).plan).toBeNull();
    expect(policy("spread").plan).not.toBeNull();
  });
});

describe("select", () => {
  it("breaks ties by the lowest host index", () => {
    const s = cloud(5);
    for (const p of PREFABS) expect(chosen(policy(p.name), s, { resources: { VCPU: 1, MEMORY_MB: 512 } })).toBe(0);
  });

  it("spreads with RAM +1, packs with RAM −1, first-fit takes the lowest fitting id", () => {
    const s = cloud(4);
    s.claim("a", 0, { MEMORY_MB: 4096 });
    s.claim("b", 1, { MEMORY_MB: 2048 });
    s.claim("c", 2, { MEMORY_MB: 14336 }); // 2048 MB left
    const small = { resources: { MEMORY_MB: 1024 } };
    expect(chosen(policy("spread"), s, small)).toBe(3);
    expect(chosen(policy("pack"), s, small)).toBe(2);
    expect(chosen(policy("first-fit"), s, small)).toBe(0);
    expect(chosen(policy("pack"), s, { resources: { MEMORY_MB: 4096 } })).toBe(0);
  });

  it("honours zones, aggregate metadata, host states and host lists", () => {
    const s = cloud(
      6,
      (i) => ({ zone: asId<ZoneId>(i % 2 === 0 ? "az1" : "az2"), aggregates: i >= 4 ? [asId<AggregateId>("fast")] : [] }),
      [{ id: "fast", metadata: { ssd: "true" } }],
    );
    s.setHostState(1, "DOWN");
    const p = policy("first-fit");
    expect(chosen(p, s, { resources: { VCPU: 1 }, zone: asId<ZoneId>("az2") })).toBe(3);
    expect(chosen(p, s, { resources: { VCPU: 1 }, requiredMetadata: { ssd: "true" } })).toBe(4);
    expect(chosen(p, s, { resources: { VCPU: 1 }, requiredMetadata: { ssd: "true" }, zone: asId<ZoneId>("az2") })).toBe(5);
    expect(chosen(p, s, { resources: { VCPU: 1 }, zone: asId<ZoneId>("nowhere") })).toBe(-1);
    expect(chosen(p, s, { resources: { VCPU: 1 }, ignoreHosts: [0, 2] })).toBe(3);
    expect(chosen(p, s, { resources: { VCPU: 1 }, forceHosts: [1, 5] })).toBe(5);
  });

  it("a forced host skips the zone, aggregate-metadata and server-group filters (Nova), not the host state or capacity", () => {
    const s = cloud(
      4,
      (i) => ({ zone: asId<ZoneId>(i % 2 === 0 ? "az1" : "az2"), aggregates: i === 2 ? [asId<AggregateId>("fast")] : [] }),
      [{ id: "fast", metadata: { ssd: "true" } }],
    );
    const p = policy("first-fit");
    const one = { resources: { VCPU: 1 } };
    // Host 1 is in az2, has no ssd, holds an anti-affinity member, and no member of the affinity group (on 2).
    expect(chosen(p, s, { ...one, zone: asId<ZoneId>("az1"), forceHosts: [1] })).toBe(1);
    expect(chosen(p, s, { ...one, requiredMetadata: { ssd: "true" }, forceHosts: [1] })).toBe(1);
    expect(chosen(p, s, { ...one, group: { policy: "anti-affinity", maxServerPerHost: 1, members: new Map([[1, 1]]) }, forceHosts: [1] })).toBe(1);
    expect(chosen(p, s, { ...one, group: { policy: "affinity", members: new Map([[2, 1]]) }, forceHosts: [1] })).toBe(1);
    // Not forced, each of them refuses host 1.
    expect(chosen(p, s, { ...one, zone: asId<ZoneId>("az1"), ignoreHosts: [0, 2] })).toBe(-1);
    expect(chosen(p, s, { ...one, requiredMetadata: { ssd: "true" } })).toBe(2);
    expect(chosen(p, s, { ...one, group: { policy: "anti-affinity", maxServerPerHost: 1, members: new Map([[0, 1], [1, 1]]) } })).toBe(2);
    expect(chosen(p, s, { ...one, group: { policy: "affinity", members: new Map([[2, 1]]) } })).toBe(2);
    // Host state and capacity still apply to a forced host.
    s.setHostState(1, "DOWN");
    expect(chosen(p, s, { ...one, forceHosts: [1] })).toBe(-1);
    s.setHostState(1, "UP");
    expect(chosen(p, s, { resources: { VCPU: 1_000 }, forceHosts: [1] })).toBe(-1);
  });

  it("applies hard anti-affinity with max per host and hard affinity", () => {
    const s = cloud(3);
    const p = policy("spread");
    const anti = (members: [number, number][], maxServerPerHost = 1) =>
      chosen(p, s, { resources: { VCPU: 1 }, group: { policy: "anti-affinity", maxServerPerHost, members: new Map(members) } });
    expect(anti([[0, 1]])).toBe(1);
    expect(anti([[0, 1], [1, 1], [2, 1]])).toBe(-1);
    expect(anti([[0, 1], [1, 2], [2, 2]], 2)).toBe(0);
    const affinity = chosen(p, s, { resources: { VCPU: 1 }, group: { policy: "affinity", members: new Map([[2, 1]]) } });
    expect(affinity).toBe(2);
  });

  it("soft policies prefer member counts but never reject", () => {
    const s = cloud(3);
    const p = policy("spread");
    const soft = (policyName: "soft-affinity" | "soft-anti-affinity", members: [number, number][]) =>
      chosen(p, s, { resources: { VCPU: 1 }, group: { policy: policyName, members: new Map(members) } });
    expect(soft("soft-affinity", [[2, 1]])).toBe(2);
    expect(soft("soft-anti-affinity", [[0, 3], [1, 1]])).toBe(2);
    expect(soft("soft-anti-affinity", [[0, 3], [1, 1], [2, 1]])).toBe(1);
  });

  it("rejects a VM of 40 vCPUs on 32-core hosts with ratio 4", () => {
    const s = cloud(2, () => ({ vcpus: 32 }));
    const r = select(policy("spread"), s, request({ resources: { VCPU: 40 } }));
    expect(!r.ok && r.error.message).toBe("0/2 hosts available: 2 VCPU exceeds max_unit");
  });
});

describe("diagnosis", () => {
  it("counts each host once under its first rejecting filter, sorted by count then text", () => {
    const s = cloud(40, () => ({ memoryMb: 4096 }));
    for (let h = 0; h < 15; h++) s.setEnabled(h, false);
    const r = select(policy("spread"), s, request({ resources: { MEMORY_MB: 4000 } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe("NO_VALID_HOST");
    expect(r.error.message).toBe("0/40 hosts available: 25 insufficient MEMORY_MB, 15 host disabled");
    expect(r.error.detail).toEqual({ "insufficient MEMORY_MB": 25, "host disabled": 15 });
    expect(r.error.diagnosis.trail.map((t) => `${t.filter} ${t.hostsBefore}→${t.hostsAfter}`)).toEqual([
      "host-list 40→40",
      "host-state 40→25",
      "availability-zone 25→25",
      "aggregate-metadata 25→25",
      "capacity 25→0",
      "anti-affinity 0→0",
      "affinity 0→0",
    ]);
  });

  it("sorts equal counts by reason text", () => {
    const s = cloud(4);
    s.setHostState(0, "MAINTENANCE");
    s.setHostState(1, "DOWN");
    s.setEnabled(2, false);
    s.setEnabled(3, false);
    expect(diagnose(policy("spread"), s, request({ resources: { VCPU: 1 } })).text).toBe(
      "0/4 hosts available: 2 host disabled, 1 host down, 1 host in maintenance",
    );
  });
});

describe("explain", () => {
  it("shows who removed whom and the weighed candidates, best first", () => {
    const s = cloud(6);
    s.setEnabled(0, false);
    s.claim("x", 2, { VCPU: 4, MEMORY_MB: 8192 });
    s.claim("y", 3, { MEMORY_MB: 16384 - 512 });
    const e = explain(policy("balanced"), s, request({ resources: { VCPU: 2, MEMORY_MB: 4096 } }), { topK: 3, sampleHosts: 2 });
    expect(e.chosenHost).toBe("host-001");
    expect(e.outcome).toBe("placed on host-001");
    expect(e.candidateCount).toBe(4);
    const capacity = e.filters.find((f) => f.filter === "capacity");
    expect(capacity?.removed).toEqual([{ reason: "insufficient MEMORY_MB", count: 1, sampleHosts: ["host-003"] }]);
    expect(e.filters.find((f) => f.filter === "host-state")?.removed).toEqual([
      { reason: "host disabled", count: 1, sampleHosts: ["host-000"] },
    ]);
    expect(e.candidates.map((c) => [c.host, c.total])).toEqual([
      ["host-001", 2],
      ["host-004", 2],
      ["host-005", 2],
    ]);
    expect(e.candidates[0]?.weighers.map((w) => [w.weigher, w.raw, w.normalized])).toEqual([
      ["cpu", 64, 1],
      ["ram", 16384, 1],
      ["soft-affinity", 0, 0],
      ["soft-anti-affinity", 0, 0],
    ]);
  });
});

describe("makeRequest", () => {
  it("validates amounts and group parameters", () => {
    expect(makeRequest({ resources: { VCPU: -1 } }).ok).toBe(false);
    expect(makeRequest({ resources: { VCPU: 1 }, group: { policy: "anti-affinity", maxServerPerHost: 0 } }).ok).toBe(false);
    const r = makeRequest({ resources: { VCPU: 1 }, group: { policy: "affinity", members: new Map([[3, 0], [1, 2]]) } });
    expect(r.ok && [...(r.value.group?.members ?? [])]).toEqual([[1, 2]]);
  });
});

describe("soft-affinity multipliers (issue 17)", () => {
  it("a negative soft-affinity or soft-anti-affinity multiplier is refused, as Nova's option bound (min 0)", () => {
    for (const name of ["soft-affinity", "soft-anti-affinity"]) {
      expect(policySpecProblem({ weighers: [{ name, multiplier: -1 }] })).toBe(`weigher ${name}: multiplier must be ≥ 0 (Nova's bound), got -1`);
      expect(policySpecProblem({ weighers: [{ name, multiplier: 0 }] })).toBeUndefined();
    }
    expect(policySpecProblem({ weighers: [{ name: "ram", multiplier: -1 }] })).toBeUndefined();
  });
});
