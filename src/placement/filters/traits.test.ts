/** The traits filter: Placement's required and forbidden traits, on the fast path and the reference scan alike. */
import { describe, expect, it } from "vitest";
import { asId, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { createNfviState, novaHost, type NfviState } from "../../nfvi/index.js";
import { select, selectReference } from "../policy.js";
import { resolvePolicy, withTraitsFilter } from "../registry.js";
import { makeRequest, type PlacementRequestInput } from "../request.js";

const TRAITS: ReadonlyArray<readonly string[]> = [[], ["HW_CPU_X86_AVX2"], ["HW_CPU_X86_AVX2", "HW_CPU_X86_AVX512F"], ["CUSTOM_GOLD", "HW_CPU_X86_AVX2"]];

function cloud(): NfviState {
  const hosts = TRAITS.map((traits, i) => ({
    ...novaHost({ id: asId<HostId>(`host-${i}`), zone: asId<ZoneId>("az1"), rack: asId<RackId>("r1"), vcpus: 16, memoryMb: 16896, diskGb: 100 }),
    ...(traits.length > 0 ? { traits } : {}),
  }));
  const s = createNfviState(hosts, []);
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

const spread = (() => {
  const p = resolvePolicy("spread");
  if (!p.ok) throw new Error(p.error.message);
  return withTraitsFilter(p.value);
})();

/** The host both the fast path and the reference scan choose (they must agree), or the refusal message. */
function chosen(input: Omit<PlacementRequestInput, "resources">): number | string {
  const r = makeRequest({ resources: { VCPU: 1, MEMORY_MB: 512 }, ...input });
  if (!r.ok) throw new Error(r.error.message);
  const s = cloud();
  const fast = select(spread, s, r.value);
  const ref = selectReference(spread, s, r.value);
  expect(fast.ok ? fast.value : fast.error.message).toEqual(ref.ok ? ref.value : ref.error.message);
  return fast.ok ? fast.value : fast.error.message;
}

describe("traits filter", () => {
  it("is added after capacity, once", () => {
    expect(spread.filters.map((f) => f.name)).toEqual(["host-list", "host-state", "availability-zone", "aggregate-metadata", "capacity", "traits", "anti-affinity", "affinity"]);
    expect(withTraitsFilter(spread)).toBe(spread);
  });

  it("passes only hosts with every required trait and none of the forbidden ones, with a countable reason", () => {
    expect(chosen({ requiredTraits: ["HW_CPU_X86_AVX512F"] })).toBe(2);
    expect(chosen({ requiredTraits: ["HW_CPU_X86_AVX2"], forbiddenTraits: ["HW_CPU_X86_AVX512F", "CUSTOM_GOLD"] })).toBe(1);
    expect(chosen({ forbiddenTraits: ["HW_CPU_X86_AVX2"] })).toBe(0);
    expect(chosen({ requiredTraits: ["CUSTOM_NONE"] })).toBe("0/4 hosts available: 4 trait CUSTOM_NONE missing");
    expect(chosen({ requiredTraits: ["CUSTOM_GOLD"], forbiddenTraits: ["CUSTOM_GOLD"] })).toMatch(/^0\/4 hosts available: 3 trait CUSTOM_GOLD missing, 1 trait CUSTOM_GOLD forbidden$/);
  });

  it("lets a request without traits go anywhere (hosts' traits restrict nothing by themselves)", () => {
    const r = makeRequest({ resources: { VCPU: 1 } });
    expect(r.ok && r.value.traits).toBeUndefined();
    expect(typeof chosen({})).toBe("number");
  });
});
