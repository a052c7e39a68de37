/**
 * The incremental diagnosis equals the full one (diagnose) after every step of random sequences of
 * claims, releases, host state and enabled changes and inventory changes, for every prefab policy
 * and group-less requests with zones, metadata, ignore and force lists. fast-check prints the seed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asId, type AggregateId, type HostId, type RackId, type ResourceAmounts, type ZoneId } from "../domain/index.js";
import { createNfviState, type HostSpec, type HostOperationalState, type NfviState } from "../nfvi/index.js";
import { DiagnosisMemo } from "./diagnosis-memo.js";
import { diagnose } from "./diagnosis.js";
import { PREFABS, resolvePolicy } from "./registry.js";
import { makeRequest, type PlacementRequest } from "./request.js";

const AGGREGATES = [{ id: asId<AggregateId>("agg0"), metadata: { ssd: "true" } }];
const FLAVOURS: Partial<ResourceAmounts>[] = [
  { VCPU: 1, MEMORY_MB: 512, DISK_GB: 5 },
  { VCPU: 4, MEMORY_MB: 4096 },
  { VCPU: 2, MEMORY_MB: 1024, DISK_GB: 40 },
];

const hostArb = (i: number): fc.Arbitrary<HostSpec> =>
  fc
    .record({
      zone: fc.constantFrom("az0", "az1"),
      ssd: fc.boolean(),
      vcpus: fc.integer({ min: 1, max: 16 }),
      ramMb: fc.integer({ min: 512, max: 8192 }),
      diskGb: fc.option(fc.integer({ min: 5, max: 100 }), { freq: 4 }),
      maxUnit: fc.constantFrom(undefined, 2),
    })
    .map((h) => ({
      id: asId<HostId>(`host-${String(i).padStart(2, "0")}`),
      zone: asId<ZoneId>(h.zone),
      rack: asId<RackId>("r0"),
      aggregates: h.ssd ? [asId<AggregateId>("agg0")] : [],
      physicalCpus: 16,
      numaNodes: 1,
      hypervisorType: "QEMU",
      inventories: {
        VCPU: { total: h.vcpus, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: h.maxUnit ?? h.vcpus, stepSize: 1 },
        MEMORY_MB: { total: h.ramMb, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: h.ramMb, stepSize: 1 },
        ...(h.diskGb === null ? {} : { DISK_GB: { total: h.diskGb, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: h.diskGb, stepSize: 1 } }),
      },
      state: "UP" as const,
      enabled: true,
    }));

type Step =
  | { kind: "claim"; host: number; flavour: number }
  | { kind: "release"; pick: number }
  | { kind: "state"; host: number; state: HostOperationalState }
  | { kind: "enabled"; host: number; enabled: boolean }
  | { kind: "ram"; host: number; totalMb: number }
  | { kind: "diagnose"; request: number; epochBump: boolean };

const stepArb = (hosts: number, requests: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("claim" as const), host: fc.nat(hosts - 1), flavour: fc.nat(FLAVOURS.length - 1) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat(1000) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("state" as const), host: fc.nat(hosts - 1), state: fc.constantFrom<HostOperationalState>("UP", "DOWN", "MAINTENANCE") }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("enabled" as const), host: fc.nat(hosts - 1), enabled: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("ram" as const), host: fc.nat(hosts - 1), totalMb: fc.integer({ min: 256, max: 8192 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("diagnose" as const), request: fc.nat(requests - 1), epochBump: fc.integer({ min: 0, max: 9 }).map((x) => x === 0) }) },
  );

function requestsOf(n: number): PlacementRequest[] {
  const inputs = [
    { resources: FLAVOURS[0]! },
    { resources: FLAVOURS[1]!, zone: asId<ZoneId>("az1") },
    { resources: FLAVOURS[2]!, requiredMetadata: { ssd: "true" } },
    { resources: { VCPU: 3, MEMORY_MB: 700 }, ignoreHosts: [0, 1] },
    { resources: FLAVOURS[0]!, forceHosts: [1, n - 1] },
  ];
  return inputs.map((input) => {
    const r = makeRequest(input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  });
}

function apply(nfvi: NfviState, step: Step, live: string[], next: { no: number }): void {
  if (step.kind === "claim") {
    const id = `c${next.no++}`;
    if (nfvi.claim(id, step.host, FLAVOURS[step.flavour]!).ok) live.push(id);
  } else if (step.kind === "release") {
    if (live.length === 0) return;
    const [id] = live.splice(step.pick % live.length, 1);
    nfvi.release(id!);
  } else if (step.kind === "state") nfvi.setHostState(step.host, step.state);
  else if (step.kind === "enabled") nfvi.setEnabled(step.host, step.enabled);
  else if (step.kind === "ram") {
    nfvi.setInventory(step.host, "MEMORY_MB", { total: step.totalMb, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: step.totalMb, stepSize: 1 });
  }
}

describe("DiagnosisMemo", () => {
  it("equals the full diagnosis after every change, for every prefab policy", () => {
    const policies = PREFABS.map((p) => {
      const r = resolvePolicy(p.name);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    });
    const scenarioArb = fc.integer({ min: 2, max: 12 }).chain((n) =>
      fc.record({
        hosts: fc.tuple(...Array.from({ length: n }, (_, i) => hostArb(i))),
        policy: fc.nat(policies.length - 1),
        steps: fc.array(stepArb(n, 5), { minLength: 1, maxLength: 60 }),
      }),
    );
    let diagnosed = 0;
    let refusedSome = 0;
    fc.assert(
      fc.property(scenarioArb, ({ hosts, policy, steps }) => {
        const built = createNfviState(hosts, AGGREGATES, { shapes: FLAVOURS });
        if (!built.ok) throw new Error(built.error.message);
        const nfvi = built.value;
        const parts = policies[policy]!;
        const requests = requestsOf(hosts.length);
        const memos = requests.map((r) => new DiagnosisMemo(parts, nfvi, r));
        const live: string[] = [];
        const next = { no: 0 };
        let epoch = 0;
        for (const step of steps) {
          if (step.kind !== "diagnose") {
            apply(nfvi, step, live, next);
            continue;
          }
          if (step.epochBump) epoch++;
          const expected = diagnose(parts, nfvi, requests[step.request]!);
          expect(memos[step.request]!.diagnose(epoch)).toEqual(expected);
          diagnosed++;
          if (expected.available < hosts.length) refusedSome++;
        }
      }),
      { numRuns: 150 },
    );
    // The comparison must have happened, on hosts that filters rejected.
    expect(diagnosed).toBeGreaterThan(100);
    expect(refusedSome).toBeGreaterThan(50);
  });

  it("refuses grouped requests, whose members change without a host generation", () => {
    const r = makeRequest({ resources: { VCPU: 1 }, group: { policy: "anti-affinity" } });
    if (!r.ok) throw new Error(r.error.message);
    const built = createNfviState([], AGGREGATES, {});
    if (!built.ok) throw new Error(built.error.message);
    const policy = resolvePolicy("first-fit");
    if (!policy.ok) throw new Error(policy.error.message);
    expect(() => new DiagnosisMemo(policy.value, built.value, r.value)).toThrow(/grouped request/);
  });
});
